#include "dtype.h"

#include <array>

namespace av::engine {

namespace {

struct DTypeInfo {
    std::int64_t itemSize;
    DTypeKind kind;
    std::string_view torchName;
    std::string_view numpyName;
    std::string_view scalarTypeName;
    std::string_view legacyTensorTypeName;
};

constexpr std::array<DTypeInfo, kDTypeCount> kInfo{{
    {1, DTypeKind::Bool, "torch.bool", "bool", "Bool", "torch.BoolTensor"},
    {1, DTypeKind::Unsigned, "torch.uint8", "uint8", "Byte", "torch.ByteTensor"},
    {1, DTypeKind::Signed, "torch.int8", "int8", "Char", "torch.CharTensor"},
    {2, DTypeKind::Signed, "torch.int16", "int16", "Short", "torch.ShortTensor"},
    {4, DTypeKind::Signed, "torch.int32", "int32", "Int", "torch.IntTensor"},
    {8, DTypeKind::Signed, "torch.int64", "int64", "Long", "torch.LongTensor"},
    {2, DTypeKind::Float, "torch.float16", "float16", "Half", "torch.HalfTensor"},
    {4, DTypeKind::Float, "torch.float32", "float32", "Float", "torch.FloatTensor"},
    {8, DTypeKind::Float, "torch.float64", "float64", "Double", "torch.DoubleTensor"},
}};

const DTypeInfo& info(DType dtype) { return kInfo[static_cast<std::size_t>(dtype)]; }

using D = DType;
constexpr D b1 = D::Bool, u8 = D::UInt8, i8 = D::Int8, i16 = D::Int16, i32 = D::Int32, i64 = D::Int64,
            f16 = D::Float16, f32 = D::Float32, f64 = D::Float64;

// Both tables were read off torch.promote_types / np.promote_types (tests/engine/tst_dtypes.cpp checks
// them against the real libraries). They differ only where an integer meets a narrow float: torch keeps
// the float type, NumPy widens it until every integer value fits.
constexpr D kTorchPromote[kDTypeCount][kDTypeCount] = {
    {b1, u8, i8, i16, i32, i64, f16, f32, f64},    {u8, u8, i16, i16, i32, i64, f16, f32, f64},
    {i8, i16, i8, i16, i32, i64, f16, f32, f64},   {i16, i16, i16, i16, i32, i64, f16, f32, f64},
    {i32, i32, i32, i32, i32, i64, f16, f32, f64}, {i64, i64, i64, i64, i64, i64, f16, f32, f64},
    {f16, f16, f16, f16, f16, f16, f16, f32, f64}, {f32, f32, f32, f32, f32, f32, f32, f32, f64},
    {f64, f64, f64, f64, f64, f64, f64, f64, f64},
};
constexpr D kNumpyPromote[kDTypeCount][kDTypeCount] = {
    {b1, u8, i8, i16, i32, i64, f16, f32, f64},    {u8, u8, i16, i16, i32, i64, f16, f32, f64},
    {i8, i16, i8, i16, i32, i64, f16, f32, f64},   {i16, i16, i16, i16, i32, i64, f32, f32, f64},
    {i32, i32, i32, i32, i32, i64, f64, f64, f64}, {i64, i64, i64, i64, i64, i64, f64, f64, f64},
    {f16, f16, f16, f32, f64, f64, f16, f32, f64}, {f32, f32, f32, f32, f64, f64, f32, f32, f64},
    {f64, f64, f64, f64, f64, f64, f64, f64, f64},
};

}  // namespace

std::int64_t itemSize(DType dtype) { return info(dtype).itemSize; }
DTypeKind kindOf(DType dtype) { return info(dtype).kind; }
bool isFloating(DType dtype) { return kindOf(dtype) == DTypeKind::Float; }
bool isIntegral(DType dtype, bool includeBool)
{
    const DTypeKind kind = kindOf(dtype);
    return kind == DTypeKind::Signed || kind == DTypeKind::Unsigned || (includeBool && kind == DTypeKind::Bool);
}

std::string_view torchName(DType dtype) { return info(dtype).torchName; }
std::string_view numpyName(DType dtype) { return info(dtype).numpyName; }
std::string_view scalarTypeName(DType dtype) { return info(dtype).scalarTypeName; }
std::string_view legacyTensorTypeName(DType dtype) { return info(dtype).legacyTensorTypeName; }
std::string numpyDTypeRepr(DType dtype) { return "dtype('" + std::string(numpyName(dtype)) + "')"; }

std::optional<DType> dtypeFromTorchName(std::string_view name)
{
    if (name.starts_with("torch."))
        name.remove_prefix(6);
    struct Alias {
        std::string_view name;
        DType dtype;
    };
    static constexpr Alias kAliases[] = {
        {"bool", b1},    {"uint8", u8},   {"int8", i8},      {"int16", i16},     {"short", i16},
        {"int32", i32},  {"int", i32},    {"int64", i64},    {"long", i64},      {"float16", f16},
        {"half", f16},   {"float32", f32}, {"float", f32},   {"float64", f64},   {"double", f64},
    };
    for (const Alias& alias : kAliases)
        if (alias.name == name)
            return alias.dtype;
    return std::nullopt;
}

std::optional<DType> dtypeFromNumpyName(std::string_view name)
{
    struct Alias {
        std::string_view name;
        DType dtype;
    };
    static constexpr Alias kAliases[] = {
        {"bool", b1},     {"bool_", b1},    {"uint8", u8},     {"ubyte", u8},    {"int8", i8},
        {"byte", i8},     {"int16", i16},   {"short", i16},    {"int32", i32},   {"intc", i32},
        {"int64", i64},   {"int_", i64},    {"int", i64},      {"float16", f16}, {"half", f16},
        {"float32", f32}, {"single", f32},  {"float64", f64},  {"double", f64},  {"float_", f64},
        {"float", f64},
    };
    for (const Alias& alias : kAliases)
        if (alias.name == name)
            return alias.dtype;
    return std::nullopt;
}

DType promoteTypesTorch(DType a, DType b)
{
    return kTorchPromote[static_cast<int>(a)][static_cast<int>(b)];
}

DType promoteTypesNumpy(DType a, DType b)
{
    return kNumpyPromote[static_cast<int>(a)][static_cast<int>(b)];
}

bool canCastTorch(DType from, DType to)
{
    if (isFloating(from) && !isFloating(to))
        return false;
    if (from != DType::Bool && to == DType::Bool)
        return false;
    return true;
}

bool canCastNumpySameKind(DType from, DType to)
{
    // same_kind allows any cast within a kind and any cast up the ladder bool < unsigned < signed < float,
    // except signed -> unsigned.
    const auto rank = [](DTypeKind kind) {
        switch (kind) {
        case DTypeKind::Bool: return 0;
        case DTypeKind::Unsigned: return 1;
        case DTypeKind::Signed: return 2;
        case DTypeKind::Float: return 3;
        }
        return 0;
    };
    return rank(kindOf(from)) <= rank(kindOf(to));
}

}  // namespace av::engine
