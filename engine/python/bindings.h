#pragma once
// The seam between the interpreter's core and the torch / numpy surface: the array types, the two
// modules, and how arrays print. The core calls these; torchbindings.cpp, numpybindings.cpp and
// arraybindings.cpp define them from the registry (registry.h).

#include "object.h"

namespace av::engine::py {

class Interpreter;

// torch.Tensor, numpy.ndarray, and the NumPy scalar types (numpy.float32, numpy.int64, numpy.bool_ ...).
const TypeInfo& tensorType();
const TypeInfo& ndarrayType();
const TypeInfo& numpyScalarType(DType dtype);
const TypeInfo& arrayTypeFor(const Array& array);

// The modules `import torch` and `import numpy` bind.
ObjectPtr createTorchModule(Interpreter& interpreter);
ObjectPtr createNumpyModule(Interpreter& interpreter);

// repr() and str() of an array object (tensors print the same both ways; NumPy differs).
std::string arrayRepr(const Array& array);
std::string arrayStr(const Array& array);

}  // namespace av::engine::py
