#pragma once
// Python objects as the interpreter sees them. Identity and lifetime follow CPython's: every object is
// reference counted (shared_ptr), id() is the object's address, and a freed object's address can be
// reused, which is why id(C.storage()) can equal id(D.storage()) in the seed's script. An Array is the
// engine's view; an ArrayObject is the Python object wrapping it (`Y = X` shares the object, `X.view()`
// makes a new one).

#include "engine/array.h"
#include "engine/errors.h"
#include "engine/scalar.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace av::engine::py {

class Object;
using ObjectPtr = std::shared_ptr<Object>;
class Interpreter;
struct TypeInfo;
class CallArgs;

// A native function: receives the interpreter, the bound self (null for plain functions) and the call's
// arguments; returns the result (None is the None object, never null).
using NativeFunction = std::function<ObjectPtr(Interpreter&, const ObjectPtr& self, CallArgs& args)>;
using Getter = std::function<ObjectPtr(Interpreter&, const ObjectPtr& self)>;

// A Python type: its printed name, its base (for isinstance and except), its methods and properties.
struct TypeInfo {
    std::string name;           // "Tensor"
    std::string qualifiedName;  // "torch.Tensor", as <class '...'> prints it
    // The C type's tp_name where messages print more than `name` ("torch.Size", "torch.dtype"); empty
    // for types that print as `name` (Python classes such as Tensor).
    std::string tpName;
    const TypeInfo* base = nullptr;
    // A second base after the whole `base` chain: numpy.float64's mro ends in (..., generic, float, object),
    // so isinstance(np.float64(1), float) is True.
    const TypeInfo* laterBase = nullptr;
    std::unordered_map<std::string, NativeFunction> methods;
    std::unordered_map<std::string, Getter> properties;
    // Calling the type object itself (int(x), np.float32(2), ValueError("x")); empty when not callable.
    NativeFunction constructor;

    bool isSubtypeOf(const TypeInfo* other) const;
};

enum class ObjectKind : std::uint8_t {
    None,
    Bool,
    Int,
    Float,
    Str,
    List,
    Tuple,
    Dict,
    Range,
    Slice,
    Ellipsis,
    Module,
    Function,
    Type,
    Array,
    Storage,
    DType,
    Device,
    Exception,
    Other,
};

class Object {
public:
    Object(ObjectKind kind, const TypeInfo* type) : m_kind(kind), m_type(type) {}
    virtual ~Object() = default;
    Object(const Object&) = delete;
    Object& operator=(const Object&) = delete;

    ObjectKind kind() const { return m_kind; }
    const TypeInfo* type() const { return m_type; }
    // CPython's id(): the object's address, reusable once the object is gone.
    std::uintptr_t id() const { return reinterpret_cast<std::uintptr_t>(this); }

private:
    ObjectKind m_kind;
    const TypeInfo* m_type;
};

// ---- the builtin types ---------------------------------------------------------------------------------

struct Builtins;
const Builtins& builtinTypes();
// For builtins.cpp, which gives the builtin types their constructors (int(x), ValueError("...")) once.
Builtins& mutableBuiltinTypes();

struct Builtins {
    TypeInfo object, noneType, boolType, intType, floatType, strType, listType, tupleType, dictType, rangeType,
        sliceType, ellipsisType, moduleType, functionType, methodType, typeType, iteratorType;
    // Exceptions, by name: "BaseException", "Exception", "ValueError", ...
    std::unordered_map<std::string, std::unique_ptr<TypeInfo>> exceptions;
    const TypeInfo* exception(const std::string& name) const;
};

class IntObject : public Object {
public:
    explicit IntObject(std::int64_t v) : Object(ObjectKind::Int, &builtinTypes().intType), value(v) {}
    std::int64_t value;
};

class FloatObject : public Object {
public:
    explicit FloatObject(double v) : Object(ObjectKind::Float, &builtinTypes().floatType), value(v) {}
    double value;
};

class BoolObject : public Object {
public:
    explicit BoolObject(bool v) : Object(ObjectKind::Bool, &builtinTypes().boolType), value(v) {}
    bool value;
};

class StrObject : public Object {
public:
    explicit StrObject(std::string v) : Object(ObjectKind::Str, &builtinTypes().strType), value(std::move(v)) {}
    std::string value;
};

// Releases a container's items without recursing: a list nested a million deep (a = [a] in a loop)
// must not overflow the C++ stack when it dies. Items that die with it are destroyed one after another by
// the outermost release.
void releaseItems(std::vector<ObjectPtr>& items);

// Lists, tuples and dicts can hold themselves (a.append(a)), a cycle shared_ptr never frees; CPython's
// cycle collector does. The containers made while an interpreter runs join its ContainerRegistry (an
// intrusive list: no allocation per container), and the interpreter empties them all when it is destroyed,
// which frees every cycle.
class ContainerRegistry {
public:
    struct Node {
        Node* prev = nullptr;
        Node* next = nullptr;
        ContainerRegistry* registry = nullptr;
        Object* object = nullptr;
    };

    ContainerRegistry() = default;
    ~ContainerRegistry() { breakCycles(); }
    ContainerRegistry(const ContainerRegistry&) = delete;
    ContainerRegistry& operator=(const ContainerRegistry&) = delete;

    // The registry new containers join on this thread (none outside a run).
    static ContainerRegistry*& current();
    // Sets current() for a scope.
    class Scope {
    public:
        explicit Scope(ContainerRegistry& registry) : m_previous(current()) { current() = &registry; }
        ~Scope() { current() = m_previous; }
        Scope(const Scope&) = delete;
        Scope& operator=(const Scope&) = delete;

    private:
        ContainerRegistry* m_previous;
    };

    void add(Node& node, Object* object);
    static void remove(Node& node);
    // Empties every registered container, then lets go of what they held.
    void breakCycles();

private:
    Node m_head;  // sentinel; m_head.next is the newest container
};

class SequenceObject : public Object {  // list and tuple (and tuple subclasses such as torch.Size)
public:
    SequenceObject(ObjectKind kind, const TypeInfo* type, std::vector<ObjectPtr> items)
        : Object(kind, type), items(std::move(items))
    {
        if (ContainerRegistry* registry = ContainerRegistry::current())
            registry->add(m_node, this);
    }
    ~SequenceObject() override
    {
        ContainerRegistry::remove(m_node);
        releaseItems(items);
    }
    std::vector<ObjectPtr> items;

private:
    ContainerRegistry::Node m_node;
};

class DictObject : public Object {
public:
    DictObject() : Object(ObjectKind::Dict, &builtinTypes().dictType)
    {
        if (ContainerRegistry* registry = ContainerRegistry::current())
            registry->add(m_node, this);
    }
    ~DictObject() override;
    // Insertion-ordered; keys compare with Python equality for the hashable builtins.
    std::vector<std::pair<ObjectPtr, ObjectPtr>> entries;

private:
    ContainerRegistry::Node m_node;
};

class RangeObject : public Object {
public:
    RangeObject(std::int64_t start, std::int64_t stop, std::int64_t step)
        : Object(ObjectKind::Range, &builtinTypes().rangeType), start(start), stop(stop), step(step)
    {
    }
    std::int64_t length() const;
    std::int64_t start, stop, step;
};

class SliceObject : public Object {
public:
    SliceObject(ObjectPtr start, ObjectPtr stop, ObjectPtr step)
        : Object(ObjectKind::Slice, &builtinTypes().sliceType), start(std::move(start)), stop(std::move(stop)), step(std::move(step))
    {
    }
    ObjectPtr start, stop, step;  // the None object where omitted
};

class ModuleObject : public Object {
public:
    ModuleObject(std::string name) : Object(ObjectKind::Module, &builtinTypes().moduleType), name(std::move(name)) {}
    std::string name;
    std::unordered_map<std::string, ObjectPtr> attributes;
};

class FunctionObject : public Object {
public:
    FunctionObject(std::string name, std::string qualifiedName, NativeFunction function, ObjectPtr self = nullptr)
        : Object(ObjectKind::Function, self ? &builtinTypes().methodType : &builtinTypes().functionType),
          name(std::move(name)),
          qualifiedName(std::move(qualifiedName)),
          function(std::move(function)),
          self(std::move(self))
    {
    }
    std::string name;           // "view"
    std::string qualifiedName;  // "Tensor.view", for messages and repr
    NativeFunction function;
    ObjectPtr self;             // set for bound methods
};

class TypeObject : public Object {
public:
    explicit TypeObject(const TypeInfo* info) : Object(ObjectKind::Type, &builtinTypes().typeType), info(info) {}
    const TypeInfo* info;
};

// A tensor or ndarray (or NumPy scalar) as a Python object.
class ArrayObject : public Object {
public:
    ArrayObject(const TypeInfo* type, ArrayPtr array) : Object(ObjectKind::Array, type), array(std::move(array)) {}
    ArrayPtr array;
};

// An exception as a Python object (`except ValueError as e`, `ValueError("x")`): the error itself. Its
// class hierarchy is the error's mro, so numpy.AxisError is both a ValueError and an IndexError.
class ExceptionObject : public Object {
public:
    ExceptionObject(const TypeInfo* type, PyError error) : Object(ObjectKind::Exception, type), error(std::move(error)) {}
    PyError error;
};

// Any other native object (torch.device, np.dtype, storages, flags ...): a typed payload.
template <typename Payload>
class NativeObject : public Object {
public:
    NativeObject(ObjectKind kind, const TypeInfo* type, Payload payload) : Object(kind, type), payload(std::move(payload)) {}
    Payload payload;
};

// ---- shared singletons and constructors ------------------------------------------------------------------

const ObjectPtr& none();
const ObjectPtr& trueObject();
const ObjectPtr& falseObject();
const ObjectPtr& ellipsis();
ObjectPtr makeBool(bool value);
ObjectPtr makeInt(std::int64_t value);
ObjectPtr makeFloat(double value);
ObjectPtr makeStr(std::string value);
ObjectPtr makeList(std::vector<ObjectPtr> items);
ObjectPtr makeTuple(std::vector<ObjectPtr> items);
ObjectPtr makeType(const TypeInfo* info);

// Exception classes a library defines (numpy.AxisError, ...), registered by the module that defines them
// under the class name a PyError's mro holds, so that type(e) finds them.
void registerLibraryException(const std::string& name, const TypeInfo* type);
const TypeInfo* libraryException(const std::string& name);

// ---- the Python errors the interpreter raises itself -----------------------------------------------------

// The builtin exception `name` ("TypeError", "NameError", ...) with its Python bases.
PyError pythonError(const std::string& name, std::string message);

}  // namespace av::engine::py
