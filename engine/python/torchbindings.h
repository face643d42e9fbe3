#pragma once
// What tensorbindings.cpp shares with torchmodule.cpp: the ops that are both a Tensor method and a torch
// function (t.transpose(0, 1) and torch.transpose(t, 0, 1)), defined once with both of torch's
// argument lists, and the helpers both files use.

#include "object.h"
#include "torchargs.h"

#include <functional>

namespace av::engine::py {

class Interpreter;

// Defines the torch functions that are also Tensor methods (transpose, sum, add, ...) on the module.
void defineSharedTorchFunctions(ModuleObject& torch);

// t.split / torch.split: Python-level in torch (torch/_tensor.py), then torch._VF.split or split_with_sizes.
ObjectPtr splitTensor(Interpreter& interpreter, const ObjectPtr& tensor, const ObjectPtr& splitSize, const ObjectPtr& dim);

// torch.tensor's data as tensor_new.cpp reads it: nested lists (ranges and tuples read as lists) of
// numbers and arrays, with torch's errors for anything else.
ObjectPtr torchTensorData(Interpreter& interpreter, const ObjectPtr& data);

// torch.Tensor(...) (fixed: nullopt) and the legacy typed constructors torch.FloatTensor(...) etc.:
// torch.Tensor(t) is a view of t, torch.Tensor(2, 3) a new (here zero) tensor, torch.Tensor(data) a copy
// of data in the constructor's dtype (float32 for torch.Tensor).
ObjectPtr legacyTensorConstructor(Interpreter& interpreter, CallArgs& args, std::optional<DType> fixed);

// The object t.grad_fn returns for this tensor (None for leaves): one Python object per node, so
// `t.grad_fn is t.grad_fn` holds.
ObjectPtr gradFnObject(const ArrayPtr& tensor);

// torch's name for a dtype in messages such as "Float did not match Double".
std::string_view torchScalarTypeName(DType dtype);

}  // namespace av::engine::py
