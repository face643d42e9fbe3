// torch.Tensor, numpy.ndarray and the NumPy scalar types as Python types: their attributes and methods,
// bound to the engine's ops. Each definition also lands in the registry (docs/supported.md).

#include "bindings.h"
#include "interpreterimpl.h"
#include "nativeobjects.h"
#include "registry.h"

#include "engine/alias.h"
#include "engine/arrayfactory.h"
#include "engine/conversion.h"
#include "engine/copies.h"
#include "engine/dispatch.h"
#include "engine/elementwise.h"
#include "engine/format/ndarrayformat.h"
#include "engine/format/tensorformat.h"
#include "engine/indexing.h"
#include "engine/reductions.h"
#include "engine/views.h"

#include <array>
#include <mutex>

namespace av::engine::py {

namespace {

constexpr const char* kTensor = "torch.Tensor";
constexpr const char* kNdarray = "numpy.ndarray";

ObjectPtr elementObject(const Array& array, const std::byte* p)
{
    return dispatchDType(array.dtype(), [&]<typename T>(TypeTag<T>) -> ObjectPtr {
        const T v = loadElement<T>(p);
        if constexpr (std::is_same_v<T, bool>)
            return makeBool(v);
        else if constexpr (kIsFloat<T>)
            return makeFloat(static_cast<double>(static_cast<OpMathT<T>>(v)));
        else
            return makeInt(static_cast<std::int64_t>(v));
    });
}

// tolist(): nested Python lists of Python numbers (a 0-d array gives the number itself).
ObjectPtr toList(Interpreter& interpreter, const Array& array)
{
    interpreter.checkContainerSize(array.numel());
    const std::byte* base = array.buffer()->data();
    std::vector<std::int64_t> index(array.sizes().size(), 0);
    const std::function<ObjectPtr(std::size_t)> build = [&](std::size_t dim) -> ObjectPtr {
        if (dim == array.sizes().size())
            return elementObject(array, base + array.bufferByteOffsetOf(index));
        std::vector<ObjectPtr> items;
        for (std::int64_t i = 0; i < array.sizes()[dim]; ++i) {
            index[dim] = i;
            items.push_back(build(dim + 1));
        }
        index[dim] = 0;
        return makeList(std::move(items));
    };
    return build(0);
}

ObjectPtr itemOf(const Array& array)
{
    if (array.numel() != 1) {
        if (array.isTensor())
            throw pythonError("ValueError", "only one element tensors can be converted to Python scalars");
        throw pythonError("ValueError", "can only convert an array of size 1 to a Python scalar");
    }
    std::vector<std::int64_t> index(array.sizes().size(), 0);
    return elementObject(array, array.buffer()->data() + array.bufferByteOffsetOf(index));
}

std::vector<std::int64_t> intsOf(const std::vector<ObjectPtr>& values, std::string_view function)
{
    std::vector<std::int64_t> out;
    for (const ObjectPtr& v : values)
        out.push_back(intArgument(v, function, "dims"));
    return out;
}

// dim=None | int | tuple of ints, as reductions take it.
ReduceDims reduceDims(const ObjectPtr& dim, std::string_view function)
{
    if (!dim || dim->kind() == ObjectKind::None)
        return ReduceDims::all();
    if (dim->kind() == ObjectKind::List || dim->kind() == ObjectKind::Tuple) {
        std::vector<std::int64_t> dims;
        for (const ObjectPtr& d : static_cast<const SequenceObject&>(*dim).items)
            dims.push_back(intArgument(d, function, "dim"));
        return ReduceDims::several(std::move(dims));
    }
    return ReduceDims::one(intArgument(dim, function, "dim"));
}

ObjectPtr wrapAll(Interpreter& interpreter, const std::vector<ArrayPtr>& arrays)
{
    std::vector<ObjectPtr> items;
    for (const ArrayPtr& a : arrays)
        items.push_back(interpreter.wrap(a));
    return makeTuple(std::move(items));
}

// Properties and methods both libraries have, under each one's owner name in the registry.
void defineShared(TypeInfo& t, const std::string& owner, Flavour flavour)
{
    defineProperty(t, owner, "shape", flavour == Flavour::Torch ? "the sizes, as torch.Size" : "the sizes, as a tuple",
                   [flavour](Interpreter&, const ObjectPtr& self) -> ObjectPtr {
                       return flavour == Flavour::Torch ? torchSize(selfArray(self)->sizes()) : intTuple(selfArray(self)->sizes());
                   });
    defineProperty(t, owner, "ndim", "the number of dims", [](Interpreter&, const ObjectPtr& self) {
        return makeInt(selfArray(self)->dim());
    });
    defineProperty(t, owner, "T", "all dims reversed: a view", [](Interpreter& interpreter, const ObjectPtr& self) {
        return interpreter.wrap(reversedDims(selfArray(self)));
    });
    defineMethod(t, owner, "tolist", "()", "the values as nested Python lists (a copy)",
                 [](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) {
                     args.expectNone("tolist()");
                     return toList(interpreter, *selfArray(self));
                 });
    defineMethod(t, owner, "item", "()", "the single value as a Python number",
                 [](Interpreter&, const ObjectPtr& self, CallArgs& args) {
                     args.expectNone("item()");
                     return itemOf(*selfArray(self));
                 });
    defineMethod(t, owner, "reshape", "(*shape)", "a view when the strides allow it, else a copy",
                 [](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) {
                     args.bind("reshape()", "(*shape, order='C')");
                     return interpreter.wrap(reshape(selfArray(self), shapeArgument(args.variadic(), "reshape()")));
                 });
    defineMethod(t, owner, "transpose", flavour == Flavour::Torch ? "(dim0, dim1)" : "(*axes)", "swaps dims: a view",
                 [flavour](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) {
                     if (flavour == Flavour::Torch) {
                         args.bind("transpose()", "(dim0, dim1)");
                         return interpreter.wrap(transpose(selfArray(self), intArgument(args.get("dim0"), "transpose()", "dim0"),
                                                           intArgument(args.get("dim1"), "transpose()", "dim1")));
                     }
                     args.bind("transpose()", "(*axes)");
                     if (args.variadic().empty())
                         return interpreter.wrap(reversedDims(selfArray(self)));
                     return interpreter.wrap(permute(selfArray(self), shapeArgument(args.variadic(), "transpose()")));
                 });
    defineMethod(t, owner, "squeeze", flavour == Flavour::Torch ? "(dim=None)" : "(axis=None)", "drops size-1 dims: a view",
                 [flavour](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) {
                     const char* name = flavour == Flavour::Torch ? "dim" : "axis";
                     args.bind("squeeze()", flavour == Flavour::Torch ? "(dim=None)" : "(axis=None)");
                     const ObjectPtr& dim = args.get(name);
                     if (!dim || dim->kind() == ObjectKind::None)
                         return interpreter.wrap(squeeze(selfArray(self)));
                     const Shape dims = shapeFromObject(dim, "squeeze()");
                     return interpreter.wrap(squeeze(selfArray(self), dims));
                 });
    const auto reduction = [flavour](const char* name, auto op) {
        return [flavour, name, op](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) -> ObjectPtr {
            const std::string function = std::string(name) + "()";
            args.bind(function, flavour == Flavour::Torch ? "(dim=None, keepdim=False, *, dtype=None)"
                                                          : "(axis=None, dtype=None, out=None, keepdims=False)");
            ReduceOptions options;
            options.dims = reduceDims(args.get(flavour == Flavour::Torch ? "dim" : "axis"), function);
            options.keepdim = boolArgument(interpreter, args.get(flavour == Flavour::Torch ? "keepdim" : "keepdims"));
            options.dtype = dtypeArgument(args.get("dtype"), flavour, function);
            if (flavour == Flavour::Numpy && args.has("out") && args.get("out")->kind() != ObjectKind::None)
                throw pythonError("TypeError", "aliasview does not support out= in reductions");
            return interpreter.wrap(op(selfArray(self), options));
        };
    };
    defineMethod(t, owner, "sum", "(dim=None, keepdim=False, *, dtype=None)", "sum of elements (a new array)",
                 reduction("sum", [](const ArrayPtr& a, const ReduceOptions& o) { return engine::sum(a, o); }));
    defineMethod(t, owner, "mean", "(dim=None, keepdim=False, *, dtype=None)", "mean of elements (a new array)",
                 reduction("mean", [](const ArrayPtr& a, const ReduceOptions& o) { return engine::mean(a, o); }));
    const auto extremum = [flavour](const char* name, bool wantMax) {
        return [flavour, name, wantMax](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) -> ObjectPtr {
            const std::string function = std::string(name) + "()";
            if (flavour == Flavour::Torch) {
                args.bind(function, "(dim=None, keepdim=False)");
                const ObjectPtr& dim = args.get("dim");
                if (dim && dim->kind() != ObjectKind::None) {
                    const bool keep = boolArgument(interpreter, args.get("keepdim"));
                    const std::int64_t d = intArgument(dim, function, "dim");
                    const ValuesIndices r = wantMax ? maxAlongDim(selfArray(self), d, keep) : minAlongDim(selfArray(self), d, keep);
                    return returnTypes(interpreter, name, r.values, r.indices);
                }
                return interpreter.wrap(wantMax ? engine::max(selfArray(self)) : engine::min(selfArray(self)));
            }
            args.bind(function, "(axis=None, out=None, keepdims=False)");
            ReduceOptions options;
            options.dims = reduceDims(args.get("axis"), function);
            options.keepdim = boolArgument(interpreter, args.get("keepdims"));
            return interpreter.wrap(wantMax ? engine::max(selfArray(self), options) : engine::min(selfArray(self), options));
        };
    };
    defineMethod(t, owner, "max", flavour == Flavour::Torch ? "(dim=None, keepdim=False)" : "(axis=None, keepdims=False)",
                 "largest element; torch with dim returns (values, indices)", extremum("max", true));
    defineMethod(t, owner, "min", flavour == Flavour::Torch ? "(dim=None, keepdim=False)" : "(axis=None, keepdims=False)",
                 "smallest element; torch with dim returns (values, indices)", extremum("min", false));
    defineMethod(t, owner, "diagonal", "(offset=0, dim1=0, dim2=1)", "the diagonal: a view",
                 [flavour](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) {
                     args.bind("diagonal()", flavour == Flavour::Torch ? "(offset=0, dim1=0, dim2=1)" : "(offset=0, axis1=0, axis2=1)");
                     const auto get = [&](const char* name, std::int64_t fallback) {
                         return args.has(name) ? intArgument(args.get(name), "diagonal()", name) : fallback;
                     };
                     const bool torch = flavour == Flavour::Torch;
                     return interpreter.wrap(diagonal(selfArray(self), get("offset", 0), get(torch ? "dim1" : "axis1", 0),
                                                      get(torch ? "dim2" : "axis2", 1)));
                 });
}

void defineTensor(TypeInfo& t)
{
    defineShared(t, kTensor, Flavour::Torch);
    const std::string owner = kTensor;
    defineProperty(t, owner, "dtype", "the element type, e.g. torch.float32",
                   [](Interpreter&, const ObjectPtr& self) { return torchDTypeObject(selfArray(self)->dtype()); });
    defineProperty(t, owner, "device", "where the storage lives", [](Interpreter&, const ObjectPtr& self) {
        return deviceObject(selfArray(self)->device());
    });
    defineProperty(t, owner, "is_cuda", "whether it lives on a CUDA device",
                   [](Interpreter&, const ObjectPtr& self) { return makeBool(selfArray(self)->device().isCuda()); });
    defineProperty(t, owner, "requires_grad", "whether autograd records ops on it",
                   [](Interpreter&, const ObjectPtr& self) { return makeBool(selfArray(self)->requiresGrad()); });
    defineSetter(t, "requires_grad", [](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) {
        requiresGradInplace(selfArray(self), interpreter.truthy(args.positional().at(0)));
        return none();
    });
    defineProperty(t, owner, "is_leaf", "whether no op produced it", [](Interpreter&, const ObjectPtr& self) {
        return makeBool(selfArray(self)->isLeaf());
    });
    defineProperty(t, owner, "grad_fn", "the op that produced it (a name here), or None", [](Interpreter&, const ObjectPtr& self) {
        const std::string& name = selfArray(self)->gradFn();
        return name.empty() ? none() : makeStr("<" + name + " object>");
    });
    defineProperty(t, owner, "_version", "the version counter shared with its views",
                   [](Interpreter&, const ObjectPtr& self) { return makeInt(selfArray(self)->version()); });
    defineProperty(t, owner, "_base", "the tensor this one is a view of, or None",
                   [](Interpreter& interpreter, const ObjectPtr& self) {
                       const ArrayPtr& base = selfArray(self)->viewBase();
                       return base ? interpreter.wrap(base) : none();
                   });
    defineProperty(t, owner, "data", "the same storage without autograd, with a new version counter",
                   [](Interpreter& interpreter, const ObjectPtr& self) { return interpreter.wrap(tensorData(selfArray(self))); });
    defineMethod(t, owner, "size", "(dim=None)", "the sizes as torch.Size, or one size",
                 [](Interpreter&, const ObjectPtr& self, CallArgs& args) -> ObjectPtr {
                     args.bind("size()", "(dim=None)");
                     const ArrayPtr& a = selfArray(self);
                     if (!args.has("dim") || args.get("dim")->kind() == ObjectKind::None)
                         return torchSize(a->sizes());
                     return makeInt(a->size(wrapDimTorch(intArgument(args.get("dim"), "size()", "dim"), a->dim())));
                 });
    defineMethod(t, owner, "stride", "(dim=None)", "the strides in elements", [](Interpreter&, const ObjectPtr& self, CallArgs& args) -> ObjectPtr {
        args.bind("stride()", "(dim=None)");
        const ArrayPtr& a = selfArray(self);
        if (!args.has("dim") || args.get("dim")->kind() == ObjectKind::None)
            return intTuple(a->strides());
        return makeInt(a->stride(wrapDimTorch(intArgument(args.get("dim"), "stride()", "dim"), a->dim())));
    });
    defineMethod(t, owner, "dim", "()", "the number of dims", [](Interpreter&, const ObjectPtr& self, CallArgs& args) {
        args.expectNone("dim()");
        return makeInt(selfArray(self)->dim());
    });
    defineMethod(t, owner, "numel", "()", "the number of elements", [](Interpreter&, const ObjectPtr& self, CallArgs& args) {
        args.expectNone("numel()");
        return makeInt(selfArray(self)->numel());
    });
    defineMethod(t, owner, "element_size", "()", "bytes per element", [](Interpreter&, const ObjectPtr& self, CallArgs& args) {
        args.expectNone("element_size()");
        return makeInt(selfArray(self)->itemsize());
    });
    defineMethod(t, owner, "storage_offset", "()", "where element [0,...] sits in the storage, in elements",
                 [](Interpreter&, const ObjectPtr& self, CallArgs& args) {
                     args.expectNone("storage_offset()");
                     return makeInt(selfArray(self)->storageOffset());
                 });
    defineMethod(t, owner, "is_contiguous", "()", "whether the elements are in row-major order without gaps",
                 [](Interpreter&, const ObjectPtr& self, CallArgs& args) {
                     args.bind("is_contiguous()", "(memory_format=None)");
                     return makeBool(selfArray(self)->isContiguous());
                 });
    defineMethod(t, owner, "data_ptr", "()", "the address of element [0,...]", [](Interpreter&, const ObjectPtr& self, CallArgs& args) {
        args.expectNone("data_ptr()");
        return makeInt(static_cast<std::int64_t>(selfArray(self)->dataPtr()));
    });
    defineMethod(t, owner, "storage", "()", "a new TypedStorage object over the tensor's storage",
                 [](Interpreter&, const ObjectPtr& self, CallArgs& args) {
                     args.expectNone("storage()");
                     return typedStorage(selfArray(self));
                 });
    defineMethod(t, owner, "numpy", "(force=False)", "an ndarray sharing the tensor's memory",
                 [](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) {
                     args.bind("numpy()", "(*, force=False)");
                     return interpreter.wrap(toNumpy(selfArray(self), boolArgument(interpreter, args.get("force"))));
                 });
    defineMethod(t, owner, "detach", "()", "the same storage and version counter, without autograd",
                 [](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) {
                     args.expectNone("detach()");
                     return interpreter.wrap(detach(selfArray(self)));
                 });
    defineMethod(t, owner, "clone", "()", "a copy with its own storage", [](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) {
        args.bind("clone()", "(*, memory_format=None)");
        return interpreter.wrap(clone(selfArray(self)));
    });
    defineMethod(t, owner, "contiguous", "()", "self when already contiguous, else a contiguous copy",
                 [](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) {
                     args.bind("contiguous()", "(memory_format=None)");
                     return interpreter.wrap(contiguous(selfArray(self)));
                 });
    defineMethod(t, owner, "view", "(*shape)", "a view with a new shape (never a copy)",
                 [](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) {
                     args.bind("view()", "(*shape)");
                     if (args.variadic().size() == 1 && args.variadic()[0]->kind() == ObjectKind::DType)
                         return interpreter.wrap(viewAsDType(selfArray(self), *dtypeArgument(args.variadic()[0], Flavour::Torch, "view()")));
                     return interpreter.wrap(view(selfArray(self), shapeArgument(args.variadic(), "view()")));
                 });
    defineMethod(t, owner, "t", "()", "transposes a 2-D tensor: a view", [](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) {
        args.expectNone("t()");
        return interpreter.wrap(engine::t(selfArray(self)));
    });
    defineMethod(t, owner, "permute", "(*dims)", "reorders dims: a view", [](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) {
        args.bind("permute()", "(*dims)");
        return interpreter.wrap(permute(selfArray(self), shapeArgument(args.variadic(), "permute()")));
    });
    defineMethod(t, owner, "unsqueeze", "(dim)", "adds a size-1 dim: a view", [](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) {
        args.bind("unsqueeze()", "(dim)");
        return interpreter.wrap(unsqueeze(selfArray(self), intArgument(args.get("dim"), "unsqueeze()", "dim")));
    });
    defineMethod(t, owner, "select", "(dim, index)", "one slice along dim: a view", [](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) {
        args.bind("select()", "(dim, index)");
        return interpreter.wrap(select(selfArray(self), intArgument(args.get("dim"), "select()", "dim"),
                                       intArgument(args.get("index"), "select()", "index")));
    });
    defineMethod(t, owner, "narrow", "(dim, start, length)", "a range along dim: a view",
                 [](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) {
                     args.bind("narrow()", "(dim, start, length)");
                     return interpreter.wrap(narrow(selfArray(self), intArgument(args.get("dim"), "narrow()", "dim"),
                                                    intArgument(args.get("start"), "narrow()", "start"),
                                                    intArgument(args.get("length"), "narrow()", "length")));
                 });
    defineMethod(t, owner, "expand", "(*sizes)", "broadcasts with stride 0: a view (writing through it is refused)",
                 [](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) {
                     args.bind("expand()", "(*sizes)");
                     return interpreter.wrap(expand(selfArray(self), shapeArgument(args.variadic(), "expand()")));
                 });
    defineMethod(t, owner, "expand_as", "(other)", "expand to other's shape: a view", [](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) {
        args.bind("expand_as()", "(other)");
        return interpreter.wrap(expandAs(selfArray(self), arrayArgument(args.get("other"), "expand_as()", "other")));
    });
    defineMethod(t, owner, "flatten", "(start_dim=0, end_dim=-1)", "a view when possible, else a copy; self for 1-D",
                 [](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) {
                     args.bind("flatten()", "(start_dim=0, end_dim=-1)");
                     const std::int64_t start = args.has("start_dim") ? intArgument(args.get("start_dim"), "flatten()", "start_dim") : 0;
                     const std::int64_t end = args.has("end_dim") ? intArgument(args.get("end_dim"), "flatten()", "end_dim") : -1;
                     return interpreter.wrap(flatten(selfArray(self), start, end));
                 });
    defineMethod(t, owner, "chunk", "(chunks, dim=0)", "views of nearly equal parts", [](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) {
        args.bind("chunk()", "(chunks, dim=0)");
        const std::int64_t dim = args.has("dim") ? intArgument(args.get("dim"), "chunk()", "dim") : 0;
        return wrapAll(interpreter, chunk(selfArray(self), intArgument(args.get("chunks"), "chunk()", "chunks"), dim));
    });
    defineMethod(t, owner, "split", "(split_size_or_sections, dim=0)", "views of the given sizes",
                 [](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) {
                     args.bind("split()", "(split_size, dim=0)");
                     const std::int64_t dim = args.has("dim") ? intArgument(args.get("dim"), "split()", "dim") : 0;
                     const ObjectPtr& size = args.get("split_size");
                     if (size->kind() == ObjectKind::List || size->kind() == ObjectKind::Tuple)
                         return wrapAll(interpreter, split(selfArray(self), shapeFromObject(size, "split()"), dim));
                     return wrapAll(interpreter, split(selfArray(self), intArgument(size, "split()", "split_size"), dim));
                 });
    defineMethod(t, owner, "unbind", "(dim=0)", "views of each slice along dim", [](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) {
        args.bind("unbind()", "(dim=0)");
        const std::int64_t dim = args.has("dim") ? intArgument(args.get("dim"), "unbind()", "dim") : 0;
        return wrapAll(interpreter, unbind(selfArray(self), dim));
    });
    defineMethod(t, owner, "requires_grad_", "(requires_grad=True)", "sets requires_grad in place; returns self",
                 [](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) {
                     args.bind("requires_grad_()", "(requires_grad=True)");
                     const bool value = !args.has("requires_grad") || interpreter.truthy(args.get("requires_grad"));
                     return interpreter.wrap(requiresGradInplace(selfArray(self), value));
                 });
    const auto conversion = [&](const char* name, DType dtype) {
        defineMethod(t, owner, name, "()", std::string("self.to(") + std::string(torchName(dtype)) + "): self when already so, else a copy",
                     [name, dtype](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) {
                         args.bind(std::string(name) + "()", "(memory_format=None)");
                         return interpreter.wrap(tensorTo(selfArray(self), dtype));
                     });
    };
    conversion("float", DType::Float32);
    conversion("double", DType::Float64);
    conversion("half", DType::Float16);
    conversion("int", DType::Int32);
    conversion("long", DType::Int64);
    conversion("short", DType::Int16);
    conversion("char", DType::Int8);
    conversion("byte", DType::UInt8);
    conversion("bool", DType::Bool);
    defineMethod(t, owner, "cpu", "()", "self (the tensor is on the CPU)", [](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) {
        args.bind("cpu()", "(memory_format=None)");
        return interpreter.wrap(tensorTo(selfArray(self), std::nullopt, Device::cpu()));
    });
    defineMethod(t, owner, "to", "(dtype_or_device, copy=False)", "self when nothing changes, else a copy",
                 [](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) {
                     args.bind("to()", "(*args, dtype=None, device=None, copy=False, non_blocking=False)");
                     std::optional<DType> dtype = dtypeArgument(args.get("dtype"), Flavour::Torch, "to()");
                     std::optional<Device> device = deviceArgument(args.get("device"));
                     for (const ObjectPtr& a : args.variadic()) {
                         if (a->kind() == ObjectKind::DType)
                             dtype = dtypeArgument(a, Flavour::Torch, "to()");
                         else if (a->kind() == ObjectKind::Array)
                             dtype = selfArray(a)->dtype(), device = selfArray(a)->device();
                         else
                             device = deviceArgument(a);
                     }
                     return interpreter.wrap(tensorTo(selfArray(self), dtype, device, boolArgument(interpreter, args.get("copy"))));
                 });
    // In-place methods: add_ / sub_ (with alpha), mul_, div_, zero_, fill_, copy_, clamp_.
    const auto inplaceMethod = [&](const char* name, engine::BinaryOp op, bool hasAlpha) {
        defineMethod(t, owner, name, hasAlpha ? "(other, *, alpha=1)" : "(other)", "writes into self's storage; returns self",
                     [name, op, hasAlpha](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) {
                         args.bind(std::string(name) + "()", hasAlpha ? "(other, *, alpha=None)" : "(other)");
                         std::optional<Scalar> alpha;
                         if (hasAlpha && args.has("alpha"))
                             alpha = scalarArgument(args.get("alpha"));
                         const ObjectPtr& other = args.get("other");
                         if (other->kind() == ObjectKind::Array && selfArray(other)->isNdarray() && !selfArray(other)->isNumpyScalar())
                             throw pythonError("TypeError", std::string(name) + "(): argument 'other' (position 1) must be Tensor, not numpy.ndarray");
                         return interpreter.wrap(engine::inplace(op, Value(selfArray(self)), valueArgument(other, std::string(name) + "()", "other"),
                                                                 InplaceSpelling::Method, alpha));
                     });
    };
    inplaceMethod("add_", engine::BinaryOp::Add, true);
    inplaceMethod("sub_", engine::BinaryOp::Sub, true);
    inplaceMethod("mul_", engine::BinaryOp::Mul, false);
    inplaceMethod("div_", engine::BinaryOp::Div, false);
    defineMethod(t, owner, "zero_", "()", "fills self with zeros in place", [](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) {
        args.expectNone("zero_()");
        return interpreter.wrap(zeroInplace(selfArray(self)));
    });
    defineMethod(t, owner, "fill_", "(value)", "fills self with value in place", [](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) {
        args.bind("fill_()", "(value)");
        return interpreter.wrap(fillInplace(selfArray(self), valueArgument(args.get("value"), "fill_()", "value")));
    });
    defineMethod(t, owner, "copy_", "(src)", "copies src's values into self's storage (any dtype, broadcast)",
                 [](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) {
                     args.bind("copy_()", "(src, non_blocking=False)");
                     const ObjectPtr& src = args.get("src");
                     if (src->kind() != ObjectKind::Array || !selfArray(src)->isTensor())
                         throw pythonError("TypeError", "copy_(): argument 'other' (position 1) must be Tensor, not " + typeNameOf(src));
                     return interpreter.wrap(copyInplace(selfArray(self), selfArray(src)));
                 });
    defineMethod(t, owner, "clamp_", "(min=None, max=None)", "clamps self in place", [](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) {
        args.bind("clamp_()", "(min=None, max=None)");
        const auto bound = [&](const char* name) -> std::optional<Scalar> {
            const ObjectPtr& v = args.get(name);
            if (!v || v->kind() == ObjectKind::None)
                return std::nullopt;
            return scalarArgument(v);
        };
        return interpreter.wrap(clampInplace(selfArray(self), bound("min"), bound("max")));
    });
}

void defineNdarray(TypeInfo& t)
{
    defineShared(t, kNdarray, Flavour::Numpy);
    const std::string owner = kNdarray;
    defineProperty(t, owner, "dtype", "the element type, e.g. dtype('float64')",
                   [](Interpreter&, const ObjectPtr& self) { return numpyDTypeObject(selfArray(self)->dtype()); });
    defineProperty(t, owner, "strides", "the strides in bytes", [](Interpreter&, const ObjectPtr& self) {
        return intTuple(selfArray(self)->byteStrides());
    });
    defineProperty(t, owner, "itemsize", "bytes per element", [](Interpreter&, const ObjectPtr& self) { return makeInt(selfArray(self)->itemsize()); });
    defineProperty(t, owner, "nbytes", "bytes of all elements", [](Interpreter&, const ObjectPtr& self) { return makeInt(selfArray(self)->nbytes()); });
    defineProperty(t, owner, "size", "the number of elements", [](Interpreter&, const ObjectPtr& self) { return makeInt(selfArray(self)->numel()); });
    defineProperty(t, owner, "base", "the object whose memory this array uses, or None",
                   [](Interpreter& interpreter, const ObjectPtr& self) {
                       const ArrayPtr& base = selfArray(self)->base();
                       return base ? interpreter.wrap(base) : none();
                   });
    defineProperty(t, owner, "flags", "C_CONTIGUOUS, F_CONTIGUOUS, OWNDATA, WRITEABLE, ...",
                   [](Interpreter&, const ObjectPtr& self) { return numpyFlags(selfArray(self)); });
    defineProperty(t, owner, "ctypes", "ctypes.data is the address of element [0,...]",
                   [](Interpreter&, const ObjectPtr& self) { return numpyCtypes(selfArray(self)); });
    defineProperty(t, owner, "__array_interface__", "the array interface dict, with 'data': (address, read-only)",
                   [](Interpreter& interpreter, const ObjectPtr& self) { return arrayInterface(interpreter, selfArray(self)); });
    defineMethod(t, owner, "copy", "(order='C')", "a copy with its own memory", [](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) {
        args.bind("copy()", "(order='C')");
        return interpreter.wrap(ndarrayCopy(selfArray(self)));
    });
    defineMethod(t, owner, "astype", "(dtype, copy=True)", "a converted copy; self with copy=False when nothing changes",
                 [](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) {
                     args.bind("astype()", "(dtype, order='K', casting='unsafe', subok=True, copy=True)");
                     const DType dtype = *dtypeArgument(args.get("dtype"), Flavour::Numpy, "astype()");
                     const bool copy = !args.has("copy") || interpreter.truthy(args.get("copy"));
                     return interpreter.wrap(astype(selfArray(self), dtype, copy));
                 });
    defineMethod(t, owner, "ravel", "(order='C')", "a flat view when contiguous, else a copy",
                 [](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) {
                     args.bind("ravel()", "(order='C')");
                     return interpreter.wrap(ravel(selfArray(self)));
                 });
    defineMethod(t, owner, "flatten", "(order='C')", "always a flat copy", [](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) {
        args.bind("flatten()", "(order='C')");
        return interpreter.wrap(flatten(selfArray(self)));
    });
    defineMethod(t, owner, "view", "(dtype=None)", "a new view of the same memory, possibly as another dtype",
                 [](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) {
                     args.bind("view()", "(dtype=None, type=None)");
                     const std::optional<DType> dtype = dtypeArgument(args.get("dtype"), Flavour::Numpy, "view()");
                     return interpreter.wrap(dtype ? viewAsDType(selfArray(self), *dtype) : alias(selfArray(self)));
                 });
    defineMethod(t, owner, "fill", "(value)", "fills the array in place", [](Interpreter&, const ObjectPtr& self, CallArgs& args) {
        args.bind("fill()", "(value)");
        fillInplace(selfArray(self), valueArgument(args.get("value"), "fill()", "value"));
        return none();
    });
}

TypeInfo makeArrayType(std::string name, std::string qualified)
{
    TypeInfo t;
    t.name = std::move(name);
    t.qualifiedName = std::move(qualified);
    t.base = &builtinTypes().object;
    return t;
}

}  // namespace

const TypeInfo& tensorType()
{
    static TypeInfo type = [] {
        TypeInfo t = makeArrayType("Tensor", "torch.Tensor");
        defineTensor(t);
        return t;
    }();
    return type;
}

const TypeInfo& ndarrayType()
{
    static TypeInfo type = [] {
        TypeInfo t = makeArrayType("ndarray", "numpy.ndarray");
        defineNdarray(t);
        return t;
    }();
    return type;
}

const TypeInfo& numpyScalarType(DType dtype)
{
    // np.float32(2.5) is a NumPy scalar: most ndarray attributes work on it too, so its type derives from
    // ndarray's here (NumPy shares them through numpy.generic).
    static std::array<TypeInfo, kDTypeCount> types = [] {
        std::array<TypeInfo, kDTypeCount> all;
        for (int i = 0; i < kDTypeCount; ++i) {
            const DType d = static_cast<DType>(i);
            const std::string name = d == DType::Bool ? "bool_" : std::string(numpyName(d));
            all[static_cast<std::size_t>(i)] = makeArrayType(name, "numpy." + name);
            all[static_cast<std::size_t>(i)].base = &ndarrayType();
            all[static_cast<std::size_t>(i)].constructor = [d](Interpreter& interpreter, const ObjectPtr&, CallArgs& args) {
                args.bind(std::string(numpyName(d)) + "()", "(value=0)");
                const ObjectPtr& value = args.get("value");
                ArrayPtr out = allocateArray(Flavour::Numpy, d, {});
                if (value) {
                    const std::optional<Scalar> s = scalarArgument(value);
                    if (!s) {
                        if (value->kind() == ObjectKind::Array)
                            return interpreter.wrap(astype(selfArray(value), d));
                        throw pythonError("TypeError", "aliasview makes NumPy scalars from numbers only");
                    }
                    storeScalar(out->data(), d, *s, Flavour::Numpy);
                }
                out->setNumpyScalar(true);
                return interpreter.wrap(out);
            };
        }
        return all;
    }();
    return types[static_cast<std::size_t>(dtype)];
}

const TypeInfo& arrayTypeFor(const Array& array)
{
    if (array.isTensor())
        return tensorType();
    return array.isNumpyScalar() ? numpyScalarType(array.dtype()) : ndarrayType();
}

std::string arrayRepr(const Array& array)
{
    if (array.isTensor())
        return tensorRepr(array);
    return array.isNumpyScalar() ? numpyScalarRepr(array) : ndarrayRepr(array);
}

std::string arrayStr(const Array& array)
{
    if (array.isTensor())
        return tensorRepr(array);
    return array.isNumpyScalar() ? numpyScalarStr(array) : ndarrayStr(array);
}

}  // namespace av::engine::py
