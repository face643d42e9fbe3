#pragma once
// Elementwise arithmetic and comparisons with each library's broadcasting and type promotion (torch's
// category rules for wrapped numbers, NumPy 1.24's value-based casting), and the in-place forms that write
// through the write path: add_ / += and friends, copy_, fill_, zero_, clamp_.

#include "array.h"
#include "scalar.h"

#include <optional>
#include <string_view>

namespace av::engine {

enum class BinaryOp : std::uint8_t {
    Add,
    Sub,
    Mul,
    Div,       // true division: /
    FloorDiv,  // //
    Mod,       // %
    Pow,       // **
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
};

// The Python operator's symbol, "+", "//", "<=".
std::string_view symbolOf(BinaryOp op);
bool isComparison(BinaryOp op);

// `lhs op rhs` with Python's operator protocol between the two libraries: tensor op ndarray gives a
// tensor, ndarray op tensor raises the TypeError the real libraries raise (except `/`, which torch's
// __rtruediv__ accepts), numbers may sit on either side. At least one operand is an array. The result is
// an array, except where Python falls back to identity (`ndarray == tensor` is False): then a Scalar.
Value binary(BinaryOp op, const Value& lhs, const Value& rhs);

// `lhs @ rhs` (torch.matmul / np.matmul semantics, including 1-D and batched operands).
ArrayPtr matmul(const Value& lhs, const Value& rhs);

// -x and abs(x).
ArrayPtr negate(const ArrayPtr& x);
ArrayPtr absolute(const ArrayPtr& x);

// How an in-place op was spelled; it decides messages and, for NumPy, which ufunc is named.
enum class InplaceSpelling : std::uint8_t {
    Operator,  // x += y (tensor: add_; ndarray: np.add(x, y, out=x))
    Method,    // x.add_(y) (torch only)
};

// `self op= other` (Operator) or self.add_(other) (Method). Returns the object Python binds afterwards:
// self when the op ran in place, a new array where Python fell back to `self = self op other` (a tensor
// with an ndarray operand, an ndarray divided by a tensor). For op, only Add, Sub, Mul, Div, FloorDiv,
// Mod and Pow are in-place ops. alpha is torch's add_(other, alpha=...) / sub_(other, alpha=...).
Value inplace(BinaryOp op, const Value& self, const Value& other, InplaceSpelling spelling = InplaceSpelling::Operator,
              std::optional<Scalar> alpha = std::nullopt);

// NumPy ufunc with out=: np.add(a, b, out=o) etc. Returns out.
ArrayPtr ufuncInto(BinaryOp op, const Value& lhs, const Value& rhs, const ArrayPtr& out);

// torch in-place methods. Each returns self.
ArrayPtr copyInplace(const ArrayPtr& self, const ArrayPtr& src);  // self.copy_(src): any dtype, broadcast src
ArrayPtr fillInplace(const ArrayPtr& self, const Value& value);    // self.fill_(v); ndarray.fill(v) too
ArrayPtr zeroInplace(const ArrayPtr& self);                         // self.zero_()
ArrayPtr clampInplace(const ArrayPtr& self, std::optional<Scalar> min, std::optional<Scalar> max);

// np.copyto(dst, src): same_kind casting, broadcasting; overlap is handled by copying src first.
void numpyCopyTo(const ArrayPtr& dst, const Value& src);

// Broadcasts src to dst's shape the way an in-place write requires (src may have fewer dims; never
// changes dst's shape); raises the library's message. Exposed for item assignment.
void checkBroadcastsInto(const Array& dst, IntSpan srcSizes, std::string_view torchOp);

}  // namespace av::engine
