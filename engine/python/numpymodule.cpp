// The `numpy` module: its functions bound to the engine, its scalar types; each lands in the registry.

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

ObjectPtr createNumpyModule(Interpreter& interpreter)
{
    (void)interpreter;
    auto module = std::make_shared<ModuleObject>("numpy");
    ModuleObject& np = *module;
    defineFactories(np, kNumpyOwner, Flavour::Numpy);
    defineDTypes(np, kNumpyOwner, Flavour::Numpy);
    defineFunction(np, kNumpyOwner, "array", "(object, dtype=None, copy=True)", "a copy of object by default",
                   [](Interpreter& interpreter, const ObjectPtr&, CallArgs& args) {
                       args.bind("array()", "(object, dtype=None, *, copy=True, order='K', subok=False, ndmin=0, like=None)");
                       CreationOptions options;
                       options.dtype = dtypeArgument(args.get("dtype"), Flavour::Numpy, "array()");
                       const bool copy = !args.has("copy") || interpreter.truthy(args.get("copy"));
                       return interpreter.wrap(fromData(interpreter, Flavour::Numpy, args.get("object"), options, copy));
                   });
    defineFunction(np, kNumpyOwner, "asarray", "(a, dtype=None)", "a itself (or a view of a tensor's memory) when no conversion is needed",
                   [](Interpreter& interpreter, const ObjectPtr&, CallArgs& args) {
                       args.bind("asarray()", "(a, dtype=None, order=None, *, like=None)");
                       const std::optional<DType> dtype = dtypeArgument(args.get("dtype"), Flavour::Numpy, "asarray()");
                       const ObjectPtr& a = args.get("a");
                       if (a->kind() == ObjectKind::Array)
                           return interpreter.wrap(asarray(static_cast<const ArrayObject&>(*a).array, dtype));
                       CreationOptions options;
                       options.dtype = dtype;
                       return interpreter.wrap(fromData(interpreter, Flavour::Numpy, a, options, true));
                   });
    defineFunction(np, kNumpyOwner, "shares_memory", "(a, b)", "whether some byte is reachable through both (exact)",
                   [](Interpreter&, const ObjectPtr&, CallArgs& args) {
                       args.bind("shares_memory()", "(a, b, max_work=None)");
                       return makeBool(sharesMemory(*arrayArgument(args.get("a"), "shares_memory()", "a"),
                                                    *arrayArgument(args.get("b"), "shares_memory()", "b")));
                   });
    defineFunction(np, kNumpyOwner, "may_share_memory", "(a, b)", "whether the memory bounds overlap",
                   [](Interpreter&, const ObjectPtr&, CallArgs& args) {
                       args.bind("may_share_memory()", "(a, b, max_work=None)");
                       return makeBool(mayShareMemory(*arrayArgument(args.get("a"), "may_share_memory()", "a"),
                                                      *arrayArgument(args.get("b"), "may_share_memory()", "b")));
                   });
    np.attributes["dtype"] = makeType(numpyDTypeObject(DType::Float64)->type());
    registerEntry({kNumpyOwner, "dtype", "(dtype)", "type", "a dtype object, e.g. np.dtype('float32')"});
    return module;
}

}  // namespace av::engine::py
