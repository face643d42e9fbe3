#pragma once
// Helpers shared by the torch and numpy module bindings (torchmodule.cpp, numpymodule.cpp).

#include "callargs.h"
#include "interpreter.h"
#include "object.h"

#include "engine/creation.h"
#include "engine/reductions.h"

namespace av::engine::py {

inline constexpr const char* kTorchOwner = "torch";
inline constexpr const char* kNumpyOwner = "numpy";

// The keyword arguments of the factories: dtype=, device=, requires_grad= (torch only).
CreationOptions creationOptions(Interpreter& interpreter, CallArgs& args, Flavour flavour, std::string_view function);
// A Python number (or one-element array) argument.
Scalar numberArgument(const ObjectPtr& value, std::string_view function, std::string_view parameter);
// The data argument of torch.tensor / np.array: a number, an array or a (nested) list of them.
ArrayPtr fromData(Interpreter& interpreter, Flavour flavour, const ObjectPtr& data, const CreationOptions& options, bool copy);
// arange, zeros, ones, full, eye, linspace, zeros_like, ones_like for one library.
void defineFactories(ModuleObject& module, const std::string& owner, Flavour flavour);
// torch.float32 ... / np.float32 ... and the aliases.
void defineDTypes(ModuleObject& module, const std::string& owner, Flavour flavour);

// ---- NumPy's argument conversions, with NumPy's messages --------------------------------------------

// dtype=: np.float32, np.dtype('f4'), 'float32' / 'f4' / '<f4' / 'd', float / int / bool; None is nullopt.
std::optional<DType> numpyDTypeArgument(Interpreter& interpreter, const ObjectPtr& value);
// An integer where NumPy wants one (PyArray_PyIntAsIntp): "'float' object cannot be interpreted as an integer".
std::int64_t numpyIntArgument(const ObjectPtr& value);
// A shape argument (np.zeros(shape), a.reshape(shape)): an int or a sequence of ints (PyArray_IntpConverter).
Shape numpyShapeArgument(Interpreter& interpreter, const ObjectPtr& value);
// a.reshape(2, 3) or a.reshape((2, 3)).
Shape numpyShapeArguments(Interpreter& interpreter, const std::vector<ObjectPtr>& variadic);
// order=: 'C', 'F', 'A' or 'K' (any case); None is `fallback`.
MemoryOrder numpyOrderArgument(const ObjectPtr& value, MemoryOrder fallback);
// axis=: None, an int or a tuple of ints.
ReduceDims numpyAxisArgument(const ObjectPtr& value);
// An array-like as NumPy functions read it (np.asarray): an ndarray itself, a tensor through
// Tensor.__array__ (a view of its memory), or a new array from a number or a nested list.
ArrayPtr numpyArrayLike(Interpreter& interpreter, const ObjectPtr& value);
// a.any(axis, keepdims) / a.all(...): whether any / every element is nonzero along the axes, as a new
// bool array (a NumPy scalar when every axis is reduced).
ArrayPtr numpyAnyAll(const ArrayPtr& array, const ReduceDims& axes, bool keepdims, bool all);
// Tensor.__array_wrap__: how a NumPy function hands a result back when an input was a tensor.
ArrayPtr tensorArrayWrap(const ArrayPtr& result);

}  // namespace av::engine::py
