#include "torchargs.h"

#include "interpreterimpl.h"
#include "nativeobjects.h"

#include "engine/dispatch.h"
#include "engine/warnings.h"

#include <algorithm>
#include <unordered_map>

namespace av::engine::py {

// ---- what torch's checks see in a Python object --------------------------------------------------------

namespace {

const Array* arrayIn(const ObjectPtr& o) { return o->kind() == ObjectKind::Array ? static_cast<const ArrayObject&>(*o).array.get() : nullptr; }

bool isTensorObject(const ObjectPtr& o)
{
    const Array* a = arrayIn(o);
    return a && a->isTensor();
}

bool isNumpyScalarObject(const ObjectPtr& o)
{
    const Array* a = arrayIn(o);
    return a && a->isNdarray() && a->isNumpyScalar();
}

bool isSequence(const ObjectPtr& o) { return o->kind() == ObjectKind::List || o->kind() == ObjectKind::Tuple; }
const std::vector<ObjectPtr>& itemsOf(const ObjectPtr& o) { return static_cast<const SequenceObject&>(*o).items; }

// THPUtils_checkLong: a Python int (not a bool) or a NumPy integer scalar.
bool checkLong(const ObjectPtr& o)
{
    if (o->kind() == ObjectKind::Int)
        return true;
    return isNumpyScalarObject(o) && isIntegral(arrayIn(o)->dtype(), false);
}

// THPUtils_checkIndex: anything with __index__ except bool.
bool checkIndex(const ObjectPtr& o) { return o->kind() != ObjectKind::Bool && asIndex(o).has_value(); }

// THPUtils_checkDouble / checkScalar: Python numbers (bool included, as an int subclass) and NumPy scalars.
bool checkDouble(const ObjectPtr& o)
{
    const ObjectKind k = o->kind();
    return k == ObjectKind::Int || k == ObjectKind::Bool || k == ObjectKind::Float || isNumpyScalarObject(o);
}

bool zeroDimTensorWithoutGrad(const ObjectPtr& o)
{
    const Array* a = arrayIn(o);
    return a && a->isTensor() && a->dim() == 0 && !a->requiresGrad();
}

bool isTorchDType(const ObjectPtr& o)
{
    return o->kind() == ObjectKind::DType && o->type() == torchDTypeObject(DType::Float32)->type();
}

bool isPythonScalarType(const ObjectPtr& o)
{
    if (o->kind() != ObjectKind::Type)
        return false;
    const TypeInfo* info = static_cast<const TypeObject&>(*o).info;
    const Builtins& b = builtinTypes();
    return info == &b.floatType || info == &b.intType || info == &b.boolType;
}

bool checkDimname(const ObjectPtr& o) { return o->kind() == ObjectKind::None || o->kind() == ObjectKind::Str; }

std::string quoted(const std::string& s) { return "'" + s + "'"; }

}  // namespace

std::string torchTypeName(const ObjectPtr& object) { return typeNameOf(object); }

// ---- signatures --------------------------------------------------------------------------------------

namespace {

using Type = TorchParser::Type;

Type typeFromText(std::string_view text)
{
    static const std::unordered_map<std::string_view, Type> kTypes = {
        {"Tensor", Type::Tensor},           {"Scalar", Type::Scalar},         {"int64_t", Type::Int64},
        {"SymInt", Type::SymInt},           {"double", Type::Double},         {"bool", Type::Bool},
        {"TensorList", Type::TensorList},   {"IntArrayRef", Type::IntList},   {"SymIntArrayRef", Type::SymIntList},
        {"ScalarType", Type::ScalarType},   {"Device", Type::Device},         {"Layout", Type::Layout},
        {"MemoryFormat", Type::MemoryFormat}, {"Generator", Type::Generator}, {"Dimname", Type::Dimname},
        {"DimnameList", Type::DimnameList}, {"std::string", Type::String},    {"c10::string_view", Type::String},
        {"PyObject*", Type::Object},       {"Storage", Type::Storage},
    };
    const auto it = kTypes.find(text);
    AV_INTERNAL_ASSERT(it != kTypes.end(), "unknown torch parameter type ", std::string(text));
    return it->second;
}

// The functions whose Tensor parameters also take Python numbers (torch's should_allow_numbers_as_tensors).
bool allowsNumbersAsTensors(std::string_view name)
{
    static const std::string_view kNames[] = {"add",  "add_",  "div",         "div_",         "divide",      "divide_",
                                              "mul",  "mul_",  "multiply",    "multiply_",    "sub",         "sub_",
                                              "subtract", "subtract_", "true_divide", "true_divide_", "to", "_to_copy",
                                              "copy_", "floor_divide", "floor_divide_"};
    return std::find(std::begin(kNames), std::end(kNames), name) != std::end(kNames);
}

// numpy_compatibility_arg_names: torch also accepts these keyword spellings.
std::vector<std::string_view> numpyNamesFor(std::string_view name)
{
    if (name == "dim")
        return {"axis"};
    if (name == "keepdim")
        return {"keepdims"};
    if (name == "input")
        return {"x", "a", "x1"};
    if (name == "other")
        return {"x2"};
    return {};
}

TorchParser::Overload parseOverload(std::string_view text, int index)
{
    TorchParser::Overload overload;
    overload.index = index;
    const std::size_t open = text.find('(');
    const std::size_t close = text.rfind(')');
    AV_INTERNAL_ASSERT(open != std::string_view::npos && close != std::string_view::npos, "bad signature ", std::string(text));
    overload.name = std::string(text.substr(0, open));
    const std::string_view suffix = text.substr(close + 1);
    overload.hidden = suffix == "|hidden" || suffix == "|deprecated";
    overload.deprecated = suffix == "|deprecated";
    const bool numbers = allowsNumbersAsTensors(overload.name);
    std::string_view body = text.substr(open + 1, close - open - 1);
    bool keywordOnly = false;
    while (!body.empty()) {
        const std::size_t comma = body.find(", ");
        const std::string_view item = body.substr(0, comma);
        body = comma == std::string_view::npos ? std::string_view() : body.substr(comma + 2);
        if (item == "*") {
            keywordOnly = true;
            continue;
        }
        TorchParser::Parameter p;
        const std::size_t space = item.find(' ');
        std::string_view typeText = item.substr(0, space);
        if (const std::size_t q = typeText.find('?'); q != std::string_view::npos) {
            p.allowNone = true;
            typeText = typeText.substr(0, q);
        }
        if (const std::size_t bracket = typeText.find('['); bracket != std::string_view::npos) {
            p.size = std::stoi(std::string(typeText.substr(bracket + 1, typeText.size() - bracket - 2)));
            typeText = typeText.substr(0, bracket);
        }
        p.type = typeFromText(typeText);
        std::string_view nameText = item.substr(space + 1);
        if (const std::size_t eq = nameText.find('='); eq != std::string_view::npos) {
            p.optional = true;
            p.defaultText = std::string(nameText.substr(eq + 1));
            if (p.defaultText == "None")
                p.allowNone = true;
            nameText = nameText.substr(0, eq);
        }
        p.name = std::string(nameText);
        p.keywordOnly = keywordOnly;
        p.numbersAsTensors = numbers;
        overload.parameters.push_back(std::move(p));
    }
    overload.maxArgs = overload.parameters.size();
    for (const auto& p : overload.parameters) {
        if (!p.optional)
            ++overload.minArgs;
        if (!p.keywordOnly)
            ++overload.maxPositional;
    }
    return overload;
}

}  // namespace

std::string TorchParser::Parameter::typeName() const
{
    switch (type) {
    case Type::Tensor: return "Tensor";
    case Type::Scalar: return "Number";
    case Type::Int64:
    case Type::SymInt: return "int";
    case Type::Double: return "float";
    case Type::Bool: return "bool";
    case Type::TensorList: return "tuple of Tensors";
    case Type::IntList: return "tuple of ints";
    case Type::SymIntList: return "tuple of SymInts";
    case Type::ScalarType: return "torch.dtype";
    case Type::Device: return "torch.device";
    case Type::Layout: return "torch.layout";
    case Type::MemoryFormat: return "torch.memory_format";
    case Type::Generator: return "torch.Generator";
    case Type::Dimname: return "name";
    case Type::DimnameList: return "tuple of names";
    case Type::String: return "str";
    case Type::Storage: return "torch.Storage";
    case Type::Object: return "object";
    }
    return "object";
}

std::string TorchParser::Overload::toString() const
{
    std::string out = "(";
    bool keywordSeen = false;
    for (std::size_t i = 0; i < parameters.size(); ++i) {
        if (i)
            out += ", ";
        if (parameters[i].keywordOnly && !keywordSeen) {
            out += "*, ";
            keywordSeen = true;
        }
        out += parameters[i].typeName() + " " + parameters[i].name;
    }
    return out + ")";
}

TorchParser::TorchParser(std::initializer_list<const char*> signatures)
    : TorchParser(std::vector<const char*>(signatures))
{
}

TorchParser::TorchParser(const std::vector<const char*>& signatures)
    : TorchParser(std::vector<std::string>(signatures.begin(), signatures.end()))
{
}

TorchParser::TorchParser(const std::vector<std::string>& signatures)
{
    int index = 0;
    for (const std::string& text : signatures)
        m_overloads.push_back(parseOverload(text, index++));
    // torch checks deprecated signatures last.
    std::stable_partition(m_overloads.begin(), m_overloads.end(), [](const Overload& o) { return !o.hidden; });
}

std::string TorchParser::pythonSignature() const
{
    std::string out;
    for (const Overload& o : m_overloads) {
        if (o.hidden)
            continue;
        const bool named = std::any_of(o.parameters.begin(), o.parameters.end(), [](const Parameter& p) {
            return p.type == Type::Dimname || p.type == Type::DimnameList;
        });
        if (named)
            continue;
        std::string text = "(";
        bool keywordSeen = false;
        for (std::size_t i = 0; i < o.parameters.size(); ++i) {
            const Parameter& p = o.parameters[i];
            if (i)
                text += ", ";
            if (p.keywordOnly && !keywordSeen) {
                text += "*, ";
                keywordSeen = true;
            }
            text += p.name;
            if (p.optional)
                text += "=" + p.defaultText;
        }
        text += ")";
        // Overloads that differ only in types (clamp(Tensor min) / clamp(Scalar min)) read the same here.
        if (out == text || out.find(" | " + text) != std::string::npos || out.rfind(text + " | ", 0) == 0)
            continue;
        out += (out.empty() ? "" : " | ") + text;
    }
    return out;
}

// ---- matching ------------------------------------------------------------------------------------------

namespace {

// FunctionParameter::check. `argumentNumber` is the parameter's index, which torch prints for bad
// elements of a tensor list (and raises even while it is only trying overloads).
bool checkParameter(const TorchParser::Parameter& p, const ObjectPtr& o, std::size_t argumentNumber)
{
    switch (p.type) {
    case Type::Tensor:
        if (isTensorObject(o))
            return true;
        return p.numbersAsTensors && checkDouble(o);
    case Type::Scalar:
    case Type::Double: return checkDouble(o) || zeroDimTensorWithoutGrad(o);
    case Type::Int64: {
        if (checkLong(o))
            return true;
        const Array* a = arrayIn(o);
        return a && a->isTensor() && isIntegral(a->dtype(), false) && !a->requiresGrad() && a->dim() == 0;
    }
    case Type::SymInt: return checkIndex(o);
    case Type::Bool: return o->kind() == ObjectKind::Bool;
    case Type::TensorList: {
        if (!isSequence(o))
            return false;
        const auto& items = itemsOf(o);
        for (std::size_t i = 0; i < items.size(); ++i)
            if (!isTensorObject(items[i]))
                throw pythonError("TypeError", concat("expected Tensor as element ", i, " in argument ", argumentNumber,
                                                      ", but got ", torchTypeName(items[i])));
        return true;
    }
    case Type::IntList:
    case Type::SymIntList:
        // torch 1.13 looks at the first element only; the others fail later, when converted.
        if (isSequence(o))
            return itemsOf(o).empty() || checkIndex(itemsOf(o)[0]);
        return p.size > 0 && (p.type == Type::IntList ? checkLong(o) : checkIndex(o));
    case Type::ScalarType: return isTorchDType(o) || isPythonScalarType(o);
    case Type::Device: return checkLong(o) || o->kind() == ObjectKind::Str || o->kind() == ObjectKind::Device;
    case Type::Layout: return o->type()->qualifiedName == "torch.layout";
    case Type::MemoryFormat: return o->type()->qualifiedName == "torch.memory_format";
    case Type::Generator: return o->type()->qualifiedName == "torch.Generator";
    case Type::Dimname: return checkDimname(o);
    case Type::DimnameList:
        if (isSequence(o))
            return itemsOf(o).empty() || checkDimname(itemsOf(o)[0]);
        return p.size == 1 && checkDimname(o);
    case Type::String: return o->kind() == ObjectKind::Str;
    case Type::Storage: return o->kind() == ObjectKind::Storage;
    case Type::Object: return true;
    }
    return false;
}

const ObjectPtr* findKeyword(const CallArgs& args, std::string_view name)
{
    for (const auto& [keyword, value] : args.keywords())
        if (keyword == name)
            return &value;
    return nullptr;
}

[[noreturn]] void extraArgs(const TorchParser::Overload& o, std::size_t given)
{
    if (o.minArgs != o.maxPositional)
        throw pythonError("TypeError", concat(o.name, "() takes from ", o.minArgs, " to ", o.maxPositional,
                                              " positional arguments but ", given, " were given"));
    throw pythonError("TypeError", concat(o.name, "() takes ", o.maxPositional, " positional argument",
                                          o.maxPositional == 1 ? "" : "s", " but ", given, given == 1 ? " was" : " were",
                                          " given"));
}

[[noreturn]] void missingArgs(const TorchParser::Overload& o, std::size_t from)
{
    int missing = 0;
    std::string names;
    for (std::size_t i = from; i < o.parameters.size(); ++i) {
        if (!o.parameters[i].optional) {
            if (missing)
                names += ", ";
            names += "\"" + o.parameters[i].name + "\"";
            ++missing;
        }
    }
    // torch's message says "arguments" for one and "argument" for several.
    throw pythonError("TypeError", concat(o.name, "() missing ", missing, " required positional argument",
                                          missing == 1 ? "s" : "", ": ", names));
}

[[noreturn]] void extraKeywords(const TorchParser::Overload& o, const CallArgs& args, std::size_t positional)
{
    for (const auto& [keyword, value] : args.keywords()) {
        std::size_t index = o.parameters.size();
        for (std::size_t i = 0; i < o.parameters.size(); ++i)
            if (o.parameters[i].name == keyword)
                index = i;
        if (index == o.parameters.size())
            throw pythonError("TypeError", o.name + "() got an unexpected keyword argument '" + keyword + "'");
        if (index < positional)
            throw pythonError("TypeError", o.name + "() got multiple values for argument '" + keyword + "'");
    }
    throw pythonError("TypeError", "invalid keyword arguments");
}

// FunctionSignature::parse: fills `values` (and the var-args list) on success; with `raise`, throws the
// message for the first thing that does not fit instead of returning false.
bool tryOverload(const TorchParser::Overload& o, const CallArgs& args, bool raise, std::vector<ObjectPtr>& values,
                 int& varargsParameter)
{
    const auto& positional = args.positional();
    const std::size_t nargs = positional.size();
    std::size_t remainingKeywords = args.keywords().size();
    const bool varargsIntList = o.maxPositional == 1 && (o.parameters[0].type == Type::IntList ||
                                                         o.parameters[0].type == Type::SymIntList);
    if (nargs > o.maxPositional && !varargsIntList) {
        if (raise)
            extraArgs(o, nargs);
        return false;
    }
    values.assign(o.parameters.size(), nullptr);
    varargsParameter = -1;
    std::size_t position = 0;
    for (std::size_t i = 0; i < o.parameters.size(); ++i) {
        const TorchParser::Parameter& p = o.parameters[i];
        ObjectPtr obj;
        bool keyword = false;
        if (position < nargs) {
            if (p.keywordOnly) {
                if (raise)
                    extraArgs(o, nargs);
                return false;
            }
            obj = positional[position];
        } else {
            keyword = true;
            if (const ObjectPtr* found = findKeyword(args, p.name))
                obj = *found;
            for (const std::string_view alias : numpyNamesFor(p.name)) {
                if (obj)
                    break;
                if (const ObjectPtr* found = findKeyword(args, alias))
                    obj = *found;
            }
        }
        if ((!obj && p.optional) || (obj && obj->kind() == ObjectKind::None && p.allowNone)) {
            values[i] = nullptr;
        } else if (!obj) {
            if (raise)
                missingArgs(o, i);
            return false;
        } else if (checkParameter(p, obj, i)) {
            values[i] = obj;
        } else if (varargsIntList && position == 0 && !keyword && checkIndex(obj)) {
            // view(2, 3): every positional argument makes the one size list.
            varargsParameter = static_cast<int>(i);
            position = nargs;
            continue;
        } else if (raise) {
            if (keyword)
                throw pythonError("TypeError", concat(o.name, "(): argument '", p.name, "' must be ", p.typeName(), ", not ",
                                                      torchTypeName(obj)));
            throw pythonError("TypeError", concat(o.name, "(): argument '", p.name, "' (position ", position + 1, ") must be ",
                                                  p.typeName(), ", not ", torchTypeName(obj)));
        } else {
            return false;
        }
        if (!keyword)
            ++position;
        else if (obj)
            --remainingKeywords;
    }
    if (remainingKeywords > 0) {
        if (raise)
            extraKeywords(o, args, nargs);
        return false;
    }
    return true;
}

// ---- invalid_arguments.cpp: the "received an invalid combination of arguments" message ------------------

struct OptionArgument {
    std::string name;
    std::string type;  // as printed, "tuple of ints"; torch compares Python type names to it
};

// torch re-parses each printed option, splitting at ", " (so a lone "*" counts as an argument).
std::vector<OptionArgument> parseOption(const std::string& option)
{
    std::vector<OptionArgument> out;
    // "()" splits into one empty argument, as torch's _splitString makes it.
    const std::string body = option.substr(1, option.size() - 2);
    std::size_t start = 0;
    while (true) {
        const std::size_t end = body.find(", ", start);
        const std::string arg = body.substr(start, end == std::string::npos ? std::string::npos : end - start);
        const std::size_t space = arg.find_last_of(' ');
        OptionArgument a;
        if (space == std::string::npos) {
            a.name = arg;
            a.type = arg;
        } else {
            a.name = arg.substr(space + 1);
            a.type = arg.substr(0, space);
        }
        out.push_back(std::move(a));
        if (end == std::string::npos)
            break;
        start = end + 2;
    }
    return out;
}

bool typeMatches(const std::string& type, const ObjectPtr& o)
{
    const std::string name = torchTypeName(o);
    if (type == "float")
        return name == "float" || name == "int" || name == "long";
    if (type == "int")
        return name == "int" || name == "long";
    return name == type;
}

// torch collects the keywords into a std::unordered_map<std::string, PyObject*> and lists them in its
// iteration order; the same container with the same insertions gives the same order here.
std::unordered_map<std::string, ObjectPtr> keywordMap(const CallArgs& args)
{
    std::unordered_map<std::string, ObjectPtr> map;
    for (const auto& [keyword, value] : args.keywords())
        map.emplace(keyword, value);
    return map;
}

std::string argDescription(const CallArgs& args)
{
    std::string out = "(";
    for (const ObjectPtr& a : args.positional())
        out += torchTypeName(a) + ", ";
    for (const auto& [keyword, value] : keywordMap(args))
        out += keyword + "=" + torchTypeName(value) + ", ";
    // torch trims the trailing ", " only when there are positional arguments.
    if (!args.positional().empty())
        out.erase(out.size() - 2);
    return out + ")";
}

std::string formattedArgDescription(const std::vector<OptionArgument>& option, const CallArgs& args)
{
    const auto& positional = args.positional();
    const std::size_t count = positional.size() + args.keywords().size();
    std::string out = "(";
    for (std::size_t i = 0; i < count; ++i) {
        const bool isKeyword = i >= positional.size();
        ObjectPtr arg;
        if (isKeyword) {
            if (const ObjectPtr* found = findKeyword(args, option[i].name))
                arg = *found;
            else
                arg = none();
        } else {
            arg = positional[i];
        }
        const bool matching = i < option.size() && typeMatches(option[i].type, arg);
        out += matching ? "" : "!";
        if (isKeyword)
            out += option[i].name + "=";
        out += torchTypeName(arg);
        out += matching ? "" : "!";
        out += ", ";
    }
    if (!positional.empty())
        out.erase(out.size() - 2);
    return out + ")";
}

std::vector<std::string> unmatchedKeywords(const std::vector<OptionArgument>& option, const CallArgs& args)
{
    std::vector<std::string> out;
    const std::ptrdiff_t start = std::max<std::ptrdiff_t>(
        0, static_cast<std::ptrdiff_t>(option.size()) - static_cast<std::ptrdiff_t>(args.keywords().size()));
    for (const auto& [keyword, value] : keywordMap(args)) {
        bool found = false;
        for (std::size_t i = static_cast<std::size_t>(start); i < option.size(); ++i)
            found |= option[i].name == keyword;
        if (!found)
            out.push_back(keyword);
    }
    return out;
}

std::string invalidArguments(const std::string& function, const std::vector<std::string>& options, const CallArgs& args)
{
    std::string message = function + " received an invalid combination of arguments - ";
    const std::size_t given = args.positional().size() + args.keywords().size();
    const bool hasKeywords = !args.keywords().empty();
    const auto join = [](const std::vector<std::string>& names) {
        std::string out;
        for (const std::string& n : names)
            out += (out.empty() ? "" : ", ") + n;
        return out;
    };
    if (options.size() == 1) {
        const std::vector<OptionArgument> option = parseOption(options[0]);
        const std::vector<std::string> unmatched = hasKeywords ? unmatchedKeywords(option, args) : std::vector<std::string>{};
        if (!unmatched.empty())
            return message + "got unrecognized keyword arguments: " + join(unmatched);
        message += "got ";
        message += given == option.size() ? formattedArgDescription(option, args) : argDescription(args);
        return message + ", but expected " + options[0];
    }
    message += "got " + argDescription(args) + ", but expected one of:\n";
    for (const std::string& text : options) {
        const std::vector<OptionArgument> option = parseOption(text);
        message += " * " + text + "\n";
        if (given != option.size())
            continue;
        const std::vector<std::string> unmatched = hasKeywords ? unmatchedKeywords(option, args) : std::vector<std::string>{};
        if (!unmatched.empty())
            message += "      didn't match because some of the keywords were incorrect: " + join(unmatched) + "\n";
        else
            message += "      didn't match because some of the arguments have invalid types: " +
                       formattedArgDescription(option, args) + "\n";
    }
    return message;
}

// PythonArgParser::check_deprecated: TORCH_WARN_ONCE, whose one flag covers every deprecated overload of
// every function.
void warnDeprecated(const TorchParser::Overload& used, const std::vector<TorchParser::Overload>& all)
{
    static bool warned = false;
    if (warned)
        return;
    warned = true;
    std::string message = "This overload of " + used.name + " is deprecated:\n\t" + used.name + used.toString();
    std::string alternatives;
    for (const TorchParser::Overload& o : all)
        if (!o.hidden)
            alternatives += "\n\t" + used.name + o.toString();
    if (!alternatives.empty())
        message += "\nConsider using one of the following signatures instead:" + alternatives;
    warn("UserWarning", message + " (Triggered internally at  ./torch/csrc/utils/python_arg_parser.cpp:1420.)");
}

}  // namespace

TorchArgs TorchParser::parse(const CallArgs& args) const
{
    TorchArgs out;
    if (m_overloads.size() == 1) {
        tryOverload(m_overloads[0], args, true, out.m_values, out.m_varargsParameter);
        out.m_overload = &m_overloads[0];
    } else {
        for (const Overload& o : m_overloads) {
            if (tryOverload(o, args, false, out.m_values, out.m_varargsParameter)) {
                out.m_overload = &o;
                break;
            }
        }
    }
    if (out.m_overload) {
        if (out.m_overload->deprecated)
            warnDeprecated(*out.m_overload, m_overloads);
        if (out.m_varargsParameter >= 0)
            out.m_varargsIntList = args.positional();
        return out;
    }
    // PythonArgParser::print_error: one plausible overload explains itself; otherwise list them all.
    const std::size_t given = args.positional().size() + args.keywords().size();
    const Overload* plausible = nullptr;
    int plausibleCount = 0;
    for (const Overload& o : m_overloads) {
        if (given >= o.minArgs && given <= o.maxArgs && !o.hidden) {
            plausible = &o;
            ++plausibleCount;
        }
    }
    if (plausibleCount == 1) {
        std::vector<ObjectPtr> values;
        int varargs = -1;
        tryOverload(*plausible, args, true, values, varargs);
    }
    std::vector<std::string> options;
    for (const Overload& o : m_overloads)
        if (!o.hidden)
            options.push_back(o.toString());
    throw pythonError("TypeError", invalidArguments(m_overloads[0].name + "()", options, args));
}

// ---- conversions -----------------------------------------------------------------------------------------

int TorchArgs::find(std::string_view name) const
{
    const auto& parameters = m_overload->parameters;
    for (std::size_t i = 0; i < parameters.size(); ++i)
        if (parameters[i].name == name)
            return static_cast<int>(i);
    AV_INTERNAL_ASSERT(false, "overload ", m_overload->name, m_overload->toString(), " has no parameter ", std::string(name));
    return -1;
}

const TorchParser::Parameter& TorchArgs::parameter(std::string_view name) const
{
    return m_overload->parameters[static_cast<std::size_t>(find(name))];
}

bool TorchArgs::defines(std::string_view name) const
{
    for (const auto& p : m_overload->parameters)
        if (p.name == name)
            return true;
    return false;
}

bool TorchArgs::has(std::string_view name) const
{
    const int i = find(name);
    return i == m_varargsParameter || m_values[static_cast<std::size_t>(i)] != nullptr;
}

const ObjectPtr& TorchArgs::object(std::string_view name) const { return m_values[static_cast<std::size_t>(find(name))]; }

ArrayPtr TorchArgs::tensor(std::string_view name) const
{
    const ObjectPtr& o = object(name);
    AV_INTERNAL_ASSERT(o && isTensorObject(o), "tensor argument ", std::string(name), " is not a tensor");
    return static_cast<const ArrayObject&>(*o).array;
}

namespace {

// PythonArgs::scalar_slow: a tensor gives its item(), an int stays an int, a bool a bool, and anything
// else (a float or a NumPy scalar that is not an integer) goes through float().
Scalar scalarOf(const ObjectPtr& o)
{
    if (o->kind() == ObjectKind::Bool)
        return Scalar(static_cast<const BoolObject&>(*o).value);
    if (checkLong(o))
        return Scalar(*asIndex(o));
    if (const Array* a = arrayIn(o); a && a->isTensor()) {
        return dispatchDType(a->dtype(), [&]<typename T>(TypeTag<T>) -> Scalar {
            const T v = loadElement<T>(a->data());
            if constexpr (std::is_same_v<T, bool>)
                return Scalar(v);
            else if constexpr (kIsFloat<T>)
                return Scalar(static_cast<double>(static_cast<OpMathT<T>>(v)));
            else
                return Scalar(static_cast<std::int64_t>(v));
        });
    }
    return Scalar(*asDouble(o));
}

Scalar defaultScalar(const std::string& text)
{
    if (text == "True" || text == "False")
        return Scalar(text == "True");
    if (text.find_first_of(".eE") == std::string::npos)
        return Scalar(static_cast<std::int64_t>(std::stoll(text)));
    return Scalar(std::stod(text));
}

}  // namespace

Value TorchArgs::tensorOrNumber(std::string_view name) const
{
    const ObjectPtr& o = object(name);
    if (isTensorObject(o))
        return static_cast<const ArrayObject&>(*o).array;
    // tensor_slow: bool, int, then float.
    if (o->kind() == ObjectKind::Bool)
        return Scalar(static_cast<const BoolObject&>(*o).value);
    if (checkLong(o))
        return Scalar(*asIndex(o));
    return Scalar(*asDouble(o));
}

Scalar TorchArgs::scalar(std::string_view name) const
{
    if (const ObjectPtr& o = object(name))
        return scalarOf(o);
    return defaultScalar(parameter(name).defaultText);
}

std::optional<Scalar> TorchArgs::optionalScalar(std::string_view name) const
{
    if (const ObjectPtr& o = object(name))
        return scalarOf(o);
    return std::nullopt;
}

std::int64_t TorchArgs::toInt64(std::string_view name) const
{
    if (const ObjectPtr& o = object(name))
        return *asIndex(o);
    return std::stoll(parameter(name).defaultText);
}

std::optional<std::int64_t> TorchArgs::optionalInt64(std::string_view name) const
{
    if (const ObjectPtr& o = object(name))
        return *asIndex(o);
    return std::nullopt;
}

double TorchArgs::toDouble(std::string_view name) const
{
    if (const ObjectPtr& o = object(name))
        return *asDouble(o);
    return std::stod(parameter(name).defaultText);
}

bool TorchArgs::toBool(std::string_view name) const
{
    if (const ObjectPtr& o = object(name))
        return static_cast<const BoolObject&>(*o).value;
    return parameter(name).defaultText == "True";
}

std::vector<std::int64_t> TorchArgs::intlist(std::string_view name) const
{
    const int i = find(name);
    const TorchParser::Parameter& p = m_overload->parameters[static_cast<std::size_t>(i)];
    const std::vector<ObjectPtr>* items = nullptr;
    if (i == m_varargsParameter) {
        items = &m_varargsIntList;
    } else {
        const ObjectPtr& o = m_values[static_cast<std::size_t>(i)];
        if (!o) {
            std::vector<std::int64_t> out;
            const std::string& text = p.defaultText;
            if (text.empty() || text == "None")
                return out;
            if (text.front() != '{')
                return std::vector<std::int64_t>(static_cast<std::size_t>(p.size), std::stoll(text));
            std::size_t start = 1;
            while (start < text.size() - 1) {
                const std::size_t comma = text.find(',', start);
                const std::size_t end = comma == std::string::npos ? text.size() - 1 : comma;
                out.push_back(std::stoll(text.substr(start, end - start)));
                start = end + 1;
            }
            return out;
        }
        if (!isSequence(o))
            return std::vector<std::int64_t>(static_cast<std::size_t>(std::max(p.size, 1)), *asIndex(o));
        items = &itemsOf(o);
    }
    std::vector<std::int64_t> out;
    out.reserve(items->size());
    for (std::size_t k = 0; k < items->size(); ++k) {
        const std::optional<std::int64_t> v = asIndex((*items)[k]);
        if (!v)
            throw pythonError("TypeError", concat(m_overload->name, "(): argument '", p.name, "' must be ", p.typeName(),
                                                  ", but found element of type ", torchTypeName((*items)[k]), " at pos ", k + 1));
        out.push_back(*v);
    }
    return out;
}

std::optional<DType> TorchArgs::scalarType(std::string_view name) const
{
    const ObjectPtr& o = object(name);
    if (!o) {
        if (parameter(name).defaultText == "torch.int64")
            return DType::Int64;
        return std::nullopt;
    }
    return dtypeArgument(o, Flavour::Torch, m_overload->name + "()");
}

std::optional<Device> TorchArgs::device(std::string_view name) const
{
    const ObjectPtr& o = object(name);
    if (!o)
        return std::nullopt;
    if (checkLong(o)) {
        const std::int64_t index = *asIndex(o);
        if (index < 0)
            throw pythonError("RuntimeError", concat("Device index must not be negative"));
        return Device::cuda(static_cast<int>(index));
    }
    return deviceArgument(o);
}

std::vector<ArrayPtr> TorchArgs::tensorlist(std::string_view name) const
{
    std::vector<ArrayPtr> out;
    const ObjectPtr& o = object(name);
    if (!o)
        return out;
    for (const ObjectPtr& item : itemsOf(o))
        out.push_back(static_cast<const ArrayObject&>(*item).array);
    return out;
}

std::string TorchArgs::string(std::string_view name) const
{
    const ObjectPtr& o = object(name);
    if (!o)
        return parameter(name).defaultText;
    return static_cast<const StrObject&>(*o).value;
}

bool TorchArgs::usesDimnames() const
{
    for (std::size_t i = 0; i < m_overload->parameters.size(); ++i) {
        const Type t = m_overload->parameters[i].type;
        if ((t == Type::Dimname || t == Type::DimnameList) && m_values[i])
            return true;
    }
    return false;
}

void TorchArgs::refuseDimname(const Array& self, std::string_view name) const
{
    const ObjectPtr& o = object(name);
    std::string dimName;
    if (o && o->kind() == ObjectKind::Str)
        dimName = static_cast<const StrObject&>(*o).value;
    else if (o && isSequence(o) && !itemsOf(o).empty() && itemsOf(o)[0]->kind() == ObjectKind::Str)
        dimName = static_cast<const StrObject&>(*itemsOf(o)[0]).value;
    std::string names;
    for (std::int64_t d = 0; d < self.dim(); ++d)
        names += d ? ", None" : "None";
    throw pythonError("RuntimeError", "Name " + quoted(dimName) + " not found in Tensor[" + names + "].");
}

void TorchArgs::refuseOut() const
{
    for (std::size_t i = 0; i < m_overload->parameters.size(); ++i)
        if (m_overload->parameters[i].name == "out" && m_values[i])
            throw pythonError("NotImplementedError", m_overload->name + "(): aliasview does not support out= for torch functions");
}

}  // namespace av::engine::py
