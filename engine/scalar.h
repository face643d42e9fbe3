#pragma once
// A Python number (bool, int or float) as an operand: torch treats it as a "wrapped number" that only
// decides the result type when it is of a higher kind; NumPy applies value-based casting to it.

#include "array.h"
#include "dtype.h"

#include <cstdint>
#include <string>
#include <variant>

namespace av::engine {

class Scalar {
public:
    enum class Kind : std::uint8_t { Bool, Int, Float };

    Scalar(bool value) : m_value(value) {}  // NOLINT(google-explicit-constructor): Python literals convert freely
    Scalar(std::int64_t value) : m_value(value) {}  // NOLINT(google-explicit-constructor)
    Scalar(int value) : m_value(static_cast<std::int64_t>(value)) {}  // NOLINT(google-explicit-constructor)
    Scalar(double value) : m_value(value) {}  // NOLINT(google-explicit-constructor)

    Kind kind() const { return static_cast<Kind>(m_value.index()); }
    bool isBool() const { return kind() == Kind::Bool; }
    bool isInt() const { return kind() == Kind::Int; }
    bool isFloat() const { return kind() == Kind::Float; }

    bool toBool() const;
    std::int64_t toInt() const;  // floats truncate toward zero
    double toDouble() const;

    // The dtype a library gives this value on its own: torch.tensor(v) / np.array(v).
    DType defaultDType(Flavour flavour) const;
    // Python's repr: "True", "5", "2.5", "1e-05".
    std::string repr() const;

private:
    std::variant<bool, std::int64_t, double> m_value;
};

// An operand of a Python expression: an array (either flavour, including NumPy scalars) or a number.
using Value = std::variant<ArrayPtr, Scalar>;

}  // namespace av::engine
