// Conversions against real PyTorch 1.13 and NumPy 1.24: every share-or-copy verdict, the layout of each
// copy, base / owndata / writeable, version counters, grad_fn, the warnings and every error.

#include "engine/arrayfactory.h"
#include "engine/autograd.h"
#include "engine/conversion.h"
#include "engine/creation.h"
#include "engine/dispatch.h"
#include "engine/warnings.h"
#include "tests/support/arrays.h"
#include "tests/support/oracle.h"
#include "tests/support/testmain.h"

using namespace av::engine;
using av::test::OracleCase;
using av::test::OracleSuite;
using av::test::Outcome;

namespace {

constexpr Flavour T = Flavour::Torch;
constexpr Flavour N = Flavour::Numpy;

// torch.arange(n, dtype=...).reshape(shape).clone() / np.arange(n, dtype=...).reshape(shape).copy(): fresh
// arrays holding 0, 1, 2, ... built without the ops under test.
ArrayPtr counting(Flavour flavour, Shape shape, DType dtype)
{
    ArrayPtr out = allocateArray(flavour, dtype, std::move(shape));
    dispatchDType(dtype, [&]<typename E>(TypeTag<E>) {
        for (std::int64_t i = 0; i < out->numel(); ++i)
            storeElement<E>(out->data() + i * out->itemsize(), convertElement<E>(static_cast<std::int64_t>(i)));
    });
    return out;
}
ArrayPtr tRange(Shape shape, DType dtype = DType::Float32) { return counting(T, std::move(shape), dtype); }
ArrayPtr nRange(Shape shape, DType dtype = DType::Float64) { return counting(N, std::move(shape), dtype); }

// A view with explicit geometry (offset in elements): t(), slices, expand, broadcast_to, .T, [::-1].
ArrayPtr view(const ArrayPtr& base, Shape sizes, Strides strides, std::int64_t offset = 0)
{
    return makeView(base, std::move(sizes), std::move(strides), offset * base->itemsize());
}

ArrayPtr gradLeaf(Shape shape)
{
    ArrayPtr out = tRange(std::move(shape));
    out->setRequiresGrad(true);
    return out;
}

// What `leaf * 2` looks like to the conversions: a non-leaf that requires grad.
ArrayPtr gradNonLeaf(Shape shape)
{
    ArrayPtr out = tRange(std::move(shape));
    out->setRequiresGrad(true);
    out->setGradFn("MulBackward0");
    return out;
}

ArrayPtr readOnly(ArrayPtr array)
{
    array->setWriteable(false);
    return array;
}

Outcome scalars(std::initializer_list<Scalar> values)
{
    return Outcome::tuple(std::vector<Value>(values.begin(), values.end()));
}

// Cases after the first one that triggers a TORCH_WARN_ONCE run, in the oracle's one process, after the
// warning was printed; the engine is told so, so that a row run on its own still agrees.
void alreadyWarned()
{
    takeTorchWarnOnce(kWarnNotWritable);
    takeTorchWarnOnce(kWarnListOfNdarrays);
}

// ---------------------------------------------------------------------------------------------------------
// Tensor.numpy() and torch.from_numpy
// ---------------------------------------------------------------------------------------------------------

std::vector<OracleCase> bridgeCases()
{
    std::vector<OracleCase> c;
    const auto add = [&](QString name, QString python, std::function<Outcome()> engine) {
        c.push_back({std::move(name), std::move(python), std::move(engine)});
    };
    const QString t23 = "src = torch.arange(6.).reshape(2, 3).clone()\n";
    const QString n23 = "src = np.arange(6.).reshape(2, 3).copy()\n";
    const QString n43 = "src = np.arange(12.).reshape(4, 3).copy()\n";

    // Tensor.numpy()
    add("numpySharesTheTensorsMemory", t23 + "r = src.numpy()", [] {
        ArrayPtr src = tRange({2, 3});
        return Outcome::of(toNumpy(src), src);
    });
    add("numpyOfGradTensorFails", "src = torch.ones(2, 3, requires_grad=True)\nr = src.numpy()",
        [] { return Outcome::of(toNumpy(gradLeaf({2, 3}))); });
    add("numpyOfGradNonLeafFails", "src = torch.ones(2, 3, requires_grad=True) * 2\nr = src.numpy()",
        [] { return Outcome::of(toNumpy(gradNonLeaf({2, 3}))); });
    add("numpyForcedOnGradTensor", "src = torch.arange(6., requires_grad=True)\nr = src.numpy(force=True)", [] {
        ArrayPtr src = gradLeaf({6});
        return Outcome::of(toNumpy(src, true), src);
    });
    add("numpyOfGradTensorUnderNoGrad", "src = torch.arange(6., requires_grad=True)\nwith torch.no_grad():\n    r = src.numpy()", [] {
        ArrayPtr src = gradLeaf({6});
        NoGradGuard guard;
        return Outcome::of(toNumpy(src), src);
    });
    add("numpyOfDetachedGradTensor", "src = torch.arange(6., requires_grad=True)\nr = src.detach().numpy()", [] {
        ArrayPtr src = gradLeaf({6});
        return Outcome::of(toNumpy(detach(src)), src);
    });
    add("numpyOfTransposeKeepsStrides", t23 + "r = src.t().numpy()", [] {
        ArrayPtr src = tRange({2, 3});
        return Outcome::of(toNumpy(view(src, {3, 2}, {1, 3})), src);
    });
    add("numpyOfSliceStartsInside", t23 + "r = src[:, 1:].numpy()", [] {
        ArrayPtr src = tRange({2, 3});
        return Outcome::of(toNumpy(view(src, {2, 2}, {3, 1}, 1)), src);
    });
    add("numpyOfHalf", "src = torch.arange(6).reshape(2, 3).to(torch.float16)\nr = src.numpy()", [] {
        ArrayPtr src = tRange({2, 3}, DType::Float16);
        return Outcome::of(toNumpy(src), src);
    });
    add("numpyOfBool", "src = torch.arange(6).reshape(2, 3).to(torch.bool)\nr = src.numpy()", [] {
        ArrayPtr src = tRange({2, 3}, DType::Bool);
        return Outcome::of(toNumpy(src), src);
    });
    add("numpyOfZeroDim", "src = torch.tensor(3.)\nr = src.numpy()", [] {
        ArrayPtr src = av::test::tensorOf<float>({}, {3});
        return Outcome::of(toNumpy(src), src);
    });
    add("numpyOfExpandedKeepsZeroStride", t23 + "r = src.expand(4, 2, 3).numpy()", [] {
        ArrayPtr src = tRange({2, 3});
        return Outcome::of(toNumpy(view(src, {4, 2, 3}, {0, 3, 1})), src);
    });
    add("numpyOfEmptyTensorAllocates", "src = torch.ones(0, 3)\nr = src.numpy()", [] {
        ArrayPtr src = tRange({0, 3});
        return Outcome::of(toNumpy(src), src);
    });
    add("numpyOfEmptySliceAllocates", "src = torch.ones(4, 3)\nr = src[:, :0].numpy()", [] {
        ArrayPtr src = tRange({4, 3});
        return Outcome::of(toNumpy(view(src, {4, 0}, {3, 1})), src);
    });
    add("numpyBaseIsADetachedAliasNotTheTensor", t23 + "r = src.numpy().base", [] {
        ArrayPtr src = tRange({2, 3});
        return Outcome::of(toNumpy(src)->base(), src);
    });
    add("numpyBaseOfForcedGradTensorDoesNotRequireGrad", "src = torch.arange(6., requires_grad=True)\nr = src.numpy(force=True).base",
        [] {
            ArrayPtr src = gradLeaf({6});
            return Outcome::of(toNumpy(src, true)->base(), src);
        });
    add("numpyBaseSharesTheVersionCounter", t23 + "src.numpy().base.add_(0)\nr = src", [] {
        ArrayPtr src = tRange({2, 3});
        toNumpy(src)->base()->bumpVersion();
        return Outcome::of(src, src);
    });
    add("detachedNumpyBaseIsNotTheSource", "A = torch.arange(6.).reshape(2, 3).clone().requires_grad_()\nsrc = A\nr = A.detach().numpy().base", [] {
        ArrayPtr a = gradLeaf({2, 3});
        return Outcome::of(toNumpy(detach(a))->base(), a);
    });

    // torch.from_numpy
    add("fromNumpyShares", n23 + "r = torch.from_numpy(src)", [] {
        ArrayPtr src = nRange({2, 3});
        return Outcome::of(fromNumpy(src), src);
    });
    add("fromNumpyOfRowSliceStartsItsStorageThere", n43 + "src = src[1:]\nr = torch.from_numpy(src)", [] {
        ArrayPtr src = view(nRange({4, 3}), {3, 3}, {3, 1}, 3);
        return Outcome::of(fromNumpy(src), src);
    });
    add("fromNumpyOfBlockSlice", n43 + "src = src[1:, 1:]\nr = torch.from_numpy(src)", [] {
        ArrayPtr src = view(nRange({4, 3}), {3, 2}, {3, 1}, 4);
        return Outcome::of(fromNumpy(src), src);
    });
    add("fromNumpyOfTranspose", n43 + "src = src.T\nr = torch.from_numpy(src)", [] {
        ArrayPtr src = view(nRange({4, 3}), {3, 4}, {1, 3});
        return Outcome::of(fromNumpy(src), src);
    });
    add("fromNumpyOfReversedFails", n43 + "r = torch.from_numpy(src[::-1])",
        [] { return Outcome::of(fromNumpy(view(nRange({4, 3}), {4, 3}, {-3, 1}, 9))); });
    add("fromNumpyOfSteppedColumns", "src = np.arange(16.).reshape(4, 4)[:, ::3]\nr = torch.from_numpy(src)", [] {
        ArrayPtr src = view(nRange({4, 4}), {4, 2}, {4, 3});
        return Outcome::of(fromNumpy(src), src);
    });
    add("fromNumpyOfDTypeView", "src = np.arange(4.).view(np.int32)\nr = torch.from_numpy(src)", [] {
        ArrayPtr src = makeView(nRange({4}), {8}, {1}, 0, DType::Int32);
        return Outcome::of(fromNumpy(src), src);
    });
    add("fromNumpyOfOddByteStart", "src = np.arange(8, dtype=np.int8)[1:7].view(np.int16)\nr = torch.from_numpy(src)", [] {
        ArrayPtr src = makeView(nRange({8}, DType::Int8), {3}, {1}, 1, DType::Int16);
        return Outcome::of(fromNumpy(src), src);
    });
    add("fromNumpyOfReadOnlyWarnsOnce", "src = np.arange(3.)\nsrc.flags.writeable = False\nr = torch.from_numpy(src)", [] {
        resetTorchWarnOnce();
        ArrayPtr src = readOnly(nRange({3}));
        return Outcome::of(fromNumpy(src), src);
    });
    add("fromNumpyOfReadOnlyWarnsOnlyOnce", "src = np.arange(3.)\nsrc.flags.writeable = False\nr = torch.from_numpy(src)", [] {
        alreadyWarned();
        ArrayPtr src = readOnly(nRange({3}));
        return Outcome::of(fromNumpy(src), src);
    });
    add("fromNumpyOfBroadcast", "src = np.broadcast_to(np.arange(3.), (2, 3))\nr = torch.from_numpy(src)", [] {
        alreadyWarned();
        ArrayPtr src = readOnly(view(nRange({3}), {2, 3}, {0, 1}));
        return Outcome::of(fromNumpy(src), src);
    });
    add("fromNumpyOfZeroDim", "src = np.array(2.5)\nr = torch.from_numpy(src)", [] {
        ArrayPtr src = av::test::ndarrayOf<double>({}, {2.5});
        return Outcome::of(fromNumpy(src), src);
    });
    add("fromNumpyOfEmpty", "src = np.ones(0)\nr = torch.from_numpy(src)", [] {
        ArrayPtr src = nRange({0});
        return Outcome::of(fromNumpy(src), src);
    });
    add("fromNumpyOfEmptySlice", "src = np.ones((4, 3))[:, :0]\nr = torch.from_numpy(src)", [] {
        ArrayPtr src = view(nRange({4, 3}), {4, 0}, {3, 1});
        return Outcome::of(fromNumpy(src), src);
    });
    add("fromNumpyOfHalf", "src = np.arange(3, dtype=np.float16)\nr = torch.from_numpy(src)", [] {
        ArrayPtr src = nRange({3}, DType::Float16);
        return Outcome::of(fromNumpy(src), src);
    });
    add("fromNumpyOfNumpyScalarFails", "r = torch.from_numpy(np.float64(2.5))", [] {
        ArrayPtr scalar = av::test::ndarrayOf<double>({}, {2.5});
        scalar->setNumpyScalar(true);
        return Outcome::of(fromNumpy(scalar));
    });
    add("fromNumpyOfNumpyBoolScalarFails", "r = torch.from_numpy(np.bool_(True))", [] {
        ArrayPtr scalar = av::test::ndarrayOf<bool>({}, {true});
        scalar->setNumpyScalar(true);
        return Outcome::of(fromNumpy(scalar));
    });
    add("fromNumpyOfTensorFails", "r = torch.from_numpy(torch.ones(3))", [] { return Outcome::of(fromNumpy(tRange({3}))); });
    add("fromNumpyStartsAFreshVersionCounter",
        "a = np.ones(3)\nt1 = torch.from_numpy(a)\nt2 = torch.from_numpy(a)\nt1.add_(0)\nr = (t1._version, t2._version)", [] {
            ArrayPtr a = nRange({3});
            ArrayPtr t1 = fromNumpy(a), t2 = fromNumpy(a);
            t1->bumpVersion();
            return scalars({t1->version(), t2->version()});
        });
    add("fromNumpyStorageStartsAtTheFirstElement",
        "src = np.ones(5)[1:4]\nt = torch.from_numpy(src)\n"
        "r = (t.storage().data_ptr() - src.__array_interface__['data'][0], t.storage().nbytes(), t.storage_offset())",
        [] {
            ArrayPtr src = view(nRange({5}), {3}, {1}, 1);
            ArrayPtr t = fromNumpy(src);
            return scalars({static_cast<std::int64_t>(t->storage()->dataPtr() - src->dataPtr()), t->storage()->nbytes(),
                            t->storageOffset()});
        });
    add("fromNumpyStorageOfBlockEndsAtTheLastElement",
        "src = np.ones((4, 3))[1:, :2]\nt = torch.from_numpy(src)\n"
        "r = (t.storage().data_ptr() - src.__array_interface__['data'][0], t.storage().nbytes(), t.storage_offset())",
        [] {
            ArrayPtr src = view(nRange({4, 3}), {3, 2}, {3, 1}, 3);
            ArrayPtr t = fromNumpy(src);
            return scalars({static_cast<std::int64_t>(t->storage()->dataPtr() - src->dataPtr()), t->storage()->nbytes(),
                            t->storageOffset()});
        });
    add("fromNumpyOfANumpyViewOfATensorSharesTheTensorsBuffer",
        "src = torch.arange(6.)\nr = torch.from_numpy(src.numpy()[2:])", [] {
            ArrayPtr src = tRange({6});
            return Outcome::of(fromNumpy(view(toNumpy(src), {4}, {1}, 2)), src);
        });

    // The seed's program: B = A.detach().numpy(); C = torch.from_numpy(B); D = torch.tensor(B).
    add("seedFromNumpySharesWithA", "A = torch.arange(6.).reshape(2, 3).clone()\nsrc = A\nB = A.detach().numpy()\nr = torch.from_numpy(B)", [] {
        ArrayPtr a = tRange({2, 3});
        return Outcome::of(fromNumpy(toNumpy(detach(a))), a);
    });
    add("seedTensorOfBCopies", "A = torch.arange(6.).reshape(2, 3).clone()\nsrc = A\nB = A.detach().numpy()\nr = torch.tensor(B)", [] {
        ArrayPtr a = tRange({2, 3});
        return Outcome::of(torchTensorFromArray(toNumpy(detach(a))), a);
    });
    return c;
}

// ---------------------------------------------------------------------------------------------------------
// torch.tensor / torch.as_tensor / np.array / np.asarray of arrays
// ---------------------------------------------------------------------------------------------------------

std::vector<OracleCase> constructorCases()
{
    std::vector<OracleCase> c;
    const auto add = [&](QString name, QString python, std::function<Outcome()> engine) {
        c.push_back({std::move(name), std::move(python), std::move(engine)});
    };
    const QString t23 = "src = torch.arange(6.).reshape(2, 3).clone()\n";
    const QString n23 = "src = np.arange(6.).reshape(2, 3).copy()\n";

    // torch.tensor(ndarray): tensor_from_numpy, then a copy in preserve_format.
    add("tensorOfNdarrayCopies", n23 + "r = torch.tensor(src)", [] {
        ArrayPtr src = nRange({2, 3});
        return Outcome::of(torchTensorFromArray(src), src);
    });
    add("tensorOfTransposedNdarrayKeepsLayout", n23 + "src = src.T\nr = torch.tensor(src)", [] {
        ArrayPtr src = view(nRange({2, 3}), {3, 2}, {1, 3});
        return Outcome::of(torchTensorFromArray(src), src);
    });
    add("tensorOfSteppedNdarrayIsDense", n23 + "src = src[:, ::2]\nr = torch.tensor(src)", [] {
        ArrayPtr src = view(nRange({2, 3}), {2, 2}, {3, 2});
        return Outcome::of(torchTensorFromArray(src), src);
    });
    add("tensorOfReversedNdarrayFails", n23 + "r = torch.tensor(src[::-1])",
        [] { return Outcome::of(torchTensorFromArray(view(nRange({2, 3}), {2, 3}, {-3, 1}, 3))); });
    add("tensorOfBroadcastIsContiguousAndSilent", "src = np.broadcast_to(np.arange(3.), (2, 3))\nr = torch.tensor(src)", [] {
        ArrayPtr src = readOnly(view(nRange({3}), {2, 3}, {0, 1}));
        return Outcome::of(torchTensorFromArray(src), src);
    });
    add("tensorOfNdarrayWithDType", n23 + "r = torch.tensor(src, dtype=torch.int32)", [] {
        ArrayPtr src = nRange({2, 3});
        return Outcome::of(torchTensorFromArray(src, DType::Int32), src);
    });
    add("tensorOfTransposedNdarrayWithDType", n23 + "src = src.T\nr = torch.tensor(src, dtype=torch.int32)", [] {
        ArrayPtr src = view(nRange({2, 3}), {3, 2}, {1, 3});
        return Outcome::of(torchTensorFromArray(src, DType::Int32), src);
    });
    add("tensorOfNdarrayRequiresGrad", n23 + "r = torch.tensor(src, requires_grad=True)",
        [] {
            ArrayPtr src = nRange({2, 3});
            return Outcome::of(torchTensorFromArray(src, std::nullopt, Device::cpu(), true), src);
        });
    add("tensorOfIntNdarrayRequiresGradFails", "r = torch.tensor(np.arange(6), requires_grad=True)",
        [] { return Outcome::of(torchTensorFromArray(nRange({6}, DType::Int64), std::nullopt, Device::cpu(), true)); });
    add("tensorOfReadOnlyNdarrayDoesNotWarn", "src = np.arange(6.)\nsrc.flags.writeable = False\nr = torch.tensor(src)", [] {
        resetTorchWarnOnce();
        ArrayPtr src = readOnly(nRange({6}));
        return Outcome::of(torchTensorFromArray(src), src);
    });
    add("tensorOfZeroDimNdarray", "r = torch.tensor(np.array(2.5))",
        [] { return Outcome::of(torchTensorFromArray(av::test::ndarrayOf<double>({}, {2.5}))); });
    add("tensorOfNumpyFloat32Scalar", "r = torch.tensor(np.float32(2.5))", [] {
        ArrayPtr scalar = av::test::ndarrayOf<float>({}, {2.5f});
        scalar->setNumpyScalar(true);
        return Outcome::of(arrayFromData(T, NestedList(scalar)));
    });
    add("tensorOfNdarrayOnCudaFails", "r = torch.tensor(np.arange(3.), device='cuda')",
        [] { return Outcome::of(torchTensorFromArray(nRange({3}), std::nullopt, Device::cuda(0))); });

    // torch.tensor(tensor): the warning, a detached copy.
    add("tensorOfTensorWarnsAndCopies", t23 + "r = torch.tensor(src)", [] {
        ArrayPtr src = tRange({2, 3});
        return Outcome::of(torchTensorFromArray(src), src);
    });
    add("tensorOfTransposedTensorKeepsLayout", t23 + "src = src.t()\nr = torch.tensor(src)", [] {
        ArrayPtr src = view(tRange({2, 3}), {3, 2}, {1, 3});
        return Outcome::of(torchTensorFromArray(src), src);
    });
    add("tensorOfSteppedTensorIsDense", t23 + "src = src[:, ::2]\nr = torch.tensor(src)", [] {
        ArrayPtr src = view(tRange({2, 3}), {2, 2}, {3, 2});
        return Outcome::of(torchTensorFromArray(src), src);
    });
    add("tensorOfTensorWithDType", t23 + "r = torch.tensor(src, dtype=torch.int64)", [] {
        ArrayPtr src = tRange({2, 3});
        return Outcome::of(torchTensorFromArray(src, DType::Int64), src);
    });
    add("tensorOfGradTensorIsDetached", "src = torch.arange(6., requires_grad=True)\nr = torch.tensor(src)", [] {
        ArrayPtr src = gradLeaf({6});
        return Outcome::of(torchTensorFromArray(src), src);
    });
    add("tensorOfGradTensorWithRequiresGradIsALeaf", "src = torch.arange(6.).reshape(2, 3).clone().requires_grad_() * 1\nr = torch.tensor(src, requires_grad=True)",
        [] {
            ArrayPtr src = gradNonLeaf({2, 3});
            return Outcome::of(torchTensorFromArray(src, std::nullopt, Device::cpu(), true), src);
        });
    add("tensorOfIntTensorRequiresGradFails", "r = torch.tensor(torch.arange(6), requires_grad=True)",
        [] { return Outcome::of(torchTensorFromArray(tRange({6}, DType::Int64), std::nullopt, Device::cpu(), true)); });
    add("tensorOfFloatTensorAsUint8", "src = torch.tensor([300., -1.5, 2.7, float('nan')])\nr = torch.tensor(src, dtype=torch.uint8)", [] {
        ArrayPtr src = av::test::tensorOf<float>({4}, {300.f, -1.5f, 2.7f, NAN});
        return Outcome::of(torchTensorFromArray(src, DType::UInt8), src);
    });
    add("tensorOfTensorStartsItsOwnVersion", t23 + "src.add_(0)\nr = torch.tensor(src)", [] {
        ArrayPtr src = tRange({2, 3});
        src->bumpVersion();
        return Outcome::of(torchTensorFromArray(src), src);
    });

    // torch.as_tensor
    add("asTensorOfTensorIsTheTensor", t23 + "r = torch.as_tensor(src)", [] {
        ArrayPtr src = tRange({2, 3});
        return Outcome::of(asTensor(src), src);
    });
    add("asTensorOfTensorWithItsDTypeIsTheTensor", t23 + "r = torch.as_tensor(src, dtype=torch.float32)", [] {
        ArrayPtr src = tRange({2, 3});
        return Outcome::of(asTensor(src, DType::Float32), src);
    });
    add("asTensorOfTensorWithOtherDTypeCopies", t23 + "r = torch.as_tensor(src, dtype=torch.float64)", [] {
        ArrayPtr src = tRange({2, 3});
        return Outcome::of(asTensor(src, DType::Float64), src);
    });
    add("asTensorOfGradTensorIsTheTensor", "src = torch.arange(6., requires_grad=True)\nr = torch.as_tensor(src)", [] {
        ArrayPtr src = gradLeaf({6});
        return Outcome::of(asTensor(src), src);
    });
    add("asTensorOfGradTensorConvertsDifferentiably", "src = torch.arange(6., requires_grad=True)\nr = torch.as_tensor(src, dtype=torch.float64)",
        [] {
            ArrayPtr src = gradLeaf({6});
            return Outcome::of(asTensor(src, DType::Float64), src);
        });
    add("asTensorOfNdarrayShares", n23 + "r = torch.as_tensor(src)", [] {
        ArrayPtr src = nRange({2, 3});
        return Outcome::of(asTensor(src), src);
    });
    add("asTensorOfNdarraySliceShares", n23 + "src = src[1:]\nr = torch.as_tensor(src)", [] {
        ArrayPtr src = view(nRange({2, 3}), {1, 3}, {3, 1}, 3);
        return Outcome::of(asTensor(src), src);
    });
    add("asTensorOfNdarrayWithOtherDTypeCopies", n23 + "r = torch.as_tensor(src, dtype=torch.float32)", [] {
        ArrayPtr src = nRange({2, 3});
        return Outcome::of(asTensor(src, DType::Float32), src);
    });
    add("asTensorOfTransposedNdarrayWithOtherDType", n23 + "src = src.T\nr = torch.as_tensor(src, dtype=torch.float32)", [] {
        ArrayPtr src = view(nRange({2, 3}), {3, 2}, {1, 3});
        return Outcome::of(asTensor(src, DType::Float32), src);
    });
    add("asTensorOfReversedNdarrayFails", "r = torch.as_tensor(np.arange(6.)[::-1])",
        [] { return Outcome::of(asTensor(view(nRange({6}), {6}, {-1}, 5))); });
    add("asTensorOfReadOnlyNdarrayWarns", "src = np.arange(6.)\nsrc.flags.writeable = False\nr = torch.as_tensor(src)", [] {
        resetTorchWarnOnce();
        ArrayPtr src = readOnly(nRange({6}));
        return Outcome::of(asTensor(src), src);
    });
    add("asTensorOnCudaFails", "r = torch.as_tensor(np.arange(6.), device='cuda')",
        [] { return Outcome::of(asTensor(nRange({6}), std::nullopt, Device::cuda(0))); });
    add("asTensorOfNumpyScalarCopies", "r = torch.as_tensor(np.float32(2.5))", [] {
        ArrayPtr scalar = av::test::ndarrayOf<float>({}, {2.5f});
        scalar->setNumpyScalar(true);
        return Outcome::of(asTensor(scalar));
    });

    // np.array / np.asarray
    add("arrayOfNdarrayCopies", n23 + "r = np.array(src)", [] {
        ArrayPtr src = nRange({2, 3});
        return Outcome::of(numpyArrayFromArray(src), src);
    });
    add("arrayOfTransposeKeepsOrder", n23 + "src = src.T\nr = np.array(src)", [] {
        ArrayPtr src = view(nRange({2, 3}), {3, 2}, {1, 3});
        return Outcome::of(numpyArrayFromArray(src), src);
    });
    add("arrayOfSteppedIsCompact", n23 + "src = src[:, ::2]\nr = np.array(src)", [] {
        ArrayPtr src = view(nRange({2, 3}), {2, 2}, {3, 2});
        return Outcome::of(numpyArrayFromArray(src), src);
    });
    add("arrayOfReversedIsForward", n23 + "src = src[::-1]\nr = np.array(src)", [] {
        ArrayPtr src = view(nRange({2, 3}), {2, 3}, {-3, 1}, 3);
        return Outcome::of(numpyArrayFromArray(src), src);
    });
    add("arrayOfPermutedReversedKeepsOrder", "src = np.arange(12.).reshape(2, 3, 2).transpose(1, 0, 2)[::-1]\nr = np.array(src)", [] {
        ArrayPtr src = view(nRange({2, 3, 2}), {3, 2, 2}, {-2, 6, 1}, 4);
        return Outcome::of(numpyArrayFromArray(src), src);
    });
    add("arrayWithoutCopyIsTheArray", n23 + "r = np.array(src, copy=False)", [] {
        ArrayPtr src = nRange({2, 3});
        return Outcome::of(numpyArrayFromArray(src, std::nullopt, false), src);
    });
    add("arrayWithoutCopyButOtherDTypeCopies", n23 + "r = np.array(src, dtype=np.float32, copy=False)", [] {
        ArrayPtr src = nRange({2, 3});
        return Outcome::of(numpyArrayFromArray(src, DType::Float32, false), src);
    });
    add("arrayWithoutCopyAndSameDTypeIsTheArray", n23 + "r = np.array(src, dtype=np.float64, copy=False)", [] {
        ArrayPtr src = nRange({2, 3});
        return Outcome::of(numpyArrayFromArray(src, DType::Float64, false), src);
    });
    add("arrayWithoutCopyInCOrderCopiesATranspose", n23 + "src = src.T\nr = np.array(src, copy=False, order='C')", [] {
        ArrayPtr src = view(nRange({2, 3}), {3, 2}, {1, 3});
        return Outcome::of(numpyArrayFromArray(src, std::nullopt, false, MemoryOrder::C), src);
    });
    add("arrayInFortranOrder", n23 + "r = np.array(src, order='F')", [] {
        ArrayPtr src = nRange({2, 3});
        return Outcome::of(numpyArrayFromArray(src, std::nullopt, true, MemoryOrder::F), src);
    });
    add("arrayWithInt8DType", n23 + "r = np.array(src, dtype=np.int8)", [] {
        ArrayPtr src = nRange({2, 3});
        return Outcome::of(numpyArrayFromArray(src, DType::Int8), src);
    });
    add("arrayOfReadOnlyIsWriteable", "src = np.arange(6.)\nsrc.flags.writeable = False\nr = np.array(src)", [] {
        ArrayPtr src = readOnly(nRange({6}));
        return Outcome::of(numpyArrayFromArray(src), src);
    });
    add("arrayOfReadOnlyWithoutCopyStaysReadOnly", "src = np.arange(6.)\nsrc.flags.writeable = False\nr = np.array(src, copy=False)", [] {
        ArrayPtr src = readOnly(nRange({6}));
        return Outcome::of(numpyArrayFromArray(src, std::nullopt, false), src);
    });
    add("arrayOfTensorCopies", t23 + "r = np.array(src)", [] {
        ArrayPtr src = tRange({2, 3});
        return Outcome::of(numpyArrayFromArray(src), src);
    });
    add("arrayOfTransposedTensorKeepsOrder", t23 + "src = src.t()\nr = np.array(src)", [] {
        ArrayPtr src = view(tRange({2, 3}), {3, 2}, {1, 3});
        return Outcome::of(numpyArrayFromArray(src), src);
    });
    add("arrayOfTensorWithoutCopyShares", t23 + "r = np.array(src, copy=False)", [] {
        ArrayPtr src = tRange({2, 3});
        return Outcome::of(numpyArrayFromArray(src, std::nullopt, false), src);
    });
    add("arrayOfTensorWithDType", t23 + "r = np.array(src, dtype=np.float64)", [] {
        ArrayPtr src = tRange({2, 3});
        return Outcome::of(numpyArrayFromArray(src, DType::Float64), src);
    });
    add("arrayOfGradTensorFails", "r = np.array(torch.arange(6., requires_grad=True))",
        [] { return Outcome::of(numpyArrayFromArray(gradLeaf({6}))); });
    add("arrayOfNumpyScalar", "r = np.array(np.float32(2.5))", [] {
        ArrayPtr scalar = av::test::ndarrayOf<float>({}, {2.5f});
        scalar->setNumpyScalar(true);
        return Outcome::of(numpyArrayFromArray(scalar));
    });
    add("asarrayOfTensorShares", t23 + "r = np.asarray(src)", [] {
        ArrayPtr src = tRange({2, 3});
        return Outcome::of(asarray(src), src);
    });
    add("asarrayOfTransposedTensorShares", t23 + "src = src.t()\nr = np.asarray(src)", [] {
        ArrayPtr src = view(tRange({2, 3}), {3, 2}, {1, 3});
        return Outcome::of(asarray(src), src);
    });
    add("asarrayOfTensorWithOtherDTypeCopies", t23 + "r = np.asarray(src, dtype=np.float64)", [] {
        ArrayPtr src = tRange({2, 3});
        return Outcome::of(asarray(src, DType::Float64), src);
    });
    add("asarrayOfTensorWithItsDTypeShares", t23 + "r = np.asarray(src, dtype=np.float32)", [] {
        ArrayPtr src = tRange({2, 3});
        return Outcome::of(asarray(src, DType::Float32), src);
    });
    add("asarrayOfGradTensorFails", "r = np.asarray(torch.arange(6., requires_grad=True))",
        [] { return Outcome::of(asarray(gradLeaf({6}))); });
    add("asarrayOfGradTensorUnderNoGrad", "src = torch.arange(6., requires_grad=True)\nwith torch.no_grad():\n    r = np.asarray(src)", [] {
        ArrayPtr src = gradLeaf({6});
        NoGradGuard guard;
        return Outcome::of(asarray(src), src);
    });
    add("asarrayOfNdarrayIsTheArray", n23 + "r = np.asarray(src)", [] {
        ArrayPtr src = nRange({2, 3});
        return Outcome::of(asarray(src), src);
    });
    add("asarrayWithItsDTypeIsTheArray", n23 + "r = np.asarray(src, dtype=np.float64)", [] {
        ArrayPtr src = nRange({2, 3});
        return Outcome::of(asarray(src, DType::Float64), src);
    });
    add("asarrayWithOtherDTypeCopies", n23 + "r = np.asarray(src, dtype=np.float32)", [] {
        ArrayPtr src = nRange({2, 3});
        return Outcome::of(asarray(src, DType::Float32), src);
    });
    add("asarrayOfSteppedWithOtherDType", "src = np.arange(6.)[::2]\nr = np.asarray(src, dtype=np.float32)", [] {
        ArrayPtr src = view(nRange({6}), {3}, {2});
        return Outcome::of(asarray(src, DType::Float32), src);
    });
    add("asarrayOfReadOnlyIsTheArray", "src = np.arange(6.)\nsrc.flags.writeable = False\nr = np.asarray(src)", [] {
        ArrayPtr src = readOnly(nRange({6}));
        return Outcome::of(asarray(src), src);
    });
    add("asarrayOfList", "r = np.asarray([1, 2])", [] { return Outcome::of(arrayFromData(N, {1, 2})); });
    return c;
}

// ---------------------------------------------------------------------------------------------------------
// ndarray.copy / astype and Tensor.to
// ---------------------------------------------------------------------------------------------------------

std::vector<OracleCase> castCases()
{
    std::vector<OracleCase> c;
    const auto add = [&](QString name, QString python, std::function<Outcome()> engine) {
        c.push_back({std::move(name), std::move(python), std::move(engine)});
    };
    const QString t23 = "src = torch.arange(6.).reshape(2, 3).clone()\n";
    const QString n23 = "src = np.arange(6.).reshape(2, 3).copy()\n";
    const QString permuted = "src = np.arange(12.).reshape(2, 3, 2).transpose(1, 0, 2)[::-1]\n";
    const auto permutedSource = [] { return view(nRange({2, 3, 2}), {3, 2, 2}, {-2, 6, 1}, 4); };
    const auto transposed = [] { return view(nRange({2, 3}), {3, 2}, {1, 3}); };
    const auto reversed = [] { return view(nRange({2, 3}), {2, 3}, {-3, 1}, 3); };

    // ndarray.copy()
    add("copyIsCContiguous", n23 + "r = src.copy()", [] {
        ArrayPtr src = nRange({2, 3});
        return Outcome::of(ndarrayCopy(src), src);
    });
    add("copyOfTransposeIsCContiguous", n23 + "src = src.T\nr = src.copy()", [=] {
        ArrayPtr src = transposed();
        return Outcome::of(ndarrayCopy(src), src);
    });
    add("copyOfReversed", n23 + "src = src[::-1]\nr = src.copy()", [=] {
        ArrayPtr src = reversed();
        return Outcome::of(ndarrayCopy(src), src);
    });
    add("copyOfPermuted", permuted + "r = src.copy()", [=] {
        ArrayPtr src = permutedSource();
        return Outcome::of(ndarrayCopy(src), src);
    });
    add("copyInFortranOrder", n23 + "r = src.copy(order='F')", [] {
        ArrayPtr src = nRange({2, 3});
        return Outcome::of(ndarrayCopy(src, MemoryOrder::F), src);
    });
    add("copyInAnyOrderOfTransposeIsFortran", n23 + "src = src.T\nr = src.copy(order='A')", [=] {
        ArrayPtr src = transposed();
        return Outcome::of(ndarrayCopy(src, MemoryOrder::A), src);
    });
    add("copyKeepingOrderOfPermuted", permuted + "r = src.copy(order='K')", [=] {
        ArrayPtr src = permutedSource();
        return Outcome::of(ndarrayCopy(src, MemoryOrder::K), src);
    });
    add("copyOfReadOnlyIsWriteable", "src = np.arange(6.)\nsrc.flags.writeable = False\nr = src.copy()", [] {
        ArrayPtr src = readOnly(nRange({6}));
        return Outcome::of(ndarrayCopy(src), src);
    });
    add("copyOfEmptyHasZeroStrides", "src = np.ones((3, 4))[:, :0]\nr = src.copy()", [] {
        ArrayPtr src = view(nRange({3, 4}), {3, 0}, {4, 1});
        return Outcome::of(ndarrayCopy(src), src);
    });
    add("copyOfViewOfTensor", t23 + "r = src.numpy().copy()", [] {
        ArrayPtr src = tRange({2, 3});
        return Outcome::of(ndarrayCopy(toNumpy(src)), src);
    });
    add("copyOfNumpyScalarIsAScalar", "r = np.float32(2.5).copy()", [] {
        ArrayPtr scalar = av::test::ndarrayOf<float>({}, {2.5f});
        scalar->setNumpyScalar(true);
        return Outcome::of(ndarrayCopy(scalar));
    });

    // ndarray.astype()
    add("astypeKeepsTransposedOrder", n23 + "src = src.T\nr = src.astype(np.float32)", [=] {
        ArrayPtr src = transposed();
        return Outcome::of(astype(src, DType::Float32), src);
    });
    add("astypeToSameDTypeCopies", n23 + "src = src.T\nr = src.astype(np.float64)", [=] {
        ArrayPtr src = transposed();
        return Outcome::of(astype(src, DType::Float64), src);
    });
    add("astypeWithoutCopyIsTheArray", n23 + "src = src.T\nr = src.astype(np.float64, copy=False)", [=] {
        ArrayPtr src = transposed();
        return Outcome::of(astype(src, DType::Float64, false), src);
    });
    add("astypeWithoutCopyOfReversedIsTheArray", n23 + "src = src[::-1]\nr = src.astype(np.float64, copy=False)", [=] {
        ArrayPtr src = reversed();
        return Outcome::of(astype(src, DType::Float64, false), src);
    });
    add("astypeWithoutCopyButOtherDTypeCopies", n23 + "r = src.astype(np.int32, copy=False)", [] {
        ArrayPtr src = nRange({2, 3});
        return Outcome::of(astype(src, DType::Int32, false), src);
    });
    add("astypeOfSteppedIsCompact", n23 + "src = src[:, ::2]\nr = src.astype(np.float32)", [] {
        ArrayPtr src = view(nRange({2, 3}), {2, 2}, {3, 2});
        return Outcome::of(astype(src, DType::Float32), src);
    });
    add("astypeOfReversedIsForward", n23 + "src = src[::-1]\nr = src.astype(np.float32)", [=] {
        ArrayPtr src = reversed();
        return Outcome::of(astype(src, DType::Float32), src);
    });
    add("astypeOfDoublyReversedTranspose", n23 + "src = src[::-1, ::-1].T\nr = src.astype(np.float32)", [] {
        ArrayPtr src = view(nRange({2, 3}), {3, 2}, {-1, -3}, 5);
        return Outcome::of(astype(src, DType::Float32), src);
    });
    add("astypeOfPermuted", permuted + "r = src.astype(np.float32)", [=] {
        ArrayPtr src = permutedSource();
        return Outcome::of(astype(src, DType::Float32), src);
    });
    add("astypeInCOrder", n23 + "src = src.T\nr = src.astype(np.int16, order='C')", [=] {
        ArrayPtr src = transposed();
        return Outcome::of(astype(src, DType::Int16, true, MemoryOrder::C), src);
    });
    add("astypeNanToIntWarns", "src = np.array([np.nan, 1.5, -2.5])\nr = src.astype(np.int64)", [] {
        ArrayPtr src = av::test::ndarrayOf<double>({3}, {NAN, 1.5, -2.5});
        return Outcome::of(astype(src, DType::Int64), src);
    });
    add("astypeOutOfInt32RangeWarns", "src = np.array([300.0, 3e9])\nr = src.astype(np.uint8)", [] {
        ArrayPtr src = av::test::ndarrayOf<double>({2}, {300.0, 3e9});
        return Outcome::of(astype(src, DType::UInt8), src);
    });
    add("astypeWithinInt32RangeWrapsSilently", "src = np.array([300.0, -1.0, 1e9])\nr = src.astype(np.int8)", [] {
        ArrayPtr src = av::test::ndarrayOf<double>({3}, {300.0, -1.0, 1e9});
        return Outcome::of(astype(src, DType::Int8), src);
    });
    add("astypeFloat32NanToInt16Warns", "src = np.array([np.nan, 2], dtype=np.float32)\nr = src.astype(np.int16)", [] {
        ArrayPtr src = av::test::ndarrayOf<float>({2}, {NAN, 2});
        return Outcome::of(astype(src, DType::Int16), src);
    });
    add("astypeHalfInfinityToInt8Warns", "src = np.array([np.inf, 2], dtype=np.float16)\nr = src.astype(np.int8)", [] {
        ArrayPtr src = av::test::ndarrayOf<Half>({2}, {Half(INFINITY), Half(2.0f)});
        return Outcome::of(astype(src, DType::Int8), src);
    });
    add("astypeToFloat32OverflowWarns", "src = np.array([1e300, 1.0, np.inf])\nr = src.astype(np.float32)", [] {
        ArrayPtr src = av::test::ndarrayOf<double>({3}, {1e300, 1.0, INFINITY});
        return Outcome::of(astype(src, DType::Float32), src);
    });
    add("astypeInfinityToFloat32IsSilent", "src = np.array([np.inf, np.nan, 1e-50])\nr = src.astype(np.float32)", [] {
        ArrayPtr src = av::test::ndarrayOf<double>({3}, {INFINITY, NAN, 1e-50});
        return Outcome::of(astype(src, DType::Float32), src);
    });
    add("astypeToHalfOverflowWarns", "src = np.array([70000.0, 65519.0])\nr = src.astype(np.float16)", [] {
        ArrayPtr src = av::test::ndarrayOf<double>({2}, {70000.0, 65519.0});
        return Outcome::of(astype(src, DType::Float16), src);
    });
    add("astypeIntToHalfOverflowWarns", "src = np.array([70000, 3])\nr = src.astype(np.float16)", [] {
        ArrayPtr src = av::test::ndarrayOf<std::int64_t>({2}, {70000, 3});
        return Outcome::of(astype(src, DType::Float16), src);
    });
    add("astypeNanToBoolIsTrue", "src = np.array([np.nan, 0.0])\nr = src.astype(np.bool_)", [] {
        ArrayPtr src = av::test::ndarrayOf<double>({2}, {NAN, 0.0});
        return Outcome::of(astype(src, DType::Bool), src);
    });
    add("astypeWithoutCopyOfReadOnlyIsTheArray", "src = np.arange(6.)\nsrc.flags.writeable = False\nr = src.astype(np.float64, copy=False)",
        [] {
            ArrayPtr src = readOnly(nRange({6}));
            return Outcome::of(astype(src, DType::Float64, false), src);
        });
    add("astypeOfNumpyScalarIsAScalar", "r = np.float32(2.5).astype(np.int8)", [] {
        ArrayPtr scalar = av::test::ndarrayOf<float>({}, {2.5f});
        scalar->setNumpyScalar(true);
        return Outcome::of(astype(scalar, DType::Int8));
    });

    // Tensor.to and its shorthands
    const auto to = [](DType dtype) {
        return [dtype] {
            ArrayPtr src = tRange({2, 3});
            return Outcome::of(tensorTo(src, dtype), src);
        };
    };
    const auto toFromGrad = [](DType dtype) {
        return [dtype] {
            ArrayPtr src = gradLeaf({2, 3});
            return Outcome::of(tensorTo(src, dtype), src);
        };
    };
    add("cpuIsTheTensor", t23 + "r = src.cpu()", [] {
        ArrayPtr src = tRange({2, 3});
        return Outcome::of(tensorTo(src, std::nullopt, Device::cpu()), src);
    });
    add("floatOfFloatIsTheTensor", t23 + "r = src.float()", to(DType::Float32));
    add("doubleCopies", t23 + "r = src.double()", to(DType::Float64));
    add("halfCopies", t23 + "r = src.half()", to(DType::Float16));
    add("intCopies", t23 + "r = src.int()", to(DType::Int32));
    add("longCopies", t23 + "r = src.long()", to(DType::Int64));
    add("boolCopies", t23 + "r = src.bool()", to(DType::Bool));
    add("doubleOfGradTensorRecordsToCopy", "src = torch.arange(6.).reshape(2, 3).clone().requires_grad_()\nr = src.double()",
        toFromGrad(DType::Float64));
    add("floatOfGradTensorIsTheTensor", "src = torch.arange(6.).reshape(2, 3).clone().requires_grad_()\nr = src.float()",
        toFromGrad(DType::Float32));
    add("halfOfGradTensorRecordsToCopy", "src = torch.arange(6.).reshape(2, 3).clone().requires_grad_()\nr = src.half()",
        toFromGrad(DType::Float16));
    add("intOfGradTensorHasNoGradient", "src = torch.arange(6.).reshape(2, 3).clone().requires_grad_()\nr = src.int()",
        toFromGrad(DType::Int32));
    add("longOfGradTensorHasNoGradient", "src = torch.arange(6.).reshape(2, 3).clone().requires_grad_()\nr = src.long()",
        toFromGrad(DType::Int64));
    add("boolOfGradTensorHasNoGradient", "src = torch.arange(6.).reshape(2, 3).clone().requires_grad_()\nr = src.bool()",
        toFromGrad(DType::Bool));
    add("doubleOfGradNonLeafRecordsToCopy", "src = torch.arange(6.).reshape(2, 3).clone().requires_grad_() * 1\nr = src.double()", [] {
        ArrayPtr src = gradNonLeaf({2, 3});
        return Outcome::of(tensorTo(src, DType::Float64), src);
    });
    add("doubleUnderNoGradHasNoGradient", "src = torch.arange(6., requires_grad=True)\nwith torch.no_grad():\n    r = src.double()", [] {
        ArrayPtr src = gradLeaf({6});
        NoGradGuard guard;
        return Outcome::of(tensorTo(src, DType::Float64), src);
    });
    add("doubleOfTransposeKeepsLayout", t23 + "src = src.t()\nr = src.double()", [] {
        ArrayPtr src = view(tRange({2, 3}), {3, 2}, {1, 3});
        return Outcome::of(tensorTo(src, DType::Float64), src);
    });
    add("doubleOfSteppedRowsIsDense", "src = torch.arange(12.).reshape(4, 3).clone()[::2]\nr = src.double()", [] {
        ArrayPtr src = view(tRange({4, 3}), {2, 3}, {6, 1});
        return Outcome::of(tensorTo(src, DType::Float64), src);
    });
    add("doubleOfSlicedTransposeKeepsDimOrder", "src = torch.arange(12.).reshape(4, 3).clone().t()[:, 1:3]\nr = src.double()", [] {
        ArrayPtr src = view(tRange({4, 3}), {3, 2}, {1, 3}, 3);
        return Outcome::of(tensorTo(src, DType::Float64), src);
    });
    add("doubleOfExpandedIsContiguous", t23 + "src = src.expand(2, 2, 3)\nr = src.double()", [] {
        ArrayPtr src = view(tRange({2, 3}), {2, 2, 3}, {0, 3, 1});
        return Outcome::of(tensorTo(src, DType::Float64), src);
    });
    add("doubleOfSliceStartsAtZero", "src = torch.arange(12.).reshape(4, 3).clone()[1:]\nr = src.double()", [] {
        ArrayPtr src = view(tRange({4, 3}), {3, 3}, {3, 1}, 3);
        return Outcome::of(tensorTo(src, DType::Float64), src);
    });
    add("toSameDTypeIsTheTensor", t23 + "r = src.to(torch.float32)", to(DType::Float32));
    add("toSameDTypeWithCopyCopies", t23 + "r = src.to(torch.float32, copy=True)", [] {
        ArrayPtr src = tRange({2, 3});
        return Outcome::of(tensorTo(src, DType::Float32, std::nullopt, true), src);
    });
    add("toWithCopyOfTransposeKeepsLayout", t23 + "src = src.t()\nr = src.to(torch.float32, copy=True)", [] {
        ArrayPtr src = view(tRange({2, 3}), {3, 2}, {1, 3});
        return Outcome::of(tensorTo(src, DType::Float32, std::nullopt, true), src);
    });
    add("toWithCopyOfGradTensorRecordsToCopy", "src = torch.arange(6., requires_grad=True)\nr = src.to(torch.float32, copy=True)", [] {
        ArrayPtr src = gradLeaf({6});
        return Outcome::of(tensorTo(src, DType::Float32, std::nullopt, true), src);
    });
    add("toCpuIsTheTensor", t23 + "r = src.to('cpu')", [] {
        ArrayPtr src = tRange({2, 3});
        return Outcome::of(tensorTo(src, std::nullopt, Device::cpu()), src);
    });
    add("toCudaFails", t23 + "r = src.to('cuda')", [] { return Outcome::of(tensorTo(tRange({2, 3}), std::nullopt, Device::cuda(0))); });
    add("toInt8", t23 + "r = src.to(torch.int8)", to(DType::Int8));
    add("toUint8FromFloatsUsesTorchsCast", "src = torch.tensor([300., -1.5, 2.7, -300., float('nan')])\nr = src.to(torch.uint8)", [] {
        ArrayPtr src = av::test::tensorOf<float>({5}, {300.f, -1.5f, 2.7f, -300.f, NAN});
        return Outcome::of(tensorTo(src, DType::UInt8), src);
    });
    add("toHalfFromDoubleRoundsTwice", "src = torch.tensor([1 + 2**-11 + 2**-40], dtype=torch.float64)\nr = src.half()", [] {
        ArrayPtr src = av::test::tensorOf<double>({1}, {1.0 + std::ldexp(1.0, -11) + std::ldexp(1.0, -40)});
        return Outcome::of(tensorTo(src, DType::Float16), src);
    });
    return c;
}

// ---------------------------------------------------------------------------------------------------------
// detach, .data, requires_grad_ and version counters
// ---------------------------------------------------------------------------------------------------------

std::vector<OracleCase> autogradCases()
{
    std::vector<OracleCase> c;
    const auto add = [&](QString name, QString python, std::function<Outcome()> engine) {
        c.push_back({std::move(name), std::move(python), std::move(engine)});
    };
    const QString t23 = "src = torch.arange(6.).reshape(2, 3).clone()\n";

    add("detachShares", t23 + "r = src.detach()", [] {
        ArrayPtr src = tRange({2, 3});
        return Outcome::of(detach(src), src);
    });
    add("detachOfGradLeaf", "src = torch.arange(6., requires_grad=True)\nr = src.detach()", [] {
        ArrayPtr src = gradLeaf({6});
        return Outcome::of(detach(src), src);
    });
    add("detachOfGradNonLeaf", "src = torch.arange(6.).reshape(2, 3).clone().requires_grad_() * 1\nr = src.detach()", [] {
        ArrayPtr src = gradNonLeaf({2, 3});
        return Outcome::of(detach(src), src);
    });
    add("detachOfViewIsNotAView", "src = torch.arange(12.).reshape(4, 3).clone()[1:]\nr = src.detach()", [] {
        ArrayPtr src = view(tRange({4, 3}), {3, 3}, {3, 1}, 3);
        return Outcome::of(detach(src), src);
    });
    add("detachSharesTheVersionCounter", t23 + "d = src.detach()\nd.add_(0)\nr = src", [] {
        ArrayPtr src = tRange({2, 3});
        detach(src)->bumpVersion();
        return Outcome::of(src, src);
    });
    add("detachSeesTheSourcesVersion", t23 + "src.add_(0)\nsrc.add_(0)\nr = src.detach()", [] {
        ArrayPtr src = tRange({2, 3});
        src->bumpVersion();
        src->bumpVersion();
        return Outcome::of(detach(src), src);
    });
    add("dataShares", "src = torch.arange(6., requires_grad=True)\nr = src.data", [] {
        ArrayPtr src = gradLeaf({6});
        return Outcome::of(tensorData(src), src);
    });
    add("dataOfViewIsNotAView", "src = torch.arange(12.).reshape(4, 3).clone()[1:]\nr = src.data", [] {
        ArrayPtr src = view(tRange({4, 3}), {3, 3}, {3, 1}, 3);
        return Outcome::of(tensorData(src), src);
    });
    add("dataHasItsOwnVersionCounter", t23 + "src.data.add_(0)\nr = src", [] {
        ArrayPtr src = tRange({2, 3});
        tensorData(src)->bumpVersion();
        return Outcome::of(src, src);
    });
    add("dataStartsAtVersionZero", t23 + "src.add_(0)\nr = src.data", [] {
        ArrayPtr src = tRange({2, 3});
        src->bumpVersion();
        return Outcome::of(tensorData(src), src);
    });
    add("dataCountsItsOwnWrites", t23 + "d = src.data\nd.add_(0)\nr = d", [] {
        ArrayPtr src = tRange({2, 3});
        ArrayPtr d = tensorData(src);
        d->bumpVersion();
        return Outcome::of(d, src);
    });
    add("numpyWritesDoNotBumpTheVersion", t23 + "n = src.numpy()\nn += 0\nr = src", [] {
        ArrayPtr src = tRange({2, 3});
        toNumpy(src);
        return Outcome::of(src, src);
    });
    add("requiresGradInplaceReturnsSelf", t23 + "r = src.requires_grad_()", [] {
        ArrayPtr src = tRange({2, 3});
        return Outcome::of(requiresGradInplace(src), src);
    });
    add("requiresGradInplaceOfIntFails", "src = torch.ones(2, 3, dtype=torch.int64)\nr = src.requires_grad_()",
        [] { return Outcome::of(requiresGradInplace(tRange({2, 3}, DType::Int64))); });
    add("requiresGradInplaceOfBoolFails", "src = torch.ones(2, 3, dtype=torch.bool)\nr = src.requires_grad_(True)",
        [] { return Outcome::of(requiresGradInplace(tRange({2, 3}, DType::Bool))); });
    add("requiresGradInplaceFalseOfIntIsFine", "src = torch.arange(6).reshape(2, 3).clone()\nr = src.requires_grad_(False)", [] {
        ArrayPtr src = tRange({2, 3}, DType::Int64);
        return Outcome::of(requiresGradInplace(src, false), src);
    });
    add("requiresGradInplaceFalseOfNonLeafFails", "src = torch.ones(2, 3, requires_grad=True) * 2\nr = src.requires_grad_(False)",
        [] { return Outcome::of(requiresGradInplace(gradNonLeaf({2, 3}), false)); });
    add("requiresGradInplaceTrueOfNonLeafIsFine", "src = torch.arange(6.).reshape(2, 3).clone().requires_grad_() * 1\nr = src.requires_grad_(True)", [] {
        ArrayPtr src = gradNonLeaf({2, 3});
        return Outcome::of(requiresGradInplace(src, true), src);
    });
    add("requiresGradInplaceFalseOfLeaf", "src = torch.arange(6., requires_grad=True)\nr = src.requires_grad_(False)", [] {
        ArrayPtr src = gradLeaf({6});
        return Outcome::of(requiresGradInplace(src, false), src);
    });
    add("requiresGradInplaceOfViewMakesALeaf", "src = torch.arange(12.).reshape(4, 3).clone()[1:]\nr = src.requires_grad_()", [] {
        ArrayPtr src = view(tRange({4, 3}), {3, 3}, {3, 1}, 3);
        return Outcome::of(requiresGradInplace(src), src);
    });
    add("requiresGradInplaceOfHalf", "src = torch.arange(2).to(torch.float16)\nr = src.requires_grad_()", [] {
        ArrayPtr src = tRange({2}, DType::Float16);
        return Outcome::of(requiresGradInplace(src), src);
    });
    return c;
}

}  // namespace

class TestConversion : public QObject {
    Q_OBJECT

public:
    TestConversion() : m_bridge(bridgeCases()), m_constructors(constructorCases()), m_casts(castCases()), m_autograd(autogradCases()) {}

private slots:
    void initTestCase()
    {
        m_bridge.askOracle();
        m_constructors.askOracle();
        m_casts.askOracle();
        m_autograd.askOracle();
    }

    void numpyBridgeMatchesBothLibraries_data() { m_bridge.addRows(); }
    void numpyBridgeMatchesBothLibraries() { m_bridge.checkCurrentRow(); }
    void constructorsOfArraysMatchBothLibraries_data() { m_constructors.addRows(); }
    void constructorsOfArraysMatchBothLibraries() { m_constructors.checkCurrentRow(); }
    void castsMatchBothLibraries_data() { m_casts.addRows(); }
    void castsMatchBothLibraries() { m_casts.checkCurrentRow(); }
    void autogradBitsMatchPyTorch_data() { m_autograd.addRows(); }
    void autogradBitsMatchPyTorch() { m_autograd.checkCurrentRow(); }

    // Direct checks of the model underneath the oracle's description.

    void detachSharesTheCounterObjectAndDataDoesNot()
    {
        const ArrayPtr t = tRange({3});
        QCOMPARE(detach(t)->versionCounter(), t->versionCounter());
        QVERIFY(tensorData(t)->versionCounter() != t->versionCounter());
        QCOMPARE(detach(t)->storage(), t->storage());
        QCOMPARE(tensorData(t)->storage(), t->storage());
    }

    void fromNumpyMakesANewStorageWindowOnTheSameBuffer()
    {
        const ArrayPtr base = nRange({4, 3});
        const ArrayPtr slice = view(base, {3, 2}, {3, 1}, 4);
        const ArrayPtr t = fromNumpy(slice);
        QVERIFY(t->storage() != base->storage());
        QCOMPARE(t->buffer(), base->buffer());
        QCOMPARE(t->storage()->byteOffset(), 4 * 8);
        QCOMPARE(t->storage()->nbytes(), (1 + 2 * 3 + 1) * 8);
        QCOMPARE(t->storageOffset(), 0);
        QCOMPARE(t->dataPtr(), slice->dataPtr());
        QVERIFY(t->versionCounter() != nullptr && t->version() == 0);
    }

    void numpyOfATensorIsAViewOfItsStorage()
    {
        const ArrayPtr t = view(tRange({4, 3}), {3, 3}, {3, 1}, 3);
        const ArrayPtr n = toNumpy(t);
        QCOMPARE(n->storage(), t->storage());
        QCOMPARE(n->dataPtr(), t->dataPtr());
        QVERIFY(!n->ownsData());
        QVERIFY(n->base() != t && n->base()->isTensor());
        QCOMPARE(n->base()->versionCounter(), t->versionCounter());
    }

    void notWritableWarningIsPrintedOncePerProcess()
    {
        resetTorchWarnOnce();
        QStringList seen;
        WarningScope scope([&](const EngineWarning& w) { seen << QString::fromStdString(w.category); });
        const ArrayPtr a = readOnly(nRange({3}));
        fromNumpy(a);
        fromNumpy(a);
        asTensor(a);
        QCOMPARE(seen, QStringList{"UserWarning"});
        resetTorchWarnOnce();
        torchTensorFromArray(a);  // torch.tensor copies, so it never warns
        QCOMPARE(seen.size(), 1);
        asTensor(a);
        QCOMPARE(seen.size(), 2);
    }

    void preservedStridesFollowTheSourcesDimOrder()
    {
        const ArrayPtr base = tRange({2, 3, 4});
        // permute(2, 0, 1) then slice the middle dim: not dense, so the strides are re-derived in that order.
        const ArrayPtr permuted = view(base, {4, 2, 2}, {1, 12, 4});
        QCOMPARE(torchPreservedStrides(*permuted), (Strides{1, 8, 4}));
        QCOMPARE(torchPreservedStrides(*base), (Strides{12, 4, 1}));
        QCOMPARE(numpyStridesLike(*view(nRange({2, 3, 4}), {4, 2, 2}, {1, 12, 4}), MemoryOrder::K), (Strides{1, 8, 4}));
    }

private:
    OracleSuite m_bridge;
    OracleSuite m_constructors;
    OracleSuite m_casts;
    OracleSuite m_autograd;
};

AV_TEST_MAIN(TestConversion)
#include "tst_conversion.moc"
