// `lhs @ rhs`: torch.matmul and np.matmul, declared in elementwise.h.
//
// NOTE [ Matmul values ]
// Both libraries on this project's machines reach the reference (netlib) BLAS, or their own loops where
// BLAS does not apply, and every one of those paths computes an output element as one sequential sum over
// k, starting from +0: ((0 + a0*b0) + a1*b1) + ..., one rounding per product and per addition, in the
// element type (no FMA, no reordering). So does this file, with Eigen doing the row updates
// c.row(i) += a(i, k) * b.row(k), which keep exactly that order per element. The one exception is NumPy's
// A.T @ A, which reference ssyrk/dsyrk computes skipping the zero entries of A (visible only as a missing
// NaN from 0 * inf); float16 (NumPy only) accumulates in float and rounds once.

#include "matmul.h"
#include "elementwise.h"

#include "arrayfactory.h"
#include "autograd.h"
#include "copies.h"
#include "copykernel.h"
#include "dispatch.h"
#include "errors.h"
#include "warnings.h"

#include <Eigen/Core>

#include <cfenv>
#include <variant>

namespace av::engine {

namespace {

// ---------------------------------------------------------------------------------------------------
// The kernel
// ---------------------------------------------------------------------------------------------------

// A 2-d operand: base pointer and byte strides of its two dims.
struct MatrixRef {
    const std::byte* data;
    std::int64_t rowStride;
    std::int64_t colStride;
};

template <typename T>
using RowMajor = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

template <typename Acc, typename T>
RowMajor<Acc> gather(const MatrixRef& m, std::int64_t rows, std::int64_t cols)
{
    RowMajor<Acc> out(rows, cols);
    for (std::int64_t r = 0; r < rows; ++r)
        for (std::int64_t c = 0; c < cols; ++c)
            out(r, c) = static_cast<Acc>(loadElement<T>(m.data + r * m.rowStride + c * m.colStride));
    return out;
}

// c (m x p, strided) = a (m x n) @ b (n x p), each element a sequential sum over k. skipZeroMultipliers
// reproduces ?syrk's upper triangle with its `IF (A(J,L).NE.ZERO)` test, then mirrors it.
template <typename T>
void matmulKernel(const MatrixRef& a, const MatrixRef& b, std::byte* c, std::int64_t cRowStride,
                  std::int64_t cColStride, std::int64_t m, std::int64_t n, std::int64_t p, bool skipZeroMultipliers)
{
    const auto store = [&](std::int64_t r, std::int64_t col, T value) {
        storeElement<T>(c + r * cRowStride + col * cColStride, value);
    };
    if constexpr (kIsFloat<T>) {
        using Acc = OpMathT<T>;
        const RowMajor<Acc> A = gather<Acc, T>(a, m, n);
        const RowMajor<Acc> B = gather<Acc, T>(b, n, p);
        RowMajor<Acc> C = RowMajor<Acc>::Zero(m, p);
        for (std::int64_t r = 0; r < m; ++r) {
            if (skipZeroMultipliers) {
                for (std::int64_t k = 0; k < n; ++k)
                    if (A(r, k) != Acc(0))
                        C.row(r).tail(p - r) += A(r, k) * B.row(k).tail(p - r);
            } else {
                for (std::int64_t k = 0; k < n; ++k)
                    C.row(r) += A(r, k) * B.row(k);
            }
        }
        if (skipZeroMultipliers)
            for (std::int64_t r = 0; r < m; ++r)
                for (std::int64_t col = 0; col < r; ++col)
                    C(r, col) = C(col, r);
        for (std::int64_t r = 0; r < m; ++r)
            for (std::int64_t col = 0; col < p; ++col)
                store(r, col, static_cast<T>(C(r, col)));
    } else if constexpr (std::is_same_v<T, bool>) {
        for (std::int64_t r = 0; r < m; ++r)
            for (std::int64_t col = 0; col < p; ++col) {
                bool any = false;
                for (std::int64_t k = 0; k < n && !any; ++k)
                    any = loadElement<bool>(a.data + r * a.rowStride + k * a.colStride) &&
                          loadElement<bool>(b.data + k * b.rowStride + col * b.colStride);
                store(r, col, any);
            }
    } else {
        // Integer products and sums wrap, as the C loops of both libraries do in practice.
        using U = std::make_unsigned_t<T>;
        for (std::int64_t r = 0; r < m; ++r)
            for (std::int64_t col = 0; col < p; ++col) {
                U sum = 0;
                for (std::int64_t k = 0; k < n; ++k) {
                    const U x = static_cast<U>(loadElement<T>(a.data + r * a.rowStride + k * a.colStride));
                    const U y = static_cast<U>(loadElement<T>(b.data + k * b.rowStride + col * b.colStride));
                    sum = static_cast<U>(sum + static_cast<U>(x * y));
                }
                store(r, col, static_cast<T>(sum));
            }
    }
}

void runKernel(DType dtype, const MatrixRef& a, const MatrixRef& b, std::byte* c, std::int64_t cRowStride,
               std::int64_t cColStride, std::int64_t m, std::int64_t n, std::int64_t p,
               bool skipZeroMultipliers = false)
{
    if (m == 0 || p == 0)
        return;
    dispatchDType(dtype, [&]<typename T>(TypeTag<T>) {
        matmulKernel<T>(a, b, c, cRowStride, cColStride, m, n, p, skipZeroMultipliers);
    });
}

std::string pythonTypeName(const Value& value)
{
    if (const ArrayPtr* array = std::get_if<ArrayPtr>(&value)) {
        if ((*array)->isTensor())
            return "Tensor";
        if ((*array)->isNumpyScalar())
            return concat("numpy.", numpyName((*array)->dtype()) == "bool" ? "bool_" : numpyName((*array)->dtype()));
        return "numpy.ndarray";
    }
    const Scalar& s = std::get<Scalar>(value);
    return s.isBool() ? "bool" : s.isInt() ? "int" : "float";
}

[[noreturn]] void unsupportedOperands(const Value& lhs, const Value& rhs)
{
    throw typeError(
        concat("unsupported operand type(s) for @: '", pythonTypeName(lhs), "' and '", pythonTypeName(rhs), "'"));
}

// ---------------------------------------------------------------------------------------------------
// PyTorch: dot, mv, mm, bmm and matmul's composition of them (aten/src/ATen/native/LinearAlgebra.cpp)
// ---------------------------------------------------------------------------------------------------

std::string notImplementedFor(std::string_view kernel, DType dtype)
{
    return concat("\"", kernel, "\" not implemented for '", scalarTypeName(dtype), "'");
}

// The AT_DISPATCH macros of these kernels cover every dtype but bool and float16.
void checkKernelDtype(std::string_view kernel, DType dtype)
{
    AV_CHECK(dtype != DType::Bool && dtype != DType::Float16, runtimeError, notImplementedFor(kernel, dtype));
}

// Tensor::data_ptr<scalar_t>()'s check inside a kernel dispatched on `expected`.
void checkScalarType(DType expected, DType found)
{
    AV_CHECK(expected == found, runtimeError, "expected scalar type ", scalarTypeName(expected), " but found ",
             scalarTypeName(found));
}

MatrixRef matrixOf(const Array& t, std::int64_t rowDim, std::int64_t colDim)
{
    return {t.data(), rowDim < 0 ? 0 : t.stride(rowDim) * t.itemsize(),
            colDim < 0 ? 0 : t.stride(colDim) * t.itemsize()};
}

ArrayPtr torchDot(const ArrayPtr& self, const ArrayPtr& other)
{
    AV_CHECK(self->dtype() == other->dtype(), runtimeError,
             "dot : expected both vectors to have same dtype, but found ", scalarTypeName(self->dtype()), " and ",
             scalarTypeName(other->dtype()));
    AV_CHECK(self->numel() == other->numel(), runtimeError, "inconsistent tensor size, expected tensor [",
             self->numel(), "] and src [", other->numel(), "] to have the same number of elements, but got ",
             self->numel(), " and ", other->numel(), " elements respectively");
    checkKernelDtype("dot", self->dtype());
    ArrayPtr out = allocateArray(Flavour::Torch, self->dtype(), {});
    const std::int64_t n = self->numel();
    // a (1 x n) @ b (n x 1)
    runKernel(self->dtype(), {self->data(), 0, self->stride(0) * self->itemsize()},
              {other->data(), other->stride(0) * other->itemsize(), 0}, out->data(), 0, 0, 1, n, 1);
    recordOp(*out, "DotBackward0", {self.get(), other.get()});
    return out;
}

ArrayPtr torchMv(const ArrayPtr& mat, const ArrayPtr& vec)
{
    // mv: at::addmv_(result = empty({mat.size(0)}, vec.options()), mat, vec, 0, 1)
    AV_CHECK(mat->size(1) == vec->size(0), runtimeError, "size mismatch, got ", mat->size(0), ", ", mat->size(0), "x",
             mat->size(1), ",", vec->size(0));
    ArrayPtr out = allocateArray(Flavour::Torch, vec->dtype(), {mat->size(0)});
    if (mat->numel() > 0) {
        checkKernelDtype("addmv_impl_cpu", mat->dtype());
        checkScalarType(mat->dtype(), vec->dtype());
        runKernel(mat->dtype(), matrixOf(*mat, 0, 1), {vec->data(), vec->stride(0) * vec->itemsize(), 0}, out->data(),
                  out->itemsize(), 0, mat->size(0), mat->size(1), 1);
    }
    recordOp(*out, "MvBackward0", {mat.get(), vec.get()});
    return out;
}

ArrayPtr torchMm(const ArrayPtr& self, const ArrayPtr& mat2)
{
    AV_CHECK(self->size(1) == mat2->size(0), runtimeError, "mat1 and mat2 shapes cannot be multiplied (", self->size(0),
             "x", self->size(1), " and ", mat2->size(0), "x", mat2->size(1), ")");
    ArrayPtr out = allocateArray(Flavour::Torch, self->dtype(), {self->size(0), mat2->size(1)});
    // addmm_impl_cpu_: nothing to do for an empty result, zeros for an empty contraction, both before the
    // dtype dispatch.
    if (out->numel() > 0 && self->size(1) > 0) {
        checkKernelDtype("addmm_impl_cpu_", out->dtype());
        checkScalarType(out->dtype(), mat2->dtype());
        runKernel(out->dtype(), matrixOf(*self, 0, 1), matrixOf(*mat2, 0, 1), out->data(),
                  out->stride(0) * out->itemsize(), out->itemsize(), self->size(0), self->size(1), mat2->size(1));
    }
    recordOp(*out, "MmBackward0", {self.get(), mat2.get()});
    return out;
}

ArrayPtr torchBmm(const ArrayPtr& batch1, const ArrayPtr& batch2)
{
    const std::int64_t bs = batch1->size(0), rows = batch1->size(1), contraction = batch1->size(2),
                       cols = batch2->size(2);
    AV_CHECK(batch2->size(0) == bs && batch2->size(1) == contraction, runtimeError,
             "Expected size for first two dimensions of batch2 tensor to be: [", bs, ", ", contraction, "] but got: [",
             batch2->size(0), ", ", batch2->size(1), "].");
    ArrayPtr out = allocateArray(Flavour::Torch, batch2->dtype(), {bs, rows, cols});
    if (out->numel() > 0 && contraction > 0) {
        // Small products go through baddbmm_cpu_kernel (dispatched on batch1), larger ones through
        // addmm_impl_cpu_ per batch (dispatched on the result, batch2's dtype).
        if (contraction * rows * cols < 400) {
            checkKernelDtype("bmm", batch1->dtype());
            checkScalarType(batch1->dtype(), out->dtype());
        } else {
            checkKernelDtype("addmm_impl_cpu_", out->dtype());
            checkScalarType(out->dtype(), batch1->dtype());
        }
        for (std::int64_t b = 0; b < bs; ++b) {
            const MatrixRef a{batch1->data() + b * batch1->stride(0) * batch1->itemsize(),
                              batch1->stride(1) * batch1->itemsize(), batch1->stride(2) * batch1->itemsize()};
            const MatrixRef m2{batch2->data() + b * batch2->stride(0) * batch2->itemsize(),
                               batch2->stride(1) * batch2->itemsize(), batch2->stride(2) * batch2->itemsize()};
            runKernel(out->dtype(), a, m2, out->data() + b * rows * cols * out->itemsize(), cols * out->itemsize(),
                      out->itemsize(), rows, contraction, cols);
        }
    }
    recordOp(*out, "BmmBackward0", {batch1.get(), batch2.get()});
    return out;
}

// at::_unsafe_view: the same memory under a new C-contiguous shape, not a view in autograd's eyes.
ArrayPtr unsafeView(const ArrayPtr& t, const Shape& shape)
{
    ArrayPtr out =
        Array::make({Flavour::Torch, t->dtype(), shape, contiguousStrides(shape), t->storage(), t->byteOffset()});
    out->setVersionCounter(t->versionCounter());
    if (t->requiresGrad()) {
        out->setRequiresGrad(true);
        out->setGradFn("UnsafeViewBackward0");
    }
    return out;
}

// The same memory under new sizes/strides, computed without recording anything (the tensor a kernel
// builds internally, e.g. tensor1.unsqueeze(0) or t.mT() fed to mm).
ArrayPtr restrided(const ArrayPtr& t, Shape sizes, Strides strides)
{
    return Array::make({t->flavour(), t->dtype(), std::move(sizes), std::move(strides), t->storage(), t->byteOffset()});
}

ArrayPtr transposedLastTwo(const ArrayPtr& t)
{
    Shape sizes = t->sizes();
    Strides strides = t->strides();
    std::swap(sizes[sizes.size() - 1], sizes[sizes.size() - 2]);
    std::swap(strides[strides.size() - 1], strides[strides.size() - 2]);
    ArrayPtr out = restrided(t, std::move(sizes), std::move(strides));
    out->setRequiresGrad(t->requiresGrad());
    return out;
}

// t.reshape(rows, cols) for a tensor the kernel only reads: a view when the memory allows it, else a copy.
ArrayPtr foldedMatrix(const ArrayPtr& t, std::int64_t rows, std::int64_t cols)
{
    ArrayPtr dense = t->isContiguous() ? t : contiguousCopy(*t, Flavour::Torch, t->dtype());
    ArrayPtr out = restrided(dense, {rows, cols}, {cols, 1});
    out->setRequiresGrad(t->requiresGrad());
    return out;
}

// should_fold (1.13): a >= 3-d tensor times a 1-d or 2-d one is done as one mm/mv, except a 3-d tensor whose
// last two dims are transposed (permute(0, 2, 1)) times a matrix, which bmm handles without a copy.
bool shouldFold(const Array& t1, std::int64_t dimTensor2)
{
    const std::int64_t dim1 = t1.dim();
    if (dim1 >= 3 && (dimTensor2 == 1 || dimTensor2 == 2)) {
        if (dim1 == 3 && dimTensor2 == 2 && t1.stride(2) != 1 && t1.stride(0) == t1.size(1) * t1.size(2))
            return false;
        return true;
    }
    return false;
}

ArrayPtr torchMatmul(const ArrayPtr& tensor1, const ArrayPtr& tensor2)
{
    const std::int64_t dim1 = tensor1->dim(), dim2 = tensor2->dim();
    AV_CHECK(dim1 != 0 && dim2 != 0, runtimeError, "both arguments to matmul need to be at least 1D, but they are ",
             dim1, "D and ", dim2, "D");
    if (dim1 == 1 && dim2 == 1)
        return torchDot(tensor1, tensor2);
    if (dim1 == 2 && dim2 == 1)
        return torchMv(tensor1, tensor2);
    if (dim1 == 1 && dim2 == 2) {
        // tensor1.unsqueeze(0).mm(tensor2).squeeze_(0): the in-place squeeze bumps the version.
        ArrayPtr row =
            restrided(tensor1, {1, tensor1->size(0)}, {tensor1->size(0) * tensor1->stride(0), tensor1->stride(0)});
        row->setRequiresGrad(tensor1->requiresGrad());
        ArrayPtr product = torchMm(row, tensor2);
        ArrayPtr out = Array::make({Flavour::Torch,
                                    product->dtype(),
                                    {product->size(1)},
                                    {product->stride(1)},
                                    product->storage(),
                                    product->byteOffset()});
        out->setVersionCounter(product->versionCounter());
        out->bumpVersion();
        if (product->requiresGrad()) {
            out->setRequiresGrad(true);
            out->setGradFn("SqueezeBackward3");
        }
        return out;
    }
    if (dim1 == 2 && dim2 == 2)
        return torchMm(tensor1, tensor2);
    if (shouldFold(*tensor1, dim2) || shouldFold(*tensor2, dim1)) {
        const bool transpose = dim2 > dim1;
        const ArrayPtr t1 = transpose ? transposedLastTwo(tensor2) : tensor1;
        const ArrayPtr t2 = !transpose ? tensor2 : (dim1 == 2 ? transposedLastTwo(tensor1) : tensor1);
        Shape outputShape(t1->sizes().begin(), t1->sizes().end() - 1);
        const std::int64_t folded = numelOf(outputShape);
        const bool t2IsMatrix = t2->dim() == 2;
        if (t2IsMatrix)
            outputShape.push_back(t2->size(1));
        const ArrayPtr t1Folded = foldedMatrix(t1, folded, t1->sizes().back());
        if (!t2IsMatrix)
            return unsafeView(torchMv(t1Folded, t2), outputShape);
        ArrayPtr output = unsafeView(torchMm(t1Folded, t2), outputShape);
        if (!transpose)
            return output;
        // output.mT().contiguous(): a view when the transpose happens to be contiguous, else a copy.
        Shape sizes = output->sizes();
        Strides strides = output->strides();
        std::swap(sizes[sizes.size() - 1], sizes[sizes.size() - 2]);
        std::swap(strides[strides.size() - 1], strides[strides.size() - 2]);
        ArrayPtr view = makeView(output, sizes, strides, output->byteOffset());
        recordOp(*view, "TransposeBackward0", {output.get()});
        if (view->isContiguous())
            return view;
        ArrayPtr copy = contiguousCopy(*view, Flavour::Torch, view->dtype());
        recordOp(*copy, "CloneBackward0", {view.get()});
        return copy;
    }
    // bmm over the broadcast batch dims.
    const std::int64_t n = dim1 > 1 ? tensor1->size(dim1 - 2) : 1;
    const std::int64_t m1 = tensor1->size(dim1 - 1);
    const Shape batch1(tensor1->sizes().begin(), tensor1->sizes().begin() + std::max<std::int64_t>(dim1 - 2, 0));
    const std::int64_t m2 = dim2 > 1 ? tensor2->size(dim2 - 2) : tensor2->size(0);
    const std::int64_t p = dim2 > 1 ? tensor2->size(dim2 - 1) : 1;
    const Shape batch2(tensor2->sizes().begin(), tensor2->sizes().begin() + std::max<std::int64_t>(dim2 - 2, 0));
    // infer_size, with torch's broadcast message.
    Shape batch(std::max(batch1.size(), batch2.size()));
    for (std::size_t i = batch.size(); i-- > 0;) {
        const std::ptrdiff_t offset = static_cast<std::ptrdiff_t>(batch.size()) - 1 - static_cast<std::ptrdiff_t>(i);
        const std::ptrdiff_t d1 = static_cast<std::ptrdiff_t>(batch1.size()) - 1 - offset;
        const std::ptrdiff_t d2 = static_cast<std::ptrdiff_t>(batch2.size()) - 1 - offset;
        const std::int64_t s1 = d1 >= 0 ? batch1[static_cast<std::size_t>(d1)] : 1;
        const std::int64_t s2 = d2 >= 0 ? batch2[static_cast<std::size_t>(d2)] : 1;
        AV_CHECK(s1 == s2 || s1 == 1 || s2 == 1, runtimeError, "The size of tensor a (", s1,
                 ") must match the size of tensor b (", s2, ") at non-singleton dimension ", i);
        batch[i] = s1 == 1 ? s2 : s1;
    }
    const std::int64_t batchProduct = numelOf(batch);
    // tensor.expand(batch + core).reshape(batchProduct, rows, cols): broadcast batch dims get stride 0.
    const auto expanded = [&](const ArrayPtr& t, std::int64_t rows, std::int64_t cols) {
        const std::int64_t dim = t->dim();
        Shape sizes = batch;
        Strides strides(batch.size(), 0);
        for (std::size_t i = 0; i < batch.size(); ++i) {
            const std::ptrdiff_t d = static_cast<std::ptrdiff_t>(i) - static_cast<std::ptrdiff_t>(batch.size()) +
                                     static_cast<std::ptrdiff_t>(std::max<std::int64_t>(dim - 2, 0));
            if (d >= 0 && t->size(d) != 1)
                strides[i] = t->stride(d);
        }
        sizes.push_back(rows);
        sizes.push_back(cols);
        strides.push_back(dim > 1 ? t->stride(dim - 2) : 0);
        strides.push_back(t->stride(dim - 1));
        ArrayPtr view = restrided(t, sizes, strides);
        ArrayPtr dense = contiguousCopy(*view, Flavour::Torch, t->dtype());
        ArrayPtr out = restrided(dense, {batchProduct, rows, cols}, contiguousStrides(Shape{batchProduct, rows, cols}));
        out->setRequiresGrad(t->requiresGrad());
        return out;
    };
    const ArrayPtr e1 = expanded(tensor1, n, m1);
    const ArrayPtr e2 = expanded(tensor2, m2, p);
    Shape outputShape = batch;
    if (dim1 > 1)
        outputShape.push_back(n);
    if (dim2 > 1)
        outputShape.push_back(p);
    return unsafeView(torchBmm(e1, e2), outputShape);
}

// ---------------------------------------------------------------------------------------------------
// NumPy: the matmul gufunc, signature (n?,k),(k,m?)->(n?,m?) (numpy/core/src/umath/matmul.c.src)
// ---------------------------------------------------------------------------------------------------

constexpr std::string_view kSignature = "(n?,k),(k,m?)->(n?,m?)";

// convert_shape_to_string: "(2,3,newaxis,newaxis)"; leading newaxis entries are dropped.
std::string shapeText(const std::vector<std::int64_t>& values)
{
    std::size_t i = 0;
    while (i < values.size() && values[i] < 0)
        ++i;
    if (i == values.size())
        return "()";
    std::string out = "(";
    out.append(std::to_string(values[i++]));
    for (; i < values.size(); ++i) {
        out.push_back(',');
        out.append(values[i] < 0 ? std::string("newaxis") : std::to_string(values[i]));
    }
    out.append(values.size() == 1 ? ",)" : ")");
    return out;
}

// A fresh NumPy array: NumPy gives every zero-size array zero strides.
ArrayPtr numpyFresh(DType dtype, const Shape& shape, const Strides& strides)
{
    ArrayPtr dense = allocateArray(Flavour::Numpy, dtype, shape);
    const Strides actual = numelOf(shape) == 0 ? Strides(shape.size(), 0) : strides;
    ArrayPtr out =
        actual == dense->strides() ? dense : Array::make({Flavour::Numpy, dtype, shape, actual, dense->storage(), 0});
    out->setOwnsData(true);
    return out;
}

// is_blasable2d: unit inner stride and an outer stride that a BLAS leading dimension can take.
bool isBlasable2d(std::int64_t byteStride1, std::int64_t byteStride2, std::int64_t d1, std::int64_t d2,
                  std::int64_t itemsize)
{
    (void)d1;
    if (byteStride2 != itemsize)
        return false;
    const std::int64_t unit = byteStride1 / itemsize;
    return byteStride1 % itemsize == 0 && unit >= d2 && unit <= std::numeric_limits<int>::max();
}

ArrayPtr numpyMatmulArrays(const ArrayPtr& x1, const ArrayPtr& x2)
{
    for (int i = 0; i < 2; ++i) {
        const Array& op = i == 0 ? *x1 : *x2;
        AV_CHECK(op.dim() >= 1, valueError, "matmul: Input operand ", i,
                 " does not have enough dimensions (has 0, gufunc core with signature ", kSignature, " requires 1)");
    }
    const std::int64_t nd1 = x1->dim(), nd2 = x2->dim();
    const bool vec1 = nd1 == 1, vec2 = nd2 == 1;
    const std::int64_t dm = vec1 ? 1 : x1->size(nd1 - 2);
    const std::int64_t dn = x1->size(nd1 - 1);
    const std::int64_t dn2 = vec2 ? x2->size(0) : x2->size(nd2 - 2);
    const std::int64_t dp = vec2 ? 1 : x2->size(nd2 - 1);
    AV_CHECK(dn == dn2, valueError,
             "matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature ", kSignature,
             " (size ", dn2, " is different from ", dn, ")");
    // Loop (batch) dims: broadcast, right-aligned.
    const std::int64_t loop1 = std::max<std::int64_t>(nd1 - 2, 0), loop2 = std::max<std::int64_t>(nd2 - 2, 0);
    const std::int64_t loopNd = std::max(loop1, loop2);
    Shape loop(static_cast<std::size_t>(loopNd), 1);
    bool broadcastOk = true;
    for (std::int64_t i = 0; i < loopNd; ++i) {
        const std::int64_t i1 = i - (loopNd - loop1), i2 = i - (loopNd - loop2);
        const std::int64_t s1 = i1 >= 0 ? x1->size(i1) : 1, s2 = i2 >= 0 ? x2->size(i2) : 1;
        if (s1 != s2 && s1 != 1 && s2 != 1)
            broadcastOk = false;
        loop[static_cast<std::size_t>(i)] = s1 == 1 ? s2 : s1;
    }
    std::vector<std::int64_t> outCore;
    if (!vec1)
        outCore.push_back(dm);
    if (!vec2)
        outCore.push_back(dp);
    if (!broadcastOk) {
        std::string message = "operands could not be broadcast together with remapped shapes [original->remapped]: ";
        for (const ArrayPtr& op : {x1, x2}) {
            const std::int64_t opLoop = std::max<std::int64_t>(op->dim() - 2, 0);
            std::vector<std::int64_t> remapped;
            for (std::int64_t i = 0; i < loopNd; ++i) {
                const std::int64_t d = i - (loopNd - opLoop);
                remapped.push_back(d >= 0 ? op->size(d) : -1);
            }
            for (std::size_t k = 0; k < outCore.size(); ++k)
                remapped.push_back(-1);
            message += shapeText(op->sizes()) + "->" + shapeText(remapped) + " ";
        }
        std::vector<std::int64_t> requested(static_cast<std::size_t>(loopNd), -1);
        requested.insert(requested.end(), outCore.begin(), outCore.end());
        throw valueError(message + " and requested shape " + shapeText(requested));
    }
    const DType dtype = promoteTypesNumpy(x1->dtype(), x2->dtype());
    const ArrayPtr a = operandAs(x1, dtype);
    const ArrayPtr b = operandAs(x2, dtype);

    // The output as the iterator allocates it: loop dims in the inputs' memory order (npyiter's stable
    // insertion sort, C order winning conflicts), core dims innermost in C order.
    const auto loopStride = [&](const Array& op, std::int64_t i) -> std::int64_t {
        const std::int64_t opLoop = std::max<std::int64_t>(op.dim() - 2, 0);
        const std::int64_t d = i - (loopNd - opLoop);
        if (d < 0 || op.size(d) == 1)
            return 0;
        return op.stride(d) * op.itemsize();
    };
    std::vector<std::int64_t> perm(static_cast<std::size_t>(loopNd));  // innermost first
    for (std::int64_t i = 0; i < loopNd; ++i)
        perm[static_cast<std::size_t>(i)] = loopNd - 1 - i;
    for (std::size_t i0 = 1; i0 < perm.size(); ++i0) {
        std::size_t ipos = i0;
        const std::int64_t j0 = perm[i0];
        for (std::size_t i1 = i0; i1-- > 0;) {
            const std::int64_t j1 = perm[i1];
            bool ambiguous = true, shouldSwap = false;
            for (const Array* op : {x1.get(), x2.get()}) {
                const std::int64_t s0 = loopStride(*op, j0), s1 = loopStride(*op, j1);
                if (s0 != 0 && s1 != 0) {
                    if (std::llabs(s1) <= std::llabs(s0))
                        shouldSwap = false;
                    else if (ambiguous)
                        shouldSwap = true;
                    ambiguous = false;
                }
            }
            if (!ambiguous) {
                if (shouldSwap)
                    ipos = i1;
                else
                    break;
            }
        }
        if (ipos != i0) {
            for (std::size_t i1 = i0; i1 > ipos; --i1)
                perm[i1] = perm[i1 - 1];
            perm[ipos] = j0;
        }
    }
    Shape outShape = loop;
    outShape.insert(outShape.end(), outCore.begin(), outCore.end());
    Strides outStrides(outShape.size());
    std::int64_t running = 1;
    for (std::size_t k = outCore.size(); k-- > 0;) {
        outStrides[static_cast<std::size_t>(loopNd) + k] = running;
        running *= outCore[k];
    }
    for (const std::int64_t axis : perm) {
        outStrides[static_cast<std::size_t>(axis)] = running;
        running *= loop[static_cast<std::size_t>(axis)];
    }
    ArrayPtr out = numpyFresh(dtype, outShape, outStrides);

    // The inner loop per batch element (@TYPE@_matmul): BLAS or not, every path sums sequentially; only
    // ?syrk for A.T @ A skips zero multipliers.
    const std::int64_t item = a->itemsize();
    const std::int64_t is1m = vec1 ? 0 : a->stride(nd1 - 2) * item, is1n = a->stride(nd1 - 1) * item;
    const std::int64_t is2n = vec2 ? b->stride(0) * item : b->stride(nd2 - 2) * item;
    const std::int64_t is2p = vec2 ? 0 : b->stride(nd2 - 1) * item;
    const std::int64_t osm = vec1 ? 0 : out->stride(loopNd) * item;
    const std::int64_t osp = vec2 ? 0 : out->stride(out->dim() - 1) * item;
    const bool blasType = dtype == DType::Float32 || dtype == DType::Float64;
    const bool specialCase = dm == 1 || dn == 1 || dp == 1;
    const bool anyZero = dm == 0 || dn == 0 || dp == 0;
    const bool i1Blasable = isBlasable2d(is1m, is1n, dm, dn, item) || isBlasable2d(is1n, is1m, dn, dm, item);
    const bool i2Blasable = isBlasable2d(is2n, is2p, dn, dp, item) || isBlasable2d(is2p, is2n, dp, dn, item);
    const bool oBlasable = isBlasable2d(osm, osp, dm, dp, item);
    const bool matrixMatrix = blasType && !anyZero && !specialCase && i1Blasable && i2Blasable && oBlasable;
    const bool trans1 = !isBlasable2d(is1m, is1n, dm, dn, item);
    const bool trans2 = !isBlasable2d(is2n, is2p, dn, dp, item);

    std::optional<int> raisedFlags;
    std::feclearexcept(FE_ALL_EXCEPT);
    std::vector<std::int64_t> index(static_cast<std::size_t>(loopNd), 0);
    const std::int64_t batches = numelOf(loop);
    for (std::int64_t flat = 0; flat < batches; ++flat) {
        std::int64_t off1 = 0, off2 = 0, offOut = 0;
        for (std::int64_t i = 0; i < loopNd; ++i) {
            const std::int64_t idx = index[static_cast<std::size_t>(i)];
            off1 += idx * loopStride(*a, i);
            off2 += idx * loopStride(*b, i);
            offOut += idx * out->stride(i) * item;
        }
        const MatrixRef m1{a->data() + off1, is1m, is1n};
        const MatrixRef m2{b->data() + off2, is2n, is2p};
        const bool syrk =
            matrixMatrix && m1.data == m2.data && dm == dp && is1m == is2p && is1n == is2n && trans1 != trans2;
        runKernel(dtype, m1, m2, out->data() + offOut, osm, osp, dm, dn, dp, syrk && trans1);
        for (std::size_t d = index.size(); d-- > 0;) {
            if (++index[d] < loop[d])
                break;
            index[d] = 0;
        }
    }
    if (isFloating(dtype)) {
        const int raised = std::fetestexcept(FE_OVERFLOW | FE_INVALID);
        if (raised & FE_OVERFLOW)
            warn("RuntimeWarning", "overflow encountered in matmul");
        if (raised & FE_INVALID)
            warn("RuntimeWarning", "invalid value encountered in matmul");
    }
    if (out->dim() == 0)
        out->setNumpyScalar(true);
    return out;
}

// A Python number or NumPy scalar as np.matmul converts it: a 0-d array.
ArrayPtr numpyOperand(const Value& value)
{
    if (const ArrayPtr* array = std::get_if<ArrayPtr>(&value))
        return asNumpyOperand(*array);
    const Scalar& s = std::get<Scalar>(value);
    const DType dtype = s.defaultDType(Flavour::Numpy);
    ArrayPtr out = allocateArray(Flavour::Numpy, dtype, {});
    storeScalar(out->data(), dtype, s, Flavour::Numpy);
    return out;
}

// Tensor.__array_wrap__: np.matmul(tensor, ndarray) hands its result back as torch.from_numpy(result), with
// bool results first cast to uint8.
ArrayPtr wrapAsTensor(ArrayPtr result)
{
    if (result->dtype() == DType::Bool) {
        ArrayPtr bytes = numpyFresh(DType::UInt8, result->sizes(), result->strides());
        copyIntoFresh(*bytes, *result);
        result = bytes;
    }
    return Array::make(
        {Flavour::Torch, result->dtype(), result->sizes(), result->strides(), result->storage(), result->byteOffset()});
}

}  // namespace

ArrayPtr numpyMatmul(const Value& x1, const Value& x2)
{
    const auto isTensor = [](const Value& v) {
        const ArrayPtr* a = std::get_if<ArrayPtr>(&v);
        return a && (*a)->isTensor();
    };
    ArrayPtr result = numpyMatmulArrays(numpyOperand(x1), numpyOperand(x2));
    return isTensor(x1) || isTensor(x2) ? wrapAsTensor(result) : result;
}

ArrayPtr matmul(const Value& lhs, const Value& rhs)
{
    const ArrayPtr* left = std::get_if<ArrayPtr>(&lhs);
    const ArrayPtr* right = std::get_if<ArrayPtr>(&rhs);
    const bool leftTensor = left && (*left)->isTensor();
    const bool rightTensor = right && (*right)->isTensor();
    const bool leftNdarray = left && (*left)->isNdarray() && !(*left)->isNumpyScalar();
    const bool rightNdarray = right && (*right)->isNdarray() && !(*right)->isNumpyScalar();
    if (leftTensor && rightTensor)
        return torchMatmul(*left, *right);
    // Tensor.__matmul__ only takes tensors; it gives way (NotImplemented) to ndarray.__rmatmul__, which runs
    // np.matmul and wraps the result back into a tensor.
    if (leftTensor && rightNdarray)
        return wrapAsTensor(numpyMatmulArrays(numpyOperand(lhs), numpyOperand(rhs)));
    // ndarray.__matmul__ defers to a tensor (its __array_priority__ is higher), whose __rmatmul__ refuses.
    if (leftNdarray && !rightTensor)
        return numpyMatmulArrays(numpyOperand(lhs), numpyOperand(rhs));
    if (!leftTensor && !leftNdarray && rightNdarray)
        return numpyMatmulArrays(numpyOperand(lhs), numpyOperand(rhs));
    unsupportedOperands(lhs, rhs);
}

}  // namespace av::engine
