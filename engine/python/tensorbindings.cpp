// torch.Tensor's attributes and methods, bound to the engine's ops; each lands in the registry.

#include "arraybindings.h"
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

void defineTensor(TypeInfo& t)
{
    defineShared(t, kTensorOwner, Flavour::Torch);
    const std::string owner = kTensorOwner;
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

}  // namespace av::engine::py
