// The `torch` module: its functions bound to the engine, its dtypes and types; each lands in the registry.

#include "bindings.h"
#include "interpreterimpl.h"
#include "modulebindings.h"
#include "nativeobjects.h"
#include "registry.h"

#include "engine/alias.h"
#include "engine/autograd.h"
#include "engine/conversion.h"
#include "engine/copies.h"
#include "engine/creation.h"
#include "engine/elementwise.h"

namespace av::engine::py {

ObjectPtr createTorchModule(Interpreter& interpreter)
{
    (void)interpreter;
    auto module = std::make_shared<ModuleObject>("torch");
    ModuleObject& torch = *module;
    defineFactories(torch, kTorchOwner, Flavour::Torch);
    defineDTypes(torch, kTorchOwner, Flavour::Torch);
    torch.attributes["Tensor"] = makeType(&tensorType());
    registerEntry({kTorchOwner, "Tensor", "", "type", "the tensor type"});
    torch.attributes["Size"] = makeType(&torchSizeType());
    registerEntry({kTorchOwner, "Size", "(sizes)", "type", "a tuple of sizes"});
    torch.attributes["device"] = makeType(deviceObject(Device::cpu())->type());
    registerEntry({kTorchOwner, "device", "(type, index=None)", "type", "a device: 'cpu' or 'cuda:N'"});
    defineFunction(torch, kTorchOwner, "tensor", "(data, *, dtype=None, device=None, requires_grad=False)",
                   "always a copy of data (a list, a number, a tensor or an ndarray)",
                   [](Interpreter& interpreter, const ObjectPtr&, CallArgs& args) {
                       args.bind("tensor()", "(data, *, dtype=None, device=None, requires_grad=False, pin_memory=False)");
                       const CreationOptions options = creationOptions(interpreter, args, Flavour::Torch, "tensor()");
                       return interpreter.wrap(fromData(interpreter, Flavour::Torch, args.get("data"), options, true));
                   });
    defineFunction(torch, kTorchOwner, "from_numpy", "(ndarray)", "a tensor sharing the ndarray's memory, through a new storage",
                   [](Interpreter& interpreter, const ObjectPtr&, CallArgs& args) {
                       args.bind("from_numpy()", "(ndarray)");
                       const ObjectPtr& value = args.get("ndarray");
                       if (value->kind() != ObjectKind::Array || !static_cast<const ArrayObject&>(*value).array->isNdarray())
                           throw pythonError("TypeError", "expected np.ndarray (got " + typeNameOf(value) + ")");
                       return interpreter.wrap(fromNumpy(static_cast<const ArrayObject&>(*value).array));
                   });
    defineFunction(torch, kTorchOwner, "as_tensor", "(data, dtype=None, device=None)",
                   "shares memory when it can (a tensor, or an ndarray of a matching dtype), else copies",
                   [](Interpreter& interpreter, const ObjectPtr&, CallArgs& args) {
                       args.bind("as_tensor()", "(data, dtype=None, device=None)");
                       const ObjectPtr& data = args.get("data");
                       const std::optional<DType> dtype = dtypeArgument(args.get("dtype"), Flavour::Torch, "as_tensor()");
                       const std::optional<Device> device = deviceArgument(args.get("device"));
                       if (data->kind() == ObjectKind::Array)
                           return interpreter.wrap(asTensor(static_cast<const ArrayObject&>(*data).array, dtype, device));
                       CreationOptions options;
                       options.dtype = dtype;
                       if (device)
                           options.device = *device;
                       return interpreter.wrap(fromData(interpreter, Flavour::Torch, data, options, true));
                   });
    defineFunction(torch, kTorchOwner, "no_grad", "()", "a context manager that turns autograd recording off",
                   [](Interpreter&, const ObjectPtr&, CallArgs& args) {
                       args.expectNone("no_grad()");
                       return gradModeContext(false);
                   });
    defineFunction(torch, kTorchOwner, "enable_grad", "()", "a context manager that turns autograd recording on",
                   [](Interpreter&, const ObjectPtr&, CallArgs& args) {
                       args.expectNone("enable_grad()");
                       return gradModeContext(true);
                   });
    defineFunction(torch, kTorchOwner, "is_grad_enabled", "()", "whether autograd records ops",
                   [](Interpreter&, const ObjectPtr&, CallArgs& args) {
                       args.expectNone("is_grad_enabled()");
                       return makeBool(GradMode::isEnabled());
                   });
    return module;
}

}  // namespace av::engine::py
