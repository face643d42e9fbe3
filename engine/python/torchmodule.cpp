// The `torch` module: its functions bound to the engine with torch's own argument lists (torchargs.h),
// its dtypes, types and small objects; each lands in the registry with a summary that says whether the
// result shares memory or copies.

#include "arraybindings.h"
#include "bindings.h"
#include "interpreterimpl.h"
#include "modulebindings.h"
#include "nativeobjects.h"
#include "registry.h"
#include "torchargs.h"
#include "torchbindings.h"

#include "engine/arrayfactory.h"
#include "engine/autograd.h"
#include "engine/conversion.h"
#include "engine/copies.h"
#include "engine/creation.h"
#include "engine/dispatch.h"
#include "engine/promotion.h"

#include <cmath>
#include <memory>

namespace av::engine::py {

namespace {

using Body = std::function<ObjectPtr(Interpreter&, const TorchArgs&)>;

// A torch function whose arguments torch's generated parser reads.
void parsedFunction(ModuleObject& torch, const std::string& name, const std::string& summary, std::vector<std::string> overloads,
                    Body body)
{
    auto parser = std::make_shared<TorchParser>(overloads);
    defineFunction(torch, kTorchOwner, name, parser->pythonSignature(), summary,
                   [parser, body](Interpreter& interpreter, const ObjectPtr&, CallArgs& args) {
                       return body(interpreter, parser->parse(args));
                   });
}

// dtype=, device=, requires_grad= as the factories read them.
CreationOptions factoryOptions(const TorchArgs& a)
{
    CreationOptions options;
    options.dtype = a.scalarType("dtype");
    if (const std::optional<Device> device = a.device("device"))
        options.device = *device;
    options.requiresGrad = a.has("requires_grad") && a.toBool("requires_grad");
    return options;
}

// The keyword-only tail every factory has.
#define AV_FACTORY_TAIL "ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=False, bool? requires_grad=False"

// ---- random numbers -------------------------------------------------------------------------------------

enum class Distribution { Uniform, Normal, Integers };

double uniform01() { return static_cast<double>(nextTorchRandom() >> 11) * 0x1.0p-53; }

// Fills a fresh tensor (every element of its buffer, in memory order) from the generator.
void fillRandom(const ArrayPtr& out, Distribution distribution, std::int64_t low = 0, std::int64_t high = 0)
{
    std::byte* p = out->buffer()->data() + out->storage()->byteOffset();
    const std::int64_t n = out->numel();
    const std::int64_t itemsize = out->itemsize();
    for (std::int64_t i = 0; i < n; ++i) {
        Scalar value(0.0);
        switch (distribution) {
        case Distribution::Uniform: value = Scalar(uniform01()); break;
        case Distribution::Normal: {
            // Box-Muller; 1 - u keeps the logarithm's argument in (0, 1].
            const double u = 1.0 - uniform01(), v = uniform01();
            value = Scalar(std::sqrt(-2.0 * std::log(u)) * std::cos(2.0 * M_PI * v));
            break;
        }
        case Distribution::Integers: {
            const auto range = static_cast<std::uint64_t>(high - low);
            value = Scalar(low + static_cast<std::int64_t>(nextTorchRandom() % range));
            break;
        }
        }
        storeScalar(p + i * itemsize, out->dtype(), value, Flavour::Torch);
    }
}

ArrayPtr randomTensor(Distribution distribution, const Shape& sizes, CreationOptions options, const ArrayPtr& like = nullptr,
                      std::int64_t low = 0, std::int64_t high = 0)
{
    const DType dtype = options.dtype.value_or(distribution == Distribution::Integers ? DType::Int64
                                                                                     : (like ? like->dtype() : kTorchDefaultFloat));
    if (distribution != Distribution::Integers && !isFloating(dtype))
        throw pythonError("RuntimeError", std::string(distribution == Distribution::Uniform ? "\"check_uniform_bounds\"" : "\"normal_kernel_cpu\"") +
                                              " not implemented for '" + std::string(torchScalarTypeName(dtype)) + "'");
    if (distribution == Distribution::Integers && low >= high)
        throw pythonError("RuntimeError", concat("random_ expects 'from' to be less than 'to', but got from=", low, " >= to=", high));
    ArrayPtr out;
    if (like) {
        options.dtype = dtype;
        out = zerosLike(Flavour::Torch, like, CreationOptions{dtype, options.device, false});
    } else {
        out = zeros(Flavour::Torch, sizes, CreationOptions{dtype, options.device, false});
    }
    fillRandom(out, distribution, low, high);
    if (options.requiresGrad)
        requiresGradInplace(out, true);
    return out;
}

// ---- dtype questions ------------------------------------------------------------------------------------

DType promoteTypes(DType a, DType b)
{
    const ArrayPtr x = allocateArray(Flavour::Torch, a, {1});
    const ArrayPtr y = allocateArray(Flavour::Torch, b, {1});
    const PromotionOperand operands[] = {{x.get(), std::nullopt}, {y.get(), std::nullopt}};
    return torchResultType(operands);
}

// c10::canCast: no floating to integral, and nothing but bool to bool.
bool canCast(DType from, DType to)
{
    if (isFloating(from) && isIntegral(to, false))
        return false;
    return !(from != DType::Bool && to == DType::Bool);
}

}  // namespace

// torch.tensor's data as tensor_new.cpp reads it: a str anywhere is a TypeError, any other object that is
// neither a number, an array nor a sequence cannot have its dtype inferred. Ranges read as lists.
ObjectPtr torchTensorData(Interpreter& interpreter, const ObjectPtr& data)
{
    switch (data->kind()) {
    case ObjectKind::Int:
    case ObjectKind::Bool:
    case ObjectKind::Float:
    case ObjectKind::Array: return data;
    case ObjectKind::Str: throw pythonError("TypeError", "new(): invalid data type 'str'");
    case ObjectKind::Range:
    case ObjectKind::List:
    case ObjectKind::Tuple: {
        std::vector<ObjectPtr> items = interpreter.iterate(data);
        for (ObjectPtr& item : items)
            item = torchTensorData(interpreter, item);
        return makeList(std::move(items));
    }
    default: throw pythonError("RuntimeError", "Could not infer dtype of " + typeNameOf(data));
    }
}

ObjectPtr createTorchModule(Interpreter& interpreter)
{
    (void)interpreter;
    auto module = std::make_shared<ModuleObject>("torch");
    ModuleObject& torch = *module;
    defineDTypes(torch, kTorchOwner, Flavour::Torch);
    defineSharedTorchFunctions(torch);

    // ---- types and objects ----
    torch.attributes["Tensor"] = makeType(&tensorType());
    registerEntry({kTorchOwner, "Tensor", "(*sizes) | (data) | (tensor)", "type",
                   "the tensor type; Tensor(t) is a view of t, Tensor(2, 3) a new float32 tensor (zeros here), Tensor(data) a float32 copy"});
    // The legacy typed constructors: torch.FloatTensor([1, 2]) and friends.
    static const std::pair<const char*, DType> kLegacy[] = {
        {"FloatTensor", DType::Float32}, {"DoubleTensor", DType::Float64}, {"HalfTensor", DType::Float16},
        {"ByteTensor", DType::UInt8},    {"CharTensor", DType::Int8},     {"ShortTensor", DType::Int16},
        {"IntTensor", DType::Int32},     {"LongTensor", DType::Int64},    {"BoolTensor", DType::Bool}};
    static std::vector<std::unique_ptr<TypeInfo>> legacyTypes;
    if (legacyTypes.empty()) {
        for (const auto& [name, dtype] : kLegacy) {
            auto type = std::make_unique<TypeInfo>();
            type->name = name;
            type->qualifiedName = std::string("torch.") + name;
            type->base = &builtinTypes().object;
            const DType fixed = dtype;
            type->constructor = [fixed](Interpreter& in, const ObjectPtr&, CallArgs& args) {
                return legacyTensorConstructor(in, args, fixed);
            };
            legacyTypes.push_back(std::move(type));
        }
    }
    for (const auto& type : legacyTypes) {
        torch.attributes[type->name] = makeType(type.get());
        registerEntry({kTorchOwner, type->name, "(*sizes) | (data)", "type",
                       "legacy constructor: a new tensor of this dtype (a view for a tensor of the same dtype)"});
    }
    torch.attributes["Size"] = makeType(&torchSizeType());
    registerEntry({kTorchOwner, "Size", "(sizes=())", "type", "a tuple of sizes (what .shape and .size() return)"});
    torch.attributes["device"] = makeType(deviceObject(Device::cpu())->type());
    registerEntry({kTorchOwner, "device", "(type, index=None)", "type", "a device: 'cpu' or 'cuda:N'"});
    torch.attributes["dtype"] = makeType(torchDTypeObject(DType::Float32)->type());
    registerEntry({kTorchOwner, "dtype", "", "type", "the type of torch.float32 and the other dtypes"});
    torch.attributes["strided"] = torchLayoutObject();
    registerEntry({kTorchOwner, "strided", "", "object", "the strided layout (every tensor here is strided)"});
    for (const char* format : {"contiguous_format", "preserve_format", "channels_last"}) {
        torch.attributes[format] = torchMemoryFormatObject(format);
        registerEntry({kTorchOwner, format, "", "object", "a memory format (clone(memory_format=...))"});
    }
    torch.attributes["default_generator"] = torchGeneratorObject();
    registerEntry({kTorchOwner, "default_generator", "", "object", "the generator torch.manual_seed seeds"});

    // ---- conversion ----
    parsedFunction(torch, "tensor", "always a copy of data (a number, a nested list, a tensor or an ndarray)",
                   {"tensor(PyObject* data, *, ScalarType dtype=None, Device? device=None, bool pin_memory=False, bool requires_grad=False, DimnameList? names=None)"},
                   [](Interpreter& in, const TorchArgs& a) {
                       return in.wrap(fromData(in, Flavour::Torch, torchTensorData(in, a.object("data")), factoryOptions(a), true));
                   });
    parsedFunction(torch, "as_tensor", "data itself when nothing changes, a tensor sharing an ndarray's memory when the dtype matches, else a copy",
                   {"as_tensor(PyObject* data, *, ScalarType dtype=None, Device? device=None)"},
                   [](Interpreter& in, const TorchArgs& a) {
                       const ObjectPtr& data = a.object("data");
                       const std::optional<DType> dtype = a.scalarType("dtype");
                       const std::optional<Device> device = a.device("device");
                       if (data->kind() == ObjectKind::Array)
                           return in.wrap(asTensor(selfArray(data), dtype, device));
                       CreationOptions options;
                       options.dtype = dtype;
                       if (device)
                           options.device = *device;
                       return in.wrap(fromData(in, Flavour::Torch, torchTensorData(in, data), options, true));
                   });
    defineFunction(torch, kTorchOwner, "from_numpy", "(ndarray)", "a tensor sharing the ndarray's memory, through a new storage",
                   [](Interpreter& in, const ObjectPtr&, CallArgs& args) {
                       if (!args.keywords().empty())
                           throw pythonError("TypeError", "torch._VariableFunctionsClass.from_numpy() takes no keyword arguments");
                       if (args.positional().size() != 1)
                           throw pythonError("TypeError", concat("torch._VariableFunctionsClass.from_numpy() takes exactly one argument (",
                                                                 args.positional().size(), " given)"));
                       const ObjectPtr& value = args.positional()[0];
                       if (value->kind() != ObjectKind::Array || !selfArray(value)->isNdarray())
                           throw pythonError("TypeError", "expected np.ndarray (got " + typeNameOf(value) + ")");
                       return in.wrap(fromNumpy(selfArray(value)));
                   });

    // ---- factories ----
    parsedFunction(torch, "arange", "values from start to end by step, in a new tensor",
                   {"arange(Scalar end, *, Tensor out=None, " AV_FACTORY_TAIL ")",
                    "arange(Scalar start, Scalar end, *, " AV_FACTORY_TAIL ")",
                    "arange(Scalar start, Scalar end, Scalar step=1, *, Tensor out=None, " AV_FACTORY_TAIL ")"},
                   [](Interpreter& in, const TorchArgs& a) {
                       a.refuseOut();
                       const CreationOptions options = factoryOptions(a);
                       if (a.index() == 0)
                           return in.wrap(arange(Flavour::Torch, a.scalar("end"), options));
                       const Scalar step = a.index() == 2 ? a.scalar("step") : Scalar(std::int64_t{1});
                       return in.wrap(arange(Flavour::Torch, a.scalar("start"), a.scalar("end"), step, options));
                   });
    for (const bool one : {false, true}) {
        parsedFunction(torch, one ? "ones" : "zeros", one ? "a new tensor of ones" : "a new tensor of zeros",
                       one ? std::vector<std::string>{"ones(IntArrayRef size, *, DimnameList? names, " AV_FACTORY_TAIL ")",
                                                      "ones(SymIntArrayRef size, *, Tensor out=None, " AV_FACTORY_TAIL ")"}
                           : std::vector<std::string>{"zeros(IntArrayRef size, *, DimnameList? names, " AV_FACTORY_TAIL ")",
                                                      "zeros(SymIntArrayRef size, *, Tensor out=None, " AV_FACTORY_TAIL ")"},
                       [one](Interpreter& in, const TorchArgs& a) {
                           if (a.index() == 0 && a.has("names"))
                               throw pythonError("NotImplementedError", "aliasview does not support named tensors (names=)");
                           if (a.index() == 1)
                               a.refuseOut();
                           const std::vector<std::int64_t> size = a.intlist("size");
                           return in.wrap(one ? ones(Flavour::Torch, size, factoryOptions(a)) : zeros(Flavour::Torch, size, factoryOptions(a)));
                       });
    }
    parsedFunction(torch, "empty", "a new tensor (uninitialised in torch; zeros here)",
                   {"empty(IntArrayRef size, *, DimnameList? names, MemoryFormat? memory_format=None, " AV_FACTORY_TAIL ")",
                    "empty(SymIntArrayRef size, *, MemoryFormat? memory_format=None, Tensor out=None, " AV_FACTORY_TAIL ")"},
                   [](Interpreter& in, const TorchArgs& a) {
                       if (a.index() == 0 && a.has("names"))
                           throw pythonError("NotImplementedError", "aliasview does not support named tensors (names=)");
                       if (a.index() == 1)
                           a.refuseOut();
                       return in.wrap(zeros(Flavour::Torch, a.intlist("size"), factoryOptions(a)));
                   });
    parsedFunction(torch, "full", "a new tensor filled with fill_value (its dtype follows fill_value)",
                   {"full(IntArrayRef size, Scalar fill_value, *, DimnameList? names, " AV_FACTORY_TAIL ")",
                    "full(SymIntArrayRef size, Scalar fill_value, *, Tensor out=None, " AV_FACTORY_TAIL ")"},
                   [](Interpreter& in, const TorchArgs& a) {
                       if (a.index() == 0 && a.has("names"))
                           throw pythonError("NotImplementedError", "aliasview does not support named tensors (names=)");
                       if (a.index() == 1)
                           a.refuseOut();
                       return in.wrap(full(Flavour::Torch, a.intlist("size"), a.scalar("fill_value"), factoryOptions(a)));
                   });
    parsedFunction(torch, "eye", "a new identity matrix",
                   {"eye(int64_t n, *, Tensor out=None, " AV_FACTORY_TAIL ")", "eye(int64_t n, int64_t m, *, Tensor out=None, " AV_FACTORY_TAIL ")"},
                   [](Interpreter& in, const TorchArgs& a) {
                       a.refuseOut();
                       const std::optional<std::int64_t> m = a.index() == 1 ? std::optional<std::int64_t>(a.toInt64("m")) : std::nullopt;
                       return in.wrap(eye(Flavour::Torch, a.toInt64("n"), m, factoryOptions(a)));
                   });
    parsedFunction(torch, "linspace", "steps evenly spaced values from start to end, in a new tensor",
                   {"linspace(Scalar start, Scalar end, int64_t steps, *, Tensor out=None, " AV_FACTORY_TAIL ")"},
                   [](Interpreter& in, const TorchArgs& a) {
                       a.refuseOut();
                       return in.wrap(linspace(Flavour::Torch, a.scalar("start"), a.scalar("end"), a.toInt64("steps"), factoryOptions(a)));
                   });
    const auto likeFactory = [&](const char* name, const char* summary, auto make) {
        const std::string text = std::string(name) + "(Tensor input, *, MemoryFormat? memory_format=None, " AV_FACTORY_TAIL ")";
        parsedFunction(torch, name, summary, {text}, [make](Interpreter& in, const TorchArgs& a) {
            return in.wrap(make(a.tensor("input"), factoryOptions(a)));
        });
    };
    likeFactory("zeros_like", "a new tensor of zeros shaped like input (with its strides when dense)",
                [](const ArrayPtr& like, const CreationOptions& o) { return zerosLike(Flavour::Torch, like, o); });
    likeFactory("ones_like", "a new tensor of ones shaped like input (with its strides when dense)",
                [](const ArrayPtr& like, const CreationOptions& o) { return onesLike(Flavour::Torch, like, o); });
    likeFactory("empty_like", "a new tensor shaped like input (uninitialised in torch; zeros here)",
                [](const ArrayPtr& like, const CreationOptions& o) { return zerosLike(Flavour::Torch, like, o); });
    likeFactory("rand_like", "uniform random values in [0, 1) shaped like input (a new tensor)",
                [](const ArrayPtr& like, const CreationOptions& o) { return randomTensor(Distribution::Uniform, {}, o, like); });
    likeFactory("randn_like", "standard normal random values shaped like input (a new tensor)",
                [](const ArrayPtr& like, const CreationOptions& o) { return randomTensor(Distribution::Normal, {}, o, like); });
    parsedFunction(torch, "full_like", "a new tensor filled with fill_value, shaped like input",
                   {"full_like(Tensor input, Scalar fill_value, *, MemoryFormat? memory_format=None, " AV_FACTORY_TAIL ")"},
                   [](Interpreter& in, const TorchArgs& a) {
                       return in.wrap(fullLike(Flavour::Torch, a.tensor("input"), a.scalar("fill_value"), factoryOptions(a)));
                   });

    // ---- random numbers ----
    for (const bool normal : {false, true}) {
        const std::string n = normal ? "randn" : "rand";
        std::vector<std::string> overloads = {n + "(IntArrayRef size, *, Generator? generator, DimnameList? names, " AV_FACTORY_TAIL ")",
                                              n + "(IntArrayRef size, *, Generator? generator, Tensor out=None, " AV_FACTORY_TAIL ")",
                                              n + "(IntArrayRef size, *, Tensor out=None, " AV_FACTORY_TAIL ")",
                                              n + "(IntArrayRef size, *, DimnameList? names, " AV_FACTORY_TAIL ")"};
        parsedFunction(torch, n,
                       normal ? "standard normal random values in a new tensor (seeded; not PyTorch's sequence)"
                              : "uniform random values in [0, 1) in a new tensor (seeded; not PyTorch's sequence)",
                       overloads, [normal](Interpreter& in, const TorchArgs& a) {
                           a.refuseOut();
                           if ((a.index() == 0 || a.index() == 3) && a.has("names"))
                               throw pythonError("NotImplementedError", "aliasview does not support named tensors (names=)");
                           if ((a.index() == 0 || a.index() == 1) && a.has("generator"))
                               throw pythonError("NotImplementedError", "aliasview has only the default generator (generator=)");
                           return in.wrap(randomTensor(normal ? Distribution::Normal : Distribution::Uniform, a.intlist("size"), factoryOptions(a)));
                       });
    }
    parsedFunction(torch, "randint", "random integers in [low, high) in a new tensor (seeded; not PyTorch's sequence)",
                   {"randint(int64_t high, IntArrayRef size, *, Generator? generator, Tensor out=None, " AV_FACTORY_TAIL ")",
                    "randint(int64_t high, IntArrayRef size, *, Tensor out=None, " AV_FACTORY_TAIL ")",
                    "randint(int64_t low, int64_t high, IntArrayRef size, *, Generator? generator, Tensor out=None, " AV_FACTORY_TAIL ")",
                    "randint(int64_t low, int64_t high, IntArrayRef size, *, Tensor out=None, " AV_FACTORY_TAIL ")"},
                   [](Interpreter& in, const TorchArgs& a) {
                       a.refuseOut();
                       if ((a.index() == 0 || a.index() == 2) && a.has("generator"))
                           throw pythonError("NotImplementedError", "aliasview has only the default generator (generator=)");
                       const std::int64_t low = a.index() >= 2 ? a.toInt64("low") : 0;
                       return in.wrap(randomTensor(Distribution::Integers, a.intlist("size"), factoryOptions(a), nullptr, low, a.toInt64("high")));
                   });
    defineFunction(torch, kTorchOwner, "manual_seed", "(seed)", "seeds the generator of rand / randn / randint; returns it",
                   [](Interpreter& in, const ObjectPtr&, CallArgs& args) {
                       args.bind("manual_seed()", "(seed)");
                       // torch/random.py: seed = int(seed).
                       CallArgs toInt({args.get("seed")}, {});
                       const ObjectPtr seed = in.call(builtinNamespace().at("int"), toInt);
                       seedTorchGenerator(static_cast<std::uint64_t>(*asIndex(seed)));
                       return torchGeneratorObject();
                   });
    defineFunction(torch, kTorchOwner, "initial_seed", "()", "the seed last set by torch.manual_seed",
                   [](Interpreter&, const ObjectPtr&, CallArgs& args) {
                       args.bind("initial_seed()", "()");
                       return makeInt(static_cast<std::int64_t>(torchInitialSeed()));
                   });

    // ---- joining ----
    for (const bool isConcat : {false, true}) {
        const char* name = isConcat ? "concat" : "cat";
        parsedFunction(torch, name, "the tensors joined along an existing dim, in a new tensor",
                       isConcat ? std::vector<std::string>{"concat(TensorList tensors, int64_t dim=0, *, Tensor out=None)",
                                                           "concat(TensorList tensors, Dimname dim, *, Tensor out=None)"}
                                : std::vector<std::string>{"cat(TensorList tensors, int64_t dim=0, *, Tensor out=None)",
                                                           "cat(TensorList tensors, Dimname dim, *, Tensor out=None)"},
                       [](Interpreter& in, const TorchArgs& a) {
                           a.refuseOut();
                           const std::vector<ArrayPtr> tensors = a.tensorlist("tensors");
                           if (a.index() == 1) {
                               if (tensors.empty())
                                   throw pythonError("RuntimeError", "torch.cat(): expected a non-empty list of Tensors");
                               a.refuseDimname(*tensors[0], "dim");
                           }
                           return in.wrap(concatenate(Flavour::Torch, tensors, a.toInt64("dim")));
                       });
    }
    parsedFunction(torch, "stack", "the tensors joined along a new dim, in a new tensor",
                   {"stack(TensorList tensors, int64_t dim=0, *, Tensor out=None)"}, [](Interpreter& in, const TorchArgs& a) {
                       a.refuseOut();
                       return in.wrap(stack(Flavour::Torch, a.tensorlist("tensors"), a.toInt64("dim")));
                   });

    // ---- questions ----
    defineFunction(torch, kTorchOwner, "is_tensor", "(obj)", "whether obj is a torch.Tensor",
                   [](Interpreter&, const ObjectPtr&, CallArgs& args) {
                       args.bind("is_tensor()", "(obj)");
                       const ObjectPtr& obj = args.get("obj");
                       return makeBool(obj->kind() == ObjectKind::Array && selfArray(obj)->isTensor());
                   });
    parsedFunction(torch, "promote_types", "the dtype both promote to", {"promote_types(ScalarType type1, ScalarType type2)"},
                   [](Interpreter&, const TorchArgs& a) {
                       return torchDTypeObject(promoteTypes(*a.scalarType("type1"), *a.scalarType("type2")));
                   });
    parsedFunction(torch, "can_cast", "whether an in-place op may cast from one dtype to the other",
                   {"can_cast(ScalarType from, ScalarType to)"},
                   [](Interpreter&, const TorchArgs& a) { return makeBool(canCast(*a.scalarType("from"), *a.scalarType("to"))); });
    parsedFunction(torch, "result_type", "the dtype an op on these operands gives",
                   {"result_type(Tensor tensor, Tensor other)", "result_type(Scalar scalar, Tensor tensor)",
                    "result_type(Tensor tensor, Scalar other)", "result_type(Scalar scalar1, Scalar scalar2)"},
                   [](Interpreter&, const TorchArgs& a) {
                       const auto operand = [&](const char* name, bool tensor) {
                           return tensor ? PromotionOperand{a.tensor(name).get(), std::nullopt} : PromotionOperand{nullptr, a.scalar(name)};
                       };
                       const ArrayPtr keep0 = a.index() == 0 || a.index() == 2 ? a.tensor("tensor") : nullptr;
                       std::vector<PromotionOperand> operands;
                       switch (a.index()) {
                       case 0: operands = {operand("tensor", true), operand("other", true)}; break;
                       case 1: operands = {operand("scalar", false), operand("tensor", true)}; break;
                       case 2: operands = {operand("tensor", true), operand("other", false)}; break;
                       default: operands = {operand("scalar1", false), operand("scalar2", false)}; break;
                       }
                       return torchDTypeObject(torchResultType(operands));
                   });
    defineFunction(torch, kTorchOwner, "get_default_dtype", "()", "torch.float32: the dtype of float data",
                   [](Interpreter&, const ObjectPtr&, CallArgs& args) {
                       args.expectNone("torch.get_default_dtype()");
                       return torchDTypeObject(kTorchDefaultFloat);
                   });

    // ---- autograd mode ----
    defineFunction(torch, kTorchOwner, "no_grad", "()", "a context manager that turns autograd recording off",
                   [](Interpreter&, const ObjectPtr& self, CallArgs& args) {
                       std::vector<ObjectPtr> positional{self ? self : none()};
                       positional.insert(positional.end(), args.positional().begin(), args.positional().end());
                       CallArgs withSelf(std::move(positional), args.keywords());
                       withSelf.bind("no_grad.__init__()", "(self)");
                       return gradModeContext(false);
                   });
    defineFunction(torch, kTorchOwner, "enable_grad", "()", "a context manager that turns autograd recording on",
                   [](Interpreter&, const ObjectPtr& self, CallArgs& args) {
                       std::vector<ObjectPtr> positional{self ? self : none()};
                       positional.insert(positional.end(), args.positional().begin(), args.positional().end());
                       CallArgs withSelf(std::move(positional), args.keywords());
                       withSelf.bind("enable_grad.__init__()", "(self)");
                       return gradModeContext(true);
                   });
    defineFunction(torch, kTorchOwner, "set_grad_enabled", "(mode)",
                   "turns autograd recording on or off at once; as a context manager, restores it on exit",
                   [](Interpreter&, const ObjectPtr& self, CallArgs& args) {
                       std::vector<ObjectPtr> positional{self ? self : none()};
                       positional.insert(positional.end(), args.positional().begin(), args.positional().end());
                       CallArgs withSelf(std::move(positional), args.keywords());
                       withSelf.bind("set_grad_enabled.__init__()", "(self, mode)");
                       const ObjectPtr& mode = withSelf.get("mode");
                       if (mode->kind() != ObjectKind::Bool)
                           throw pythonError("TypeError", "enabled must be a bool (got " + typeNameOf(mode) + ")");
                       return setGradEnabledContext(static_cast<const BoolObject&>(*mode).value);
                   });
    defineFunction(torch, kTorchOwner, "is_grad_enabled", "()", "whether autograd records ops",
                   [](Interpreter&, const ObjectPtr&, CallArgs& args) {
                       args.expectNone("torch.is_grad_enabled()");
                       return makeBool(GradMode::isEnabled());
                   });
    return module;
}

}  // namespace av::engine::py
