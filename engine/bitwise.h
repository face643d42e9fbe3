#pragma once
// &, |, ^ and ~ on bool and integer arrays: how learners combine masks, (a > 0) & (a < 5).

#include "array.h"
#include "scalar.h"

namespace av::engine {

enum class BitwiseOp : std::uint8_t { And, Or, Xor };

// `lhs op rhs` for & | ^, with each library's promotion and Python's operator protocol between the two
// libraries (tensor op ndarray is a tensor; ndarray op tensor raises TypeError).
ArrayPtr bitwise(BitwiseOp op, const Value& lhs, const Value& rhs);
// ~x: logical not for bool, bitwise not for integers; refused for floats with each library's message.
ArrayPtr invert(const ArrayPtr& x);

}  // namespace av::engine
