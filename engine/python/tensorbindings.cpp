// torch.Tensor's attributes and methods, bound to the engine's ops with torch's own argument lists
// (torchargs.h), and the torch functions that are the same ops (torch.transpose, torch.sum, ...). Each
// lands in the registry with a summary that says whether the result shares memory or copies.

#include "arraybindings.h"
#include "bindings.h"
#include "interpreterimpl.h"
#include "modulebindings.h"
#include "nativeobjects.h"
#include "registry.h"
#include "torchbindings.h"

#include "engine/arrayfactory.h"
#include "engine/autograd.h"
#include "engine/conversion.h"
#include "engine/copies.h"
#include "engine/copykernel.h"
#include "engine/creation.h"
#include "engine/dispatch.h"
#include "engine/elementwise.h"
#include "engine/indexing.h"
#include "engine/promotion.h"
#include "engine/reductions.h"
#include "engine/views.h"

#include <algorithm>
#include <cmath>
#include <memory>

namespace av::engine::py {

namespace {

const char* const kOwner = kTensorOwner;

using Body = std::function<ObjectPtr(Interpreter&, const ArrayPtr& self, const TorchArgs& args)>;

// A method whose arguments torch's generated parser reads.
void parsedMethod(TypeInfo& type, const std::string& name, const std::string& summary, std::vector<std::string> overloads,
                  Body body)
{
    auto parser = std::make_shared<TorchParser>(overloads);
    defineMethod(type, kOwner, name, parser->pythonSignature(), summary,
                 [parser, body](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) {
                     return body(interpreter, selfArray(self), parser->parse(args));
                 });
}

// A method torch defines as a C method without arguments (METH_NOARGS): "_TensorBase.dim() takes no
// arguments (1 given)".
void noArgsMethod(TypeInfo& type, const std::string& name, const std::string& summary,
                  std::function<ObjectPtr(Interpreter&, const ArrayPtr&)> body)
{
    const std::string spelled = "_TensorBase." + name + "()";
    defineMethod(type, kOwner, name, "()", summary, [spelled, body](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) {
        args.expectNone(spelled);
        return body(interpreter, selfArray(self));
    });
}

ObjectPtr wrapped(Interpreter& interpreter, const ArrayPtr& array) { return interpreter.wrap(array); }

// ---- helpers for ops the engine composes ---------------------------------------------------------------

// The values of an array in row-major order, as doubles (equal and allclose compare them).
std::vector<double> valuesOf(const Array& array)
{
    std::vector<double> out;
    out.reserve(static_cast<std::size_t>(array.numel()));
    if (array.numel() == 0)
        return out;
    std::vector<std::int64_t> index(array.sizes().size(), 0);
    const std::byte* base = array.buffer()->data();
    dispatchDType(array.dtype(), [&]<typename T>(TypeTag<T>) {
        for (std::int64_t n = 0; n < array.numel(); ++n) {
            const T v = loadElement<T>(base + array.bufferByteOffsetOf(index));
            out.push_back(static_cast<double>(static_cast<OpMathT<T>>(v)));
            for (std::size_t d = index.size(); d-- > 0;) {
                if (++index[d] < array.sizes()[d])
                    break;
                index[d] = 0;
            }
        }
    });
    return out;
}

// Both operands broadcast to one shape (with torch's message when they cannot be), as plain values.
std::pair<std::vector<double>, std::vector<double>> broadcastValues(const ArrayPtr& a, const ArrayPtr& b)
{
    NoGradGuard noGrad;
    const Value probe = binary(BinaryOp::Eq, a, b);  // raises torch's broadcast error
    const Shape shape = std::get<ArrayPtr>(probe)->sizes();
    return {valuesOf(*expand(a, shape)), valuesOf(*expand(b, shape))};
}

// An out-of-place op made of a fresh copy and the engine's in-place op (clamp): the result is a new
// tensor with its own version counter and the out-of-place op's grad_fn.
ArrayPtr outOfPlace(const ArrayPtr& self, std::string_view gradFn, const std::function<void(const ArrayPtr&)>& inplaceOp)
{
    ArrayPtr out;
    {
        NoGradGuard noGrad;
        out = clone(self);
        inplaceOp(out);
    }
    out->setVersionCounter(std::make_shared<VersionCounter>());
    out->setGradFn("");
    out->setRequiresGrad(false);
    recordOp(*out, gradFn, {self.get()});
    return out;
}

ArrayPtr reduction(const ArrayPtr& self, const TorchArgs& args, bool isMean)
{
    if (args.usesDimnames())
        args.refuseDimname(*self, "dim");
    ReduceOptions options;
    options.dtype = args.scalarType("dtype");
    if (args.index() == 1) {
        if (args.has("dim")) {
            const ObjectPtr& dim = args.object("dim");
            const std::vector<std::int64_t> dims = args.intlist("dim");
            options.dims = dim->kind() == ObjectKind::List || dim->kind() == ObjectKind::Tuple ? ReduceDims::several(dims)
                                                                                               : ReduceDims::one(dims.at(0));
        }
        options.keepdim = args.toBool("keepdim");
    }
    return isMean ? mean(self, options) : sum(self, options);
}

ObjectPtr extremum(Interpreter& interpreter, const ArrayPtr& self, const TorchArgs& args, bool wantMax, const char* name)
{
    switch (args.index()) {
    case 0: return wrapped(interpreter, wantMax ? engine::max(self) : engine::min(self));
    case 1:
        throw pythonError("NotImplementedError", std::string("aliasview does not support ") + name +
                                                     "(other): the elementwise maximum/minimum of two tensors");
    case 2: {
        const ValuesIndices r = wantMax ? maxAlongDim(self, args.toInt64("dim"), args.toBool("keepdim"))
                                        : minAlongDim(self, args.toInt64("dim"), args.toBool("keepdim"));
        return returnTypes(interpreter, name, r.values, r.indices);
    }
    default: args.refuseDimname(*self, "dim");
    }
}

// add / sub with alpha: self + alpha * other, computed as the two ops (alpha is rare in tutorials).
Value addWithAlpha(BinaryOp op, const Value& self, const Value& other, const std::optional<Scalar>& alpha)
{
    if (!alpha || (alpha->isInt() && alpha->toInt() == 1))
        return binary(op, self, other);
    const auto isIntegralValue = [](const Value& v) {
        if (const ArrayPtr* a = std::get_if<ArrayPtr>(&v))
            return isIntegral((*a)->dtype(), true);
        return !std::get<Scalar>(v).isFloat();
    };
    const auto isBoolValue = [](const Value& v) {
        if (const ArrayPtr* a = std::get_if<ArrayPtr>(&v))
            return (*a)->dtype() == DType::Bool;
        return std::get<Scalar>(v).isBool();
    };
    if (alpha->isFloat() && isIntegralValue(self) && isIntegralValue(other))
        throw pythonError("RuntimeError", "For integral input tensors, argument alpha must not be a floating point number.");
    if (alpha->isBool() && !(isBoolValue(self) && isBoolValue(other)))
        throw pythonError("RuntimeError", "Boolean alpha only supported for Boolean results.");
    Value scaled;
    {
        NoGradGuard noGrad;
        if (const Scalar* number = std::get_if<Scalar>(&other)) {
            scaled = number->isFloat() || alpha->isFloat() ? Scalar(number->toDouble() * alpha->toDouble())
                                                           : Scalar(number->toInt() * alpha->toInt());
        } else {
            scaled = binary(BinaryOp::Mul, other, *alpha);
        }
    }
    // The scaled operand carries no autograd record; the result's grad_fn is the add's or sub's.
    const ArrayPtr* otherTensor = std::get_if<ArrayPtr>(&other);
    if (ArrayPtr* s = std::get_if<ArrayPtr>(&scaled); s && otherTensor && (*otherTensor)->requiresGrad())
        (*s)->setRequiresGrad(true);
    return binary(op, self, scaled);
}

// ATen's movedim: the permutation that puts each source dim at its destination, the other dims keeping
// their order; the result is permute's view.
ArrayPtr moveDims(const ArrayPtr& self, std::vector<std::int64_t> source, std::vector<std::int64_t> destination)
{
    const auto listText = [](const std::vector<std::int64_t>& v) {
        std::string out = "[";
        for (std::size_t i = 0; i < v.size(); ++i)
            out += (i ? ", " : "") + std::to_string(v[i]);
        return out + "]";
    };
    if (source.size() != destination.size())
        throw pythonError("RuntimeError", "movedim: Invalid source or destination dims: source (" + listText(source) +
                                              " dims) should contain the same number of dims as destination (" +
                                              listText(destination) + " dims)");
    const std::int64_t n = self->dim();
    for (auto& d : source)
        d = wrapDimTorch(d, n);
    for (auto& d : destination)
        d = wrapDimTorch(d, n);
    const auto repeated = [](std::vector<std::int64_t> v) {
        std::sort(v.begin(), v.end());
        return std::adjacent_find(v.begin(), v.end()) != v.end();
    };
    if (repeated(source))
        throw pythonError("RuntimeError", "movedim: repeated dim in `source` (" + listText(source) + ")");
    if (repeated(destination))
        throw pythonError("RuntimeError", "movedim: repeated dim in `destination` (" + listText(destination) + ")");
    std::vector<std::int64_t> order(static_cast<std::size_t>(n), -1);
    std::vector<bool> used(static_cast<std::size_t>(n), false);
    for (std::size_t i = 0; i < source.size(); ++i) {
        order[static_cast<std::size_t>(destination[i])] = source[i];
        used[static_cast<std::size_t>(source[i])] = true;
    }
    std::int64_t next = 0;
    for (auto& slot : order) {
        if (slot >= 0)
            continue;
        while (used[static_cast<std::size_t>(next)])
            ++next;
        slot = next++;
    }
    return permute(self, order);
}

// torch.add(1, 2): the input, when a number, becomes a 0-dim tensor (the number's own dtype, the default
// float for floats), so that an op on two numbers still makes a tensor.
Value selfValue(const ArrayPtr& self, const TorchArgs& args, const Value& other)
{
    if (self)
        return self;
    const Value input = args.tensorOrNumber("input");
    const Scalar* number = std::get_if<Scalar>(&input);
    if (!number || std::holds_alternative<ArrayPtr>(other))
        return input;
    const DType dtype = number->isFloat() ? kTorchDefaultFloat : number->defaultDType(Flavour::Torch);
    ArrayPtr tensor = allocateArray(Flavour::Torch, dtype, {});
    storeScalar(tensor->data(), dtype, *number, Flavour::Torch);
    return tensor;
}

// ---- the ops that are both methods and torch functions --------------------------------------------------

struct SharedOp {
    const char* name;
    const char* summary;
    std::vector<std::string> method;    // the Tensor method's overloads (empty: a METH_NOARGS method)
    std::vector<std::string> function;  // torch.<name>'s overloads, with the tensor as `input`
    // self is null when torch.<name>'s input was a Python number (add(1, t)); `function` tells the form.
    std::function<ObjectPtr(Interpreter&, const ArrayPtr& self, const TorchArgs&, bool function)> body;
    bool noArgsMethod = false;
};

ObjectPtr binaryResult(Interpreter& interpreter, BinaryOp op, const Value& a, const Value& b)
{
    return interpreter.wrap(binary(op, a, b));
}

const std::vector<SharedOp>& sharedOps()
{
    static const std::vector<SharedOp> ops = [] {
        std::vector<SharedOp> v;
        v.push_back({"transpose", "swaps two dims: a view",
                     {"transpose(int64_t dim0, int64_t dim1)", "transpose(Dimname dim0, Dimname dim1)"},
                     {"transpose(Tensor input, int64_t dim0, int64_t dim1)", "transpose(Tensor input, Dimname dim0, Dimname dim1)"},
                     [](Interpreter& in, const ArrayPtr& self, const TorchArgs& a, bool) {
                         if (a.index() == 1)  // ATen resolves dim1 first
                             a.refuseDimname(*self, "dim1");
                         return in.wrap(transpose(self, a.toInt64("dim0"), a.toInt64("dim1")));
                     }});
        for (const char* alias : {"swapaxes", "swapdims"}) {
            const std::string n = alias;
            const bool axes = n == "swapaxes";
            const std::string a0 = axes ? "axis0" : "dim0", a1 = axes ? "axis1" : "dim1";
            v.push_back({alias, "swaps two dims (transpose): a view", {n + "(int64_t " + a0 + ", int64_t " + a1 + ")"},
                         {n + "(Tensor input, int64_t " + a0 + ", int64_t " + a1 + ")"},
                         [a0, a1](Interpreter& in, const ArrayPtr& self, const TorchArgs& a, bool) {
                             return in.wrap(transpose(self, a.toInt64(a0), a.toInt64(a1)));
                         }});
        }
        for (const char* alias : {"movedim", "moveaxis"}) {
            const std::string n = alias;
            v.push_back({alias, "moves dims to new positions (permute): a view",
                         {n + "(int64_t source, int64_t destination)", n + "(IntArrayRef source, IntArrayRef destination)"},
                         {n + "(Tensor input, int64_t source, int64_t destination)",
                          n + "(Tensor input, IntArrayRef source, IntArrayRef destination)"},
                         [](Interpreter& in, const ArrayPtr& self, const TorchArgs& a, bool) {
                             if (a.index() == 0)
                                 return in.wrap(moveDims(self, {a.toInt64("source")}, {a.toInt64("destination")}));
                             return in.wrap(moveDims(self, a.intlist("source"), a.intlist("destination")));
                         }});
        }
        v.push_back({"t", "transposes a tensor of at most 2 dims: a view", {}, {"t(Tensor input)"},
                     [](Interpreter& in, const ArrayPtr& self, const TorchArgs&, bool) { return in.wrap(engine::t(self)); }, true});
        v.push_back({"permute", "reorders the dims: a view", {"permute(IntArrayRef dims)"}, {"permute(Tensor input, IntArrayRef dims)"},
                     [](Interpreter& in, const ArrayPtr& self, const TorchArgs& a, bool) {
                         return in.wrap(permute(self, a.intlist("dims")));
                     }});
        v.push_back({"select", "one index along a dim, dropping it: a view",
                     {"select(int64_t dim, int64_t index)", "select(Dimname dim, int64_t index)"},
                     {"select(Tensor input, int64_t dim, int64_t index)", "select(Tensor input, Dimname dim, int64_t index)"},
                     [](Interpreter& in, const ArrayPtr& self, const TorchArgs& a, bool) {
                         if (a.index() == 1)
                             a.refuseDimname(*self, "dim");
                         return in.wrap(select(self, a.toInt64("dim"), a.toInt64("index")));
                     }});
        v.push_back({"narrow", "a range along a dim: a view",
                     {"narrow(int64_t dim, Tensor start, int64_t length)", "narrow(int64_t dim, int64_t start, int64_t length)"},
                     {"narrow(Tensor input, int64_t dim, Tensor start, int64_t length)",
                      "narrow(Tensor input, int64_t dim, int64_t start, int64_t length)"},
                     [](Interpreter& in, const ArrayPtr& self, const TorchArgs& a, bool) {
                         std::int64_t start = 0;
                         if (a.index() == 0) {
                             const ArrayPtr s = a.tensor("start");
                             if (s->dim() != 0 || !isIntegral(s->dtype(), false))
                                 throw pythonError("RuntimeError", "start must be an 0-dim integral Tensor.");
                             start = static_cast<std::int64_t>(valuesOf(*s).at(0));
                         } else {
                             start = a.toInt64("start");
                         }
                         return in.wrap(narrow(self, a.toInt64("dim"), start, a.toInt64("length")));
                     }});
        v.push_back({"squeeze", "drops size-1 dims: a view", {"squeeze()", "squeeze(int64_t dim)", "squeeze(Dimname dim)"},
                     {"squeeze(Tensor input)", "squeeze(Tensor input, int64_t dim)", "squeeze(Tensor input, Dimname dim)"},
                     [](Interpreter& in, const ArrayPtr& self, const TorchArgs& a, bool) {
                         if (a.index() == 2)
                             a.refuseDimname(*self, "dim");
                         if (a.index() == 0)
                             return in.wrap(squeeze(self));
                         const std::int64_t dim = a.toInt64("dim");
                         return in.wrap(squeeze(self, IntSpan(&dim, 1)));
                     }});
        v.push_back({"unsqueeze", "adds a size-1 dim: a view", {"unsqueeze(int64_t dim)"}, {"unsqueeze(Tensor input, int64_t dim)"},
                     [](Interpreter& in, const ArrayPtr& self, const TorchArgs& a, bool) {
                         return in.wrap(unsqueeze(self, a.toInt64("dim")));
                     }});
        v.push_back({"flatten", "self when 1-D, else reshape: a view when the strides allow it, else a copy",
                     {"flatten(int64_t start_dim, int64_t end_dim, Dimname out_dim)", "flatten(int64_t start_dim=0, int64_t end_dim=-1)",
                      "flatten(Dimname start_dim, Dimname end_dim, Dimname out_dim)", "flatten(DimnameList dims, Dimname out_dim)"},
                     {"flatten(Tensor input, int64_t start_dim, int64_t end_dim, Dimname out_dim)",
                      "flatten(Tensor input, int64_t start_dim=0, int64_t end_dim=-1)",
                      "flatten(Tensor input, Dimname start_dim, Dimname end_dim, Dimname out_dim)",
                      "flatten(Tensor input, DimnameList dims, Dimname out_dim)"},
                     [](Interpreter& in, const ArrayPtr& self, const TorchArgs& a, bool) {
                         if (a.index() != 1)
                             throw pythonError("NotImplementedError", "aliasview does not support named tensors (flatten with names)");
                         return in.wrap(flatten(self, a.toInt64("start_dim"), a.toInt64("end_dim")));
                     }});
        v.push_back({"chunk", "nearly equal parts along a dim: views", {"chunk(int64_t chunks, int64_t dim=0)"},
                     {"chunk(Tensor input, int64_t chunks, int64_t dim=0)"},
                     [](Interpreter& in, const ArrayPtr& self, const TorchArgs& a, bool) {
                         return wrapAll(in, chunk(self, a.toInt64("chunks"), a.toInt64("dim")));
                     }});
        v.push_back({"unbind", "every index along a dim: views", {"unbind(int64_t dim=0)", "unbind(Dimname dim)"},
                     {"unbind(Tensor input, int64_t dim=0)", "unbind(Tensor input, Dimname dim)"},
                     [](Interpreter& in, const ArrayPtr& self, const TorchArgs& a, bool) {
                         if (a.index() == 1)
                             a.refuseDimname(*self, "dim");
                         return wrapAll(in, unbind(self, a.toInt64("dim")));
                     }});
        v.push_back({"diagonal", "a diagonal: a view",
                     {"diagonal(*, Dimname outdim, Dimname dim1, Dimname dim2, int64_t offset=0)",
                      "diagonal(int64_t offset=0, int64_t dim1=0, int64_t dim2=1)"},
                     {"diagonal(Tensor input, *, Dimname outdim, Dimname dim1, Dimname dim2, int64_t offset=0)",
                      "diagonal(Tensor input, int64_t offset=0, int64_t dim1=0, int64_t dim2=1)"},
                     [](Interpreter& in, const ArrayPtr& self, const TorchArgs& a, bool) {
                         if (a.index() == 0)  // ATen resolves dim2 first
                             a.refuseDimname(*self, "dim2");
                         return in.wrap(diagonal(self, a.toInt64("offset"), a.toInt64("dim1"), a.toInt64("dim2")));
                     }});
        v.push_back({"clone", "a copy with its own storage (same strides when dense; contiguous with memory_format)",
                     {"clone(*, MemoryFormat? memory_format=None)"}, {"clone(Tensor input, *, MemoryFormat? memory_format=None)"},
                     [](Interpreter& in, const ArrayPtr& self, const TorchArgs& a, bool) {
                         const ObjectPtr& format = a.object("memory_format");
                         if (format && in.str(format) == "torch.contiguous_format") {
                             ArrayPtr out = contiguousCopy(*self, Flavour::Torch, self->dtype());
                             recordOp(*out, "CloneBackward0", {self.get()});
                             return in.wrap(out);
                         }
                         return in.wrap(clone(self));
                     }});
        v.push_back({"detach", "the same storage and version counter, without autograd", {}, {"detach(Tensor input)"},
                     [](Interpreter& in, const ArrayPtr& self, const TorchArgs&, bool) { return in.wrap(detach(self)); }, true});
        v.push_back({"reshape", "a view when the strides allow it, else a copy", {"reshape(SymIntArrayRef shape)"},
                     {"reshape(Tensor input, SymIntArrayRef shape)"},
                     [](Interpreter& in, const ArrayPtr& self, const TorchArgs& a, bool) { return in.wrap(reshape(self, a.intlist("shape"))); }});
        v.push_back({"sum", "the sum (a new tensor; integers sum as int64)",
                     {"sum(*, ScalarType? dtype=None)", "sum(IntArrayRef[1]? dim, bool keepdim=False, *, ScalarType? dtype=None)",
                      "sum(DimnameList[1] dim, bool keepdim=False, *, ScalarType? dtype=None)"},
                     {"sum(Tensor input, *, ScalarType? dtype=None)",
                      "sum(Tensor input, IntArrayRef[1]? dim, bool keepdim=False, *, ScalarType? dtype=None, Tensor out=None)",
                      "sum(Tensor input, DimnameList[1] dim, bool keepdim=False, *, ScalarType? dtype=None, Tensor out=None)"},
                     [](Interpreter& in, const ArrayPtr& self, const TorchArgs& a, bool) {
                         a.refuseOut();
                         return in.wrap(reduction(self, a, false));
                     }});
        v.push_back({"mean", "the mean (a new tensor; floating point only)",
                     {"mean(*, ScalarType? dtype=None)", "mean(IntArrayRef[1]? dim, bool keepdim=False, *, ScalarType? dtype=None)",
                      "mean(DimnameList[1] dim, bool keepdim=False, *, ScalarType? dtype=None)"},
                     {"mean(Tensor input, *, ScalarType? dtype=None)",
                      "mean(Tensor input, IntArrayRef[1]? dim, bool keepdim=False, *, ScalarType? dtype=None, Tensor out=None)",
                      "mean(Tensor input, DimnameList[1] dim, bool keepdim=False, *, ScalarType? dtype=None, Tensor out=None)"},
                     [](Interpreter& in, const ArrayPtr& self, const TorchArgs& a, bool) {
                         a.refuseOut();
                         return in.wrap(reduction(self, a, true));
                     }});
        for (const bool wantMax : {true, false}) {
            const char* name = wantMax ? "max" : "min";
            const std::string n = name;
            const std::vector<std::string> method = {n + "()", n + "(Tensor other)", n + "(int64_t dim, bool keepdim=False)",
                                                     n + "(Dimname dim, bool keepdim=False)"};
            const std::vector<std::string> function = {n + "(Tensor input)", n + "(Tensor input, Tensor other, *, Tensor out=None)",
                                                       n + "(Tensor input, int64_t dim, bool keepdim=False, *, TensorList out=None)",
                                                       n + "(Tensor input, Dimname dim, bool keepdim=False, *, TensorList out=None)"};
            const std::vector<std::string>& m = method;
            const std::vector<std::string>& f = function;
            v.push_back({name, wantMax ? "the largest element (a new tensor); with dim, (values, indices)"
                                       : "the smallest element (a new tensor); with dim, (values, indices)",
                         m, f, [wantMax, name](Interpreter& in, const ArrayPtr& self, const TorchArgs& a, bool) {
                             a.refuseOut();
                             return extremum(in, self, a, wantMax, name);
                         }});
        }
        v.push_back({"abs", "absolute values (a new tensor)", {}, {"abs(Tensor input, *, Tensor out=None)"},
                     [](Interpreter& in, const ArrayPtr& self, const TorchArgs& a, bool function) {
                         if (function)
                             a.refuseOut();
                         return in.wrap(absolute(self));
                     }, true});
        v.push_back({"neg", "negated values (a new tensor)", {}, {"neg(Tensor input, *, Tensor out=None)"},
                     [](Interpreter& in, const ArrayPtr& self, const TorchArgs& a, bool function) {
                         if (function)
                             a.refuseOut();
                         return in.wrap(negate(self));
                     }, true});
        for (const bool isAdd : {true, false}) {
            const BinaryOp op = isAdd ? BinaryOp::Add : BinaryOp::Sub;
            v.push_back({isAdd ? "add" : "sub", isAdd ? "self + alpha * other (a new tensor)" : "self - alpha * other (a new tensor)",
                         isAdd ? std::vector<std::string>{"add(Scalar alpha, Tensor other)|deprecated", "add(Tensor other, *, Scalar alpha=1)"}
                               : std::vector<std::string>{"sub(Scalar alpha, Tensor other)|deprecated", "sub(Tensor other, *, Scalar alpha=1)"},
                         isAdd ? std::vector<std::string>{"add(Tensor input, Scalar alpha, Tensor other, *, Tensor out=None)|deprecated",
                                                          "add(Tensor input, Tensor other, *, Scalar alpha=1, Tensor out=None)"}
                               : std::vector<std::string>{"sub(Tensor input, Scalar alpha, Tensor other, *, Tensor out=None)|deprecated",
                                                          "sub(Tensor input, Tensor other, *, Scalar alpha=1, Tensor out=None)"},
                         [op](Interpreter& in, const ArrayPtr& self, const TorchArgs& a, bool function) {
                             if (function)
                                 a.refuseOut();
                             // The deprecated overload add(alpha, other) means add(other, alpha=alpha).
                             const Value other = a.tensorOrNumber("other");
                             return in.wrap(addWithAlpha(op, selfValue(self, a, other), other, a.optionalScalar("alpha")));
                         }});
        }
        v.push_back({"mul", "self * other (a new tensor)", {"mul(Tensor other)"}, {"mul(Tensor input, Tensor other, *, Tensor out=None)"},
                     [](Interpreter& in, const ArrayPtr& self, const TorchArgs& a, bool function) {
                         if (function)
                             a.refuseOut();
                         const Value other = a.tensorOrNumber("other");
                         return binaryResult(in, BinaryOp::Mul, selfValue(self, a, other), other);
                     }});
        v.push_back({"div", "self / other (a new tensor); rounding_mode='floor' floors",
                     {"div(Tensor other)", "div(Tensor other, *, c10::string_view? rounding_mode)",
                      "div(Scalar other, *, c10::string_view? rounding_mode)"},
                     {"div(Tensor input, Tensor other, *, Tensor out=None)",
                      "div(Tensor input, Tensor other, *, c10::string_view? rounding_mode, Tensor out=None)",
                      "div(Tensor input, Scalar other, *, c10::string_view? rounding_mode)"},
                     [](Interpreter& in, const ArrayPtr& self, const TorchArgs& a, bool function) {
                         if (function && a.index() != 2)
                             a.refuseOut();
                         const Value rhs = a.index() == 2 ? Value(a.scalar("other")) : a.tensorOrNumber("other");
                         const Value lhs = selfValue(self, a, rhs);
                         if (a.index() == 0)
                             return binaryResult(in, BinaryOp::Div, lhs, rhs);
                         const std::string mode = a.has("rounding_mode") ? a.string("rounding_mode") : "";
                         Value result;
                         if (mode.empty()) {
                             result = binary(BinaryOp::Div, lhs, rhs);
                         } else if (mode == "floor") {
                             result = binary(BinaryOp::FloorDiv, lhs, rhs);
                         } else if (mode == "trunc") {
                             throw pythonError("NotImplementedError", "aliasview does not support div(rounding_mode='trunc')");
                         } else {
                             throw pythonError("RuntimeError",
                                               "div expected rounding_mode to be one of None, 'trunc', or 'floor' but found '" + mode + "'");
                         }
                         // torch records the rounding forms as DivBackward2 / DivBackward3.
                         if (ArrayPtr* out = std::get_if<ArrayPtr>(&result); out && !(*out)->gradFn().empty())
                             (*out)->setGradFn(a.index() == 2 ? "DivBackward3" : "DivBackward2");
                         return in.wrap(result);
                     }});
        v.push_back({"matmul", "the matrix product (a new tensor)", {"matmul(Tensor other)"},
                     {"matmul(Tensor input, Tensor other, *, Tensor out=None)"},
                     [](Interpreter& in, const ArrayPtr& self, const TorchArgs& a, bool function) {
                         if (function)
                             a.refuseOut();
                         return in.wrap(engine::matmul(Value(self), Value(a.tensor("other"))));
                     }});
        v.push_back({"pow", "self ** exponent (a new tensor)", {"pow(Tensor exponent)", "pow(Scalar exponent)"},
                     {"pow(Tensor input, Tensor exponent, *, Tensor out=None)", "pow(Scalar self, Tensor exponent, *, Tensor out=None)",
                      "pow(Tensor input, Scalar exponent, *, Tensor out=None)"},
                     [](Interpreter& in, const ArrayPtr& self, const TorchArgs& a, bool function) {
                         if (!function)
                             return binaryResult(in, BinaryOp::Pow, self,
                                                 a.index() == 0 ? Value(a.tensor("exponent")) : Value(a.scalar("exponent")));
                         a.refuseOut();
                         switch (a.index()) {
                         case 0: return binaryResult(in, BinaryOp::Pow, a.tensor("input"), a.tensor("exponent"));
                         case 1: return binaryResult(in, BinaryOp::Pow, a.scalar("self"), a.tensor("exponent"));
                         default: return binaryResult(in, BinaryOp::Pow, a.tensor("input"), a.scalar("exponent"));
                         }
                     }});
        const std::pair<const char*, BinaryOp> comparisons[] = {{"eq", BinaryOp::Eq}, {"ne", BinaryOp::Ne}, {"lt", BinaryOp::Lt},
                                                                 {"le", BinaryOp::Le}, {"gt", BinaryOp::Gt}, {"ge", BinaryOp::Ge}};
        for (const auto& [name, op] : comparisons) {
            const std::string n = name;
            std::vector<std::string> m = {n + "(Tensor other)", n + "(Scalar other)"};
            std::vector<std::string> f = {n + "(Tensor input, Tensor other, *, Tensor out=None)",
                                          n + "(Tensor input, Scalar other, *, Tensor out=None)"};
            const BinaryOp comparison = op;
            v.push_back({name, "an elementwise comparison: a new bool tensor", m, f,
                         [comparison](Interpreter& in, const ArrayPtr& self, const TorchArgs& a, bool function) {
                             if (function)
                                 a.refuseOut();
                             const Value other = a.index() == 0 ? Value(a.tensor("other")) : Value(a.scalar("other"));
                             return binaryResult(in, comparison, self, other);
                         }});
        }
        v.push_back({"equal", "True when both have the same size and values", {"equal(Tensor other)"}, {"equal(Tensor input, Tensor other)"},
                     [](Interpreter&, const ArrayPtr& self, const TorchArgs& a, bool) {
                         const ArrayPtr other = a.tensor("other");
                         if (self->sizes() != other->sizes())
                             return makeBool(false);
                         return makeBool(valuesOf(*self) == valuesOf(*other));
                     }});
        v.push_back({"allclose", "True when every |self - other| <= atol + rtol * |other|",
                     {"allclose(Tensor other, double rtol=1e-05, double atol=1e-08, bool equal_nan=False)"},
                     {"allclose(Tensor input, Tensor other, double rtol=1e-05, double atol=1e-08, bool equal_nan=False)"},
                     [](Interpreter&, const ArrayPtr& self, const TorchArgs& a, bool) {
                         const ArrayPtr other = a.tensor("other");
                         if (self->dtype() != other->dtype())
                             throw pythonError("RuntimeError", std::string(torchScalarTypeName(self->dtype())) + " did not match " +
                                                                   std::string(torchScalarTypeName(other->dtype())));
                         const double rtol = a.toDouble("rtol"), atol = a.toDouble("atol");
                         const bool equalNan = a.toBool("equal_nan");
                         const auto [x, y] = broadcastValues(self, other);
                         for (std::size_t i = 0; i < x.size(); ++i) {
                             if (std::isnan(x[i]) || std::isnan(y[i])) {
                                 if (!(equalNan && std::isnan(x[i]) && std::isnan(y[i])))
                                     return makeBool(false);
                                 continue;
                             }
                             if (x[i] == y[i])
                                 continue;
                             if (!(std::fabs(x[i] - y[i]) <= atol + rtol * std::fabs(y[i])))
                                 return makeBool(false);
                         }
                         return makeBool(true);
                     }});
        v.push_back({"clamp", "values clamped into [min, max] (a new tensor)",
                     {"clamp(Tensor? min=None, Tensor? max=None)", "clamp(Scalar? min=None, Scalar? max=None)"},
                     {"clamp(Tensor input, Tensor? min=None, Tensor? max=None, *, Tensor out=None)",
                      "clamp(Tensor input, Scalar? min=None, Scalar? max=None, *, Tensor out=None)"},
                     [](Interpreter& in, const ArrayPtr& self, const TorchArgs& a, bool function) {
                         if (function)
                             a.refuseOut();
                         std::optional<Scalar> low, high;
                         if (a.index() == 0) {
                             for (const char* name : {"min", "max"}) {
                                 if (!a.has(name))
                                     continue;
                                 if (a.tensor(name)->numel() != 1)
                                     throw pythonError("NotImplementedError", "aliasview clamps with number bounds only");
                                 (std::string_view(name) == "min" ? low : high) = a.scalar(name);
                             }
                             if (!a.has("min") && !a.has("max"))
                                 throw pythonError("RuntimeError", "torch.clamp: At least one of 'min' or 'max' must not be None");
                         } else {
                             low = a.optionalScalar("min");
                             high = a.optionalScalar("max");
                         }
                         if (!low && !high)
                             throw pythonError("RuntimeError", "torch.clamp: At least one of 'min' or 'max' must not be None");
                         const std::string gradFn = a.index() == 0 ? "ClampBackward0" : "ClampBackward1";
                         return in.wrap(outOfPlace(self, gradFn, [&](const ArrayPtr& out) { clampInplace(out, low, high); }));
                     }});
        v.push_back({"numel", "the number of elements", {}, {"numel(Tensor input)"},
                     [](Interpreter&, const ArrayPtr& self, const TorchArgs&, bool) { return makeInt(self->numel()); }, true});
        v.push_back({"is_floating_point", "whether the dtype is a floating point one", {}, {"is_floating_point(Tensor input)"},
                     [](Interpreter&, const ArrayPtr& self, const TorchArgs&, bool) { return makeBool(isFloating(self->dtype())); }, true});
        return v;
    }();
    return ops;
}

}  // namespace

// ---- grad_fn, names ------------------------------------------------------------------------------------

std::string_view torchScalarTypeName(DType dtype)
{
    switch (dtype) {
    case DType::Float16: return "Half";
    case DType::Float32: return "Float";
    case DType::Float64: return "Double";
    case DType::Int8: return "Char";
    case DType::Int16: return "Short";
    case DType::Int32: return "Int";
    case DType::Int64: return "Long";
    case DType::UInt8: return "Byte";
    case DType::Bool: return "Bool";
    }
    return "Undefined";
}

ObjectPtr splitTensor(Interpreter& interpreter, const ObjectPtr& tensor, const ObjectPtr& splitSize, const ObjectPtr& dim)
{
    static const TorchParser splitParser{"split(Tensor input, int64_t split_size, int64_t dim=0)"};
    static const TorchParser sizesParser{"split_with_sizes(Tensor input, IntArrayRef split_sizes, int64_t dim=0)"};
    ObjectPtr size = splitSize;
    // torch/_tensor.py: a tensor split size goes through int() when it can.
    if (size->kind() == ObjectKind::Array && selfArray(size)->isTensor()) {
        const Array& s = *selfArray(size);
        if (s.numel() == 1)
            size = makeInt(static_cast<std::int64_t>(valuesOf(s).at(0)));
    }
    std::vector<ObjectPtr> positional{tensor, size};
    if (dim)
        positional.push_back(dim);
    CallArgs call(std::move(positional), {});
    if (size->kind() == ObjectKind::Int || size->kind() == ObjectKind::Bool) {
        const TorchArgs a = splitParser.parse(call);
        return wrapAll(interpreter, split(a.tensor("input"), a.toInt64("split_size"), a.toInt64("dim")));
    }
    const TorchArgs a = sizesParser.parse(call);
    return wrapAll(interpreter, split(a.tensor("input"), a.intlist("split_sizes"), a.toInt64("dim")));
}

namespace {

struct GradFnNode {
    std::string name;
};
using GradFnObject = NativeObject<GradFnNode>;

const TypeInfo& gradFnType(const std::string& name)
{
    static std::unordered_map<std::string, std::unique_ptr<TypeInfo>> types;
    auto& slot = types[name];
    if (!slot) {
        slot = std::make_unique<TypeInfo>();
        slot->name = name;
        slot->qualifiedName = name;
        slot->tpName = name;
        slot->base = &builtinTypes().object;
        slot->methods["name"] = [](Interpreter&, const ObjectPtr& self, CallArgs& args) {
            args.expectNone("name()");
            return makeStr(static_cast<const GradFnObject&>(*self).payload.name);
        };
        slot->properties["metadata"] = [](Interpreter&, const ObjectPtr&) -> ObjectPtr { return std::make_shared<DictObject>(); };
    }
    return *slot;
}

}  // namespace

ObjectPtr gradFnObject(const ArrayPtr& tensor)
{
    const std::string& name = tensor->gradFn();
    if (name.empty())
        return none();
    // One node object per tensor and grad_fn, alive while the script holds it (as torch's PyNode is).
    struct Entry {
        std::weak_ptr<Array> tensor;
        std::weak_ptr<Object> node;
    };
    static std::unordered_map<const Array*, Entry> cache;
    Entry& entry = cache[tensor.get()];
    if (auto node = entry.node.lock(); node && entry.tensor.lock() == tensor &&
                                       static_cast<const GradFnObject&>(*node).payload.name == name)
        return node;
    auto node = std::make_shared<GradFnObject>(ObjectKind::Other, &gradFnType(name), GradFnNode{name});
    entry = {tensor, node};
    if (cache.size() > 4096)
        std::erase_if(cache, [](const auto& e) { return e.second.node.expired(); });
    return node;
}

void defineSharedTorchFunctions(ModuleObject& torch)
{
    for (const SharedOp& op : sharedOps()) {
        auto parser = std::make_shared<TorchParser>(op.function);
        const auto body = op.body;
        defineFunction(torch, kTorchOwner, op.name, parser->pythonSignature(), op.summary,
                       [parser, body](Interpreter& interpreter, const ObjectPtr&, CallArgs& args) {
                           const TorchArgs a = parser->parse(args);
                           ArrayPtr self;
                           if (a.defines("input")) {
                               if (const ObjectPtr& input = a.object("input"); input && input->kind() == ObjectKind::Array)
                                   self = selfArray(input);
                           }
                           return body(interpreter, self, a, true);
                       });
    }
    defineFunction(torch, kTorchOwner, "split", "(tensor, split_size_or_sections, dim=0)",
                   "parts of the given sizes along a dim: views",
                   [](Interpreter& interpreter, const ObjectPtr&, CallArgs& args) {
                       args.bind("split()", "(tensor, split_size_or_sections, dim=0)");
                       const ObjectPtr& tensor = args.get("tensor");
                       CallArgs call({args.get("split_size_or_sections")},
                                     args.has("dim") ? std::vector<std::pair<std::string, ObjectPtr>>{{"dim", args.get("dim")}}
                                                     : std::vector<std::pair<std::string, ObjectPtr>>{});
                       return interpreter.call(interpreter.getAttribute(tensor, "split"), call);
                   });
}

namespace {

// caffe2's TypeMeta names, as torch's TensorOptions print them.
std::string_view typeMetaName(DType dtype)
{
    switch (dtype) {
    case DType::Float16: return "c10::Half";
    case DType::Float32: return "float";
    case DType::Float64: return "double";
    case DType::Int8: return "signed char";
    case DType::Int16: return "short int";
    case DType::Int32: return "int";
    case DType::Int64: return "long int";
    case DType::UInt8: return "unsigned char";
    case DType::Bool: return "bool";
    }
    return "";
}

std::string tensorOptionsText(DType dtype)
{
    return "TensorOptions(dtype=" + std::string(typeMetaName(dtype)) +
           ", device=cpu, layout=Strided, requires_grad=false (default), pinned_memory=false (default), memory_format=(nullopt))";
}

}  // namespace

ObjectPtr legacyTensorConstructor(Interpreter& interpreter, CallArgs& args, std::optional<DType> fixed)
{
    static const TorchParser parser{"new(*, Device? device=None)",
                                    "new(Storage storage)",
                                    "new(Tensor other)",
                                    "new(Tensor other, *, Device? device=None)|hidden",
                                    "new(IntArrayRef size, *, Device? device=None)",
                                    "new(PyObject* data, *, Device? device=None)"};
    const TorchArgs a = parser.parse(args);
    const DType dtype = fixed.value_or(kTorchDefaultFloat);
    CreationOptions options;
    options.dtype = dtype;
    if (a.defines("device"))
        options.device = a.device("device").value_or(Device::cpu());
    switch (a.index()) {
    case 0: return interpreter.wrap(zeros(Flavour::Torch, Shape{0}, options));
    case 1: throw pythonError("NotImplementedError", "aliasview does not make tensors from storages (torch.Tensor(storage))");
    case 2:
    case 3: {
        const ArrayPtr other = a.tensor("other");
        if (fixed && other->dtype() != *fixed)
            throw pythonError("TypeError", "expected " + tensorOptionsText(*fixed) + " (got " + tensorOptionsText(other->dtype()) + ")");
        return interpreter.wrap(alias(other));
    }
    case 4:
        // A sequence passed as one argument binds to `size` but means data, unless it is a torch.Size.
        if (const ObjectPtr& size = a.object("size"); !size || size->type() == &torchSizeType())
            return interpreter.wrap(zeros(Flavour::Torch, a.intlist("size"), options));
        [[fallthrough]];
    default: {
        const ObjectPtr& data = a.index() == 4 ? a.object("size") : a.object("data");
        const ObjectKind kind = data->kind();
        const bool sequence = kind == ObjectKind::List || kind == ObjectKind::Tuple || kind == ObjectKind::Range ||
                              kind == ObjectKind::Str || (kind == ObjectKind::Array && !selfArray(data)->isNumpyScalar());
        if (!sequence)
            throw pythonError("TypeError", "new(): data must be a sequence (got " + typeNameOf(data) + ")");
        if (kind == ObjectKind::Array)
            return interpreter.wrap(torchTensorFromArray(selfArray(data), dtype, options.device));
        return interpreter.wrap(
            arrayFromData(Flavour::Torch, interpreter.impl().nestedListOf(torchTensorData(interpreter, data)), options));
    }
    }
}

// ---- torch.Tensor ----------------------------------------------------------------------------------------

void defineTensor(TypeInfo& type)
{
    const std::string owner = kOwner;
    type.constructor = [](Interpreter& interpreter, const ObjectPtr&, CallArgs& args) {
        return legacyTensorConstructor(interpreter, args, std::nullopt);
    };
    // Attributes.
    defineProperty(type, owner, "shape", "the sizes, as torch.Size",
                   [](Interpreter&, const ObjectPtr& self) { return torchSize(selfArray(self)->sizes()); });
    defineProperty(type, owner, "ndim", "the number of dims", [](Interpreter&, const ObjectPtr& self) { return makeInt(selfArray(self)->dim()); });
    defineProperty(type, owner, "T", "all dims reversed: a view (torch warns for other than 2 dims)",
                   [](Interpreter& interpreter, const ObjectPtr& self) { return interpreter.wrap(reversedDims(selfArray(self))); });
    defineProperty(type, owner, "dtype", "the element type, e.g. torch.float32",
                   [](Interpreter&, const ObjectPtr& self) { return torchDTypeObject(selfArray(self)->dtype()); });
    defineProperty(type, owner, "device", "where the storage lives",
                   [](Interpreter&, const ObjectPtr& self) { return deviceObject(selfArray(self)->device()); });
    defineProperty(type, owner, "is_cuda", "whether it lives on a CUDA device",
                   [](Interpreter&, const ObjectPtr& self) { return makeBool(selfArray(self)->device().isCuda()); });
    defineProperty(type, owner, "layout", "torch.strided: every tensor here is strided",
                   [](Interpreter&, const ObjectPtr&) { return torchLayoutObject(); });
    defineProperty(type, owner, "requires_grad", "whether autograd records ops on it (settable on leaves)",
                   [](Interpreter&, const ObjectPtr& self) { return makeBool(selfArray(self)->requiresGrad()); });
    // THPVariable_set_requires_grad: its own messages, unlike requires_grad_()'s.
    defineSetter(type, "requires_grad", [](Interpreter&, const ObjectPtr& self, CallArgs& args) {
        const ObjectPtr& value = args.positional().at(0);
        if (value->kind() != ObjectKind::Bool)
            throw pythonError("RuntimeError", "requires_grad must be a bool");
        const bool requiresGrad = static_cast<const BoolObject&>(*value).value;
        const ArrayPtr& tensor = selfArray(self);
        if (!tensor->isLeaf())
            throw pythonError("RuntimeError", requiresGrad ? "you can only change requires_grad flags of leaf variables."
                                                           : "you can only change requires_grad flags of leaf variables. If you want to "
                                                             "use a computed variable in a subgraph that doesn't require "
                                                             "differentiation use var_no_grad = var.detach().");
        if (requiresGrad && !isFloating(tensor->dtype()))
            throw pythonError("RuntimeError", "only Tensors of floating point and complex dtype can require gradients");
        tensor->setRequiresGrad(requiresGrad);
        return none();
    });
    // The read-only attributes live on torch._C._TensorBase, which their message names.
    for (const char* name : {"shape", "ndim", "T", "dtype", "device", "is_cuda", "layout", "is_leaf", "grad_fn", "_version", "_base"}) {
        const std::string attribute = name;
        defineSetter(type, attribute, [attribute](Interpreter&, const ObjectPtr&, CallArgs&) -> ObjectPtr {
            throw pythonError("AttributeError", "attribute '" + attribute + "' of 'torch._C._TensorBase' objects is not writable");
        });
    }
    defineProperty(type, owner, "is_leaf", "whether no recorded op produced it",
                   [](Interpreter&, const ObjectPtr& self) { return makeBool(selfArray(self)->isLeaf()); });
    defineProperty(type, owner, "grad_fn", "the node of the op that produced it (e.g. <AddBackward0 object at 0x...>), or None",
                   [](Interpreter&, const ObjectPtr& self) { return gradFnObject(selfArray(self)); });
    defineProperty(type, owner, "grad", "the gradient: always None (aliasview runs no backward pass)",
                   [](Interpreter&, const ObjectPtr&) { return none(); });
    defineProperty(type, owner, "_version", "the version counter it shares with its views",
                   [](Interpreter&, const ObjectPtr& self) { return makeInt(selfArray(self)->version()); });
    defineProperty(type, owner, "_base", "the tensor this one is a view of, or None",
                   [](Interpreter& interpreter, const ObjectPtr& self) {
                       const ArrayPtr& base = selfArray(self)->viewBase();
                       return base ? interpreter.wrap(base) : none();
                   });
    defineProperty(type, owner, "data", "the same storage without autograd, with a new version counter",
                   [](Interpreter& interpreter, const ObjectPtr& self) { return interpreter.wrap(tensorData(selfArray(self))); });

    // Sizes and memory.
    parsedMethod(type, "size", "the sizes as torch.Size, or one size",
                 {"size(int64_t dim)", "size()", "size(Dimname dim)"},
                 [](Interpreter&, const ArrayPtr& self, const TorchArgs& a) -> ObjectPtr {
                     if (a.index() == 1)
                         return torchSize(self->sizes());
                     if (a.index() == 2)
                         a.refuseDimname(*self, "dim");
                     return makeInt(self->size(wrapDimTorch(a.toInt64("dim"), self->dim())));
                 });
    parsedMethod(type, "stride", "the strides in elements, or one stride",
                 {"stride(int64_t dim)", "stride()", "stride(Dimname dim)"},
                 [](Interpreter&, const ArrayPtr& self, const TorchArgs& a) -> ObjectPtr {
                     if (a.index() == 1)
                         return intTuple(self->strides());
                     if (a.index() == 2)
                         a.refuseDimname(*self, "dim");
                     return makeInt(self->stride(wrapDimTorch(a.toInt64("dim"), self->dim())));
                 });
    noArgsMethod(type, "dim", "the number of dims", [](Interpreter&, const ArrayPtr& self) { return makeInt(self->dim()); });
    noArgsMethod(type, "ndimension", "the number of dims", [](Interpreter&, const ArrayPtr& self) { return makeInt(self->dim()); });
    noArgsMethod(type, "element_size", "bytes per element", [](Interpreter&, const ArrayPtr& self) { return makeInt(self->itemsize()); });
    noArgsMethod(type, "storage_offset", "where element [0,...] sits in the storage, in elements",
                 [](Interpreter&, const ArrayPtr& self) { return makeInt(self->storageOffset()); });
    noArgsMethod(type, "data_ptr", "the address of element [0,...] (0 for an empty tensor)",
                 [](Interpreter&, const ArrayPtr& self) {
                     // TensorImpl::data() is nullptr for a tensor with no elements, whatever its offset.
                     return makeInt(self->numel() == 0 ? 0 : static_cast<std::int64_t>(self->dataPtr()));
                 });
    parsedMethod(type, "is_contiguous", "whether the elements are in row-major order without gaps",
                 {"is_contiguous(*, MemoryFormat memory_format=contiguous_format)"},
                 [](Interpreter&, const ArrayPtr& self, const TorchArgs&) { return makeBool(self->isContiguous()); });
    defineMethod(type, owner, "storage", "()", "a new TypedStorage object over the tensor's whole storage",
                 [](Interpreter&, const ObjectPtr& self, CallArgs& args) {
                     std::vector<ObjectPtr> positional{self};
                     positional.insert(positional.end(), args.positional().begin(), args.positional().end());
                     CallArgs withSelf(std::move(positional), args.keywords());
                     withSelf.bind("Tensor.storage()", "(self)");
                     return typedStorage(selfArray(self));
                 });
    noArgsMethod(type, "item", "the single value as a Python number", [](Interpreter&, const ArrayPtr& self) { return itemOf(*self); });
    noArgsMethod(type, "tolist", "the values as nested Python lists (a copy)",
                 [](Interpreter& interpreter, const ArrayPtr& self) { return toList(interpreter, *self); });

    // Views.
    parsedMethod(type, "view", "a view with a new shape (never a copy), or of the same bytes as another dtype",
                 {"view(ScalarType dtype)", "view(SymIntArrayRef size)"},
                 [](Interpreter& interpreter, const ArrayPtr& self, const TorchArgs& a) {
                     if (a.index() == 0)
                         return interpreter.wrap(viewAsDType(self, *a.scalarType("dtype")));
                     return interpreter.wrap(view(self, a.intlist("size")));
                 });
    parsedMethod(type, "expand", "broadcast to sizes with stride 0: a view (writing through it is refused)",
                 {"expand(SymIntArrayRef size, *, bool implicit=False)"},
                 [](Interpreter& interpreter, const ArrayPtr& self, const TorchArgs& a) {
                     return interpreter.wrap(expand(self, a.intlist("size")));
                 });
    parsedMethod(type, "expand_as", "expand to other's shape: a view", {"expand_as(Tensor other)"},
                 [](Interpreter& interpreter, const ArrayPtr& self, const TorchArgs& a) {
                     return interpreter.wrap(expandAs(self, a.tensor("other")));
                 });
    parsedMethod(type, "view_as", "self.view(other.size()): a view", {"view_as(Tensor other)"},
                 [](Interpreter& interpreter, const ArrayPtr& self, const TorchArgs& a) {
                     return interpreter.wrap(view(self, a.tensor("other")->sizes()));
                 });
    parsedMethod(type, "reshape_as", "self.reshape(other.size()): a view when the strides allow it, else a copy",
                 {"reshape_as(Tensor other)"}, [](Interpreter& interpreter, const ArrayPtr& self, const TorchArgs& a) {
                     return interpreter.wrap(reshape(self, a.tensor("other")->sizes()));
                 });
    noArgsMethod(type, "nelement", "the number of elements (numel)", [](Interpreter&, const ArrayPtr& self) { return makeInt(self->numel()); });
    noArgsMethod(type, "get_device", "-1 for a CPU tensor, else the CUDA device index",
                 [](Interpreter&, const ArrayPtr& self) { return makeInt(self->device().isCpu() ? -1 : self->device().index); });
    noArgsMethod(type, "ravel", "a flat view when contiguous, else a flat copy",
                 [](Interpreter& interpreter, const ArrayPtr& self) { return interpreter.wrap(ravel(self)); });
    defineMethod(type, owner, "split", "(split_size, dim=0)", "parts of the given size (or sizes) along a dim: views",
                 [](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) {
                     std::vector<ObjectPtr> positional{self};
                     positional.insert(positional.end(), args.positional().begin(), args.positional().end());
                     CallArgs withSelf(std::move(positional), args.keywords());
                     withSelf.bind("Tensor.split()", "(self, split_size, dim=0)");
                     return splitTensor(interpreter, self, withSelf.get("split_size"), withSelf.get("dim"));
                 });
    for (const SharedOp& op : sharedOps()) {
        if (op.noArgsMethod) {
            const auto body = op.body;
            auto parser = std::make_shared<TorchParser>(std::vector<std::string>{op.function.front()});
            noArgsMethod(type, op.name, op.summary, [body, parser](Interpreter& interpreter, const ArrayPtr& self) {
                // The body reads no arguments beyond the tensor; give it the function form's parse of (self).
                CallArgs call({interpreter.wrap(self)}, {});
                return body(interpreter, self, parser->parse(call), false);
            });
            continue;
        }
        const auto body = op.body;
        parsedMethod(type, op.name, op.summary, op.method, [body](Interpreter& interpreter, const ArrayPtr& self, const TorchArgs& a) {
            return body(interpreter, self, a, false);
        });
    }

    // Conversions.
    parsedMethod(type, "contiguous", "self when already contiguous, else a contiguous copy",
                 {"contiguous(*, MemoryFormat memory_format=contiguous_format)"},
                 [](Interpreter& interpreter, const ArrayPtr& self, const TorchArgs&) { return interpreter.wrap(contiguous(self)); });
    parsedMethod(type, "numpy", "an ndarray sharing the tensor's memory (refused while it requires grad)", {"numpy(*, bool force=False)"},
                 [](Interpreter& interpreter, const ArrayPtr& self, const TorchArgs& a) {
                     return interpreter.wrap(toNumpy(self, a.toBool("force")));
                 });
    noArgsMethod(type, "detach", "the same storage and version counter, without autograd: a view",
                 [](Interpreter& interpreter, const ArrayPtr& self) { return interpreter.wrap(detach(self)); });
    parsedMethod(type, "requires_grad_", "sets requires_grad in place; returns self", {"requires_grad_(bool requires_grad=True)"},
                 [](Interpreter& interpreter, const ArrayPtr& self, const TorchArgs& a) {
                     return interpreter.wrap(requiresGradInplace(self, a.toBool("requires_grad")));
                 });
    const std::pair<const char*, DType> conversions[] = {{"float", DType::Float32}, {"double", DType::Float64}, {"half", DType::Float16},
                                                         {"int", DType::Int32},     {"long", DType::Int64},     {"short", DType::Int16},
                                                         {"char", DType::Int8},     {"byte", DType::UInt8},     {"bool", DType::Bool}};
    for (const auto& [name, dtype] : conversions) {
        const DType target = dtype;
        parsedMethod(type, name, "self.to(" + std::string(torchName(dtype)) + "): self when already so, else a copy",
                     {std::string(name) + "(*, MemoryFormat? memory_format=None)"},
                     [target](Interpreter& interpreter, const ArrayPtr& self, const TorchArgs&) {
                         return interpreter.wrap(tensorTo(self, target));
                     });
    }
    parsedMethod(type, "cpu", "self (every tensor here is on the CPU)", {"cpu(*, MemoryFormat? memory_format=None)"},
                 [](Interpreter& interpreter, const ArrayPtr& self, const TorchArgs&) {
                     return interpreter.wrap(tensorTo(self, std::nullopt, Device::cpu()));
                 });
    parsedMethod(type, "to", "self when neither dtype nor device changes (and copy=False), else a copy",
                 {"to(Device? device=None, ScalarType? dtype=None, bool non_blocking=False, bool copy=False, *, MemoryFormat? memory_format=None)",
                  "to(ScalarType dtype, bool non_blocking=False, bool copy=False, *, MemoryFormat? memory_format=None)",
                  "to(Tensor tensor, bool non_blocking=False, bool copy=False, *, MemoryFormat? memory_format=None)"},
                 [](Interpreter& interpreter, const ArrayPtr& self, const TorchArgs& a) {
                     std::optional<DType> dtype;
                     std::optional<Device> device;
                     switch (a.index()) {
                     case 0:
                         dtype = a.scalarType("dtype");
                         device = a.device("device");
                         break;
                     case 1: dtype = a.scalarType("dtype"); break;
                     default: {
                         const Value other = a.tensorOrNumber("tensor");
                         if (const ArrayPtr* t = std::get_if<ArrayPtr>(&other)) {
                             dtype = (*t)->dtype();
                             device = (*t)->device();
                         } else {
                             // A number passed as the tensor is a wrapped number: its dtype is torch.tensor(number)'s.
                             dtype = std::get<Scalar>(other).isFloat() ? DType::Float64 : std::get<Scalar>(other).defaultDType(Flavour::Torch);
                         }
                     }
                     }
                     return interpreter.wrap(tensorTo(self, dtype, device, a.toBool("copy")));
                 });
    parsedMethod(type, "type", "with no argument, the legacy type name ('torch.FloatTensor'); else self.to(dtype)",
                 {"type(PyObject* dtype=None, bool non_blocking=False, *, MemoryFormat? memory_format=None)",
                  "type(PyObject* dtype=None, bool non_blocking=False, *, MemoryFormat? memory_format=None)|hidden"},
                 [](Interpreter& interpreter, const ArrayPtr& self, const TorchArgs& a) -> ObjectPtr {
                     const auto legacyName = [](DType dtype) {
                         std::string name(torchScalarTypeName(dtype));
                         return "torch." + name + "Tensor";
                     };
                     if (!a.has("dtype"))
                         return makeStr(legacyName(self->dtype()));
                     const ObjectPtr& spec = a.object("dtype");
                     std::optional<DType> dtype;
                     if (spec->kind() == ObjectKind::Str) {
                         const std::string& text = static_cast<const StrObject&>(*spec).value;
                         for (int i = 0; i < kDTypeCount && !dtype; ++i)
                             if (legacyName(static_cast<DType>(i)) == text)
                                 dtype = static_cast<DType>(i);
                         if (!dtype)
                             throw pythonError("ValueError", "invalid type: '" + text + "'");
                     } else if (spec->kind() == ObjectKind::DType && spec->type() == torchDTypeObject(DType::Float32)->type()) {
                         dtype = dtypeArgument(spec, Flavour::Torch, "type()");
                     } else if (spec->kind() == ObjectKind::Type) {
                         const TypeInfo* info = static_cast<const TypeObject&>(*spec).info;
                         for (int i = 0; i < kDTypeCount && !dtype; ++i)
                             if (legacyName(static_cast<DType>(i)) == info->qualifiedName)
                                 dtype = static_cast<DType>(i);
                         if (!dtype)
                             throw pythonError("ValueError", "invalid type: '" + info->name + "'");
                     } else {
                         throw pythonError("TypeError", "dtype must be a type, str, or dtype object");
                     }
                     return interpreter.wrap(tensorTo(self, dtype));
                 });
    parsedMethod(type, "type_as", "self.to(other.dtype): self when it already has it, else a copy", {"type_as(Tensor other)"},
                 [](Interpreter& interpreter, const ArrayPtr& self, const TorchArgs& a) {
                     return interpreter.wrap(tensorTo(self, a.tensor("other")->dtype()));
                 });

    // New tensors with self's dtype and device.
    const auto newOptions = [](const ArrayPtr& self, const TorchArgs& a) {
        CreationOptions options;
        options.dtype = a.scalarType("dtype").value_or(self->dtype());
        options.device = a.device("device").value_or(self->device());
        options.requiresGrad = a.has("requires_grad") && a.toBool("requires_grad");
        return options;
    };
    parsedMethod(type, "new_zeros", "a new tensor of zeros with self's dtype and device",
                 {"new_zeros(SymIntArrayRef size, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=False, bool? requires_grad=False)"},
                 [newOptions](Interpreter& interpreter, const ArrayPtr& self, const TorchArgs& a) {
                     return interpreter.wrap(zeros(Flavour::Torch, a.intlist("size"), newOptions(self, a)));
                 });
    parsedMethod(type, "new_ones", "a new tensor of ones with self's dtype and device",
                 {"new_ones(SymIntArrayRef size, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=False, bool? requires_grad=False)"},
                 [newOptions](Interpreter& interpreter, const ArrayPtr& self, const TorchArgs& a) {
                     return interpreter.wrap(ones(Flavour::Torch, a.intlist("size"), newOptions(self, a)));
                 });
    parsedMethod(type, "new_full", "a new tensor filled with fill_value, with self's dtype and device",
                 {"new_full(SymIntArrayRef size, Scalar fill_value, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=False, bool? requires_grad=False)"},
                 [newOptions](Interpreter& interpreter, const ArrayPtr& self, const TorchArgs& a) {
                     return interpreter.wrap(full(Flavour::Torch, a.intlist("size"), a.scalar("fill_value"), newOptions(self, a)));
                 });
    parsedMethod(type, "new_tensor", "a copy of data with self's dtype and device",
                 {"new_tensor(PyObject* data, *, ScalarType dtype=None, Device? device=None, bool requires_grad=False)"},
                 [newOptions](Interpreter& interpreter, const ArrayPtr& self, const TorchArgs& a) {
                     const CreationOptions options = newOptions(self, a);
                     const ObjectPtr& data = a.object("data");
                     if (data->kind() == ObjectKind::Array)
                         return interpreter.wrap(torchTensorFromArray(selfArray(data), options.dtype, options.device, options.requiresGrad));
                     return interpreter.wrap(arrayFromData(Flavour::Torch, interpreter.impl().nestedListOf(torchTensorData(interpreter, data)), options));
                 });

    // In-place writes.
    for (const bool isAdd : {true, false}) {
        const BinaryOp op = isAdd ? BinaryOp::Add : BinaryOp::Sub;
        parsedMethod(type, isAdd ? "add_" : "sub_", "writes self op alpha * other into self's memory; returns self",
                     isAdd ? std::vector<std::string>{"add_(Scalar alpha, Tensor other)|deprecated", "add_(Tensor other, *, Scalar alpha=1)"}
                           : std::vector<std::string>{"sub_(Scalar alpha, Tensor other)|deprecated", "sub_(Tensor other, *, Scalar alpha=1)"},
                     [op](Interpreter& interpreter, const ArrayPtr& self, const TorchArgs& a) {
                         // The deprecated overload add_(alpha, other) means add_(other, alpha=alpha).
                         return interpreter.wrap(inplace(op, self, a.tensorOrNumber("other"), InplaceSpelling::Method, a.optionalScalar("alpha")));
                     });
    }
    parsedMethod(type, "mul_", "writes self * other into self's memory; returns self", {"mul_(Tensor other)"},
                 [](Interpreter& interpreter, const ArrayPtr& self, const TorchArgs& a) {
                     return interpreter.wrap(inplace(BinaryOp::Mul, self, a.tensorOrNumber("other"), InplaceSpelling::Method));
                 });
    parsedMethod(type, "div_", "writes self / other into self's memory; returns self",
                 {"div_(Tensor other)", "div_(Tensor other, *, c10::string_view? rounding_mode)",
                  "div_(Scalar other, *, c10::string_view? rounding_mode)"},
                 [](Interpreter& interpreter, const ArrayPtr& self, const TorchArgs& a) {
                     const Value other = a.index() == 2 ? Value(a.scalar("other")) : a.tensorOrNumber("other");
                     BinaryOp op = BinaryOp::Div;
                     if (a.index() != 0 && a.has("rounding_mode")) {
                         const std::string mode = a.string("rounding_mode");
                         if (mode == "floor")
                             op = BinaryOp::FloorDiv;
                         else if (mode == "trunc")
                             throw pythonError("NotImplementedError", "aliasview does not support div_(rounding_mode='trunc')");
                         else
                             throw pythonError("RuntimeError",
                                               "div expected rounding_mode to be one of None, 'trunc', or 'floor' but found '" + mode + "'");
                     }
                     return interpreter.wrap(inplace(op, self, other, InplaceSpelling::Method));
                 });
    noArgsMethod(type, "zero_", "fills self's memory with zeros; returns self",
                 [](Interpreter& interpreter, const ArrayPtr& self) { return interpreter.wrap(zeroInplace(self)); });
    parsedMethod(type, "fill_", "fills self's memory with value; returns self", {"fill_(Tensor value)", "fill_(Scalar value)"},
                 [](Interpreter& interpreter, const ArrayPtr& self, const TorchArgs& a) {
                     const Value value = a.index() == 0 ? Value(a.tensor("value")) : Value(a.scalar("value"));
                     return interpreter.wrap(fillInplace(self, value));
                 });
    parsedMethod(type, "copy_", "copies other's values (any dtype, broadcast) into self's memory; returns self",
                 // torch's parser for copy_ has a second, hidden signature: with two signatures, a bad call
                 // gets the "invalid combination" message rather than the single signature's.
                 {"copy_(Tensor other, bool non_blocking=False)", "copy_(Tensor other, bool non_blocking=False)|hidden"},
                 [](Interpreter& interpreter, const ArrayPtr& self, const TorchArgs& a) {
                     const Value src = a.tensorOrNumber("other");
                     if (const Scalar* number = std::get_if<Scalar>(&src))
                         return interpreter.wrap(fillInplace(self, *number));
                     return interpreter.wrap(copyInplace(self, std::get<ArrayPtr>(src)));
                 });
    parsedMethod(type, "clamp_", "clamps self's values in place; returns self",
                 {"clamp_(Tensor? min=None, Tensor? max=None)", "clamp_(Scalar? min=None, Scalar? max=None)"},
                 [](Interpreter& interpreter, const ArrayPtr& self, const TorchArgs& a) {
                     std::optional<Scalar> low, high;
                     for (const char* name : {"min", "max"}) {
                         if (!a.has(name))
                             continue;
                         if (a.index() == 0 && a.tensor(name)->numel() != 1)
                             throw pythonError("NotImplementedError", "aliasview clamps with number bounds only");
                         (std::string_view(name) == "min" ? low : high) = a.scalar(name);
                     }
                     return interpreter.wrap(clampInplace(self, low, high));
                 });
}

}  // namespace av::engine::py
