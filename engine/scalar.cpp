#include "scalar.h"

#include "pyformat.h"

#include <cmath>

namespace av::engine {

bool Scalar::toBool() const
{
    switch (kind()) {
    case Kind::Bool: return std::get<bool>(m_value);
    case Kind::Int: return std::get<std::int64_t>(m_value) != 0;
    case Kind::Float: return std::get<double>(m_value) != 0.0;
    }
    return false;
}

std::int64_t Scalar::toInt() const
{
    switch (kind()) {
    case Kind::Bool: return std::get<bool>(m_value) ? 1 : 0;
    case Kind::Int: return std::get<std::int64_t>(m_value);
    case Kind::Float: {
        const double value = std::get<double>(m_value);
        if (!(value > -9223372036854775808.0 && value < 9223372036854775808.0))
            return INT64_MIN;
        return static_cast<std::int64_t>(value);
    }
    }
    return 0;
}

double Scalar::toDouble() const
{
    switch (kind()) {
    case Kind::Bool: return std::get<bool>(m_value) ? 1.0 : 0.0;
    case Kind::Int: return static_cast<double>(std::get<std::int64_t>(m_value));
    case Kind::Float: return std::get<double>(m_value);
    }
    return 0.0;
}

DType Scalar::defaultDType(Flavour flavour) const
{
    switch (kind()) {
    case Kind::Bool: return DType::Bool;
    case Kind::Int: return kDefaultInt;
    case Kind::Float: return flavour == Flavour::Torch ? kTorchDefaultFloat : kNumpyDefaultFloat;
    }
    return DType::Float64;
}

std::string Scalar::repr() const
{
    switch (kind()) {
    case Kind::Bool: return std::get<bool>(m_value) ? "True" : "False";
    case Kind::Int: return std::to_string(std::get<std::int64_t>(m_value));
    case Kind::Float: return formatPythonFloat(std::get<double>(m_value));
    }
    return {};
}

}  // namespace av::engine
