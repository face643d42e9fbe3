#include "nativeobjects.h"

#include "bindings.h"
#include "interpreterimpl.h"
#include "modulebindings.h"
#include "registry.h"
#include "torchargs.h"

#include "engine/autograd.h"
#include "engine/dispatch.h"
#include "engine/pyformat.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <mutex>
#include <random>

namespace av::engine::py {

namespace {

TypeInfo makeTypeInfo(std::string name, std::string qualified, const TypeInfo* base = &builtinTypes().object)
{
    TypeInfo info;
    info.name = std::move(name);
    info.qualifiedName = std::move(qualified);
    info.base = base;
    return info;
}

ObjectPtr str(std::string text) { return makeStr(std::move(text)); }

std::string strOf(const ObjectPtr& object) { return static_cast<const StrObject&>(*object).value; }

}  // namespace

// ---- dtypes -------------------------------------------------------------------------------------------

namespace {

using DTypeObject = NativeObject<DType>;

TypeInfo& torchDTypeType()
{
    static TypeInfo type = [] {
        TypeInfo t = makeTypeInfo("dtype", "torch.dtype");
        t.tpName = "torch.dtype";
        t.methods["__repr__"] = [](Interpreter&, const ObjectPtr& self, CallArgs&) {
            return str(std::string(torchName(static_cast<const DTypeObject&>(*self).payload)));
        };
        t.properties["is_floating_point"] = [](Interpreter&, const ObjectPtr& self) {
            return makeBool(isFloating(static_cast<const DTypeObject&>(*self).payload));
        };
        t.properties["is_signed"] = [](Interpreter&, const ObjectPtr& self) {
            const DTypeKind kind = kindOf(static_cast<const DTypeObject&>(*self).payload);
            return makeBool(kind == DTypeKind::Signed || kind == DTypeKind::Float);
        };
        return t;
    }();
    return type;
}

}  // namespace

TypeInfo& numpyDTypeClass()
{
    static TypeInfo type = makeTypeInfo("dtype", "numpy.dtype");
    return type;
}

namespace {

// np.dtype('float32'): its type prints as <class 'numpy.dtype[float32]'>, one per dtype.
TypeInfo& numpyDTypeType(DType dtype)
{
    static std::array<TypeInfo, kDTypeCount> types = [] {
        std::array<TypeInfo, kDTypeCount> all;
        for (int i = 0; i < kDTypeCount; ++i) {
            const DType d = static_cast<DType>(i);
            const std::string scalarName = d == DType::Bool ? "bool_" : std::string(numpyName(d));
            all[static_cast<std::size_t>(i)] =
                makeTypeInfo("dtype[" + scalarName + "]", "numpy.dtype[" + scalarName + "]", &numpyDTypeClass());
            TypeInfo& t = all[static_cast<std::size_t>(i)];
            t.methods["__repr__"] = [](Interpreter&, const ObjectPtr& self, CallArgs&) {
                return str(numpyDTypeRepr(static_cast<const DTypeObject&>(*self).payload));
            };
            t.methods["__str__"] = [](Interpreter&, const ObjectPtr& self, CallArgs&) {
                return str(std::string(numpyName(static_cast<const DTypeObject&>(*self).payload)));
            };
            t.methods["__eq__"] = [](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) {
                // NumPy compares with whatever np.dtype(other) makes (None is float64) and answers False,
                // never an error, when other is no dtype at all (d == 'nosuch', d == 3).
                const ObjectPtr& value = args.positional().at(0);
                std::optional<DType> other;
                try {
                    if (value->kind() == ObjectKind::None)
                        other = DType::Float64;
                    else if (value->kind() != ObjectKind::DType || value->type()->isSubtypeOf(&numpyDTypeClass()))
                        other = numpyDTypeArgument(interpreter, value);  // a torch dtype is never equal
                } catch (const PyError&) {
                    other.reset();
                }
                return makeBool(other && *other == static_cast<const DTypeObject&>(*self).payload);
            };
            t.properties["name"] = [](Interpreter&, const ObjectPtr& self) {
                return str(std::string(numpyName(static_cast<const DTypeObject&>(*self).payload)));
            };
            t.properties["itemsize"] = [](Interpreter&, const ObjectPtr& self) {
                return makeInt(itemSize(static_cast<const DTypeObject&>(*self).payload));
            };
            t.properties["kind"] = [](Interpreter&, const ObjectPtr& self) {
                switch (kindOf(static_cast<const DTypeObject&>(*self).payload)) {
                case DTypeKind::Bool: return str("b");
                case DTypeKind::Unsigned: return str("u");
                case DTypeKind::Signed: return str("i");
                case DTypeKind::Float: return str("f");
                }
                return str("?");
            };
            t.properties["type"] = [](Interpreter&, const ObjectPtr& self) {
                return makeType(&numpyScalarType(static_cast<const DTypeObject&>(*self).payload));
            };
        }
        return all;
    }();
    return types[static_cast<std::size_t>(dtype)];
}

}  // namespace

ObjectPtr torchDTypeObject(DType dtype)
{
    static const std::array<ObjectPtr, kDTypeCount> objects = [] {
        std::array<ObjectPtr, kDTypeCount> all;
        for (int i = 0; i < kDTypeCount; ++i)
            all[static_cast<std::size_t>(i)] =
                std::make_shared<DTypeObject>(ObjectKind::DType, &torchDTypeType(), static_cast<DType>(i));
        return all;
    }();
    return objects[static_cast<std::size_t>(dtype)];
}

ObjectPtr numpyDTypeObject(DType dtype)
{
    // NumPy caches its builtin dtype instances: np.dtype('f4') is np.dtype('f4').
    static const std::array<ObjectPtr, kDTypeCount> objects = [] {
        std::array<ObjectPtr, kDTypeCount> all;
        for (int i = 0; i < kDTypeCount; ++i)
            all[static_cast<std::size_t>(i)] =
                std::make_shared<DTypeObject>(ObjectKind::DType, &numpyDTypeType(static_cast<DType>(i)), static_cast<DType>(i));
        return all;
    }();
    return objects[static_cast<std::size_t>(dtype)];
}

std::optional<DType> dtypeArgument(const ObjectPtr& value, Flavour flavour, std::string_view function)
{
    if (!value || value->kind() == ObjectKind::None)
        return std::nullopt;
    if (value->kind() == ObjectKind::DType)
        return static_cast<const DTypeObject&>(*value).payload;
    if (value->kind() == ObjectKind::Type) {
        const TypeInfo* info = static_cast<const TypeObject&>(*value).info;
        const Builtins& b = builtinTypes();
        if (info == &b.floatType)
            return DType::Float64;  // Python's float is a double in both libraries
        if (info == &b.intType)
            return DType::Int64;
        if (info == &b.boolType)
            return DType::Bool;
        for (int i = 0; i < kDTypeCount; ++i)
            if (info == &numpyScalarType(static_cast<DType>(i)))
                return static_cast<DType>(i);
    }
    if (value->kind() == ObjectKind::Str) {
        const std::string& name = strOf(value);
        if (const std::optional<DType> d = dtypeFromNumpyName(name))
            return d;
        static const std::pair<std::string_view, DType> kCodes[] = {
            {"f4", DType::Float32}, {"f8", DType::Float64}, {"f2", DType::Float16}, {"i1", DType::Int8},
            {"i2", DType::Int16},   {"i4", DType::Int32},   {"i8", DType::Int64},   {"u1", DType::UInt8},
            {"b1", DType::Bool},    {"?", DType::Bool},     {"<f4", DType::Float32}, {"<f8", DType::Float64}};
        for (const auto& [code, d] : kCodes)
            if (code == name)
                return d;
        if (flavour == Flavour::Numpy)
            throw pythonError("TypeError", "data type '" + name + "' not understood");
    }
    if (flavour == Flavour::Torch)
        throw pythonError("TypeError", std::string(function) + " argument 'dtype' must be torch.dtype, not " + typeNameOf(value));
    throw pythonError("TypeError", "Cannot interpret '" + typeNameOf(value) + "' as a data type");
}

// ---- devices and shapes -----------------------------------------------------------------------------------

namespace {

// A torch.device: torch.device("cuda") has no index (it means the current device), unlike a tensor's.
struct DeviceValue {
    Device device;
    bool hasIndex = true;
};
using DeviceObject = NativeObject<DeviceValue>;

const DeviceValue& deviceOf(const ObjectPtr& self) { return static_cast<const DeviceObject&>(*self).payload; }

constexpr const char* kDeviceTypes = "cpu, cuda, ipu, xpu, mkldnn, opengl, opencl, ideep, hip, ve, fpga, ort, xla, lazy, vulkan, "
                                     "mps, meta, hpu, privateuseone";

// c10::Device(const std::string&): "type" or "type:index", with its two messages.
DeviceValue parseDeviceString(const std::string& text)
{
    std::size_t i = 0;
    while (i < text.size() && (std::isalpha(static_cast<unsigned char>(text[i])) || text[i] == '_'))
        ++i;
    const std::string type = text.substr(0, i);
    bool valid = !type.empty();
    std::optional<int> index;
    if (valid && i < text.size()) {
        const std::string digits = text.substr(i + 1);
        valid = text[i] == ':' && !digits.empty() && digits.size() < 10 &&
                std::all_of(digits.begin(), digits.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }) &&
                (digits == "0" || digits[0] != '0');
        if (valid)
            index = std::stoi(digits);
    }
    if (!valid)
        throw pythonError("RuntimeError", "Invalid device string: '" + text + "'");
    if (type == "cpu")
        return {Device::cpu(), index.has_value()};
    if (type == "cuda")
        return {Device::cuda(index.value_or(0)), index.has_value()};
    throw pythonError("RuntimeError", std::string("Expected one of ") + kDeviceTypes + " device type at start of device string: " + text);
}

TypeInfo& deviceType();

ObjectPtr makeDeviceObject(DeviceValue value) { return std::make_shared<DeviceObject>(ObjectKind::Device, &deviceType(), value); }

TypeInfo& deviceType()
{
    static TypeInfo type = [] {
        TypeInfo t = makeTypeInfo("device", "torch.device");
        t.tpName = "torch.device";
        t.methods["__repr__"] = [](Interpreter&, const ObjectPtr& self, CallArgs&) {
            const DeviceValue& d = deviceOf(self);
            const std::string type = d.device.isCpu() ? "cpu" : "cuda";
            if (!d.hasIndex)
                return str("device(type='" + type + "')");
            return str("device(type='" + type + "', index=" + std::to_string(d.device.isCpu() ? 0 : d.device.index) + ")");
        };
        t.methods["__str__"] = [](Interpreter&, const ObjectPtr& self, CallArgs&) {
            const DeviceValue& d = deviceOf(self);
            const std::string type = d.device.isCpu() ? "cpu" : "cuda";
            if (!d.hasIndex)
                return str(type);
            return str(type + ":" + std::to_string(d.device.isCpu() ? 0 : d.device.index));
        };
        // Devices equal devices only: torch.device('cpu') == 'cpu' is False.
        t.methods["__eq__"] = [](Interpreter&, const ObjectPtr& self, CallArgs& args) {
            const ObjectPtr& other = args.positional().at(0);
            if (other->kind() != ObjectKind::Device)
                return falseObject();
            const DeviceValue& a = deviceOf(self);
            const DeviceValue& b = deviceOf(other);
            return makeBool(a.device == b.device && a.hasIndex == b.hasIndex);
        };
        t.properties["type"] = [](Interpreter&, const ObjectPtr& self) { return str(deviceOf(self).device.isCpu() ? "cpu" : "cuda"); };
        t.properties["index"] = [](Interpreter&, const ObjectPtr& self) {
            const DeviceValue& d = deviceOf(self);
            if (!d.hasIndex)
                return none();
            return makeInt(d.device.isCpu() ? 0 : d.device.index);
        };
        // torch.device(...) goes through torch's parser, under the name Device.
        t.constructor = [](Interpreter&, const ObjectPtr&, CallArgs& args) -> ObjectPtr {
            static const TorchParser parser{"Device(Device device)", "Device(c10::string_view type, int64_t? index=-1)"};
            const TorchArgs a = parser.parse(args);
            if (a.index() == 0) {
                const ObjectPtr& spec = a.object("device");
                if (spec->kind() == ObjectKind::Device)
                    return spec;
                if (spec->kind() == ObjectKind::Str)
                    return makeDeviceObject(parseDeviceString(strOf(spec)));
                const std::int64_t index = a.toInt64("device");
                if (index < 0)
                    throw pythonError("RuntimeError", concat("Device index must not be negative"));
                return makeDeviceObject({Device::cuda(static_cast<int>(index)), true});
            }
            DeviceValue value = parseDeviceString(a.string("type"));
            if (a.has("index") && a.toInt64("index") != -1) {
                if (value.hasIndex)
                    throw pythonError("RuntimeError", "type (string) must not include an index because index was passed explicitly: " +
                                                          a.string("type"));
                const std::int64_t index = a.toInt64("index");
                if (index < 0)
                    throw pythonError("RuntimeError", concat("Device index must be -1 or non-negative, got ", index));
                value.device = value.device.isCpu() ? Device::cpu() : Device::cuda(static_cast<int>(index));
                value.hasIndex = true;
            }
            return makeDeviceObject(value);
        };
        return t;
    }();
    return type;
}
}  // namespace

ObjectPtr deviceObject(Device device) { return makeDeviceObject({device, !device.isCpu()}); }

std::optional<Device> deviceArgument(const ObjectPtr& value)
{
    if (!value || value->kind() == ObjectKind::None)
        return std::nullopt;
    if (value->kind() == ObjectKind::Device)
        return deviceOf(value).device;
    if (value->kind() == ObjectKind::Str)
        return parseDeviceString(strOf(value)).device;
    throw pythonError("TypeError", "expected a device, got '" + typeNameOf(value) + "'");
}

const TypeInfo& torchSizeType()
{
    static TypeInfo type = [] {
        TypeInfo t = makeTypeInfo("Size", "torch.Size", &builtinTypes().tupleType);
        t.tpName = "torch.Size";
        t.methods["__repr__"] = [](Interpreter& interpreter, const ObjectPtr& self, CallArgs&) {
            std::string out = "torch.Size([";
            const auto& items = static_cast<const SequenceObject&>(*self).items;
            for (std::size_t i = 0; i < items.size(); ++i)
                out += (i ? ", " : "") + interpreter.repr(items[i]);
            return str(out + "])");
        };
        // THPSize_pynew: tuple(iterable), where every item must be an int.
        t.constructor = [](Interpreter& interpreter, const ObjectPtr&, CallArgs& args) -> ObjectPtr {
            if (!args.keywords().empty())
                throw pythonError("TypeError", "Size() takes no keyword arguments");
            if (args.positional().size() > 1)
                throw pythonError("TypeError", concat("Size expected at most 1 argument, got ", args.positional().size()));
            std::vector<ObjectPtr> items;
            if (!args.positional().empty())
                items = interpreter.iterate(args.positional()[0]);
            for (std::size_t i = 0; i < items.size(); ++i) {
                const bool isInt = items[i]->kind() == ObjectKind::Int ||
                                   (items[i]->kind() == ObjectKind::Array && selfArray(items[i])->isNumpyScalar() &&
                                    isIntegral(selfArray(items[i])->dtype(), false));
                if (!isInt)
                    throw pythonError("TypeError", concat("torch.Size() takes an iterable of 'int' (item ", i, " is '",
                                                          typeNameOf(items[i]), "')"));
                items[i] = makeInt(*asIndex(items[i]));
            }
            return std::make_shared<SequenceObject>(ObjectKind::Tuple, &torchSizeType(), std::move(items));
        };
        t.methods["__add__"] = [](Interpreter&, const ObjectPtr& self, CallArgs& args) -> ObjectPtr {
            std::vector<ObjectPtr> items = static_cast<const SequenceObject&>(*self).items;
            const auto& more = static_cast<const SequenceObject&>(*args.positional().at(0)).items;
            items.insert(items.end(), more.begin(), more.end());
            return std::make_shared<SequenceObject>(ObjectKind::Tuple, &torchSizeType(), std::move(items));
        };
        t.methods["numel"] = [](Interpreter&, const ObjectPtr& self, CallArgs& args) {
            args.expectNone("numel()");
            std::int64_t n = 1;
            for (const ObjectPtr& item : static_cast<const SequenceObject&>(*self).items)
                n *= *asIndex(item);
            return makeInt(n);
        };
        return t;
    }();
    return type;
}

ObjectPtr torchSize(const Shape& sizes)
{
    std::vector<ObjectPtr> items;
    for (const std::int64_t s : sizes)
        items.push_back(makeInt(s));
    return std::make_shared<SequenceObject>(ObjectKind::Tuple, &torchSizeType(), std::move(items));
}

ObjectPtr intTuple(IntSpan values)
{
    std::vector<ObjectPtr> items;
    for (const std::int64_t v : values)
        items.push_back(makeInt(v));
    return makeTuple(std::move(items));
}

Shape shapeFromObject(const ObjectPtr& value, std::string_view function)
{
    if (const std::optional<std::int64_t> n = asIndex(value))
        return {*n};
    if (value->kind() == ObjectKind::List || value->kind() == ObjectKind::Tuple) {
        Shape shape;
        for (const ObjectPtr& item : static_cast<const SequenceObject&>(*value).items) {
            const std::optional<std::int64_t> n = asIndex(item);
            if (!n)
                throw pythonError("TypeError", std::string(function) + ": argument 'size' must be tuple of ints, but found element of type " +
                                                   typeNameOf(item) + " at pos " + std::to_string(shape.size()));
            shape.push_back(*n);
        }
        return shape;
    }
    throw pythonError("TypeError", std::string(function) + ": argument 'size' must be tuple of ints, not " + typeNameOf(value));
}

Shape shapeArgument(const std::vector<ObjectPtr>& variadic, std::string_view function)
{
    if (variadic.size() == 1 && (variadic[0]->kind() == ObjectKind::List || variadic[0]->kind() == ObjectKind::Tuple))
        return shapeFromObject(variadic[0], function);
    Shape shape;
    for (const ObjectPtr& item : variadic) {
        const std::optional<std::int64_t> n = asIndex(item);
        if (!n)
            throw pythonError("TypeError", std::string(function) + ": argument 'size' must be tuple of ints, but found element of type " +
                                               typeNameOf(item) + " at pos " + std::to_string(shape.size()));
        shape.push_back(*n);
    }
    return shape;
}

// ---- numbers and arrays ----------------------------------------------------------------------------------

std::int64_t intArgument(const ObjectPtr& value, std::string_view function, std::string_view parameter)
{
    const std::optional<std::int64_t> n = asIndex(value);
    if (!n)
        throw pythonError("TypeError", std::string(function) + ": argument '" + std::string(parameter) + "' must be int, not " +
                                           typeNameOf(value));
    return *n;
}

double floatArgument(const ObjectPtr& value, std::string_view function, std::string_view parameter)
{
    const std::optional<double> v = value->kind() == ObjectKind::Array ? std::nullopt : asDouble(value);
    if (!v)
        throw pythonError("TypeError", std::string(function) + ": argument '" + std::string(parameter) + "' must be float, not " +
                                           typeNameOf(value));
    return *v;
}

bool boolArgument(Interpreter& interpreter, const ObjectPtr& value) { return value && interpreter.truthy(value); }

std::optional<Scalar> scalarArgument(const ObjectPtr& value)
{
    switch (value->kind()) {
    case ObjectKind::Bool: return Scalar(static_cast<const BoolObject&>(*value).value);
    case ObjectKind::Int: return Scalar(static_cast<const IntObject&>(*value).value);
    case ObjectKind::Float: return Scalar(static_cast<const FloatObject&>(*value).value);
    case ObjectKind::Array: {
        const Array& array = *static_cast<const ArrayObject&>(*value).array;
        if (!array.isNumpyScalar() && !(array.dim() == 0 && array.isNdarray()))
            return std::nullopt;
        return dispatchDType(array.dtype(), [&]<typename T>(TypeTag<T>) -> Scalar {
            const T v = loadElement<T>(array.data());
            if constexpr (std::is_same_v<T, bool>)
                return Scalar(v);
            else if constexpr (kIsFloat<T>)
                return Scalar(static_cast<double>(static_cast<OpMathT<T>>(v)));
            else
                return Scalar(static_cast<std::int64_t>(v));
        });
    }
    default: return std::nullopt;
    }
}

const ArrayPtr& arrayArgument(const ObjectPtr& value, std::string_view function, std::string_view parameter)
{
    if (value->kind() != ObjectKind::Array)
        throw pythonError("TypeError", std::string(function) + ": argument '" + std::string(parameter) + "' must be Tensor, not " +
                                           typeNameOf(value));
    return static_cast<const ArrayObject&>(*value).array;
}

Value valueArgument(const ObjectPtr& value, std::string_view function, std::string_view parameter)
{
    if (value->kind() == ObjectKind::Array)
        return static_cast<const ArrayObject&>(*value).array;
    if (const std::optional<Scalar> s = scalarArgument(value))
        return *s;
    throw pythonError("TypeError", std::string(function) + ": argument '" + std::string(parameter) +
                                       "' must be Tensor or Number, not " + typeNameOf(value));
}

const ArrayPtr& selfArray(const ObjectPtr& self) { return static_cast<const ArrayObject&>(*self).array; }

// ---- storages ------------------------------------------------------------------------------------------

namespace {

struct StorageRef {
    StoragePtr storage;
    DType dtype;
};
using StorageObject = NativeObject<StorageRef>;

const StorageRef& storageOf(const ObjectPtr& self) { return static_cast<const StorageObject&>(*self).payload; }

std::int64_t storageSize(const StorageRef& ref) { return ref.storage->nbytes() / itemSize(ref.dtype); }

ObjectPtr storageElement(const StorageRef& ref, std::int64_t i)
{
    const std::byte* p = ref.storage->data() + i * itemSize(ref.dtype);
    return dispatchDType(ref.dtype, [&]<typename T>(TypeTag<T>) -> ObjectPtr {
        const T v = loadElement<T>(p);
        if constexpr (std::is_same_v<T, bool>)
            return makeBool(v);
        else if constexpr (kIsFloat<T>)
            return makeFloat(static_cast<double>(static_cast<OpMathT<T>>(v)));
        else
            return makeInt(static_cast<std::int64_t>(v));
    });
}

TypeInfo& storageType()
{
    static TypeInfo type = [] {
        TypeInfo t = makeTypeInfo("TypedStorage", "torch.storage.TypedStorage");
        const std::string owner = "torch.TypedStorage";
        defineMethod(t, owner, "data_ptr", "()", "the storage's first byte: the tensor's data_ptr minus its offset",
                     [](Interpreter&, const ObjectPtr& self, CallArgs& args) {
                         args.expectNone("data_ptr()");
                         return makeInt(static_cast<std::int64_t>(storageOf(self).storage->dataPtr()));
                     });
        defineMethod(t, owner, "size", "()", "the number of elements", [](Interpreter&, const ObjectPtr& self, CallArgs& args) {
            args.expectNone("size()");
            return makeInt(storageSize(storageOf(self)));
        });
        defineMethod(t, owner, "nbytes", "()", "the number of bytes", [](Interpreter&, const ObjectPtr& self, CallArgs& args) {
            args.expectNone("nbytes()");
            return makeInt(storageOf(self).storage->nbytes());
        });
        defineMethod(t, owner, "element_size", "()", "bytes per element", [](Interpreter&, const ObjectPtr& self, CallArgs& args) {
            args.expectNone("element_size()");
            return makeInt(itemSize(storageOf(self).dtype));
        });
        defineMethod(t, owner, "tolist", "()", "the elements as a list", [](Interpreter&, const ObjectPtr& self, CallArgs& args) {
            args.expectNone("tolist()");
            std::vector<ObjectPtr> items;
            for (std::int64_t i = 0; i < storageSize(storageOf(self)); ++i)
                items.push_back(storageElement(storageOf(self), i));
            return makeList(std::move(items));
        });
        t.properties["device"] = [](Interpreter&, const ObjectPtr& self) { return deviceObject(storageOf(self).storage->device()); };
        t.properties["dtype"] = [](Interpreter&, const ObjectPtr& self) { return torchDTypeObject(storageOf(self).dtype); };
        t.methods["__len__"] = [](Interpreter&, const ObjectPtr& self, CallArgs&) { return makeInt(storageSize(storageOf(self))); };
        t.methods["__getitem__"] = [](Interpreter&, const ObjectPtr& self, CallArgs& args) {
            const ObjectPtr& index = args.positional().at(0);
            const std::int64_t n = storageSize(storageOf(self));
            if (index->kind() == ObjectKind::Slice)
                throw pythonError("RuntimeError", "slices are only supported in UntypedStorage.__getitem__");
            const std::optional<std::int64_t> i = index->kind() == ObjectKind::Int ? asIndex(index) : std::nullopt;
            if (!i) {
                const TypeInfo* type = index->type();
                throw pythonError("RuntimeError", "can't index a <class 'torch.storage.TypedStorage'> with <class '" +
                                                      type->qualifiedName + "'>");
            }
            const std::int64_t at = *i < 0 ? *i + n : *i;
            if (at < 0 || at >= n)
                throw pythonError("IndexError", concat("index ", *i, " out of range for storage of size ", n));
            return storageElement(storageOf(self), at);
        };
        t.methods["__str__"] = [](Interpreter& interpreter, const ObjectPtr& self, CallArgs&) {
            const StorageRef& ref = storageOf(self);
            std::string out = " ";
            const std::int64_t n = storageSize(ref);
            for (std::int64_t i = 0; i < n; ++i) {
                if (i)
                    out += "\n ";
                out += interpreter.str(storageElement(ref, i));
            }
            out += "\n[torch.storage.TypedStorage(dtype=" + std::string(torchName(ref.dtype)) + ", device=" +
                   ref.storage->device().str() + ") of size " + std::to_string(n) + "]";
            return str(out);
        };
        t.methods["__repr__"] = t.methods["__str__"];
        return t;
    }();
    return type;
}

}  // namespace

ObjectPtr typedStorage(const ArrayPtr& tensor)
{
    return std::make_shared<StorageObject>(ObjectKind::Storage, &storageType(), StorageRef{tensor->storage(), tensor->dtype()});
}

// ---- NumPy flags, ctypes, __array_interface__ --------------------------------------------------------------

namespace {

using ArrayRefObject = NativeObject<ArrayPtr>;
const ArrayPtr& arrayRefOf(const ObjectPtr& self) { return static_cast<const ArrayRefObject&>(*self).payload; }

bool flagValue(const Array& a, const std::string& name)
{
    // The combined flags NumPy derives from the basic ones.
    if (name == "FNC")
        return a.isFContiguous() && !a.isContiguous();
    if (name == "FORC")
        return a.isFContiguous() || a.isContiguous();
    if (name == "BEHAVED" || name == "B")
        return flagValue(a, "ALIGNED") && flagValue(a, "WRITEABLE");
    if (name == "CARRAY" || name == "CA")
        return flagValue(a, "BEHAVED") && a.isContiguous();
    if (name == "FARRAY" || name == "FA")
        return flagValue(a, "BEHAVED") && a.isFContiguous() && !a.isContiguous();
    if (name == "C_CONTIGUOUS" || name == "C" || name == "CONTIGUOUS")
        return a.isContiguous();
    if (name == "F_CONTIGUOUS" || name == "F" || name == "FORTRAN")
        return a.isFContiguous();
    if (name == "OWNDATA" || name == "O")
        return a.ownsData();
    if (name == "WRITEABLE" || name == "W")
        return a.writeable() && !a.isNumpyScalar();  // NumPy scalars are immutable
    if (name == "ALIGNED" || name == "A")
        return a.bufferByteOffset() % a.itemsize() == 0;
    if (name == "WRITEBACKIFCOPY" || name == "X")
        return false;
    throw pythonError("KeyError", "'Unknown flag'");
}

// a.flags.writeable = v: NumPy refuses to make an array writeable whose base is not, and any flag change
// on a scalar.
void setWriteableFlag(const ArrayPtr& array, bool value)
{
    if (array->isNumpyScalar())
        throw pythonError("ValueError", "Cannot set flags on array scalars.");
    if (value && !array->writeable() && array->base() && array->base()->isNdarray() && !array->base()->writeable())
        throw pythonError("ValueError", "cannot set WRITEABLE flag to True of this array");
    array->setWriteable(value);
}

TypeInfo& flagsType()
{
    static TypeInfo type = [] {
        TypeInfo t = makeTypeInfo("flagsobj", "numpy.core.multiarray.flagsobj");
        t.methods["__getitem__"] = [](Interpreter&, const ObjectPtr& self, CallArgs& args) {
            const ObjectPtr& key = args.positional().at(0);
            if (key->kind() != ObjectKind::Str)
                throw pythonError("KeyError", "'Unknown flag'");
            return makeBool(flagValue(*arrayRefOf(self), strOf(key)));
        };
        t.methods["__repr__"] = [](Interpreter&, const ObjectPtr& self, CallArgs&) {
            const Array& a = *arrayRefOf(self);
            const auto line = [&](const char* name) {
                return std::string("  ") + name + " : " + (flagValue(a, name) ? "True" : "False") + "\n";
            };
            return str(line("C_CONTIGUOUS") + line("F_CONTIGUOUS") + line("OWNDATA") + line("WRITEABLE") + line("ALIGNED") +
                       line("WRITEBACKIFCOPY"));
        };
        for (const auto& [attribute, flag] : std::initializer_list<std::pair<const char*, const char*>>{
                 {"c_contiguous", "C_CONTIGUOUS"}, {"f_contiguous", "F_CONTIGUOUS"}, {"contiguous", "C_CONTIGUOUS"},
                 {"fortran", "F_CONTIGUOUS"}, {"fnc", "FNC"}, {"forc", "FORC"}, {"behaved", "BEHAVED"}, {"carray", "CARRAY"},
                 {"farray", "FARRAY"},
                 {"owndata", "OWNDATA"}, {"writeable", "WRITEABLE"}, {"aligned", "ALIGNED"}, {"writebackifcopy", "WRITEBACKIFCOPY"}}) {
            const std::string flagName = flag;
            t.properties[attribute] = [flagName](Interpreter&, const ObjectPtr& self) {
                return makeBool(flagValue(*arrayRefOf(self), flagName));
            };
        }
        // a.flags.writeable = False: NumPy refuses to make an array writeable whose base is not.
        t.methods["__setattr__writeable"] = [](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) {
            setWriteableFlag(arrayRefOf(self), interpreter.truthy(args.positional().at(0)));
            return none();
        };
        // a.flags['WRITEABLE'] = False: only the settable flags are keys here, as in NumPy.
        t.methods["__setitem__"] = [](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) {
            const ObjectPtr& key = args.positional().at(0);
            const std::string name = key->kind() == ObjectKind::Str ? strOf(key) : std::string();
            const bool value = interpreter.truthy(args.positional().at(1));
            if (name == "WRITEABLE" || name == "W") {
                setWriteableFlag(arrayRefOf(self), value);
                return none();
            }
            if (arrayRefOf(self)->isNumpyScalar())
                throw pythonError("ValueError", "Cannot set flags on array scalars.");
            if (name == "ALIGNED" || name == "A") {
                if (!value)
                    throw pythonError("NotImplementedError", "aliasview does not support clearing the ALIGNED flag: its arrays are always aligned");
                return none();
            }
            if (name == "WRITEBACKIFCOPY" || name == "X") {
                if (value)
                    throw pythonError("ValueError", "cannot set WRITEBACKIFCOPY flag to True");
                return none();
            }
            throw pythonError("KeyError", "'Unknown flag'");
        };
        return t;
    }();
    return type;
}

TypeInfo& ctypesType()
{
    static TypeInfo type = [] {
        TypeInfo t = makeTypeInfo("_ctypes", "numpy.core._internal._ctypes");
        t.properties["data"] = [](Interpreter&, const ObjectPtr& self) {
            return makeInt(static_cast<std::int64_t>(arrayRefOf(self)->dataPtr()));
        };
        return t;
    }();
    return type;
}

}  // namespace

ObjectPtr numpyFlags(const ArrayPtr& array) { return std::make_shared<ArrayRefObject>(ObjectKind::Other, &flagsType(), array); }
ObjectPtr numpyCtypes(const ArrayPtr& array) { return std::make_shared<ArrayRefObject>(ObjectKind::Other, &ctypesType(), array); }

ObjectPtr arrayInterface(Interpreter& interpreter, const ArrayPtr& array)
{
    auto dict = std::make_shared<DictObject>();
    const auto set = [&](const char* key, ObjectPtr value) { interpreter.impl().setItem(dict, makeStr(key), std::move(value)); };
    set("data", makeTuple({makeInt(static_cast<std::int64_t>(array->dataPtr())), makeBool(!array->writeable())}));
    set("strides", array->isContiguous() ? none() : intTuple(array->byteStrides()));
    const char kind = kindOf(array->dtype()) == DTypeKind::Bool ? 'b' : kindOf(array->dtype()) == DTypeKind::Unsigned ? 'u'
                      : kindOf(array->dtype()) == DTypeKind::Signed                                               ? 'i'
                                                                                                                  : 'f';
    const std::string typestr = std::string(array->itemsize() == 1 ? "|" : "<") + kind + std::to_string(array->itemsize());
    set("descr", makeList({makeTuple({makeStr(""), makeStr(typestr)})}));
    set("typestr", makeStr(typestr));
    set("shape", intTuple(array->sizes()));
    set("version", makeInt(3));
    return dict;
}

// ---- torch's layouts, memory formats and generator ----------------------------------------------------

namespace {

using NamedObject = NativeObject<std::string>;

TypeInfo& printedByNameType(const char* name, const char* qualified)
{
    static std::unordered_map<std::string, std::unique_ptr<TypeInfo>> types;
    auto& slot = types[qualified];
    if (!slot) {
        slot = std::make_unique<TypeInfo>(makeTypeInfo(name, qualified));
        slot->tpName = qualified;
        slot->methods["__repr__"] = [](Interpreter&, const ObjectPtr& self, CallArgs&) {
            return str(static_cast<const NamedObject&>(*self).payload);
        };
    }
    return *slot;
}

struct GeneratorState {
    std::uint64_t initialSeed = 67280421310721ULL;  // c10's default_rng_seed_val
    std::mt19937_64 engine{67280421310721ULL};
};

GeneratorState& generatorState()
{
    static GeneratorState state;
    return state;
}

}  // namespace

ObjectPtr torchLayoutObject()
{
    static const ObjectPtr strided =
        std::make_shared<NamedObject>(ObjectKind::Other, &printedByNameType("layout", "torch.layout"), "torch.strided");
    return strided;
}

ObjectPtr torchMemoryFormatObject(const std::string& name)
{
    static std::unordered_map<std::string, ObjectPtr> formats;
    ObjectPtr& slot = formats[name];
    if (!slot)
        slot = std::make_shared<NamedObject>(ObjectKind::Other, &printedByNameType("memory_format", "torch.memory_format"),
                                             "torch." + name);
    return slot;
}

void seedTorchGenerator(std::uint64_t seed)
{
    generatorState().initialSeed = seed;
    generatorState().engine.seed(seed);
}

std::uint64_t torchInitialSeed() { return generatorState().initialSeed; }
std::uint64_t nextTorchRandom() { return generatorState().engine(); }

ObjectPtr torchGeneratorObject()
{
    static const ObjectPtr generator = [] {
        static TypeInfo type = [] {
            TypeInfo t = makeTypeInfo("Generator", "torch._C.Generator");
            t.tpName = "torch._C.Generator";
            defineMethod(t, "torch.Generator", "initial_seed", "()", "the seed last set (torch.manual_seed)",
                         [](Interpreter&, const ObjectPtr&, CallArgs& args) {
                             args.expectNone("initial_seed()");
                             return makeInt(static_cast<std::int64_t>(torchInitialSeed()));
                         });
            return t;
        }();
        return std::make_shared<NamedObject>(ObjectKind::Other, &type, "default_generator");
    }();
    return generator;
}

// ---- context managers and named tuples ----------------------------------------------------------------

namespace {

struct GradModeState {
    bool enabled;
    std::vector<bool> previous;
};
using GradModeObject = NativeObject<GradModeState>;

TypeInfo& gradModeType(bool enabled)
{
    static TypeInfo noGrad = makeTypeInfo("no_grad", "torch.autograd.grad_mode.no_grad");
    static TypeInfo enableGrad = makeTypeInfo("enable_grad", "torch.autograd.grad_mode.enable_grad");
    static std::once_flag once;
    std::call_once(once, [] {
        for (TypeInfo* t : {&noGrad, &enableGrad}) {
            t->methods["__enter__"] = [](Interpreter&, const ObjectPtr& self, CallArgs&) {
                auto& state = static_cast<GradModeObject&>(*self).payload;
                state.previous.push_back(GradMode::isEnabled());
                GradMode::setEnabled(state.enabled);
                return none();
            };
            t->methods["__exit__"] = [](Interpreter&, const ObjectPtr& self, CallArgs&) {
                auto& state = static_cast<GradModeObject&>(*self).payload;
                if (!state.previous.empty()) {
                    GradMode::setEnabled(state.previous.back());
                    state.previous.pop_back();
                }
                return falseObject();
            };
        }
    });
    return enabled ? enableGrad : noGrad;
}

TypeInfo& returnTypesType(const std::string& name)
{
    static std::unordered_map<std::string, std::unique_ptr<TypeInfo>> types;
    auto& slot = types[name];
    if (!slot) {
        slot = std::make_unique<TypeInfo>(makeTypeInfo(name, "torch.return_types." + name, &builtinTypes().tupleType));
        slot->tpName = "torch.return_types." + name;
        slot->methods["__repr__"] = [name](Interpreter& interpreter, const ObjectPtr& self, CallArgs&) {
            const auto& items = static_cast<const SequenceObject&>(*self).items;
            return str("torch.return_types." + name + "(\nvalues=" + interpreter.repr(items[0]) + ",\nindices=" +
                       interpreter.repr(items[1]) + ")");
        };
        slot->properties["values"] = [](Interpreter&, const ObjectPtr& self) { return static_cast<const SequenceObject&>(*self).items[0]; };
        slot->properties["indices"] = [](Interpreter&, const ObjectPtr& self) { return static_cast<const SequenceObject&>(*self).items[1]; };
    }
    return *slot;
}

}  // namespace

namespace {

struct SetGradEnabledState {
    bool previous;
};
using SetGradEnabledObject = NativeObject<SetGradEnabledState>;

TypeInfo& setGradEnabledType()
{
    static TypeInfo type = [] {
        TypeInfo t = makeTypeInfo("set_grad_enabled", "torch.autograd.grad_mode.set_grad_enabled");
        t.methods["__enter__"] = [](Interpreter&, const ObjectPtr&, CallArgs&) { return none(); };
        t.methods["__exit__"] = [](Interpreter&, const ObjectPtr& self, CallArgs&) {
            GradMode::setEnabled(static_cast<const SetGradEnabledObject&>(*self).payload.previous);
            return falseObject();
        };
        return t;
    }();
    return type;
}

}  // namespace

ObjectPtr setGradEnabledContext(bool enabled)
{
    auto object = std::make_shared<SetGradEnabledObject>(ObjectKind::Other, &setGradEnabledType(),
                                                         SetGradEnabledState{GradMode::isEnabled()});
    GradMode::setEnabled(enabled);
    return object;
}

ObjectPtr gradModeContext(bool enabled)
{
    return std::make_shared<GradModeObject>(ObjectKind::Other, &gradModeType(enabled), GradModeState{enabled, {}});
}

ObjectPtr returnTypes(Interpreter& interpreter, const std::string& name, const ArrayPtr& values, const ArrayPtr& indices)
{
    return std::make_shared<SequenceObject>(ObjectKind::Tuple, &returnTypesType(name),
                                            std::vector<ObjectPtr>{interpreter.wrap(values), interpreter.wrap(indices)});
}

// ---- defining bindings ------------------------------------------------------------------------------

void defineFunction(ModuleObject& module, const std::string& owner, const std::string& name, const std::string& signature,
                    const std::string& summary, NativeFunction function)
{
    module.attributes[name] = std::make_shared<FunctionObject>(name, name, std::move(function));
    registerEntry({owner, name, signature, "function", summary});
}

void defineMethod(TypeInfo& type, const std::string& owner, const std::string& name, const std::string& signature,
                  const std::string& summary, NativeFunction function)
{
    type.methods[name] = std::move(function);
    registerEntry({owner, name, signature, "method", summary});
}

void defineProperty(TypeInfo& type, const std::string& owner, const std::string& name, const std::string& summary, Getter getter)
{
    type.properties[name] = std::move(getter);
    registerEntry({owner, name, "", "attribute", summary});
}

void defineSetter(TypeInfo& type, const std::string& name, NativeFunction setter)
{
    type.methods["__setattr__" + name] = std::move(setter);
}

}  // namespace av::engine::py
