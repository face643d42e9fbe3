#pragma once
// The result dtype of a binary op in each library: torch's ResultTypeState, which ranks dimensioned
// tensors over zero-dim tensors over wrapped Python numbers and lets a lower rank matter only when it is of
// a higher category; and NumPy 1.24's legacy value-based casting, where a scalar or 0-d operand is
// replaced by the smallest type that holds its value when it is not of a higher kind than the arrays.

#include "array.h"
#include "scalar.h"

#include <optional>
#include <span>
#include <string>

namespace av::engine {

struct PromotionOperand {
    const Array* array = nullptr;  // a tensor or ndarray (NumPy scalars included), or
    std::optional<Scalar> number;  // a Python number
};

// For torch, ndarray operands count as tensors (torch converts them) and numbers are wrapped numbers.
DType torchResultType(std::span<const PromotionOperand> operands);
// NumPy's common type of the operands, which may be one aliasview does not store: a Python int such as 300
// beside a uint8 array makes uint16 (and larger values uint32/uint64).
struct NumpyCommonType {
    std::optional<DType> dtype;  // empty for uint16, uint32, uint64
    DTypeKind kind = DTypeKind::Float;
    int itemsize = 8;

    std::string name() const;  // "uint16", as numpy names it
};

// For NumPy, 0-d arrays, NumPy scalars and Python numbers are the scalars of value-based casting. This is
// PyArray_ResultType, which add, subtract, multiply and the comparisons use.
NumpyCommonType numpyCommonType(std::span<const PromotionOperand> operands);
// The loop linear_search_type_resolver picks for the ufuncs that resolve types by searching their loops
// (floor_divide, remainder, power; true_divide with a float operand): the first of int8, uint8, int16, uint16,
// ..., uint64 (integerLoops), float16, float32, float64 that every operand casts to safely, value-based for
// scalars. It differs from numpyCommonType: np.uint8 array // 300 runs in int16, + in uint16.
NumpyCommonType numpyLoopType(std::span<const PromotionOperand> operands, bool integerLoops);
// np.can_cast(from, to, 'same_kind') for a common type that may be unmodelled (uint16 casts to any integer
// or float, not to bool).
bool numpyCanCastSameKind(const NumpyCommonType& from, DType to);
// can_cast_scalar_to(scalar, to, 'same_kind'): a 0-d array, NumPy scalar or Python number casts by its value
// (np.copyto(uint8_array, 300) passes as uint16 -> uint8; -1 fails as int8 -> uint8).
bool numpyCanCastScalarSameKind(const PromotionOperand& scalar, DType to);
// numpyCommonType, raising NotImplementedError where NumPy would pick uint16/uint32/uint64.
DType numpyResultType(std::span<const PromotionOperand> operands);
[[noreturn]] void throwUnmodelledNumpyType(const NumpyCommonType& type);

}  // namespace av::engine
