#include "bitwise.h"
#include "views.h"

#include "arrayfactory.h"
#include "copykernel.h"
#include "dispatch.h"
#include "errors.h"
#include "promotion.h"
#include "stridedloop.h"

#include <array>

namespace av::engine {

namespace {

std::string_view torchKernelName(BitwiseOp op)
{
    return op == BitwiseOp::And ? "bitwise_and_cpu" : op == BitwiseOp::Or ? "bitwise_or_cpu" : "bitwise_xor_cpu";
}

std::string_view ufuncName(BitwiseOp op)
{
    return op == BitwiseOp::And ? "bitwise_and" : op == BitwiseOp::Or ? "bitwise_or" : "bitwise_xor";
}

char symbolOf(BitwiseOp op) { return op == BitwiseOp::And ? '&' : op == BitwiseOp::Or ? '|' : '^'; }

std::string typeName(const Value& value)
{
    if (const ArrayPtr* array = std::get_if<ArrayPtr>(&value)) {
        if ((*array)->isTensor())
            return "Tensor";
        return (*array)->isNumpyScalar() ? "numpy." + std::string(numpyName((*array)->dtype())) : "numpy.ndarray";
    }
    const Scalar& s = std::get<Scalar>(value);
    return s.isBool() ? "bool" : s.isInt() ? "int" : "float";
}

// The operand as an array of dtype (a 0-d array for a number), converted with a C cast.
ArrayPtr asArray(const Value& value, DType dtype, Flavour flavour)
{
    if (const ArrayPtr* array = std::get_if<ArrayPtr>(&value))
        return operandAs(*array, dtype);
    ArrayPtr out = allocateArray(flavour, dtype, {});
    const Scalar& s = std::get<Scalar>(value);
    dispatchDType(dtype, [&]<typename T>(TypeTag<T>) {
        storeElement<T>(out->data(), s.isFloat() ? convertElement<T>(s.toDouble()) : convertElement<T>(s.toInt()));
    });
    return out;
}

Shape sizesOf(const Value& value)
{
    const ArrayPtr* array = std::get_if<ArrayPtr>(&value);
    return array ? (*array)->sizes() : Shape{};
}

ArrayPtr run(BitwiseOp op, const ArrayPtr& a, const ArrayPtr& b, DType dtype, Flavour flavour, const Shape& shape)
{
    ArrayPtr out = allocateArray(flavour, dtype, shape, Device::cpu(), false);
    const Strides so = out->byteStrides();
    const Strides sa = broadcastByteStrides(shape, a->sizes(), a->strides(), a->itemsize());
    const Strides sb = broadcastByteStrides(shape, b->sizes(), b->strides(), b->itemsize());
    LoopOperands<3> operands{{out->data(), a->data(), b->data()}, {so.data(), sa.data(), sb.data()}};
    dispatchDType(dtype, [&]<typename T>(TypeTag<T>) {
        if constexpr (std::is_integral_v<T>) {
            forEachInMemoryOrder<3>(shape, operands, [&](const InnerRun<3>& r) {
                for (std::int64_t i = 0; i < r.count; ++i) {
                    const T x = loadElement<T>(r.data[1] + i * r.byteStrides[1]);
                    const T y = loadElement<T>(r.data[2] + i * r.byteStrides[2]);
                    const T z = op == BitwiseOp::And ? static_cast<T>(x & y) : op == BitwiseOp::Or ? static_cast<T>(x | y) : static_cast<T>(x ^ y);
                    storeElement<T>(r.data[0] + i * r.byteStrides[0], z);
                }
            });
        }
    });
    return out;
}

}  // namespace

ArrayPtr bitwise(BitwiseOp op, const Value& lhs, const Value& rhs)
{
    const ArrayPtr* left = std::get_if<ArrayPtr>(&lhs);
    const ArrayPtr* right = std::get_if<ArrayPtr>(&rhs);
    AV_INTERNAL_ASSERT(left || right, "bitwise() of two Python numbers belongs to the interpreter");
    const bool leftTensor = left && (*left)->isTensor(), rightTensor = right && (*right)->isTensor();
    if (left && (*left)->isNdarray() && !(*left)->isNumpyScalar() && rightTensor)
        throw typeError(concat("unsupported operand type(s) for ", symbolOf(op), ": '", typeName(lhs), "' and '",
                               typeName(rhs), "'"));
    const Flavour flavour = leftTensor || rightTensor ? Flavour::Torch : Flavour::Numpy;
    const auto promotion = [](const Value& v, Flavour f) -> PromotionOperand {
        if (const ArrayPtr* a = std::get_if<ArrayPtr>(&v)) {
            // For torch, NumPy scalars are wrapped numbers.
            if (f == Flavour::Torch && (*a)->isNumpyScalar())
                return {nullptr, dispatchDType((*a)->dtype(), [&]<typename T>(TypeTag<T>) -> Scalar {
                            const T x = loadElement<T>((*a)->data());
                            if constexpr (std::is_same_v<T, bool>)
                                return Scalar(x ? 1.0 : 0.0);
                            else if constexpr (kIsFloat<T>)
                                return Scalar(static_cast<double>(static_cast<OpMathT<T>>(x)));
                            else
                                return Scalar(static_cast<std::int64_t>(x));
                        })};
            return {a->get(), std::nullopt};
        }
        return {nullptr, std::get<Scalar>(v)};
    };
    const std::array<PromotionOperand, 2> operands{promotion(lhs, flavour), promotion(rhs, flavour)};
    const DType dtype = flavour == Flavour::Torch ? torchResultType(operands) : numpyResultType(operands);
    if (isFloating(dtype)) {
        if (flavour == Flavour::Torch)
            throw runtimeError(concat("\"", torchKernelName(op), "\" not implemented for '", scalarTypeName(dtype), "'"));
        throw typeError(concat("ufunc '", ufuncName(op),
                               "' not supported for the input types, and the inputs could not be safely coerced to any "
                               "supported types according to the casting rule ''safe''"));
    }
    Shape shape;
    if (!broadcastShapes(sizesOf(lhs), sizesOf(rhs), shape)) {
        if (flavour == Flavour::Numpy)
            throw valueError(concat("operands could not be broadcast together with shapes ", numpyShapeString(sizesOf(lhs)), " ",
                                    numpyShapeString(sizesOf(rhs)), " "));
        throw runtimeError("The size of tensor a must match the size of tensor b for a bitwise operation");
    }
    ArrayPtr out = run(op, asArray(lhs, dtype, flavour), asArray(rhs, dtype, flavour), dtype, flavour, shape);
    if (flavour == Flavour::Numpy)
        out->setNumpyScalar(out->dim() == 0);
    return out;
}

ArrayPtr invert(const ArrayPtr& x)
{
    if (isFloating(x->dtype())) {
        if (x->isTensor())
            throw typeError("~ (operator.invert) is only implemented on integer and Boolean-type tensors");
        throw typeError("ufunc 'invert' not supported for the input types, and the inputs could not be safely coerced to any "
                        "supported types according to the casting rule ''safe''");
    }
    ArrayPtr out = allocateArray(x->flavour(), x->dtype(), x->sizes(), Device::cpu(), false);
    const Strides so = out->byteStrides();
    const Strides si = x->byteStrides();
    LoopOperands<2> operands{{out->data(), x->data()}, {so.data(), si.data()}};
    dispatchDType(x->dtype(), [&]<typename T>(TypeTag<T>) {
        if constexpr (std::is_integral_v<T>) {
            forEachInMemoryOrder<2>(out->sizes(), operands, [&](const InnerRun<2>& r) {
                for (std::int64_t i = 0; i < r.count; ++i) {
                    const T v = loadElement<T>(r.data[1] + i * r.byteStrides[1]);
                    T z;
                    if constexpr (std::is_same_v<T, bool>)
                        z = !v;
                    else
                        z = static_cast<T>(~v);
                    storeElement<T>(r.data[0] + i * r.byteStrides[0], z);
                }
            });
        }
    });
    if (x->isNdarray())
        out->setNumpyScalar(out->dim() == 0);
    return out;
}

}  // namespace av::engine
