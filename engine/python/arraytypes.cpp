// torch.Tensor, numpy.ndarray and the NumPy scalar types as Python types: their attributes and methods,
// bound to the engine's ops. Each definition also lands in the registry (docs/supported.md).

#include "arraybindings.h"
#include "bindings.h"
#include "interpreterimpl.h"
#include "modulebindings.h"
#include "nativeobjects.h"
#include "registry.h"

#include "engine/alias.h"
#include "engine/arrayfactory.h"
#include "engine/conversion.h"
#include "engine/copies.h"
#include "engine/dispatch.h"
#include "engine/elementwise.h"
#include "engine/format/ndarrayformat.h"
#include "engine/format/tensorformat.h"
#include "engine/indexing.h"
#include "engine/reductions.h"
#include "engine/views.h"

#include <array>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <mutex>

namespace av::engine::py {

ObjectPtr elementObject(const Array& array, const std::byte* p)
{
    return dispatchDType(array.dtype(), [&]<typename T>(TypeTag<T>) -> ObjectPtr {
        const T v = loadElement<T>(p);
        if constexpr (std::is_same_v<T, bool>)
            return makeBool(v);
        else if constexpr (kIsFloat<T>)
            return makeFloat(static_cast<double>(static_cast<OpMathT<T>>(v)));
        else
            return makeInt(static_cast<std::int64_t>(v));
    });
}

// tolist(): nested Python lists of Python numbers (a 0-d array gives the number itself).
ObjectPtr toList(Interpreter& interpreter, const Array& array)
{
    interpreter.checkContainerSize(array.numel());
    const std::byte* base = array.buffer()->data();
    std::vector<std::int64_t> index(array.sizes().size(), 0);
    const std::function<ObjectPtr(std::size_t)> build = [&](std::size_t dim) -> ObjectPtr {
        if (dim == array.sizes().size())
            return elementObject(array, base + array.bufferByteOffsetOf(index));
        std::vector<ObjectPtr> items;
        for (std::int64_t i = 0; i < array.sizes()[dim]; ++i) {
            index[dim] = i;
            items.push_back(build(dim + 1));
        }
        index[dim] = 0;
        return makeList(std::move(items));
    };
    return build(0);
}

ObjectPtr itemOf(const Array& array)
{
    if (array.numel() != 1) {
        if (array.isTensor())
            throw pythonError("ValueError", "only one element tensors can be converted to Python scalars");
        throw pythonError("ValueError", "can only convert an array of size 1 to a Python scalar");
    }
    std::vector<std::int64_t> index(array.sizes().size(), 0);
    return elementObject(array, array.buffer()->data() + array.bufferByteOffsetOf(index));
}

std::vector<std::int64_t> intsOf(const std::vector<ObjectPtr>& values, std::string_view function)
{
    std::vector<std::int64_t> out;
    for (const ObjectPtr& v : values)
        out.push_back(intArgument(v, function, "dims"));
    return out;
}

// dim=None | int | tuple of ints, as reductions take it.
ReduceDims reduceDims(const ObjectPtr& dim, std::string_view function)
{
    if (!dim || dim->kind() == ObjectKind::None)
        return ReduceDims::all();
    if (dim->kind() == ObjectKind::List || dim->kind() == ObjectKind::Tuple) {
        std::vector<std::int64_t> dims;
        for (const ObjectPtr& d : static_cast<const SequenceObject&>(*dim).items)
            dims.push_back(intArgument(d, function, "dim"));
        return ReduceDims::several(std::move(dims));
    }
    return ReduceDims::one(intArgument(dim, function, "dim"));
}

ObjectPtr wrapAll(Interpreter& interpreter, const std::vector<ArrayPtr>& arrays)
{
    std::vector<ObjectPtr> items;
    for (const ArrayPtr& a : arrays)
        items.push_back(interpreter.wrap(a));
    return makeTuple(std::move(items));
}

// Properties and methods both libraries have, under each one's owner name in the registry.
void defineShared(TypeInfo& t, const std::string& owner, Flavour flavour)
{
    defineProperty(t, owner, "shape", flavour == Flavour::Torch ? "the sizes, as torch.Size" : "the sizes, as a tuple",
                   [flavour](Interpreter&, const ObjectPtr& self) -> ObjectPtr {
                       return flavour == Flavour::Torch ? torchSize(selfArray(self)->sizes()) : intTuple(selfArray(self)->sizes());
                   });
    defineProperty(t, owner, "ndim", "the number of dims", [](Interpreter&, const ObjectPtr& self) {
        return makeInt(selfArray(self)->dim());
    });
    defineProperty(t, owner, "T", "all dims reversed: a view", [](Interpreter& interpreter, const ObjectPtr& self) {
        return interpreter.wrap(reversedDims(selfArray(self)));
    });
    defineMethod(t, owner, "tolist", "()", "the values as nested Python lists (a copy)",
                 [](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) {
                     args.expectNone("tolist()");
                     return toList(interpreter, *selfArray(self));
                 });
    defineMethod(t, owner, "item", "()", "the single value as a Python number",
                 [](Interpreter&, const ObjectPtr& self, CallArgs& args) {
                     args.expectNone("item()");
                     return itemOf(*selfArray(self));
                 });
    defineMethod(t, owner, "reshape", "(*shape)", "a view when the strides allow it, else a copy",
                 [](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) {
                     args.bind("reshape()", "(*shape, order='C')");
                     return interpreter.wrap(reshape(selfArray(self), shapeArgument(args.variadic(), "reshape()")));
                 });
    defineMethod(t, owner, "transpose", flavour == Flavour::Torch ? "(dim0, dim1)" : "(*axes)", "swaps dims: a view",
                 [flavour](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) {
                     if (flavour == Flavour::Torch) {
                         args.bind("transpose()", "(dim0, dim1)");
                         return interpreter.wrap(transpose(selfArray(self), intArgument(args.get("dim0"), "transpose()", "dim0"),
                                                           intArgument(args.get("dim1"), "transpose()", "dim1")));
                     }
                     args.bind("transpose()", "(*axes)");
                     if (args.variadic().empty())
                         return interpreter.wrap(reversedDims(selfArray(self)));
                     return interpreter.wrap(permute(selfArray(self), shapeArgument(args.variadic(), "transpose()")));
                 });
    defineMethod(t, owner, "squeeze", flavour == Flavour::Torch ? "(dim=None)" : "(axis=None)", "drops size-1 dims: a view",
                 [flavour](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) {
                     const char* name = flavour == Flavour::Torch ? "dim" : "axis";
                     args.bind("squeeze()", flavour == Flavour::Torch ? "(dim=None)" : "(axis=None)");
                     const ObjectPtr& dim = args.get(name);
                     if (!dim || dim->kind() == ObjectKind::None)
                         return interpreter.wrap(squeeze(selfArray(self)));
                     const Shape dims = shapeFromObject(dim, "squeeze()");
                     return interpreter.wrap(squeeze(selfArray(self), dims));
                 });
    const auto reduction = [flavour](const char* name, auto op) {
        return [flavour, name, op](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) -> ObjectPtr {
            const std::string function = std::string(name) + "()";
            args.bind(function, flavour == Flavour::Torch ? "(dim=None, keepdim=False, *, dtype=None)"
                                                          : "(axis=None, dtype=None, out=None, keepdims=False)");
            ReduceOptions options;
            options.dims = reduceDims(args.get(flavour == Flavour::Torch ? "dim" : "axis"), function);
            options.keepdim = boolArgument(interpreter, args.get(flavour == Flavour::Torch ? "keepdim" : "keepdims"));
            options.dtype = dtypeArgument(args.get("dtype"), flavour, function);
            if (flavour == Flavour::Numpy && args.has("out") && args.get("out")->kind() != ObjectKind::None)
                throw pythonError("TypeError", "aliasview does not support out= in reductions");
            return interpreter.wrap(op(selfArray(self), options));
        };
    };
    defineMethod(t, owner, "sum", "(dim=None, keepdim=False, *, dtype=None)", "sum of elements (a new array)",
                 reduction("sum", [](const ArrayPtr& a, const ReduceOptions& o) { return engine::sum(a, o); }));
    defineMethod(t, owner, "mean", "(dim=None, keepdim=False, *, dtype=None)", "mean of elements (a new array)",
                 reduction("mean", [](const ArrayPtr& a, const ReduceOptions& o) { return engine::mean(a, o); }));
    const auto extremum = [flavour](const char* name, bool wantMax) {
        return [flavour, name, wantMax](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) -> ObjectPtr {
            const std::string function = std::string(name) + "()";
            if (flavour == Flavour::Torch) {
                args.bind(function, "(dim=None, keepdim=False)");
                const ObjectPtr& dim = args.get("dim");
                if (dim && dim->kind() != ObjectKind::None) {
                    const bool keep = boolArgument(interpreter, args.get("keepdim"));
                    const std::int64_t d = intArgument(dim, function, "dim");
                    const ValuesIndices r = wantMax ? maxAlongDim(selfArray(self), d, keep) : minAlongDim(selfArray(self), d, keep);
                    return returnTypes(interpreter, name, r.values, r.indices);
                }
                return interpreter.wrap(wantMax ? engine::max(selfArray(self)) : engine::min(selfArray(self)));
            }
            args.bind(function, "(axis=None, out=None, keepdims=False)");
            ReduceOptions options;
            options.dims = reduceDims(args.get("axis"), function);
            options.keepdim = boolArgument(interpreter, args.get("keepdims"));
            return interpreter.wrap(wantMax ? engine::max(selfArray(self), options) : engine::min(selfArray(self), options));
        };
    };
    defineMethod(t, owner, "max", flavour == Flavour::Torch ? "(dim=None, keepdim=False)" : "(axis=None, keepdims=False)",
                 "largest element; torch with dim returns (values, indices)", extremum("max", true));
    defineMethod(t, owner, "min", flavour == Flavour::Torch ? "(dim=None, keepdim=False)" : "(axis=None, keepdims=False)",
                 "smallest element; torch with dim returns (values, indices)", extremum("min", false));
    defineMethod(t, owner, "diagonal", "(offset=0, dim1=0, dim2=1)", "the diagonal: a view",
                 [flavour](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) {
                     args.bind("diagonal()", flavour == Flavour::Torch ? "(offset=0, dim1=0, dim2=1)" : "(offset=0, axis1=0, axis2=1)");
                     const auto get = [&](const char* name, std::int64_t fallback) {
                         return args.has(name) ? intArgument(args.get(name), "diagonal()", name) : fallback;
                     };
                     const bool torch = flavour == Flavour::Torch;
                     return interpreter.wrap(diagonal(selfArray(self), get("offset", 0), get(torch ? "dim1" : "axis1", 0),
                                                      get(torch ? "dim2" : "axis2", 1)));
                 });
}

namespace {

TypeInfo makeArrayType(std::string name, std::string qualified)
{
    TypeInfo t;
    t.name = std::move(name);
    t.qualifiedName = std::move(qualified);
    t.base = &builtinTypes().object;
    return t;
}

}  // namespace

const TypeInfo& tensorType()
{
    static TypeInfo type = [] {
        TypeInfo t = makeArrayType("Tensor", "torch.Tensor");
        defineTensor(t);
        return t;
    }();
    return type;
}

const TypeInfo& ndarrayType()
{
    static TypeInfo type = [] {
        TypeInfo t = makeArrayType("ndarray", "numpy.ndarray");
        defineNdarray(t);
        return t;
    }();
    return type;
}

namespace {

// np.int8('3') / np.float32('2.5') / np.bool_('x'): Python's int(), float() and truth of a string.
Scalar scalarFromString(Interpreter& interpreter, const std::string& text, DType dtype)
{
    if (dtype == DType::Bool)
        return Scalar(!text.empty());
    std::size_t begin = text.find_first_not_of(" \t\n\r\f\v");
    std::size_t end = text.find_last_not_of(" \t\n\r\f\v");
    const std::string trimmed = begin == std::string::npos ? std::string() : text.substr(begin, end - begin + 1);
    if (isFloating(dtype)) {
        char* stop = nullptr;
        const double v = trimmed.empty() ? 0.0 : std::strtod(trimmed.c_str(), &stop);
        if (trimmed.empty() || stop != trimmed.c_str() + trimmed.size() || trimmed.find_first_of("xXpP") != std::string::npos)
            throw pythonError("ValueError", "could not convert string to float: " + interpreter.repr(makeStr(text)));
        return Scalar(v);
    }
    std::size_t digits = trimmed.empty() || (trimmed[0] != '-' && trimmed[0] != '+') ? 0 : 1;
    const bool valid = digits < trimmed.size() &&
                       trimmed.find_first_not_of("0123456789", digits) == std::string::npos && trimmed.size() - digits < 19;
    if (!valid)
        throw pythonError("ValueError", "invalid literal for int() with base 10: " + interpreter.repr(makeStr(text)));
    return Scalar(static_cast<std::int64_t>(std::stoll(trimmed)));
}

// A NumPy scalar's value as a fresh 0-d ndarray: what NumPy's scalar methods work on (PyArray_FromScalar),
// so that s.fill(3) or s.view() never touch the scalar itself.
ArrayPtr scalarAsArray(const Array& scalar)
{
    ArrayPtr out = allocateArray(Flavour::Numpy, scalar.dtype(), {});
    std::memcpy(out->data(), scalar.data(), static_cast<std::size_t>(scalar.itemsize()));
    return out;
}

// PyArray_Return: a 0-d ndarray result of a scalar's method becomes a new NumPy scalar.
ObjectPtr scalarResult(Interpreter& interpreter, const ObjectPtr& result)
{
    if (result->kind() != ObjectKind::Array)
        return result;
    const Array& array = *selfArray(result);
    if (!array.isNdarray() || array.dim() != 0)
        return result;
    ArrayPtr out = scalarAsArray(array);
    out->setNumpyScalar(true);
    return interpreter.wrap(out);
}

// numpy.generic: the attributes and methods every NumPy scalar has, which are ndarray's applied to a 0-d
// copy of the scalar, with a 0-d result turned back into a scalar.
TypeInfo makeGenericType()
{
    TypeInfo t = makeArrayType("generic", "numpy.generic");
    const TypeInfo& ndarray = ndarrayType();
    for (const auto& entry : ndarray.methods) {
        const std::string& name = entry.first;
        if (name.rfind("__", 0) == 0)
            continue;
        // A copy of the method, not the structured binding: clang 14 cannot capture those.
        t.methods[name] = [method = entry.second](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) {
            const ObjectPtr temporary = interpreter.wrap(scalarAsArray(*selfArray(self)));
            return scalarResult(interpreter, method(interpreter, temporary, args));
        };
    }
    t.properties = ndarray.properties;
    t.properties.erase("ctypes");  // NumPy scalars have no ctypes
    t.properties["base"] = [](Interpreter&, const ObjectPtr&) { return none(); };
    t.properties["T"] = [](Interpreter&, const ObjectPtr& self) { return self; };
    const Getter interface = ndarray.properties.at("__array_interface__");
    t.properties["__array_interface__"] = [interface](Interpreter& interpreter, const ObjectPtr& self) {
        // NumPy describes a scalar through a 0-d array it keeps alive under '__ref'.
        const ObjectPtr temporary = interpreter.wrap(scalarAsArray(*selfArray(self)));
        ObjectPtr dict = interface(interpreter, temporary);
        static_cast<DictObject&>(*dict).entries.emplace_back(makeStr("__ref"), temporary);
        return dict;
    };
    for (const auto& [name, getter] : ndarray.properties)
        if (name != "ctypes")
            registerEntry({"numpy.generic", name, "", "attribute", "as for ndarray (a NumPy scalar is 0-d and read-only)"});
    for (const auto& [name, method] : ndarray.methods)
        if (name.rfind("__", 0) != 0)
            registerEntry({"numpy.generic", name, "", "method", "ndarray's, applied to a 0-d copy; a 0-d result is a new scalar"});
    return t;
}

}  // namespace

const TypeInfo& numpyAbstractScalarType(std::string_view name)
{
    // NumPy's scalar hierarchy: float32 -> floating -> inexact -> number -> generic, int8 -> signedinteger
    // -> integer -> number, uint8 -> unsignedinteger -> integer, bool_ -> generic.
    static std::array<TypeInfo, 7> types;
    static std::once_flag once;
    std::call_once(once, [] {
        types[0] = makeGenericType();
        types[1] = makeArrayType("number", "numpy.number");
        types[2] = makeArrayType("integer", "numpy.integer");
        types[3] = makeArrayType("signedinteger", "numpy.signedinteger");
        types[4] = makeArrayType("unsignedinteger", "numpy.unsignedinteger");
        types[5] = makeArrayType("inexact", "numpy.inexact");
        types[6] = makeArrayType("floating", "numpy.floating");
        types[1].base = &types[0];
        types[2].base = &types[1];
        types[3].base = &types[2];
        types[4].base = &types[2];
        types[5].base = &types[1];
        types[6].base = &types[5];
    });
    for (const TypeInfo& t : types)
        if (t.name == name)
            return t;
    AV_INTERNAL_ASSERT(false, "no NumPy scalar type ", name);
    return types[0];
}

const TypeInfo& numpyScalarType(DType dtype)
{
    static std::array<TypeInfo, kDTypeCount> types = [] {
        std::array<TypeInfo, kDTypeCount> all;
        for (int i = 0; i < kDTypeCount; ++i) {
            const DType d = static_cast<DType>(i);
            const std::string name = d == DType::Bool ? "bool_" : std::string(numpyName(d));
            TypeInfo& t = all[static_cast<std::size_t>(i)];
            t = makeArrayType(name, "numpy." + name);
            switch (kindOf(d)) {
            case DTypeKind::Bool: t.base = &numpyAbstractScalarType("generic"); break;
            case DTypeKind::Unsigned: t.base = &numpyAbstractScalarType("unsignedinteger"); break;
            case DTypeKind::Signed: t.base = &numpyAbstractScalarType("signedinteger"); break;
            case DTypeKind::Float: t.base = &numpyAbstractScalarType("floating"); break;
            }
            if (d == DType::Float64)
                t.laterBase = &builtinTypes().floatType;  // class float64(floating, float)
            t.constructor = [d, name](Interpreter& interpreter, const ObjectPtr&, CallArgs& args) {
                for (const auto& [keyword, given] : args.keywords())
                    throw pythonError("TypeError", "'" + keyword + "' is an invalid keyword argument for this function");
                if (args.positional().size() > 1)
                    throw pythonError("TypeError", "function takes at most 1 argument (" + std::to_string(args.positional().size()) +
                                                       " given)");
                ObjectPtr value = args.positional().empty() ? nullptr : args.positional()[0];
                ArrayPtr out = allocateArray(Flavour::Numpy, d, {});
                if (value && value->kind() == ObjectKind::None) {
                    // np.float32(None) is nan and np.bool_(None) False; the integer types go through int(None).
                    if (isFloating(d))
                        value = makeFloat(std::numeric_limits<double>::quiet_NaN());
                    else if (d == DType::Bool)
                        value = falseObject();
                    else {
                        CallArgs call({value}, {});
                        interpreter.call(makeType(&builtinTypes().intType), call);
                    }
                }
                if (value) {
                    std::optional<Scalar> s = scalarArgument(value);
                    if (!s && value->kind() == ObjectKind::Str)
                        s = scalarFromString(interpreter, static_cast<const StrObject&>(*value).value, d);
                    if (!s) {
                        // np.float32(array or list) is the array converted: np.array(value, dtype).
                        CreationOptions options;
                        options.dtype = d;
                        return interpreter.wrap(fromData(interpreter, Flavour::Numpy, value, options, true));
                    }
                    storeScalar(out->data(), d, *s, Flavour::Numpy);
                }
                out->setNumpyScalar(true);
                return interpreter.wrap(out);
            };
        }
        return all;
    }();
    return types[static_cast<std::size_t>(dtype)];
}

const TypeInfo& arrayTypeFor(const Array& array)
{
    if (array.isTensor())
        return tensorType();
    return array.isNumpyScalar() ? numpyScalarType(array.dtype()) : ndarrayType();
}

std::string arrayRepr(const Array& array)
{
    if (array.isTensor())
        return tensorRepr(array);
    return array.isNumpyScalar() ? numpyScalarRepr(array) : ndarrayRepr(array);
}

std::string arrayStr(const Array& array)
{
    if (array.isTensor())
        return tensorRepr(array);
    return array.isNumpyScalar() ? numpyScalarStr(array) : ndarrayStr(array);
}

}  // namespace av::engine::py
