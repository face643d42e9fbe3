#pragma once
// Helpers shared by the torch and numpy module bindings (torchmodule.cpp, numpymodule.cpp).

#include "callargs.h"
#include "interpreter.h"
#include "object.h"

#include "engine/creation.h"

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

}  // namespace av::engine::py
