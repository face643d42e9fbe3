// Python's builtins that scripts use: print, len, range, type, id, isinstance, the number and container
// constructors, min/max/abs/round/sum, enumerate/zip, and the exception classes.

#include "interpreterimpl.h"
#include "registry.h"

#include "engine/arrayfactory.h"
#include "engine/dispatch.h"
#include "engine/elementwise.h"
#include "engine/pyformat.h"

#include <cctype>
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
    args.bindClinic("print", "(*objects, sep=None, end=None, file=None, flush=False)");
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
    return makeInt(interpreter.impl().length(args.expectOneArgument("len")));
}

ObjectPtr builtinRange(Interpreter&, const ObjectPtr&, CallArgs& args)
{
    args.expectNoKeywords("range");
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
    args.expectNoKeywords("type");
    if (args.positional().size() == 3)
        throw pythonError("TypeError", "aliasview does not support making classes with type(name, bases, dict)");
    if (args.positional().size() != 1)
        throw pythonError("TypeError", "type() takes 1 or 3 arguments");
    return makeType(args.positional()[0]->type());
}

ObjectPtr builtinId(Interpreter&, const ObjectPtr&, CallArgs& args)
{
    return makeInt(static_cast<std::int64_t>(args.expectOneArgument("id")->id()));
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
    args.expectPositional("isinstance", 2, 2);
    return makeBool(isInstance(args.positional()[0], args.positional()[1]));
}

ObjectPtr builtinHasattr(Interpreter& interpreter, const ObjectPtr&, CallArgs& args)
{
    args.expectPositional("hasattr", 2, 2);
    const ObjectPtr& name = args.positional()[1];
    if (name->kind() != ObjectKind::Str)
        throw pythonError("TypeError", "attribute name must be string, not '" + typeNameOf(name) + "'");
    try {
        interpreter.getAttribute(args.positional()[0], static_cast<const StrObject&>(*name).value);
        return trueObject();
    } catch (const PyError& error) {
        if (error.isInstanceOf("AttributeError"))
            return falseObject();
        throw;
    }
}

ObjectPtr builtinGetattr(Interpreter& interpreter, const ObjectPtr&, CallArgs& args)
{
    args.expectPositional("getattr", 2, 3);
    const ObjectPtr& name = args.positional()[1];
    if (name->kind() != ObjectKind::Str)
        throw pythonError("TypeError", "attribute name must be string, not '" + typeNameOf(name) + "'");
    try {
        return interpreter.getAttribute(args.positional()[0], static_cast<const StrObject&>(*name).value);
    } catch (const PyError& error) {
        if (error.isInstanceOf("AttributeError") && args.positional().size() == 3)
            return args.positional()[2];
        throw;
    }
}

ObjectPtr builtinRepr(Interpreter& interpreter, const ObjectPtr&, CallArgs& args)
{
    return makeStr(interpreter.repr(args.expectOneArgument("repr")));
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
    ObjectPtr key, fallback;
    for (const auto& [keyword, value] : args.keywords()) {
        if (keyword == "key")
            key = value;
        else if (keyword == "default")
            fallback = value;
        else
            throw pythonError("TypeError", "'" + keyword + "' is an invalid keyword argument for " + name + "()");
    }
    if (args.positional().empty())
        throw pythonError("TypeError", std::string(name) + " expected at least 1 argument, got 0");
    if (fallback && args.positional().size() > 1)
        throw pythonError("TypeError", std::string("Cannot specify a default for ") + name + "() with multiple positional arguments");
    std::vector<ObjectPtr> items = args.positional().size() == 1 ? interpreter.iterate(args.positional()[0]) : args.positional();
    if (items.empty()) {
        if (fallback)
            return fallback;
        throw pythonError("ValueError", std::string(name) + "() arg is an empty sequence");
    }
    const auto keyOf = [&](const ObjectPtr& item) {
        if (!key || key->kind() == ObjectKind::None)
            return item;
        CallArgs keyArgs({item}, {});
        return interpreter.call(key, keyArgs);
    };
    ObjectPtr best = items[0];
    ObjectPtr bestKey = keyOf(best);
    for (std::size_t i = 1; i < items.size(); ++i) {
        interpreter.tick();
        ObjectPtr itemKey = keyOf(items[i]);
        const ObjectPtr better = interpreter.impl().compare(wantMax ? CompareKind::Gt : CompareKind::Lt, itemKey, bestKey);
        if (interpreter.truthy(better)) {
            best = items[i];
            bestKey = std::move(itemKey);
        }
    }
    return best;
}

ObjectPtr builtinAbs(Interpreter& interpreter, const ObjectPtr&, CallArgs& args)
{
    const ObjectPtr& x = args.expectOneArgument("abs");
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
    args.bindClinic("round", "(number, ndigits=None)");
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
        const double whole = std::nearbyint(*value);
        if (!(whole >= -9223372036854775808.0 && whole < 9223372036854775808.0))
            throw pythonError("OverflowError", "aliasview's integers are 64-bit: round() of this float does not fit");
        return makeInt(static_cast<std::int64_t>(whole));
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
        // round(np.float32(2.567), 2) is np.round: it stays a NumPy scalar of its dtype, and rounds as NumPy
        // does, rint(x * 10**n) / 10**n in the dtype's own precision (so round(np.float64(2.675), 2) is 2.68,
        // where Python's correctly rounded round(2.675, 2) is 2.67).
        const ArrayPtr& array = static_cast<const ArrayObject&>(*x).array;
        ArrayPtr out = allocateArray(Flavour::Numpy, array->dtype(), {});
        dispatchDType(array->dtype(), [&]<typename T>(TypeTag<T>) {
            const T v = loadElement<T>(array->data());
            if constexpr (std::is_same_v<T, float> || std::is_same_v<T, double>) {
                const T scale = static_cast<T>(std::pow(10.0, static_cast<double>(ndigits >= 0 ? ndigits : -ndigits)));
                const T result = ndigits >= 0 ? std::nearbyint(v * scale) / scale : std::nearbyint(v / scale) * scale;
                storeElement<T>(out->data(), result);
            } else {
                storeElement<T>(out->data(), convertElement<T>(rounded, true));
            }
        });
        out->setNumpyScalar(true);
        return interpreter.wrap(out);
    }
    return makeFloat(rounded);
}

ObjectPtr builtinSum(Interpreter& interpreter, const ObjectPtr&, CallArgs& args)
{
    args.bindClinic("sum", "(iterable, /, start=0)");
    ObjectPtr total = args.has("start") ? args.get("start") : makeInt(0);
    for (const ObjectPtr& item : interpreter.iterate(args.get("iterable"))) {
        interpreter.tick();
        total = interpreter.impl().binaryOp(BinOpKind::Add, total, item);
    }
    return total;
}

ObjectPtr builtinEnumerate(Interpreter& interpreter, const ObjectPtr&, CallArgs& args)
{
    if (args.positional().empty() && args.keywords().empty())
        throw pythonError("TypeError", "enumerate() missing required argument 'iterable'");
    args.bindClinic("enumerate", "(iterable, start=0)");
    std::int64_t i = args.has("start") ? indexArgument(args.get("start")) : 0;
    std::vector<ObjectPtr> out;
    for (const ObjectPtr& item : interpreter.iterate(args.get("iterable")))
        out.push_back(makeTuple({makeInt(i++), item}));
    return makeList(std::move(out));
}

ObjectPtr builtinZip(Interpreter& interpreter, const ObjectPtr&, CallArgs& args)
{
    args.bindClinic("zip", "(*iterables, strict=False)");
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
    for (const ObjectPtr& item : interpreter.iterate(args.expectOneArgument(wantAll ? "all" : "any")))
        if (interpreter.truthy(item) != wantAll)
            return makeBool(!wantAll);
    return makeBool(wantAll);
}

ObjectPtr builtinSorted(Interpreter& interpreter, const ObjectPtr&, CallArgs& args)
{
    // sorted() is list(iterable).sort(**kwargs): the keywords are list.sort's.
    if (args.positional().size() != 1)
        throw pythonError("TypeError", concat("sorted expected 1 argument, got ", args.positional().size()));
    const ObjectPtr list = makeList(interpreter.iterate(args.positional()[0]));
    CallArgs sortArgs({}, args.keywords());
    interpreter.call(interpreter.getAttribute(list, "sort"), sortArgs);
    return list;
}

// ---- the builtin types as constructors ---------------------------------------------------------------

ObjectPtr constructInt(Interpreter& interpreter, const ObjectPtr&, CallArgs& args)
{
    args.bindClinic("int", "(x=0, /, base=10)");
    const ObjectPtr& x = args.get("x");
    if (!x) {
        if (args.has("base"))
            throw pythonError("TypeError", "int() missing string argument");
        return makeInt(0);
    }
    if (args.has("base") && x->kind() != ObjectKind::Str)
        throw pythonError("TypeError", "int() can't convert non-string with explicit base");
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
        const std::int64_t requested = args.has("base") ? indexArgument(args.get("base")) : 10;
        if (requested != 0 && (requested < 2 || requested > 36))
            throw pythonError("ValueError", "int() base must be >= 2 and <= 36, or 0");
        const std::string& original = static_cast<const StrObject&>(*x).value;
        const auto invalid = [&]() {
            return pythonError("ValueError", concat("invalid literal for int() with base ", requested, ": ",
                                                    interpreter.repr(makeStr(original))));
        };
        // PyLong_FromString: optional sign, an optional 0x/0o/0b prefix matching the base, digits with single
        // underscores between them, surrounding whitespace.
        std::string_view text = original;
        while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
            text.remove_prefix(1);
        while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
            text.remove_suffix(1);
        bool negative = false;
        if (!text.empty() && (text.front() == '+' || text.front() == '-')) {
            negative = text.front() == '-';
            text.remove_prefix(1);
        }
        int base = static_cast<int>(requested);
        bool prefixed = false;
        if (text.size() >= 2 && text[0] == '0') {
            const char p = static_cast<char>(std::tolower(static_cast<unsigned char>(text[1])));
            const int prefixBase = p == 'x' ? 16 : p == 'o' ? 8 : p == 'b' ? 2 : 0;
            if (prefixBase && (base == 0 || base == prefixBase)) {
                base = prefixBase;
                text.remove_prefix(2);
                prefixed = true;
            }
        }
        if (base == 0) {
            base = 10;
            // Base 0 reads literals as the compiler does: no leading zeros on a non-zero decimal.
            if (text.size() > 1 && text[0] == '0' && text.find_first_not_of("0_") != std::string_view::npos)
                throw invalid();
        }
        if (prefixed && !text.empty() && text.front() == '_')
            text.remove_prefix(1);
        if (text.empty() || text.front() == '_' || text.back() == '_')
            throw invalid();
        std::uint64_t magnitude = 0;
        bool overflow = false;
        char previous = 0;
        for (const char c : text) {
            if (c == '_') {
                if (previous == '_')
                    throw invalid();
                previous = c;
                continue;
            }
            previous = c;
            const int lower = std::tolower(static_cast<unsigned char>(c));
            const int digit = std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : (lower >= 'a' && lower <= 'z') ? lower - 'a' + 10 : 99;
            if (digit >= base)
                throw invalid();
            overflow |= __builtin_mul_overflow(magnitude, static_cast<std::uint64_t>(base), &magnitude);
            overflow |= __builtin_add_overflow(magnitude, static_cast<std::uint64_t>(digit), &magnitude);
        }
        const std::uint64_t limit = negative ? 9223372036854775808ull : 9223372036854775807ull;
        if (overflow || magnitude > limit)
            throw pythonError("OverflowError", "aliasview's integers are 64-bit: int() of this string does not fit");
        return makeInt(negative ? static_cast<std::int64_t>(0 - magnitude) : static_cast<std::int64_t>(magnitude));
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
    args.expectPositional("float", 0, 1);
    const ObjectPtr x = args.positional().empty() ? nullptr : args.positional()[0];
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
        // Single underscores may stand between digits (float('1_000.5')).
        std::string digits;
        bool badUnderscore = false;
        for (std::size_t i = 0; i < trimmed.size(); ++i) {
            if (trimmed[i] != '_') {
                digits += trimmed[i];
                continue;
            }
            badUnderscore |= i == 0 || i + 1 == trimmed.size() || !std::isdigit(static_cast<unsigned char>(trimmed[i - 1])) ||
                             !std::isdigit(static_cast<unsigned char>(trimmed[i + 1]));
        }
        char* end = nullptr;
        const double v = digits.empty() ? 0.0 : std::strtod(digits.c_str(), &end);
        if (digits.empty() || badUnderscore || end != digits.c_str() + digits.size() || lower.find_first_of("xp") != std::string::npos)
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
    args.expectPositional("bool", 0, 1);
    const ObjectPtr x = args.positional().empty() ? nullptr : args.positional()[0];
    return makeBool(x && interpreter.truthy(x));
}

ObjectPtr constructStr(Interpreter& interpreter, const ObjectPtr&, CallArgs& args)
{
    args.bindClinic("str", "(object='', encoding='utf-8', errors='strict')");
    if (args.has("encoding") || args.has("errors"))
        throw pythonError("TypeError", "aliasview has no bytes: str() takes one object");
    const ObjectPtr& x = args.get("object");
    return makeStr(x ? interpreter.str(x) : std::string());
}

ObjectPtr constructList(Interpreter& interpreter, const ObjectPtr&, CallArgs& args)
{
    args.expectPositional("list", 0, 1);
    const ObjectPtr x = args.positional().empty() ? nullptr : args.positional()[0];
    return makeList(x ? interpreter.iterate(x) : std::vector<ObjectPtr>{});
}

ObjectPtr constructTuple(Interpreter& interpreter, const ObjectPtr&, CallArgs& args)
{
    args.expectPositional("tuple", 0, 1);
    const ObjectPtr x = args.positional().empty() ? nullptr : args.positional()[0];
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

ObjectPtr constructSlice(Interpreter&, const ObjectPtr&, CallArgs& args)
{
    args.expectPositional("slice", 1, 3);
    const auto& p = args.positional();
    if (p.size() == 1)
        return std::make_shared<SliceObject>(none(), p[0], none());
    return std::make_shared<SliceObject>(p[0], p[1], p.size() == 3 ? p[2] : none());
}

ObjectPtr constructException(Interpreter& interpreter, const ObjectPtr& typeObject, CallArgs& args)
{
    if (!args.keywords().empty())
        throw pythonError("TypeError", static_cast<const TypeObject&>(*typeObject).info->name + "() takes no keyword arguments");
    const TypeInfo* info = static_cast<const TypeObject&>(*typeObject).info;
    // str(e) as BaseException.__str__ (and KeyError.__str__) derive it from the args.
    std::string message;
    const auto& p = args.positional();
    if (p.size() == 1)
        message = info->name == "KeyError" ? interpreter.repr(p[0]) : interpreter.str(p[0]);
    else if (p.size() > 1)
        message = interpreter.repr(makeTuple(p));
    return std::make_shared<ExceptionWithArgs>(info, pythonError(info->name, std::move(message)), p);
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
    types.sliceType.constructor = constructSlice;
    types.typeType.constructor = builtinType;
    for (auto& [name, info] : types.exceptions)
        info->constructor = constructException;
    defineBuiltinTypeMethods(types);

    std::unordered_map<std::string, ObjectPtr> ns;
    const auto add = [&](const std::string& name, const char* signature, const char* summary, NativeFunction f) {
        ns[name] = function(name, std::move(f));
        registerEntry({"builtins", name, signature, "function", summary});
    };
    add("print", "(*objects, sep=' ', end='\\n')", "writes str() of each object to the console", builtinPrint);
    add("len", "(obj)", "the number of items; for arrays, the size of the first dim", builtinLen);
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
    addType(types.typeType, "(obj)", "the object's class, e.g. <class 'torch.Tensor'>");
    addType(types.sliceType, "(stop) | (start, stop, step=None)", "a slice object, as a[start:stop:step] makes");
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
