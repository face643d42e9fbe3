// What the torch and numpy modules share: the factories (arange, zeros, ...) and the dtype names.

#include "arraybindings.h"
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
#include "engine/reductions.h"

#include <cctype>

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
        registerEntry({owner, "int_", "(value=0)", "type", "numpy.int64 under its other name"});
        registerEntry({owner, "float_", "(value=0)", "type", "numpy.float64 under its other name"});
        module.attributes["ndarray"] = makeType(&ndarrayType());
        registerEntry({owner, "ndarray", "", "type", "the array type"});
    }
}

}  // namespace av::engine::py

namespace av::engine::py {

// ---- NumPy's argument conversions ----------------------------------------------------------------------

namespace {

// NumPy's dtype strings: names, one-letter codes and array-protocol strings ('<f4'). Types NumPy has but
// aliasview does not hold (uint16, complex, strings ...) are refused by name rather than misread.
std::optional<DType> numpyDTypeFromString(const std::string& text)
{
    if (const std::optional<DType> d = dtypeFromNumpyName(text))
        return d;
    std::string_view code = text;
    if (!code.empty() && (code.front() == '<' || code.front() == '=' || code.front() == '|'))
        code.remove_prefix(1);
    static const std::pair<std::string_view, DType> kCodes[] = {
        {"e", DType::Float16}, {"f", DType::Float32}, {"d", DType::Float64}, {"b", DType::Int8},   {"h", DType::Int16},
        {"i", DType::Int32},   {"l", DType::Int64},   {"q", DType::Int64},   {"p", DType::Int64}, {"B", DType::UInt8},
        {"?", DType::Bool},    {"f2", DType::Float16}, {"f4", DType::Float32}, {"f8", DType::Float64}, {"i1", DType::Int8},
        {"i2", DType::Int16},  {"i4", DType::Int32},  {"i8", DType::Int64},  {"u1", DType::UInt8}, {"b1", DType::Bool},
        {"longlong", DType::Int64}, {"intp", DType::Int64}, {"int0", DType::Int64}};
    for (const auto& [name, d] : kCodes)
        if (name == code)
            return d;
    return std::nullopt;
}

bool isNumpyDTypeWeCannotHold(std::string_view text)
{
    if (!text.empty() && (text.front() == '<' || text.front() == '>' || text.front() == '=' || text.front() == '|'))
        text.remove_prefix(1);
    static constexpr std::string_view kKnown[] = {
        "uint16", "uint32", "uint64", "uint", "uintc", "uintp", "uint0", "ushort", "ulonglong", "complex64", "complex128",
        "complex", "cfloat", "cdouble", "csingle", "clongdouble", "longdouble", "float128", "longfloat", "object", "str",
        "unicode", "bytes", "void", "datetime64", "timedelta64", "u2", "u4", "u8", "c8", "c16", "f16", "H", "I", "L",
        "Q", "P", "g", "F", "D", "G", "O", "U", "S", "V", "M", "m", "M8", "m8", "a"};
    for (const std::string_view known : kKnown)
        if (known == text)
            return true;
    return false;
}

[[noreturn]] void refuseDType(const std::string& what)
{
    throw pythonError("NotImplementedError", "aliasview does not support dtype " + what +
                                                 "; it holds float16, float32, float64, int8, int16, int32, int64, uint8 and bool");
}

}  // namespace

std::optional<DType> numpyDTypeArgument(Interpreter& interpreter, const ObjectPtr& value)
{
    if (!value || value->kind() == ObjectKind::None)
        return std::nullopt;
    if (value->kind() == ObjectKind::DType && value->type()->isSubtypeOf(&numpyDTypeClass()))
        return static_cast<const NativeObject<DType>&>(*value).payload;
    if (value->kind() == ObjectKind::Type) {
        const TypeInfo* info = static_cast<const TypeObject&>(*value).info;
        const Builtins& b = builtinTypes();
        if (info == &b.floatType)
            return DType::Float64;
        if (info == &b.intType)
            return DType::Int64;
        if (info == &b.boolType)
            return DType::Bool;
        for (int i = 0; i < kDTypeCount; ++i)
            if (info == &numpyScalarType(static_cast<DType>(i)))
                return static_cast<DType>(i);
        if (info == &b.strType || info->isSubtypeOf(&numpyAbstractScalarType("generic")) || info == &b.object)
            refuseDType(interpreter.repr(value));
    }
    if (value->kind() == ObjectKind::Str) {
        const std::string& text = static_cast<const StrObject&>(*value).value;
        if (const std::optional<DType> d = numpyDTypeFromString(text))
            return d;
        if (isNumpyDTypeWeCannotHold(text))
            refuseDType("'" + text + "'");
        throw pythonError("TypeError", "data type " + interpreter.repr(value) + " not understood");
    }
    if (value->kind() == ObjectKind::Array && !selfArray(value)->isNumpyScalar())
        throw pythonError("TypeError", "Cannot construct a dtype from an array");
    if (value->kind() == ObjectKind::Tuple || value->kind() == ObjectKind::List || value->kind() == ObjectKind::Dict)
        throw pythonError("TypeError", "aliasview does not support structured dtypes: " + interpreter.repr(value));
    throw pythonError("TypeError", "Cannot interpret '" + interpreter.repr(value) + "' as a data type");
}

std::int64_t numpyIntArgument(const ObjectPtr& value)
{
    if (const std::optional<std::int64_t> n = asIndex(value))
        return *n;
    throw pythonError("TypeError", "'" + typeNameOf(value) + "' object cannot be interpreted as an integer");
}

Shape numpyShapeArgument(Interpreter& interpreter, const ObjectPtr& value)
{
    if (!value || value->kind() == ObjectKind::None) {
        interpreter.warnAt("DeprecationWarning", "Passing None into shape arguments as an alias for () is deprecated.");
        return {};
    }
    if (value->kind() == ObjectKind::List || value->kind() == ObjectKind::Tuple) {
        Shape shape;
        for (const ObjectPtr& item : static_cast<const SequenceObject&>(*value).items)
            shape.push_back(numpyIntArgument(item));
        return shape;
    }
    if (value->kind() == ObjectKind::Str)
        throw pythonError("TypeError", "'str' object cannot be interpreted as an integer");
    if (value->kind() == ObjectKind::Array) {
        const ArrayPtr& array = selfArray(value);
        if (array->isNdarray() && array->dim() == 1) {
            Shape shape;
            for (const ObjectPtr& item : interpreter.iterate(value))
                shape.push_back(numpyIntArgument(item));
            return shape;
        }
    }
    if (value->kind() != ObjectKind::Bool)
        if (const std::optional<std::int64_t> n = asIndex(value))
            return {*n};
    throw pythonError("TypeError", "expected a sequence of integers or a single integer, got '" + interpreter.str(value) + "'");
}

Shape numpyShapeArguments(Interpreter& interpreter, const std::vector<ObjectPtr>& variadic)
{
    if (variadic.size() == 1)
        return numpyShapeArgument(interpreter, variadic[0]);
    Shape shape;
    for (const ObjectPtr& item : variadic)
        shape.push_back(numpyIntArgument(item));
    return shape;
}

MemoryOrder numpyOrderArgument(const ObjectPtr& value, MemoryOrder fallback)
{
    if (!value || value->kind() == ObjectKind::None)
        return fallback;
    if (value->kind() != ObjectKind::Str)
        throw pythonError("TypeError", "order must be str, not " + typeNameOf(value));
    const std::string& text = static_cast<const StrObject&>(*value).value;
    if (text.size() == 1) {
        switch (std::toupper(static_cast<unsigned char>(text[0]))) {
        case 'C': return MemoryOrder::C;
        case 'F': return MemoryOrder::F;
        case 'A': return MemoryOrder::A;
        case 'K': return MemoryOrder::K;
        default: break;
        }
    }
    throw pythonError("ValueError", "order must be one of 'C', 'F', 'A', or 'K' (got '" + text + "')");
}

ReduceDims numpyAxisArgument(const ObjectPtr& value)
{
    if (!value || value->kind() == ObjectKind::None)
        return ReduceDims::all();
    const auto axis = [](const ObjectPtr& item) {
        if (item->kind() == ObjectKind::Bool)
            throw pythonError("TypeError", "an integer is required");
        return numpyIntArgument(item);
    };
    if (value->kind() == ObjectKind::Tuple) {
        std::vector<std::int64_t> dims;
        for (const ObjectPtr& item : static_cast<const SequenceObject&>(*value).items)
            dims.push_back(axis(item));
        return ReduceDims::several(std::move(dims));
    }
    return ReduceDims::one(axis(value));
}

ArrayPtr numpyArrayLike(Interpreter& interpreter, const ObjectPtr& value)
{
    if (value->kind() == ObjectKind::Array)
        return asNumpyOperand(selfArray(value));
    return fromData(interpreter, Flavour::Numpy, value, {}, true);
}

ArrayPtr numpyAnyAll(const ArrayPtr& array, const ReduceDims& axes, bool keepdims, bool all)
{
    // Counted with the engine's own ops: any = count(a != 0) > 0, all = count(a == 0) == 0 (NaN is nonzero).
    const Value zero = Scalar(std::int64_t{0});
    const ArrayPtr hits = std::get<ArrayPtr>(binary(all ? BinaryOp::Eq : BinaryOp::Ne, Value(array), zero));
    ReduceOptions options;
    options.dims = axes;
    options.keepdim = keepdims;
    const ArrayPtr counts = engine::sum(hits, options);
    return std::get<ArrayPtr>(binary(all ? BinaryOp::Eq : BinaryOp::Gt, Value(counts), zero));
}

ArrayPtr tensorArrayWrap(const ArrayPtr& result)
{
    // Tensor.__array_wrap__: bool results are cast to uint8 first, then torch.from_numpy(result).
    ArrayPtr array = result->dtype() == DType::Bool ? astype(result, DType::UInt8) : result;
    if (array->isNumpyScalar()) {
        array = ndarrayCopy(array);
        array->setNumpyScalar(false);
    }
    return fromNumpy(array);
}

}  // namespace av::engine::py
