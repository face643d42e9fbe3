#pragma once
// The factories of both libraries: torch.arange / np.arange, zeros, ones, full, eye, linspace, zeros_like,
// ones_like, and torch.tensor / np.array from nested Python lists, with each library's dtype inference,
// element values (bit for bit), checks and messages.

#include "array.h"
#include "scalar.h"

#include <initializer_list>
#include <optional>
#include <variant>
#include <vector>

namespace av::engine {

// The keyword arguments the factories take. device and requiresGrad are torch's; NumPy's functions have
// neither (the interpreter refuses them before calling).
struct CreationOptions {
    std::optional<DType> dtype;
    Device device = Device::cpu();
    bool requiresGrad = false;
};

// A Python list (or tuple) as torch.tensor and np.array see it: a tree whose leaves are numbers or
// arrays (a tensor, an ndarray, or a NumPy scalar such as np.float32(1.5)).
class NestedList {
public:
    using Items = std::vector<NestedList>;

    NestedList(Scalar value) : m_node(value) {}  // NOLINT(google-explicit-constructor): literals read naturally
    NestedList(bool value) : m_node(Scalar(value)) {}  // NOLINT(google-explicit-constructor)
    NestedList(int value) : m_node(Scalar(value)) {}  // NOLINT(google-explicit-constructor)
    NestedList(std::int64_t value) : m_node(Scalar(value)) {}  // NOLINT(google-explicit-constructor)
    NestedList(double value) : m_node(Scalar(value)) {}  // NOLINT(google-explicit-constructor)
    NestedList(ArrayPtr array) : m_node(std::move(array)) {}  // NOLINT(google-explicit-constructor)
    NestedList(Items items) : m_node(std::move(items)) {}  // NOLINT(google-explicit-constructor)
    NestedList(std::initializer_list<NestedList> items) : m_node(Items(items)) {}

    static NestedList list(Items items = {}) { return NestedList(std::move(items)); }

    bool isList() const { return std::holds_alternative<Items>(m_node); }
    bool isScalar() const { return std::holds_alternative<Scalar>(m_node); }
    bool isArray() const { return std::holds_alternative<ArrayPtr>(m_node); }
    const Items& items() const { return std::get<Items>(m_node); }
    const Scalar& scalar() const { return std::get<Scalar>(m_node); }
    const ArrayPtr& array() const { return std::get<ArrayPtr>(m_node); }

private:
    std::variant<Items, Scalar, ArrayPtr> m_node;
};

// torch.arange(end) / np.arange(stop): from 0 in steps of 1.
ArrayPtr arange(Flavour flavour, const Scalar& end, const CreationOptions& options = {});
// torch.arange(start, end, step) / np.arange(start, stop, step). Element i is what each library computes,
// not start + i * step: torch works in double (float for half) with its vector loop's own rounding, NumPy
// fills start + i * (x[1] - x[0]) in the result's dtype.
ArrayPtr arange(Flavour flavour, const Scalar& start, const Scalar& end, const Scalar& step,
                const CreationOptions& options = {});

// torch.zeros / np.zeros, torch.ones / np.ones. Negative sizes raise the library's error.
ArrayPtr zeros(Flavour flavour, IntSpan sizes, const CreationOptions& options = {});
ArrayPtr ones(Flavour flavour, IntSpan sizes, const CreationOptions& options = {});
// torch.full / np.full: without dtype, the fill value decides it (bool, int64, or the default float).
ArrayPtr full(Flavour flavour, IntSpan sizes, const Scalar& fillValue, const CreationOptions& options = {});
// torch.eye(n, m) / np.eye(N, M, k): k (NumPy only) shifts the diagonal.
ArrayPtr eye(Flavour flavour, std::int64_t n, std::optional<std::int64_t> m = std::nullopt,
             const CreationOptions& options = {}, std::int64_t k = 0);
// torch.linspace(start, end, steps) / np.linspace(start, stop, num, endpoint).
ArrayPtr linspace(Flavour flavour, const Scalar& start, const Scalar& end, std::int64_t steps,
                  const CreationOptions& options = {}, bool endpoint = true);

// torch.zeros_like / np.zeros_like (and ones_like): like's shape and dtype, and its memory layout
// (torch's preserve_format, NumPy's order='K'). flavour says which library's function is called.
ArrayPtr zerosLike(Flavour flavour, const ArrayPtr& like, const CreationOptions& options = {});
ArrayPtr onesLike(Flavour flavour, const ArrayPtr& like, const CreationOptions& options = {});
ArrayPtr fullLike(Flavour flavour, const ArrayPtr& like, const Scalar& fillValue, const CreationOptions& options = {});

// torch.tensor(data, dtype=, device=, requires_grad=) and np.array(data, dtype=): always a copy. data may
// be a number, a nested list, or an array (see torchTensorFromArray / numpyArrayFromArray in conversion.h).
ArrayPtr arrayFromData(Flavour flavour, const NestedList& data, const CreationOptions& options = {});

// The dtype each library infers for data (torch.tensor / np.array without dtype=), without building it.
DType inferDType(Flavour flavour, const NestedList& data);

}  // namespace av::engine
