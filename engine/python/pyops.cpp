// Python's semantics for the builtin types and for arrays as Python objects: repr/str, truth, operators,
// comparisons, attributes, subscripts, calls, iteration and format(), with CPython 3.11's messages.

#include "bindings.h"
#include "interpreterimpl.h"
#include "pythonnames.h"

#include "engine/bitwise.h"
#include "engine/copykernel.h"
#include "engine/creation.h"
#include "engine/dispatch.h"
#include "engine/elementwise.h"
#include "engine/pyformat.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <limits>

namespace av::engine::py {

// ---- names and conversions --------------------------------------------------------------------------

std::string typeNameOf(const ObjectPtr& object)
{
    const TypeInfo* type = object->type();
    if (!type->tpName.empty())
        return type->tpName;
    // Messages name NumPy's types with their module ("numpy.ndarray", "numpy.float64"): tp_name of a type
    // written in C. Its classes written in Python (numpy.core._internal._ctypes) go by their bare name.
    if (type->qualifiedName.rfind("numpy.", 0) == 0 && type->qualifiedName.rfind("numpy.core._internal.", 0) != 0)
        return type->qualifiedName;
    return type->name;
}

std::optional<std::int64_t> asIndex(const ObjectPtr& object)
{
    switch (object->kind()) {
    case ObjectKind::Int: return static_cast<const IntObject&>(*object).value;
    case ObjectKind::Bool: return static_cast<const BoolObject&>(*object).value ? 1 : 0;
    case ObjectKind::Array: {
        const Array& array = *static_cast<const ArrayObject&>(*object).array;
        if (array.numel() != 1 || !isIntegral(array.dtype(), true) || (array.isNdarray() && array.dim() > 0))
            return std::nullopt;
        if (array.isTensor() && array.dtype() == DType::Bool)
            return std::nullopt;
        return dispatchDType(array.dtype(), [&]<typename T>(TypeTag<T>) -> std::int64_t {
            if constexpr (kIsFloat<T>)
                return 0;
            else
                return static_cast<std::int64_t>(loadElement<T>(array.data()));
        });
    }
    default: return std::nullopt;
    }
}

std::optional<double> asDouble(const ObjectPtr& object)
{
    switch (object->kind()) {
    case ObjectKind::Int: return static_cast<double>(static_cast<const IntObject&>(*object).value);
    case ObjectKind::Bool: return static_cast<const BoolObject&>(*object).value ? 1.0 : 0.0;
    case ObjectKind::Float: return static_cast<const FloatObject&>(*object).value;
    case ObjectKind::Array: {
        const Array& array = *static_cast<const ArrayObject&>(*object).array;
        if (array.numel() != 1)
            return std::nullopt;
        return dispatchDType(array.dtype(), [&]<typename T>(TypeTag<T>) -> double {
            return static_cast<double>(static_cast<OpMathT<T>>(loadElement<T>(array.data())));
        });
    }
    default: return std::nullopt;
    }
}

namespace {

bool isNumber(const ObjectPtr& o)
{
    return o->kind() == ObjectKind::Int || o->kind() == ObjectKind::Bool || o->kind() == ObjectKind::Float;
}

bool isArray(const ObjectPtr& o) { return o->kind() == ObjectKind::Array; }
const ArrayPtr& arrayOf(const ObjectPtr& o) { return static_cast<const ArrayObject&>(*o).array; }
std::int64_t intOf(const ObjectPtr& o) { return *asIndex(o); }

// An object as an engine operand: arrays and Python numbers.
std::optional<Value> operandOf(const ObjectPtr& o)
{
    switch (o->kind()) {
    case ObjectKind::Array: return Value(arrayOf(o));
    case ObjectKind::Int: return Value(Scalar(static_cast<const IntObject&>(*o).value));
    case ObjectKind::Bool: return Value(Scalar(static_cast<const BoolObject&>(*o).value));
    case ObjectKind::Float: return Value(Scalar(static_cast<const FloatObject&>(*o).value));
    default: return std::nullopt;
    }
}

std::optional<engine::BinaryOp> engineOp(BinOpKind op)
{
    switch (op) {
    case BinOpKind::Add: return engine::BinaryOp::Add;
    case BinOpKind::Sub: return engine::BinaryOp::Sub;
    case BinOpKind::Mul: return engine::BinaryOp::Mul;
    case BinOpKind::Div: return engine::BinaryOp::Div;
    case BinOpKind::FloorDiv: return engine::BinaryOp::FloorDiv;
    case BinOpKind::Mod: return engine::BinaryOp::Mod;
    case BinOpKind::Pow: return engine::BinaryOp::Pow;
    default: return std::nullopt;
    }
}

std::optional<engine::BinaryOp> engineCompare(CompareKind op)
{
    switch (op) {
    case CompareKind::Eq: return engine::BinaryOp::Eq;
    case CompareKind::NotEq: return engine::BinaryOp::Ne;
    case CompareKind::Lt: return engine::BinaryOp::Lt;
    case CompareKind::LtE: return engine::BinaryOp::Le;
    case CompareKind::Gt: return engine::BinaryOp::Gt;
    case CompareKind::GtE: return engine::BinaryOp::Ge;
    default: return std::nullopt;
    }
}

[[noreturn]] void unsupportedOperands(std::string_view symbol, const ObjectPtr& a, const ObjectPtr& b)
{
    throw pythonError("TypeError", "unsupported operand type(s) for " + std::string(symbol == "**" ? "** or pow()" : symbol) +
                                       ": '" + typeNameOf(a) + "' and '" + typeNameOf(b) + "'");
}

std::string pythonStrRepr(const std::string& text)
{
    // CPython picks single quotes unless the text has one and no double quote.
    const bool hasSingle = text.find('\'') != std::string::npos;
    const bool hasDouble = text.find('"') != std::string::npos;
    const char quote = hasSingle && !hasDouble ? '"' : '\'';
    std::string out(1, quote);
    for (std::size_t i = 0; i < text.size();) {
        const char ch = text[i];
        const auto c = static_cast<unsigned char>(ch);
        if (ch == quote || ch == '\\') {
            out += '\\';
            out += ch;
        } else if (ch == '\n') {
            out += "\\n";
        } else if (ch == '\r') {
            out += "\\r";
        } else if (ch == '\t') {
            out += "\\t";
        } else if (c < 0x80) {
            if (c < 0x20 || c == 0x7f) {
                char hex[8];
                std::snprintf(hex, sizeof hex, "\\x%02x", c);
                out += hex;
            } else {
                out += ch;
            }
        } else {
            // A UTF-8 sequence: kept when str.isprintable() would keep it, escaped as \xhh, \uhhhh or
            // \Uhhhhhhhh otherwise (U+00A0, U+200B, ...).
            const std::size_t length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
            char32_t codepoint = length == 4 ? c & 0x07 : length == 3 ? c & 0x0F : length == 2 ? c & 0x1F : c;
            for (std::size_t k = 1; k < length && i + k < text.size(); ++k)
                codepoint = (codepoint << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
            if (length > 1 && i + length <= text.size() && isPrintable(codepoint)) {
                out.append(text, i, length);
            } else {
                char hex[16];
                if (codepoint < 0x100)
                    std::snprintf(hex, sizeof hex, "\\x%02x", static_cast<unsigned>(codepoint));
                else if (codepoint < 0x10000)
                    std::snprintf(hex, sizeof hex, "\\u%04x", static_cast<unsigned>(codepoint));
                else
                    std::snprintf(hex, sizeof hex, "\\U%08x", static_cast<unsigned>(codepoint));
                out += hex;
            }
            i += std::min(length, text.size() - i);
            continue;
        }
        ++i;
    }
    out += quote;
    return out;
}

[[noreturn]] void integerOverflow()
{
    throw pythonError("OverflowError", "aliasview's integers are 64-bit: this result does not fit (Python's would grow "
                                       "without bound)");
}

std::int64_t checkedInt(bool overflow, std::int64_t value)
{
    if (overflow)
        integerOverflow();
    return value;
}

std::int64_t pythonFloorDiv(std::int64_t a, std::int64_t b)
{
    if (b == 0)
        throw pythonError("ZeroDivisionError", "integer division or modulo by zero");
    if (a == std::numeric_limits<std::int64_t>::min() && b == -1)
        checkedInt(true, 0);
    std::int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0)))
        --q;
    return q;
}

std::int64_t pythonMod(std::int64_t a, std::int64_t b)
{
    if (b == 0)
        throw pythonError("ZeroDivisionError", "integer modulo by zero");
    if (b == -1)
        return 0;
    std::int64_t r = a % b;
    if (r != 0 && ((r < 0) != (b < 0)))
        r += b;
    return r;
}

double pythonFloatMod(double a, double b)
{
    if (b == 0.0)
        throw pythonError("ZeroDivisionError", "float modulo");
    double mod = std::fmod(a, b);
    if (mod != 0.0) {
        if ((b < 0) != (mod < 0))
            mod += b;
    } else {
        mod = std::copysign(0.0, b);
    }
    return mod;
}

double pythonFloatFloorDiv(double a, double b)
{
    if (b == 0.0)
        throw pythonError("ZeroDivisionError", "float floor division by zero");
    const double mod = std::fmod(a, b);
    double div = (a - mod) / b;
    if (mod != 0.0 && ((b < 0) != (mod < 0)))
        div -= 1.0;
    if (div == 0.0)
        return std::copysign(0.0, a / b);
    double floordiv = std::floor(div);
    if (div - floordiv > 0.5)
        floordiv += 1.0;
    return floordiv;
}

ObjectPtr numberOp(BinOpKind op, const ObjectPtr& a, const ObjectPtr& b)
{
    const bool floats = a->kind() == ObjectKind::Float || b->kind() == ObjectKind::Float;
    if (!floats) {
        const std::int64_t x = intOf(a), y = intOf(b);
        std::int64_t r = 0;
        switch (op) {
        // The overflow test must run before r is read: function arguments are unsequenced.
        case BinOpKind::Add: {
            const bool overflow = __builtin_add_overflow(x, y, &r);
            return makeInt(checkedInt(overflow, r));
        }
        case BinOpKind::Sub: {
            const bool overflow = __builtin_sub_overflow(x, y, &r);
            return makeInt(checkedInt(overflow, r));
        }
        case BinOpKind::Mul: {
            const bool overflow = __builtin_mul_overflow(x, y, &r);
            return makeInt(checkedInt(overflow, r));
        }
        case BinOpKind::Div:
            if (y == 0)
                throw pythonError("ZeroDivisionError", "division by zero");
            return makeFloat(static_cast<double>(x) / static_cast<double>(y));
        case BinOpKind::FloorDiv: return makeInt(pythonFloorDiv(x, y));
        case BinOpKind::Mod: return makeInt(pythonMod(x, y));
        case BinOpKind::Pow: {
            if (y < 0) {
                if (x == 0)
                    throw pythonError("ZeroDivisionError", "0.0 cannot be raised to a negative power");
                return makeFloat(std::pow(static_cast<double>(x), static_cast<double>(y)));
            }
            std::int64_t result = 1, base = x, exponent = y;
            bool overflow = false;
            while (exponent) {
                if (exponent & 1)
                    overflow |= __builtin_mul_overflow(result, base, &result);
                exponent >>= 1;
                if (exponent)
                    overflow |= __builtin_mul_overflow(base, base, &base);
            }
            return makeInt(checkedInt(overflow, result));
        }
        case BinOpKind::LShift:
            if (y < 0)
                throw pythonError("ValueError", "negative shift count");
            if (y >= 63 || (x != 0 && (x > (std::numeric_limits<std::int64_t>::max() >> y) || x < (std::numeric_limits<std::int64_t>::min() >> y))))
                checkedInt(x != 0, 0);
            return makeInt(static_cast<std::int64_t>(static_cast<std::uint64_t>(x) << y));
        case BinOpKind::RShift:
            if (y < 0)
                throw pythonError("ValueError", "negative shift count");
            return makeInt(y >= 64 ? (x < 0 ? -1 : 0) : x >> y);
        case BinOpKind::BitAnd:
            return a->kind() == ObjectKind::Bool && b->kind() == ObjectKind::Bool ? makeBool(x & y) : makeInt(x & y);
        case BinOpKind::BitOr:
            return a->kind() == ObjectKind::Bool && b->kind() == ObjectKind::Bool ? makeBool(x | y) : makeInt(x | y);
        case BinOpKind::BitXor:
            return a->kind() == ObjectKind::Bool && b->kind() == ObjectKind::Bool ? makeBool(x ^ y) : makeInt(x ^ y);
        case BinOpKind::MatMul: unsupportedOperands("@", a, b);
        }
    }
    const double x = *asDouble(a), y = *asDouble(b);
    switch (op) {
    case BinOpKind::Add: return makeFloat(x + y);
    case BinOpKind::Sub: return makeFloat(x - y);
    case BinOpKind::Mul: return makeFloat(x * y);
    case BinOpKind::Div:
        if (y == 0.0)
            throw pythonError("ZeroDivisionError", "float division by zero");
        return makeFloat(x / y);
    case BinOpKind::FloorDiv: return makeFloat(pythonFloatFloorDiv(x, y));
    case BinOpKind::Mod: return makeFloat(pythonFloatMod(x, y));
    case BinOpKind::Pow: {
        if (x == 0.0 && y < 0.0)
            throw pythonError("ZeroDivisionError", "0.0 cannot be raised to a negative power");
        if (x < 0.0 && std::floor(y) != y)
            throw pythonError("ValueError", "aliasview does not support complex numbers: a negative number to a "
                                            "fractional power is complex in Python");
        const double r = std::pow(x, y);
        if (std::isinf(r) && std::isfinite(x) && std::isfinite(y))
            throw pythonError("OverflowError", "(34, 'Numerical result out of range')");
        return makeFloat(r);
    }
    case BinOpKind::MatMul: unsupportedOperands("@", a, b);
    default: unsupportedOperands(symbolOf(op), a, b);
    }
}

ObjectPtr sequenceRepeat(const ObjectPtr& sequence, const ObjectPtr& count, Interpreter& interpreter)
{
    const std::optional<std::int64_t> n = asIndex(count);
    if (!n && count->kind() == ObjectKind::Array) {
        // The array's own __index__ refuses.
        if (arrayOf(count)->isTensor())
            throw pythonError("TypeError", "only integer tensors of a single element can be converted to an index");
        throw pythonError("TypeError", "only integer scalar arrays can be converted to a scalar index");
    }
    if (!n)
        throw pythonError("TypeError", "can't multiply sequence by non-int of type '" + typeNameOf(count) + "'");
    const std::int64_t times = std::max<std::int64_t>(*n, 0);
    if (sequence->kind() == ObjectKind::Str) {
        const std::string& text = static_cast<const StrObject&>(*sequence).value;
        interpreter.checkContainerSize(static_cast<std::int64_t>(text.size()) * times);
        std::string out;
        for (std::int64_t i = 0; i < times; ++i)
            out += text;
        return makeStr(std::move(out));
    }
    const auto& items = static_cast<const SequenceObject&>(*sequence).items;
    interpreter.checkContainerSize(static_cast<std::int64_t>(items.size()) * times);
    std::vector<ObjectPtr> out;
    out.reserve(items.size() * static_cast<std::size_t>(times));
    for (std::int64_t i = 0; i < times; ++i)
        out.insert(out.end(), items.begin(), items.end());
    return sequence->kind() == ObjectKind::List ? makeList(std::move(out)) : makeTuple(std::move(out));
}

}  // namespace

// ---- repr / str / truth --------------------------------------------------------------------------------

// CPython's recursion limit, for the operations that walk nested containers: comparing two lists nested
// a hundred thousand deep is a RecursionError, not a C++ stack overflow.
struct Interpreter::Impl::NestingGuard {
    NestingGuard(Impl& impl, const char* what) : impl(impl)
    {
        if (impl.nestingDepth >= 990)
            throw pythonError("RecursionError", std::string("maximum recursion depth exceeded") + what);
        ++impl.nestingDepth;
    }
    ~NestingGuard() { --impl.nestingDepth; }
    NestingGuard(const NestingGuard&) = delete;
    NestingGuard& operator=(const NestingGuard&) = delete;
    Impl& impl;
};

// Py_ReprEnter / Py_ReprLeave: a container already being printed prints as [...] (a = [1]; a.append(a)),
// and nesting deeper than CPython's recursion limit is a RecursionError, not a C++ stack overflow.
struct Interpreter::Impl::ReprGuard {
    ReprGuard(Impl& impl, const Object* object) : impl(impl)
    {
        recursive = std::find(impl.reprInProgress.begin(), impl.reprInProgress.end(), object) != impl.reprInProgress.end();
        if (recursive)
            return;
        if (impl.reprInProgress.size() >= kMaxReprDepth)
            throw pythonError("RecursionError", "maximum recursion depth exceeded while getting the repr of an object");
        impl.reprInProgress.push_back(object);
    }
    ~ReprGuard()
    {
        if (!recursive)
            impl.reprInProgress.pop_back();
    }
    ReprGuard(const ReprGuard&) = delete;
    ReprGuard& operator=(const ReprGuard&) = delete;

    static constexpr std::size_t kMaxReprDepth = 990;
    Impl& impl;
    bool recursive = false;
};

std::string Interpreter::Impl::repr(const ObjectPtr& object)
{
    switch (object->kind()) {
    case ObjectKind::None: return "None";
    case ObjectKind::Bool: return static_cast<const BoolObject&>(*object).value ? "True" : "False";
    case ObjectKind::Int: return std::to_string(static_cast<const IntObject&>(*object).value);
    case ObjectKind::Float: return formatPythonFloat(static_cast<const FloatObject&>(*object).value);
    case ObjectKind::Str: return pythonStrRepr(static_cast<const StrObject&>(*object).value);
    case ObjectKind::Ellipsis: return "Ellipsis";
    case ObjectKind::List:
    case ObjectKind::Tuple: {
        const auto& sequence = static_cast<const SequenceObject&>(*object);
        if (const auto it = object->type()->methods.find("__repr__"); it != object->type()->methods.end()) {
            CallArgs none({}, {});
            return static_cast<const StrObject&>(*it->second(self, object, none)).value;
        }
        const bool list = object->kind() == ObjectKind::List;
        const ReprGuard guard(*this, object.get());
        if (guard.recursive)
            return list ? "[...]" : "(...)";
        std::string out = list ? "[" : "(";
        for (std::size_t i = 0; i < sequence.items.size(); ++i) {
            if (i)
                out += ", ";
            out += repr(sequence.items[i]);
        }
        if (!list && sequence.items.size() == 1)
            out += ",";
        return out + (list ? "]" : ")");
    }
    case ObjectKind::Dict: {
        const auto& dict = static_cast<const DictObject&>(*object);
        const ReprGuard guard(*this, object.get());
        if (guard.recursive)
            return "{...}";
        std::string out = "{";
        for (std::size_t i = 0; i < dict.entries.size(); ++i) {
            if (i)
                out += ", ";
            out += repr(dict.entries[i].first) + ": " + repr(dict.entries[i].second);
        }
        return out + "}";
    }
    case ObjectKind::Range: {
        const auto& range = static_cast<const RangeObject&>(*object);
        return "range(" + std::to_string(range.start) + ", " + std::to_string(range.stop) +
               (range.step == 1 ? std::string() : ", " + std::to_string(range.step)) + ")";
    }
    case ObjectKind::Slice: {
        const auto& slice = static_cast<const SliceObject&>(*object);
        return "slice(" + repr(slice.start) + ", " + repr(slice.stop) + ", " + repr(slice.step) + ")";
    }
    case ObjectKind::Module: {
        const std::string& name = static_cast<const ModuleObject&>(*object).name;
        return "<module '" + name + "' from '/usr/lib/python3/dist-packages/" + name + "/__init__.py'>";
    }
    case ObjectKind::Function: {
        const auto& function = static_cast<const FunctionObject&>(*object);
        if (function.self) {
            char address[32];
            std::snprintf(address, sizeof address, "0x%lx", static_cast<unsigned long>(function.self->id()));
            return "<built-in method " + function.name + " of " + function.self->type()->name + " object at " + address + ">";
        }
        return "<built-in function " + function.name + ">";
    }
    case ObjectKind::Type: return "<class '" + static_cast<const TypeObject&>(*object).info->qualifiedName + "'>";
    case ObjectKind::Array: return arrayRepr(*arrayOf(object));
    case ObjectKind::Exception: {
        const auto& exception = static_cast<const ExceptionObject&>(*object);
        const std::string& name = exception.type()->name;
        // BaseException.__repr__: the class name and the args, ValueError('a') or ValueError('a', 1).
        if (!exception.error.argsRepr().empty())
            return name + "(" + exception.error.argsRepr() + ")";
        if (const auto* withArgs = dynamic_cast<const ExceptionWithArgs*>(&exception)) {
            if (withArgs->args.size() == 1)
                return name + "(" + repr(withArgs->args[0]) + ")";
            return name + repr(makeTuple(withArgs->args));
        }
        if (exception.error.message().empty())
            return name + "()";
        return name + "(" + pythonStrRepr(exception.error.message()) + ")";
    }
    default: break;
    }
    if (const auto it = object->type()->methods.find("__repr__"); it != object->type()->methods.end()) {
        CallArgs none({}, {});
        return static_cast<const StrObject&>(*it->second(self, object, none)).value;
    }
    char address[32];
    std::snprintf(address, sizeof address, "0x%lx", static_cast<unsigned long>(object->id()));
    return "<" + object->type()->qualifiedName + " object at " + address + ">";
}

std::string Interpreter::Impl::str(const ObjectPtr& object)
{
    switch (object->kind()) {
    case ObjectKind::Str: return static_cast<const StrObject&>(*object).value;
    case ObjectKind::Array: return arrayStr(*arrayOf(object));
    case ObjectKind::Exception: {
        const PyError& error = static_cast<const ExceptionObject&>(*object).error;
        // str(KeyError('x')) is the key's repr.
        if (error.typeName() == "KeyError" && !error.message().empty() && error.message().front() != '\'')
            return error.message();
        return error.message();
    }
    default: break;
    }
    if (const auto it = object->type()->methods.find("__str__"); it != object->type()->methods.end()) {
        CallArgs none({}, {});
        return static_cast<const StrObject&>(*it->second(self, object, none)).value;
    }
    return repr(object);
}

bool Interpreter::Impl::truthy(const ObjectPtr& object)
{
    switch (object->kind()) {
    case ObjectKind::None: return false;
    case ObjectKind::Bool: return static_cast<const BoolObject&>(*object).value;
    case ObjectKind::Int: return static_cast<const IntObject&>(*object).value != 0;
    case ObjectKind::Float: return static_cast<const FloatObject&>(*object).value != 0.0;
    case ObjectKind::Str: return !static_cast<const StrObject&>(*object).value.empty();
    case ObjectKind::List:
    case ObjectKind::Tuple: return !static_cast<const SequenceObject&>(*object).items.empty();
    case ObjectKind::Dict: return !static_cast<const DictObject&>(*object).entries.empty();
    case ObjectKind::Range: return static_cast<const RangeObject&>(*object).length() > 0;
    case ObjectKind::Array: {
        const Array& array = *arrayOf(object);
        if (array.isTensor()) {
            if (array.numel() == 0)
                throw pythonError("RuntimeError", "Boolean value of Tensor with no values is ambiguous");
            if (array.numel() > 1)
                throw pythonError("RuntimeError", "Boolean value of Tensor with more than one value is ambiguous");
        } else {
            if (array.numel() == 0) {
                warn("DeprecationWarning",
                     "The truth value of an empty array is ambiguous. Returning False, but in future this will result in an "
                     "error. Use `array.size > 0` to check that an array is not empty.");
                return false;
            }
            if (array.numel() > 1)
                throw pythonError("ValueError", "The truth value of an array with more than one element is ambiguous. Use "
                                                "a.any() or a.all()");
        }
        return *asDouble(object) != 0.0 || std::isnan(*asDouble(object));
    }
    default: break;
    }
    if (const auto it = object->type()->methods.find("__bool__"); it != object->type()->methods.end()) {
        CallArgs none({}, {});
        return truthy(it->second(self, object, none));
    }
    if (const auto it = object->type()->methods.find("__len__"); it != object->type()->methods.end()) {
        CallArgs none({}, {});
        return truthy(it->second(self, object, none));
    }
    return true;
}

// ---- operators ------------------------------------------------------------------------------------------

ObjectPtr Interpreter::Impl::binaryOp(BinOpKind op, const ObjectPtr& left, const ObjectPtr& right)
{
    // str.__mod__ answers first, whatever the right operand: '%s' % tensor formats the tensor.
    if (op == BinOpKind::Mod && left->kind() == ObjectKind::Str)
        return makeStr(percentFormat(static_cast<const StrObject&>(*left).value, right));
    if (isArray(left) || isArray(right)) {
        const std::optional<Value> a = operandOf(left), b = operandOf(right);
        if (!a || !b) {
            // A list or tuple with an ndarray: NumPy first turns it into an array (a + [1, 2]). A tensor's
            // operators take tensors and numbers only, so t + [1, 2] is a TypeError.
            if (left->kind() == ObjectKind::Str || right->kind() == ObjectKind::Str || !(a || b))
                unsupportedOperands(symbolOf(op), left, right);
            const ArrayPtr& known = a ? std::get<ArrayPtr>(*a) : std::get<ArrayPtr>(*b);
            const ObjectPtr& other = a ? right : left;
            const bool sequence = other->kind() == ObjectKind::List || other->kind() == ObjectKind::Tuple;
            if (sequence && known->isTensor()) {
                // The tensor's operator declined, so Python falls back on the sequence's own + and *.
                if (op == BinOpKind::Mul)
                    return sequenceRepeat(other, a ? left : right, self);
                if (op == BinOpKind::Add && !a)
                    throw pythonError("TypeError", "can only concatenate " + typeNameOf(left) + " (not \"" + typeNameOf(right) +
                                                       "\") to " + typeNameOf(left));
            }
            if (!sequence || known->isTensor())
                unsupportedOperands(symbolOf(op), left, right);
            const ObjectPtr converted = wrap(arrayFromData(known->flavour(), nestedListOf(other), {}));
            return a ? binaryOp(op, left, converted) : binaryOp(op, converted, right);
        }
        if (op == BinOpKind::MatMul)
            return self.wrap(engine::matmul(*a, *b));
        const std::optional<engine::BinaryOp> engineOperator = engineOp(op);
        if (!engineOperator)
            return bitwiseArrayOp(op, *a, *b, left, right);
        return self.wrap(engine::binary(*engineOperator, *a, *b));
    }
    if (isNumber(left) && isNumber(right))
        return numberOp(op, left, right);
    const ObjectKind lk = left->kind(), rk = right->kind();
    if (op == BinOpKind::Add) {
        if (lk == ObjectKind::Str && rk == ObjectKind::Str) {
            const std::string& a = static_cast<const StrObject&>(*left).value;
            const std::string& b = static_cast<const StrObject&>(*right).value;
            self.checkContainerSize(static_cast<std::int64_t>(a.size() + b.size()));
            return makeStr(a + b);
        }
        if (lk == ObjectKind::Str)
            throw pythonError("TypeError", "can only concatenate str (not \"" + typeNameOf(right) + "\") to str");
        // A tuple subclass may define its own + (torch.Size + tuple is a torch.Size).
        if (lk == ObjectKind::Tuple && rk == ObjectKind::Tuple) {
            if (const auto it = left->type()->methods.find("__add__"); it != left->type()->methods.end()) {
                CallArgs args({right}, {});
                return it->second(self, left, args);
            }
        }
        // list + list and tuple + tuple (any tuple subclass on either side gives a plain tuple).
        if ((lk == ObjectKind::List || lk == ObjectKind::Tuple) && lk == rk) {
            std::vector<ObjectPtr> items = static_cast<const SequenceObject&>(*left).items;
            const auto& more = static_cast<const SequenceObject&>(*right).items;
            self.checkContainerSize(static_cast<std::int64_t>(items.size() + more.size()));
            items.insert(items.end(), more.begin(), more.end());
            return lk == ObjectKind::List ? makeList(std::move(items)) : makeTuple(std::move(items));
        }
        if (lk == ObjectKind::List)
            throw pythonError("TypeError", "can only concatenate list (not \"" + typeNameOf(right) + "\") to list");
        if (lk == ObjectKind::Tuple)
            throw pythonError("TypeError", "can only concatenate tuple (not \"" + typeNameOf(right) + "\") to tuple");
    }
    if (op == BinOpKind::Mul) {
        const auto isSequence = [](ObjectKind k) { return k == ObjectKind::Str || k == ObjectKind::List || k == ObjectKind::Tuple; };
        if (isSequence(lk))
            return sequenceRepeat(left, right, self);
        if (isSequence(rk))
            return sequenceRepeat(right, left, self);
    }
    if (op == BinOpKind::Mod && lk == ObjectKind::Str)
        return makeStr(percentFormat(static_cast<const StrObject&>(*left).value, right));
    unsupportedOperands(symbolOf(op), left, right);
}

ObjectPtr Interpreter::Impl::inplaceOp(BinOpKind op, const ObjectPtr& left, const ObjectPtr& right)
{
    if (isArray(left)) {
        const std::optional<engine::BinaryOp> engineOperator = engineOp(op);
        const std::optional<Value> b = operandOf(right);
        if (engineOperator && b)
            return self.wrap(engine::inplace(*engineOperator, Value(arrayOf(left)), *b));
        // NumPy refuses a @= b; a tensor has no __imatmul__, so Python falls back to a = a @ b.
        if (op == BinOpKind::MatMul && b && arrayOf(left)->isNdarray())
            throw pythonError("TypeError", "In-place matrix multiplication is not (yet) supported. Use 'a = a @ b' instead of "
                                           "'a @= b'.");
        return binaryOp(op, left, right);
    }
    if (left->kind() == ObjectKind::List && op == BinOpKind::Add) {
        // list += iterable extends the list in place.
        auto& items = static_cast<SequenceObject&>(*left).items;
        std::vector<ObjectPtr> more = iterate(right);
        self.checkContainerSize(static_cast<std::int64_t>(items.size() + more.size()));
        items.insert(items.end(), more.begin(), more.end());
        return left;
    }
    if (left->kind() == ObjectKind::List && op == BinOpKind::Mul && asIndex(right)) {
        // list *= n repeats the list in place.
        const ObjectPtr repeated = binaryOp(op, left, right);
        static_cast<SequenceObject&>(*left).items = static_cast<const SequenceObject&>(*repeated).items;
        return left;
    }
    if (isArray(right) && isNumber(left)) {
        const std::optional<engine::BinaryOp> engineOperator = engineOp(op);
        if (engineOperator)
            return self.wrap(engine::inplace(*engineOperator, *operandOf(left), Value(arrayOf(right))));
    }
    try {
        return binaryOp(op, left, right);
    } catch (const PyError& error) {
        // The message names the augmented operator: "unsupported operand type(s) for +=".
        const std::string prefix = "unsupported operand type(s) for " + std::string(symbolOf(op)) + ":";
        if (error.typeName() == "TypeError" && error.message().rfind(prefix, 0) == 0)
            throw pythonError("TypeError", "unsupported operand type(s) for " + std::string(symbolOf(op)) + "=:" +
                                               error.message().substr(prefix.size()));
        throw;
    }
}

ObjectPtr Interpreter::Impl::unaryOp(UnaryOpKind op, const ObjectPtr& operand)
{
    if (op == UnaryOpKind::Not)
        return makeBool(!truthy(operand));
    if (isArray(operand)) {
        const ArrayPtr& array = arrayOf(operand);
        switch (op) {
        case UnaryOpKind::Neg: return self.wrap(engine::negate(array));
        case UnaryOpKind::Pos: return positiveOf(array);
        case UnaryOpKind::Invert: return invertOf(array);
        default: break;
        }
    }
    if (isNumber(operand)) {
        if (operand->kind() == ObjectKind::Float) {
            const double v = static_cast<const FloatObject&>(*operand).value;
            if (op == UnaryOpKind::Neg)
                return makeFloat(-v);
            if (op == UnaryOpKind::Pos)
                return makeFloat(v);
            throw pythonError("TypeError", "bad operand type for unary ~: 'float'");
        }
        const std::int64_t v = intOf(operand);
        if (op == UnaryOpKind::Neg) {
            if (v == std::numeric_limits<std::int64_t>::min())
                integerOverflow();
            return makeInt(-v);
        }
        if (op == UnaryOpKind::Pos)
            return makeInt(v);
        return makeInt(~v);
    }
    const char* symbol = op == UnaryOpKind::Neg ? "-" : op == UnaryOpKind::Pos ? "+" : "~";
    throw pythonError("TypeError", std::string("bad operand type for unary ") + symbol + ": '" + typeNameOf(operand) + "'");
}

bool Interpreter::Impl::equal(const ObjectPtr& a, const ObjectPtr& b)
{
    if (a == b)
        return true;
    if (isNumber(a) && isNumber(b)) {
        if (a->kind() != ObjectKind::Float && b->kind() != ObjectKind::Float)
            return intOf(a) == intOf(b);
        return *asDouble(a) == *asDouble(b);
    }
    if (a->kind() == ObjectKind::Str && b->kind() == ObjectKind::Str)
        return static_cast<const StrObject&>(*a).value == static_cast<const StrObject&>(*b).value;
    if ((a->kind() == ObjectKind::List || a->kind() == ObjectKind::Tuple) && a->kind() == b->kind()) {
        const auto& x = static_cast<const SequenceObject&>(*a).items;
        const auto& y = static_cast<const SequenceObject&>(*b).items;
        if (x.size() != y.size())
            return false;
        const NestingGuard guard(*this, " in comparison");
        for (std::size_t i = 0; i < x.size(); ++i)
            if (x[i] != y[i] && !equal(x[i], y[i]))
                return false;
        return true;
    }
    if (a->kind() == ObjectKind::Dict && b->kind() == ObjectKind::Dict) {
        // Equal when both hold the same keys with equal values, whatever the order.
        const auto& x = static_cast<const DictObject&>(*a).entries;
        const auto& y = static_cast<const DictObject&>(*b).entries;
        if (x.size() != y.size())
            return false;
        const NestingGuard guard(*this, " in comparison");
        for (const auto& item : x) {
            const ObjectPtr& key = item.first;  // not a structured binding: clang 14 cannot capture those
            const ObjectPtr& value = item.second;
            const auto match = std::find_if(y.begin(), y.end(), [&](const auto& entry) { return equal(entry.first, key); });
            if (match == y.end() || (match->second != value && !equal(match->second, value)))
                return false;
        }
        return true;
    }
    if (a->kind() == ObjectKind::Range && b->kind() == ObjectKind::Range) {
        const auto& x = static_cast<const RangeObject&>(*a);
        const auto& y = static_cast<const RangeObject&>(*b);
        const std::int64_t n = x.length();
        return n == y.length() && (n == 0 || (x.start == y.start && (n == 1 || x.step == y.step)));
    }
    if (isArray(a) || isArray(b))
        return truthy(compare(CompareKind::Eq, a, b));
    if (const auto it = a->type()->methods.find("__eq__"); it != a->type()->methods.end()) {
        CallArgs args({b}, {});
        return truthy(it->second(self, a, args));
    }
    if (const auto it = b->type()->methods.find("__eq__"); it != b->type()->methods.end()) {
        CallArgs args({a}, {});
        return truthy(it->second(self, b, args));
    }
    return false;
}

ObjectPtr Interpreter::Impl::compare(CompareKind op, const ObjectPtr& left, const ObjectPtr& right)
{
    switch (op) {
    case CompareKind::Is: return makeBool(left == right);
    case CompareKind::IsNot: return makeBool(left != right);
    case CompareKind::In: return makeBool(contains(right, left));
    case CompareKind::NotIn: return makeBool(!contains(right, left));
    default: break;
    }
    if (isArray(left) || isArray(right)) {
        const std::optional<Value> a = operandOf(left), b = operandOf(right);
        if (a && b)
            return self.wrap(engine::binary(*engineCompare(op), *a, *b));
        // NumPy compares with a list or tuple elementwise, as it does arithmetic (a == [0, 1, 2]); torch
        // does not (t == [1, 2] is False, t < [1, 2] a TypeError).
        const ObjectPtr& other = a ? right : left;
        if ((a || b) && (other->kind() == ObjectKind::List || other->kind() == ObjectKind::Tuple) &&
            arrayOf(a ? left : right)->isNdarray()) {
            const ObjectPtr converted = self.wrap(arrayFromData(Flavour::Numpy, nestedListOf(other), {}));
            return a ? compare(op, left, converted) : compare(op, converted, right);
        }
        if (op == CompareKind::Eq || op == CompareKind::NotEq)
            return makeBool((left == right) == (op == CompareKind::Eq));
        throw pythonError("TypeError", "'" + std::string(symbolOf(op)) + "' not supported between instances of '" +
                                           typeNameOf(left) + "' and '" + typeNameOf(right) + "'");
    }
    if ((op == CompareKind::Eq || op == CompareKind::NotEq) && isNumber(left) && isNumber(right)) {
        // Numbers compare by value even when they are one object: x = float('nan'); x == x is False. (Only
        // containers compare their items by identity first.)
        const bool same = left->kind() != ObjectKind::Float && right->kind() != ObjectKind::Float
                              ? intOf(left) == intOf(right)
                              : *asDouble(left) == *asDouble(right);
        return makeBool(same == (op == CompareKind::Eq));
    }
    if (op == CompareKind::Eq)
        return makeBool(equal(left, right));
    if (op == CompareKind::NotEq)
        return makeBool(!equal(left, right));
    const auto ordered = [&](int c) {
        switch (op) {
        case CompareKind::Lt: return c < 0;
        case CompareKind::LtE: return c <= 0;
        case CompareKind::Gt: return c > 0;
        default: return c >= 0;
        }
    };
    if (isNumber(left) && isNumber(right)) {
        if (left->kind() != ObjectKind::Float && right->kind() != ObjectKind::Float) {
            const std::int64_t x = intOf(left), y = intOf(right);
            return makeBool(ordered(x < y ? -1 : x > y ? 1 : 0));
        }
        const double x = *asDouble(left), y = *asDouble(right);
        if (std::isnan(x) || std::isnan(y))
            return falseObject();
        return makeBool(ordered(x < y ? -1 : x > y ? 1 : 0));
    }
    if (left->kind() == ObjectKind::Str && right->kind() == ObjectKind::Str)
        return makeBool(ordered(static_cast<const StrObject&>(*left).value.compare(static_cast<const StrObject&>(*right).value)));
    if ((left->kind() == ObjectKind::List || left->kind() == ObjectKind::Tuple) && left->kind() == right->kind()) {
        const auto& x = static_cast<const SequenceObject&>(*left).items;
        const auto& y = static_cast<const SequenceObject&>(*right).items;
        const NestingGuard guard(*this, " in comparison");
        for (std::size_t i = 0; i < std::min(x.size(), y.size()); ++i)
            if (!equal(x[i], y[i]))
                return compare(op, x[i], y[i]);
        return makeBool(ordered(x.size() < y.size() ? -1 : x.size() > y.size() ? 1 : 0));
    }
    throw pythonError("TypeError", "'" + std::string(symbolOf(op)) + "' not supported between instances of '" +
                                       typeNameOf(left) + "' and '" + typeNameOf(right) + "'");
}

bool Interpreter::Impl::contains(const ObjectPtr& container, const ObjectPtr& item)
{
    switch (container->kind()) {
    case ObjectKind::List:
    case ObjectKind::Tuple:
        for (const ObjectPtr& element : static_cast<const SequenceObject&>(*container).items)
            if (element == item || equal(element, item))
                return true;
        return false;
    case ObjectKind::Str:
        if (item->kind() != ObjectKind::Str)
            throw pythonError("TypeError", "'in <string>' requires string as left operand, not " + typeNameOf(item));
        return static_cast<const StrObject&>(*container).value.find(static_cast<const StrObject&>(*item).value) != std::string::npos;
    case ObjectKind::Dict:
        for (const auto& [key, value] : static_cast<const DictObject&>(*container).entries)
            if (equal(key, item))
                return true;
        return false;
    case ObjectKind::Range: {
        const auto& range = static_cast<const RangeObject&>(*container);
        const std::optional<std::int64_t> v = asIndex(item);
        if (!v)
            return false;
        if (range.step > 0 ? (*v < range.start || *v >= range.stop) : (*v > range.start || *v <= range.stop))
            return false;
        return (*v - range.start) % range.step == 0;
    }
    case ObjectKind::Array: {
        // torch: (element == self).any(); NumPy: (self == element).any().
        // Tensor.__contains__ takes only tensors and numbers (NumPy scalars are numbers.Number).
        if (arrayOf(container)->isTensor() && !isNumber(item) &&
            !(isArray(item) && (arrayOf(item)->isTensor() || arrayOf(item)->isNumpyScalar())))
            throw pythonError("RuntimeError", "Tensor.__contains__ only supports Tensor or scalar, but you passed in a <class '" +
                                                  item->type()->qualifiedName + "'>.");
        const ObjectPtr eq = compare(CompareKind::Eq, container, item);
        if (!isArray(eq))
            return truthy(eq);
        const Array& mask = *arrayOf(eq);
        bool any = false;
        for (const std::int64_t offset : [&] {
                 std::vector<std::int64_t> offsets;
                 std::vector<std::int64_t> index(mask.sizes().size(), 0);
                 for (std::int64_t i = 0; i < mask.numel(); ++i) {
                     offsets.push_back(mask.bufferByteOffsetOf(index));
                     for (std::size_t d = index.size(); d-- > 0;) {
                         if (++index[d] < mask.sizes()[d])
                             break;
                         index[d] = 0;
                     }
                 }
                 return offsets;
             }())
            any |= loadElement<bool>(mask.buffer()->data() + offset);
        return any;
    }
    default: break;
    }
    if (const auto it = container->type()->methods.find("__contains__"); it != container->type()->methods.end()) {
        CallArgs args({item}, {});
        return truthy(it->second(self, container, args));
    }
    throw pythonError("TypeError", "argument of type '" + typeNameOf(container) + "' is not iterable");
}

// ---- arrays as Python objects: the operators the engine has no op family for ------------------------

ObjectPtr Interpreter::Impl::positiveOf(const ArrayPtr& array)
{
    // torch's __pos__ returns the tensor itself; NumPy's np.positive makes a new array.
    if (array->isTensor())
        return self.wrap(array);
    ArrayPtr copy = contiguousCopy(*array, Flavour::Numpy, array->dtype());
    copy->setNumpyScalar(copy->dim() == 0);
    return self.wrap(copy);
}

ObjectPtr Interpreter::Impl::invertOf(const ArrayPtr& array)
{
    return self.wrap(engine::invert(array));
}

ObjectPtr Interpreter::Impl::bitwiseArrayOp(BinOpKind op, const Value& a, const Value& b, const ObjectPtr& left,
                                            const ObjectPtr& right)
{
    switch (op) {
    case BinOpKind::BitAnd: return self.wrap(engine::bitwise(engine::BitwiseOp::And, a, b));
    case BinOpKind::BitOr: return self.wrap(engine::bitwise(engine::BitwiseOp::Or, a, b));
    case BinOpKind::BitXor: return self.wrap(engine::bitwise(engine::BitwiseOp::Xor, a, b));
    default: unsupportedOperands(symbolOf(op), left, right);
    }
}

// A Python list or tuple (of numbers, arrays and nested lists) as torch.tensor / np.array read it.
NestedList Interpreter::Impl::nestedListOf(const ObjectPtr& object)
{
    switch (object->kind()) {
    case ObjectKind::Int: return NestedList(Scalar(static_cast<const IntObject&>(*object).value));
    case ObjectKind::Bool: return NestedList(Scalar(static_cast<const BoolObject&>(*object).value));
    case ObjectKind::Float: return NestedList(Scalar(static_cast<const FloatObject&>(*object).value));
    case ObjectKind::Array: return NestedList(arrayOf(object));
    case ObjectKind::List:
    case ObjectKind::Tuple: {
        // Deeper than any array can be: torch's words for it (NumPy refuses past 32 dims in the engine).
        if (nestingDepth >= 990)
            throw pythonError("ValueError", "too many dimensions '" + typeNameOf(object) + "'");
        const NestingGuard guard(*this, "");
        NestedList::Items items;
        const auto& elements = static_cast<const SequenceObject&>(*object).items;
        items.reserve(elements.size());
        for (const ObjectPtr& element : elements) {
            tick();
            items.push_back(nestedListOf(element));
        }
        return NestedList(std::move(items));
    }
    default: break;
    }
    throw pythonError("TypeError", "aliasview can make arrays from numbers, arrays and lists of them, not from '" +
                                       typeNameOf(object) + "'");
}

// ---- attributes ---------------------------------------------------------------------------------------

ObjectPtr Interpreter::Impl::getAttribute(const ObjectPtr& object, const std::string& name)
{
    if (object->kind() == ObjectKind::Module) {
        const auto& module = static_cast<const ModuleObject&>(*object);
        if (const auto it = module.attributes.find(name); it != module.attributes.end())
            return it->second;
        throw pythonError("AttributeError", "module '" + module.name + "' has no attribute '" + name + "'");
    }
    if (name == "__name__" || name == "__qualname__" || name == "__module__") {
        // type(x).__name__ is how scripts print a class: "Tensor", "ndarray", "ValueError".
        if (object->kind() == ObjectKind::Type) {
            const TypeInfo& info = *static_cast<const TypeObject&>(*object).info;
            if (name != "__module__")
                return makeStr(info.name);
            const std::size_t dot = info.qualifiedName.rfind('.');
            return makeStr(dot == std::string::npos ? "builtins" : info.qualifiedName.substr(0, dot));
        }
        if (object->kind() == ObjectKind::Module && name == "__name__")
            return makeStr(static_cast<const ModuleObject&>(*object).name);
        if (object->kind() == ObjectKind::Function && name != "__module__")
            return makeStr(name == "__name__" ? static_cast<const FunctionObject&>(*object).name
                                              : static_cast<const FunctionObject&>(*object).qualifiedName);
    }
    if (object->kind() == ObjectKind::Exception && name == "args") {
        if (const auto* withArgs = dynamic_cast<const ExceptionWithArgs*>(object.get()))
            return makeTuple(withArgs->args);
        const PyError& error = static_cast<const ExceptionObject&>(*object).error;
        return error.message().empty() ? makeTuple({}) : makeTuple({makeStr(error.message())});
    }
    if (object->kind() == ObjectKind::Type && (name == "__name__" || name == "__qualname__" || name == "__module__")) {
        // A type's names: <class 'torch.Size'> has __name__ 'Size' and __module__ 'torch'.
        const TypeInfo* info = static_cast<const TypeObject&>(*object).info;
        if (name != "__module__")
            return makeStr(info->name);
        const std::size_t dot = info->qualifiedName.rfind('.');
        return makeStr(dot == std::string::npos ? "builtins" : info->qualifiedName.substr(0, dot));
    }
    const TypeInfo* lookup = object->kind() == ObjectKind::Type ? static_cast<const TypeObject&>(*object).info : object->type();
    for (const TypeInfo* type = lookup; type; type = type->base) {
        if (object->kind() != ObjectKind::Type) {
            if (const auto it = type->properties.find(name); it != type->properties.end())
                return it->second(self, object);
        }
        if (const auto it = type->methods.find(name); it != type->methods.end()) {
            if (object->kind() != ObjectKind::Type)
                return std::make_shared<FunctionObject>(name, lookup->name + "." + name, it->second, object);
            // An unbound method (torch.Tensor.add): the first argument is self, and must be an instance.
            const TypeInfo* owner = type;
            // torch's C methods live on torch._C._TensorBase.
            const std::string ownerName = owner == &tensorType() ? "torch._C._TensorBase" : owner->qualifiedName;
            const std::string shortName = owner == &tensorType() ? "_TensorBase" : owner->name;
            NativeFunction method = it->second;
            return std::make_shared<FunctionObject>(
                name, lookup->name + "." + name,
                [method, owner, name, ownerName, shortName](Interpreter& interpreter, const ObjectPtr&, CallArgs& args) {
                    if (args.positional().empty())
                        throw pythonError("TypeError", "unbound method " + shortName + "." + name + "() needs an argument");
                    const ObjectPtr self = args.positional().front();
                    if (!self->type()->isSubtypeOf(owner))
                        throw pythonError("TypeError", "descriptor '" + name + "' for '" + ownerName +
                                                           "' objects doesn't apply to a '" + typeNameOf(self) + "' object");
                    CallArgs rest(std::vector<ObjectPtr>(args.positional().begin() + 1, args.positional().end()), args.keywords());
                    return method(interpreter, self, rest);
                });
        }
    }
    if (object->kind() == ObjectKind::Type)
        throw pythonError("AttributeError", "type object '" + lookup->qualifiedName + "' has no attribute '" + name + "'");
    throw pythonError("AttributeError", "'" + typeNameOf(object) + "' object has no attribute '" + name + "'");
}

void Interpreter::Impl::setAttribute(const ObjectPtr& object, const std::string& name, const ObjectPtr& value)
{
    for (const TypeInfo* type = object->type(); type; type = type->base) {
        if (const auto it = type->methods.find("__setattr__" + name); it != type->methods.end()) {
            CallArgs args({value}, {});
            it->second(self, object, args);
            return;
        }
    }
    if (object->kind() == ObjectKind::Module)
        throw pythonError("AttributeError", "aliasview does not let scripts change module '" +
                                                static_cast<const ModuleObject&>(*object).name + "'");
    const bool known = object->type()->properties.count(name) || object->type()->methods.count(name);
    if (known)
        throw pythonError("AttributeError", "attribute '" + name + "' of '" + object->type()->qualifiedName +
                                                "' objects is not writable");
    throw pythonError("AttributeError", "'" + typeNameOf(object) + "' object has no attribute '" + name + "'");
}

// ---- subscripts -----------------------------------------------------------------------------------

namespace {

// Python's slice.indices(length).
void sliceIndices(Interpreter::Impl& impl, const SliceObject& slice, std::int64_t length, std::int64_t& start, std::int64_t& stop,
                  std::int64_t& step)
{
    const auto part = [&](const ObjectPtr& o) -> std::optional<std::int64_t> {
        if (o->kind() == ObjectKind::None)
            return std::nullopt;
        const std::optional<std::int64_t> v = asIndex(o);
        if (!v)
            throw pythonError("TypeError", "slice indices must be integers or None or have an __index__ method");
        return v;
    };
    (void)impl;
    const std::optional<std::int64_t> s = part(slice.start), e = part(slice.stop), st = part(slice.step);
    step = st.value_or(1);
    if (step == 0)
        throw pythonError("ValueError", "slice step cannot be zero");
    const std::int64_t lower = step < 0 ? -1 : 0, upper = step < 0 ? length - 1 : length;
    const auto clamp = [&](std::optional<std::int64_t> v, std::int64_t fallback) {
        if (!v)
            return fallback;
        std::int64_t x = *v;
        if (x < 0) {
            x += length;
            if (x < lower)
                x = lower;
        } else if (x > upper) {
            x = upper;
        }
        return x;
    };
    start = clamp(s, step < 0 ? upper : lower);
    stop = clamp(e, step < 0 ? lower : upper);
}

// A str's characters: Python indexes code points, the interpreter stores UTF-8.
std::vector<std::string_view> utf8Characters(const std::string& text)
{
    std::vector<std::string_view> out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        std::size_t n = 1;
        while (i + n < text.size() && (static_cast<unsigned char>(text[i + n]) & 0xC0) == 0x80)
            ++n;
        out.emplace_back(text.data() + i, n);
        i += n;
    }
    return out;
}

bool isAscii(const std::string& text)
{
    return std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

std::int64_t sequenceIndex(const ObjectPtr& index, std::int64_t length, const char* kind)
{
    const std::optional<std::int64_t> i = asIndex(index);
    if (!i)
        throw pythonError("TypeError", std::string(kind) + " indices must be integers or slices, not " + typeNameOf(index));
    const std::int64_t at = *i < 0 ? *i + length : *i;
    if (at < 0 || at >= length)
        throw pythonError("IndexError", std::string(kind) + " index out of range");
    return at;
}

}  // namespace

ObjectPtr Interpreter::Impl::getItem(const ObjectPtr& object, const ObjectPtr& index)
{
    switch (object->kind()) {
    case ObjectKind::List:
    case ObjectKind::Tuple:
    case ObjectKind::Str:
    case ObjectKind::Range: break;
    case ObjectKind::Dict: {
        for (const auto& [key, value] : static_cast<const DictObject&>(*object).entries)
            if (equal(key, index))
                return value;
        throw pythonError("KeyError", repr(index));
    }
    case ObjectKind::Array: {
        const ArrayPtr& array = arrayOf(object);
        bool tupleIndex = false;
        const std::vector<IndexItem> items = indexItems(index, *array, tupleIndex);
        return self.wrap(engine::getItem(array, items, tupleIndex));
    }
    default:
        for (const TypeInfo* type = object->type(); type; type = type->base) {
            if (const auto it = type->methods.find("__getitem__"); it != type->methods.end()) {
                CallArgs args({index}, {});
                return it->second(self, object, args);
            }
        }
        throw pythonError("TypeError", "'" + typeNameOf(object) + "' object is not subscriptable");
    }
    const char* kind = object->kind() == ObjectKind::List ? "list" : object->kind() == ObjectKind::Tuple ? "tuple"
                       : object->kind() == ObjectKind::Str ? "string" : "range object";
    const std::int64_t length = this->length(object);
    if (index->kind() == ObjectKind::Slice) {
        std::int64_t start, stop, step;
        sliceIndices(*this, static_cast<const SliceObject&>(*index), length, start, stop, step);
        std::vector<std::int64_t> picks;
        for (std::int64_t i = start; step > 0 ? i < stop : i > stop; i += step)
            picks.push_back(i);
        if (object->kind() == ObjectKind::Str) {
            const std::string& text = static_cast<const StrObject&>(*object).value;
            std::string out;
            if (isAscii(text)) {
                for (const std::int64_t i : picks)
                    out += text[static_cast<std::size_t>(i)];
            } else {
                const std::vector<std::string_view> characters = utf8Characters(text);
                for (const std::int64_t i : picks)
                    out += characters[static_cast<std::size_t>(i)];
            }
            return makeStr(std::move(out));
        }
        if (object->kind() == ObjectKind::Range) {
            const auto& range = static_cast<const RangeObject&>(*object);
            return std::make_shared<RangeObject>(range.start + start * range.step, range.start + stop * range.step, range.step * step);
        }
        const auto& items = static_cast<const SequenceObject&>(*object).items;
        std::vector<ObjectPtr> out;
        for (const std::int64_t i : picks)
            out.push_back(items[static_cast<std::size_t>(i)]);
        if (object->kind() == ObjectKind::List)
            return makeList(std::move(out));
        // A slice of a tuple subclass such as torch.Size keeps the subclass.
        return std::make_shared<SequenceObject>(ObjectKind::Tuple, object->type(), std::move(out));
    }
    const std::int64_t at = sequenceIndex(index, length, kind);
    switch (object->kind()) {
    case ObjectKind::Str: {
        const std::string& text = static_cast<const StrObject&>(*object).value;
        if (isAscii(text))
            return makeStr(std::string(1, text[static_cast<std::size_t>(at)]));
        return makeStr(std::string(utf8Characters(text)[static_cast<std::size_t>(at)]));
    }
    case ObjectKind::Range: {
        const auto& range = static_cast<const RangeObject&>(*object);
        return makeInt(range.start + at * range.step);
    }
    default: return static_cast<const SequenceObject&>(*object).items[static_cast<std::size_t>(at)];
    }
}

void Interpreter::Impl::setItem(const ObjectPtr& object, const ObjectPtr& index, const ObjectPtr& value)
{
    switch (object->kind()) {
    case ObjectKind::List: {
        auto& items = static_cast<SequenceObject&>(*object).items;
        if (index->kind() == ObjectKind::Slice) {
            std::vector<ObjectPtr> replacement;
            try {
                replacement = iterate(value);
            } catch (const PyError& error) {
                if (error.typeName() == "TypeError")
                    throw pythonError("TypeError", "can only assign an iterable");
                throw;
            }
            std::int64_t start, stop, step;
            sliceIndices(*this, static_cast<const SliceObject&>(*index), static_cast<std::int64_t>(items.size()), start, stop, step);
            if (step == 1) {
                // a[i:j] = iterable replaces the run with any number of items.
                stop = std::max(stop, start);
                items.erase(items.begin() + start, items.begin() + stop);
                items.insert(items.begin() + start, replacement.begin(), replacement.end());
                self.checkContainerSize(static_cast<std::int64_t>(items.size()));
                return;
            }
            std::vector<std::int64_t> picks;
            for (std::int64_t i = start; step > 0 ? i < stop : i > stop; i += step)
                picks.push_back(i);
            if (picks.size() != replacement.size())
                throw pythonError("ValueError", concat("attempt to assign sequence of size ", replacement.size(),
                                                        " to extended slice of size ", picks.size()));
            for (std::size_t k = 0; k < picks.size(); ++k)
                items[static_cast<std::size_t>(picks[k])] = replacement[k];
            return;
        }
        items[static_cast<std::size_t>(sequenceIndex(index, static_cast<std::int64_t>(items.size()), "list assignment"))] = value;
        return;
    }
    case ObjectKind::Dict: {
        auto& entries = static_cast<DictObject&>(*object).entries;
        const ObjectKind k = index->kind();
        if (k == ObjectKind::List || k == ObjectKind::Dict || k == ObjectKind::Array)
            throw pythonError("TypeError", "unhashable type: '" + typeNameOf(index) + "'");
        for (auto& [key, existing] : entries) {
            if (equal(key, index)) {
                existing = value;
                return;
            }
        }
        entries.emplace_back(index, value);
        self.checkContainerSize(static_cast<std::int64_t>(entries.size()));
        return;
    }
    case ObjectKind::Array: {
        const ArrayPtr& array = arrayOf(object);
        bool tupleIndex = false;
        const std::vector<IndexItem> items = indexItems(index, *array, tupleIndex);
        Value assigned = Scalar(std::int64_t{0});
        if (const std::optional<Value> v = operandOf(value)) {
            assigned = *v;
        } else if (value->kind() == ObjectKind::List || value->kind() == ObjectKind::Tuple) {
            assigned = arrayFromData(array->flavour(), nestedListOf(value), {});
        } else if (array->isTensor()) {
            throw pythonError("TypeError", "can't assign a " + typeNameOf(value) + " to a " +
                                               std::string(legacyTensorTypeName(array->dtype())));
        } else {
            throw pythonError("ValueError", "could not convert " + typeNameOf(value) + " to " + std::string(numpyName(array->dtype())));
        }
        engine::setItem(array, items, assigned, tupleIndex);
        return;
    }
    case ObjectKind::Tuple:
    case ObjectKind::Str:
        throw pythonError("TypeError", "'" + typeNameOf(object) + "' object does not support item assignment");
    default: break;
    }
    for (const TypeInfo* type = object->type(); type; type = type->base) {
        if (const auto it = type->methods.find("__setitem__"); it != type->methods.end()) {
            CallArgs args({index, value}, {});
            it->second(self, object, args);
            return;
        }
    }
    throw pythonError("TypeError", "'" + typeNameOf(object) + "' object does not support item assignment");
}

void Interpreter::Impl::delItem(const ObjectPtr& object, const ObjectPtr& index)
{
    if (object->kind() == ObjectKind::List) {
        auto& items = static_cast<SequenceObject&>(*object).items;
        if (index->kind() == ObjectKind::Slice) {
            std::int64_t start, stop, step;
            sliceIndices(*this, static_cast<const SliceObject&>(*index), static_cast<std::int64_t>(items.size()), start, stop, step);
            std::vector<bool> doomed(items.size(), false);
            for (std::int64_t i = start; step > 0 ? i < stop : i > stop; i += step)
                doomed[static_cast<std::size_t>(i)] = true;
            std::vector<ObjectPtr> kept;
            for (std::size_t i = 0; i < items.size(); ++i)
                if (!doomed[i])
                    kept.push_back(items[i]);
            items = std::move(kept);
            return;
        }
        const std::int64_t at = sequenceIndex(index, static_cast<std::int64_t>(items.size()), "list assignment");
        items.erase(items.begin() + at);
        return;
    }
    if (object->kind() == ObjectKind::Dict) {
        auto& entries = static_cast<DictObject&>(*object).entries;
        for (auto it = entries.begin(); it != entries.end(); ++it) {
            if (equal(it->first, index)) {
                entries.erase(it);
                return;
            }
        }
        throw pythonError("KeyError", repr(index));
    }
    throw pythonError("TypeError", "'" + typeNameOf(object) + "' object doesn't support item deletion");
}

std::vector<IndexItem> Interpreter::Impl::indexItems(const ObjectPtr& index, const Array& indexed, bool& tupleIndex)
{
    const bool torch = indexed.isTensor();
    const auto invalid = [&](const ObjectPtr& item) -> PyError {
        if (torch) {
            if (item->kind() == ObjectKind::Str)
                return pythonError("TypeError", "new(): invalid data type 'str'");
            return pythonError("IndexError", "only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables are "
                                             "valid indices (got " + typeNameOf(item) + ")");
        }
        return pythonError("IndexError", "only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or "
                                         "boolean arrays are valid indices");
    };
    const auto convert = [&](const ObjectPtr& item) -> IndexItem {
        switch (item->kind()) {
        case ObjectKind::Int: return static_cast<const IntObject&>(*item).value;
        case ObjectKind::Bool: return static_cast<const BoolObject&>(*item).value;
        case ObjectKind::None: return IndexNone{};
        case ObjectKind::Ellipsis: return IndexEllipsis{};
        case ObjectKind::Slice: {
            const auto& slice = static_cast<const SliceObject&>(*item);
            const auto part = [&](const ObjectPtr& o) -> std::optional<std::int64_t> {
                if (o->kind() == ObjectKind::None)
                    return std::nullopt;
                const std::optional<std::int64_t> v = asIndex(o);
                if (!v)
                    throw pythonError("TypeError", "slice indices must be integers or None or have an __index__ method");
                return v;
            };
            return engine::Slice{part(slice.start), part(slice.stop), part(slice.step)};
        }
        case ObjectKind::Array: return arrayOf(item);
        case ObjectKind::List:
        case ObjectKind::Tuple: return arrayFromData(indexed.flavour(), nestedListOf(item), {});
        default: throw invalid(item);
        }
    };
    std::vector<IndexItem> items;
    if (index->kind() == ObjectKind::Tuple && index->type() == &builtinTypes().tupleType) {
        tupleIndex = true;
        for (const ObjectPtr& item : static_cast<const SequenceObject&>(*index).items)
            items.push_back(convert(item));
        return items;
    }
    if (index->kind() == ObjectKind::List && torch) {
        // torch 1.13 still reads a list holding sequences, slices, None or Ellipsis as a tuple of indices.
        const auto& elements = static_cast<const SequenceObject&>(*index).items;
        const bool asTuple = std::any_of(elements.begin(), elements.end(), [](const ObjectPtr& e) {
            const ObjectKind k = e->kind();
            return k == ObjectKind::List || k == ObjectKind::Tuple || k == ObjectKind::Slice || k == ObjectKind::None ||
                   k == ObjectKind::Ellipsis || k == ObjectKind::Array;
        });
        if (asTuple) {
            tupleIndex = true;
            for (const ObjectPtr& item : elements)
                items.push_back(convert(item));
            return items;
        }
    }
    if (index->kind() == ObjectKind::Float || index->kind() == ObjectKind::Str)
        throw invalid(index);
    items.push_back(convert(index));
    return items;
}

// ---- calls and iteration ----------------------------------------------------------------------------

ObjectPtr Interpreter::Impl::call(const ObjectPtr& callable, CallArgs& args)
{
    tick();
    if (callable->kind() == ObjectKind::Function) {
        const auto& function = static_cast<const FunctionObject&>(*callable);
        return function.function(self, function.self, args);
    }
    if (callable->kind() == ObjectKind::Type) {
        const TypeInfo* info = static_cast<const TypeObject&>(*callable).info;
        if (info->constructor)
            return info->constructor(self, callable, args);
        throw pythonError("TypeError", "cannot create '" + info->qualifiedName + "' instances");
    }
    if (const auto it = callable->type()->methods.find("__call__"); it != callable->type()->methods.end())
        return it->second(self, callable, args);
    throw pythonError("TypeError", "'" + typeNameOf(callable) + "' object is not callable");
}

std::int64_t Interpreter::Impl::length(const ObjectPtr& object)
{
    switch (object->kind()) {
    case ObjectKind::Str: {
        const std::string& text = static_cast<const StrObject&>(*object).value;
        return static_cast<std::int64_t>(std::count_if(text.begin(), text.end(), [](char c) {
            return (static_cast<unsigned char>(c) & 0xC0) != 0x80;  // every byte that starts a code point
        }));
    }
    case ObjectKind::List:
    case ObjectKind::Tuple: return static_cast<std::int64_t>(static_cast<const SequenceObject&>(*object).items.size());
    case ObjectKind::Dict: return static_cast<std::int64_t>(static_cast<const DictObject&>(*object).entries.size());
    case ObjectKind::Range: return static_cast<const RangeObject&>(*object).length();
    case ObjectKind::Array: {
        const Array& array = *arrayOf(object);
        if (array.isNumpyScalar())
            throw pythonError("TypeError", "object of type '" + typeNameOf(object) + "' has no len()");
        if (array.dim() == 0)
            throw pythonError("TypeError", array.isTensor() ? "len() of a 0-d tensor" : "len() of unsized object");
        return array.size(0);
    }
    default: break;
    }
    if (const auto it = object->type()->methods.find("__len__"); it != object->type()->methods.end()) {
        CallArgs none({}, {});
        return intOf(it->second(self, object, none));
    }
    throw pythonError("TypeError", "object of type '" + typeNameOf(object) + "' has no len()");
}

std::vector<ObjectPtr> Interpreter::Impl::iterate(const ObjectPtr& iterable)
{
    switch (iterable->kind()) {
    case ObjectKind::List:
    case ObjectKind::Tuple: return static_cast<const SequenceObject&>(*iterable).items;
    case ObjectKind::Str: {
        std::vector<ObjectPtr> out;
        const std::string& text = static_cast<const StrObject&>(*iterable).value;
        for (std::size_t i = 0; i < text.size();) {
            std::size_t length = 1;
            const auto c = static_cast<unsigned char>(text[i]);
            if (c >= 0xF0)
                length = 4;
            else if (c >= 0xE0)
                length = 3;
            else if (c >= 0xC0)
                length = 2;
            out.push_back(makeStr(text.substr(i, length)));
            i += length;
        }
        return out;
    }
    case ObjectKind::Dict: {
        std::vector<ObjectPtr> out;
        for (const auto& [key, value] : static_cast<const DictObject&>(*iterable).entries)
            out.push_back(key);
        return out;
    }
    case ObjectKind::Range: {
        const auto& range = static_cast<const RangeObject&>(*iterable);
        const std::int64_t n = range.length();
        self.checkContainerSize(n);
        std::vector<ObjectPtr> out;
        out.reserve(static_cast<std::size_t>(n));
        for (std::int64_t i = 0; i < n; ++i)
            out.push_back(makeInt(range.start + i * range.step));
        return out;
    }
    case ObjectKind::Array: {
        const ArrayPtr& array = arrayOf(iterable);
        if (array->isNumpyScalar())
            throw pythonError("TypeError", "'" + typeNameOf(iterable) + "' object is not iterable");
        if (array->dim() == 0)
            throw pythonError("TypeError", array->isTensor() ? "iteration over a 0-d tensor" : "iteration over a 0-d array");
        std::vector<ObjectPtr> out;
        const std::int64_t n = array->size(0);
        self.checkContainerSize(n);
        for (std::int64_t i = 0; i < n; ++i) {
            tick();
            const std::array<IndexItem, 1> index{IndexItem(i)};
            out.push_back(self.wrap(engine::getItem(array, index)));
        }
        return out;
    }
    default: break;
    }
    if (const auto it = iterable->type()->methods.find("__iter__"); it != iterable->type()->methods.end()) {
        CallArgs none({}, {});
        return iterate(it->second(self, iterable, none));
    }
    throw pythonError("TypeError", "'" + typeNameOf(iterable) + "' object is not iterable");
}

// ---- format() and % --------------------------------------------------------------------------------

namespace {

struct FormatSpec {
    char fill = ' ';
    char align = 0;  // '<', '>', '^', '=' or 0 for the type's default
    char sign = '-';
    bool coerceZero = false;
    bool alternate = false;
    int width = -1;
    char grouping = 0;  // ',' or '_'
    int precision = -1;
    char type = 0;
};

FormatSpec parseSpec(const std::string& spec)
{
    FormatSpec f;
    std::size_t i = 0;
    const auto isAlign = [](char c) { return c == '<' || c == '>' || c == '^' || c == '='; };
    if (spec.size() >= 2 && isAlign(spec[1])) {
        f.fill = spec[0];
        f.align = spec[1];
        i = 2;
    } else if (!spec.empty() && isAlign(spec[0])) {
        f.align = spec[0];
        i = 1;
    }
    if (i < spec.size() && (spec[i] == '+' || spec[i] == '-' || spec[i] == ' '))
        f.sign = spec[i++];
    if (i < spec.size() && spec[i] == 'z') {
        f.coerceZero = true;
        ++i;
    }
    if (i < spec.size() && spec[i] == '#') {
        f.alternate = true;
        ++i;
    }
    if (i < spec.size() && spec[i] == '0') {
        if (!f.align) {
            f.fill = '0';
            f.align = '=';
        }
        ++i;
    }
    std::size_t start = i;
    while (i < spec.size() && std::isdigit(static_cast<unsigned char>(spec[i])))
        ++i;
    if (i > start)
        f.width = std::stoi(spec.substr(start, i - start));
    if (i < spec.size() && (spec[i] == ',' || spec[i] == '_'))
        f.grouping = spec[i++];
    if (i < spec.size() && spec[i] == '.') {
        ++i;
        start = i;
        while (i < spec.size() && std::isdigit(static_cast<unsigned char>(spec[i])))
            ++i;
        if (i == start)
            throw pythonError("ValueError", "Format specifier missing precision");
        f.precision = std::stoi(spec.substr(start, i - start));
    }
    if (i < spec.size())
        f.type = spec[i++];
    if (i < spec.size())
        throw pythonError("ValueError", "Invalid format specifier");
    return f;
}

void appendCodepoint(std::string& out, char32_t c)
{
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

std::string groupDigits(const std::string& digits, char separator)
{
    if (!separator)
        return digits;
    std::string out;
    const std::size_t n = digits.size();
    for (std::size_t i = 0; i < n; ++i) {
        out += digits[i];
        if (i + 1 < n && (n - 1 - i) % 3 == 0)
            out += separator;
    }
    return out;
}

std::string pad(const std::string& body, const std::string& signPart, const FormatSpec& f, char defaultAlign)
{
    const std::string whole = signPart + body;
    // Widths count characters, not UTF-8 bytes.
    const auto length = static_cast<int>(std::count_if(whole.begin(), whole.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
    if (f.width < 0 || length >= f.width)
        return whole;
    const std::size_t fillCount = static_cast<std::size_t>(f.width - length);
    const char align = f.align ? f.align : defaultAlign;
    switch (align) {
    case '<': return whole + std::string(fillCount, f.fill);
    case '^': return std::string(fillCount / 2, f.fill) + whole + std::string(fillCount - fillCount / 2, f.fill);
    case '=': return signPart + std::string(fillCount, f.fill) + body;
    default: return std::string(fillCount, f.fill) + whole;
    }
}

std::string formatInteger(std::int64_t value, const FormatSpec& f)
{
    const bool negative = value < 0;
    const std::uint64_t magnitude = negative ? 0ull - static_cast<std::uint64_t>(value) : static_cast<std::uint64_t>(value);
    std::string digits, prefix;
    switch (f.type) {
    case 'b':
    case 'o':
    case 'x':
    case 'X': {
        const int base = f.type == 'b' ? 2 : f.type == 'o' ? 8 : 16;
        std::uint64_t v = magnitude;
        do {
            const int d = static_cast<int>(v % static_cast<std::uint64_t>(base));
            digits.insert(digits.begin(), static_cast<char>(d < 10 ? '0' + d : (f.type == 'X' ? 'A' : 'a') + d - 10));
            v /= static_cast<std::uint64_t>(base);
        } while (v);
        if (f.alternate)
            prefix = f.type == 'b' ? "0b" : f.type == 'o' ? "0o" : f.type == 'X' ? "0X" : "0x";
        if (f.grouping == '_') {
            // Binary, octal and hex digits group by four.
            std::string grouped;
            for (std::size_t i = 0; i < digits.size(); ++i) {
                if (i > 0 && (digits.size() - i) % 4 == 0)
                    grouped += '_';
                grouped += digits[i];
            }
            digits = std::move(grouped);
        }
        break;
    }
    case 'c': {
        if (value < 0 || value > 0x10FFFF)
            throw pythonError("OverflowError", "%c arg not in range(0x110000)");
        std::string character;
        appendCodepoint(character, static_cast<char32_t>(value));
        return pad(character, "", f, '<');
    }
    default: digits = groupDigits(std::to_string(magnitude), f.grouping);
    }
    const std::string sign = negative ? "-" : f.sign == '+' ? "+" : f.sign == ' ' ? " " : "";
    return pad(prefix + digits, sign, f, '>');
}

std::string formatFloat(double value, const FormatSpec& f)
{
    if (f.coerceZero && value == 0.0)
        value = 0.0;
    const bool negative = std::signbit(value) && !std::isnan(value);
    const double magnitude = std::fabs(value);
    std::string body;
    char type = f.type;
    if (std::isinf(magnitude) || std::isnan(magnitude)) {
        body = std::isnan(magnitude) ? "nan" : "inf";
        if (type == 'E' || type == 'F' || type == 'G')
            for (char& c : body)
                c = static_cast<char>(std::toupper(c));
        if (type == '%')
            body += "%";
    } else if (!type && f.precision < 0) {
        body = formatPythonFloat(magnitude);  // str(x)
    } else {
        const int precision = f.precision < 0 ? 6 : f.precision;
        char buffer[512];
        double shown = type == '%' ? magnitude * 100.0 : magnitude;
        const char conversion = type == '%' ? 'f' : type == 'n' ? 'g' : type ? type : 'g';
        const std::string format = std::string("%") + (f.alternate ? "#" : "") + ".*" + conversion;
        std::snprintf(buffer, sizeof buffer, format.c_str(), (!type && precision == 0) ? 1 : precision, shown);
        body = buffer;
        if (!type && body.find_first_of(".eEn") == std::string::npos)
            body += ".0";  // the general format keeps a digit after the point, unlike %g
        if (type == '%')
            body += "%";
    }
    if (f.grouping) {
        const std::size_t end = body.find_first_of(".eE%");
        body = groupDigits(body.substr(0, end), f.grouping) + (end == std::string::npos ? "" : body.substr(end));
    }
    const std::string sign = negative ? "-" : f.sign == '+' ? "+" : f.sign == ' ' ? " " : "";
    return pad(body, sign, f, '>');
}

}  // namespace

std::string Interpreter::Impl::formatValue(const ObjectPtr& value, const std::string& spec)
{
    switch (value->kind()) {
    case ObjectKind::Str: {
        const FormatSpec f = parseSpec(spec);
        if (f.type && f.type != 's')
            throw pythonError("ValueError", std::string("Unknown format code '") + f.type + "' for object of type 'str'");
        std::string text = static_cast<const StrObject&>(*value).value;
        if (f.precision >= 0 && !isAscii(text)) {
            const std::vector<std::string_view> characters = utf8Characters(text);
            if (static_cast<int>(characters.size()) > f.precision) {
                std::string cut;
                for (int i = 0; i < f.precision; ++i)
                    cut += characters[static_cast<std::size_t>(i)];
                text = std::move(cut);
            }
        } else if (f.precision >= 0 && static_cast<int>(text.size()) > f.precision) {
            text.resize(static_cast<std::size_t>(f.precision));
        }
        return pad(text, "", f, '<');
    }
    case ObjectKind::Bool:
        if (spec.empty())
            return str(value);
        [[fallthrough]];
    case ObjectKind::Int: {
        const FormatSpec f = parseSpec(spec);
        if (f.type && std::string_view("eEfFgG%").find(f.type) != std::string_view::npos)
            return formatFloat(static_cast<double>(intOf(value)), f);
        if (f.type && std::string_view("bcdoxXn").find(f.type) == std::string_view::npos)
            throw pythonError("ValueError", std::string("Unknown format code '") + f.type + "' for object of type 'int'");
        return formatInteger(intOf(value), f);
    }
    case ObjectKind::Float: {
        const FormatSpec f = parseSpec(spec);
        if (f.type && std::string_view("eEfFgGn%").find(f.type) == std::string_view::npos)
            throw pythonError("ValueError", std::string("Unknown format code '") + f.type + "' for object of type 'float'");
        return formatFloat(static_cast<const FloatObject&>(*value).value, f);
    }
    case ObjectKind::Array: {
        const Array& array = *arrayOf(value);
        // Tensor.__format__ formats item() for a 0-d tensor; ndarray.__format__ does so for 0-d arrays and
        // NumPy scalars; anything else takes only an empty spec.
        if (array.dim() == 0) {
            const ObjectPtr item = dispatchDType(array.dtype(), [&]<typename T>(TypeTag<T>) -> ObjectPtr {
                const T v = loadElement<T>(array.data());
                if constexpr (std::is_same_v<T, bool>)
                    return makeBool(v);
                else if constexpr (kIsFloat<T>)
                    return makeFloat(static_cast<double>(static_cast<OpMathT<T>>(v)));
                else
                    return makeInt(static_cast<std::int64_t>(v));
            });
            // Even with an empty spec: f"{np.float32(0.1)}" is '0.10000000149011612', the Python float's text.
            return formatValue(item, spec);
        }
        if (!spec.empty())
            throw pythonError("TypeError", std::string("unsupported format string passed to ") +
                                               (array.isTensor() ? "Tensor" : "numpy.ndarray") + ".__format__");
        return str(value);
    }
    default:
        if (!spec.empty())
            throw pythonError("TypeError", "unsupported format string passed to " + value->type()->name + ".__format__");
        return str(value);
    }
}

std::string Interpreter::Impl::percentFormat(const std::string& format, const ObjectPtr& values)
{
    std::vector<ObjectPtr> args;
    if (values->kind() == ObjectKind::Tuple)
        args = static_cast<const SequenceObject&>(*values).items;
    else
        args.push_back(values);
    std::string out;
    std::size_t next = 0;
    for (std::size_t i = 0; i < format.size(); ++i) {
        if (format[i] != '%') {
            out += format[i];
            continue;
        }
        if (i + 1 < format.size() && format[i + 1] == '%') {
            out += '%';
            ++i;
            continue;
        }
        // %[flags][width][.precision]type, mapped onto format()'s spec.
        std::size_t j = i + 1;
        std::string flags;
        while (j < format.size() && std::string_view("-+ 0#").find(format[j]) != std::string_view::npos)
            flags += format[j++];
        std::string width;
        while (j < format.size() && std::isdigit(static_cast<unsigned char>(format[j])))
            width += format[j++];
        std::string precision;
        if (j < format.size() && format[j] == '.') {
            ++j;
            while (j < format.size() && std::isdigit(static_cast<unsigned char>(format[j])))
                precision += format[j++];
            if (precision.empty())
                precision = "0";
        }
        if (j >= format.size())
            throw pythonError("ValueError", "incomplete format");
        const char type = format[j];
        if (next >= args.size())
            throw pythonError("TypeError", "not enough arguments for format string");
        const ObjectPtr& arg = args[next++];
        std::string spec;
        if (flags.find('-') != std::string::npos)
            spec += '<';
        if (flags.find('+') != std::string::npos)
            spec += '+';
        else if (flags.find(' ') != std::string::npos)
            spec += ' ';
        if (flags.find('#') != std::string::npos)
            spec += '#';
        if (flags.find('0') != std::string::npos && flags.find('-') == std::string::npos)
            spec += '0';
        spec += width;
        if (!precision.empty())
            spec += "." + precision;
        switch (type) {
        case 's': out += formatValue(makeStr(str(arg)), spec); break;
        case 'r': out += formatValue(makeStr(repr(arg)), spec); break;
        case 'd':
        case 'i': {
            const std::optional<double> v = asDouble(arg);
            if (!v)
                throw pythonError("TypeError", "%" + std::string(1, type) + " format: a real number is required, not " + typeNameOf(arg));
            out += formatValue(makeInt(static_cast<std::int64_t>(*v)), spec.substr(0, spec.find('.')) + "d");
            break;
        }
        case 'f':
        case 'F':
        case 'e':
        case 'E':
        case 'g':
        case 'G': {
            const std::optional<double> v = asDouble(arg);
            if (!v)
                throw pythonError("TypeError", "must be real number, not " + typeNameOf(arg));
            out += formatValue(makeFloat(*v), spec + type);
            break;
        }
        case 'x':
        case 'X':
        case 'o': {
            const std::optional<std::int64_t> v = asIndex(arg);
            if (!v)
                throw pythonError("TypeError", "%" + std::string(1, type) + " format: an integer is required, not " + typeNameOf(arg));
            out += formatValue(makeInt(*v), spec + type);
            break;
        }
        case 'c': {
            std::string character;
            if (arg->kind() == ObjectKind::Str && length(arg) == 1) {
                character = static_cast<const StrObject&>(*arg).value;
            } else if (const std::optional<std::int64_t> v = asIndex(arg); v && arg->kind() != ObjectKind::Str) {
                if (*v < 0 || *v > 0x10FFFF)
                    throw pythonError("OverflowError", "%c arg not in range(0x110000)");
                appendCodepoint(character, static_cast<char32_t>(*v));
            } else {
                throw pythonError("TypeError", "%c requires int or char");
            }
            out += formatValue(makeStr(character), spec.substr(0, spec.find('.')));
            break;
        }
        default:
            throw pythonError("ValueError", concat("unsupported format character '", type, "' (0x",
                                                    [&] {
                                                        char hex[8];
                                                        std::snprintf(hex, sizeof hex, "%x", static_cast<unsigned>(type));
                                                        return std::string(hex);
                                                    }(),
                                                    ") at index ", j));
        }
        i = j;
    }
    if (next < args.size())
        throw pythonError("TypeError", "not all arguments converted during string formatting");
    return out;
}

}  // namespace av::engine::py
