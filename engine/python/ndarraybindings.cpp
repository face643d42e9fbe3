// numpy.ndarray's attributes and methods, bound to the engine's ops; each lands in the registry. The methods
// both libraries have come from defineShared (arraytypes.cpp); where NumPy's arguments or messages differ
// from what that shared binding does, the NumPy version is defined again here and replaces it.

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
#include "engine/indexing.h"
#include "engine/reductions.h"
#include "engine/views.h"

namespace av::engine::py {

namespace {

bool isNone(const ObjectPtr& value) { return !value || value->kind() == ObjectKind::None; }

// NumPy's own methods written in C with a hand-made parser refuse keywords this way.
void refuseKeywords(const CallArgs& args, const std::string& qualified)
{
    if (!args.keywords().empty())
        throw pythonError("TypeError", qualified + " takes no keyword arguments");
}

// sum / mean / max / min are Python functions (numpy/core/_methods.py) that take the array as their first
// argument: binding self with the rest gives their argument messages, "_sum() takes from 1 to 7 ...".
CallArgs withSelf(const ObjectPtr& self, const CallArgs& args)
{
    std::vector<ObjectPtr> positional{self};
    positional.insert(positional.end(), args.positional().begin(), args.positional().end());
    return CallArgs(std::move(positional), args.keywords());
}

// astype(casting=): whether NumPy's rule allows converting `from` to `to`.
bool castAllowed(DType from, DType to, const std::string& casting)
{
    if (casting == "unsafe")
        return true;
    if (casting == "no" || casting == "equiv")
        return from == to;
    if (casting == "safe")
        return promoteTypesNumpy(from, to) == to;
    return canCastNumpySameKind(from, to);
}

// a.item(*args): the flat index or the multi-index of one element.
ObjectPtr itemAt(Interpreter& interpreter, const ArrayPtr& array, const std::vector<ObjectPtr>& positional)
{
    if (positional.empty())
        return itemOf(*array);
    std::vector<ObjectPtr> indices = positional;
    if (indices.size() == 1 && indices[0]->kind() == ObjectKind::Tuple)
        indices = static_cast<const SequenceObject&>(*indices[0]).items;
    std::vector<std::int64_t> index(array->sizes().size(), 0);
    if (indices.size() == 1) {
        const std::int64_t size = array->numel();
        std::int64_t flat = numpyIntArgument(indices[0]);
        if (flat < -size || flat >= size)
            throw pythonError("IndexError", "index " + std::to_string(flat) + " is out of bounds for size " + std::to_string(size));
        if (flat < 0)
            flat += size;
        for (std::size_t d = index.size(); d-- > 0;) {
            index[d] = flat % array->sizes()[d];
            flat /= array->sizes()[d];
        }
    } else {
        if (static_cast<std::int64_t>(indices.size()) != array->dim())
            throw pythonError("ValueError", "incorrect number of indices for array");
        for (std::size_t d = 0; d < indices.size(); ++d) {
            const std::int64_t size = array->sizes()[d];
            const std::int64_t i = numpyIntArgument(indices[d]);
            if (i < -size || i >= size)
                throw pythonError("IndexError", "index " + std::to_string(i) + " is out of bounds for axis " + std::to_string(d) +
                                                    " with size " + std::to_string(size));
            index[d] = i < 0 ? i + size : i;
        }
    }
    (void)interpreter;
    return elementObject(*array, array->buffer()->data() + array->bufferByteOffsetOf(index));
}

// a.fill(value): NumPy converts anything but a number as float() / int() would (so a.fill('4') works and
// a.fill(None) fails with their messages), before anything is written.
Value fillValue(Interpreter& interpreter, const ArrayPtr& array, const ObjectPtr& value)
{
    if (value->kind() == ObjectKind::Array)
        return selfArray(value);
    if (const std::optional<Scalar> s = scalarArgument(value))
        return *s;
    if (array->dtype() == DType::Bool)
        return Scalar(interpreter.truthy(value));
    const Builtins& builtins = builtinTypes();
    CallArgs call({value}, {});
    const ObjectPtr number = interpreter.call(makeType(isFloating(array->dtype()) ? &builtins.floatType : &builtins.intType), call);
    return *scalarArgument(number);
}

}  // namespace

void defineNdarray(TypeInfo& t)
{
    defineShared(t, kNdarrayOwner, Flavour::Numpy);
    const std::string owner = kNdarrayOwner;

    // ---- attributes ------------------------------------------------------------------------------------
    defineProperty(t, owner, "dtype", "the element type, a np.dtype object such as dtype('float64')",
                   [](Interpreter&, const ObjectPtr& self) { return numpyDTypeObject(selfArray(self)->dtype()); });
    defineProperty(t, owner, "strides", "bytes to step in each dim, as a tuple", [](Interpreter&, const ObjectPtr& self) {
        return intTuple(selfArray(self)->byteStrides());
    });
    defineProperty(t, owner, "itemsize", "bytes per element", [](Interpreter&, const ObjectPtr& self) { return makeInt(selfArray(self)->itemsize()); });
    defineProperty(t, owner, "nbytes", "bytes of all elements (size * itemsize)",
                   [](Interpreter&, const ObjectPtr& self) { return makeInt(selfArray(self)->nbytes()); });
    defineProperty(t, owner, "size", "the number of elements", [](Interpreter&, const ObjectPtr& self) { return makeInt(selfArray(self)->numel()); });
    defineProperty(t, owner, "base", "the object whose memory this array uses (after collapsing view chains), or None",
                   [](Interpreter& interpreter, const ObjectPtr& self) {
                       const ArrayPtr& base = selfArray(self)->base();
                       return base ? interpreter.wrap(base) : none();
                   });
    defineProperty(t, owner, "flags", "C_CONTIGUOUS, F_CONTIGUOUS, OWNDATA, WRITEABLE, ...; flags.writeable is settable",
                   [](Interpreter&, const ObjectPtr& self) { return numpyFlags(selfArray(self)); });
    defineProperty(t, owner, "ctypes", "ctypes.data is the address of element [0,...]",
                   [](Interpreter&, const ObjectPtr& self) { return numpyCtypes(selfArray(self)); });
    defineProperty(t, owner, "__array_interface__", "the array interface dict, with 'data': (address, read-only)",
                   [](Interpreter& interpreter, const ObjectPtr& self) { return arrayInterface(interpreter, selfArray(self)); });

    // ---- shape -----------------------------------------------------------------------------------------
    defineMethod(t, owner, "reshape", "(shape, order='C')", "a view when the strides allow it, else a copy (whose base is the copy)",
                 [](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) {
                     for (const auto& [keyword, value] : args.keywords())
                         if (keyword != "order")
                             throw pythonError("TypeError", "'" + keyword + "' is an invalid keyword argument for this function");
                     if (args.positional().empty())
                         throw pythonError("TypeError", "reshape() takes exactly 1 argument (0 given)");
                     args.bind("reshape()", "(*shape, order=None)");
                     const MemoryOrder order = numpyOrderArgument(args.get("order"), MemoryOrder::C);
                     // a.reshape(None) keeps the shape: a new view.
                     if (args.variadic().size() == 1 && args.variadic()[0]->kind() == ObjectKind::None)
                         return interpreter.wrap(reshape(selfArray(self), selfArray(self)->sizes(), order));
                     return interpreter.wrap(reshape(selfArray(self), numpyShapeArguments(interpreter, args.variadic()), order));
                 });
    defineMethod(t, owner, "transpose", "(*axes)", "the dims reversed, or permuted as axes says: a view",
                 [](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) {
                     refuseKeywords(args, "ndarray.transpose()");
                     const std::vector<ObjectPtr>& axes = args.positional();
                     if (axes.empty() || (axes.size() == 1 && isNone(axes[0])))
                         return interpreter.wrap(reversedDims(selfArray(self)));
                     return interpreter.wrap(permute(selfArray(self), numpyShapeArguments(interpreter, axes)));
                 });
    defineMethod(t, owner, "swapaxes", "(axis1, axis2)", "two dims exchanged: a view",
                 [](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) {
                     refuseKeywords(args, "ndarray.swapaxes()");
                     if (args.positional().size() != 2)
                         throw pythonError("TypeError", "swapaxes() takes exactly 2 arguments (" + std::to_string(args.positional().size()) +
                                                            " given)");
                     return interpreter.wrap(transpose(selfArray(self), numpyIntArgument(args.positional()[0]),
                                                       numpyIntArgument(args.positional()[1])));
                 });
    defineMethod(t, owner, "squeeze", "(axis=None)", "size-1 dims removed: a view (self when there are none)",
                 [](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) {
                     args.bind("squeeze()", "(axis=None)");
                     const ObjectPtr& axis = args.get("axis");
                     if (isNone(axis))
                         return interpreter.wrap(squeeze(selfArray(self)));
                     return interpreter.wrap(squeeze(selfArray(self), *numpyAxisArgument(axis).list));
                 });
    defineMethod(t, owner, "ravel", "(order='C')", "a flat view when the memory is in that order, else a flat copy",
                 [](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) {
                     args.bind("ravel()", "(order=None)");
                     return interpreter.wrap(ravel(selfArray(self), numpyOrderArgument(args.get("order"), MemoryOrder::C)));
                 });
    defineMethod(t, owner, "flatten", "(order='C')", "always a flat copy", [](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) {
        args.bind("flatten()", "(order=None)");
        return interpreter.wrap(flatten(selfArray(self), 0, -1, numpyOrderArgument(args.get("order"), MemoryOrder::C)));
    });

    defineMethod(t, owner, "diagonal", "(offset=0, axis1=0, axis2=1)", "the diagonal: a read-only view",
                 [](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) {
                     args.bind("diagonal()", "(offset=0, axis1=0, axis2=1)");
                     const auto get = [&](const char* name, std::int64_t fallback) {
                         return args.has(name) ? numpyIntArgument(args.get(name)) : fallback;
                     };
                     return interpreter.wrap(diagonal(selfArray(self), get("offset", 0), get("axis1", 0), get("axis2", 1)));
                 });
    // Python's protocols on arrays live in the interpreter's core (pyops.cpp); listed here for the table.
    registerEntry({owner, "__len__", "()", "method", "len(a): the size of the first dim (TypeError for 0-d)"});
    registerEntry({owner, "__iter__", "()", "method", "for row in a: each row is a view (a NumPy scalar for 1-d)"});
    registerEntry({owner, "__contains__", "(value)", "method", "value in a: (a == value).any()"});

    // ---- copies and views ------------------------------------------------------------------------------
    defineMethod(t, owner, "copy", "(order='C')", "a copy with its own memory", [](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) {
        args.bind("copy()", "(order=None)");
        return interpreter.wrap(ndarrayCopy(selfArray(self), numpyOrderArgument(args.get("order"), MemoryOrder::C)));
    });
    defineMethod(t, owner, "astype", "(dtype, order='K', casting='unsafe', copy=True)",
                 "a converted copy; self itself with copy=False when nothing changes",
                 [](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) {
                     if (args.positional().empty() && std::none_of(args.keywords().begin(), args.keywords().end(),
                                                                   [](const auto& k) { return k.first == "dtype"; }))
                         throw pythonError("TypeError", "astype() missing required argument 'dtype' (pos 0)");
                     args.bind("astype()", "(dtype, order=None, casting=None, subok=True, copy=True)");
                     const ArrayPtr& array = selfArray(self);
                     const DType dtype = numpyDTypeArgument(interpreter, args.get("dtype")).value_or(DType::Float64);
                     const MemoryOrder order = numpyOrderArgument(args.get("order"), MemoryOrder::K);
                     std::string casting = "unsafe";
                     if (!isNone(args.get("casting"))) {
                         if (args.get("casting")->kind() != ObjectKind::Str)
                             throw pythonError("TypeError", "astype() argument 'casting' must be str, not " + typeNameOf(args.get("casting")));
                         casting = static_cast<const StrObject&>(*args.get("casting")).value;
                         if (casting != "no" && casting != "equiv" && casting != "safe" && casting != "same_kind" && casting != "unsafe")
                             throw pythonError("ValueError", "casting must be one of 'no', 'equiv', 'safe', 'same_kind', or 'unsafe' (got " +
                                                                 interpreter.repr(args.get("casting")) + ")");
                     }
                     if (!castAllowed(array->dtype(), dtype, casting))
                         throw pythonError("TypeError", "Cannot cast array data from " + numpyDTypeRepr(array->dtype()) + " to " +
                                                            numpyDTypeRepr(dtype) + " according to the rule '" + casting + "'");
                     const bool copy = !args.has("copy") || interpreter.truthy(args.get("copy"));
                     return interpreter.wrap(astype(array, dtype, copy, order));
                 });
    defineMethod(t, owner, "view", "(dtype=None)", "a new array object on the same memory, possibly read as another dtype",
                 [](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) {
                     args.bind("view()", "(dtype=None, type=None)");
                     ObjectPtr dtype = args.get("dtype");
                     // a.view(np.ndarray) names the array type, not a dtype.
                     if (dtype && dtype->kind() == ObjectKind::Type && static_cast<const TypeObject&>(*dtype).info == &ndarrayType())
                         dtype = nullptr;
                     const ObjectPtr& type = args.get("type");
                     if (!isNone(type) && !(type->kind() == ObjectKind::Type && static_cast<const TypeObject&>(*type).info == &ndarrayType()))
                         throw pythonError("ValueError", "Type must be a sub-type of ndarray type");
                     const std::optional<DType> d = numpyDTypeArgument(interpreter, dtype);
                     return interpreter.wrap(d ? viewAsDType(selfArray(self), *d) : alias(selfArray(self)));
                 });

    // ---- values ----------------------------------------------------------------------------------------
    defineMethod(t, owner, "fill", "(value)", "writes value into every element, in place; returns None",
                 [](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) {
                     refuseKeywords(args, "ndarray.fill()");
                     if (args.positional().size() != 1)
                         throw pythonError("TypeError", "fill() takes exactly 1 argument (" + std::to_string(args.positional().size()) +
                                                            " given)");
                     const ArrayPtr& array = selfArray(self);
                     fillInplace(array, fillValue(interpreter, array, args.positional()[0]));
                     return none();
                 });
    defineMethod(t, owner, "item", "(*args)", "one element as a Python number (by flat index or multi-index)",
                 [](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) {
                     refuseKeywords(args, "ndarray.item()");
                     return itemAt(interpreter, selfArray(self), args.positional());
                 });
    defineMethod(t, owner, "tolist", "()", "the values as nested Python lists of Python numbers (a copy)",
                 [](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) {
                     refuseKeywords(args, "ndarray.tolist()");
                     if (!args.positional().empty())
                         throw pythonError("TypeError", "function takes exactly 0 arguments (" + std::to_string(args.positional().size()) +
                                                            " given)");
                     return toList(interpreter, *selfArray(self));
                 });

    // ---- reductions --------------------------------------------------------------------------------------
    enum class Kind { Sum, Mean, Max, Min };
    const auto reduction = [&](const char* name, Kind kind, const char* signature, const char* summary) {
        defineMethod(t, owner, name, signature, summary, [name, kind](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) {
            const bool extremum = kind == Kind::Max || kind == Kind::Min;
            const std::string function = kind == Kind::Sum ? "_sum()" : kind == Kind::Mean ? "_mean()" : kind == Kind::Max ? "_amax()" : "_amin()";
            CallArgs call = withSelf(self, args);
            call.bind(function, extremum ? "(a, axis=None, out=None, keepdims=False, initial=None, where=None)"
                                : kind == Kind::Mean ? "(a, axis=None, dtype=None, out=None, keepdims=False, *, where=None)"
                                                     : "(a, axis=None, dtype=None, out=None, keepdims=False, initial=None, where=None)");
            if (!isNone(call.get("out")) || (call.has("where") && !isNone(call.get("where"))) ||
                (kind != Kind::Mean && call.has("initial") && !isNone(call.get("initial"))))
                throw pythonError("NotImplementedError", std::string("aliasview does not support ndarray.") + name +
                                                             "() with out=, initial= or where=");
            ReduceOptions options;
            options.dims = numpyAxisArgument(call.get("axis"));
            options.keepdim = boolArgument(interpreter, call.get("keepdims"));
            if (!extremum)
                options.dtype = numpyDTypeArgument(interpreter, call.get("dtype"));
            const ArrayPtr& a = selfArray(self);
            switch (kind) {
            case Kind::Sum: return interpreter.wrap(engine::sum(a, options));
            case Kind::Mean: return interpreter.wrap(engine::mean(a, options));
            case Kind::Max: return interpreter.wrap(engine::max(a, options));
            case Kind::Min: return interpreter.wrap(engine::min(a, options));
            }
            return none();
        });
    };
    for (const bool all : {false, true}) {
        const char* name = all ? "all" : "any";
        defineMethod(t, owner, name, "(axis=None, out=None, keepdims=False)",
                     all ? "whether every element is nonzero (new memory; a NumPy bool_ when every axis is reduced)"
                         : "whether any element is nonzero (new memory; a NumPy bool_ when every axis is reduced)",
                     [all](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) {
                         CallArgs call = withSelf(self, args);
                         call.bind(all ? "_all()" : "_any()", "(a, axis=None, dtype=None, out=None, keepdims=False, *, where=None)");
                         if (!isNone(call.get("out")))
                             throw pythonError("TypeError", "output must be an array");
                         if (!isNone(call.get("dtype")) || (call.has("where") && !isNone(call.get("where"))))
                             throw pythonError("NotImplementedError", std::string("aliasview does not support ndarray.") +
                                                                          (all ? "all" : "any") + "() with dtype= or where=");
                         return interpreter.wrap(numpyAnyAll(selfArray(self), numpyAxisArgument(call.get("axis")),
                                                             boolArgument(interpreter, call.get("keepdims")), all));
                     });
    }
    reduction("sum", Kind::Sum, "(axis=None, dtype=None, out=None, keepdims=False)",
              "sum of elements in new memory; a NumPy scalar when every axis is reduced");
    reduction("mean", Kind::Mean, "(axis=None, dtype=None, out=None, keepdims=False)",
              "mean of elements in new memory; a NumPy scalar when every axis is reduced");
    reduction("max", Kind::Max, "(axis=None, out=None, keepdims=False)",
              "largest element in new memory; a NumPy scalar when every axis is reduced");
    reduction("min", Kind::Min, "(axis=None, out=None, keepdims=False)",
              "smallest element in new memory; a NumPy scalar when every axis is reduced");
}

}  // namespace av::engine::py
