#pragma once
// Helpers shared by the Tensor and ndarray bindings (tensorbindings.cpp, ndarraybindings.cpp) and the
// types themselves (arraytypes.cpp).

#include "interpreter.h"
#include "object.h"

#include "engine/reductions.h"

namespace av::engine::py {

inline constexpr const char* kTensorOwner = "torch.Tensor";
inline constexpr const char* kNdarrayOwner = "numpy.ndarray";

// One element as a Python number.
ObjectPtr elementObject(const Array& array, const std::byte* p);
// tolist(): nested Python lists of Python numbers (a 0-d array gives the number itself).
ObjectPtr toList(Interpreter& interpreter, const Array& array);
// item(): the single value, or each library's error.
ObjectPtr itemOf(const Array& array);
// dim=None | int | tuple of ints, as reductions take it.
ReduceDims reduceDims(const ObjectPtr& dim, std::string_view function);
ObjectPtr wrapAll(Interpreter& interpreter, const std::vector<ArrayPtr>& arrays);

// The attributes and methods both libraries have (shape, T, reshape, sum, ...), each with its library's
// argument names.
void defineShared(TypeInfo& type, const std::string& owner, Flavour flavour);
void defineTensor(TypeInfo& type);
void defineNdarray(TypeInfo& type);

// NumPy's abstract scalar classes, by name: "generic" (which holds every scalar's attributes), "number",
// "integer", "signedinteger", "unsignedinteger", "inexact", "floating".
const TypeInfo& numpyAbstractScalarType(std::string_view name);

}  // namespace av::engine::py
