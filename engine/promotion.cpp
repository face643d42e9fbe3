#include "promotion.h"

#include "dispatch.h"
#include "errors.h"

#include <cmath>

namespace av::engine {

namespace {

// ---- torch ---------------------------------------------------------------------------------------------

std::optional<DType> promoteSkippingUndefined(std::optional<DType> a, std::optional<DType> b)
{
    if (!a)
        return b;
    if (!b)
        return a;
    return promoteTypesTorch(*a, *b);
}

// c10's combine_categories(higher, lower).
std::optional<DType> combineCategories(std::optional<DType> higher, std::optional<DType> lower)
{
    if (higher && isFloating(*higher))
        return higher;
    if (higher == DType::Bool || (lower && isFloating(*lower)))
        return promoteSkippingUndefined(higher, lower);
    return higher ? higher : lower;
}

}  // namespace

DType torchResultType(std::span<const PromotionOperand> operands)
{
    std::optional<DType> dimResult, zeroResult, wrappedResult;
    for (const PromotionOperand& operand : operands) {
        if (operand.array) {
            std::optional<DType>& slot = operand.array->dim() > 0 ? dimResult : zeroResult;
            slot = promoteSkippingUndefined(slot, operand.array->dtype());
        } else if (operand.number) {
            // A wrapped float counts as the default dtype, not double; ints as int64; bools as bool.
            const DType wrapped = operand.number->isFloat() ? kTorchDefaultFloat
                                  : operand.number->isInt() ? DType::Int64
                                                            : DType::Bool;
            wrappedResult = promoteSkippingUndefined(wrappedResult, wrapped);
        }
    }
    const std::optional<DType> result = combineCategories(dimResult, combineCategories(zeroResult, wrappedResult));
    AV_INTERNAL_ASSERT(result.has_value(), "result type of no operands");
    return *result;
}

namespace {

// ---- NumPy ---------------------------------------------------------------------------------------------

// NumPy's types as far as promotion needs them; uint16/32/64 appear as the minimal type of a scalar.
struct NpType {
    char kind;  // 'b', 'u', 'i', 'f'
    int size;   // bytes
    friend bool operator==(const NpType&, const NpType&) = default;
};

NpType npTypeOf(DType dtype)
{
    switch (kindOf(dtype)) {
    case DTypeKind::Bool: return {'b', 1};
    case DTypeKind::Unsigned: return {'u', static_cast<int>(itemSize(dtype))};
    case DTypeKind::Signed: return {'i', static_cast<int>(itemSize(dtype))};
    case DTypeKind::Float: return {'f', static_cast<int>(itemSize(dtype))};
    }
    return {'f', 8};
}

// The smallest float that holds every value of an integer of this size: NumPy's safe-cast ladder.
int floatSizeFor(int intSize) { return intSize == 1 ? 2 : intSize == 2 ? 4 : 8; }

NpType promoteNp(NpType a, NpType b)
{
    if (a.kind == b.kind)
        return {a.kind, std::max(a.size, b.size)};
    if (a.kind == 'b')
        return b;
    if (b.kind == 'b')
        return a;
    if (a.kind == 'f' || b.kind == 'f') {
        const NpType& flt = a.kind == 'f' ? a : b;
        const NpType& integer = a.kind == 'f' ? b : a;
        return {'f', std::max(flt.size, floatSizeFor(integer.size))};
    }
    // One signed, one unsigned.
    const NpType& u = a.kind == 'u' ? a : b;
    const NpType& s = a.kind == 'u' ? b : a;
    if (s.size > u.size)
        return s;
    if (u.size < 8)
        return {'i', u.size * 2};
    return {'f', 8};
}

// NumPy's dtype_kind_to_simplified_ordering: bool < integers < floats.
int kindOrder(char kind) { return kind == 'b' ? 0 : (kind == 'u' || kind == 'i') ? 1 : 2; }

struct NpScalarValue {
    char kind;  // 'b', 'i' (any integer), 'f'
    std::int64_t integer = 0;
    double real = 0.0;
};

// min_scalar_type, with NumPy's "small unsigned" flag: a non-negative integer that also fits the signed
// type of the same size, which may then combine as that signed type.
NpType minScalarType(const NpScalarValue& value, bool& smallUnsigned)
{
    smallUnsigned = false;
    if (value.kind == 'b')
        return {'b', 1};
    if (value.kind == 'i') {
        const std::int64_t v = value.integer;
        if (v >= 0) {
            int size = v < 256 ? 1 : v < 65536 ? 2 : v < 4294967296LL ? 4 : 8;
            smallUnsigned = size == 8 || v < (std::int64_t{1} << (8 * size - 1));
            return {'u', size};
        }
        return {'i', v >= -128 ? 1 : v >= -32768 ? 2 : v >= -2147483648LL ? 4 : 8};
    }
    const double v = value.real;
    if (std::isinf(v) || std::isnan(v) || (v > -65000.0 && v < 65000.0))
        return {'f', 2};
    if (v > -3.4e38 && v < 3.4e38)
        return {'f', 4};
    return {'f', 8};
}

NpType promoteWithSmallUnsigned(NpType a, NpType b, bool smallA, bool smallB)
{
    if (smallA && b.kind != 'b' && b.kind != 'u')
        return promoteNp({'i', a.size}, b);
    if (smallB && a.kind != 'b' && a.kind != 'u')
        return promoteNp(a, {'i', b.size});
    return promoteNp(a, b);
}

NpScalarValue scalarValueOf(const PromotionOperand& operand)
{
    if (operand.number) {
        const Scalar& number = *operand.number;
        if (number.isBool())
            return {'b', number.toInt(), 0.0};
        if (number.isInt())
            return {'i', number.toInt(), 0.0};
        return {'f', 0, number.toDouble()};
    }
    const Array& array = *operand.array;
    return dispatchDType(array.dtype(), [&]<typename T>(TypeTag<T>) -> NpScalarValue {
        const T value = loadElement<T>(array.data());
        if constexpr (std::is_same_v<T, bool>)
            return {'b', value ? 1 : 0, 0.0};
        else if constexpr (kIsFloat<T>)
            return {'f', 0, static_cast<double>(static_cast<OpMathT<T>>(value))};
        else
            return {'i', static_cast<std::int64_t>(value), 0.0};
    });
}

NpType plainTypeOf(const PromotionOperand& operand)
{
    if (operand.array)
        return npTypeOf(operand.array->dtype());
    return npTypeOf(operand.number->defaultDType(Flavour::Numpy));
}

bool isScalarOperand(const PromotionOperand& operand) { return !operand.array || operand.array->dim() == 0; }

NumpyCommonType commonTypeOf(NpType type)
{
    NumpyCommonType out;
    out.itemsize = type.size;
    switch (type.kind) {
    case 'b': out.kind = DTypeKind::Bool; out.dtype = DType::Bool; break;
    case 'u':
        out.kind = DTypeKind::Unsigned;
        if (type.size == 1)
            out.dtype = DType::UInt8;
        break;
    case 'i':
        out.kind = DTypeKind::Signed;
        out.dtype = type.size == 1 ? DType::Int8 : type.size == 2 ? DType::Int16 : type.size == 4 ? DType::Int32 : DType::Int64;
        break;
    default:
        out.kind = DTypeKind::Float;
        out.dtype = type.size == 2 ? DType::Float16 : type.size == 4 ? DType::Float32 : DType::Float64;
        break;
    }
    return out;
}

}  // namespace

std::string NumpyCommonType::name() const
{
    if (dtype)
        return std::string(numpyName(*dtype));
    return concat("uint", itemsize * 8);
}

void throwUnmodelledNumpyType(const NumpyCommonType& type)
{
    throw notImplementedError(concat("NumPy would compute this in ", type.name(),
                                     ", a dtype aliasview does not model (it models bool, uint8, int8-int64 and "
                                     "float16-float64)"));
}

namespace {

// should_use_min_scalar: only when there are both arrays and scalars, and the scalars are of no higher kind
// than the arrays.
bool shouldUseMinScalar(std::span<const PromotionOperand> operands)
{
    int maxArrayKind = -1, maxScalarKind = -1;
    for (const PromotionOperand& operand : operands) {
        const int order = kindOrder(plainTypeOf(operand).kind);
        int& slot = isScalarOperand(operand) ? maxScalarKind : maxArrayKind;
        slot = std::max(slot, order);
    }
    return maxArrayKind >= 0 && maxScalarKind >= 0 && maxScalarKind <= maxArrayKind;
}

bool canCastSafely(NpType from, NpType to) { return promoteNp(from, to) == to; }

}  // namespace

NumpyCommonType numpyLoopType(std::span<const PromotionOperand> operands, bool integerLoops)
{
    // linear_search_type_resolver: the first loop, in the ufunc's order, that every input casts to safely;
    // with value-based casting, a scalar casts as its min_scalar_type, read as signed for a signed loop when
    // it is a small unsigned value (can_cast_scalar_to).
    const bool useMinScalar = shouldUseMinScalar(operands);
    static constexpr NpType kIntegerLoops[] = {{'i', 1}, {'u', 1}, {'i', 2}, {'u', 2}, {'i', 4},
                                               {'u', 4}, {'i', 8}, {'u', 8}};
    static constexpr NpType kFloatLoops[] = {{'f', 2}, {'f', 4}, {'f', 8}};
    const auto accepts = [&](NpType loop) {
        for (const PromotionOperand& operand : operands) {
            NpType from = plainTypeOf(operand);
            if (useMinScalar && isScalarOperand(operand)) {
                bool smallUnsigned = false;
                from = minScalarType(scalarValueOf(operand), smallUnsigned);
                if (smallUnsigned && loop.kind != 'u')
                    from.kind = 'i';
            }
            if (!canCastSafely(from, loop))
                return false;
        }
        return true;
    };
    if (integerLoops)
        for (const NpType loop : kIntegerLoops)
            if (accepts(loop))
                return commonTypeOf(loop);
    for (const NpType loop : kFloatLoops)
        if (accepts(loop))
            return commonTypeOf(loop);
    AV_INTERNAL_ASSERT(false, "no NumPy loop takes these operands");
    return {};
}

NumpyCommonType numpyCommonType(std::span<const PromotionOperand> operands)
{
    const bool useMinScalar = shouldUseMinScalar(operands);
    std::optional<NpType> result;
    bool resultSmallUnsigned = false;
    for (const PromotionOperand& operand : operands) {
        if (!useMinScalar || !isScalarOperand(operand)) {
            const NpType type = plainTypeOf(operand);
            result = result ? promoteWithSmallUnsigned(type, *result, false, resultSmallUnsigned) : type;
            resultSmallUnsigned = false;
            continue;
        }
        bool smallUnsigned = false;
        const NpType type = minScalarType(scalarValueOf(operand), smallUnsigned);
        if (!result) {
            result = type;
            resultSmallUnsigned = smallUnsigned;
        } else {
            result = promoteWithSmallUnsigned(type, *result, smallUnsigned, resultSmallUnsigned);
            resultSmallUnsigned = smallUnsigned && resultSmallUnsigned;
        }
    }
    AV_INTERNAL_ASSERT(result.has_value(), "result type of no operands");
    return commonTypeOf(*result);
}

bool numpyCanCastSameKind(const NumpyCommonType& from, DType to)
{
    if (from.dtype)
        return canCastNumpySameKind(*from.dtype, to);
    // Only unsigned integers go unmodelled; same_kind takes them to any integer or float.
    return to != DType::Bool;
}

bool numpyCanCastScalarSameKind(const PromotionOperand& scalar, DType to)
{
    bool smallUnsigned = false;
    NpType type = minScalarType(scalarValueOf(scalar), smallUnsigned);
    if (smallUnsigned && kindOf(to) != DTypeKind::Unsigned)
        type.kind = 'i';
    return numpyCanCastSameKind(commonTypeOf(type), to);
}

DType numpyResultType(std::span<const PromotionOperand> operands)
{
    const NumpyCommonType common = numpyCommonType(operands);
    if (!common.dtype)
        throwUnmodelledNumpyType(common);
    return *common.dtype;
}

}  // namespace av::engine
