// The methods of Python's own list, dict and str that tutorials call (append, keys, split, format, ...),
// with CPython 3.11's results, reprs and messages.

#include "interpreterimpl.h"
#include "pythonnames.h"
#include "registry.h"

#include <algorithm>
#include <cctype>
#include <cmath>

namespace av::engine::py {

namespace {

using Impl = Interpreter::Impl;

std::vector<ObjectPtr>& itemsOf(const ObjectPtr& self) { return static_cast<SequenceObject&>(*self).items; }
DictObject& dictOf(const ObjectPtr& self) { return static_cast<DictObject&>(*self); }
const std::string& textOf(const ObjectPtr& self) { return static_cast<const StrObject&>(*self).value; }

std::int64_t indexOrFail(const ObjectPtr& value)
{
    const std::optional<std::int64_t> v = asIndex(value);
    if (!v)
        throw pythonError("TypeError", "'" + typeNameOf(value) + "' object cannot be interpreted as an integer");
    return *v;
}

const std::string& strArgument(const ObjectPtr& value, std::string_view function, int position)
{
    if (value->kind() != ObjectKind::Str)
        throw pythonError("TypeError", concat(function, "() argument ", position, " must be str, not ", typeNameOf(value)));
    return textOf(value);
}

void method(TypeInfo& type, const std::string& name, const std::string& signature, const std::string& summary, NativeFunction f)
{
    type.methods[name] = std::move(f);
    registerEntry({"builtins." + type.name, name, signature, "method", summary});
}

// ---- list ----------------------------------------------------------------------------------------------

void defineListMethods(TypeInfo& list)
{
    method(list, "append", "(object, /)", "adds one item at the end, in place", [](Interpreter&, const ObjectPtr& self, CallArgs& args) {
        itemsOf(self).push_back(args.expectOneArgument("list.append"));
        return none();
    });
    method(list, "extend", "(iterable, /)", "adds every item of the iterable, in place",
           [](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) {
               const ObjectPtr& iterable = args.expectOneArgument("list.extend");
               std::vector<ObjectPtr> more = interpreter.iterate(iterable);
               auto& items = itemsOf(self);
               interpreter.checkContainerSize(static_cast<std::int64_t>(items.size() + more.size()));
               items.insert(items.end(), more.begin(), more.end());
               return none();
           });
    method(list, "insert", "(index, object, /)", "inserts an item before index, in place",
           [](Interpreter&, const ObjectPtr& self, CallArgs& args) {
               args.expectPositional("insert", 2, 2);
               auto& items = itemsOf(self);
               const auto n = static_cast<std::int64_t>(items.size());
               std::int64_t at = indexOrFail(args.positional()[0]);
               if (at < 0)
                   at = std::max<std::int64_t>(at + n, 0);
               at = std::min(at, n);
               items.insert(items.begin() + at, args.positional()[1]);
               return none();
           });
    method(list, "pop", "(index=-1, /)", "removes and returns the item at index (the last by default)",
           [](Interpreter&, const ObjectPtr& self, CallArgs& args) {
               args.expectPositional("pop", 0, 1);
               auto& items = itemsOf(self);
               if (items.empty())
                   throw pythonError("IndexError", "pop from empty list");
               const auto n = static_cast<std::int64_t>(items.size());
               std::int64_t at = args.positional().empty() ? -1 : indexOrFail(args.positional()[0]);
               if (at < 0)
                   at += n;
               if (at < 0 || at >= n)
                   throw pythonError("IndexError", "pop index out of range");
               ObjectPtr item = items[static_cast<std::size_t>(at)];
               items.erase(items.begin() + at);
               return item;
           });
    method(list, "remove", "(value, /)", "removes the first item equal to value, in place",
           [](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) {
               const ObjectPtr& value = args.expectOneArgument("list.remove");
               auto& items = itemsOf(self);
               for (auto it = items.begin(); it != items.end(); ++it) {
                   if (*it == value || interpreter.impl().equal(*it, value)) {
                       items.erase(it);
                       return none();
                   }
               }
               throw pythonError("ValueError", "list.remove(x): x not in list");
           });
    method(list, "index", "(value, start=0, stop=sys.maxsize, /)", "the position of the first item equal to value",
           [](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) {
               args.expectPositional("index", 1, 3);
               const auto& items = itemsOf(self);
               const auto n = static_cast<std::int64_t>(items.size());
               const auto bound = [&](std::size_t i, std::int64_t fallback) {
                   if (args.positional().size() <= i)
                       return fallback;
                   std::int64_t v = indexOrFail(args.positional()[i]);
                   if (v < 0)
                       v = std::max<std::int64_t>(v + n, 0);
                   return std::min(v, n);
               };
               const ObjectPtr& value = args.positional()[0];
               for (std::int64_t i = bound(1, 0); i < bound(2, n); ++i)
                   if (items[static_cast<std::size_t>(i)] == value || interpreter.impl().equal(items[static_cast<std::size_t>(i)], value))
                       return makeInt(i);
               throw pythonError("ValueError", interpreter.repr(value) + " is not in list");
           });
    method(list, "count", "(value, /)", "how many items equal value", [](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) {
        const ObjectPtr& value = args.expectOneArgument("list.count");
        std::int64_t count = 0;
        for (const ObjectPtr& item : itemsOf(self))
            count += item == value || interpreter.impl().equal(item, value);
        return makeInt(count);
    });
    method(list, "sort", "(*, key=None, reverse=False)", "sorts the list in place (stable)",
           [](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) {
               args.bindClinic("sort", "(*, key=None, reverse=False)");
               auto& items = itemsOf(self);
               std::vector<ObjectPtr> keys = items;
               const ObjectPtr& key = args.get("key");
               if (key && key->kind() != ObjectKind::None) {
                   for (ObjectPtr& k : keys) {
                       CallArgs keyArgs({k}, {});
                       k = interpreter.call(key, keyArgs);
                   }
               }
               const bool reverse = args.has("reverse") && interpreter.truthy(args.get("reverse"));
               std::vector<std::size_t> order(items.size());
               for (std::size_t i = 0; i < order.size(); ++i)
                   order[i] = i;
               // list.sort keeps equal items in order, reversed or not.
               std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
                   interpreter.tick();
                   return reverse ? interpreter.truthy(interpreter.impl().compare(CompareKind::Lt, keys[b], keys[a]))
                                  : interpreter.truthy(interpreter.impl().compare(CompareKind::Lt, keys[a], keys[b]));
               });
               std::vector<ObjectPtr> sorted;
               sorted.reserve(items.size());
               for (const std::size_t i : order)
                   sorted.push_back(items[i]);
               items = std::move(sorted);
               return none();
           });
    method(list, "reverse", "()", "reverses the list in place", [](Interpreter&, const ObjectPtr& self, CallArgs& args) {
        args.expectNone("list.reverse()");
        std::reverse(itemsOf(self).begin(), itemsOf(self).end());
        return none();
    });
    method(list, "copy", "()", "a new list holding the same items (a shallow copy)", [](Interpreter&, const ObjectPtr& self, CallArgs& args) {
        args.expectNone("list.copy()");
        return makeList(itemsOf(self));
    });
    method(list, "clear", "()", "removes every item, in place", [](Interpreter&, const ObjectPtr& self, CallArgs& args) {
        args.expectNone("list.clear()");
        itemsOf(self).clear();
        return none();
    });
}

void defineTupleMethods(TypeInfo& tuple)
{
    method(tuple, "index", "(value, /)", "the position of the first item equal to value",
           [](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) {
               args.expectPositional("index", 1, 1);
               const auto& items = itemsOf(self);
               for (std::size_t i = 0; i < items.size(); ++i)
                   if (items[i] == args.positional()[0] || interpreter.impl().equal(items[i], args.positional()[0]))
                       return makeInt(static_cast<std::int64_t>(i));
               throw pythonError("ValueError", "tuple.index(x): x not in tuple");
           });
    method(tuple, "count", "(value, /)", "how many items equal value", [](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) {
        const ObjectPtr& value = args.expectOneArgument("tuple.count");
        std::int64_t count = 0;
        for (const ObjectPtr& item : itemsOf(self))
            count += item == value || interpreter.impl().equal(item, value);
        return makeInt(count);
    });
}

// ---- dict ----------------------------------------------------------------------------------------------

// d.keys(), d.values(), d.items(): live views of the dict, printed as dict_keys([...]).
enum class DictViewKind { Keys, Values, Items };
struct DictView {
    std::shared_ptr<DictObject> dict;
    DictViewKind kind;
};

std::vector<ObjectPtr> dictViewItems(const DictView& view)
{
    std::vector<ObjectPtr> out;
    for (const auto& [key, value] : view.dict->entries) {
        switch (view.kind) {
        case DictViewKind::Keys: out.push_back(key); break;
        case DictViewKind::Values: out.push_back(value); break;
        case DictViewKind::Items: out.push_back(makeTuple({key, value})); break;
        }
    }
    return out;
}

TypeInfo& dictViewType(DictViewKind kind)
{
    static TypeInfo types[3];
    static const bool made = [] {
        const char* names[] = {"dict_keys", "dict_values", "dict_items"};
        for (int i = 0; i < 3; ++i) {
            TypeInfo& t = types[i];
            t.name = names[i];
            t.qualifiedName = names[i];
            t.base = &builtinTypes().object;
            const auto viewOf = [](const ObjectPtr& self) -> const DictView& {
                return static_cast<const NativeObject<DictView>&>(*self).payload;
            };
            t.methods["__iter__"] = [viewOf](Interpreter&, const ObjectPtr& self, CallArgs&) { return makeList(dictViewItems(viewOf(self))); };
            t.methods["__len__"] = [viewOf](Interpreter&, const ObjectPtr& self, CallArgs&) {
                return makeInt(static_cast<std::int64_t>(viewOf(self).dict->entries.size()));
            };
            t.methods["__contains__"] = [viewOf](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) {
                for (const ObjectPtr& item : dictViewItems(viewOf(self)))
                    if (interpreter.impl().equal(item, args.positional()[0]))
                        return trueObject();
                return falseObject();
            };
            t.methods["__repr__"] = [viewOf, name = std::string(names[i])](Interpreter& interpreter, const ObjectPtr& self, CallArgs&) {
                return makeStr(name + "(" + interpreter.repr(makeList(dictViewItems(viewOf(self)))) + ")");
            };
        }
        return true;
    }();
    (void)made;
    return types[static_cast<int>(kind)];
}

ObjectPtr dictView(const ObjectPtr& self, DictViewKind kind)
{
    return std::make_shared<NativeObject<DictView>>(ObjectKind::Other, &dictViewType(kind),
                                                    DictView{std::static_pointer_cast<DictObject>(self), kind});
}

std::optional<std::size_t> findKey(Interpreter& interpreter, const DictObject& dict, const ObjectPtr& key)
{
    for (std::size_t i = 0; i < dict.entries.size(); ++i)
        if (dict.entries[i].first == key || interpreter.impl().equal(dict.entries[i].first, key))
            return i;
    return std::nullopt;
}

void defineDictMethods(TypeInfo& dict)
{
    method(dict, "keys", "()", "a live view of the keys", [](Interpreter&, const ObjectPtr& self, CallArgs& args) {
        args.expectNone("dict.keys()");
        return dictView(self, DictViewKind::Keys);
    });
    method(dict, "values", "()", "a live view of the values", [](Interpreter&, const ObjectPtr& self, CallArgs& args) {
        args.expectNone("dict.values()");
        return dictView(self, DictViewKind::Values);
    });
    method(dict, "items", "()", "a live view of the (key, value) pairs", [](Interpreter&, const ObjectPtr& self, CallArgs& args) {
        args.expectNone("dict.items()");
        return dictView(self, DictViewKind::Items);
    });
    method(dict, "get", "(key, default=None, /)", "the value for key, or default", [](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) {
        args.expectPositional("get", 1, 2);
        if (const auto at = findKey(interpreter, dictOf(self), args.positional()[0]))
            return dictOf(self).entries[*at].second;
        return args.positional().size() > 1 ? args.positional()[1] : none();
    });
    method(dict, "pop", "(key, default=<unrepresentable>, /)", "removes key and returns its value",
           [](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) {
               args.expectPositional("pop", 1, 2);
               auto& entries = dictOf(self).entries;
               if (const auto at = findKey(interpreter, dictOf(self), args.positional()[0])) {
                   ObjectPtr value = entries[*at].second;
                   entries.erase(entries.begin() + static_cast<std::ptrdiff_t>(*at));
                   return value;
               }
               if (args.positional().size() > 1)
                   return args.positional()[1];
               throw pythonError("KeyError", interpreter.repr(args.positional()[0]));
           });
    method(dict, "setdefault", "(key, default=None, /)", "the value for key, inserting default first when it is missing",
           [](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) {
               args.expectPositional("setdefault", 1, 2);
               if (const auto at = findKey(interpreter, dictOf(self), args.positional()[0]))
                   return dictOf(self).entries[*at].second;
               ObjectPtr value = args.positional().size() > 1 ? args.positional()[1] : none();
               interpreter.impl().setItem(self, args.positional()[0], value);
               return value;
           });
    method(dict, "update", "([other], **kwargs)", "sets every key of other and of the keywords, in place",
           [](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) {
               if (args.positional().size() > 1)
                   throw pythonError("TypeError", concat("update expected at most 1 argument, got ", args.positional().size()));
               if (!args.positional().empty()) {
                   const ObjectPtr& other = args.positional()[0];
                   if (other->kind() == ObjectKind::Dict) {
                       for (const auto& [key, value] : static_cast<const DictObject&>(*other).entries)
                           interpreter.impl().setItem(self, key, value);
                   } else {
                       std::int64_t index = 0;
                       for (const ObjectPtr& pair : interpreter.iterate(other)) {
                           const std::vector<ObjectPtr> kv = interpreter.iterate(pair);
                           if (kv.size() != 2)
                               throw pythonError("ValueError", concat("dictionary update sequence element #", index,
                                                                      " has length ", kv.size(), "; 2 is required"));
                           interpreter.impl().setItem(self, kv[0], kv[1]);
                           ++index;
                       }
                   }
               }
               for (const auto& [keyword, value] : args.keywords())
                   interpreter.impl().setItem(self, makeStr(keyword), value);
               return none();
           });
    method(dict, "copy", "()", "a new dict with the same entries (a shallow copy)", [](Interpreter&, const ObjectPtr& self, CallArgs& args) {
        args.expectNone("dict.copy()");
        auto copy = std::make_shared<DictObject>();
        copy->entries = dictOf(self).entries;
        return copy;
    });
    method(dict, "clear", "()", "removes every entry, in place", [](Interpreter&, const ObjectPtr& self, CallArgs& args) {
        args.expectNone("dict.clear()");
        dictOf(self).entries.clear();
        return none();
    });
}

// ---- str -------------------------------------------------------------------------------------------------

// str.upper() / str.lower() over UTF-8, with Unicode's case mappings (ß.upper() is 'SS').
std::string mapCase(const std::string& text, bool upper)
{
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            out += static_cast<char>(upper ? std::toupper(c) : std::tolower(c));
            ++i;
            continue;
        }
        const std::size_t length = std::min<std::size_t>(c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1, text.size() - i);
        char32_t codepoint = length == 4 ? c & 0x07 : length == 3 ? c & 0x0F : length == 2 ? c & 0x1F : c;
        for (std::size_t k = 1; k < length; ++k)
            codepoint = (codepoint << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
        if (const std::optional<std::string_view> mapped = caseMapped(codepoint, upper))
            out += *mapped;
        else
            out.append(text, i, length);
        i += length;
    }
    return out;
}

bool isPythonSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

std::string stripped(const std::string& text, const ObjectPtr& chars, bool left, bool right, std::string_view function)
{
    const auto strip = [&](char c) {
        if (!chars || chars->kind() == ObjectKind::None)
            return isPythonSpace(c);
        if (chars->kind() != ObjectKind::Str)
            throw pythonError("TypeError", concat(function, " arg must be None or str"));
        return textOf(chars).find(c) != std::string::npos;
    };
    std::size_t begin = 0, end = text.size();
    while (left && begin < end && strip(text[begin]))
        ++begin;
    while (right && end > begin && strip(text[end - 1]))
        --end;
    return text.substr(begin, end - begin);
}

std::vector<std::string> splitText(const std::string& text, const ObjectPtr& separator, std::int64_t maxSplit)
{
    std::vector<std::string> parts;
    if (!separator || separator->kind() == ObjectKind::None) {
        // Runs of whitespace separate; leading and trailing whitespace gives no empty strings.
        std::size_t i = 0;
        while (true) {
            while (i < text.size() && isPythonSpace(text[i]))
                ++i;
            if (i >= text.size())
                break;
            if (maxSplit >= 0 && static_cast<std::int64_t>(parts.size()) == maxSplit) {
                std::string rest = text.substr(i);
                while (!rest.empty() && isPythonSpace(rest.back()))
                    rest.pop_back();
                parts.push_back(rest);
                break;
            }
            std::size_t j = i;
            while (j < text.size() && !isPythonSpace(text[j]))
                ++j;
            parts.push_back(text.substr(i, j - i));
            i = j;
        }
        return parts;
    }
    if (separator->kind() != ObjectKind::Str)
        throw pythonError("TypeError", "must be str or None, not " + typeNameOf(separator));
    const std::string& sep = textOf(separator);
    if (sep.empty())
        throw pythonError("ValueError", "empty separator");
    std::size_t start = 0;
    while (true) {
        const std::size_t at = text.find(sep, start);
        if (at == std::string::npos || (maxSplit >= 0 && static_cast<std::int64_t>(parts.size()) == maxSplit)) {
            parts.push_back(text.substr(start));
            break;
        }
        parts.push_back(text.substr(start, at - start));
        start = at + sep.size();
    }
    return parts;
}

ObjectPtr strList(const std::vector<std::string>& parts)
{
    std::vector<ObjectPtr> items;
    items.reserve(parts.size());
    for (const std::string& part : parts)
        items.push_back(makeStr(part));
    return makeList(std::move(items));
}

// str.startswith / endswith: a str or a tuple of them.
bool affixMatches(const std::string& text, const ObjectPtr& affix, bool prefix, std::string_view function)
{
    if (affix->kind() == ObjectKind::Tuple) {
        for (const ObjectPtr& item : itemsOf(affix))
            if (affixMatches(text, item, prefix, function))
                return true;
        return false;
    }
    if (affix->kind() != ObjectKind::Str)
        throw pythonError("TypeError", concat(function, " first arg must be str or a tuple of str, not ", typeNameOf(affix)));
    const std::string& a = textOf(affix);
    if (a.size() > text.size())
        return false;
    return prefix ? text.compare(0, a.size(), a) == 0 : text.compare(text.size() - a.size(), a.size(), a) == 0;
}

std::string justified(const std::string& text, CallArgs& args, std::string_view function, char align)
{
    args.expectPositional(function, 1, 2);
    const std::int64_t width = indexOrFail(args.positional()[0]);
    char fill = ' ';
    if (args.positional().size() > 1) {
        const ObjectPtr& f = args.positional()[1];
        if (f->kind() != ObjectKind::Str || textOf(f).size() != 1)
            throw pythonError("TypeError", "The fill character must be exactly one character long");
        fill = textOf(f)[0];
    }
    const auto length = static_cast<std::int64_t>(text.size());
    if (width <= length)
        return text;
    const auto padding = static_cast<std::size_t>(width - length);
    if (align == '<')
        return text + std::string(padding, fill);
    if (align == '>')
        return std::string(padding, fill) + text;
    // str.center puts the odd extra character on the left when the text's length is odd, as CPython does.
    const std::size_t left = padding / 2 + (padding & static_cast<std::size_t>(width) & 1);
    return std::string(left, fill) + text + std::string(padding - left, fill);
}

// str.format(): {}, {0}, {name}, {0.attr}, {0[1]}, !r/!s/!a and a format spec that may itself hold fields.
std::string formatString(Interpreter& interpreter, const std::string& format, const CallArgs& args)
{
    Impl& impl = interpreter.impl();
    std::string out;
    int automatic = 0;  // -1 once manual numbering is used
    std::size_t i = 0;
    const auto fieldValue = [&](std::string name) -> ObjectPtr {
        std::size_t end = name.find_first_of(".[");
        std::string first = name.substr(0, end);
        ObjectPtr value;
        if (first.empty()) {
            if (automatic < 0)
                throw pythonError("ValueError", "cannot switch from manual field specification to automatic field numbering");
            first = std::to_string(automatic++);
        } else if (std::all_of(first.begin(), first.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
            if (automatic > 0)
                throw pythonError("ValueError", "cannot switch from automatic field numbering to manual field specification");
            automatic = -1;
        }
        if (std::all_of(first.begin(), first.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
            const std::size_t index = std::stoul(first);
            if (index >= args.positional().size())
                throw pythonError("IndexError", concat("Replacement index ", index, " out of range for positional args tuple"));
            value = args.positional()[index];
        } else {
            for (const auto& [keyword, v] : args.keywords())
                if (keyword == first)
                    value = v;
            if (!value)
                throw pythonError("KeyError", impl.repr(makeStr(first)));
        }
        while (end != std::string::npos && end < name.size()) {
            if (name[end] == '.') {
                const std::size_t next = name.find_first_of(".[", end + 1);
                value = impl.getAttribute(value, name.substr(end + 1, next == std::string::npos ? std::string::npos : next - end - 1));
                end = next;
            } else {
                const std::size_t close = name.find(']', end);
                if (close == std::string::npos)
                    throw pythonError("ValueError", "Missing ']' in format string");
                const std::string key = name.substr(end + 1, close - end - 1);
                const bool numeric = !key.empty() && std::all_of(key.begin(), key.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
                value = impl.getItem(value, numeric ? makeInt(std::stoll(key)) : makeStr(key));
                end = close + 1 < name.size() ? close + 1 : std::string::npos;
            }
        }
        return value;
    };
    while (i < format.size()) {
        const char c = format[i];
        if (c == '}') {
            if (i + 1 < format.size() && format[i + 1] == '}') {
                out += '}';
                i += 2;
                continue;
            }
            throw pythonError("ValueError", "Single '}' encountered in format string");
        }
        if (c != '{') {
            out += c;
            ++i;
            continue;
        }
        if (i + 1 < format.size() && format[i + 1] == '{') {
            out += '{';
            i += 2;
            continue;
        }
        // Find the matching '}', allowing one level of nested fields in the spec.
        std::size_t j = i + 1;
        int depth = 1;
        while (j < format.size() && depth > 0) {
            if (format[j] == '{')
                ++depth;
            else if (format[j] == '}')
                --depth;
            if (depth > 0)
                ++j;
        }
        if (j >= format.size()) {
            if (format.find('}', i) == std::string::npos && i + 1 >= format.size())
                throw pythonError("ValueError", "Single '{' encountered in format string");
            throw pythonError("ValueError", "expected '}' before end of string");
        }
        const std::string field = format.substr(i + 1, j - i - 1);
        std::size_t specAt = std::string::npos, bangAt = std::string::npos;
        for (std::size_t k = 0; k < field.size(); ++k) {
            if (field[k] == '[') {
                k = field.find(']', k);
                if (k == std::string::npos)
                    break;
                continue;
            }
            if (field[k] == '!' && bangAt == std::string::npos) {
                bangAt = k;
            } else if (field[k] == ':') {
                specAt = k;
                break;
            }
        }
        const std::string name = field.substr(0, std::min(bangAt, specAt));
        char conversion = 0;
        if (bangAt != std::string::npos) {
            const std::string conv = field.substr(bangAt + 1, specAt == std::string::npos ? std::string::npos : specAt - bangAt - 1);
            if (conv.size() != 1)
                throw pythonError("ValueError", "expected ':' after conversion specifier");
            conversion = conv[0];
            if (conversion != 'r' && conversion != 's' && conversion != 'a')
                throw pythonError("ValueError", std::string("Unknown conversion specifier ") + conversion);
        }
        std::string spec = specAt == std::string::npos ? std::string() : field.substr(specAt + 1);
        if (spec.find('{') != std::string::npos)
            spec = formatString(interpreter, spec, args);
        ObjectPtr value = fieldValue(name);
        if (conversion == 'r' || conversion == 'a')
            value = makeStr(impl.repr(value));
        else if (conversion == 's')
            value = makeStr(impl.str(value));
        out += impl.formatValue(value, spec);
        i = j + 1;
    }
    return out;
}

void defineStrMethods(TypeInfo& str)
{
    const auto noArguments = [](const char* name) {
        return [name](CallArgs& args) { args.expectNone(std::string("str.") + name + "()"); };
    };
    method(str, "upper", "()", "a new string in upper case", [noArguments](Interpreter&, const ObjectPtr& self, CallArgs& args) {
        noArguments("upper")(args);
        return makeStr(mapCase(textOf(self), true));
    });
    method(str, "lower", "()", "a new string in lower case", [noArguments](Interpreter&, const ObjectPtr& self, CallArgs& args) {
        noArguments("lower")(args);
        return makeStr(mapCase(textOf(self), false));
    });
    method(str, "capitalize", "()", "the first character upper case, the rest lower case",
           [noArguments](Interpreter&, const ObjectPtr& self, CallArgs& args) {
               noArguments("capitalize")(args);
               std::string text = textOf(self);
               for (std::size_t i = 0; i < text.size(); ++i)
                   text[i] = static_cast<char>(i == 0 ? std::toupper(static_cast<unsigned char>(text[i]))
                                                      : std::tolower(static_cast<unsigned char>(text[i])));
               return makeStr(std::move(text));
           });
    method(str, "title", "()", "each word capitalized", [noArguments](Interpreter&, const ObjectPtr& self, CallArgs& args) {
        noArguments("title")(args);
        std::string text = textOf(self);
        bool previousCased = false;
        for (char& c : text) {
            const bool cased = std::isalpha(static_cast<unsigned char>(c)) != 0;
            c = static_cast<char>(previousCased ? std::tolower(static_cast<unsigned char>(c)) : std::toupper(static_cast<unsigned char>(c)));
            previousCased = cased;
        }
        return makeStr(std::move(text));
    });
    const auto defineStrip = [&](const char* name, bool left, bool right) {
        method(str, name, "(chars=None, /)", "a new string without leading/trailing whitespace (or chars)",
               [name, left, right](Interpreter&, const ObjectPtr& self, CallArgs& args) {
                   args.expectPositional(name, 0, 1);
                   return makeStr(stripped(textOf(self), args.positional().empty() ? nullptr : args.positional()[0], left, right, name));
               });
    };
    defineStrip("strip", true, true);
    defineStrip("lstrip", true, false);
    defineStrip("rstrip", false, true);
    method(str, "split", "(sep=None, maxsplit=-1)", "a list of the parts between separators",
           [](Interpreter&, const ObjectPtr& self, CallArgs& args) {
               args.bindClinic("split", "(sep=None, maxsplit=-1)");
               const std::int64_t maxSplit = args.has("maxsplit") ? indexOrFail(args.get("maxsplit")) : -1;
               return strList(splitText(textOf(self), args.get("sep"), maxSplit));
           });
    method(str, "rsplit", "(sep=None, maxsplit=-1)", "a list of the parts between separators, splitting from the right",
           [](Interpreter&, const ObjectPtr& self, CallArgs& args) {
               args.bindClinic("rsplit", "(sep=None, maxsplit=-1)");
               const std::int64_t maxSplit = args.has("maxsplit") ? indexOrFail(args.get("maxsplit")) : -1;
               // Splitting the reversed text with the reversed separator, then reversing back, splits from the right.
               const auto reversed = [](std::string text) {
                   std::reverse(text.begin(), text.end());
                   return text;
               };
               const ObjectPtr& separator = args.get("sep");
               const ObjectPtr reversedSeparator =
                   separator && separator->kind() == ObjectKind::Str ? makeStr(reversed(textOf(separator))) : separator;
               std::vector<std::string> parts = splitText(reversed(textOf(self)), reversedSeparator, maxSplit);
               std::reverse(parts.begin(), parts.end());
               for (std::string& part : parts)
                   part = reversed(part);
               return strList(parts);
           });
    method(str, "splitlines", "(keepends=False)", "a list of the lines", [](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) {
        args.bindClinic("splitlines", "(keepends=False)");
        const bool keep = args.has("keepends") && interpreter.truthy(args.get("keepends"));
        std::vector<std::string> lines;
        const std::string& text = textOf(self);
        std::size_t start = 0;
        for (std::size_t i = 0; i < text.size(); ++i) {
            if (text[i] == '\n' || text[i] == '\r') {
                std::size_t end = i + 1;
                if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n')
                    ++end;
                lines.push_back(text.substr(start, (keep ? end : i) - start));
                start = end;
                i = end - 1;
            }
        }
        if (start < text.size())
            lines.push_back(text.substr(start));
        return strList(lines);
    });
    method(str, "join", "(iterable, /)", "the items, which must be strings, with this string between them",
           [](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) {
               const ObjectPtr& iterable = args.expectOneArgument("str.join");
               const std::vector<ObjectPtr> items = interpreter.iterate(iterable);
               std::string out;
               for (std::size_t i = 0; i < items.size(); ++i) {
                   if (items[i]->kind() != ObjectKind::Str)
                       throw pythonError("TypeError", concat("sequence item ", i, ": expected str instance, ", typeNameOf(items[i]), " found"));
                   if (i)
                       out += textOf(self);
                   out += textOf(items[i]);
               }
               interpreter.checkContainerSize(static_cast<std::int64_t>(out.size()));
               return makeStr(std::move(out));
           });
    method(str, "replace", "(old, new, count=-1, /)", "a new string with old replaced by new",
           [](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) {
               args.expectPositional("replace", 2, 3);
               const std::string& old = strArgument(args.positional()[0], "replace", 1);
               const std::string& replacement = strArgument(args.positional()[1], "replace", 2);
               std::int64_t count = args.positional().size() > 2 ? indexOrFail(args.positional()[2]) : -1;
               const std::string& text = textOf(self);
               std::string out;
               std::size_t start = 0;
               if (old.empty()) {
                   // Python inserts the replacement between characters and at both ends.
                   for (std::size_t i = 0; i <= text.size(); ++i) {
                       if (count != 0) {
                           out += replacement;
                           --count;
                       }
                       if (i < text.size())
                           out += text[i];
                   }
                   interpreter.checkContainerSize(static_cast<std::int64_t>(out.size()));
                   return makeStr(std::move(out));
               }
               while (count != 0) {
                   const std::size_t at = text.find(old, start);
                   if (at == std::string::npos)
                       break;
                   out += text.substr(start, at - start) + replacement;
                   start = at + old.size();
                   --count;
                   interpreter.checkContainerSize(static_cast<std::int64_t>(out.size()));
               }
               out += text.substr(start);
               return makeStr(std::move(out));
           });
    method(str, "startswith", "(prefix, /)", "whether the string starts with prefix (or one of a tuple of them)",
           [](Interpreter&, const ObjectPtr& self, CallArgs& args) {
               args.expectPositional("startswith", 1, 1);
               return makeBool(affixMatches(textOf(self), args.positional()[0], true, "startswith"));
           });
    method(str, "endswith", "(suffix, /)", "whether the string ends with suffix (or one of a tuple of them)",
           [](Interpreter&, const ObjectPtr& self, CallArgs& args) {
               args.expectPositional("endswith", 1, 1);
               return makeBool(affixMatches(textOf(self), args.positional()[0], false, "endswith"));
           });
    const auto defineFind = [&](const char* name, bool reverse, bool raise) {
        method(str, name, "(sub, /)", raise ? "the position of sub; ValueError when absent" : "the position of sub, or -1",
               [name, reverse, raise](Interpreter&, const ObjectPtr& self, CallArgs& args) {
                   args.expectPositional(name, 1, 1);
                   const std::string& sub = strArgument(args.positional()[0], name, 1);
                   const std::size_t at = reverse ? textOf(self).rfind(sub) : textOf(self).find(sub);
                   if (at == std::string::npos) {
                       if (raise)
                           throw pythonError("ValueError", "substring not found");
                       return makeInt(-1);
                   }
                   return makeInt(static_cast<std::int64_t>(at));
               });
    };
    defineFind("find", false, false);
    defineFind("rfind", true, false);
    defineFind("index", false, true);
    method(str, "count", "(sub, /)", "how many times sub occurs, without overlapping", [](Interpreter&, const ObjectPtr& self, CallArgs& args) {
        args.expectPositional("count", 1, 1);
        const std::string& sub = strArgument(args.positional()[0], "count", 1);
        const std::string& text = textOf(self);
        if (sub.empty())
            return makeInt(static_cast<std::int64_t>(text.size()) + 1);
        std::int64_t n = 0;
        for (std::size_t at = text.find(sub); at != std::string::npos; at = text.find(sub, at + sub.size()))
            ++n;
        return makeInt(n);
    });
    method(str, "ljust", "(width, fillchar=' ', /)", "the string padded on the right to width",
           [](Interpreter&, const ObjectPtr& self, CallArgs& args) { return makeStr(justified(textOf(self), args, "ljust", '<')); });
    method(str, "rjust", "(width, fillchar=' ', /)", "the string padded on the left to width",
           [](Interpreter&, const ObjectPtr& self, CallArgs& args) { return makeStr(justified(textOf(self), args, "rjust", '>')); });
    method(str, "center", "(width, fillchar=' ', /)", "the string centred in width",
           [](Interpreter&, const ObjectPtr& self, CallArgs& args) { return makeStr(justified(textOf(self), args, "center", '^')); });
    method(str, "zfill", "(width, /)", "the string padded with zeros on the left, after any sign",
           [](Interpreter&, const ObjectPtr& self, CallArgs& args) {
               const std::int64_t width = indexOrFail(args.expectOneArgument("str.zfill"));
               std::string text = textOf(self);
               if (static_cast<std::int64_t>(text.size()) >= width)
                   return makeStr(text);
               const std::size_t fill = static_cast<std::size_t>(width) - text.size();
               const std::size_t at = !text.empty() && (text[0] == '+' || text[0] == '-') ? 1 : 0;
               text.insert(at, fill, '0');
               return makeStr(std::move(text));
           });
    const auto defineTest = [&](const char* name, bool (*test)(const std::string&)) {
        method(str, name, "()", "a character-class test over the whole string", [name, test](Interpreter&, const ObjectPtr& self, CallArgs& args) {
            args.expectNone(std::string("str.") + name + "()");
            return makeBool(test(textOf(self)));
        });
    };
    const auto all = [](const std::string& text, int (*f)(int)) {
        return !text.empty() && std::all_of(text.begin(), text.end(), [f](char c) { return f(static_cast<unsigned char>(c)) != 0; });
    };
    static const auto allOf = all;
    defineTest("isdigit", [](const std::string& t) { return allOf(t, ::isdigit); });
    defineTest("isalpha", [](const std::string& t) { return allOf(t, ::isalpha); });
    defineTest("isalnum", [](const std::string& t) { return allOf(t, ::isalnum); });
    defineTest("isspace", [](const std::string& t) { return allOf(t, ::isspace); });
    defineTest("isupper", [](const std::string& t) {
        return std::any_of(t.begin(), t.end(), [](char c) { return std::isupper(static_cast<unsigned char>(c)) != 0; }) &&
               std::none_of(t.begin(), t.end(), [](char c) { return std::islower(static_cast<unsigned char>(c)) != 0; });
    });
    defineTest("islower", [](const std::string& t) {
        return std::any_of(t.begin(), t.end(), [](char c) { return std::islower(static_cast<unsigned char>(c)) != 0; }) &&
               std::none_of(t.begin(), t.end(), [](char c) { return std::isupper(static_cast<unsigned char>(c)) != 0; });
    });
    method(str, "format", "(*args, **kwargs)", "the string with its {} fields replaced, as format() formats each value",
           [](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) { return makeStr(formatString(interpreter, textOf(self), args)); });
}

// ---- numbers ---------------------------------------------------------------------------------------------

void defineNumberMethods(TypeInfo& intType, TypeInfo& floatType)
{
    const auto property = [](TypeInfo& type, const std::string& name, const std::string& summary, Getter getter) {
        type.properties[name] = std::move(getter);
        registerEntry({"builtins." + type.name, name, "", "attribute", summary});
    };
    // bool shares int's: True.real is 1, an int.
    property(intType, "real", "the number itself, as an int", [](Interpreter&, const ObjectPtr& self) { return makeInt(*asIndex(self)); });
    property(intType, "imag", "0", [](Interpreter&, const ObjectPtr&) { return makeInt(0); });
    property(floatType, "real", "the number itself", [](Interpreter&, const ObjectPtr& self) { return self; });
    property(floatType, "imag", "0.0", [](Interpreter&, const ObjectPtr&) { return makeFloat(0.0); });
    method(intType, "bit_length", "()", "the number of bits the magnitude needs", [](Interpreter&, const ObjectPtr& self, CallArgs& args) {
        args.expectNone("int.bit_length()");
        const std::int64_t v = *asIndex(self);
        const std::uint64_t magnitude = v < 0 ? 0ull - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
        return makeInt(magnitude == 0 ? 0 : 64 - __builtin_clzll(magnitude));
    });
    method(floatType, "is_integer", "()", "whether the float has no fractional part", [](Interpreter&, const ObjectPtr& self, CallArgs& args) {
        args.expectNone("float.is_integer()");
        const double v = static_cast<const FloatObject&>(*self).value;
        return makeBool(std::isfinite(v) && std::floor(v) == v);
    });
}

}  // namespace

void defineBuiltinTypeMethods(Builtins& types)
{
    defineNumberMethods(types.intType, types.floatType);
    defineListMethods(types.listType);
    defineTupleMethods(types.tupleType);
    defineDictMethods(types.dictType);
    defineStrMethods(types.strType);
}

}  // namespace av::engine::py
