#pragma once
// What tst_views and tst_indexing share: source arrays built the same way in the engine and in the real
// libraries (values 0, 1, 2, ... in C order, each owning its memory), and index/value shorthands.

#include "engine/arrayfactory.h"
#include "engine/dispatch.h"
#include "engine/indexing.h"
#include "engine/views.h"
#include "tests/support/oracle.h"

#include <QString>

namespace av::test::views {

using namespace av::engine;

// Python side: T(shape, dtype, grad) / N(shape, dtype) make the same arrays as the C++ T() / N() below.
inline const char* kPrelude = "import math\n"
                              "TD={'bool':torch.bool,'uint8':torch.uint8,'int8':torch.int8,'int16':torch.int16,"
                              "'int32':torch.int32,'int64':torch.int64,'float16':torch.float16,"
                              "'float32':torch.float32,'float64':torch.float64}\n"
                              "def T(shape, dt='float32', grad=False):\n"
                              "    t = torch.arange(math.prod(shape)).to(TD[dt]).reshape(shape).clone()\n"
                              "    return t.requires_grad_() if grad else t\n"
                              "def N(shape, dt='float64'):\n"
                              "    return np.arange(math.prod(shape)).astype(dt).reshape(shape).copy()\n";

inline ArrayPtr filled(Flavour flavour, Shape shape, DType dtype)
{
    ArrayPtr array;
    if (flavour == Flavour::Numpy && numelOf(shape) == 0)
        array = freshNumpyArray(dtype, shape, contiguousStrides(shape));  // NumPy's fresh empty arrays: 0 strides
    else
        array = allocateArray(flavour, dtype, shape);
    dispatchDType(dtype, [&]<typename E>(TypeTag<E>) {
        for (std::int64_t i = 0; i < array->numel(); ++i)
            storeElement<E>(array->data() + i * array->itemsize(), convertElement<E>(i));
    });
    return array;
}

inline ArrayPtr T(Shape shape, DType dtype = DType::Float32, bool grad = false)
{
    ArrayPtr t = filled(Flavour::Torch, std::move(shape), dtype);
    t->setRequiresGrad(grad);
    return t;
}

inline ArrayPtr N(Shape shape, DType dtype = DType::Float64) { return filled(Flavour::Numpy, std::move(shape), dtype); }

inline ArrayPtr of(Flavour flavour, Shape shape, DType dtype = DType::Float32)
{
    return filled(flavour, std::move(shape), flavour == Flavour::Numpy && dtype == DType::Float32 ? DType::Float64 : dtype);
}

inline OracleCase oracleCase(const QString& name, const QString& python, std::function<Outcome()> engine)
{
    return {name, QString::fromUtf8(kPrelude) + python, std::move(engine)};
}

// torch.set_warn_always(True) for a scope, on both sides of a case.
class WarnAlwaysScope {
public:
    WarnAlwaysScope() : m_previous(torchWarnAlways()) { setTorchWarnAlways(true); }
    ~WarnAlwaysScope() { setTorchWarnAlways(m_previous); }
    WarnAlwaysScope(const WarnAlwaysScope&) = delete;
    WarnAlwaysScope& operator=(const WarnAlwaysScope&) = delete;

private:
    bool m_previous;
};

// Index shorthands.
inline IndexItem at(std::int64_t i) { return i; }
inline IndexItem all() { return Slice{}; }
inline IndexItem sl(std::optional<std::int64_t> start, std::optional<std::int64_t> stop = std::nullopt,
                    std::optional<std::int64_t> step = std::nullopt)
{
    return Slice{start, stop, step};
}
inline IndexItem none() { return IndexNone{}; }
inline IndexItem ellipsis() { return IndexEllipsis{}; }

template <typename E>
ArrayPtr arrayOf(Flavour flavour, Shape shape, const std::vector<E>& values)
{
    ArrayPtr array = allocateArray(flavour, dtypeOf<E>(), std::move(shape));
    for (std::size_t i = 0; i < values.size(); ++i)
        storeElement<E>(array->data() + static_cast<std::int64_t>(i) * array->itemsize(), values[i]);
    return array;
}

inline ArrayPtr longs(Flavour flavour, std::vector<std::int64_t> values, Shape shape = {})
{
    if (shape.empty())
        shape = {static_cast<std::int64_t>(values.size())};
    return arrayOf<std::int64_t>(flavour, std::move(shape), values);
}

inline ArrayPtr bools(Flavour flavour, std::vector<bool> values, Shape shape = {})
{
    if (shape.empty())
        shape = {static_cast<std::int64_t>(values.size())};
    std::vector<bool> copy = values;
    ArrayPtr array = allocateArray(flavour, DType::Bool, std::move(shape));
    for (std::size_t i = 0; i < copy.size(); ++i)
        storeElement<bool>(array->data() + static_cast<std::int64_t>(i), copy[i]);
    return array;
}

inline Flavour other(Flavour flavour) { return flavour == Flavour::Torch ? Flavour::Numpy : Flavour::Torch; }

}  // namespace av::test::views
