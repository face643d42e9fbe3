#include "elementwise.h"

#include "arithmetickernels.h"
#include "arrayfactory.h"
#include "autograd.h"
#include "copykernel.h"
#include "dispatch.h"
#include "errors.h"
#include "promotion.h"
#include "stridedloop.h"
#include "warnings.h"
#include "writepath.h"

#include <cfenv>
#include <cmath>

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

// The Python type name in "unsupported operand type(s)" messages.
std::string pythonTypeName(const Value& value)
{
    switch (operandKind(value)) {
    case OperandKind::Tensor: return "Tensor";
    case OperandKind::Ndarray: return "numpy.ndarray";
    case OperandKind::NumpyScalar: return concat("numpy.", numpyName(arrayOf(value)->dtype()) == "bool" ? "bool_" : std::string(numpyName(arrayOf(value)->dtype())));
    case OperandKind::Number: {
        const Scalar& s = std::get<Scalar>(value);
        return s.isBool() ? "bool" : s.isInt() ? "int" : "float";
    }
    }
    return "object";
}

// A NumPy scalar handed to torch becomes a wrapped number, as torch's argument parser reads it; np.bool_
// arrives as a float there (torch.ones(3, dtype=torch.int8) + np.bool_(True) is float32).
Scalar numpyScalarAsNumber(const Array& scalar)
{
    return dispatchDType(scalar.dtype(), [&]<typename T>(TypeTag<T>) -> Scalar {
        const T value = loadElement<T>(scalar.data());
        if constexpr (std::is_same_v<T, bool>)
            return Scalar(value ? 1.0 : 0.0);
        else if constexpr (kIsFloat<T>)
            return Scalar(static_cast<double>(static_cast<OpMathT<T>>(value)));
        else
            return Scalar(static_cast<std::int64_t>(value));
    });
}

// torch.as_tensor of an ndarray operand: shares memory; refuses negative strides like from_numpy.
void checkTorchCanConvert(const Array& ndarray)
{
    for (const std::int64_t stride : ndarray.strides())
        AV_CHECK(stride >= 0, valueError,
                 "At least one stride in the given numpy array is negative, and tensors with negative strides are "
                 "not currently supported. (You can probably work around this by making a copy of your array  with "
                 "array.copy().) ");
}

// An operand in the library that computes: an array (possibly of the other flavour, read as-is), or a
// Python number.
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
    case OperandKind::Ndarray: checkTorchCanConvert(*arrayOf(value)); return {arrayOf(value), std::nullopt};
    case OperandKind::NumpyScalar: return {nullptr, numpyScalarAsNumber(*arrayOf(value))};
    case OperandKind::Number: return {nullptr, std::get<Scalar>(value)};
    }
    return {};
}

Operand numpyOperand(const Value& value)
{
    if (operandKind(value) == OperandKind::Number)
        return {nullptr, std::get<Scalar>(value)};
    return {arrayOf(value), std::nullopt};
}

// The operand as an array of dtype `compute` (a 0-d array for a number); numbers are converted with a
// plain C cast, as both libraries convert them to the loop's type.
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

Shape sizesOf(const Operand& operand) { return operand.array ? operand.array->sizes() : Shape{}; }

// ---- Broadcasting messages --------------------------------------------------------------------------

std::string numpyShapeTuple(IntSpan shape);

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

// NumPy reads the FPU's sticky flags after a loop and warns (its default errstate: warn, except underflow).
class NumpyFloatingPointCheck {
public:
    explicit NumpyFloatingPointCheck(bool active) : m_active(active)
    {
        if (m_active)
            std::feclearexcept(FE_ALL_EXCEPT);
    }
    void report(std::string_view ufunc, bool integerDivideByZero = false) const
    {
        if (!m_active)
            return;
        const int raised = std::fetestexcept(FE_DIVBYZERO | FE_OVERFLOW | FE_INVALID);
        if ((raised & FE_DIVBYZERO) || integerDivideByZero)
            warn("RuntimeWarning", concat("divide by zero encountered in ", ufunc));
        if (raised & FE_OVERFLOW)
            warn("RuntimeWarning", concat("overflow encountered in ", ufunc));
        if (raised & FE_INVALID)
            warn("RuntimeWarning", concat("invalid value encountered in ", ufunc));
    }

private:
    bool m_active;
};

bool anyZero(const Array& divisor)
{
    bool found = false;
    const Strides strides = divisor.byteStrides();
    LoopOperands<1> operands{{divisor.data()}, {strides.data()}};
    dispatchDType(divisor.dtype(), [&]<typename T>(TypeTag<T>) {
        forEachInMemoryOrder<1>(divisor.sizes(), operands, [&](const InnerRun<1>& run) {
            for (std::int64_t i = 0; i < run.count && !found; ++i)
                found = static_cast<OpMathT<T>>(loadElement<T>(run.data[0] + i * run.byteStrides[0])) == 0;
        });
    });
    return found;
}

bool anyNegative(const Array& values)
{
    if (!isIntegral(values.dtype(), false) || kindOf(values.dtype()) == DTypeKind::Unsigned)
        return false;
    bool found = false;
    const Strides strides = values.byteStrides();
    LoopOperands<1> operands{{values.data()}, {strides.data()}};
    dispatchDType(values.dtype(), [&]<typename T>(TypeTag<T>) {
        if constexpr (std::is_integral_v<T> && std::is_signed_v<T>) {
            forEachInMemoryOrder<1>(values.sizes(), operands, [&](const InnerRun<1>& run) {
                for (std::int64_t i = 0; i < run.count && !found; ++i)
                    found = loadElement<T>(run.data[0] + i * run.byteStrides[0]) < 0;
            });
        }
    });
    return found;
}

// ---- Result types, per op -------------------------------------------------------------------------------

struct OpTypes {
    DType compute;  // the type both inputs are converted to and the loop runs in
    DType result;   // the output's dtype (bool for comparisons)
};

// torch's op-specific checks that come before TensorIterator (sub_check and the missing bool kernels).
void checkTorchOpSupports(BinaryOp op, DType a, DType b, DType common)
{
    if (op == BinaryOp::Sub) {
        AV_CHECK(!(a == DType::Bool && b == DType::Bool), runtimeError,
                 "Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or "
                 "`logical_xor()` operator instead.");
        AV_CHECK(!(a == DType::Bool || b == DType::Bool), runtimeError,
                 "Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a "
                 "mask, use the `~` or `logical_not()` operator instead.");
    }
    if (common == DType::Bool) {
        AV_CHECK(op != BinaryOp::FloorDiv, runtimeError, "\"div_floor_cpu\" not implemented for 'Bool'");
        AV_CHECK(op != BinaryOp::Mod, runtimeError, "\"remainder_cpu\" not implemented for 'Bool'");
        AV_CHECK(op != BinaryOp::Pow, runtimeError, "\"pow\" not implemented for 'Bool'");
    }
}

DType operandDType(const Operand& operand, Flavour flavour)
{
    return operand.array ? operand.array->dtype() : operand.number->defaultDType(flavour);
}

OpTypes torchOpTypes(BinaryOp op, const Operand& a, const Operand& b)
{
    const std::array<PromotionOperand, 2> operands{a.promotion(), b.promotion()};
    const DType common = torchResultType(operands);
    // A wrapped bool counts as a bool tensor in sub_check.
    checkTorchOpSupports(op, operandDType(a, Flavour::Torch), operandDType(b, Flavour::Torch), common);
    if (isComparison(op))
        return {common, DType::Bool};
    if (op == BinaryOp::Div && !isFloating(common))
        return {kTorchDefaultFloat, kTorchDefaultFloat};
    return {common, common};
}

OpTypes numpyOpTypes(BinaryOp op, const Operand& a, const Operand& b)
{
    const std::array<PromotionOperand, 2> operands{a.promotion(), b.promotion()};
    DType common = numpyResultType(operands);
    if (isComparison(op))
        return {common, DType::Bool};
    if (op == BinaryOp::Sub && common == DType::Bool)
        throw typeError("numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` "
                        "operator, or the logical_xor function instead.");
    if (op == BinaryOp::Div && !isFloating(common))
        return {DType::Float64, DType::Float64};  // true_divide's integer loops compute in double
    if ((op == BinaryOp::FloorDiv || op == BinaryOp::Mod || op == BinaryOp::Pow) && common == DType::Bool)
        common = DType::Int8;  // these ufuncs have no bool loop; the first that takes bool is int8
    return {common, common};
}

std::string_view torchGradFn(BinaryOp op, bool scalarLhs, bool tensorExponent)
{
    switch (op) {
    case BinaryOp::Add: return "AddBackward0";
    case BinaryOp::Sub: return scalarLhs ? "RsubBackward1" : "SubBackward0";
    case BinaryOp::Mul: return "MulBackward0";
    case BinaryOp::Div: return "DivBackward0";
    case BinaryOp::FloorDiv: return "NotImplemented";
    case BinaryOp::Mod: return scalarLhs ? "RemainderBackward1" : "RemainderBackward0";
    case BinaryOp::Pow: return tensorExponent ? "PowBackward1" : "PowBackward0";
    default: return {};
    }
}

// ---- The out-of-place computation ------------------------------------------------------------------

ArrayPtr runBinary(BinaryOp op, const Array& a, const Array& b, const OpTypes& types, Flavour flavour,
                   const Shape& shape)
{
    return binaryKernel(op, a, b, types.compute, types.result, flavour, shape);
}

// ---- Unary maps -------------------------------------------------------------------------------------

// out = f(x) elementwise in dtype `dtype` (x converted first). One dtype dispatch per call site keeps the
// number of instantiated loops small.
template <bool FloatOnly = false, typename F>
ArrayPtr mapUnary(const ArrayPtr& x, DType dtype, Flavour flavour, F&& f)
{
    AV_INTERNAL_ASSERT(!FloatOnly || isFloating(dtype), "float-only map on ", numpyName(dtype));
    const ArrayPtr input = operandAs(x, dtype);
    ArrayPtr out = allocateArray(flavour, dtype, input->sizes(), Device::cpu(), /*zeroFill=*/false);
    const Strides so = out->byteStrides();
    const Strides si = input->byteStrides();
    LoopOperands<2> operands{{out->data(), input->data()}, {so.data(), si.data()}};
    dispatchDType(dtype, [&]<typename C>(TypeTag<C>) {
        if constexpr (FloatOnly && !kIsFloat<C>)
            return;
        forEachInMemoryOrder<2>(out->sizes(), operands, [&](const InnerRun<2>& run) {
            for (std::int64_t i = 0; i < run.count; ++i) {
                const OpMathT<C> v = static_cast<OpMathT<C>>(loadElement<C>(run.data[1] + i * run.byteStrides[1]));
                storeElement<C>(run.data[0] + i * run.byteStrides[0], convertElement<C>(f(TypeTag<C>{}, v)));
            }
        });
    });
    return out;
}

ArrayPtr onesLikeOf(const Array& x, DType dtype, Flavour flavour)
{
    ArrayPtr out = allocateArray(flavour, dtype, x.sizes(), Device::cpu(), /*zeroFill=*/false);
    fillFresh(*out, Scalar(std::int64_t{1}));
    return out;
}

// torch's Tensor.reciprocal(): integers become the default float.
ArrayPtr torchReciprocal(const ArrayPtr& x)
{
    const DType dtype = isFloating(x->dtype()) ? x->dtype() : kTorchDefaultFloat;
    ArrayPtr out = mapUnary(x, dtype, Flavour::Torch, [](auto, auto v) { return decltype(v)(1) / v; });
    recordOp(*out, "ReciprocalBackward0", {x.get()});
    return out;
}

// ---- Powers -----------------------------------------------------------------------------------------

// torch's pow(Tensor, Scalar): 0 fills ones, 1 copies, and float32/float64 route 0.5, -0.5, -1, 2, 3, -2 to
// sqrt, rsqrt, reciprocal and products (PowKernel.cpp); other exponents use pow with the exponent cast to
// the tensor's type.
ArrayPtr torchPowTensorScalar(const Operand& base, const Scalar& exponent)
{
    const std::array<PromotionOperand, 2> operands{base.promotion(), PromotionOperand{nullptr, exponent}};
    const DType common = torchResultType(operands);
    checkTorchOpSupports(BinaryOp::Pow, base.array->dtype(), exponent.defaultDType(Flavour::Torch), common);
    AV_CHECK(!(isIntegral(common, true) && !exponent.isFloat() && exponent.toInt() < 0), runtimeError,
             "Integers to negative integer powers are not allowed.");
    const double e = exponent.toDouble();
    const ArrayPtr& x = base.array;
    ArrayPtr out;
    const bool fast = common == DType::Float32 || common == DType::Float64;
    if (e == 0.0)
        out = onesLikeOf(*x, common, Flavour::Torch);
    else if (e == 1.0)
        out = contiguousCopy(*x, Flavour::Torch, common);
    else if (fast && e == 0.5)
        out = mapUnary<true>(x, common, Flavour::Torch, [](auto, auto v) { return std::sqrt(v); });
    else if (fast && e == -0.5)
        out = mapUnary<true>(x, common, Flavour::Torch, [](auto, auto v) { return decltype(v)(1) / std::sqrt(v); });
    else if (fast && e == -1.0)
        out = mapUnary<true>(x, common, Flavour::Torch, [](auto, auto v) { return decltype(v)(1) / v; });
    else if (fast && e == 2.0)
        out = mapUnary<true>(x, common, Flavour::Torch, [](auto, auto v) { return v * v; });
    else if (fast && e == 3.0)
        out = mapUnary<true>(x, common, Flavour::Torch, [](auto, auto v) { return v * v * v; });
    else if (fast && e == -2.0)
        out = mapUnary<true>(x, common, Flavour::Torch, [](auto, auto v) { return decltype(v)(1) / (v * v); });
    else {
        out = mapUnary(x, common, Flavour::Torch, [&]<typename C>(TypeTag<C>, OpMathT<C> v) -> OpMathT<C> {
            if constexpr (std::is_same_v<C, bool>)
                return v;  // unreachable: bool pow is refused above
            else if constexpr (std::is_integral_v<C>)
                return powInt<C>(v, exponent.isFloat() ? convertElement<C>(e) : convertElement<C>(exponent.toInt()));
            else if constexpr (std::is_same_v<C, Half>)
                return std::pow(v, static_cast<float>(Half(static_cast<float>(e))));
            else
                return std::pow(v, static_cast<OpMathT<C>>(e));
        });
    }
    recordOp(*out, "PowBackward0", {x.get()});
    return out;
}

bool isNumpyScalarLike(const Operand& operand) { return !operand.array || operand.array->dim() == 0; }

Scalar scalarValueOf(const Operand& operand)
{
    if (operand.number)
        return *operand.number;
    return dispatchDType(operand.array->dtype(), [&]<typename T>(TypeTag<T>) -> Scalar {
        const T v = loadElement<T>(operand.array->data());
        if constexpr (std::is_same_v<T, bool>)
            return Scalar(v);
        else if constexpr (kIsFloat<T>)
            return Scalar(static_cast<double>(static_cast<OpMathT<T>>(v)));
        else
            return Scalar(static_cast<std::int64_t>(v));
    });
}

// NumPy's fast_scalar_power (number.c): an ndarray to a scalar power of 1, -1, 0, 0.5 or 2 runs positive,
// reciprocal, ones_like, sqrt or square in the array's own dtype; integer arrays only shortcut 2 (squared in
// float64 when the exponent is a float, unless in place). Returns nullptr when no shortcut applies.
ArrayPtr numpyPowShortcut(const ArrayPtr& base, const Operand& exponent, bool inplace)
{
    const Scalar e = scalarValueOf(exponent);
    const double v = e.toDouble();
    const DType dtype = base->dtype();
    if (isFloating(dtype)) {
        if (v == 1.0)
            return contiguousCopy(*base, Flavour::Numpy, dtype);
        if (v == -1.0)
            return mapUnary<true>(base, dtype, Flavour::Numpy, [](auto, auto x) { return decltype(x)(1) / x; });
        if (v == 0.0)
            return onesLikeOf(*base, dtype, Flavour::Numpy);
        if (v == 0.5)
            return mapUnary<true>(base, dtype, Flavour::Numpy, [](auto, auto x) { return std::sqrt(x); });
        if (v == 2.0)
            return mapUnary<true>(base, dtype, Flavour::Numpy, [](auto, auto x) { return x * x; });
        return nullptr;
    }
    if (v != 2.0)
        return nullptr;
    const bool floatExponent = e.isFloat();
    const DType compute = (floatExponent && !inplace && dtype != DType::Bool) ? DType::Float64
                          : dtype == DType::Bool                               ? DType::Int8  // square has no bool loop
                                                                               : dtype;
    return mapUnary(base, compute, Flavour::Numpy, [](auto tag, auto x) {
        using C = typename decltype(tag)::type;
        if constexpr (std::is_same_v<C, bool>)
            return x;
        else if constexpr (std::is_integral_v<C>)
            return wrapMul<C>(x, x);
        else
            return x * x;
    });
}

// ---- torch and NumPy binary ops --------------------------------------------------------------------

ArrayPtr torchBinary(BinaryOp op, const Value& lhs, const Value& rhs)
{
    // Python's reflected true division on a tensor is `self.reciprocal() * other` (torch/_tensor.py
    // __rdiv__), with the rounding of two operations.
    if (op == BinaryOp::Div && operandKind(lhs) != OperandKind::Tensor)
        return torchBinary(BinaryOp::Mul, Value(torchReciprocal(arrayOf(rhs))), lhs);
    Operand a = torchOperand(lhs);
    const Operand b = torchOperand(rhs);
    if (op == BinaryOp::Pow && a.array && b.number)
        return torchPowTensorScalar(a, *b.number);
    const bool numberLhs = !a.array;
    if (op == BinaryOp::Pow && numberLhs) {
        // __rpow__: torch.tensor(other, dtype=torch.result_type(other, self)) ** self.
        const std::array<PromotionOperand, 2> operands{a.promotion(), b.promotion()};
        a = Operand{operandArray(a, torchResultType(operands), Flavour::Torch), std::nullopt};
    }
    const OpTypes types = torchOpTypes(op, a, b);
    const Shape shape = broadcastOrThrow(Flavour::Torch, sizesOf(a), sizesOf(b));
    const ArrayPtr x = operandArray(a, types.compute, Flavour::Torch);
    const ArrayPtr y = operandArray(b, types.compute, Flavour::Torch);
    if ((op == BinaryOp::FloorDiv || op == BinaryOp::Mod) && isIntegral(types.compute, true))
        AV_CHECK(!anyZero(*y), runtimeError, "ZeroDivisionError");
    ArrayPtr out = runBinary(op, *x, *y, types, Flavour::Torch, shape);
    if (!isComparison(op)) {
        const std::string_view gradFn =
            op == BinaryOp::Mod && numberLhs ? std::string_view("NotImplemented") : torchGradFn(op, numberLhs, true);
        recordOp(*out, gradFn, {a.array.get(), b.array.get()});
    }
    return out;
}

void checkNumpyIntegerPower(const OpTypes& types, const Array& exponent)
{
    AV_CHECK(!(isIntegral(types.compute, false) && anyNegative(exponent)), valueError,
             "Integers to negative integer powers are not allowed.");
}

ArrayPtr numpyBinary(BinaryOp op, const Value& lhs, const Value& rhs)
{
    const Operand a = numpyOperand(lhs);
    const Operand b = numpyOperand(rhs);
    if (op == BinaryOp::Pow && operandKind(lhs) == OperandKind::Ndarray && isNumpyScalarLike(b))
        if (ArrayPtr shortcut = numpyPowShortcut(a.array, b, /*inplace=*/false))
            return shortcut;
    const OpTypes types = numpyOpTypes(op, a, b);
    const Shape shape = broadcastOrThrow(Flavour::Numpy, sizesOf(a), sizesOf(b));
    const ArrayPtr x = operandArray(a, types.compute, Flavour::Numpy);
    const ArrayPtr y = operandArray(b, types.compute, Flavour::Numpy);
    if (op == BinaryOp::Pow)
        checkNumpyIntegerPower(types, *y);
    const bool integerDivideByZero =
        (op == BinaryOp::FloorDiv || op == BinaryOp::Mod) && !isFloating(types.compute) && anyZero(*y);
    const NumpyFloatingPointCheck floatingPoint(isFloating(types.compute));
    ArrayPtr out = runBinary(op, *x, *y, types, Flavour::Numpy, shape);
    floatingPoint.report(ufuncName(op), integerDivideByZero);
    // A ufunc with a 0-d result returns a NumPy scalar.
    out->setNumpyScalar(out->dim() == 0);
    return out;
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

// A comparison between a tensor and an ndarray: both sides decline, so Python compares identities for == and
// != and refuses ordering.
Value comparisonFallback(BinaryOp op, const Value& lhs, const Value& rhs)
{
    if (op == BinaryOp::Eq || op == BinaryOp::Ne)
        return Scalar(op == BinaryOp::Ne);
    throw typeError(concat("'", symbolOf(op), "' not supported between instances of '", pythonTypeName(lhs), "' and '",
                           pythonTypeName(rhs), "'"));
}

}  // namespace

Value binary(BinaryOp op, const Value& lhs, const Value& rhs)
{
    const OperandKind left = operandKind(lhs), right = operandKind(rhs);
    AV_INTERNAL_ASSERT(left != OperandKind::Number || right != OperandKind::Number,
                       "binary() on two Python numbers belongs to the interpreter");
    if (left == OperandKind::Tensor) {
        if (right == OperandKind::Ndarray && isComparison(op))
            return comparisonFallback(op, lhs, rhs);
        return torchBinary(op, lhs, rhs);
    }
    if (left == OperandKind::Ndarray && right == OperandKind::Tensor) {
        // ndarray defers to the tensor (its __array_priority__), whose reflected methods accept an ndarray
        // only for true division.
        if (op == BinaryOp::Div)
            return torchBinary(op, lhs, rhs);
        if (isComparison(op))
            return comparisonFallback(op, lhs, rhs);
        throwUnsupportedOperands(symbolOf(op), lhs, rhs, op == BinaryOp::Add);
    }
    if (right == OperandKind::Tensor)  // a NumPy scalar or a Python number with a tensor: torch's reflected op
        return torchBinary(op, lhs, rhs);
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
void writeBinaryInto(const ArrayPtr& target, BinaryOp op, const Array& y, DType compute, const WriteContext& context,
                     Flavour flavour, std::optional<Scalar> alpha)
{
    Array& dst = *target;
    if (dst.dtype() == compute && !alpha) {
        inplaceKernel(dst, op, y, context);
        return;
    }
    const ArrayPtr x = operandAs(target, compute);
    const ArrayPtr result = alpha ? addScaledKernel(*x, y, op == BinaryOp::Sub ? -1.0 : 1.0, *alpha, compute, flavour, dst.sizes())
                                  : binaryKernel(op, *x, y, compute, compute, flavour, dst.sizes());
    copyIntoExisting(dst, *result, context);
}

ArrayPtr torchInplace(BinaryOp op, const ArrayPtr& self, const Value& otherValue, std::optional<Scalar> alpha)
{
    const Operand other = torchOperand(otherValue);
    checkInplaceAutograd(*self);
    const Operand target{self, std::nullopt};
    OpTypes types;
    if (op == BinaryOp::Pow && other.number) {
        const std::array<PromotionOperand, 2> operands{target.promotion(), PromotionOperand{nullptr, other.number}};
        const DType common = torchResultType(operands);
        checkTorchOpSupports(op, self->dtype(), other.number->defaultDType(Flavour::Torch), common);
        AV_CHECK(!(isIntegral(common, true) && !other.number->isFloat() && other.number->toInt() < 0), runtimeError,
                 "Integers to negative integer powers are not allowed.");
        types = {common, common};
    } else {
        types = torchOpTypes(op, target, other);
    }
    if (alpha && alpha->toDouble() != 1.0) {
        AV_CHECK(!(isIntegral(types.compute, true) && alpha->isFloat()), runtimeError,
                 "For integral input tensors, argument alpha must not be a floating point number.");
    } else {
        alpha.reset();
    }
    const WriteContext context{torchInplaceName(op)};
    checkWriteTarget(*self, context);
    if (other.array)
        checkTorchNoPartialOverlap(*self, *other.array);
    const Shape shape = broadcastOrThrow(Flavour::Torch, self->sizes(), sizesOf(other));
    AV_CHECK(shape == self->sizes(), runtimeError, "output with shape ", formatList(self->sizes()),
             " doesn't match the broadcast shape ", formatList(shape));
    AV_CHECK(canCastTorch(types.result, self->dtype()), runtimeError, "result type ", scalarTypeName(types.result),
             " can't be cast to the desired output type ", scalarTypeName(self->dtype()));
    const ArrayPtr y = operandArray(other, types.compute, Flavour::Torch);
    if ((op == BinaryOp::FloorDiv || op == BinaryOp::Mod) && isIntegral(types.compute, true))
        AV_CHECK(!anyZero(*y), runtimeError, "ZeroDivisionError");
    if (op == BinaryOp::Pow && other.number && !isIntegral(types.compute, true)) {
        // Same exponent shortcuts as out of place, then written back.
        const ArrayPtr result = torchPowTensorScalar(target, *other.number);
        copyIntoExisting(*self, *result, context);
    } else {
        writeBinaryInto(self, op, *y, types.compute, context, Flavour::Torch, alpha);
    }
    recordInplaceOp(*self, torchGradFn(op, false, !other.number), other.requiresGrad());
    return self;
}

ArrayPtr numpyInplace(BinaryOp op, const ArrayPtr& self, const Value& otherValue)
{
    Operand other = numpyOperand(otherValue);
    AV_INTERNAL_ASSERT(!(other.array && other.array->isTensor()), "a tensor operand reached numpyInplace");
    const WriteContext context{ufuncName(op), "output array is read-only"};
    if (op == BinaryOp::Pow && isNumpyScalarLike(other))
        if (ArrayPtr shortcut = numpyPowShortcut(self, other, /*inplace=*/true)) {
            checkWriteTarget(*self, context);
            copyIntoExisting(*self, *shortcut, context);
            return self;
        }
    const Operand target{self, std::nullopt};
    const OpTypes types = numpyOpTypes(op, target, other);
    if (!canCastNumpySameKind(types.result, self->dtype()))
        throw ufuncOutputCastingError(concat("Cannot cast ufunc '", ufuncName(op), "' output from ",
                                             numpyDTypeRepr(types.result), " to ", numpyDTypeRepr(self->dtype()),
                                             " with casting rule 'same_kind'"));
    checkWriteTarget(*self, context);
    Shape shape;
    if (!broadcastShapes(self->sizes(), sizesOf(other), shape))
        throw valueError(concat("operands could not be broadcast together with shapes ", numpyShapeTuple(self->sizes()),
                                " ", numpyShapeTuple(sizesOf(other)), " ", numpyShapeTuple(self->sizes()), " "));
    AV_CHECK(shape == self->sizes(), valueError, "non-broadcastable output operand with shape ",
             numpyShapeTuple(self->sizes()), " doesn't match the broadcast shape ", numpyShapeTuple(shape));
    ArrayPtr y = operandArray(other, types.compute, Flavour::Numpy);
    if (op == BinaryOp::Pow)
        checkNumpyIntegerPower(types, *y);
    // NumPy buffers an input that overlaps the output in any other layout, so results read as if the input
    // had been copied first.
    if (y == other.array && extentsOverlap(*y, *self) && !sameLayout(*y, *self))
        y = contiguousCopy(*y, Flavour::Numpy, y->dtype());
    const bool integerDivideByZero =
        (op == BinaryOp::FloorDiv || op == BinaryOp::Mod) && !isFloating(types.compute) && anyZero(*y);
    const NumpyFloatingPointCheck floatingPoint(isFloating(types.compute));
    writeBinaryInto(self, op, *y, types.compute, context, Flavour::Numpy, std::nullopt);
    floatingPoint.report(ufuncName(op), integerDivideByZero);
    return self;
}

}  // namespace

Value inplace(BinaryOp op, const Value& selfValue, const Value& other, InplaceSpelling spelling, std::optional<Scalar> alpha)
{
    AV_INTERNAL_ASSERT(!isComparison(op), "comparisons have no in-place form");
    const OperandKind self = operandKind(selfValue), right = operandKind(other);
    if (self == OperandKind::Tensor) {
        if (right == OperandKind::Ndarray) {
            AV_CHECK(spelling != InplaceSpelling::Method, typeError, torchInplaceName(op),
                     "(): argument 'other' (position 1) must be Tensor, not numpy.ndarray");
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
    const auto asNumpy = [](const Value& v) -> Value {
        if (operandKind(v) != OperandKind::Tensor)
            return v;
        const ArrayPtr& t = arrayOf(v);
        AV_CHECK(!t->requiresGrad(), runtimeError,
                 "Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.");
        return makeView(t, t->sizes(), t->strides(), t->byteOffset());
    };
    const Value a = asNumpy(lhs), b = asNumpy(rhs);
    if (operandKind(a) == OperandKind::Ndarray && std::get<ArrayPtr>(a) == out)
        return numpyInplace(op, out, b);
    // out = lhs op rhs computed aside, then written through the write path with the ufunc's casting rule.
    const ArrayPtr result = std::get<ArrayPtr>(binary(op, a, b));
    if (!canCastNumpySameKind(result->dtype(), out->dtype()))
        throw ufuncOutputCastingError(concat("Cannot cast ufunc '", ufuncName(op), "' output from ",
                                             numpyDTypeRepr(result->dtype()), " to ", numpyDTypeRepr(out->dtype()),
                                             " with casting rule 'same_kind'"));
    const WriteContext context{ufuncName(op), "output array is read-only"};
    checkWriteTarget(*out, context);
    Shape shape;
    AV_CHECK(broadcastShapes(out->sizes(), result->sizes(), shape) && shape == out->sizes(), valueError,
             "non-broadcastable output operand with shape ", numpyShapeTuple(out->sizes()),
             " doesn't match the broadcast shape ", numpyShapeTuple(result->sizes()));
    copyIntoExisting(*out, *result, context);
    return out;
}

// ---- Unary minus and abs -------------------------------------------------------------------------------

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
    if (x->isTensor())
        recordOp(*out, "NegBackward0", {x.get()});
    else
        out->setNumpyScalar(out->dim() == 0);
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
    if (x->isTensor())
        recordOp(*out, "AbsBackward0", {x.get()});
    else
        out->setNumpyScalar(out->dim() == 0);
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
    recordInplaceOp(*self, "CopyBackwards", src->requiresGrad());
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
            fillExisting(*self, scalarValueOf(Operand{std::get<ArrayPtr>(value), std::nullopt}), context);
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

ArrayPtr clampInplace(const ArrayPtr& self, std::optional<Scalar> min, std::optional<Scalar> max)
{
    AV_CHECK(min || max, runtimeError, "torch.clamp: At least one of 'min' or 'max' must not be None");
    checkInplaceAutograd(*self);
    const WriteContext context{"clamp_"};
    checkWriteTarget(*self, context);
    std::vector<PromotionOperand> operands{PromotionOperand{self.get(), std::nullopt}};
    if (min)
        operands.push_back({nullptr, min});
    if (max)
        operands.push_back({nullptr, max});
    const DType common = torchResultType(operands);
    if (!canCastTorch(common, self->dtype())) {
        // clamp's check names the output type by its C++ name.
        const std::string_view cppName = self->dtype() == DType::Int64   ? "long int"
                                         : self->dtype() == DType::Int32 ? "int"
                                         : self->dtype() == DType::Int16 ? "short int"
                                         : self->dtype() == DType::Int8  ? "signed char"
                                         : self->dtype() == DType::UInt8 ? "unsigned char"
                                                                         : scalarTypeName(self->dtype());
        throw runtimeError(concat("result type ", scalarTypeName(common), " can't be cast to the desired output type ",
                                  cppName));
    }
    // The bounds are converted to the tensor's type with a C cast (uint8 clamp_(min=-1) clamps to 255).
    const std::array<WriteInput, 0> none{};
    dispatchDType(self->dtype(), [&]<typename T>(TypeTag<T>) {
        using M = OpMathT<T>;
        const auto bound = [](const Scalar& s) -> M {
            return static_cast<M>(s.isFloat() ? convertElement<T>(s.toDouble()) : convertElement<T>(s.toInt()));
        };
        const bool hasMin = min.has_value(), hasMax = max.has_value();
        const M lo = hasMin ? bound(*min) : M{}, hi = hasMax ? bound(*max) : M{};
        writeElements<0>(*self, context, none, [&](const InnerRun<1>& run) {
            for (std::int64_t i = 0; i < run.count; ++i) {
                std::byte* p = run.data[0] + i * run.byteStrides[0];
                M v = static_cast<M>(loadElement<T>(p));
                if constexpr (kIsFloat<T>) {
                    if (std::isnan(v))
                        continue;  // NaN passes through clamp
                }
                if (hasMin && v < lo)
                    v = lo;
                if (hasMax && v > hi)
                    v = hi;
                storeElement<T>(p, convertElement<T>(v));
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
    Operand source = numpyOperand(src);
    if (source.array && source.array->isTensor()) {
        AV_CHECK(!source.array->requiresGrad(), runtimeError,
                 "Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.");
        source.array = makeView(source.array, source.array->sizes(), source.array->strides(), source.array->byteOffset());
    }
    // can_cast(src, dst, 'same_kind') with value-based casting for scalars.
    const std::array<PromotionOperand, 1> operands{source.promotion()};
    const DType from = isNumpyScalarLike(source) ? numpyResultType(std::array<PromotionOperand, 2>{
                                                       PromotionOperand{dst.get(), std::nullopt}, source.promotion()})
                                                 : numpyResultType(operands);
    const DType fromForMessage = source.array ? source.array->dtype() : source.number->defaultDType(Flavour::Numpy);
    AV_CHECK(canCastNumpySameKind(isNumpyScalarLike(source) ? from : fromForMessage, dst->dtype()) ||
                 (isNumpyScalarLike(source) && from == dst->dtype()),
             typeError, "Cannot cast ", isNumpyScalarLike(source) ? "scalar" : "array data", " from ",
             numpyDTypeRepr(fromForMessage), " to ", numpyDTypeRepr(dst->dtype()), " according to the rule 'same_kind'");
    checkWriteTarget(*dst, context);
    if (!source.array) {
        fillExisting(*dst, *source.number, context);
        return;
    }
    checkBroadcastsInto(*dst, source.array->sizes(), "copyto");
    ArrayPtr input = source.array;
    if (extentsOverlap(*input, *dst) && !sameLayout(*input, *dst))
        input = contiguousCopy(*input, Flavour::Numpy, input->dtype());
    copyIntoExisting(*dst, *input, context);
}

}  // namespace av::engine
