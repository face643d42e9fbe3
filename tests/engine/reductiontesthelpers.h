#pragma once
// What tst_reductions, tst_copies and tst_matmul share: source arrays built the same way in the engine and in
// the real libraries, and the views the cases reduce, copy or multiply. T/N hold 0, 1, 2, ... in C order;
// TG/NG hold pseudo-random non-integer values from an integer hash that both sides compute bit for bit, so
// float sums exercise rounding.

#include "engine/arrayfactory.h"
#include "engine/autograd.h"
#include "engine/dispatch.h"
#include "tests/support/oracle.h"

#include <QString>

#include <numeric>

namespace av::test::reductions {

using namespace av::engine;

// Python side of the helpers below; every case's snippet starts with it.
inline const char* kPrelude =
    "import math\n"
    "def T(s,dt='float32',grad=False):\n"
    " t=torch.arange(math.prod(s)).to(getattr(torch,dt)).reshape(s).clone()\n"
    " return t.requires_grad_() if grad else t\n"
    "def N(s,dt='float64'):return np.arange(math.prod(s)).astype(dt).reshape(s).copy()\n"
    "def G(s,k=1,dt='float32'):\n"
    " i=(np.arange(math.prod(s),dtype=np.uint64)*np.uint64(2654435761)+np.uint64(k))%np.uint64(4294967296)\n"
    " return (i.astype(np.float64)/4294967296.0*200.0-100.0).astype(dt).reshape(s)\n"
    "def NG(s,k=1,dt='float64'):return G(s,k,dt)\n"
    "def TG(s,k=1,dt='float32',grad=False):\n"
    " t=torch.from_numpy(G(s,k,dt).copy())\n"
    " return t.requires_grad_() if grad else t\n";

inline ArrayPtr filledWith(Flavour flavour, const Shape& shape, DType dtype, const auto& valueAt)
{
    ArrayPtr array = allocateArray(flavour, dtype, shape);
    dispatchDType(dtype, [&]<typename E>(TypeTag<E>) {
        for (std::int64_t i = 0; i < array->numel(); ++i)
            storeElement<E>(array->data() + i * array->itemsize(), valueAt.template operator()<E>(i));
    });
    if (flavour == Flavour::Numpy) {
        // NumPy gives every new zero-size array all-zero strides.
        if (array->numel() == 0)
            array = Array::make({flavour, dtype, shape, Strides(shape.size(), 0), array->storage(), 0});
        array->setOwnsData(true);
    }
    return array;
}

// 0, 1, 2, ... as torch.arange(n).to(dtype) / np.arange(n).astype(dtype).
inline ArrayPtr T(Shape shape, DType dtype = DType::Float32, bool grad = false)
{
    ArrayPtr t =
        filledWith(Flavour::Torch, shape, dtype, []<typename E>(std::int64_t i) { return convertElement<E>(i); });
    t->setRequiresGrad(grad);
    return t;
}

inline ArrayPtr N(Shape shape, DType dtype = DType::Float64)
{
    return filledWith(Flavour::Numpy, shape, dtype,
                      []<typename E>(std::int64_t i) { return convertElement<E>(i, true); });
}

// G(shape, s): ((i * 2654435761 + s) mod 2^32) / 2^32 * 200 - 100 in float64, then NumPy's astype.
inline double hashValue(std::int64_t i, std::uint64_t seed)
{
    const std::uint64_t k = (static_cast<std::uint64_t>(i) * 2654435761ull + seed) % 4294967296ull;
    return static_cast<double>(k) / 4294967296.0 * 200.0 - 100.0;
}

inline ArrayPtr generated(Flavour flavour, Shape shape, std::uint64_t seed, DType dtype)
{
    return filledWith(flavour, shape, dtype, [seed]<typename E>(std::int64_t i) {
        return convertElement<E>(hashValue(i, seed), /*numpyRules=*/true);
    });
}

inline ArrayPtr NG(Shape shape, std::uint64_t seed = 1, DType dtype = DType::Float64)
{
    return generated(Flavour::Numpy, std::move(shape), seed, dtype);
}

inline ArrayPtr TG(Shape shape, std::uint64_t seed = 1, DType dtype = DType::Float32, bool grad = false)
{
    ArrayPtr t = generated(Flavour::Torch, std::move(shape), seed, dtype);
    t->setRequiresGrad(grad);
    return t;
}

// Views built directly (the view ops are tested elsewhere): permute / .T, basic slices, expand.
inline ArrayPtr permuted(const ArrayPtr& a, std::vector<std::size_t> perm)
{
    Shape sizes;
    Strides strides;
    for (const std::size_t p : perm) {
        sizes.push_back(a->sizes()[p]);
        strides.push_back(a->strides()[p]);
    }
    ArrayPtr v = makeView(a, sizes, strides, a->byteOffset());
    if (a->isTensor() && a->requiresGrad())
        v->setRequiresGrad(true);
    return v;
}

inline ArrayPtr transposed(const ArrayPtr& a)
{
    std::vector<std::size_t> perm(a->sizes().size());
    std::iota(perm.rbegin(), perm.rend(), std::size_t{0});
    return permuted(a, perm);
}

// a[..., start:stop:step, ...] on one dim; a negative step (NumPy only) walks backwards from start.
inline ArrayPtr sliced(const ArrayPtr& a, std::size_t dim, std::int64_t start, std::int64_t stop, std::int64_t step)
{
    Shape sizes = a->sizes();
    Strides strides = a->strides();
    const std::int64_t count = step > 0 ? (stop - start + step - 1) / step : (start - stop + (-step) - 1) / (-step);
    sizes[dim] = std::max<std::int64_t>(count, 0);
    strides[dim] *= step;
    ArrayPtr v = makeView(a, sizes, strides, a->byteOffset() + start * a->strides()[dim] * a->itemsize());
    if (a->isTensor() && a->requiresGrad())
        v->setRequiresGrad(true);
    return v;
}

inline ArrayPtr expanded(const ArrayPtr& a, Shape sizes)
{
    Strides strides(sizes.size(), 0);
    const std::size_t lead = sizes.size() - a->sizes().size();
    for (std::size_t d = 0; d < a->sizes().size(); ++d)
        strides[lead + d] = a->sizes()[d] == 1 ? 0 : a->strides()[d];
    return makeView(a, sizes, strides, a->byteOffset());
}

// A list of oracle cases whose snippets all start with kPrelude.
class CaseList {
public:
    void add(const QString& name, const QString& python, std::function<Outcome()> engine)
    {
        m_cases.push_back({name, QString::fromUtf8(kPrelude) + python, std::move(engine)});
    }
    std::vector<OracleCase> take() { return std::move(m_cases); }
    std::size_t size() const { return m_cases.size(); }

private:
    std::vector<OracleCase> m_cases;
};

inline QString pyTuple(const Shape& shape)
{
    QString out = "(";
    for (std::size_t i = 0; i < shape.size(); ++i)
        out += QString::number(shape[i]) + (shape.size() == 1 || i + 1 < shape.size() ? "," : "");
    return out + ")";
}

inline QString dtypeText(DType dtype)
{
    return QString::fromUtf8(numpyName(dtype).data(), static_cast<int>(numpyName(dtype).size()));
}

}  // namespace av::test::reductions
