// Python's builtins that scripts use: print, len, range, type, id, isinstance, the number and container
// constructors, min/max/abs/round/sum, enumerate/zip, and the exception classes.

#include "interpreterimpl.h"
#include "registry.h"

#include "engine/arrayfactory.h"
#include "engine/dispatch.h"
#include "engine/elementwise.h"
#include "engine/pyformat.h"

#include <cmath>
#include <mutex>

namespace av::engine::py {

namespace {

using Impl = Interpreter::Impl;

ObjectPtr function(const std::string& name, NativeFunction f)
{
    return std::make_shared<FunctionObject>(name, name, std::move(f));
}

std::int64_t indexArgument(const ObjectPtr& value)
{
    const std::optional<std::int64_t> v = asIndex(value);
    if (!v)
        throw pythonError("TypeError", "'" + typeNameOf(value) + "' object cannot be interpreted as an integer");
    return *v;
}

ObjectPtr builtinPrint(Interpreter& interpreter, const ObjectPtr&, CallArgs& args)
{
    args.bind("print()", "(*objects, sep=None, end=None, file=None, flush=False)");
    if (args.has("file") && args.get("file")->kind() != ObjectKind::None)
        throw pythonError("TypeError", "aliasview's print() writes to the console only (file= is not supported)");
    const auto text = [&](const char* name, const char* fallback) -> std::string {
        const ObjectPtr& value = args.get(name);
        if (!value || value->kind() == ObjectKind::None)
            return fallback;
        if (value->kind() != ObjectKind::Str)
            throw pythonError("TypeError", std::string(name) + " must be None or a string, not " + typeNameOf(value));
        return static_cast<const StrObject&>(*value).value;
    };
    const std::string sep = text("sep", " "), end = text("end", "\n");
    std::string line;
    bool first = true;
    for (const ObjectPtr& object : args.variadic()) {
        if (!first)
            line += sep;
        first = false;
        line += interpreter.str(object);
    }
    line += end;
    interpreter.write(line);
    return none();
}

ObjectPtr builtinLen(Interpreter& interpreter, const ObjectPtr&, CallArgs& args)
{
    args.bind("len()", "(obj)");
    return makeInt(interpreter.impl().length(args.get("obj")));
}

ObjectPtr builtinRange(Interpreter&, const ObjectPtr&, CallArgs& args)
{
    if (!args.keywords().empty())
        throw pythonError("TypeError", "range() takes no keyword arguments");
    const auto& p = args.positional();
    if (p.empty())
        throw pythonError("TypeError", "range expected at least 1 argument, got 0");
    if (p.size() > 3)
        throw pythonError("TypeError", concat("range expected at most 3 arguments, got ", p.size()));
    const std::int64_t a = indexArgument(p[0]);
    if (p.size() == 1)
        return std::make_shared<RangeObject>(0, a, 1);
    const std::int64_t b = indexArgument(p[1]);
    const std::int64_t step = p.size() == 3 ? indexArgument(p[2]) : 1;
    if (step == 0)
        throw pythonError("ValueError", "range() arg 3 must not be zero");
    return std::make_shared<RangeObject>(a, b, step);
}

ObjectPtr builtinType(Interpreter&, const ObjectPtr&, CallArgs& args)
{
    if (args.positional().size() != 1 || !args.keywords().empty())
        throw pythonError("TypeError", "aliasview's type() takes exactly one argument");
    return makeType(args.positional()[0]->type());
}

ObjectPtr builtinId(Interpreter&, const ObjectPtr&, CallArgs& args)
{
    args.bind("id()", "(obj)");
    return makeInt(static_cast<std::int64_t>(args.get("obj")->id()));
}

bool isInstance(const ObjectPtr& object, const ObjectPtr& classInfo)
{
    if (classInfo->kind() == ObjectKind::Tuple) {
        for (const ObjectPtr& item : static_cast<const SequenceObject&>(*classInfo).items)
            if (isInstance(object, item))
                return true;
        return false;
    }
    if (classInfo->kind() != ObjectKind::Type)
        throw pythonError("TypeError", "isinstance() arg 2 must be a type, a tuple of types, or a union");
    const TypeInfo* info = static_cast<const TypeObject&>(*classInfo).info;
    if (object->kind() == ObjectKind::Exception) {
        const PyError& error = static_cast<const ExceptionObject&>(*object).error;
        return error.isInstanceOf(info->name);
    }
    return object->type()->isSubtypeOf(info) || info == &builtinTypes().object;
}

ObjectPtr builtinIsinstance(Interpreter&, const ObjectPtr&, CallArgs& args)
{
    args.bind("isinstance()", "(obj, class_or_tuple)");
    return makeBool(isInstance(args.get("obj"), args.get("class_or_tuple")));
}

ObjectPtr builtinHasattr(Interpreter& interpreter, const ObjectPtr&, CallArgs& args)
{
    args.bind("hasattr()", "(obj, name)");
    const ObjectPtr& name = args.get("name");
    if (name->kind() != ObjectKind::Str)
        throw pythonError("TypeError", "attribute name must be string, not '" + typeNameOf(name) + "'");
    try {
        interpreter.getAttribute(args.get("obj"), static_cast<const StrObject&>(*name).value);
        return trueObject();
    } catch (const PyError& error) {
        if (error.isInstanceOf("AttributeError"))
            return falseObject();
        throw;
    }
}

ObjectPtr builtinGetattr(Interpreter& interpreter, const ObjectPtr&, CallArgs& args)
{
    args.bind("getattr()", "(obj, name, default=None)");
    const ObjectPtr& name = args.get("name");
    if (name->kind() != ObjectKind::Str)
        throw pythonError("TypeError", "attribute name must be string, not '" + typeNameOf(name) + "'");
    try {
        return interpreter.getAttribute(args.get("obj"), static_cast<const StrObject&>(*name).value);
    } catch (const PyError& error) {
        if (error.isInstanceOf("AttributeError") && args.has("default"))
            return args.get("default");
        throw;
    }
}

ObjectPtr builtinRepr(Interpreter& interpreter, const ObjectPtr&, CallArgs& args)
{
    args.bind("repr()", "(obj)");
    return makeStr(interpreter.repr(args.get("obj")));
}

ObjectPtr builtinFormat(Interpreter& interpreter, const ObjectPtr&, CallArgs& args)
{
    args.bind("format()", "(value, format_spec='')");
    std::string spec;
    if (const ObjectPtr& s = args.get("format_spec")) {
        if (s->kind() != ObjectKind::Str)
            throw pythonError("TypeError", "format() argument 2 must be str, not " + typeNameOf(s));
        spec = static_cast<const StrObject&>(*s).value;
    }
    return makeStr(interpreter.impl().formatValue(args.get("value"), spec));
}

// min() and max(): one iterable or several arguments, compared with Python's <.
ObjectPtr extreme(Interpreter& interpreter, CallArgs& args, bool wantMax)
{
    const char* name = wantMax ? "max" : "min";
    for (const auto& [keyword, value] : args.keywords())
        if (keyword != "default")
            throw pythonError("TypeError", std::string("aliasview's ") + name + "() does not support " + keyword + "=");
    std::vector<ObjectPtr> items = args.positional().size() == 1 ? interpreter.iterate(args.positional()[0]) : args.positional();
    if (args.positional().empty())
        throw pythonError("TypeError", std::string(name) + " expected at least 1 argument, got 0");
    if (items.empty()) {
        for (const auto& [keyword, value] : args.keywords())
            if (keyword == "default")
                return value;
        throw pythonError("ValueError", std::string(name) + "() arg is an empty sequence");
    }
    ObjectPtr best = items[0];
    for (std::size_t i = 1; i < items.size(); ++i) {
        const ObjectPtr better = interpreter.impl().compare(wantMax ? CompareKind::Gt : CompareKind::Lt, items[i], best);
        if (interpreter.truthy(better))
            best = items[i];
    }
    return best;
}

ObjectPtr builtinAbs(Interpreter& interpreter, const ObjectPtr&, CallArgs& args)
{
    args.bind("abs()", "(x)");
    const ObjectPtr& x = args.get("x");
    switch (x->kind()) {
    case ObjectKind::Int:
    case ObjectKind::Bool: {
        const std::int64_t v = *asIndex(x);
        if (v == std::numeric_limits<std::int64_t>::min())
            throw pythonError("OverflowError", "aliasview's integers are 64-bit: abs() of this one does not fit");
        return makeInt(v < 0 ? -v : v);
    }
    case ObjectKind::Float: return makeFloat(std::fabs(static_cast<const FloatObject&>(*x).value));
    case ObjectKind::Array: return interpreter.wrap(engine::absolute(static_cast<const ArrayObject&>(*x).array));
    default: throw pythonError("TypeError", "bad operand type for abs(): '" + typeNameOf(x) + "'");
    }
}

ObjectPtr builtinRound(Interpreter& interpreter, const ObjectPtr&, CallArgs& args)
{
    args.bind("round()", "(number, ndigits=None)");
    const ObjectPtr& x = args.get("number");
    const ObjectPtr& ndigitsObject = args.get("ndigits");
    const bool hasDigits = ndigitsObject && ndigitsObject->kind() != ObjectKind::None;
    const std::int64_t ndigits = hasDigits ? indexArgument(ndigitsObject) : 0;
    if (x->kind() == ObjectKind::Int || x->kind() == ObjectKind::Bool) {
        const std::int64_t v = *asIndex(x);
        if (!hasDigits || ndigits >= 0)
            return makeInt(v);
        // Round half to even at a power of ten.
        std::int64_t scale = 1;
        for (std::int64_t i = 0; i < -ndigits && scale < 1'000'000'000'000'000'000; ++i)
            scale *= 10;
        const std::int64_t remainder = ((v % scale) + scale) % scale;
        std::int64_t down = v - remainder;
        if (remainder * 2 > scale || (remainder * 2 == scale && (down / scale) % 2 != 0))
            down += scale;
        return makeInt(down);
    }
    std::optional<double> value;
    bool numpyScalar = false;
    if (x->kind() == ObjectKind::Float) {
        value = static_cast<const FloatObject&>(*x).value;
    } else if (x->kind() == ObjectKind::Array) {
        const Array& array = *static_cast<const ArrayObject&>(*x).array;
        if (array.isTensor())
            throw pythonError("TypeError", "type Tensor doesn't define __round__ method");
        if (!array.isNumpyScalar())
            throw pythonError("TypeError", "aliasview does not support round() of an ndarray; use np.round");
        value = asDouble(x);
        numpyScalar = true;
    }
    if (!value)
        throw pythonError("TypeError", "type " + typeNameOf(x) + " doesn't define __round__ method");
    if (!hasDigits) {
        if (std::isnan(*value))
            throw pythonError("ValueError", "cannot convert float NaN to integer");
        if (std::isinf(*value))
            throw pythonError("OverflowError", "cannot convert float infinity to integer");
        return makeInt(static_cast<std::int64_t>(std::nearbyint(*value)));
    }
    // Correctly rounded decimal rounding, as CPython's round(x, n) does through its dtoa.
    double rounded = *value;
    if (std::isfinite(rounded) && ndigits < 300 && ndigits > -300) {
        char buffer[512];
        if (ndigits >= 0) {
            std::snprintf(buffer, sizeof buffer, "%.*f", static_cast<int>(ndigits), rounded);
            rounded = std::strtod(buffer, nullptr);
        } else {
            const double scale = std::pow(10.0, static_cast<double>(-ndigits));
            rounded = std::nearbyint(rounded / scale) * scale;
        }
    }
    if (numpyScalar) {
        // round(np.float32(2.567), 2) stays a NumPy scalar of its dtype.
        const ArrayPtr& array = static_cast<const ArrayObject&>(*x).array;
        ArrayPtr out = allocateArray(Flavour::Numpy, array->dtype(), {});
        dispatchDType(array->dtype(), [&]<typename T>(TypeTag<T>) { storeElement<T>(out->data(), convertElement<T>(rounded, true)); });
        out->setNumpyScalar(true);
        return interpreter.wrap(out);
    }
    return makeFloat(rounded);
}

ObjectPtr builtinSum(Interpreter& interpreter, const ObjectPtr&, CallArgs& args)
{
    args.bind("sum()", "(iterable, start=0)");
    ObjectPtr total = args.has("start") ? args.get("start") : makeInt(0);
    for (const ObjectPtr& item : interpreter.iterate(args.get("iterable"))) {
        interpreter.tick();
        total = interpreter.impl().binaryOp(BinOpKind::Add, total, item);
    }
    return total;
}

ObjectPtr builtinEnumerate(Interpreter& interpreter, const ObjectPtr&, CallArgs& args)
{
    args.bind("enumerate()", "(iterable, start=0)");
    std::int64_t i = args.has("start") ? indexArgument(args.get("start")) : 0;
    std::vector<ObjectPtr> out;
    for (const ObjectPtr& item : interpreter.iterate(args.get("iterable")))
        out.push_back(makeTuple({makeInt(i++), item}));
    return makeList(std::move(out));
}

ObjectPtr builtinZip(Interpreter& interpreter, const ObjectPtr&, CallArgs& args)
{
    args.bind("zip()", "(*iterables)");
    std::vector<std::vector<ObjectPtr>> columns;
    std::size_t n = std::numeric_limits<std::size_t>::max();
    for (const ObjectPtr& iterable : args.variadic()) {
        columns.push_back(interpreter.iterate(iterable));
        n = std::min(n, columns.back().size());
    }
    std::vector<ObjectPtr> out;
    for (std::size_t i = 0; !columns.empty() && i < n; ++i) {
        std::vector<ObjectPtr> row;
        for (const auto& column : columns)
            row.push_back(column[i]);
        out.push_back(makeTuple(std::move(row)));
    }
    return makeList(std::move(out));
}

ObjectPtr builtinAnyAll(Interpreter& interpreter, CallArgs& args, bool wantAll)
{
    args.bind(wantAll ? "all()" : "any()", "(iterable)");
    for (const ObjectPtr& item : interpreter.iterate(args.get("iterable")))
        if (interpreter.truthy(item) != wantAll)
            return makeBool(!wantAll);
    return makeBool(wantAll);
}

ObjectPtr builtinSorted(Interpreter& interpreter, const ObjectPtr&, CallArgs& args)
{
    args.bind("sorted()", "(iterable, *, reverse=False)");
    std::vector<ObjectPtr> items = interpreter.iterate(args.get("iterable"));
    std::stable_sort(items.begin(), items.end(), [&](const ObjectPtr& a, const ObjectPtr& b) {
        return interpreter.truthy(interpreter.impl().compare(CompareKind::Lt, a, b));
    });
    if (args.has("reverse") && interpreter.truthy(args.get("reverse")))
        std::reverse(items.begin(), items.end());
    return makeList(std::move(items));
}

// ---- the builtin types as constructors ---------------------------------------------------------------

ObjectPtr constructInt(Interpreter& interpreter, const ObjectPtr&, CallArgs& args)
{
    args.bind("int()", "(x=0, base=10)");
    const ObjectPtr& x = args.get("x");
    if (!x)
        return makeInt(0);
    switch (x->kind()) {
    case ObjectKind::Int:
    case ObjectKind::Bool: return makeInt(*asIndex(x));
    case ObjectKind::Float: {
        const double v = static_cast<const FloatObject&>(*x).value;
        if (std::isnan(v))
            throw pythonError("ValueError", "cannot convert float NaN to integer");
        if (std::isinf(v))
            throw pythonError("OverflowError", "cannot convert float infinity to integer");
        if (!(v > -9223372036854775809.0 && v < 9223372036854775808.0))
            throw pythonError("OverflowError", "aliasview's integers are 64-bit: int() of this float does not fit");
        return makeInt(static_cast<std::int64_t>(v));
    }
    case ObjectKind::Str: {
        std::string text = static_cast<const StrObject&>(*x).value;
        const std::string original = text;
        text.erase(0, text.find_first_not_of(" \t\n"));
        text.erase(text.find_last_not_of(" \t\n") + 1);
        std::string digits;
        for (const char c : text)
            if (c != '_')
                digits += c;
        std::size_t used = 0;
        std::int64_t value = 0;
        bool ok = !digits.empty();
        try {
            value = std::stoll(digits, &used, 10);
        } catch (...) {
            ok = false;
        }
        if (!ok || used != digits.size())
            throw pythonError("ValueError", "invalid literal for int() with base 10: " + interpreter.repr(makeStr(original)));
        return makeInt(value);
    }
    case ObjectKind::Array: {
        const Array& array = *static_cast<const ArrayObject&>(*x).array;
        if (array.numel() != 1) {
            if (array.isTensor())
                throw pythonError("ValueError", "only one element tensors can be converted to Python scalars");
            throw pythonError("TypeError", "only size-1 arrays can be converted to Python scalars");
        }
        const double v = *asDouble(x);
        if (std::isnan(v))
            throw pythonError("ValueError", "cannot convert float NaN to integer");
        if (std::isinf(v))
            throw pythonError("OverflowError", "cannot convert float infinity to integer");
        if (const std::optional<std::int64_t> exact = asIndex(x))
            return makeInt(*exact);  // integers keep all 64 bits, which a double would not
        return makeInt(static_cast<std::int64_t>(v));
    }
    default:
        throw pythonError("TypeError", "int() argument must be a string, a bytes-like object or a real number, not '" +
                                           typeNameOf(x) + "'");
    }
}

ObjectPtr constructFloat(Interpreter& interpreter, const ObjectPtr&, CallArgs& args)
{
    args.bind("float()", "(x=0.0)");
    const ObjectPtr& x = args.get("x");
    if (!x)
        return makeFloat(0.0);
    if (x->kind() == ObjectKind::Str) {
        std::string text = static_cast<const StrObject&>(*x).value;
        std::string trimmed = text;
        trimmed.erase(0, trimmed.find_first_not_of(" \t\n"));
        trimmed.erase(trimmed.find_last_not_of(" \t\n") + 1);
        std::string lower;
        for (const char c : trimmed)
            lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (lower == "inf" || lower == "+inf" || lower == "infinity" || lower == "+infinity")
            return makeFloat(INFINITY);
        if (lower == "-inf" || lower == "-infinity")
            return makeFloat(-INFINITY);
        if (lower == "nan" || lower == "+nan" || lower == "-nan")
            return makeFloat(NAN);
        char* end = nullptr;
        const double v = trimmed.empty() ? 0.0 : std::strtod(trimmed.c_str(), &end);
        if (trimmed.empty() || end != trimmed.c_str() + trimmed.size() || lower.find_first_of("xp") != std::string::npos)
            throw pythonError("ValueError", "could not convert string to float: " + interpreter.repr(x));
        return makeFloat(v);
    }
    if (x->kind() == ObjectKind::Array) {
        const Array& array = *static_cast<const ArrayObject&>(*x).array;
        if (array.numel() != 1) {
            if (array.isTensor())
                throw pythonError("ValueError", "only one element tensors can be converted to Python scalars");
            throw pythonError("TypeError", "only size-1 arrays can be converted to Python scalars");
        }
    }
    const std::optional<double> v = asDouble(x);
    if (!v)
        throw pythonError("TypeError", "float() argument must be a string or a real number, not '" + typeNameOf(x) + "'");
    return makeFloat(*v);
}

ObjectPtr constructBool(Interpreter& interpreter, const ObjectPtr&, CallArgs& args)
{
    args.bind("bool()", "(x=False)");
    const ObjectPtr& x = args.get("x");
    return makeBool(x && interpreter.truthy(x));
}

ObjectPtr constructStr(Interpreter& interpreter, const ObjectPtr&, CallArgs& args)
{
    args.bind("str()", "(object='')");
    const ObjectPtr& x = args.get("object");
    return makeStr(x ? interpreter.str(x) : std::string());
}

ObjectPtr constructList(Interpreter& interpreter, const ObjectPtr&, CallArgs& args)
{
    args.bind("list()", "(iterable=())");
    const ObjectPtr& x = args.get("iterable");
    return makeList(x ? interpreter.iterate(x) : std::vector<ObjectPtr>{});
}

ObjectPtr constructTuple(Interpreter& interpreter, const ObjectPtr&, CallArgs& args)
{
    args.bind("tuple()", "(iterable=())");
    const ObjectPtr& x = args.get("iterable");
    if (x && x->kind() == ObjectKind::Tuple && x->type() == &builtinTypes().tupleType)
        return x;
    return makeTuple(x ? interpreter.iterate(x) : std::vector<ObjectPtr>{});
}

ObjectPtr constructDict(Interpreter& interpreter, const ObjectPtr&, CallArgs& args)
{
    auto dict = std::make_shared<DictObject>();
    if (args.positional().size() > 1)
        throw pythonError("TypeError", concat("dict expected at most 1 argument, got ", args.positional().size()));
    if (!args.positional().empty()) {
        for (const ObjectPtr& pair : interpreter.iterate(args.positional()[0])) {
            const std::vector<ObjectPtr> kv = interpreter.iterate(pair);
            if (kv.size() != 2)
                throw pythonError("ValueError", concat("dictionary update sequence element has length ", kv.size(), "; 2 is required"));
            interpreter.impl().setItem(dict, kv[0], kv[1]);
        }
    }
    for (const auto& [key, value] : args.keywords())
        interpreter.impl().setItem(dict, makeStr(key), value);
    return dict;
}

ObjectPtr constructException(Interpreter& interpreter, const ObjectPtr& typeObject, CallArgs& args)
{
    if (!args.keywords().empty())
        throw pythonError("TypeError", static_cast<const TypeObject&>(*typeObject).info->name + "() takes no keyword arguments");
    const TypeInfo* info = static_cast<const TypeObject&>(*typeObject).info;
    std::string message;
    const auto& p = args.positional();
    if (p.size() == 1)
        message = info->name == "KeyError" ? interpreter.repr(p[0]) : interpreter.str(p[0]);
    else if (p.size() > 1)
        message = interpreter.repr(makeTuple(p));
    return std::make_shared<ExceptionObject>(info, pythonError(info->name, std::move(message)));
}

std::unordered_map<std::string, ObjectPtr> makeNamespace()
{
    Builtins& types = mutableBuiltinTypes();
    types.intType.constructor = constructInt;
    types.floatType.constructor = constructFloat;
    types.boolType.constructor = constructBool;
    types.strType.constructor = constructStr;
    types.listType.constructor = constructList;
    types.tupleType.constructor = constructTuple;
    types.dictType.constructor = constructDict;
    types.rangeType.constructor = builtinRange;
    for (auto& [name, info] : types.exceptions)
        info->constructor = constructException;

    std::unordered_map<std::string, ObjectPtr> ns;
    const auto add = [&](const std::string& name, const char* signature, const char* summary, NativeFunction f) {
        ns[name] = function(name, std::move(f));
        registerEntry({"builtins", name, signature, "function", summary});
    };
    add("print", "(*objects, sep=' ', end='\\n')", "writes str() of each object to the console", builtinPrint);
    add("len", "(obj)", "the number of items; for arrays, the size of the first dim", builtinLen);
    add("type", "(obj)", "the object's class, e.g. <class 'torch.Tensor'>", builtinType);
    add("id", "(obj)", "the object's identity (its address), reusable after the object is gone", builtinId);
    add("isinstance", "(obj, class_or_tuple)", "whether obj is an instance of the class(es)", builtinIsinstance);
    add("hasattr", "(obj, name)", "whether getattr(obj, name) succeeds", builtinHasattr);
    add("getattr", "(obj, name, default)", "the attribute, or default", builtinGetattr);
    add("repr", "(obj)", "the object's repr", builtinRepr);
    add("format", "(value, format_spec='')", "format(value, spec) with the format mini-language", builtinFormat);
    add("min", "(iterable) | (a, b, *args)", "the smallest item", [](Interpreter& i, const ObjectPtr&, CallArgs& a) { return extreme(i, a, false); });
    add("max", "(iterable) | (a, b, *args)", "the largest item", [](Interpreter& i, const ObjectPtr&, CallArgs& a) { return extreme(i, a, true); });
    add("abs", "(x)", "absolute value; for arrays elementwise", builtinAbs);
    add("round", "(number, ndigits=None)", "round half to even, as Python does", builtinRound);
    add("sum", "(iterable, start=0)", "the sum of the items", builtinSum);
    add("enumerate", "(iterable, start=0)", "(index, item) pairs", builtinEnumerate);
    add("zip", "(*iterables)", "tuples of corresponding items", builtinZip);
    add("any", "(iterable)", "whether any item is true", [](Interpreter& i, const ObjectPtr&, CallArgs& a) { return builtinAnyAll(i, a, false); });
    add("all", "(iterable)", "whether every item is true", [](Interpreter& i, const ObjectPtr&, CallArgs& a) { return builtinAnyAll(i, a, true); });
    add("sorted", "(iterable, *, reverse=False)", "a sorted list", builtinSorted);
    const auto addType = [&](const TypeInfo& info, const char* signature, const char* summary) {
        ns[info.name] = makeType(&info);
        registerEntry({"builtins", info.name, signature, "type", summary});
    };
    addType(types.intType, "(x=0)", "an int from a number, a string or a one-element array");
    addType(types.floatType, "(x=0.0)", "a float from a number, a string or a one-element array");
    addType(types.boolType, "(x=False)", "the truth value of x");
    addType(types.strType, "(object='')", "str(object)");
    addType(types.listType, "(iterable=())", "a list of the items");
    addType(types.tupleType, "(iterable=())", "a tuple of the items");
    addType(types.dictType, "(iterable=(), **kwargs)", "a dict");
    addType(types.rangeType, "(stop) | (start, stop, step=1)", "a range of ints");
    for (const auto& [name, info] : types.exceptions) {
        ns[name] = makeType(info.get());
        registerEntry({"builtins", name, "(*args)", "exception", "the exception class " + name});
    }
    return ns;
}

}  // namespace

const std::unordered_map<std::string, ObjectPtr>& builtinNamespace()
{
    static const std::unordered_map<std::string, ObjectPtr> ns = makeNamespace();
    return ns;
}

}  // namespace av::engine::py
