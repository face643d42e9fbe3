#include "elementwise.h"

#include "arithmetickernels.h"
#include "arrayfactory.h"
#include "autograd.h"
#include "conversion.h"
#include "copykernel.h"
#include "creation.h"
#include "dispatch.h"
#include "errors.h"
#include "outputlayout.h"
#include "promotion.h"
#include "stridedloop.h"
#include "warnings.h"
#include "writepath.h"

#include <cfenv>
#include <cmath>
#include <limits>
#include <cstring>

namespace av::engine {

std::string_view symbolOf(BinaryOp op)
{
    switch (op) {
    case BinaryOp::Add: return "+";
    case BinaryOp::Sub: return "-";
    case BinaryOp::Mul: return "*";
    case BinaryOp::Div: return "/";
    case BinaryOp::FloorDiv: return "//";
    case BinaryOp::Mod: return "%";
    case BinaryOp::Pow: return "**";
    case BinaryOp::Lt: return "<";
    case BinaryOp::Le: return "<=";
    case BinaryOp::Gt: return ">";
    case BinaryOp::Ge: return ">=";
    case BinaryOp::Eq: return "==";
    case BinaryOp::Ne: return "!=";
    }
    return "?";
}

bool isComparison(BinaryOp op) { return op >= BinaryOp::Lt; }

// NOTE [ Python's operator protocol between tensors and ndarrays ]
// `x op y` calls x.__op__(y) and, when that returns NotImplemented, y.__rop__(x). What the two libraries do
// with each other's objects (checked against torch 1.13 / NumPy 1.24):
//  - Tensor.__add__ and friends return NotImplemented for an ndarray (0-d included), so `t + a` is
//    ndarray.__radd__(t): NumPy computes np.add(t, a) with its own promotion (value-based casting, float64
//    where torch would say float32) and warnings, converting t through Tensor.__array__ (t.numpy(), which
//    refuses tensors that require grad), and Tensor.__array_wrap__ returns torch.from_numpy(result), bool
//    results as uint8. Comparisons are declined both ways: == and != fall back to identity, < raises.
//  - ndarray.__add__(t) defers to the tensor (__array_priority__), whose reflected methods decline too, so
//    `a + t` raises TypeError, except `a / t`: Tensor.__rtruediv__ is `t.reciprocal() * a`, which is the
//    first case again.
//  - A NumPy scalar (np.float64(2.5)) is a number to torch, from either side. np.bool_ compares with a
//    tensor as a 0-d ndarray does (its comparison converts itself to an array first).
//  - Between NumPy scalars and Python numbers, NumPy 1.24's scalar math runs when one operand converts
//    safely to the other's scalar type; it warns as "overflow encountered in scalar add", also for integer
//    overflow, where the ufunc path (0-d arrays, or types that need promotion) says "... in add" and
//    ignores integer overflow. See numpyUsesScalarMath.

namespace {

// ---- Operands as Python sees them -----------------------------------------------------------------------

enum class OperandKind { Tensor, Ndarray, NumpyScalar, Number };

OperandKind operandKind(const Value& value)
{
    if (const ArrayPtr* array = std::get_if<ArrayPtr>(&value)) {
        AV_INTERNAL_ASSERT(*array != nullptr, "null array operand");
        if ((*array)->isTensor())
            return OperandKind::Tensor;
        return (*array)->isNumpyScalar() ? OperandKind::NumpyScalar : OperandKind::Ndarray;
    }
    return OperandKind::Number;
}

const ArrayPtr& arrayOf(const Value& value) { return std::get<ArrayPtr>(value); }

bool isNumpyBoolScalar(const Value& value)
{
    return operandKind(value) == OperandKind::NumpyScalar && arrayOf(value)->dtype() == DType::Bool;
}

// The Python type name in "unsupported operand type(s)" messages.
std::string pythonTypeName(const Value& value)
{
    switch (operandKind(value)) {
    case OperandKind::Tensor: return "Tensor";
    case OperandKind::Ndarray: return "numpy.ndarray";
    case OperandKind::NumpyScalar: {
        const DType dtype = arrayOf(value)->dtype();
        return concat("numpy.", dtype == DType::Bool ? std::string("bool_") : std::string(numpyName(dtype)));
    }
    case OperandKind::Number: {
        const Scalar& s = std::get<Scalar>(value);
        return s.isBool() ? "bool" : s.isInt() ? "int" : "float";
    }
    }
    return "object";
}

// The element of a one-element array as the Python number item() gives.
Scalar itemOf(const Array& array)
{
    return dispatchDType(array.dtype(), [&]<typename T>(TypeTag<T>) -> Scalar {
        const T value = loadElement<T>(array.data());
        if constexpr (std::is_same_v<T, bool>)
            return Scalar(value);
        else if constexpr (kIsFloat<T>)
            return Scalar(static_cast<double>(static_cast<OpMathT<T>>(value)));
        else
            return Scalar(static_cast<std::int64_t>(value));
    });
}

// A NumPy scalar handed to torch becomes a wrapped number, as torch's argument parser reads it; np.bool_
// arrives as a float there (torch.ones(3, dtype=torch.int8) + np.bool_(True) is float32).
Scalar numpyScalarAsNumber(const Array& scalar)
{
    const Scalar item = itemOf(scalar);
    return item.isBool() ? Scalar(item.toDouble()) : item;
}

// An operand in the library that computes: an array, or a Python number (a wrapped number for torch).
struct Operand {
    ArrayPtr array;
    std::optional<Scalar> number;

    PromotionOperand promotion() const { return {array.get(), number}; }
    bool requiresGrad() const { return array && array->isTensor() && array->requiresGrad(); }
};

Operand torchOperand(const Value& value)
{
    switch (operandKind(value)) {
    case OperandKind::Tensor: return {arrayOf(value), std::nullopt};
    case OperandKind::NumpyScalar: return {nullptr, numpyScalarAsNumber(*arrayOf(value))};
    case OperandKind::Number: return {nullptr, std::get<Scalar>(value)};
    case OperandKind::Ndarray: break;
    }
    AV_INTERNAL_ASSERT(false, "an ndarray reached torch's arithmetic");
    return {};
}

Operand numpyOperand(const Value& value)
{
    if (operandKind(value) == OperandKind::Number)
        return {nullptr, std::get<Scalar>(value)};
    AV_INTERNAL_ASSERT(arrayOf(value)->isNdarray(), "a tensor reached NumPy's arithmetic");
    return {arrayOf(value), std::nullopt};
}

// The operand as an array of dtype `compute` (a 0-d array for a number). Numbers are converted with a plain
// C cast: TensorIterator casts a wrapped number like any input, and NumPy casts the scalar to the loop type.
ArrayPtr operandArray(const Operand& operand, DType compute, Flavour flavour)
{
    if (operand.array)
        return operandAs(operand.array, compute);
    ArrayPtr out = allocateArray(flavour, compute, {});
    const Scalar& n = *operand.number;
    dispatchDType(compute, [&]<typename T>(TypeTag<T>) {
        T value;
        switch (n.kind()) {
        case Scalar::Kind::Bool: value = convertElement<T>(n.toBool()); break;
        case Scalar::Kind::Int: value = convertElement<T>(n.toInt()); break;
        default: value = convertElement<T>(n.toDouble(), flavour == Flavour::Numpy); break;
        }
        storeElement<T>(out->data(), value);
    });
    return out;
}

// A Python number as a 0-d tensor of dtype, converted as torch converts a Scalar argument (Scalar::to<T>,
// which refuses values that overflow: "value cannot be converted to type int8_t without overflow").
ArrayPtr torchCheckedScalar(const Scalar& value, DType dtype)
{
    ArrayPtr out = allocateArray(Flavour::Torch, dtype, {});
    storeScalar(out->data(), dtype, value, Flavour::Torch);
    return out;
}

Shape sizesOf(const Operand& operand) { return operand.array ? operand.array->sizes() : Shape{}; }

// ---- Broadcasting messages --------------------------------------------------------------------------

std::string numpyShapeTuple(IntSpan shape)
{
    // NumPy's broadcast messages write shapes without spaces: (2,3).
    std::string out = "(";
    for (std::size_t i = 0; i < shape.size(); ++i) {
        if (i)
            out += ",";
        out += std::to_string(shape[i]);
    }
    if (shape.size() == 1)
        out += ",";
    return out + ")";
}


Shape broadcastOrThrow(Flavour flavour, IntSpan a, IntSpan b)
{
    Shape out;
    if (broadcastShapes(a, b, out))
        return out;
    if (flavour == Flavour::Numpy)
        throw valueError(concat("operands could not be broadcast together with shapes ", numpyShapeTuple(a), " ",
                                numpyShapeTuple(b), " "));
    // torch names the first mismatching dim counted from the right, as a dim of the broadcast result.
    const std::size_t rank = std::max(a.size(), b.size());
    for (std::size_t i = rank; i-- > 0;) {
        const std::int64_t da = i < rank - a.size() ? 1 : a[i - (rank - a.size())];
        const std::int64_t db = i < rank - b.size() ? 1 : b[i - (rank - b.size())];
        if (da != db && da != 1 && db != 1)
            throw runtimeError(concat("The size of tensor a (", da, ") must match the size of tensor b (", db,
                                      ") at non-singleton dimension ", i));
    }
    AV_INTERNAL_ASSERT(false, "broadcast failed without a mismatching dim");
    return out;
}

// ---- NumPy's floating-point warnings ------------------------------------------------------------------

std::string_view ufuncName(BinaryOp op)
{
    switch (op) {
    case BinaryOp::Add: return "add";
    case BinaryOp::Sub: return "subtract";
    case BinaryOp::Mul: return "multiply";
    case BinaryOp::Div: return "divide";
    case BinaryOp::FloorDiv: return "floor_divide";
    case BinaryOp::Mod: return "remainder";
    case BinaryOp::Pow: return "power";
    case BinaryOp::Lt: return "less";
    case BinaryOp::Le: return "less_equal";
    case BinaryOp::Gt: return "greater";
    case BinaryOp::Ge: return "greater_equal";
    case BinaryOp::Eq: return "equal";
    case BinaryOp::Ne: return "not_equal";
    }
    return "?";
}

// What NumPy's integer loops report themselves (they set the FPE flags by hand): a zero divisor in // and
// %, INT_MIN // -1, and in scalar math any integer overflow.
struct IntegerEvents {
    bool divideByZero = false;
    bool overflow = false;
};

// NumPy reads the FPU's sticky flags after a loop and warns (its default errstate: warn, except underflow),
// in the order divide, overflow, invalid. Scalar math names the op "scalar add".
class NumpyFloatingPointCheck {
public:
    explicit NumpyFloatingPointCheck(bool active, bool scalarMath = false) : m_active(active), m_scalarMath(scalarMath)
    {
        if (m_active)
            std::feclearexcept(FE_ALL_EXCEPT);
    }
    void report(std::string_view ufunc, IntegerEvents events = {}) const
    {
        const int raised = m_active ? std::fetestexcept(FE_DIVBYZERO | FE_OVERFLOW | FE_INVALID) : 0;
        const std::string name = concat(m_scalarMath ? "scalar " : "", ufunc);
        if ((raised & FE_DIVBYZERO) || events.divideByZero)
            warn("RuntimeWarning", concat("divide by zero encountered in ", name));
        if ((raised & FE_OVERFLOW) || events.overflow)
            warn("RuntimeWarning", concat("overflow encountered in ", name));
        if (raised & FE_INVALID)
            warn("RuntimeWarning", concat("invalid value encountered in ", name));
    }

private:
    bool m_active;
    bool m_scalarMath;
};

// Whether test(x, y) holds for some pair of elements of x op y over the broadcast shape; x and y have one
// integer dtype. Used for the checks both libraries make inside their integer loops.
template <typename Test>
bool anyIntegerPair(const Array& x, const Array& y, const Shape& shape, Test test)
{
    AV_INTERNAL_ASSERT(x.dtype() == y.dtype(), "pair scan over two dtypes");
    bool found = false;
    const Strides sx = broadcastByteStrides(shape, x.sizes(), x.strides(), x.itemsize());
    const Strides sy = broadcastByteStrides(shape, y.sizes(), y.strides(), y.itemsize());
    LoopOperands<2> operands{{x.data(), y.data()}, {sx.data(), sy.data()}};
    dispatchDType(x.dtype(), [&]<typename T>(TypeTag<T>) {
        if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
            forEachInMemoryOrder<2>(shape, operands, [&](const InnerRun<2>& run) {
                for (std::int64_t i = 0; i < run.count && !found; ++i)
                    found = test(static_cast<std::int64_t>(loadElement<T>(run.data[0] + i * run.byteStrides[0])),
                                 static_cast<std::int64_t>(loadElement<T>(run.data[1] + i * run.byteStrides[1])));
            });
        }
    });
    return found;
}

bool anyZeroDivisor(const Array& x, const Array& y, const Shape& shape)
{
    return anyIntegerPair(x, y, shape, [](std::int64_t, std::int64_t b) { return b == 0; });
}

bool anyNegativeExponent(const Array& x, const Array& y, const Shape& shape)
{
    return anyIntegerPair(x, y, shape, [](std::int64_t, std::int64_t b) { return b < 0; });
}

// INT_MIN // -1, the one integer division that overflows.
bool anyDivisionOverflow(const Array& x, const Array& y, const Shape& shape)
{
    if (kindOf(x.dtype()) != DTypeKind::Signed)
        return false;
    const std::int64_t lowest = x.itemsize() == 8 ? std::numeric_limits<std::int64_t>::min()
                                                  : -(std::int64_t{1} << (8 * x.itemsize() - 1));
    return anyIntegerPair(x, y, shape, [lowest](std::int64_t a, std::int64_t b) { return a == lowest && b == -1; });
}

// Whether x op y (0-d, one integer dtype) overflows that dtype: NumPy's scalar math checks + - * for it.
bool scalarOverflows(BinaryOp op, const Array& x, const Array& y)
{
    const DType dtype = x.dtype();
    if (!isIntegral(dtype, false) || (op != BinaryOp::Add && op != BinaryOp::Sub && op != BinaryOp::Mul))
        return false;
    const std::int64_t a = itemOf(x).toInt(), b = itemOf(y).toInt();
    std::int64_t exact = 0;
    const bool overflows64 = op == BinaryOp::Add   ? __builtin_add_overflow(a, b, &exact)
                             : op == BinaryOp::Sub ? __builtin_sub_overflow(a, b, &exact)
                                                   : __builtin_mul_overflow(a, b, &exact);
    if (overflows64)
        return true;  // only int64 operands get there
    const int bits = static_cast<int>(8 * itemSize(dtype));
    if (bits == 64)
        return false;
    if (kindOf(dtype) == DTypeKind::Unsigned)
        return exact < 0 || exact >= (std::int64_t{1} << bits);
    return exact < -(std::int64_t{1} << (bits - 1)) || exact >= (std::int64_t{1} << (bits - 1));
}

// ---- Result types, per op -------------------------------------------------------------------------------

struct OpTypes {
    DType compute;  // the type both inputs are converted to and the loop runs in
    DType result;   // the output's dtype (bool for comparisons)
    // Set when NumPy's loop type is one aliasview does not store (uint16, uint32, uint64) and + - * run in
    // int64 instead: results are reduced to that many bits, as the real loop wraps.
    std::optional<NumpyCommonType> unmodelled;
};

DType operandDType(const Operand& operand, Flavour flavour)
{
    return operand.array ? operand.array->dtype() : operand.number->defaultDType(flavour);
}

// torch's sub_check, made before anything else (a wrapped bool counts as a bool tensor).
void checkTorchSub(BinaryOp op, const Operand& a, const Operand& b)
{
    if (op != BinaryOp::Sub)
        return;
    const bool boolA = operandDType(a, Flavour::Torch) == DType::Bool;
    const bool boolB = operandDType(b, Flavour::Torch) == DType::Bool;
    AV_CHECK(!(boolA && boolB), runtimeError,
             "Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or "
             "`logical_xor()` operator instead.");
    AV_CHECK(!(boolA || boolB), runtimeError,
             "Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a "
             "mask, use the `~` or `logical_not()` operator instead.");
}

// The kernels torch has no bool instantiation of (AT_DISPATCH_* refuses after TensorIterator is built).
void checkTorchKernelSupports(BinaryOp op, DType common)
{
    if (common != DType::Bool)
        return;
    AV_CHECK(op != BinaryOp::FloorDiv, runtimeError, "\"div_floor_cpu\" not implemented for 'Bool'");
    AV_CHECK(op != BinaryOp::Mod, runtimeError, "\"remainder_cpu\" not implemented for 'Bool'");
    AV_CHECK(op != BinaryOp::Pow, runtimeError, "\"pow\" not implemented for 'Bool'");
}

OpTypes torchOpTypes(BinaryOp op, const Operand& a, const Operand& b)
{
    const std::array<PromotionOperand, 2> operands{a.promotion(), b.promotion()};
    const DType common = torchResultType(operands);
    if (isComparison(op))
        return {common, DType::Bool};
    if (op == BinaryOp::Div && !isFloating(common))
        return {kTorchDefaultFloat, kTorchDefaultFloat};
    return {common, common};
}

// The TypeError Tensor.__array_wrap__ (torch.from_numpy) raises for a NumPy result it cannot hold.
[[noreturn]] void throwTorchCannotHold(const std::string& numpyType)
{
    throw typeError(concat("can't convert np.ndarray of type numpy.", numpyType,
                           ". The only supported types are: float64, float32, float16, complex64, complex128, int64, "
                           "int32, int16, int8, uint8, and bool."));
}

// The loop types of NumPy's ufunc type resolvers: PyArray_ResultType for add, subtract, multiply and the
// comparisons; a search of the loops for floor_divide, remainder and power; double for true_divide of
// integers, else a search of its float loops.
OpTypes numpyOpTypes(BinaryOp op, const Operand& a, const Operand& b, bool wrapsIntoTensor,
                     std::optional<DType> into = std::nullopt)
{
    const std::array<PromotionOperand, 2> operands{a.promotion(), b.promotion()};
    NumpyCommonType common;
    switch (op) {
    case BinaryOp::Div: {
        const auto integral = [](const Operand& o) { return isIntegral(operandDType(o, Flavour::Numpy), true); };
        if (integral(a) && integral(b))
            return {DType::Float64, DType::Float64};
        common = numpyLoopType(operands, /*integerLoops=*/false);
        break;
    }
    case BinaryOp::FloorDiv:
    case BinaryOp::Mod:
    case BinaryOp::Pow: common = numpyLoopType(operands, /*integerLoops=*/true); break;
    default: common = numpyCommonType(operands); break;
    }
    if (isComparison(op)) {
        // uint16/uint32 (and uint64 from values below 2**63) compare exactly in int64.
        return {common.dtype.value_or(DType::Int64), DType::Bool};
    }
    if (!common.dtype) {
        // uint16/uint32/uint64 + - * written into an existing array: computed in int64 and wrapped to the
        // real loop's width, which gives its values exactly (np.uint8 array += 300 is 45 either way).
        const bool ring = op == BinaryOp::Add || op == BinaryOp::Sub || op == BinaryOp::Mul;
        if (ring && into)
            return {DType::Int64, DType::Int64, common};
        if (wrapsIntoTensor)
            throwTorchCannotHold(common.name());
        throwUnmodelledNumpyType(common);
    }
    if (op == BinaryOp::Sub && common.dtype == DType::Bool)
        throw typeError("numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` "
                        "operator, or the logical_xor function instead.");
    return {*common.dtype, *common.dtype};
}

// ---- Unary maps -------------------------------------------------------------------------------------

// out = f(x) elementwise in dtype `dtype` (x converted first), laid out as the library's iterator lays out a
// unary result. One dtype dispatch per call site keeps the number of instantiated loops small.
template <bool FloatOnly = false, typename F>
ArrayPtr mapUnary(const ArrayPtr& x, DType dtype, Flavour flavour, F&& f)
{
    AV_INTERNAL_ASSERT(!FloatOnly || isFloating(dtype), "float-only map on ", numpyName(dtype));
    const ArrayPtr input = operandAs(x, dtype);
    const std::array<const Array*, 1> inputs{x.get()};
    const Strides strides = flavour == Flavour::Torch ? torchIteratorOutputStrides(x->sizes(), inputs)
                                                      : numpyIteratorOutputStrides(x->sizes(), inputs);
    ArrayPtr out = allocateStrided(flavour, dtype, x->sizes(), strides, Device::cpu(), /*zeroFill=*/false);
    const Strides so = out->byteStrides();
    const Strides si = input->byteStrides();
    LoopOperands<2> operands{{out->data(), input->data()}, {so.data(), si.data()}};
    dispatchDType(dtype, [&]<typename C>(TypeTag<C>) {
        if constexpr (FloatOnly && !kIsFloat<C>)
            return;
        forEachInMemoryOrder<2>(out->sizes(), operands, [&](const InnerRun<2>& run) {
            for (std::int64_t i = 0; i < run.count; ++i) {
                const OpMathT<C> v = static_cast<OpMathT<C>>(loadElement<C>(run.data[1] + i * run.byteStrides[1]));
                storeResult<C>(run.data[0] + i * run.byteStrides[0], f(TypeTag<C>{}, v));
            }
        });
    });
    return out;
}

// ones_like / a copy in dtype, laid out like x as the library's iterator would.
ArrayPtr onesLikeOf(const ArrayPtr& x, DType dtype, Flavour flavour)
{
    return mapUnary(x, dtype, flavour, [](auto tag, auto) {
        using C = typename decltype(tag)::type;
        return static_cast<OpMathT<C>>(convertElement<C>(std::int64_t{1}));
    });
}

ArrayPtr copyLikeOf(const ArrayPtr& x, DType dtype, Flavour flavour)
{
    return mapUnary(x, dtype, flavour, [](auto, auto v) { return v; });
}

// torch's Tensor.reciprocal(): integers become the default float.
ArrayPtr torchReciprocal(const ArrayPtr& x)
{
    const DType dtype = isFloating(x->dtype()) ? x->dtype() : kTorchDefaultFloat;
    ArrayPtr out = mapUnary(x, dtype, Flavour::Torch, [](auto, auto v) { return decltype(v)(1) / v; });
    recordOp(*out, "ReciprocalBackward0", {x.get()});
    return out;
}

// ---- torch ------------------------------------------------------------------------------------------

// torch's pow(Tensor, Scalar) (Pow.cpp): the integer check on the base's type, then 0 fills ones and 1
// copies; float32/float64 route 0.5, -0.5, -1 to sqrt, rsqrt and reciprocal and 2, 3, -2 to products;
// other exponents are converted to the computation's type with Scalar::to<T> (checked), and float32 bases
// are raised in double, as pow(float, double) promotes.
ArrayPtr torchPowTensorScalar(const ArrayPtr& x, const Scalar& exponent)
{
    AV_CHECK(!(isIntegral(x->dtype(), true) && !exponent.isFloat() && exponent.toInt() < 0), runtimeError,
             "Integers to negative integer powers are not allowed.");
    const std::array<PromotionOperand, 2> operands{PromotionOperand{x.get(), std::nullopt},
                                                   PromotionOperand{nullptr, exponent}};
    const DType common = torchResultType(operands);
    // Scalar::equal: a bool exponent equals no number.
    const bool isNumber = !exponent.isBool();
    const double e = exponent.toDouble();
    ArrayPtr out;
    const bool fast = common == DType::Float32 || common == DType::Float64;
    if (isNumber && e == 0.0) {
        out = onesLikeOf(x, common, Flavour::Torch);
    } else if (isNumber && e == 1.0) {
        out = copyLikeOf(x, common, Flavour::Torch);
    } else if (fast && e == 0.5) {
        out = mapUnary<true>(x, common, Flavour::Torch, [](auto, auto v) { return std::sqrt(v); });
    } else if (fast && e == -0.5) {
        out = mapUnary<true>(x, common, Flavour::Torch, [](auto, auto v) { return decltype(v)(1) / std::sqrt(v); });
    } else if (fast && e == -1.0) {
        out = mapUnary<true>(x, common, Flavour::Torch, [](auto, auto v) { return decltype(v)(1) / v; });
    } else if (fast && e == 2.0) {
        out = mapUnary<true>(x, common, Flavour::Torch, [](auto, auto v) { return v * v; });
    } else if (fast && e == 3.0) {
        out = mapUnary<true>(x, common, Flavour::Torch, [](auto, auto v) { return v * v * v; });
    } else if (fast && e == -2.0) {
        out = mapUnary<true>(x, common, Flavour::Torch, [](auto, auto v) { return decltype(v)(1) / (v * v); });
    } else if (common == DType::Float32) {
        const std::array<const Array*, 1> inputs{x.get()};
        out = torchFloatPowScalarKernel(*operandAs(x, common), e, torchIteratorOutputStrides(x->sizes(), inputs));
    } else {
        checkTorchKernelSupports(BinaryOp::Pow, common);
        // float and double take the exponent as a double, unchecked; half and integers convert it with
        // Scalar::to<T>, which refuses values out of the type's range.
        const ArrayPtr converted = fast ? nullptr : torchCheckedScalar(exponent, common);
        out = mapUnary(x, common, Flavour::Torch, [&]<typename C>(TypeTag<C>, OpMathT<C> v) -> OpMathT<C> {
            if constexpr (std::is_same_v<C, bool>) {
                return v;  // unreachable: refused above
            } else if constexpr (std::is_integral_v<C>) {
                return powInt<C>(static_cast<C>(v), loadElement<C>(converted->data()));
            } else if constexpr (std::is_same_v<C, Half>) {
                return std::pow(v, static_cast<float>(loadElement<Half>(converted->data())));
            } else {
                return static_cast<OpMathT<C>>(std::pow(static_cast<double>(v), e));
            }
        });
    }
    recordOp(*out, "PowBackward0", {x.get()});
    return out;
}

std::string_view torchGradFn(BinaryOp op, bool numberLhs, bool numberRhs)
{
    switch (op) {
    case BinaryOp::Add: return "AddBackward0";
    case BinaryOp::Sub: return numberLhs ? "RsubBackward1" : "SubBackward0";
    case BinaryOp::Mul: return "MulBackward0";
    case BinaryOp::Div: return "DivBackward0";
    case BinaryOp::FloorDiv: return "NotImplemented";
    case BinaryOp::Mod:
        return numberLhs ? "NotImplemented" : numberRhs ? "RemainderBackward0" : "RemainderBackward1";
    case BinaryOp::Pow: return numberRhs ? "PowBackward0" : "PowBackward1";
    default: return {};
    }
}

// One TensorIterator binary op on torch operands (tensors or wrapped numbers), in torch's order of checks:
// sub_check, broadcasting, the kernel's dtype support, then the kernel (integer division by zero).
ArrayPtr torchArithmetic(BinaryOp op, const Operand& a, const Operand& b)
{
    checkTorchSub(op, a, b);
    const Shape shape = broadcastOrThrow(Flavour::Torch, sizesOf(a), sizesOf(b));
    const OpTypes types = torchOpTypes(op, a, b);
    checkTorchKernelSupports(op, types.compute);
    const std::array<const Array*, 2> inputs{a.array.get(), b.array.get()};
    const Strides strides = torchIteratorOutputStrides(shape, inputs);
    const ArrayPtr x = operandArray(a, types.compute, Flavour::Torch);
    const ArrayPtr y = operandArray(b, types.compute, Flavour::Torch);
    if ((op == BinaryOp::FloorDiv || op == BinaryOp::Mod) && isIntegral(types.compute, true))
        AV_CHECK(!anyZeroDivisor(*x, *y, shape), runtimeError, "ZeroDivisionError");
    ArrayPtr out = binaryKernel(op, *x, *y, types.compute, types.result, Flavour::Torch, shape, strides);
    if (!isComparison(op))
        recordOp(*out, torchGradFn(op, !a.array, !b.array), {a.array.get(), b.array.get()});
    return out;
}

// `lhs op rhs` where torch computes: a tensor with a tensor, a number or a NumPy scalar, on either side.
ArrayPtr torchBinary(BinaryOp op, const Value& lhs, const Value& rhs)
{
    const Operand a = torchOperand(lhs);
    const Operand b = torchOperand(rhs);
    if (!a.array) {
        // The reflected methods of torch/_tensor.py.
        if (op == BinaryOp::Div)  // __rdiv__: self.reciprocal() * other
            return torchArithmetic(BinaryOp::Mul, Operand{torchReciprocal(b.array), std::nullopt}, a);
        if (op == BinaryOp::Pow) {
            // __rpow__: torch.tensor(other, dtype=torch.result_type(other, self)) ** self.
            const std::array<PromotionOperand, 2> operands{a.promotion(), b.promotion()};
            const NestedList data = operandKind(lhs) == OperandKind::Number ? NestedList(std::get<Scalar>(lhs))
                                                                            : NestedList(arrayOf(lhs));
            const ArrayPtr base = arrayFromData(Flavour::Torch, data, {torchResultType(operands)});
            return torchArithmetic(op, Operand{base, std::nullopt}, b);
        }
    }
    if (op == BinaryOp::Pow && b.number)
        return torchPowTensorScalar(a.array, *b.number);
    return torchArithmetic(op, a, b);
}

// ---- NumPy ------------------------------------------------------------------------------------------

// Whether NumPy 1.24 computes `lhs op rhs` (NumPy scalars and Python numbers only) in scalar math
// (scalarmath.c.src): the first method Python calls belongs to a NumPy scalar of type X (np.bool_ has none
// and goes to the ufunc); the other operand converts to X when it is a Python bool, a Python int and X is
// int64 or float64, a Python float and X is float64, or a NumPy scalar that casts safely to X. A NumPy
// scalar that X casts safely to instead takes the operation over with its reflected method.
bool numpyUsesScalarMath(const Value& lhs, const Value& rhs)
{
    const OperandKind left = operandKind(lhs), right = operandKind(rhs);
    if (left == OperandKind::Ndarray || right == OperandKind::Ndarray)
        return false;
    const bool leftFirst = left == OperandKind::NumpyScalar;
    const Value& first = leftFirst ? lhs : rhs;
    const Value& other = leftFirst ? rhs : lhs;
    if (operandKind(first) != OperandKind::NumpyScalar)
        return false;
    const DType x = arrayOf(first)->dtype();
    if (x == DType::Bool)
        return false;
    if (operandKind(other) == OperandKind::Number) {
        const Scalar& number = std::get<Scalar>(other);
        if (number.isBool())
            return true;
        if (number.isInt())
            return x == DType::Int64 || x == DType::Float64;
        return x == DType::Float64;
    }
    const DType y = arrayOf(other)->dtype();
    const auto safe = [](DType from, DType to) { return from == to || promoteTypesNumpy(from, to) == to; };
    if (safe(y, x))
        return true;
    return safe(x, y) && y != DType::Bool;
}

// NumPy's fast_scalar_power (number.c): `ndarray ** scalar` with an exponent of 1, -1, 0, 0.5 or 2 runs the
// unary ufunc positive, reciprocal, _ones_like, sqrt or square on a float array; integer and bool arrays
// only shortcut 2 (squared in float64 when the exponent is a float: a C- or F-ordered cast squared in
// place, so a 0-d base stays a 0-d array). Returns nullptr when no shortcut applies. np.bool_ exponents
// are read through __index__, with NumPy's DeprecationWarning.
ArrayPtr numpyPowShortcut(const ArrayPtr& base, const Value& exponentValue, bool inplace)
{
    std::optional<Scalar> exponent;
    bool floatKind = false;
    switch (operandKind(exponentValue)) {
    case OperandKind::Number:
        exponent = std::get<Scalar>(exponentValue);
        floatKind = exponent->isFloat();
        break;
    case OperandKind::NumpyScalar:
    case OperandKind::Ndarray: {
        const Array& e = *arrayOf(exponentValue);
        if (e.dim() != 0)
            return nullptr;
        if (e.dtype() == DType::Bool) {
            if (!e.isNumpyScalar())
                return nullptr;  // a 0-d bool array is neither an integer nor a float
            warn("DeprecationWarning", "In future, it will be an error for 'np.bool_' scalars to be interpreted as an index");
        }
        exponent = itemOf(e);
        floatKind = isFloating(e.dtype());
        break;
    }
    case OperandKind::Tensor: return nullptr;
    }
    const double v = exponent->toDouble();
    const DType dtype = base->dtype();
    const auto unary = [&](std::string_view ufunc, auto f) {
        const NumpyFloatingPointCheck floatingPoint(true);
        ArrayPtr out = mapUnary<true>(base, dtype, Flavour::Numpy, f);
        floatingPoint.report(ufunc);
        return out;
    };
    if (isFloating(dtype)) {
        if (v == 1.0)
            return copyLikeOf(base, dtype, Flavour::Numpy);
        if (v == -1.0)
            return unary("reciprocal", [](auto, auto x) { return decltype(x)(1) / x; });
        if (v == 0.0)
            return onesLikeOf(base, dtype, Flavour::Numpy);
        if (v == 0.5)
            return unary("sqrt", [](auto, auto x) { return std::sqrt(x); });
        if (v == 2.0)
            return unary("square", [](auto, auto x) { return x * x; });
        return nullptr;
    }
    if (v != 2.0)
        return nullptr;
    const auto square = [](auto tag, auto x) {
        using C = typename decltype(tag)::type;
        if constexpr (std::is_same_v<C, bool>)
            return x;
        else if constexpr (std::is_integral_v<C>)
            return wrapMul<C>(x, x);
        else
            return x * x;
    };
    if (floatKind && !inplace && dtype != DType::Bool) {
        // PyArray_CastToType(a1, double, PyArray_ISFORTRAN(a1)), squared in place: the result keeps the
        // cast's C or F order.
        const bool fortran = base->isFContiguous() && !base->isContiguous();
        const ArrayPtr cast = fortran ? numpyArrayFromArray(base, DType::Float64, true, MemoryOrder::F)
                                      : contiguousCopy(*base, Flavour::Numpy, DType::Float64);
        return mapUnary(cast, DType::Float64, Flavour::Numpy, square);
    }
    return mapUnary(base, dtype == DType::Bool ? DType::Int8 : dtype, Flavour::Numpy, square);
}

// One ufunc call on NumPy operands (ndarrays, NumPy scalars, Python numbers). The result is a new array;
// callers turn a 0-d result into a NumPy scalar (or a tensor). wrapsIntoTensor: Tensor.__array_wrap__ will
// take the result, so types torch cannot hold fail as torch.from_numpy fails.
ArrayPtr numpyArithmetic(BinaryOp op, const Value& lhs, const Value& rhs, bool scalarMath, bool wrapsIntoTensor)
{
    const Operand a = numpyOperand(lhs);
    const Operand b = numpyOperand(rhs);
    const OpTypes types = numpyOpTypes(op, a, b, wrapsIntoTensor);
    const Shape shape = broadcastOrThrow(Flavour::Numpy, sizesOf(a), sizesOf(b));
    const std::array<const Array*, 2> inputs{a.array.get(), b.array.get()};
    const Strides strides = numpyIteratorOutputStrides(shape, inputs);
    const ArrayPtr x = operandArray(a, types.compute, Flavour::Numpy);
    const ArrayPtr y = operandArray(b, types.compute, Flavour::Numpy);
    const bool integral = isIntegral(types.compute, false);
    if (op == BinaryOp::Pow && integral)
        AV_CHECK(!anyNegativeExponent(*x, *y, shape), valueError, "Integers to negative integer powers are not allowed.");
    IntegerEvents events;
    if (integral && !isComparison(op)) {
        events.divideByZero = (op == BinaryOp::FloorDiv || op == BinaryOp::Mod) && anyZeroDivisor(*x, *y, shape);
        events.overflow = (op == BinaryOp::FloorDiv && anyDivisionOverflow(*x, *y, shape)) ||
                          (scalarMath && scalarOverflows(op, *x, *y));
    }
    // Comparisons raise no warnings, not even for NaN.
    const NumpyFloatingPointCheck floatingPoint(isFloating(types.compute) && !isComparison(op), scalarMath);
    ArrayPtr out = binaryKernel(op, *x, *y, types.compute, types.result, Flavour::Numpy, shape, strides);
    if (scalarMath && op == BinaryOp::Mod && types.compute == DType::Float16) {
        // half_ctype_remainder is npy_half_divmod: the quotient is computed too, with its floating-point flags
        // (np.float16(1) % np.float16(0) also warns "divide by zero"); the ufunc loop computes the remainder only.
        binaryKernel(BinaryOp::FloorDiv, *x, *y, types.compute, types.compute, Flavour::Numpy, shape, strides);
    }
    floatingPoint.report(ufuncName(op), events);
    return out;
}

// `lhs op rhs` computed by NumPy: returns a NumPy scalar for a 0-d result, as ufuncs do.
ArrayPtr numpyBinary(BinaryOp op, const Value& lhs, const Value& rhs)
{
    if (op == BinaryOp::Pow && operandKind(lhs) == OperandKind::Ndarray) {
        if (ArrayPtr shortcut = numpyPowShortcut(arrayOf(lhs), rhs, /*inplace=*/false)) {
            // The float64 cast of an integer base is squared in place and returned as an array.
            const bool castSquared = isIntegral(arrayOf(lhs)->dtype(), false) && shortcut->dtype() == DType::Float64;
            shortcut->setNumpyScalar(shortcut->dim() == 0 && !castSquared);
            return shortcut;
        }
    }
    ArrayPtr out = numpyArithmetic(op, lhs, rhs, numpyUsesScalarMath(lhs, rhs), /*wrapsIntoTensor=*/false);
    out->setNumpyScalar(out->dim() == 0);
    return out;
}

// A tensor operand of a ufunc, converted as Tensor.__array__ converts it.
Value asUfuncOperand(const Value& value)
{
    if (operandKind(value) != OperandKind::Tensor)
        return value;
    return toNumpy(arrayOf(value));
}

// The ufunc that ndarray.__rop__ runs for `tensor op ndarray`, its result handed to Tensor.__array_wrap__.
ArrayPtr numpyOnTensor(BinaryOp op, const Value& lhs, const Value& rhs)
{
    const Value a = asUfuncOperand(lhs), b = asUfuncOperand(rhs);
    ArrayPtr result = numpyArithmetic(op, a, b, /*scalarMath=*/false, /*wrapsIntoTensor=*/true);
    if (result->dtype() == DType::Bool)
        result = contiguousCopy(*result, Flavour::Numpy, DType::UInt8);  // array.astype("uint8")
    return fromNumpy(result);
}

// ---- Python's operator protocol between the libraries -------------------------------------------------

[[noreturn]] void throwUnsupportedOperands(std::string_view symbol, const Value& lhs, const Value& rhs, bool concatenation)
{
    if (concatenation)
        throw typeError("Concatenation operation is not implemented for NumPy arrays, use np.concatenate() instead. "
                        "Please do not rely on this error; it may not be given on all Python implementations.");
    throw typeError(concat("unsupported operand type(s) for ", symbol == "**" ? "** or pow()" : symbol, ": '",
                           pythonTypeName(lhs), "' and '", pythonTypeName(rhs), "'"));
}

// A comparison that both sides decline: Python compares identities for == and != and refuses ordering.
// np.bool_ takes part as the 0-d ndarray its comparison converts itself to.
Value comparisonFallback(BinaryOp op, const Value& lhs, const Value& rhs)
{
    if (op == BinaryOp::Eq || op == BinaryOp::Ne)
        return Scalar(op == BinaryOp::Ne);
    const auto name = [](const Value& v) { return isNumpyBoolScalar(v) ? std::string("numpy.ndarray") : pythonTypeName(v); };
    throw typeError(concat("'", symbolOf(op), "' not supported between instances of '", name(lhs), "' and '", name(rhs),
                           "'"));
}

}  // namespace

Value binary(BinaryOp op, const Value& lhs, const Value& rhs)
{
    const OperandKind left = operandKind(lhs), right = operandKind(rhs);
    AV_INTERNAL_ASSERT(left != OperandKind::Number || right != OperandKind::Number,
                       "binary() on two Python numbers belongs to the interpreter");
    // NOTE [ Python's operator protocol between tensors and ndarrays ]
    if (left == OperandKind::Tensor) {
        if (right == OperandKind::Ndarray)
            return isComparison(op) ? comparisonFallback(op, lhs, rhs) : Value(numpyOnTensor(op, lhs, rhs));
        return torchBinary(op, lhs, rhs);
    }
    if (right == OperandKind::Tensor) {
        if (left == OperandKind::Ndarray || (isComparison(op) && isNumpyBoolScalar(lhs))) {
            if (isComparison(op))
                return comparisonFallback(op, lhs, rhs);
            if (op != BinaryOp::Div)
                throwUnsupportedOperands(symbolOf(op), lhs, rhs, op == BinaryOp::Add);
            // Tensor.__rtruediv__: rhs.reciprocal() * lhs, whose Tensor.__mul__ declines the ndarray.
            return numpyOnTensor(BinaryOp::Mul, Value(torchReciprocal(arrayOf(rhs))), lhs);
        }
        return torchBinary(op, lhs, rhs);  // a NumPy scalar or a Python number: torch's reflected op
    }
    return numpyBinary(op, lhs, rhs);
}

namespace {

std::string_view torchInplaceName(BinaryOp op)
{
    switch (op) {
    case BinaryOp::Add: return "add_";
    case BinaryOp::Sub: return "sub_";
    case BinaryOp::Mul: return "mul_";
    case BinaryOp::Div: return "div_";
    case BinaryOp::FloorDiv: return "floor_divide_";
    case BinaryOp::Mod: return "remainder_";
    case BinaryOp::Pow: return "pow_";
    default: return "?";
    }
}

// c10's get_overlap_status between an in-place op's output and an input: only views of one Storage
// object are compared (is_alias_of in 1.13), and only a partial overlap of dense tensors is refused.
void checkTorchNoPartialOverlap(const Array& out, const Array& input)
{
    if (input.isNdarray() || out.storage() != input.storage() || out.numel() == 0 || input.numel() == 0)
        return;
    if (!out.isNonOverlappingAndDense() || !input.isNonOverlappingAndDense())
        return;
    const std::int64_t outBegin = out.bufferByteOffset(), outEnd = outBegin + out.nbytes();
    const std::int64_t inBegin = input.bufferByteOffset(), inEnd = inBegin + input.nbytes();
    if (outBegin == inBegin && outEnd == inEnd && out.strides() == input.strides())
        return;
    AV_CHECK(!(outBegin < inEnd && inBegin < outEnd), runtimeError,
             "unsupported operation: some elements of the input tensor and the written-to tensor refer to a single "
             "memory location. Please clone() the tensor before performing the operation.");
}

bool sameLayout(const Array& a, const Array& b)
{
    return a.buffer() == b.buffer() && a.bufferByteOffset() == b.bufferByteOffset() && a.sizes() == b.sizes() &&
           a.strides() == b.strides() && a.dtype() == b.dtype();
}

bool extentsOverlap(const Array& a, const Array& b)
{
    return a.buffer() == b.buffer() && a.numel() > 0 && b.numel() > 0 && a.extentBegin() < b.extentEnd() &&
           b.extentBegin() < a.extentEnd();
}

// dst op= y, where y already has dtype `compute`: one pass through the write path when dst has that dtype
// too, else the result is computed aside and cast into dst (still a single write).
void writeBinaryInto(const ArrayPtr& target, BinaryOp op, const Array& y, DType compute, const WriteContext& context)
{
    Array& dst = *target;
    if (dst.dtype() == compute) {
        inplaceKernel(dst, op, y, context);
        return;
    }
    const ArrayPtr x = operandAs(target, compute);
    const ArrayPtr result = binaryKernel(op, *x, y, compute, compute, dst.flavour(), dst.sizes(), dst.strides());
    copyIntoExisting(dst, *result, context);
}

// torch's integer // and % check each divisor inside the kernel's loop: the elements before the first zero
// divisor (in iteration order) are already written when ZeroDivisionError is raised, and the version counter
// is not bumped, since the op never completes.
[[noreturn]] void writeUpToFirstZeroDivisorThenThrow(Array& self, BinaryOp op, const Array& x, const Array& y,
                                                     DType compute, const WriteContext& context)
{
    const Shape& shape = self.sizes();
    const ArrayPtr result =
        operandAs(binaryKernel(op, x, y, compute, compute, Flavour::Torch, shape, contiguousStrides(shape)), self.dtype());
    const ArrayPtr zero = allocateArray(Flavour::Torch, compute, {});
    const ArrayPtr isZero = binaryKernel(BinaryOp::Eq, y, *zero, compute, DType::Bool, Flavour::Torch, y.sizes(),
                                         contiguousStrides(y.sizes()));
    const std::array<WriteInput, 2> inputs{
        WriteInput{result->data(), result->byteStrides()},
        WriteInput{isZero->data(), broadcastByteStrides(shape, isZero->sizes(), isZero->strides(), 1)}};
    WriteContext failing = context;
    failing.bumpsVersion = false;
    bool stopped = false;
    const std::size_t itemsize = static_cast<std::size_t>(self.itemsize());
    writeElements<2>(self, failing, inputs, [&](const InnerRun<3>& run) {
        for (std::int64_t i = 0; i < run.count && !stopped; ++i) {
            stopped = loadElement<bool>(run.data[2] + i * run.byteStrides[2]);
            if (!stopped)
                std::memcpy(run.data[0] + i * run.byteStrides[0], run.data[1] + i * run.byteStrides[1], itemsize);
        }
    });
    throw runtimeError("ZeroDivisionError");
}

// In torch's order: the autograd leaf rules (VariableType's check_inplace), the op's own checks (sub_check,
// pow's integer rule), TensorIterator's build (internal and partial overlap, broadcasting, the output's
// shape, the cast to self's type), alpha_check, the kernel's dtype support, then the kernel.
ArrayPtr torchInplace(BinaryOp op, const ArrayPtr& self, const Value& otherValue, std::optional<Scalar> alpha)
{
    const Operand other = torchOperand(otherValue);
    const Operand target{self, std::nullopt};
    checkInplaceAutograd(*self);
    checkTorchSub(op, target, other);
    const bool powScalar = op == BinaryOp::Pow && other.number.has_value();
    if (powScalar)
        AV_CHECK(!(isIntegral(self->dtype(), true) && !other.number->isFloat() && other.number->toInt() < 0),
                 runtimeError, "Integers to negative integer powers are not allowed.");
    const WriteContext context{torchInplaceName(op)};
    checkWriteTarget(*self, context);
    if (other.array)
        checkTorchNoPartialOverlap(*self, *other.array);
    const Shape shape = broadcastOrThrow(Flavour::Torch, self->sizes(), sizesOf(other));
    AV_CHECK(shape == self->sizes(), runtimeError, "output with shape ", formatList(self->sizes()),
             " doesn't match the broadcast shape ", formatList(shape));
    const OpTypes types = torchOpTypes(op, target, other);
    if (powScalar) {
        // pow_(Scalar) builds a unary TensorIterator on self.to(result_type) that checks all dtypes are equal.
        AV_CHECK(types.result == self->dtype(), runtimeError, "Found dtype ", scalarTypeName(self->dtype()),
                 " but expected ", scalarTypeName(types.result));
    }
    AV_CHECK(canCastTorch(types.result, self->dtype()), runtimeError, "result type ", scalarTypeName(types.result),
             " can't be cast to the desired output type ", scalarTypeName(self->dtype()));
    if (alpha) {
        AV_CHECK(!alpha->isBool() || types.compute == DType::Bool, runtimeError,
                 "Boolean alpha only supported for Boolean results.");
        AV_CHECK(isFloating(types.compute) || !alpha->isFloat(), runtimeError,
                 "For integral input tensors, argument alpha must not be a floating point number.");
    }
    if (powScalar) {
        // pow_(Scalar) runs pow(Tensor, Scalar)'s exponent cases, then writes the result back.
        const ArrayPtr result = torchPowTensorScalar(self, *other.number);
        copyIntoExisting(*self, *result, context);
    } else {
        checkTorchKernelSupports(op, types.compute);
        const ArrayPtr y = operandArray(other, types.compute, Flavour::Torch);
        if ((op == BinaryOp::FloorDiv || op == BinaryOp::Mod) && isIntegral(types.compute, true)) {
            const ArrayPtr x = operandAs(self, types.compute);
            if (anyZeroDivisor(*x, *y, shape))
                writeUpToFirstZeroDivisorThenThrow(*self, op, *x, *y, types.compute, context);
        }
        if (alpha) {
            // sub(self, other, alpha) is add(self, other, -alpha); the kernel converts alpha with Scalar::to<T>.
            const Scalar scale = op != BinaryOp::Sub ? *alpha
                                 : alpha->isFloat()  ? Scalar(-alpha->toDouble())
                                                     : Scalar(-alpha->toInt());
            const ArrayPtr alphaElement = torchCheckedScalar(scale, types.compute);
            const ArrayPtr x = operandAs(self, types.compute);
            const ArrayPtr result = addScaledKernel(*x, *y, *alphaElement, Flavour::Torch, shape);
            copyIntoExisting(*self, *result, context);
        } else {
            writeBinaryInto(self, op, *y, types.compute, context);
        }
    }
    recordInplaceOp(*self, torchGradFn(op, false, !other.array), other.requiresGrad());
    return self;
}

// Whether a cast of `values` into float16 overflows: NumPy's cast inside the ufunc's buffered loop raises
// the overflow flag there (npy_float_to_half), so `a_f16 *= 70000` warns "overflow encountered in multiply".
bool castOverflowsHalf(const Array& values)
{
    bool found = false;
    const Strides strides = values.byteStrides();
    LoopOperands<1> operands{{values.data()}, {strides.data()}};
    dispatchDType(values.dtype(), [&]<typename T>(TypeTag<T>) {
        if constexpr (std::is_same_v<T, float> || std::is_same_v<T, double>) {
            forEachInMemoryOrder<1>(values.sizes(), operands, [&](const InnerRun<1>& run) {
                for (std::int64_t i = 0; i < run.count && !found; ++i) {
                    const T v = loadElement<T>(run.data[0] + i * run.byteStrides[0]);
                    found = std::isfinite(v) && std::isinf(static_cast<float>(Half(static_cast<float>(v))));
                }
            });
        }
    });
    return found;
}

// Reduces int64 values to [0, 2**bits), the values a uint16/uint32/uint64 loop would have produced.
void wrapToUnsignedBits(Array& values, int bits)
{
    AV_INTERNAL_ASSERT(values.dtype() == DType::Int64 && values.isContiguous(), "wrapping needs contiguous int64");
    if (bits >= 64)
        return;
    const std::uint64_t mask = (std::uint64_t{1} << bits) - 1;
    for (std::int64_t i = 0; i < values.numel(); ++i) {
        std::byte* p = values.data() + i * 8;
        storeElement<std::int64_t>(p, static_cast<std::int64_t>(static_cast<std::uint64_t>(loadElement<std::int64_t>(p)) & mask));
    }
}

// np.<ufunc>(lhs, rhs, out=out), which `a op= b` is with out=a: type resolution, the same_kind cast into out,
// out's WRITEABLE flag, the broadcast of all three operands (out may not be broadcast), then the loop, with
// inputs that overlap out in another layout read as if copied first (NumPy buffers them).
ArrayPtr numpyIntoOutput(BinaryOp op, const Value& lhs, const Value& rhs, const ArrayPtr& out)
{
    const Operand a = numpyOperand(lhs);
    const Operand b = numpyOperand(rhs);
    const WriteContext context{ufuncName(op), "output array is read-only"};
    const OpTypes types = numpyOpTypes(op, a, b, /*wrapsIntoTensor=*/false, out->dtype());
    const NumpyCommonType resultType = types.unmodelled.value_or(NumpyCommonType{types.result, kindOf(types.result),
                                                                                 static_cast<int>(itemSize(types.result))});
    if (!numpyCanCastSameKind(resultType, out->dtype()))
        throw ufuncOutputCastingError(concat("Cannot cast ufunc '", ufuncName(op), "' output from dtype('",
                                             resultType.name(), "') to ", numpyDTypeRepr(out->dtype()),
                                             " with casting rule 'same_kind'"))
            .withArgsRepr(concat("<ufunc '", ufuncName(op), "'>, 'same_kind', dtype('", resultType.name(), "'), ",
                                 numpyDTypeRepr(out->dtype()), ", 2"));
    checkWriteTarget(*out, context);
    Shape inputs, full;
    if (!broadcastShapes(sizesOf(a), sizesOf(b), inputs) || !broadcastShapes(inputs, out->sizes(), full))
        throw valueError(concat("operands could not be broadcast together with shapes ", numpyShapeTuple(sizesOf(a)),
                                " ", numpyShapeTuple(sizesOf(b)), " ", numpyShapeTuple(out->sizes()), " "));
    AV_CHECK(full == out->sizes(), valueError, "non-broadcastable output operand with shape ",
             numpyShapeTuple(out->sizes()), " doesn't match the broadcast shape ", numpyShapeTuple(full));
    const auto unshared = [&](const Operand& operand) {
        if (operand.array && extentsOverlap(*operand.array, *out) && !sameLayout(*operand.array, *out))
            return contiguousCopy(*operand.array, Flavour::Numpy, operand.array->dtype());
        return operand.array;
    };
    const Operand ua{unshared(a), a.number}, ub{unshared(b), b.number};
    const ArrayPtr x = operandArray(ua, types.compute, Flavour::Numpy);
    const ArrayPtr y = operandArray(ub, types.compute, Flavour::Numpy);
    const Shape& shape = out->sizes();
    const bool integral = isIntegral(types.compute, false);
    if (op == BinaryOp::Pow && integral)
        AV_CHECK(!anyNegativeExponent(*x, *y, shape), valueError, "Integers to negative integer powers are not allowed.");
    IntegerEvents events;
    if (integral) {
        events.divideByZero = (op == BinaryOp::FloorDiv || op == BinaryOp::Mod) && anyZeroDivisor(*x, *y, shape);
        events.overflow = op == BinaryOp::FloorDiv && anyDivisionOverflow(*x, *y, shape);
    }
    const NumpyFloatingPointCheck floatingPoint(isFloating(types.compute) || isFloating(out->dtype()));
    if (x == out && out->dtype() == types.compute) {
        inplaceKernel(*out, op, *y, context);
    } else {
        const ArrayPtr result = binaryKernel(op, *x, *y, types.compute, types.result, Flavour::Numpy, shape,
                                             contiguousStrides(shape));
        if (types.unmodelled)
            wrapToUnsignedBits(*result, types.unmodelled->itemsize * 8);
        if (out->dtype() == DType::Float16 && result->dtype() != DType::Float16 && castOverflowsHalf(*result))
            std::feraiseexcept(FE_OVERFLOW);
        copyIntoExisting(*out, *result, context);
    }
    floatingPoint.report(ufuncName(op), events);
    return out;
}

ArrayPtr numpyInplace(BinaryOp op, const ArrayPtr& self, const Value& otherValue)
{
    if (op == BinaryOp::Pow) {
        // `a **= b` goes through fast_scalar_power with inplace set.
        if (ArrayPtr shortcut = numpyPowShortcut(self, otherValue, /*inplace=*/true)) {
            // square(a, out=a): a bool array squares in int8, which same_kind cannot put back.
            if (!canCastNumpySameKind(shortcut->dtype(), self->dtype()))
                throw ufuncOutputCastingError(concat("Cannot cast ufunc 'square' output from ",
                                                     numpyDTypeRepr(shortcut->dtype()), " to ",
                                                     numpyDTypeRepr(self->dtype()), " with casting rule 'same_kind'"))
                    .withArgsRepr(concat("<ufunc 'square'>, 'same_kind', ", numpyDTypeRepr(shortcut->dtype()), ", ",
                                         numpyDTypeRepr(self->dtype()), ", 1"));
            const WriteContext context{ufuncName(op), "output array is read-only"};
            checkWriteTarget(*self, context);
            copyIntoExisting(*self, *shortcut, context);
            return self;
        }
    }
    return numpyIntoOutput(op, Value(self), otherValue, self);
}

}  // namespace

Value inplace(BinaryOp op, const Value& selfValue, const Value& other, InplaceSpelling spelling, std::optional<Scalar> alpha)
{
    AV_INTERNAL_ASSERT(!isComparison(op), "comparisons have no in-place form");
    const OperandKind self = operandKind(selfValue), right = operandKind(other);
    if (self == OperandKind::Tensor) {
        if (right == OperandKind::Ndarray) {
            if (spelling == InplaceSpelling::Method) {
                // add_/sub_/mul_/div_ have one signature; pow_, floor_divide_ and remainder_ two overloads.
                if (op == BinaryOp::Pow || op == BinaryOp::FloorDiv || op == BinaryOp::Mod) {
                    const char* argument = op == BinaryOp::Pow ? "exponent" : "other";
                    throw typeError(concat(torchInplaceName(op),
                                           "() received an invalid combination of arguments - got (numpy.ndarray), but "
                                           "expected one of:\n * (Tensor ", argument,
                                           ")\n      didn't match because some of the arguments have invalid types: "
                                           "(!numpy.ndarray!)\n * (Number ", argument,
                                           ")\n      didn't match because some of the arguments have invalid types: "
                                           "(!numpy.ndarray!)\n"));
                }
                throw typeError(concat(torchInplaceName(op), "(): argument 'other' (position 1) must be Tensor, not numpy.ndarray"));
            }
            // Tensor.__iadd__ declines an ndarray, so Python falls back to `self = self + other`.
            return binary(op, selfValue, other);
        }
        return torchInplace(op, arrayOf(selfValue), other, alpha);
    }
    AV_INTERNAL_ASSERT(spelling == InplaceSpelling::Operator, "in-place methods are torch's");
    if (self == OperandKind::Ndarray) {
        if (right == OperandKind::Tensor) {
            // ndarray defers to the tensor; Python then tries `self op other`, which only division survives.
            if (op == BinaryOp::Div)
                return binary(op, selfValue, other);
            throwUnsupportedOperands(concat(symbolOf(op), "="), selfValue, other, op == BinaryOp::Add);
        }
        return numpyInplace(op, arrayOf(selfValue), other);
    }
    // NumPy scalars and numbers are immutable: `x op= y` rebinds x to `x op y`.
    return binary(op, selfValue, other);
}

ArrayPtr ufuncInto(BinaryOp op, const Value& lhs, const Value& rhs, const ArrayPtr& out)
{
    AV_CHECK(out->isNdarray(), typeError, "return arrays must be of ArrayType");
    // An explicit ufunc call converts tensor operands through __array__ (Tensor.numpy()).
    return numpyIntoOutput(op, asUfuncOperand(lhs), asUfuncOperand(rhs), out);
}

// ---- Unary minus and abs -------------------------------------------------------------------------------

namespace {

// NumPy's scalar math warns when -x or abs(x) overflows an integer type (-np.int8(-128), -np.uint8(3));
// ufuncs on arrays do not.
void warnScalarUnaryOverflow(const Array& x, std::string_view ufunc, bool negation)
{
    if (!x.isNumpyScalar() || !isIntegral(x.dtype(), false))
        return;
    const std::int64_t v = itemOf(x).toInt();
    const bool overflows = kindOf(x.dtype()) == DTypeKind::Unsigned ? (negation && v != 0)
                                                                     : v == (x.itemsize() == 8 ? std::numeric_limits<std::int64_t>::min()
                                                                                               : -(std::int64_t{1} << (8 * x.itemsize() - 1)));
    if (overflows)
        warn("RuntimeWarning", concat("overflow encountered in scalar ", ufunc));
}

}  // namespace

ArrayPtr negate(const ArrayPtr& x)
{
    if (x->isTensor()) {
        AV_CHECK(x->dtype() != DType::Bool, runtimeError,
                 "Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, "
                 "use the `~` or `logical_not()` operator instead.");
    } else {
        AV_CHECK(x->dtype() != DType::Bool, typeError,
                 "The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or the "
                 "logical_not function instead.");
    }
    ArrayPtr out = mapUnary(x, x->dtype(), x->flavour(), [](auto tag, auto v) {
        using C = typename decltype(tag)::type;
        if constexpr (std::is_same_v<C, bool>)
            return v;  // refused above
        else if constexpr (std::is_integral_v<C>)
            return wrapSub<C>(0, v);
        else
            return -v;
    });
    if (x->isTensor()) {
        recordOp(*out, "NegBackward0", {x.get()});
    } else {
        warnScalarUnaryOverflow(*x, "negative", true);
        out->setNumpyScalar(out->dim() == 0);
    }
    return out;
}

ArrayPtr absolute(const ArrayPtr& x)
{
    AV_CHECK(!(x->isTensor() && x->dtype() == DType::Bool), runtimeError, "\"abs_cpu\" not implemented for 'Bool'");
    ArrayPtr out = mapUnary(x, x->dtype(), x->flavour(), [](auto tag, auto v) {
        using C = typename decltype(tag)::type;
        if constexpr (std::is_same_v<C, bool>)
            return v;
        else if constexpr (std::is_integral_v<C> && std::is_signed_v<C>)
            return v < 0 ? wrapSub<C>(0, v) : v;
        else if constexpr (std::is_integral_v<C>)
            return v;
        else
            return std::fabs(v);
    });
    if (x->isTensor()) {
        recordOp(*out, "AbsBackward0", {x.get()});
    } else {
        warnScalarUnaryOverflow(*x, "absolute", false);
        out->setNumpyScalar(out->dim() == 0);
    }
    return out;
}

// ---- torch's other in-place methods ----------------------------------------------------------------------

void checkBroadcastsInto(const Array& dst, IntSpan srcSizes, std::string_view torchOp)
{
    Shape shape;
    const bool broadcasts = srcSizes.size() <= dst.sizes().size() && broadcastShapes(dst.sizes(), srcSizes, shape) &&
                            shape == dst.sizes();
    if (broadcasts)
        return;
    if (dst.isNdarray())
        throw valueError(concat("could not broadcast input array from shape ", numpyShapeTuple(srcSizes),
                                " into shape ", numpyShapeTuple(dst.sizes())));
    if (torchOp == "setitem") {
        // expand_inplace's message, naming the first dim from the right that cannot expand.
        const std::size_t rank = dst.sizes().size();
        for (std::size_t k = 0; k < srcSizes.size(); ++k) {
            const std::size_t i = srcSizes.size() - 1 - k;
            const std::int64_t target = k < rank ? dst.sizes()[rank - 1 - k] : 1;
            if (srcSizes[i] != target && srcSizes[i] != 1)
                throw runtimeError(concat("The expanded size of the tensor (", target,
                                          ") must match the existing size (", srcSizes[i],
                                          ") at non-singleton dimension ", rank - 1 - k, ".  Target sizes: ",
                                          formatList(dst.sizes()), ".  Tensor sizes: ", formatList(srcSizes)));
        }
        throw runtimeError(concat("expand(", "torch.FloatTensor{", formatList(srcSizes), "}, size=",
                                  formatList(dst.sizes()), "): the number of sizes provided (", rank,
                                  ") must be greater or equal to the number of dimensions in the tensor (",
                                  srcSizes.size(), ")"));
    }
    const Shape ignored = broadcastOrThrow(Flavour::Torch, dst.sizes(), srcSizes);
    throw runtimeError(concat("output with shape ", formatList(dst.sizes()), " doesn't match the broadcast shape ",
                              formatList(ignored)));
}

ArrayPtr copyInplace(const ArrayPtr& self, const ArrayPtr& src)
{
    AV_CHECK(src->isTensor(), typeError, "copy_(): argument 'other' (position 1) must be Tensor, not numpy.ndarray");
    const WriteContext context{"copy_"};
    checkWriteTarget(*self, context);
    checkTorchNoPartialOverlap(*self, *src);
    checkBroadcastsInto(*self, src->sizes(), "copy_");
    copyIntoExisting(*self, *src, context);
    // Only floating tensors take part in autograd: an int tensor copied from a grad tensor stays a leaf.
    recordInplaceOp(*self, "CopyBackwards", src->requiresGrad() && isFloating(self->dtype()));
    return self;
}

ArrayPtr fillInplace(const ArrayPtr& self, const Value& value)
{
    if (self->isNdarray()) {
        // ndarray.fill(v) converts v as item assignment does.
        const WriteContext context{"fill", "assignment destination is read-only"};
        checkWriteTarget(*self, context);
        if (const Scalar* number = std::get_if<Scalar>(&value))
            fillExisting(*self, *number, context);
        else
            fillExisting(*self, itemOf(*std::get<ArrayPtr>(value)), context);
        return self;
    }
    const WriteContext context{"fill_"};
    // fill_ writes every element even through an expanded view: torch does not check internal overlap here.
    checkInplaceAutograd(*self);
    if (const ArrayPtr* tensor = std::get_if<ArrayPtr>(&value); tensor && !(*tensor)->isNumpyScalar()) {
        AV_CHECK((*tensor)->dim() == 0, runtimeError, "fill_ only supports 0-dimension value tensor but got tensor with ",
                 (*tensor)->dim(), " dimensions.");
        copyIntoExisting(*self, **tensor, context);
        recordInplaceOp(*self, "FillBackward3", (*tensor)->requiresGrad());
        return self;
    }
    const Scalar number = std::holds_alternative<Scalar>(value)
                              ? std::get<Scalar>(value)
                              : numpyScalarAsNumber(*std::get<ArrayPtr>(value));
    fillExisting(*self, number, context);
    recordInplaceOp(*self, "FillBackward2", false);
    return self;
}

ArrayPtr zeroInplace(const ArrayPtr& self)
{
    const WriteContext context{"zero_"};
    checkInplaceAutograd(*self);
    fillExisting(*self, Scalar(std::int64_t{0}), context);
    recordInplaceOp(*self, "ZeroBackward0", false);
    return self;
}

// clamp's meta function, then clamp_out: numbers take part in the result type only for integral tensors,
// and an in-place clamp must keep the tensor's type exactly (the message names it by its C++ type name); the
// kernel (clamp_scalar_cpu, clamp_max_scalar_cpu, clamp_min_cpu) has no bool or half instantiation and
// converts the bounds with Scalar::to<T>; min and max with a NaN bound fill NaN.
ArrayPtr clampInplace(const ArrayPtr& self, std::optional<Scalar> min, std::optional<Scalar> max)
{
    checkInplaceAutograd(*self);
    AV_CHECK(min || max, runtimeError, "torch.clamp: At least one of 'min' or 'max' must not be None");
    if (!isFloating(self->dtype())) {
        std::vector<PromotionOperand> operands{PromotionOperand{self.get(), std::nullopt}};
        if (min)
            operands.push_back({nullptr, min});
        if (max)
            operands.push_back({nullptr, max});
        const DType common = torchResultType(operands);
        if (common != self->dtype()) {
            const std::string_view cppName = self->dtype() == DType::Int64   ? "long int"
                                             : self->dtype() == DType::Int32 ? "int"
                                             : self->dtype() == DType::Int16 ? "short int"
                                             : self->dtype() == DType::Int8  ? "signed char"
                                             : self->dtype() == DType::UInt8 ? "unsigned char"
                                                                             : "bool";
            throw runtimeError(concat("result type ", scalarTypeName(common), " can't be cast to the desired output type ",
                                      cppName));
        }
    }
    const WriteContext context{"clamp_"};
    checkWriteTarget(*self, context);
    if (min && max && (std::isnan(min->toDouble()) || std::isnan(max->toDouble()))) {
        fillExisting(*self, Scalar(std::nan("")), context);
        recordInplaceOp(*self, "ClampBackward1", false);
        return self;
    }
    const std::string_view kernel = min && max ? "clamp_scalar_cpu" : max ? "clamp_max_scalar_cpu" : "clamp_min_cpu";
    AV_CHECK(self->dtype() != DType::Bool && self->dtype() != DType::Float16, runtimeError, "\"", kernel,
             "\" not implemented for '", scalarTypeName(self->dtype()), "'");
    const ArrayPtr lo = min ? torchCheckedScalar(*min, self->dtype()) : nullptr;
    const ArrayPtr hi = max ? torchCheckedScalar(*max, self->dtype()) : nullptr;
    const std::array<WriteInput, 0> none{};
    dispatchDType(self->dtype(), [&]<typename T>(TypeTag<T>) {
        const T low = lo ? loadElement<T>(lo->data()) : T{};
        const T high = hi ? loadElement<T>(hi->data()) : T{};
        writeElements<0>(*self, context, none, [&](const InnerRun<1>& run) {
            for (std::int64_t i = 0; i < run.count; ++i) {
                std::byte* p = run.data[0] + i * run.byteStrides[0];
                // std::min(std::max(a, min), max): a NaN element passes, a NaN bound alone is ignored.
                T v = loadElement<T>(p);
                if (lo && v < low)
                    v = low;
                if (hi && high < v)
                    v = high;
                storeElement<T>(p, v);
            }
        });
    });
    recordInplaceOp(*self, "ClampBackward1", false);
    return self;
}

void numpyCopyTo(const ArrayPtr& dst, const Value& src)
{
    AV_CHECK(dst->isNdarray(), typeError, "copyto() argument 1 must be numpy.ndarray, not Tensor");
    const WriteContext context{"copyto", "assignment destination is read-only"};
    const Value converted = asUfuncOperand(src);
    const Operand source = numpyOperand(converted);
    const bool scalarLike = !source.array || source.array->dim() == 0;
    // PyArray_CanCastArrayTo(src, dst.dtype, 'same_kind'), by value for a 0-d source (can_cast_scalar_to).
    const DType from = source.array ? source.array->dtype() : source.number->defaultDType(Flavour::Numpy);
    AV_CHECK(scalarLike ? numpyCanCastScalarSameKind(source.promotion(), dst->dtype())
                        : canCastNumpySameKind(from, dst->dtype()),
             typeError, "Cannot cast ", scalarLike ? "scalar" : "array data", " from ", numpyDTypeRepr(from), " to ",
             numpyDTypeRepr(dst->dtype()), " according to the rule 'same_kind'");
    checkWriteTarget(*dst, context);
    // A Python number arrives as np.asarray(number), then is cast like any array (no out-of-bound warning).
    ArrayPtr input = source.array ? source.array : operandArray(source, from, Flavour::Numpy);
    checkBroadcastsInto(*dst, input->sizes(), "copyto");
    if (extentsOverlap(*input, *dst) && !sameLayout(*input, *dst))
        input = contiguousCopy(*input, Flavour::Numpy, input->dtype());
    warnNumpyCastErrors(*input, dst->dtype());
    copyIntoExisting(*dst, *input, context);
}

}  // namespace av::engine
