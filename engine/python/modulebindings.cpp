// What the torch and numpy modules share: the factories (arange, zeros, ...) and the dtype names.

#include "bindings.h"
#include "modulebindings.h"
#include "interpreterimpl.h"
#include "nativeobjects.h"
#include "registry.h"

#include "engine/alias.h"
#include "engine/autograd.h"
#include "engine/conversion.h"
#include "engine/copies.h"
#include "engine/creation.h"
#include "engine/elementwise.h"

namespace av::engine::py {

// The keyword arguments of the factories: dtype=, device=, requires_grad= (torch only).
CreationOptions creationOptions(Interpreter& interpreter, CallArgs& args, Flavour flavour, std::string_view function)
{
    CreationOptions options;
    options.dtype = dtypeArgument(args.get("dtype"), flavour, function);
    if (flavour == Flavour::Torch) {
        if (const std::optional<Device> device = deviceArgument(args.get("device")))
            options.device = *device;
        options.requiresGrad = boolArgument(interpreter, args.get("requires_grad"));
    }
    return options;
}

Scalar numberArgument(const ObjectPtr& value, std::string_view function, std::string_view parameter)
{
    if (const std::optional<Scalar> s = scalarArgument(value))
        return *s;
    if (value->kind() == ObjectKind::Array && static_cast<const ArrayObject&>(*value).array->numel() == 1)
        return Scalar(*asDouble(value));
    throw pythonError("TypeError", std::string(function) + ": argument '" + std::string(parameter) + "' must be Number, not " +
                                       typeNameOf(value));
}

// The data argument of torch.tensor / np.array: a number, an array or a (nested) list of them.
ArrayPtr fromData(Interpreter& interpreter, Flavour flavour, const ObjectPtr& data, const CreationOptions& options, bool copy)
{
    if (data->kind() == ObjectKind::Array) {
        const ArrayPtr& array = static_cast<const ArrayObject&>(*data).array;
        if (flavour == Flavour::Torch)
            return torchTensorFromArray(array, options.dtype, options.device, options.requiresGrad);
        return numpyArrayFromArray(array, options.dtype, copy);
    }
    return arrayFromData(flavour, interpreter.impl().nestedListOf(data), options);
}

void defineFactories(ModuleObject& module, const std::string& owner, Flavour flavour)
{
    const bool torch = flavour == Flavour::Torch;
    const std::string keywords = torch ? ", dtype=None, device=None, requires_grad=False" : ", dtype=None";
    defineFunction(module, owner, "arange", torch ? "(start=0, end, step=1, *, dtype=None, device=None, requires_grad=False)"
                                                  : "(start=0, stop, step=1, dtype=None)",
                   "values from start to end by step, in a new array",
                   [flavour, keywords](Interpreter& interpreter, const ObjectPtr&, CallArgs& args) {
                       args.bind("arange()", "(start, end=None, step=None, *" + keywords + ", out=None, layout=None, like=None)");
                       const CreationOptions options = creationOptions(interpreter, args, flavour, "arange()");
                       const Scalar first = numberArgument(args.get("start"), "arange()", "start");
                       if (!args.has("end") || args.get("end")->kind() == ObjectKind::None)
                           return interpreter.wrap(arange(flavour, first, options));
                       const Scalar end = numberArgument(args.get("end"), "arange()", "end");
                       const Scalar step = args.has("step") && args.get("step")->kind() != ObjectKind::None
                                               ? numberArgument(args.get("step"), "arange()", "step")
                                               : Scalar(std::int64_t{1});
                       return interpreter.wrap(arange(flavour, first, end, step, options));
                   });
    const auto sized = [&](const char* name, auto make, const char* summary) {
        defineFunction(module, owner, name, torch ? "(*size, dtype=None, device=None, requires_grad=False)" : "(shape, dtype=float)",
                       summary, [flavour, keywords, name, make](Interpreter& interpreter, const ObjectPtr&, CallArgs& args) {
                           const std::string function = std::string(name) + "()";
                           args.bind(function, "(*size" + keywords + ", out=None, layout=None, order='C', like=None)");
                           const CreationOptions options = creationOptions(interpreter, args, flavour, function);
                           return interpreter.wrap(make(flavour, shapeArgument(args.variadic(), function), options));
                       });
    };
    sized("zeros", [](Flavour f, const Shape& s, const CreationOptions& o) { return zeros(f, s, o); }, "a new array of zeros");
    sized("ones", [](Flavour f, const Shape& s, const CreationOptions& o) { return ones(f, s, o); }, "a new array of ones");
    defineFunction(module, owner, "full", torch ? "(size, fill_value, *, dtype=None, device=None, requires_grad=False)" : "(shape, fill_value, dtype=None)",
                   "a new array filled with fill_value", [flavour, keywords](Interpreter& interpreter, const ObjectPtr&, CallArgs& args) {
                       args.bind("full()", "(size, fill_value, *" + keywords + ", out=None, layout=None, order='C', like=None)");
                       const CreationOptions options = creationOptions(interpreter, args, flavour, "full()");
                       return interpreter.wrap(full(flavour, shapeFromObject(args.get("size"), "full()"),
                                                    numberArgument(args.get("fill_value"), "full()", "fill_value"), options));
                   });
    defineFunction(module, owner, "eye", torch ? "(n, m=None, *, dtype=None, device=None, requires_grad=False)" : "(N, M=None, k=0, dtype=float)",
                   "a new identity matrix", [flavour, keywords](Interpreter& interpreter, const ObjectPtr&, CallArgs& args) {
                       args.bind("eye()", "(n, m=None, k=0, *" + keywords + ", out=None, layout=None, order='C', like=None)");
                       const CreationOptions options = creationOptions(interpreter, args, flavour, "eye()");
                       std::optional<std::int64_t> m;
                       if (args.has("m") && args.get("m")->kind() != ObjectKind::None)
                           m = intArgument(args.get("m"), "eye()", "m");
                       const std::int64_t k = args.has("k") ? intArgument(args.get("k"), "eye()", "k") : 0;
                       return interpreter.wrap(eye(flavour, intArgument(args.get("n"), "eye()", "n"), m, options, k));
                   });
    defineFunction(module, owner, "linspace", torch ? "(start, end, steps, *, dtype=None, device=None, requires_grad=False)" : "(start, stop, num=50, endpoint=True, dtype=None)",
                   "evenly spaced values, in a new array", [flavour, keywords](Interpreter& interpreter, const ObjectPtr&, CallArgs& args) {
                       args.bind("linspace()", "(start, end, steps=None, endpoint=True, *" + keywords + ", out=None, layout=None, num=None)");
                       const CreationOptions options = creationOptions(interpreter, args, flavour, "linspace()");
                       const ObjectPtr& count = args.has("steps") ? args.get("steps") : args.get("num");
                       const std::int64_t steps = count ? intArgument(count, "linspace()", "steps") : 50;
                       const bool endpoint = !args.has("endpoint") || interpreter.truthy(args.get("endpoint"));
                       return interpreter.wrap(linspace(flavour, numberArgument(args.get("start"), "linspace()", "start"),
                                                        numberArgument(args.get("end"), "linspace()", "end"), steps, options, endpoint));
                   });
    const auto like = [&](const char* name, auto make, const char* summary) {
        defineFunction(module, owner, name, "(input, *, dtype=None)", summary,
                       [flavour, keywords, name, make](Interpreter& interpreter, const ObjectPtr&, CallArgs& args) {
                           const std::string function = std::string(name) + "()";
                           args.bind(function, "(input" + keywords + ", memory_format=None, order='K', subok=True, shape=None, layout=None)");
                           const CreationOptions options = creationOptions(interpreter, args, flavour, function);
                           return interpreter.wrap(make(flavour, arrayArgument(args.get("input"), function, "input"), options));
                       });
    };
    like("zeros_like", [](Flavour f, const ArrayPtr& a, const CreationOptions& o) { return zerosLike(f, a, o); }, "zeros shaped like input");
    like("ones_like", [](Flavour f, const ArrayPtr& a, const CreationOptions& o) { return onesLike(f, a, o); }, "ones shaped like input");
}

void defineDTypes(ModuleObject& module, const std::string& owner, Flavour flavour)
{
    for (int i = 0; i < kDTypeCount; ++i) {
        const DType d = static_cast<DType>(i);
        if (flavour == Flavour::Torch) {
            const std::string name(torchName(d).substr(6));
            module.attributes[name] = torchDTypeObject(d);
            registerEntry({owner, name, "", "object", "the dtype " + std::string(torchName(d))});
        } else {
            const std::string name = d == DType::Bool ? "bool_" : std::string(numpyName(d));
            module.attributes[name] = makeType(&numpyScalarType(d));
            registerEntry({owner, name, "(value=0)", "type", "the NumPy scalar type " + name + "; also a dtype argument"});
        }
    }
    if (flavour == Flavour::Torch) {
        for (const auto& [alias, d] : std::initializer_list<std::pair<const char*, DType>>{
                 {"float", DType::Float32}, {"double", DType::Float64}, {"half", DType::Float16}, {"int", DType::Int32},
                 {"long", DType::Int64}, {"short", DType::Int16}}) {
            module.attributes[alias] = torchDTypeObject(d);
            registerEntry({owner, alias, "", "object", "the dtype " + std::string(torchName(d))});
        }
    } else {
        module.attributes["int_"] = makeType(&numpyScalarType(DType::Int64));
        module.attributes["float_"] = makeType(&numpyScalarType(DType::Float64));
        module.attributes["ndarray"] = makeType(&ndarrayType());
        registerEntry({owner, "ndarray", "", "type", "the array type"});
    }
}

}  // namespace av::engine::py
