#include "object.h"

namespace av::engine::py {

bool TypeInfo::isSubtypeOf(const TypeInfo* other) const
{
    for (const TypeInfo* t = this; t; t = t->base) {
        if (t == other)
            return true;
        if (t->laterBase && t->laterBase->isSubtypeOf(other))
            return true;
    }
    return false;
}

std::int64_t RangeObject::length() const
{
    if (step > 0)
        return start < stop ? (stop - start - 1) / step + 1 : 0;
    return start > stop ? (start - stop - 1) / (-step) + 1 : 0;
}

namespace {

// Python's builtin exception tree, child -> parent.
constexpr std::pair<std::string_view, std::string_view> kExceptionParents[] = {
    {"Exception", "BaseException"},       {"ArithmeticError", "Exception"},  {"ZeroDivisionError", "ArithmeticError"},
    {"OverflowError", "ArithmeticError"}, {"FloatingPointError", "ArithmeticError"},
    {"LookupError", "Exception"},         {"IndexError", "LookupError"},     {"KeyError", "LookupError"},
    {"ValueError", "Exception"},          {"TypeError", "Exception"},        {"NameError", "Exception"},
    {"UnboundLocalError", "NameError"},   {"AttributeError", "Exception"},   {"RuntimeError", "Exception"},
    {"NotImplementedError", "RuntimeError"}, {"RecursionError", "RuntimeError"}, {"AssertionError", "Exception"},
    {"ImportError", "Exception"},         {"ModuleNotFoundError", "ImportError"}, {"MemoryError", "Exception"},
    {"StopIteration", "Exception"},       {"KeyboardInterrupt", "BaseException"}, {"SystemExit", "BaseException"},
};

std::string_view parentOf(std::string_view name)
{
    for (const auto& [child, parent] : kExceptionParents)
        if (child == name)
            return parent;
    return {};
}

void initType(TypeInfo& type, std::string name, std::string qualified, const TypeInfo* base)
{
    type.name = std::move(name);
    type.qualifiedName = std::move(qualified);
    type.base = base;
}

Builtins makeBuiltins()
{
    Builtins b;
    initType(b.object, "object", "object", nullptr);
    initType(b.noneType, "NoneType", "NoneType", &b.object);
    initType(b.intType, "int", "int", &b.object);
    initType(b.boolType, "bool", "bool", &b.intType);
    initType(b.floatType, "float", "float", &b.object);
    initType(b.strType, "str", "str", &b.object);
    initType(b.listType, "list", "list", &b.object);
    initType(b.tupleType, "tuple", "tuple", &b.object);
    initType(b.dictType, "dict", "dict", &b.object);
    initType(b.rangeType, "range", "range", &b.object);
    initType(b.sliceType, "slice", "slice", &b.object);
    initType(b.ellipsisType, "ellipsis", "ellipsis", &b.object);
    initType(b.moduleType, "module", "module", &b.object);
    initType(b.functionType, "builtin_function_or_method", "builtin_function_or_method", &b.object);
    initType(b.methodType, "builtin_function_or_method", "builtin_function_or_method", &b.object);
    initType(b.typeType, "type", "type", &b.object);
    initType(b.iteratorType, "iterator", "iterator", &b.object);
    // Parents before children, so each base is in place when its child is made.
    std::vector<std::string_view> names = {"BaseException"};
    for (const auto& [child, parent] : kExceptionParents)
        names.push_back(child);
    for (const std::string_view name : names) {
        auto info = std::make_unique<TypeInfo>();
        const std::string_view parent = parentOf(name);
        const TypeInfo* base = parent.empty() ? &b.object : b.exceptions.at(std::string(parent)).get();
        initType(*info, std::string(name), std::string(name), base);
        b.exceptions.emplace(std::string(name), std::move(info));
    }
    return b;
}

}  // namespace

Builtins& mutableBuiltinTypes()
{
    static Builtins builtins = makeBuiltins();
    return builtins;
}

const Builtins& builtinTypes() { return mutableBuiltinTypes(); }

const TypeInfo* Builtins::exception(const std::string& name) const
{
    const auto it = exceptions.find(name);
    return it == exceptions.end() ? nullptr : it->second.get();
}

namespace {
std::unordered_map<std::string, const TypeInfo*>& libraryExceptions()
{
    static std::unordered_map<std::string, const TypeInfo*> types;
    return types;
}
}  // namespace

void registerLibraryException(const std::string& name, const TypeInfo* type) { libraryExceptions()[name] = type; }

const TypeInfo* libraryException(const std::string& name)
{
    const auto it = libraryExceptions().find(name);
    return it == libraryExceptions().end() ? nullptr : it->second;
}

PyError pythonError(const std::string& name, std::string message)
{
    std::vector<std::string> mro;
    for (std::string_view n = name; !n.empty() && n != "BaseException" && n != "Exception"; n = parentOf(n))
        mro.emplace_back(n);
    return PyError(name, std::move(mro), std::move(message));
}

namespace {

template <typename T, typename... Args>
ObjectPtr immortal(Args&&... args)
{
    return std::make_shared<T>(std::forward<Args>(args)...);
}

// Small ints are shared objects in CPython (-5 to 256), so `a is b` holds for them; the same here.
const std::vector<ObjectPtr>& smallInts()
{
    static const std::vector<ObjectPtr> ints = [] {
        std::vector<ObjectPtr> v;
        for (std::int64_t i = -5; i <= 256; ++i)
            v.push_back(std::make_shared<IntObject>(i));
        return v;
    }();
    return ints;
}

}  // namespace

const ObjectPtr& none()
{
    static const ObjectPtr object = immortal<NativeObject<int>>(ObjectKind::None, &builtinTypes().noneType, 0);
    return object;
}
const ObjectPtr& trueObject()
{
    static const ObjectPtr object = immortal<BoolObject>(true);
    return object;
}
const ObjectPtr& falseObject()
{
    static const ObjectPtr object = immortal<BoolObject>(false);
    return object;
}
const ObjectPtr& ellipsis()
{
    static const ObjectPtr object = immortal<NativeObject<int>>(ObjectKind::Ellipsis, &builtinTypes().ellipsisType, 0);
    return object;
}

ObjectPtr makeBool(bool value) { return value ? trueObject() : falseObject(); }

ObjectPtr makeInt(std::int64_t value)
{
    if (value >= -5 && value <= 256)
        return smallInts()[static_cast<std::size_t>(value + 5)];
    return std::make_shared<IntObject>(value);
}

ObjectPtr makeFloat(double value) { return std::make_shared<FloatObject>(value); }
ObjectPtr makeStr(std::string value) { return std::make_shared<StrObject>(std::move(value)); }
ObjectPtr makeList(std::vector<ObjectPtr> items)
{
    return std::make_shared<SequenceObject>(ObjectKind::List, &builtinTypes().listType, std::move(items));
}
ObjectPtr makeTuple(std::vector<ObjectPtr> items)
{
    return std::make_shared<SequenceObject>(ObjectKind::Tuple, &builtinTypes().tupleType, std::move(items));
}
namespace {

thread_local std::vector<ObjectPtr>* pendingRelease = nullptr;

}  // namespace

void releaseItems(std::vector<ObjectPtr>& items)
{
    if (pendingRelease) {
        // Inside another release: hand over the items that would die here, to be destroyed by the loop below.
        for (ObjectPtr& item : items)
            if (item && item.use_count() == 1)
                pendingRelease->push_back(std::move(item));
        items.clear();
        return;
    }
    std::vector<ObjectPtr> pending;
    pendingRelease = &pending;
    items.clear();
    while (!pending.empty()) {
        ObjectPtr next = std::move(pending.back());
        pending.pop_back();
        next.reset();  // its own items join `pending`
    }
    pendingRelease = nullptr;
}

ContainerRegistry*& ContainerRegistry::current()
{
    thread_local ContainerRegistry* registry = nullptr;
    return registry;
}

void ContainerRegistry::add(Node& node, Object* object)
{
    node.registry = this;
    node.object = object;
    node.prev = &m_head;
    node.next = m_head.next;
    if (m_head.next)
        m_head.next->prev = &node;
    m_head.next = &node;
}

void ContainerRegistry::remove(Node& node)
{
    if (!node.registry)
        return;
    node.prev->next = node.next;
    if (node.next)
        node.next->prev = node.prev;
    node.registry = nullptr;
    node.prev = node.next = nullptr;
}

void ContainerRegistry::breakCycles()
{
    // First empty every container, so that none keeps another alive; only then drop what they held (which
    // destroys containers, and so unlinks them, while nothing walks the list).
    std::vector<ObjectPtr> held;
    for (Node* node = m_head.next; node; node = node->next) {
        if (node->object->kind() == ObjectKind::Dict) {
            auto& dict = static_cast<DictObject&>(*node->object);
            for (auto& [key, value] : dict.entries) {
                held.push_back(std::move(key));
                held.push_back(std::move(value));
            }
            dict.entries.clear();
        } else {
            auto& sequence = static_cast<SequenceObject&>(*node->object);
            for (ObjectPtr& item : sequence.items)
                held.push_back(std::move(item));
            sequence.items.clear();
        }
    }
    releaseItems(held);
    // Containers still alive (held from outside) stay in the list, empty.
    for (Node* node = m_head.next; node;) {
        Node* next = node->next;
        remove(*node);
        node = next;
    }
}

DictObject::~DictObject()
{
    ContainerRegistry::remove(m_node);
    std::vector<ObjectPtr> items;
    items.reserve(entries.size() * 2);
    for (auto& [key, value] : entries) {
        items.push_back(std::move(key));
        items.push_back(std::move(value));
    }
    entries.clear();
    releaseItems(items);
}

ObjectPtr makeType(const TypeInfo* info)
{
    // One type object per type, so that `type(a) is type(b)` holds.
    static std::unordered_map<const TypeInfo*, ObjectPtr> types;
    ObjectPtr& object = types[info];
    if (!object)
        object = std::make_shared<TypeObject>(info);
    return object;
}

}  // namespace av::engine::py
