#pragma once
// Element types shared by torch.Tensor and numpy.ndarray, with each library's names and promotion rules.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace av::engine {

// Ordered so that, within a kind, a later type is wider.
enum class DType : std::uint8_t {
    Bool,
    UInt8,
    Int8,
    Int16,
    Int32,
    Int64,
    Float16,
    Float32,
    Float64,
};

inline constexpr int kDTypeCount = 9;

enum class DTypeKind : std::uint8_t { Bool, Unsigned, Signed, Float };

enum class Flavour : std::uint8_t { Torch, Numpy };

std::int64_t itemSize(DType dtype);
DTypeKind kindOf(DType dtype);
bool isFloating(DType dtype);
// Integral in the torch sense: bool counts only when includeBool is set.
bool isIntegral(DType dtype, bool includeBool);

// "torch.float32" / "float32"
std::string_view torchName(DType dtype);
std::string_view numpyName(DType dtype);
// ATen's ScalarType names, as they appear in RuntimeError texts: "Float", "Long", "Bool".
std::string_view scalarTypeName(DType dtype);
// Legacy tensor type names used by some TypeErrors: "torch.FloatTensor".
std::string_view legacyTensorTypeName(DType dtype);
// NumPy's dtype repr inside messages: "dtype('float64')".
std::string numpyDTypeRepr(DType dtype);

std::optional<DType> dtypeFromTorchName(std::string_view name);  // "float32", "float", "long", ...
std::optional<DType> dtypeFromNumpyName(std::string_view name);  // "float32", "int64", "bool_", ...

// Plain pairwise promotion, as torch.promote_types and np.promote_types give it.
DType promoteTypesTorch(DType a, DType b);
DType promoteTypesNumpy(DType a, DType b);

// torch's can_cast: no float -> integral, no non-bool -> bool.
bool canCastTorch(DType from, DType to);
// numpy's can_cast(from, to, casting='same_kind').
bool canCastNumpySameKind(DType from, DType to);

// The default dtype of Python scalars and of factory functions.
inline constexpr DType kTorchDefaultFloat = DType::Float32;
inline constexpr DType kNumpyDefaultFloat = DType::Float64;
inline constexpr DType kDefaultInt = DType::Int64;

}  // namespace av::engine
