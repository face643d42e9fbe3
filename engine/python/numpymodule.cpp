// The `numpy` module: its functions bound to the engine, its scalar types and np.dtype; each lands in the
// registry. NumPy functions take array-likes: an ndarray is used as it is, a tensor through
// Tensor.__array__ (a view of its memory), a number or a list becomes a new array (numpyArrayLike).

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
#include "engine/copykernel.h"
#include "engine/creation.h"
#include "engine/elementwise.h"
#include "engine/matmul.h"
#include "engine/reductions.h"
#include "engine/views.h"

#include <cmath>
#include <limits>

namespace av::engine::py {

namespace {

bool isTensorObject(const ObjectPtr& value)
{
    return value && value->kind() == ObjectKind::Array && selfArray(value)->isTensor();
}

bool isNone(const ObjectPtr& value) { return !value || value->kind() == ObjectKind::None; }

// NumPy's C functions (np.array, np.asarray, astype) name a missing first argument this way.
void requireFirst(const CallArgs& args, const std::string& function, const char* parameter, int position = 0)
{
    if (args.positional().empty()) {
        for (const auto& [keyword, value] : args.keywords())
            if (keyword == parameter)
                return;
        throw pythonError("TypeError", function + " missing required argument '" + parameter + "' (pos " + std::to_string(position) +
                                           ")");
    }
}

// A feature aliasview does not model: said plainly rather than approximated.
[[noreturn]] void unsupported(const std::string& what)
{
    throw pythonError("NotImplementedError", "aliasview does not support " + what);
}

// Row-major (C) or column-major (F) element strides for a new array.
Strides stridesInOrder(const Shape& sizes, MemoryOrder order)
{
    if (order != MemoryOrder::F)
        return contiguousStrides(sizes);
    Strides strides(sizes.size(), 1);
    std::int64_t step = 1;
    for (std::size_t d = 0; d < sizes.size(); ++d) {
        strides[d] = step;
        step *= std::max<std::int64_t>(sizes[d], 1);
    }
    return strides;
}

// A new array made in C order, as the engine's factories make them, copied to F order when asked.
ArrayPtr inOrder(const ArrayPtr& made, MemoryOrder order)
{
    if (order != MemoryOrder::F || made->dim() < 2)
        return made;
    ArrayPtr out = allocateStrided(Flavour::Numpy, made->dtype(), made->sizes(), stridesInOrder(made->sizes(), order));
    if (made->numel() > 0)
        copyIntoFresh(*out, *made);
    return out;
}

// ---- the torch error for np.sum(tensor) and friends --------------------------------------------------
//
// NumPy hands a tensor to its own method: tensor.sum(axis=..., out=None, ...), which torch's argument
// parser refuses. The text is torch's; which overloads get a "didn't match" note depends only on which
// keywords were passed, so it is reproduced for the calls NumPy makes.
[[noreturn]] void tensorReductionRefusal(const std::string& name, const std::string& axisType, bool keepdims)
{
    const bool isMean = name == "mean";
    std::string got = "(";
    if (keepdims)
        got += "keepdims=bool, ";
    if (isMean)
        got += "dtype=NoneType, ";
    got += "out=NoneType, axis=" + axisType + ", )";
    std::string message = name + "() received an invalid combination of arguments - got " + got + ", but expected one of:\n";
    const std::string keywords = keepdims ? "keepdims, out, axis" : "out, axis";
    const std::string note = "      didn't match because some of the keywords were incorrect: " + keywords + "\n";
    if (name == "sum" || isMean) {
        const bool noteFirst = name == "sum" && !keepdims;
        const bool noteRest = isMean && keepdims;
        message += " * (*, torch.dtype dtype)\n" + std::string(noteFirst ? note : "");
        message += " * (tuple of ints dim, bool keepdim, *, torch.dtype dtype)\n" + std::string(noteRest ? note : "");
        message += " * (tuple of names dim, bool keepdim, *, torch.dtype dtype)\n" + std::string(noteRest ? note : "");
    } else {
        message += name == "any" || name == "all" ? " * ()\n" : " * ()\n * (Tensor other)\n";
        message += " * (int dim, bool keepdim)\n" + std::string(keepdims ? "" : note);
        message += " * (name dim, bool keepdim)\n" + std::string(keepdims ? "" : note);
    }
    throw pythonError("TypeError", message);
}

// ---- the factories -------------------------------------------------------------------------------------

void defineNumpyFactories(ModuleObject& np)
{
    const std::string owner = kNumpyOwner;
    defineFunction(np, owner, "arange", "([start,] stop[, step,], dtype=None)", "values from start to stop by step, in a new array",
                   [](Interpreter& interpreter, const ObjectPtr&, CallArgs& args) {
                       args.bind("arange()", "(start=None, stop=None, step=None, dtype=None, *, like=None)");
                       CreationOptions options;
                       options.dtype = numpyDTypeArgument(interpreter, args.get("dtype"));
                       const ObjectPtr& start = args.get("start");
                       const ObjectPtr& stop = args.get("stop");
                       const ObjectPtr& step = args.get("step");
                       if (isNone(start) && isNone(stop))
                           throw pythonError("TypeError", "arange() requires stop to be specified.");
                       const auto number = [&](const ObjectPtr& value) {
                           if (value->kind() == ObjectKind::Str)
                               throw pythonError("TypeError", "arange() not supported for inputs with DType <class 'numpy.dtype[str_]'>.");
                           return numberArgument(value, "arange()", "stop");
                       };
                       if (isNone(stop) && isNone(step))
                           return interpreter.wrap(arange(Flavour::Numpy, number(start), options));
                       const Scalar first = isNone(start) ? Scalar(std::int64_t{0}) : number(start);
                       const Scalar last = isNone(stop) ? number(start) : number(stop);
                       const Scalar by = isNone(step) ? Scalar(std::int64_t{1}) : number(step);
                       if (isNone(stop))
                           return interpreter.wrap(arange(Flavour::Numpy, Scalar(std::int64_t{0}), last, by, options));
                       return interpreter.wrap(arange(Flavour::Numpy, first, last, by, options));
                   });
    const auto sized = [&](const char* name, bool isZeros, const char* summary) {
        defineFunction(np, owner, name, isZeros ? "(shape, dtype=float, order='C')" : "(shape, dtype=None, order='C')", summary,
                       [name, isZeros](Interpreter& interpreter, const ObjectPtr&, CallArgs& args) {
                           args.bind(std::string(name) + "()", "(shape, dtype=None, order=None, *, like=None)");
                           CreationOptions options;
                           options.dtype = numpyDTypeArgument(interpreter, args.get("dtype"));
                           const MemoryOrder order = numpyOrderArgument(args.get("order"), MemoryOrder::C);
                           const Shape shape = numpyShapeArgument(interpreter, args.get("shape"));
                           const ArrayPtr made = isZeros ? zeros(Flavour::Numpy, shape, options) : ones(Flavour::Numpy, shape, options);
                           return interpreter.wrap(inOrder(made, order));
                       });
    };
    sized("zeros", true, "a new array of zeros");
    sized("ones", false, "a new array of ones");
    defineFunction(np, owner, "full", "(shape, fill_value, dtype=None, order='C')", "a new array filled with fill_value",
                   [](Interpreter& interpreter, const ObjectPtr&, CallArgs& args) {
                       args.bind("full()", "(shape, fill_value, dtype=None, order=None, *, like=None)");
                       CreationOptions options;
                       options.dtype = numpyDTypeArgument(interpreter, args.get("dtype"));
                       const MemoryOrder order = numpyOrderArgument(args.get("order"), MemoryOrder::C);
                       const Shape shape = numpyShapeArgument(interpreter, args.get("shape"));
                       const ObjectPtr& fill = args.get("fill_value");
                       // np.full makes np.empty(shape, dtype or np.array(fill_value).dtype): a NumPy scalar keeps its type.
                       if (!options.dtype && fill->kind() == ObjectKind::Array)
                           options.dtype = selfArray(fill)->dtype();
                       if (const std::optional<Scalar> s = scalarArgument(fill))
                           return interpreter.wrap(inOrder(full(Flavour::Numpy, shape, *s, options), order));
                       // An array fill value: np.empty(shape, dtype or its dtype), then copyto(casting='unsafe').
                       const ArrayPtr value = numpyArrayLike(interpreter, fill);
                       const DType dtype = options.dtype.value_or(value->dtype());
                       ArrayPtr out = allocateStrided(Flavour::Numpy, dtype, shape, stridesInOrder(shape, order));
                       numpyCopyTo(out, astype(value, dtype, false));
                       return interpreter.wrap(out);
                   });
    defineFunction(np, owner, "eye", "(N, M=None, k=0, dtype=float, order='C')", "a new 2-D array with ones on the k-th diagonal",
                   [](Interpreter& interpreter, const ObjectPtr&, CallArgs& args) {
                       args.bind("eye()", "(N, M=None, k=0, dtype=None, order=None, *, like=None)");
                       CreationOptions options;
                       options.dtype = numpyDTypeArgument(interpreter, args.get("dtype"));
                       const MemoryOrder order = numpyOrderArgument(args.get("order"), MemoryOrder::C);
                       std::optional<std::int64_t> m;
                       if (!isNone(args.get("M")))
                           m = numpyIntArgument(args.get("M"));
                       const std::int64_t k = args.has("k") ? numpyIntArgument(args.get("k")) : 0;
                       return interpreter.wrap(inOrder(eye(Flavour::Numpy, numpyIntArgument(args.get("N")), m, options, k), order));
                   });
    defineFunction(np, owner, "linspace", "(start, stop, num=50, endpoint=True, retstep=False, dtype=None)",
                   "num evenly spaced values, in a new array",
                   [](Interpreter& interpreter, const ObjectPtr&, CallArgs& args) {
                       args.bind("linspace()", "(start, stop, num=50, endpoint=True, retstep=False, dtype=None, axis=0)");
                       CreationOptions options;
                       options.dtype = numpyDTypeArgument(interpreter, args.get("dtype"));
                       const std::int64_t num = args.has("num") ? numpyIntArgument(args.get("num")) : 50;
                       if (num < 0)
                           throw pythonError("ValueError", "Number of samples, " + std::to_string(num) + ", must be non-negative.");
                       if (args.has("axis") && numpyIntArgument(args.get("axis")) != 0)
                           unsupported("linspace(axis=...) other than 0");
                       const bool endpoint = !args.has("endpoint") || interpreter.truthy(args.get("endpoint"));
                       const Scalar start = numberArgument(args.get("start"), "linspace()", "start");
                       const Scalar stop = numberArgument(args.get("stop"), "linspace()", "stop");
                       ObjectPtr result = interpreter.wrap(linspace(Flavour::Numpy, start, stop, num, options, endpoint));
                       if (!boolArgument(interpreter, args.get("retstep")))
                           return result;
                       // retstep: (samples, step), step = (stop - start) / div as a NumPy float64.
                       const double div = static_cast<double>(endpoint ? num - 1 : num);
                       const double step = div > 0 ? (stop.toDouble() - start.toDouble()) / div : std::nan("");
                       ArrayPtr stepScalar = allocateArray(Flavour::Numpy, DType::Float64, {});
                       storeScalar(stepScalar->data(), DType::Float64, Scalar(step), Flavour::Numpy);
                       stepScalar->setNumpyScalar(true);
                       return makeTuple({result, interpreter.wrap(stepScalar)});
                   });
    const auto like = [&](const char* name, int which, const char* signature, const char* summary) {
        defineFunction(np, owner, name, signature, summary,
                       [name, which](Interpreter& interpreter, const ObjectPtr&, CallArgs& args) {
                           const std::string function = std::string(name) + "()";
                           if (which == 2)
                               args.bind(function, "(a, fill_value, dtype=None, order='K', subok=True, shape=None)");
                           else
                               args.bind(function, "(a, dtype=None, order='K', subok=True, shape=None)");
                           CreationOptions options;
                           options.dtype = numpyDTypeArgument(interpreter, args.get("dtype"));
                           MemoryOrder order = numpyOrderArgument(args.get("order"), MemoryOrder::K);
                           ArrayPtr prototype = numpyArrayLike(interpreter, args.get("a"));
                           if (order == MemoryOrder::A)  // F when the prototype is F- and not C-contiguous, else C
                               order = prototype->isFContiguous() && !prototype->isContiguous() ? MemoryOrder::F : MemoryOrder::C;
                           if (!isNone(args.get("shape"))) {
                               // A new shape keeps only the dtype (NumPy lays it out in C order).
                               const Shape shape = numpyShapeArgument(interpreter, args.get("shape"));
                               prototype = zeros(Flavour::Numpy, shape, {prototype->dtype()});
                           } else if (order == MemoryOrder::C || order == MemoryOrder::F) {
                               prototype = inOrder(ndarrayCopy(prototype, MemoryOrder::C), order);
                           }
                           if (which == 0)
                               return interpreter.wrap(zerosLike(Flavour::Numpy, prototype, options));
                           if (which == 1)
                               return interpreter.wrap(onesLike(Flavour::Numpy, prototype, options));
                           const ObjectPtr& fill = args.get("fill_value");
                           const std::optional<Scalar> s = scalarArgument(fill);
                           if (!s)
                               unsupported("full_like() with an array fill_value");
                           return interpreter.wrap(fullLike(Flavour::Numpy, prototype, *s, options));
                       });
    };
    like("zeros_like", 0, "(a, dtype=None, order='K', subok=True, shape=None)", "zeros shaped like a, in a's memory order (new memory)");
    like("ones_like", 1, "(a, dtype=None, order='K', subok=True, shape=None)", "ones shaped like a, in a's memory order (new memory)");
    like("full_like", 2, "(a, fill_value, dtype=None, order='K', subok=True, shape=None)",
         "fill_value shaped like a, in a's memory order (new memory)");
}

// ---- conversion --------------------------------------------------------------------------------------

void defineNumpyConversions(ModuleObject& np)
{
    const std::string owner = kNumpyOwner;
    defineFunction(np, owner, "array", "(object, dtype=None, *, copy=True, order='K', ndmin=0)",
                   "a copy of object by default; object itself (or a view) with copy=False when nothing changes",
                   [](Interpreter& interpreter, const ObjectPtr&, CallArgs& args) {
                       requireFirst(args, "array()", "object");
                       args.bind("array()", "(object, dtype=None, *, copy=True, order=None, subok=False, ndmin=0, like=None)");
                       const std::optional<DType> dtype = numpyDTypeArgument(interpreter, args.get("dtype"));
                       const bool copy = !args.has("copy") || interpreter.truthy(args.get("copy"));
                       const MemoryOrder order = numpyOrderArgument(args.get("order"), MemoryOrder::K);
                       const ObjectPtr& object = args.get("object");
                       ArrayPtr out;
                       if (object->kind() == ObjectKind::Array) {
                           out = numpyArrayFromArray(selfArray(object), dtype, copy, order);
                       } else {
                           CreationOptions options;
                           options.dtype = dtype;
                           out = inOrder(fromData(interpreter, Flavour::Numpy, object, options, true), order);
                       }
                       const std::int64_t ndmin = args.has("ndmin") ? numpyIntArgument(args.get("ndmin")) : 0;
                       if (ndmin > 32)
                           throw pythonError("ValueError", "ndmin bigger than allowable number of dimensions NPY_MAXDIMS (=32)");
                       if (out->dim() < ndmin) {
                           Shape shape(static_cast<std::size_t>(ndmin - out->dim()), 1);
                           shape.insert(shape.end(), out->sizes().begin(), out->sizes().end());
                           out = reshape(out, shape);
                       }
                       return interpreter.wrap(out);
                   });
    defineFunction(np, owner, "asarray", "(a, dtype=None, order=None)",
                   "a itself when no conversion is needed; a tensor's memory viewed as an ndarray; else a new array",
                   [](Interpreter& interpreter, const ObjectPtr&, CallArgs& args) {
                       requireFirst(args, "asarray()", "a");
                       args.bind("asarray()", "(a, dtype=None, order=None, *, like=None)");
                       const std::optional<DType> dtype = numpyDTypeArgument(interpreter, args.get("dtype"));
                       const MemoryOrder order = numpyOrderArgument(args.get("order"), MemoryOrder::K);
                       const ObjectPtr& a = args.get("a");
                       if (a->kind() == ObjectKind::Array)
                           return interpreter.wrap(numpyArrayFromArray(selfArray(a), dtype, false, order));
                       CreationOptions options;
                       options.dtype = dtype;
                       return interpreter.wrap(inOrder(fromData(interpreter, Flavour::Numpy, a, options, true), order));
                   });
    defineFunction(np, owner, "ascontiguousarray", "(a, dtype=None)",
                   "a itself when already C-contiguous (a 0-d array becomes a 1-element view), else a C-contiguous copy",
                   [](Interpreter& interpreter, const ObjectPtr&, CallArgs& args) {
                       requireFirst(args, "ascontiguousarray()", "a");
                       args.bind("ascontiguousarray()", "(a, dtype=None, *, like=None)");
                       const std::optional<DType> dtype = numpyDTypeArgument(interpreter, args.get("dtype"));
                       ArrayPtr a = numpyArrayLike(interpreter, args.get("a"));
                       if (dtype && *dtype != a->dtype())
                           a = astype(a, *dtype, true, MemoryOrder::C);
                       return interpreter.wrap(ascontiguousarray(a));
                   });
    defineFunction(np, owner, "copyto", "(dst, src, casting='same_kind', where=True)",
                   "writes src's values into dst's memory (broadcast, cast as casting allows); returns None",
                   [](Interpreter& interpreter, const ObjectPtr&, CallArgs& args) {
                       args.bind("copyto()", "(dst, src, casting=None, where=None)");
                       const ObjectPtr& dst = args.get("dst");
                       if (dst->kind() != ObjectKind::Array || !selfArray(dst)->isNdarray() || selfArray(dst)->isNumpyScalar())
                           throw pythonError("TypeError", "copyto() argument 1 must be numpy.ndarray, not " + typeNameOf(dst));
                       if (!isNone(args.get("where"))) {
                           const ObjectPtr& where = args.get("where");
                           if (where->kind() != ObjectKind::Bool || !static_cast<const BoolObject&>(*where).value)
                               unsupported("np.copyto(where=...)");
                       }
                       std::string casting = "same_kind";
                       if (!isNone(args.get("casting"))) {
                           if (args.get("casting")->kind() != ObjectKind::Str)
                               throw pythonError("TypeError", "copyto() argument 3 must be str, not " + typeNameOf(args.get("casting")));
                           casting = static_cast<const StrObject&>(*args.get("casting")).value;
                       }
                       if (casting != "same_kind" && casting != "unsafe") {
                           if (casting == "no" || casting == "equiv" || casting == "safe")
                               unsupported("np.copyto(casting='" + casting + "'); it supports 'same_kind' and 'unsafe'");
                           throw pythonError("ValueError", "casting must be one of 'no', 'equiv', 'safe', 'same_kind', or 'unsafe' (got " +
                                                               interpreter.repr(args.get("casting")) + ")");
                       }
                       const ArrayPtr& target = selfArray(dst);
                       const ObjectPtr& src = args.get("src");
                       Value value = Scalar(std::int64_t{0});
                       if (const std::optional<Scalar> s = src->kind() == ObjectKind::Array ? std::nullopt : scalarArgument(src))
                           value = *s;
                       else
                           value = numpyArrayLike(interpreter, src);
                       if (casting == "unsafe") {
                           const ArrayPtr source = std::holds_alternative<ArrayPtr>(value)
                                                       ? std::get<ArrayPtr>(value)
                                                       : numpyArrayLike(interpreter, src);
                           value = astype(source, target->dtype(), false);
                       }
                       numpyCopyTo(target, value);
                       return none();
                   });
}

// ---- memory queries ------------------------------------------------------------------------------------

PyError tooHardError() { return PyError("numpy.TooHardError", {"TooHardError", "RuntimeError"}, "Exceeded max_work"); }

void defineNumpyMemoryQueries(ModuleObject& np)
{
    const std::string owner = kNumpyOwner;
    defineFunction(np, owner, "shares_memory", "(a, b, max_work=None)", "whether some byte is reachable through both (exact)",
                   [](Interpreter& interpreter, const ObjectPtr&, CallArgs& args) {
                       args.bind("shares_memory()", "(a, b, max_work=None)");
                       const ArrayPtr a = numpyArrayLike(interpreter, args.get("a"));
                       const ArrayPtr b = numpyArrayLike(interpreter, args.get("b"));
                       if (isNone(args.get("max_work")))
                           return makeBool(sharesMemory(*a, *b));
                       switch (solveMayShareMemory(*a, *b, numpyIntArgument(args.get("max_work")))) {
                       case OverlapAnswer::No: return makeBool(false);
                       case OverlapAnswer::Yes: return makeBool(true);
                       case OverlapAnswer::TooHard: throw tooHardError();
                       case OverlapAnswer::Overflow: throw pythonError("OverflowError", "Integer overflow in computing overlap");
                       }
                       return makeBool(false);
                   });
    defineFunction(np, owner, "may_share_memory", "(a, b, max_work=None)", "whether the memory bounds overlap (a quick test)",
                   [](Interpreter& interpreter, const ObjectPtr&, CallArgs& args) {
                       args.bind("may_share_memory()", "(a, b, max_work=None)");
                       const ArrayPtr a = numpyArrayLike(interpreter, args.get("a"));
                       const ArrayPtr b = numpyArrayLike(interpreter, args.get("b"));
                       if (isNone(args.get("max_work")))
                           return makeBool(mayShareMemory(*a, *b));
                       switch (solveMayShareMemory(*a, *b, numpyIntArgument(args.get("max_work")))) {
                       case OverlapAnswer::No: return makeBool(false);
                       case OverlapAnswer::Overflow: throw pythonError("OverflowError", "Integer overflow in computing overlap");
                       default: return makeBool(true);
                       }
                   });
}

// ---- ufuncs --------------------------------------------------------------------------------------------

// An operand of a ufunc: ndarrays and numbers as they are (numbers take part in value-based casting),
// tensors through __array__, lists as new arrays.
Value ufuncOperand(Interpreter& interpreter, const ObjectPtr& value)
{
    if (value->kind() == ObjectKind::Array)
        return asNumpyOperand(selfArray(value));
    if (const std::optional<Scalar> s = scalarArgument(value))
        return *s;
    return numpyArrayLike(interpreter, value);
}

// A ufunc's own count check: it says "were" even for one argument.
void checkUfuncArity(const std::string& function, std::size_t given)
{
    if (given < 2 || given > 3)
        throw pythonError("TypeError", function + " takes from 2 to 3 positional arguments but " + std::to_string(given) + " were given");
}

void defineUfunc(ModuleObject& np, const char* name, BinaryOp op, const std::string& summary)
{
    defineFunction(np, kNumpyOwner, name, "(x1, x2, /, out=None)", summary + "; with out=, writes into out's memory and returns out",
                   [name, op](Interpreter& interpreter, const ObjectPtr&, CallArgs& args) {
                       const std::string function = std::string(name) + "()";
                       const std::size_t given = args.positional().size();
                       checkUfuncArity(function, given);
                       ObjectPtr out = given == 3 ? args.positional()[2] : nullptr;
                       for (const auto& [keyword, value] : args.keywords()) {
                           if (keyword == "out") {
                               if (out)
                                   throw pythonError("TypeError", "cannot specify 'out' as both a positional and keyword argument");
                               out = value;
                           } else if (keyword == "where" || keyword == "casting" || keyword == "order" || keyword == "dtype" ||
                                      keyword == "subok" || keyword == "signature" || keyword == "extobj") {
                               unsupported(function + " with " + keyword + "=");
                           } else {
                               throw pythonError("TypeError", function + " got an unexpected keyword argument '" + keyword + "'");
                           }
                       }
                       const ObjectPtr& x1 = args.positional()[0];
                       const ObjectPtr& x2 = args.positional()[1];
                       if (out && out->kind() == ObjectKind::Tuple) {
                           const auto& items = static_cast<const SequenceObject&>(*out).items;
                           if (items.size() != 1)
                               throw pythonError("ValueError", "The 'out' tuple must have exactly one entry per ufunc output");
                           out = items[0];
                       }
                       if (!isNone(out)) {
                           if (out->kind() != ObjectKind::Array || !selfArray(out)->isNdarray() || selfArray(out)->isNumpyScalar())
                               throw pythonError("TypeError", "return arrays must be of ArrayType");
                           const Value a = x1->kind() == ObjectKind::Array ? Value(selfArray(x1)) : ufuncOperand(interpreter, x1);
                           const Value b = x2->kind() == ObjectKind::Array ? Value(selfArray(x2)) : ufuncOperand(interpreter, x2);
                           ufuncInto(op, a, b, selfArray(out));
                           return out;
                       }
                       Value a = ufuncOperand(interpreter, x1);
                       const Value b = ufuncOperand(interpreter, x2);
                       if (std::holds_alternative<Scalar>(a) && std::holds_alternative<Scalar>(b)) {
                           // Two Python numbers: the ufunc sees 0-d arrays of their default types.
                           const Scalar& s = std::get<Scalar>(a);
                           ArrayPtr zeroD = allocateArray(Flavour::Numpy, s.defaultDType(Flavour::Numpy), {});
                           storeScalar(zeroD->data(), zeroD->dtype(), s, Flavour::Numpy);
                           a = zeroD;
                       }
                       const Value result = binary(op, a, b);
                       ArrayPtr array = std::get<ArrayPtr>(result);
                       if (isTensorObject(x1) || isTensorObject(x2))
                           array = tensorArrayWrap(array);
                       return interpreter.wrap(array);
                   });
}

// ---- joining and shaping -------------------------------------------------------------------------------

// The `arrays` argument of concatenate / stack: a sequence of array-likes, or an array (its rows).
std::vector<ArrayPtr> arraySequence(Interpreter& interpreter, const ObjectPtr& value)
{
    std::vector<ArrayPtr> arrays;
    for (const ObjectPtr& item : interpreter.iterate(value)) {
        if (item->kind() == ObjectKind::Array)
            arrays.push_back(selfArray(item));
        else
            arrays.push_back(numpyArrayLike(interpreter, item));
    }
    return arrays;
}

// np.reshape / np.transpose / np.squeeze call the argument's own method; a tensor's refuses NumPy's
// arguments, so NumPy works on np.asarray(tensor) and hands the result back through __array_wrap__.
ObjectPtr wrapLikeInput(Interpreter& interpreter, const ObjectPtr& input, const ArrayPtr& result)
{
    if (isTensorObject(input))
        return interpreter.wrap(tensorArrayWrap(result));
    return interpreter.wrap(result);
}

void defineNumpyShapeFunctions(ModuleObject& np)
{
    const std::string owner = kNumpyOwner;
    defineFunction(np, owner, "concatenate", "(arrays, axis=0)", "always new memory holding the arrays joined along axis",
                   [](Interpreter& interpreter, const ObjectPtr&, CallArgs& args) {
                       args.bind("concatenate()", "(arrays, axis=0, out=None, *, dtype=None, casting=None)");
                       if (!isNone(args.get("out")) || !isNone(args.get("dtype")) || !isNone(args.get("casting")))
                           unsupported("np.concatenate() with out=, dtype= or casting=");
                       std::optional<std::int64_t> axis = 0;
                       if (args.has("axis"))
                           axis = isNone(args.get("axis")) ? std::nullopt : std::optional(numpyIntArgument(args.get("axis")));
                       return interpreter.wrap(concatenate(Flavour::Numpy, arraySequence(interpreter, args.get("arrays")), axis));
                   });
    defineFunction(np, owner, "stack", "(arrays, axis=0)", "always new memory holding the arrays joined along a new axis",
                   [](Interpreter& interpreter, const ObjectPtr&, CallArgs& args) {
                       args.bind("stack()", "(arrays, axis=0, out=None, *, dtype=None, casting=None)");
                       if (!isNone(args.get("out")) || !isNone(args.get("dtype")) || !isNone(args.get("casting")))
                           unsupported("np.stack() with out=, dtype= or casting=");
                       const std::int64_t axis = args.has("axis") ? numpyIntArgument(args.get("axis")) : 0;
                       return interpreter.wrap(stack(Flavour::Numpy, arraySequence(interpreter, args.get("arrays")), axis));
                   });
    defineFunction(np, owner, "reshape", "(a, newshape, order='C')", "a view when the strides allow it, else a copy",
                   [](Interpreter& interpreter, const ObjectPtr&, CallArgs& args) {
                       args.bind("reshape()", "(a, newshape, order='C')");
                       const ObjectPtr& order = args.get("order");
                       if (order && order->kind() != ObjectKind::Str && !isNone(order))
                           throw pythonError("TypeError", "order must be str, not " + typeNameOf(order));
                       const ArrayPtr a = numpyArrayLike(interpreter, args.get("a"));
                       const ObjectPtr& newshape = args.get("newshape");
                       const Shape shape = isNone(newshape) ? a->sizes() : numpyShapeArgument(interpreter, newshape);
                       return wrapLikeInput(interpreter, args.get("a"), reshape(a, shape, numpyOrderArgument(order, MemoryOrder::C)));
                   });
    defineFunction(np, owner, "transpose", "(a, axes=None)", "the dims reversed or permuted: a view",
                   [](Interpreter& interpreter, const ObjectPtr&, CallArgs& args) {
                       args.bind("transpose()", "(a, axes=None)");
                       const ArrayPtr a = numpyArrayLike(interpreter, args.get("a"));
                       const ObjectPtr& axes = args.get("axes");
                       if (isNone(axes))
                           return wrapLikeInput(interpreter, args.get("a"), reversedDims(a));
                       return wrapLikeInput(interpreter, args.get("a"), permute(a, numpyShapeArgument(interpreter, axes)));
                   });
    defineFunction(np, owner, "expand_dims", "(a, axis)", "a size-1 dim inserted at each axis: a view (an ndarray, also for a tensor)",
                   [](Interpreter& interpreter, const ObjectPtr&, CallArgs& args) {
                       args.bind("expand_dims()", "(a, axis)");
                       const ArrayPtr a = numpyArrayLike(interpreter, args.get("a"));
                       const ObjectPtr& axis = args.get("axis");
                       Shape axes;
                       if (axis->kind() == ObjectKind::Tuple || axis->kind() == ObjectKind::List) {
                           for (const ObjectPtr& item : static_cast<const SequenceObject&>(*axis).items)
                               axes.push_back(numpyIntArgument(item));
                       } else if (const std::optional<std::int64_t> n = axis->kind() == ObjectKind::Bool ? std::nullopt : asIndex(axis)) {
                           axes.push_back(*n);
                       } else {
                           throw pythonError("TypeError", "integer argument expected, got " + typeNameOf(axis));
                       }
                       return interpreter.wrap(expandDims(a, axes));
                   });
    defineFunction(np, owner, "swapaxes", "(a, axis1, axis2)", "two dims exchanged: a view (a tensor's own transpose for a tensor)",
                   [](Interpreter& interpreter, const ObjectPtr&, CallArgs& args) {
                       args.bind("swapaxes()", "(a, axis1, axis2)");
                       const ObjectPtr& input = args.get("a");
                       const std::int64_t axis1 = numpyIntArgument(args.get("axis1"));
                       const std::int64_t axis2 = numpyIntArgument(args.get("axis2"));
                       // NumPy calls a.swapaxes(axis1, axis2), which a tensor has (its transpose).
                       if (isTensorObject(input))
                           return interpreter.wrap(transpose(selfArray(input), axis1, axis2));
                       return interpreter.wrap(transpose(numpyArrayLike(interpreter, input), axis1, axis2));
                   });
    defineFunction(np, owner, "ravel", "(a, order='C')", "a flat view when the memory allows it, else a flat copy (an ndarray)",
                   [](Interpreter& interpreter, const ObjectPtr&, CallArgs& args) {
                       args.bind("ravel()", "(a, order='C')");
                       const ArrayPtr a = numpyArrayLike(interpreter, args.get("a"));
                       return interpreter.wrap(ravel(a, numpyOrderArgument(args.get("order"), MemoryOrder::C)));
                   });
    defineFunction(np, owner, "squeeze", "(a, axis=None)", "size-1 dims removed: a view (a tensor's own squeeze for a tensor)",
                   [](Interpreter& interpreter, const ObjectPtr&, CallArgs& args) {
                       args.bind("squeeze()", "(a, axis=None)");
                       const ObjectPtr& input = args.get("a");
                       const ObjectPtr& axis = args.get("axis");
                       if (isTensorObject(input)) {
                           // NumPy calls a.squeeze() / a.squeeze(axis=axis) on whatever has the method.
                           std::vector<std::pair<std::string, ObjectPtr>> keywords;
                           if (!isNone(axis))
                               keywords.emplace_back("dim", axis);
                           CallArgs call({}, std::move(keywords));
                           return interpreter.call(interpreter.getAttribute(input, "squeeze"), call);
                       }
                       const ArrayPtr a = numpyArrayLike(interpreter, input);
                       if (isNone(axis))
                           return interpreter.wrap(squeeze(a));
                       const ReduceDims dims = numpyAxisArgument(axis);
                       return interpreter.wrap(squeeze(a, *dims.list));
                   });
}

// ---- reductions ----------------------------------------------------------------------------------------

void defineNumpyReductions(ModuleObject& np)
{
    const std::string owner = kNumpyOwner;
    enum class Kind { Sum, Mean, Max, Min };
    const auto reduction = [&](const char* name, const char* method, Kind kind, const char* summary) {
        const bool extremum = kind == Kind::Max || kind == Kind::Min;
        const std::string signature = extremum ? "(a, axis=None, out=None, keepdims=False, initial=None, where=None)"
                                      : kind == Kind::Mean ? "(a, axis=None, dtype=None, out=None, keepdims=False, *, where=None)"
                                                           : "(a, axis=None, dtype=None, out=None, keepdims=False, initial=None, where=None)";
        defineFunction(np, owner, name, signature, summary,
                       [name, method, kind, extremum, signature](Interpreter& interpreter, const ObjectPtr&, CallArgs& args) {
                           args.bind(std::string(name) + "()", signature);
                           if (!isNone(args.get("out")) || (args.has("where") && !isNone(args.get("where"))) ||
                               (!extremum && kind != Kind::Mean && args.has("initial") && !isNone(args.get("initial"))) ||
                               (extremum && args.has("initial") && !isNone(args.get("initial"))))
                               unsupported(std::string("np.") + name + "() with out=, initial= or where=");
                           const ObjectPtr& input = args.get("a");
                           if (isTensorObject(input)) {
                               const ObjectPtr& axis = args.get("axis");
                               const std::string axisType = isNone(axis) ? "NoneType" : typeNameOf(axis);
                               tensorReductionRefusal(method, axisType, args.has("keepdims"));
                           }
                           const ArrayPtr a = numpyArrayLike(interpreter, input);
                           ReduceOptions options;
                           options.dims = numpyAxisArgument(args.get("axis"));
                           options.keepdim = boolArgument(interpreter, args.get("keepdims"));
                           options.numpyFunction = true;
                           if (!extremum)
                               options.dtype = numpyDTypeArgument(interpreter, args.get("dtype"));
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
        defineFunction(np, owner, name, "(a, axis=None, out=None, keepdims=False)",
                       all ? "whether every element is nonzero (new memory)" : "whether any element is nonzero (new memory)",
                       [all, name](Interpreter& interpreter, const ObjectPtr&, CallArgs& args) {
                           args.bind(std::string(name) + "()", "(a, axis=None, out=None, keepdims=False, *, where=None)");
                           if (!isNone(args.get("out")) || (args.has("where") && !isNone(args.get("where"))))
                               unsupported(std::string("np.") + name + "() with out= or where=");
                           if (isTensorObject(args.get("a"))) {
                               const ObjectPtr& axis = args.get("axis");
                               tensorReductionRefusal(name, isNone(axis) ? "NoneType" : typeNameOf(axis), args.has("keepdims"));
                           }
                           const ArrayPtr a = numpyArrayLike(interpreter, args.get("a"));
                           return interpreter.wrap(numpyAnyAll(a, numpyAxisArgument(args.get("axis")),
                                                               boolArgument(interpreter, args.get("keepdims")), all));
                       });
    }
    reduction("sum", "sum", Kind::Sum, "sum of elements (new memory; a NumPy scalar when every axis is reduced)");
    reduction("mean", "mean", Kind::Mean, "mean of elements (new memory; a NumPy scalar when every axis is reduced)");
    reduction("max", "max", Kind::Max, "largest element (new memory; a NumPy scalar when every axis is reduced)");
    reduction("amax", "max", Kind::Max, "np.max under its other name");
    reduction("min", "min", Kind::Min, "smallest element (new memory; a NumPy scalar when every axis is reduced)");
    reduction("amin", "min", Kind::Min, "np.min under its other name");
}

// ---- np.dtype --------------------------------------------------------------------------------------------

void defineDTypeClass(ModuleObject& np)
{
    TypeInfo& dtypeClass = numpyDTypeClass();
    using DTypeObject = NativeObject<DType>;
    const auto payload = [](const ObjectPtr& self) { return static_cast<const DTypeObject&>(*self).payload; };
    dtypeClass.constructor = [](Interpreter& interpreter, const ObjectPtr&, CallArgs& args) {
        requireFirst(args, "dtype()", "dtype", 1);  // NumPy counts from 1 here
        args.bind("dtype()", "(dtype, align=False, copy=False)");
        const ObjectPtr& value = args.get("dtype");
        if (isNone(value))
            return numpyDTypeObject(DType::Float64);
        return numpyDTypeObject(*numpyDTypeArgument(interpreter, value));
    };
    const std::string owner = "numpy.dtype";
    defineProperty(dtypeClass, owner, "char", "the one-letter type code, e.g. 'f'", [payload](Interpreter&, const ObjectPtr& self) {
        // In DType order: bool, uint8, int8, int16, int32, int64, float16, float32, float64.
        static constexpr const char* kChars[] = {"?", "B", "b", "h", "i", "l", "e", "f", "d"};
        static_assert(std::size(kChars) == kDTypeCount);
        return makeStr(kChars[static_cast<int>(payload(self))]);
    });
    defineProperty(dtypeClass, owner, "str", "the array-protocol type string, e.g. '<f4'", [payload](Interpreter&, const ObjectPtr& self) {
        const DType d = payload(self);
        const char kind = d == DType::Bool ? 'b' : isFloating(d) ? 'f' : kindOf(d) == DTypeKind::Unsigned ? 'u' : 'i';
        return makeStr(std::string(itemSize(d) == 1 ? "|" : "<") + kind + std::to_string(itemSize(d)));
    });
    defineProperty(dtypeClass, owner, "byteorder", "'=' (native) or '|' (not applicable)", [payload](Interpreter&, const ObjectPtr& self) {
        return makeStr(itemSize(payload(self)) == 1 ? "|" : "=");
    });
    defineProperty(dtypeClass, owner, "alignment", "the required alignment in bytes", [payload](Interpreter&, const ObjectPtr& self) {
        return makeInt(itemSize(payload(self)));
    });
    np.attributes["dtype"] = makeType(&dtypeClass);
    registerEntry({kNumpyOwner, "dtype", "(dtype)", "type", "the dtype class; np.dtype('float32') is the shared dtype object"});
    for (const char* name : {"name", "itemsize", "kind", "type"})
        registerEntry({owner, name, "", "attribute", "as in NumPy"});
}

// NumPy's own exception classes, for `except np.AxisError` and type(e).__name__.
void defineNumpyExceptions(ModuleObject& np)
{
    // key: the class name in a PyError's mro; name: its __name__, which NumPy's @_display_as_base makes
    // the base's for its private classes (type(e).__name__ is 'UFuncTypeError').
    struct Spec {
        const char* key;
        const char* name;
        const char* qualified;
        const char* base;
        bool exported;
    };
    static const Spec kSpecs[] = {
        {"AxisError", "AxisError", "numpy.AxisError", "ValueError", true},
        {"TooHardError", "TooHardError", "numpy.TooHardError", "RuntimeError", true},
        {"UFuncTypeError", "UFuncTypeError", "numpy.core._exceptions.UFuncTypeError", "TypeError", false},
        {"_UFuncCastingError", "UFuncTypeError", "numpy.core._exceptions._UFuncCastingError", "UFuncTypeError", false},
        {"_UFuncOutputCastingError", "UFuncTypeError", "numpy.core._exceptions._UFuncOutputCastingError", "_UFuncCastingError", false},
        {"_ArrayMemoryError", "MemoryError", "numpy.core._exceptions._ArrayMemoryError", "MemoryError", false},
    };
    static const std::vector<std::unique_ptr<TypeInfo>> types = [] {
        std::vector<std::unique_ptr<TypeInfo>> all;
        for (const Spec& spec : kSpecs) {
            auto type = std::make_unique<TypeInfo>();
            type->name = spec.name;
            type->qualifiedName = spec.qualified;
            type->base = builtinTypes().exception(spec.base);
            for (std::size_t i = 0; i < all.size(); ++i)
                if (std::string_view(kSpecs[i].key) == spec.base)
                    type->base = all[i].get();
            registerLibraryException(spec.key, type.get());
            all.push_back(std::move(type));
        }
        return all;
    }();
    for (std::size_t i = 0; i < types.size(); ++i) {
        if (!kSpecs[i].exported)
            continue;
        np.attributes[kSpecs[i].name] = makeType(types[i].get());
        registerEntry({kNumpyOwner, kSpecs[i].name, "", "exception", std::string("the exception class ") + kSpecs[i].qualified});
    }
}

}  // namespace

ObjectPtr createNumpyModule(Interpreter& interpreter)
{
    (void)interpreter;
    auto module = std::make_shared<ModuleObject>("numpy");
    ModuleObject& np = *module;
    const std::string owner = kNumpyOwner;
    defineNumpyExceptions(np);
    defineNumpyFactories(np);
    defineDTypes(np, owner, Flavour::Numpy);
    defineDTypeClass(np);
    for (const char* name : {"generic", "number", "integer", "signedinteger", "unsignedinteger", "inexact", "floating"}) {
        np.attributes[name] = makeType(&numpyAbstractScalarType(name));
        registerEntry({owner, name, "", "type", std::string("the abstract scalar class numpy.") + name + " (for isinstance)"});
    }
    defineNumpyConversions(np);
    defineNumpyMemoryQueries(np);
    defineUfunc(np, "add", BinaryOp::Add, "x1 + x2 in new memory");
    defineUfunc(np, "subtract", BinaryOp::Sub, "x1 - x2 in new memory");
    defineUfunc(np, "multiply", BinaryOp::Mul, "x1 * x2 in new memory");
    defineUfunc(np, "divide", BinaryOp::Div, "x1 / x2 in new memory");
    defineUfunc(np, "true_divide", BinaryOp::Div, "x1 / x2 in new memory");
    defineUfunc(np, "floor_divide", BinaryOp::FloorDiv, "x1 // x2 in new memory");
    defineUfunc(np, "power", BinaryOp::Pow, "x1 ** x2 in new memory");
    defineUfunc(np, "remainder", BinaryOp::Mod, "x1 % x2 in new memory");
    defineUfunc(np, "mod", BinaryOp::Mod, "x1 % x2 in new memory");
    defineFunction(np, owner, "matmul", "(x1, x2, /)", "the matrix product in new memory (a tensor back for tensor inputs)",
                   [](Interpreter& interpreter, const ObjectPtr&, CallArgs& args) {
                       checkUfuncArity("matmul()", args.positional().size());
                       args.bind("matmul()", "(x1, x2, out=None, *, casting=None, order=None, dtype=None, subok=None, signature=None, "
                                             "extobj=None, axes=None, axis=None)");
                       if (!isNone(args.get("out")))
                           unsupported("np.matmul(out=...)");
                       const auto operand = [&](const ObjectPtr& value) -> Value {
                           if (value->kind() == ObjectKind::Array)
                               return selfArray(value);
                           if (const std::optional<Scalar> s = scalarArgument(value))
                               return *s;
                           return numpyArrayLike(interpreter, value);
                       };
                       return interpreter.wrap(numpyMatmul(operand(args.get("x1")), operand(args.get("x2"))));
                   });
    defineNumpyShapeFunctions(np);
    defineNumpyReductions(np);
    for (const auto& [name, value] : std::initializer_list<std::pair<const char*, double>>{
             {"inf", std::numeric_limits<double>::infinity()}, {"nan", std::numeric_limits<double>::quiet_NaN()},
             {"pi", 3.141592653589793}, {"e", 2.718281828459045}}) {
        np.attributes[name] = makeFloat(value);
        registerEntry({owner, name, "", "object", "the Python float " + std::string(name)});
    }
    np.attributes["newaxis"] = none();
    registerEntry({owner, "newaxis", "", "object", "None: a[np.newaxis] adds a size-1 dim (a view)"});
    defineFunction(np, owner, "set_printoptions", "(...)", "not supported: aliasview prints with NumPy's default options",
                   [](Interpreter&, const ObjectPtr&, CallArgs&) -> ObjectPtr {
                       unsupported("np.set_printoptions(): it prints arrays with NumPy's default options only");
                   });
    return module;
}

}  // namespace av::engine::py
