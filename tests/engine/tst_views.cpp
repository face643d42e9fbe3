// The shape operations that make views, each judged by real PyTorch 1.13 and NumPy 1.24: sizes, strides,
// offsets, the share-or-copy verdict against the source, grad_fn, NumPy's base and flags, and every error.

#include "engine/autograd.h"
#include "engine/errors.h"
#include "engine/warnings.h"
#include "tests/engine/viewtesthelpers.h"
#include "tests/support/testmain.h"

using namespace av::engine;
using namespace av::test::views;
using av::test::OracleCase;
using av::test::OracleSuite;
using av::test::Outcome;

namespace {

using D = DType;

class CaseList {
public:
    void add(const char* name, const char* python, std::function<Outcome()> engine)
    {
        m_cases.push_back(oracleCase(QString::fromUtf8(name), QString::fromUtf8(python), std::move(engine)));
    }
    std::vector<OracleCase> take() { return std::move(m_cases); }

private:
    std::vector<OracleCase> m_cases;
};

Shape sh(std::initializer_list<std::int64_t> values) { return Shape(values); }

void addViewAndReshapeCases(CaseList& c)
{
    // --- torch view(shape) ---
    c.add("viewOfContiguousTensorShares", "src=T((2,3,4))\nr=src.view(6,4)",
          [] { auto s = T({2, 3, 4}); return Outcome::of(view(s, sh({6, 4})), s); });
    c.add("viewInfersMinusOne", "src=T((2,3,4))\nr=src.view(-1,4)",
          [] { auto s = T({2, 3, 4}); return Outcome::of(view(s, sh({-1, 4})), s); });
    c.add("viewRecordsViewBackward", "src=T((2,3),grad=True)\nr=src.view(3,2)",
          [] { auto s = T({2, 3}, D::Float32, true); return Outcome::of(view(s, sh({3, 2})), s); });
    c.add("viewUnderNoGradRecordsNothing", "src=T((2,3),grad=True)\nwith torch.no_grad():\n    r=src.view(6)",
          [] { auto s = T({2, 3}, D::Float32, true); NoGradGuard g; return Outcome::of(view(s, sh({6})), s); });
    c.add("transposeUnderNoGradKeepsRequiresGrad", "src=T((2,3),grad=True)\nwith torch.no_grad():\n    r=src.t()",
          [] { auto s = T({2, 3}, D::Float32, true); NoGradGuard g; return Outcome::of(t(s), s); });
    c.add("reshapeCopyUnderNoGradDoesNotRequireGrad", "src=T((2,3),grad=True)\nwith torch.no_grad():\n    r=src.t().reshape(6)",
          [] { auto s = T({2, 3}, D::Float32, true); NoGradGuard g; return Outcome::of(reshape(t(s), sh({6})), s); });
    c.add("viewRejectsWrongSize", "src=T((6,))\nr=src.view(4,2)",
          [] { auto s = T({6}); return Outcome::of(view(s, sh({4, 2})), s); });
    c.add("viewRejectsTwoMinusOnes", "src=T((6,))\nr=src.view(-1,-1)",
          [] { auto s = T({6}); return Outcome::of(view(s, sh({-1, -1})), s); });
    c.add("viewRejectsMinusTwo", "src=T((6,))\nr=src.view(-2,3)",
          [] { auto s = T({6}); return Outcome::of(view(s, sh({-2, 3})), s); });
    c.add("viewRejectsMinusOneThatDoesNotDivide", "src=T((6,))\nr=src.view(-1,4)",
          [] { auto s = T({6}); return Outcome::of(view(s, sh({-1, 4})), s); });
    c.add("viewRejectsEmptyShapeForSix", "src=T((6,))\nr=src.view(())",
          [] { auto s = T({6}); return Outcome::of(view(s, sh({})), s); });
    c.add("viewOfTransposedSpansTwoSubspaces", "src=T((2,3))\nr=src.t().view(6)",
          [] { auto s = T({2, 3}); return Outcome::of(view(t(s), sh({6})), s); });
    c.add("viewOfTransposedSplittingDimsWorks", "src=T((2,3))\nr=src.t().view(3,1,2)",
          [] { auto s = T({2, 3}); return Outcome::of(view(t(s), sh({3, 1, 2})), s); });
    c.add("viewOfSizeOneTransposeIsFine", "src=T((6,1))\nr=src.t().view(2,3)",
          [] { auto s = T({6, 1}); return Outcome::of(view(t(s), sh({2, 3})), s); });
    c.add("viewOfStridedSliceKeepsStride", "src=T((6,))\nr=src[::2].view(3,1)",
          [] { auto s = T({6}); return Outcome::of(view(getItem(s, std::vector{sl({}, {}, 2)}), sh({3, 1})), s); });
    c.add("viewOfRowSlicesCannotMergeRows", "src=T((2,3))\nr=src[:, :2].view(4)",
          [] { auto s = T({2, 3}); return Outcome::of(view(getItem(s, std::vector{all(), sl({}, 2)}), sh({4})), s); });
    c.add("viewOfExpandedKeepsZeroStrides", "src=T((3,1))\nr=src.expand(3,4).view(3,2,2)",
          [] { auto s = T({3, 1}); return Outcome::of(view(expand(s, sh({3, 4})), sh({3, 2, 2})), s); });
    c.add("viewOfExpandedCannotFlatten", "src=T((3,1))\nr=src.expand(3,4).view(12)",
          [] { auto s = T({3, 1}); return Outcome::of(view(expand(s, sh({3, 4})), sh({12})), s); });
    c.add("viewOfScalarTensorAddsOnes", "src=T(())\nr=src.view(1,1)",
          [] { auto s = T({}); return Outcome::of(view(s, sh({1, 1})), s); });
    c.add("viewOfScalarTensorToMinusOne", "src=T(())\nr=src.view(-1)",
          [] { auto s = T({}); return Outcome::of(view(s, sh({-1})), s); });
    c.add("viewOfEmptyIsAmbiguousWithZero", "src=T((0,))\nr=src.view(0,-1)",
          [] { auto s = T({0}); return Outcome::of(view(s, sh({0, -1})), s); });
    c.add("viewOfEmptyInfersZero", "src=T((0,))\nr=src.view(2,-1)",
          [] { auto s = T({0}); return Outcome::of(view(s, sh({2, -1})), s); });
    c.add("viewOfEmptyToOtherShapeUsesResizeStrides", "src=T((2,0))\nr=src.view(0,5)",
          [] { auto s = T({2, 0}); return Outcome::of(view(s, sh({0, 5})), s); });
    c.add("viewOfInt64", "src=T((2,3),'int64')\nr=src.view(3,2)",
          [] { auto s = T({2, 3}, D::Int64); return Outcome::of(view(s, sh({3, 2})), s); });
    c.add("viewOfBool", "src=T((2,3),'bool')\nr=src.view(6)",
          [] { auto s = T({2, 3}, D::Bool); return Outcome::of(view(s, sh({6})), s); });

    // --- view(dtype) ---
    c.add("viewAsFloat64HalvesLastDim", "src=T((2,3,4))\nr=src.view(torch.float64)",
          [] { auto s = T({2, 3, 4}); return Outcome::of(viewAsDType(s, D::Float64), s); });
    c.add("viewAsInt16DoublesLastDim", "src=T((2,3,4))\nr=src.view(torch.int16)",
          [] { auto s = T({2, 3, 4}); return Outcome::of(viewAsDType(s, D::Int16), s); });
    c.add("viewAsInt32KeepsShape", "src=T((2,3))\nr=src.view(torch.int32)",
          [] { auto s = T({2, 3}); return Outcome::of(viewAsDType(s, D::Int32), s); });
    c.add("viewAsSameDtypeIsANewTensor", "src=T((2,3))\nr=src.view(torch.float32)",
          [] { auto s = T({2, 3}); return Outcome::of(viewAsDType(s, D::Float32), s); });
    c.add("viewAsDtypeDropsGrad", "src=T((2,4),grad=True)\nr=src.view(torch.float16)",
          [] { auto s = T({2, 4}, D::Float32, true); return Outcome::of(viewAsDType(s, D::Float16), s); });
    c.add("viewAsDtypeOfTransposedSameSize", "src=T((2,3,4))\nr=src.transpose(0,2).view(torch.int32)",
          [] { auto s = T({2, 3, 4}); return Outcome::of(viewAsDType(transpose(s, 0, 2), D::Int32), s); });
    c.add("viewAsDtypeOfOffsetSlice", "src=T((2,3,4))\nr=src[1:].view(torch.float64)",
          [] { auto s = T({2, 3, 4}); return Outcome::of(viewAsDType(getItem(s, std::vector{sl(1)}), D::Float64), s); });
    c.add("viewAsBoolFromInt8", "src=T((4,),'int8')\nr=src.view(torch.bool)",
          [] { auto s = T({4}, D::Int8); return Outcome::of(viewAsDType(s, D::Bool), s); });
    c.add("viewAsFloat32FromUint8", "src=T((2,8),'uint8')\nr=src.view(torch.float32)",
          [] { auto s = T({2, 8}, D::UInt8); return Outcome::of(viewAsDType(s, D::Float32), s); });
    c.add("viewAsDtypeOfEmpty", "src=T((0,))\nr=src.view(torch.float64)",
          [] { auto s = T({0}); return Outcome::of(viewAsDType(s, D::Float64), s); });
    c.add("viewAsDtypeRefusesScalarTensor", "src=T(())\nr=src.view(torch.int16)",
          [] { auto s = T({}); return Outcome::of(viewAsDType(s, D::Int16), s); });
    c.add("viewAsDtypeRefusesNonUnitLastStride", "src=T((2,3,4))\nr=src.transpose(0,2).view(torch.uint8)",
          [] { auto s = T({2, 3, 4}); return Outcome::of(viewAsDType(transpose(s, 0, 2), D::UInt8), s); });
    c.add("viewAsLargerDtypeChecksLastSizeFirst", "src=T((2,3))\nr=src.t().view(torch.float64)",
          [] { auto s = T({2, 3}); return Outcome::of(viewAsDType(t(s), D::Float64), s); });
    c.add("viewAsLargerDtypeNeedsDivisibleLastSize", "src=T((2,3,4))\nr=src[:, :, 1].view(torch.float64)",
          [] { auto s = T({2, 3, 4}); return Outcome::of(viewAsDType(getItem(s, std::vector{all(), all(), at(1)}), D::Float64), s); });
    c.add("viewAsLargerDtypeNeedsDivisibleOffset", "src=T((2,3,4))\nr=src[:, :, 1:3].view(torch.float64)",
          [] { auto s = T({2, 3, 4}); return Outcome::of(viewAsDType(getItem(s, std::vector{all(), all(), sl(1, 3)}), D::Float64), s); });
    c.add("viewAsLargerDtypeNeedsDivisibleStrides", "src=T((2,0))\nr=src.view(torch.float64)",
          [] { auto s = T({2, 0}); return Outcome::of(viewAsDType(s, D::Float64), s); });
    c.add("viewAsDtypeSharesTheVersionCounter", "src=T((2,3))\nv=src.view(torch.int32)\nsrc[0]=5\nr=v",
          [] {
              auto s = T({2, 3});
              auto v = viewAsDType(s, D::Int32);
              setItem(s, std::vector{at(0)}, Scalar(5));
              return Outcome::of(v, s);
          });
    c.add("numpyViewAsFloat32", "src=N((2,3,4))\nr=src.view(np.float32)",
          [] { auto s = N({2, 3, 4}); return Outcome::of(viewAsDType(s, D::Float32), s); });
    c.add("numpyViewAsInt8", "src=N((2,3),'int32')\nr=src.view(np.int8)",
          [] { auto s = N({2, 3}, D::Int32); return Outcome::of(viewAsDType(s, D::Int8), s); });
    c.add("numpyViewAsFloat64FromFloat32", "src=N((2,4),'float32')\nr=src.view(np.float64)",
          [] { auto s = N({2, 4}, D::Float32); return Outcome::of(viewAsDType(s, D::Float64), s); });
    c.add("numpyViewAsSameDtypeIsANewView", "src=N((2,3))\nr=src.view(np.float64)",
          [] { auto s = N({2, 3}); return Outcome::of(viewAsDType(s, D::Float64), s); });
    c.add("numpyViewOfSizeOneLastAxisIgnoresItsStride", "src=N((2,3,4),'float32')\nr=src[:, :, 1:2].view(np.int16)",
          [] { auto s = N({2, 3, 4}, D::Float32); return Outcome::of(viewAsDType(getItem(s, std::vector{all(), all(), sl(1, 2)}), D::Int16), s); });
    c.add("numpyViewOfOffsetSliceCanStartMidElement", "src=N((2,3,4),'float32')\nr=src[:, :, 1:3].view(np.float64)",
          [] { auto s = N({2, 3, 4}, D::Float32); return Outcome::of(viewAsDType(getItem(s, std::vector{all(), all(), sl(1, 3)}), D::Float64), s); });
    c.add("numpyViewOfEmptyArray", "src=N((2,0),'float32')\nr=src.view(np.float64)",
          [] { auto s = N({2, 0}, D::Float32); return Outcome::of(viewAsDType(s, D::Float64), s); });
    c.add("numpyViewNeedsContiguousLastAxis", "src=N((2,3,4),'float32')\nr=src.T.view(np.float64)",
          [] { auto s = N({2, 3, 4}, D::Float32); return Outcome::of(viewAsDType(reversedDims(s), D::Float64), s); });
    c.add("numpyViewToLargerNeedsDivisibleLastAxis", "src=N((2,3),'float32')\nr=src.view(np.float64)",
          [] { auto s = N({2, 3}, D::Float32); return Outcome::of(viewAsDType(s, D::Float64), s); });
    c.add("numpyViewRefusesZeroDimDifferentSize", "src=N((),'float32')\nr=src.view(np.float64)",
          [] { auto s = N({}, D::Float32); return Outcome::of(viewAsDType(s, D::Float64), s); });
    c.add("numpyViewOfZeroDimSameSize", "src=N((),'float32')\nr=src.view(np.int32)",
          [] { auto s = N({}, D::Float32); return Outcome::of(viewAsDType(s, D::Int32), s); });
    c.add("numpyViewKeepsReadOnly", "src=N((2,4),'int16')\nsrc.flags.writeable=False\nr=src.view(np.int32)",
          [] { auto s = N({2, 4}, D::Int16); s->setWriteable(false); return Outcome::of(viewAsDType(s, D::Int32), s); });
    c.add("numpyPlainViewIsANewView", "src=N((2,3))\nr=src.view()", [] { auto s = N({2, 3}); return Outcome::of(alias(s), s); });

    // --- reshape ---
    c.add("reshapeOfContiguousIsAView", "src=T((2,3,4),grad=True)\nr=src.reshape(6,4)",
          [] { auto s = T({2, 3, 4}, D::Float32, true); return Outcome::of(reshape(s, sh({6, 4})), s); });
    c.add("reshapeOfTransposedCopies", "src=T((2,3,4),grad=True)\nr=src.transpose(0,1).reshape(6,4)",
          [] { auto s = T({2, 3, 4}, D::Float32, true); return Outcome::of(reshape(transpose(s, 0, 1), sh({6, 4})), s); });
    c.add("reshapeToSameShapeIsANewView", "src=T((2,3))\nr=src.reshape(2,3)",
          [] { auto s = T({2, 3}); return Outcome::of(reshape(s, sh({2, 3})), s); });
    c.add("reshapeOfExpandedCopies", "src=T((3,1),'int64')\nr=src.expand(3,4).reshape(12)",
          [] { auto s = T({3, 1}, D::Int64); return Outcome::of(reshape(expand(s, sh({3, 4})), sh({12})), s); });
    c.add("reshapeOfExpandedSplitIsAView", "src=T((3,1),'int64')\nr=src.expand(3,4).reshape(3,2,2)",
          [] { auto s = T({3, 1}, D::Int64); return Outcome::of(reshape(expand(s, sh({3, 4})), sh({3, 2, 2})), s); });
    c.add("reshapeRejectsWrongSize", "src=T((6,))\nr=src.reshape(4,2)",
          [] { auto s = T({6}); return Outcome::of(reshape(s, sh({4, 2})), s); });
    c.add("reshapeRejectsTwoMinusOnes", "src=T((6,))\nr=src.reshape(-1,-1)",
          [] { auto s = T({6}); return Outcome::of(reshape(s, sh({-1, -1})), s); });
    c.add("reshapeOfScalarTensor", "src=T(())\nr=src.reshape(-1)", [] { auto s = T({}); return Outcome::of(reshape(s, sh({-1})), s); });
    c.add("reshapeOfEmptyTransposedIsAView", "src=T((4,0))\nr=src.t().reshape(0,2,2)",
          [] { auto s = T({4, 0}); return Outcome::of(reshape(t(s), sh({0, 2, 2})), s); });
    c.add("reshapeOfStridedSliceCopiesHalf", "src=T((4,3),'float16')\nr=src[::2].reshape(6)",
          [] { auto s = T({4, 3}, D::Float16); return Outcome::of(reshape(getItem(s, std::vector{sl({}, {}, 2)}), sh({6})), s); });
    c.add("numpyReshapeOfContiguousIsAView", "src=N((2,3,4))\nr=src.reshape(-1,4)",
          [] { auto s = N({2, 3, 4}); return Outcome::of(reshape(s, sh({-1, 4})), s); });
    c.add("numpyReshapeOfTransposedCopiesIntoANewBase", "src=N((2,3))\nr=src.T.reshape(6)",
          [] { auto s = N({2, 3}); return Outcome::of(reshape(reversedDims(s), sh({6})), s); });
    c.add("numpyReshapeSplittingTransposedDimsIsAView", "src=N((2,3))\nr=src.T.reshape(3,1,2)",
          [] { auto s = N({2, 3}); return Outcome::of(reshape(reversedDims(s), sh({3, 1, 2})), s); });
    c.add("numpyReshapeOfRowSlicesCopies", "src=N((2,3),'int32')\nr=src[:, :2].reshape(4)",
          [] { auto s = N({2, 3}, D::Int32); return Outcome::of(reshape(getItem(s, std::vector{all(), sl({}, 2)}), sh({4})), s); });
    c.add("numpyReshapeAddingOneKeepsView", "src=N((2,3),'int32')\nr=src[:, :2].reshape(2,2,1)",
          [] { auto s = N({2, 3}, D::Int32); return Outcome::of(reshape(getItem(s, std::vector{all(), sl({}, 2)}), sh({2, 2, 1})), s); });
    c.add("numpyReshapeOfStridedSliceIntoColumn", "src=N((6,))\nr=src[::2].reshape(3,1)",
          [] { auto s = N({6}); return Outcome::of(reshape(getItem(s, std::vector{sl({}, {}, 2)}), sh({3, 1})), s); });
    c.add("numpyReshapeAcceptsAnyNegativeAsUnknown", "src=N((6,))\nr=src.reshape(-2,3)",
          [] { auto s = N({6}); return Outcome::of(reshape(s, sh({-2, 3})), s); });
    c.add("numpyReshapeToSameShapeIsANewView", "src=N((2,3))\nr=src.reshape(2,3)",
          [] { auto s = N({2, 3}); return Outcome::of(reshape(s, sh({2, 3})), s); });
    c.add("numpyReshapeRejectsWrongSize", "src=N((6,))\nr=src.reshape(4,2)",
          [] { auto s = N({6}); return Outcome::of(reshape(s, sh({4, 2})), s); });
    c.add("numpyReshapeMessageDropsLeadingUnknown", "src=N((6,))\nr=src.reshape(-1,4)",
          [] { auto s = N({6}); return Outcome::of(reshape(s, sh({-1, 4})), s); });
    c.add("numpyReshapeMessageNamesNewaxis", "src=N((6,))\nr=src.reshape(4,-1)",
          [] { auto s = N({6}); return Outcome::of(reshape(s, sh({4, -1})), s); });
    c.add("numpyReshapeMessageForZeroAndUnknown", "src=N((6,))\nr=src.reshape(0,-1)",
          [] { auto s = N({6}); return Outcome::of(reshape(s, sh({0, -1})), s); });
    c.add("numpyReshapeRejectsEmptyShape", "src=N((6,))\nr=src.reshape(())",
          [] { auto s = N({6}); return Outcome::of(reshape(s, sh({})), s); });
    c.add("numpyReshapeRejectsTwoUnknowns", "src=N((6,))\nr=src.reshape(-1,-1)",
          [] { auto s = N({6}); return Outcome::of(reshape(s, sh({-1, -1})), s); });
    c.add("numpyReshapeInFortranOrder", "src=N((6,))\nr=src.reshape(2,3,order='F')",
          [] { auto s = N({6}); return Outcome::of(reshape(s, sh({2, 3}), MemoryOrder::F), s); });
    c.add("numpyReshapeTransposedInFortranOrderIsAView", "src=N((2,3))\nr=src.T.reshape(6,order='F')",
          [] { auto s = N({2, 3}); return Outcome::of(reshape(reversedDims(s), sh({6}), MemoryOrder::F), s); });
    c.add("numpyReshapeContiguousInFortranOrderCopies", "src=N((2,3))\nr=src.reshape(3,2,order='F')",
          [] { auto s = N({2, 3}); return Outcome::of(reshape(s, sh({3, 2}), MemoryOrder::F), s); });
    c.add("numpyReshapeAnyOrderFollowsFortranArray", "src=N((2,3))\nr=src.T.reshape(2,3,order='A')",
          [] { auto s = N({2, 3}); return Outcome::of(reshape(reversedDims(s), sh({2, 3}), MemoryOrder::A), s); });
    c.add("numpyReshapeRefusesKeepOrder", "src=N((2,3))\nr=src.reshape(6,order='K')",
          [] { auto s = N({2, 3}); return Outcome::of(reshape(s, sh({6}), MemoryOrder::K), s); });
    c.add("numpyReshapeOfZeroDim", "src=N(())\nr=src.reshape(1,1)", [] { auto s = N({}); return Outcome::of(reshape(s, sh({1, 1})), s); });
    c.add("numpyReshapeOfEmptyFillsStrides", "src=N((4,0))\nr=src.reshape(0,5)",
          [] { auto s = N({4, 0}); return Outcome::of(reshape(s, sh({0, 5})), s); });
    c.add("numpyReshapeKeepsReadOnly", "src=N((2,3))\nsrc.flags.writeable=False\nr=src.reshape(3,2)",
          [] { auto s = N({2, 3}); s->setWriteable(false); return Outcome::of(reshape(s, sh({3, 2})), s); });
    c.add("numpyReshapeCopyOfReadOnlyIsWriteable", "src=N((2,3))\nsrc.flags.writeable=False\nr=src.T.reshape(6)",
          [] { auto s = N({2, 3}); s->setWriteable(false); return Outcome::of(reshape(reversedDims(s), sh({6})), s); });
    c.add("numpyExpandDimsInsertsAxis", "src=N((2,3,4))\nr=np.expand_dims(src,1)",
          [] { auto s = N({2, 3, 4}); return Outcome::of(expandDims(s, sh({1})), s); });
    c.add("numpyExpandDimsAtEnd", "src=N((2,3))\nr=np.expand_dims(src,-1)",
          [] { auto s = N({2, 3}); return Outcome::of(expandDims(s, sh({-1})), s); });
    c.add("numpyExpandDimsTuple", "src=N((2,3))\nr=np.expand_dims(src,(0,3))",
          [] { auto s = N({2, 3}); return Outcome::of(expandDims(s, sh({0, 3})), s); });
    c.add("numpyExpandDimsOfTransposed", "src=N((2,3))\nr=np.expand_dims(src.T,1)",
          [] { auto s = N({2, 3}); return Outcome::of(expandDims(reversedDims(s), sh({1})), s); });
    c.add("numpyExpandDimsRejectsOutOfRange", "src=N((2,3))\nr=np.expand_dims(src,3)",
          [] { auto s = N({2, 3}); return Outcome::of(expandDims(s, sh({3})), s); });
    c.add("numpyExpandDimsRejectsRepeats", "src=N((2,3))\nr=np.expand_dims(src,(0,-4))",
          [] { auto s = N({2, 3}); return Outcome::of(expandDims(s, sh({0, -4})), s); });
}

void addFlattenCases(CaseList& c)
{
    c.add("flattenOfContiguousIsAView", "src=T((2,3,4),grad=True)\nr=src.flatten()",
          [] { auto s = T({2, 3, 4}, D::Float32, true); return Outcome::of(flatten(s), s); });
    c.add("flattenOfTransposedCopies", "src=T((2,3,4),grad=True)\nr=src.transpose(1,2).flatten(1)",
          [] { auto s = T({2, 3, 4}, D::Float32, true); return Outcome::of(flatten(transpose(s, 1, 2), 1), s); });
    c.add("flattenOfOneDimIsTheSameTensor", "src=T((5,))\nr=src.flatten()", [] { auto s = T({5}); return Outcome::of(flatten(s), s); });
    c.add("flattenOfOneDimRangeIsTheSameTensor", "src=T((2,3,4),grad=True)\nr=src.flatten(1,1)",
          [] { auto s = T({2, 3, 4}, D::Float32, true); return Outcome::of(flatten(s, 1, 1), s); });
    c.add("flattenOfScalarTensorReshapes", "src=T((),grad=True)\nr=src.flatten()",
          [] { auto s = T({}, D::Float32, true); return Outcome::of(flatten(s), s); });
    c.add("flattenLastTwoDims", "src=T((2,3,4),'int32')\nr=src.flatten(-2,-1)",
          [] { auto s = T({2, 3, 4}, D::Int32); return Outcome::of(flatten(s, -2, -1), s); });
    c.add("flattenFirstTwoDims", "src=T((2,3,4),'int32')\nr=src.flatten(0,1)",
          [] { auto s = T({2, 3, 4}, D::Int32); return Outcome::of(flatten(s, 0, 1), s); });
    c.add("flattenRejectsStartAfterEnd", "src=T((2,3,4))\nr=src.flatten(2,1)",
          [] { auto s = T({2, 3, 4}); return Outcome::of(flatten(s, 2, 1), s); });
    c.add("flattenRejectsOutOfRangeDim", "src=T((2,3,4))\nr=src.flatten(0,3)",
          [] { auto s = T({2, 3, 4}); return Outcome::of(flatten(s, 0, 3), s); });
    c.add("numpyFlattenAlwaysCopies", "src=N((2,3))\nr=src.flatten()", [] { auto s = N({2, 3}); return Outcome::of(flatten(s), s); });
    c.add("numpyFlattenInFortranOrder", "src=N((2,3))\nr=src.flatten('F')",
          [] { auto s = N({2, 3}); return Outcome::of(flatten(s, 0, -1, MemoryOrder::F), s); });
    c.add("numpyFlattenKeepOrderOfReversed", "src=N((3,4))\nr=src[:, ::-1].flatten('K')",
          [] { auto s = N({3, 4}); return Outcome::of(flatten(getItem(s, std::vector{all(), sl({}, {}, -1)}), 0, -1, MemoryOrder::K), s); });
    c.add("numpyFlattenKeepOrderOfTransposed", "src=N((3,4),'int16')\nr=src.T.flatten('K')",
          [] { auto s = N({3, 4}, D::Int16); return Outcome::of(flatten(reversedDims(s), 0, -1, MemoryOrder::K), s); });
    c.add("numpyFlattenOfEmptyHasZeroStride", "src=N((2,0))\nr=src.flatten()", [] { auto s = N({2, 0}); return Outcome::of(flatten(s), s); });
    c.add("numpyFlattenOfZeroDim", "src=N(())\nr=src.flatten()", [] { auto s = N({}); return Outcome::of(flatten(s), s); });
    c.add("ravelOfContiguousTensorIsAView", "src=T((2,3),grad=True)\nr=src.ravel()",
          [] { auto s = T({2, 3}, D::Float32, true); return Outcome::of(ravel(s), s); });
    c.add("ravelOfTransposedTensorCopies", "src=T((2,3),grad=True)\nr=src.t().ravel()",
          [] { auto s = T({2, 3}, D::Float32, true); return Outcome::of(ravel(t(s)), s); });
    c.add("numpyRavelOfContiguousIsAView", "src=N((2,3))\nr=src.ravel()", [] { auto s = N({2, 3}); return Outcome::of(ravel(s), s); });
    c.add("numpyRavelOfTransposedCopies", "src=N((2,3))\nr=src.T.ravel()", [] { auto s = N({2, 3}); return Outcome::of(ravel(reversedDims(s)), s); });
    c.add("numpyRavelOfRowSliceIsAView", "src=N((2,3))\nr=src[:1].ravel()",
          [] { auto s = N({2, 3}); return Outcome::of(ravel(getItem(s, std::vector{sl({}, 1)})), s); });
    c.add("numpyRavelOfStridedCopies", "src=N((6,))\nr=src[::2].ravel()",
          [] { auto s = N({6}); return Outcome::of(ravel(getItem(s, std::vector{sl({}, {}, 2)})), s); });
    c.add("numpyRavelFortranOfTransposedIsAView", "src=N((2,3))\nr=src.T.ravel('F')",
          [] { auto s = N({2, 3}); return Outcome::of(ravel(reversedDims(s), MemoryOrder::F), s); });
    c.add("numpyRavelAnyOrderOfTransposedIsAView", "src=N((2,3))\nr=src.T.ravel('A')",
          [] { auto s = N({2, 3}); return Outcome::of(ravel(reversedDims(s), MemoryOrder::A), s); });
    c.add("numpyRavelKeepOrderOfReversedCopies", "src=N((3,4))\nr=src[:, ::-1].ravel('K')",
          [] { auto s = N({3, 4}); return Outcome::of(ravel(getItem(s, std::vector{all(), sl({}, {}, -1)}), MemoryOrder::K), s); });
    c.add("numpyRavelKeepOrderOfPermutedIsAView", "src=N((2,3,4))\nr=src.transpose(2,0,1).ravel('K')",
          [] { auto s = N({2, 3, 4}); return Outcome::of(ravel(permute(s, sh({2, 0, 1})), MemoryOrder::K), s); });
    c.add("numpyRavelOfEmptyIsAView", "src=N((2,0))\nr=src.ravel()", [] { auto s = N({2, 0}); return Outcome::of(ravel(s), s); });
}

void addTransposeCases(CaseList& c)
{
    c.add("transposeSwapsDims", "src=T((2,3,4),grad=True)\nr=src.transpose(0,2)",
          [] { auto s = T({2, 3, 4}, D::Float32, true); return Outcome::of(transpose(s, 0, 2), s); });
    c.add("transposeAcceptsNegativeDims", "src=T((2,3,4))\nr=src.transpose(-1,-3)",
          [] { auto s = T({2, 3, 4}); return Outcome::of(transpose(s, -1, -3), s); });
    c.add("transposeOfSameDimIsANewView", "src=T((2,3,4),grad=True)\nr=src.transpose(1,1)",
          [] { auto s = T({2, 3, 4}, D::Float32, true); return Outcome::of(transpose(s, 1, 1), s); });
    c.add("transposeOfScalarTensor", "src=T(())\nr=src.transpose(0,-1)", [] { auto s = T({}); return Outcome::of(transpose(s, 0, -1), s); });
    c.add("transposeRejectsOutOfRange", "src=T((2,3,4))\nr=src.transpose(0,3)",
          [] { auto s = T({2, 3, 4}); return Outcome::of(transpose(s, 0, 3), s); });
    c.add("transposeOfScalarRejectsOne", "src=T(())\nr=src.transpose(0,1)", [] { auto s = T({}); return Outcome::of(transpose(s, 0, 1), s); });
    c.add("numpySwapaxes", "src=N((2,3,4))\nr=src.swapaxes(0,2)", [] { auto s = N({2, 3, 4}); return Outcome::of(transpose(s, 0, 2), s); });
    c.add("numpySwapaxesNamesSecondAxis", "src=N((2,3,4))\nr=src.swapaxes(0,3)",
          [] { auto s = N({2, 3, 4}); return Outcome::of(transpose(s, 0, 3), s); });
    c.add("numpySwapaxesNamesFirstAxis", "src=N((2,3,4))\nr=np.swapaxes(src,-4,0)",
          [] { auto s = N({2, 3, 4}); return Outcome::of(transpose(s, -4, 0), s); });
    c.add("tOfMatrix", "src=T((2,3),grad=True)\nr=src.t()", [] { auto s = T({2, 3}, D::Float32, true); return Outcome::of(t(s), s); });
    c.add("tOfVector", "src=T((3,),grad=True)\nr=src.t()", [] { auto s = T({3}, D::Float32, true); return Outcome::of(t(s), s); });
    c.add("tOfScalarTensor", "src=T((),grad=True)\nr=src.t()", [] { auto s = T({}, D::Float32, true); return Outcome::of(t(s), s); });
    c.add("tRejectsThreeDims", "src=T((2,3,4))\nr=src.t()", [] { auto s = T({2, 3, 4}); return Outcome::of(t(s), s); });
    c.add("dotTOfMatrixDoesNotWarn", "src=T((2,3),grad=True)\nr=src.T",
          [] { auto s = T({2, 3}, D::Float32, true); return Outcome::of(reversedDims(s), s); });
    c.add("dotTOfThreeDimsWarns",
          "src=T((2,3,4),grad=True)\ntorch.set_warn_always(True)\ntry:\n    r=src.T\nfinally:\n    torch.set_warn_always(False)",
          [] { auto s = T({2, 3, 4}, D::Float32, true); WarnAlwaysScope w; return Outcome::of(reversedDims(s), s); });
    c.add("dotTOfVectorWarns", "src=T((3,))\ntorch.set_warn_always(True)\ntry:\n    r=src.T\nfinally:\n    torch.set_warn_always(False)",
          [] { auto s = T({3}); WarnAlwaysScope w; return Outcome::of(reversedDims(s), s); });
    c.add("dotTOfScalarTensorDoesNotWarn", "src=T(())\ntorch.set_warn_always(True)\ntry:\n    r=src.T\nfinally:\n    torch.set_warn_always(False)",
          [] { auto s = T({}); WarnAlwaysScope w; return Outcome::of(reversedDims(s), s); });
    c.add("numpyDotTReversesAllAxes", "src=N((2,3,4))\nr=src.T", [] { auto s = N({2, 3, 4}); return Outcome::of(reversedDims(s), s); });
    c.add("numpyTransposeWithoutAxes", "src=N((2,3),'uint8')\nr=src.transpose()",
          [] { auto s = N({2, 3}, D::UInt8); return Outcome::of(reversedDims(s), s); });
    c.add("numpyDotTOfZeroDim", "src=N(())\nr=src.T", [] { auto s = N({}); return Outcome::of(reversedDims(s), s); });
    c.add("numpyDotTTwiceCollapsesBase", "src=N((2,3))\nr=src.T.T", [] { auto s = N({2, 3}); return Outcome::of(reversedDims(reversedDims(s)), s); });
    c.add("permuteReordersDims", "src=T((2,3,4),grad=True)\nr=src.permute(2,0,1)",
          [] { auto s = T({2, 3, 4}, D::Float32, true); return Outcome::of(permute(s, sh({2, 0, 1})), s); });
    c.add("permuteAcceptsNegativeDims", "src=T((2,3,4))\nr=src.permute(-1,0,1)",
          [] { auto s = T({2, 3, 4}); return Outcome::of(permute(s, sh({-1, 0, 1})), s); });
    c.add("permuteIdentityIsANewView", "src=T((2,3,4))\nr=src.permute(0,1,2)",
          [] { auto s = T({2, 3, 4}); return Outcome::of(permute(s, sh({0, 1, 2})), s); });
    c.add("permuteRejectsWrongLength", "src=T((2,3,4))\nr=src.permute(2,0)",
          [] { auto s = T({2, 3, 4}); return Outcome::of(permute(s, sh({2, 0})), s); });
    c.add("permuteRejectsDuplicates", "src=T((2,3,4))\nr=src.permute(2,0,0)",
          [] { auto s = T({2, 3, 4}); return Outcome::of(permute(s, sh({2, 0, 0})), s); });
    c.add("permuteReportsDuplicateBeforeLaterRange", "src=T((2,3,4))\nr=src.permute(0,0,5)",
          [] { auto s = T({2, 3, 4}); return Outcome::of(permute(s, sh({0, 0, 5})), s); });
    c.add("permuteRejectsOutOfRange", "src=T((2,3,4))\nr=src.permute(2,0,3)",
          [] { auto s = T({2, 3, 4}); return Outcome::of(permute(s, sh({2, 0, 3})), s); });
    c.add("permuteOfScalarTensorWithNoDims", "src=T(())\nr=src.permute(())", [] { auto s = T({}); return Outcome::of(permute(s, sh({})), s); });
    c.add("numpyTransposeWithAxes", "src=N((2,3,4))\nr=src.transpose(2,0,1)",
          [] { auto s = N({2, 3, 4}); return Outcome::of(permute(s, sh({2, 0, 1})), s); });
    c.add("numpyTransposeRejectsWrongLength", "src=N((2,3,4))\nr=src.transpose(2,0)",
          [] { auto s = N({2, 3, 4}); return Outcome::of(permute(s, sh({2, 0})), s); });
    c.add("numpyTransposeRejectsRepeats", "src=N((2,3,4))\nr=src.transpose(2,0,0)",
          [] { auto s = N({2, 3, 4}); return Outcome::of(permute(s, sh({2, 0, 0})), s); });
    c.add("numpyTransposeRejectsOutOfRange", "src=N((2,3,4))\nr=src.transpose(2,0,3)",
          [] { auto s = N({2, 3, 4}); return Outcome::of(permute(s, sh({2, 0, 3})), s); });
}

void addPickCases(CaseList& c)
{
    c.add("selectDropsDim", "src=T((2,3,4),grad=True)\nr=src.select(1,-1)",
          [] { auto s = T({2, 3, 4}, D::Float32, true); return Outcome::of(select(s, 1, -1), s); });
    c.add("selectRejectsScalarTensor", "src=T(())\nr=src.select(0,0)", [] { auto s = T({}); return Outcome::of(select(s, 0, 0), s); });
    c.add("selectRejectsIndexOutOfRange", "src=T((2,3,4))\nr=src.select(1,3)", [] { auto s = T({2, 3, 4}); return Outcome::of(select(s, 1, 3), s); });
    c.add("selectMessageNamesWrappedDim", "src=T((2,3))\nr=src.select(-2,3)", [] { auto s = T({2, 3}); return Outcome::of(select(s, -2, 3), s); });
    c.add("selectRejectsNegativeOutOfRange", "src=T((2,3,4))\nr=src.select(1,-4)",
          [] { auto s = T({2, 3, 4}); return Outcome::of(select(s, 1, -4), s); });
    c.add("selectRejectsDimOutOfRange", "src=T((2,3,4))\nr=src.select(3,0)", [] { auto s = T({2, 3, 4}); return Outcome::of(select(s, 3, 0), s); });
    c.add("selectOfEmptyDim", "src=T((0,2))\nr=src.select(0,0)", [] { auto s = T({0, 2}); return Outcome::of(select(s, 0, 0), s); });
    c.add("narrowTakesARange", "src=T((2,3,4),grad=True)\nr=src.narrow(2,1,2)",
          [] { auto s = T({2, 3, 4}, D::Float32, true); return Outcome::of(narrow(s, 2, 1, 2), s); });
    c.add("narrowAcceptsNegativeStart", "src=T((2,3,4))\nr=src.narrow(2,-2,2)", [] { auto s = T({2, 3, 4}); return Outcome::of(narrow(s, 2, -2, 2), s); });
    c.add("narrowToNothingAtTheEnd", "src=T((2,3,4))\nr=src.narrow(2,4,0)", [] { auto s = T({2, 3, 4}); return Outcome::of(narrow(s, 2, 4, 0), s); });
    c.add("narrowRejectsTooLong", "src=T((2,3,4))\nr=src.narrow(2,3,2)", [] { auto s = T({2, 3, 4}); return Outcome::of(narrow(s, 2, 3, 2), s); });
    c.add("narrowRejectsNegativeLength", "src=T((2,3,4))\nr=src.narrow(2,1,-1)", [] { auto s = T({2, 3, 4}); return Outcome::of(narrow(s, 2, 1, -1), s); });
    c.add("narrowRejectsStartPastEnd", "src=T((2,3,4))\nr=src.narrow(2,5,0)", [] { auto s = T({2, 3, 4}); return Outcome::of(narrow(s, 2, 5, 0), s); });
    c.add("narrowRejectsScalarTensor", "src=T(())\nr=src.narrow(0,0,1)", [] { auto s = T({}); return Outcome::of(narrow(s, 0, 0, 1), s); });
    c.add("diagonalOfMatrix", "src=T((3,4),grad=True)\nr=src.diagonal()",
          [] { auto s = T({3, 4}, D::Float32, true); return Outcome::of(diagonal(s), s); });
    c.add("diagonalAboveMain", "src=T((3,4))\nr=src.diagonal(1)", [] { auto s = T({3, 4}); return Outcome::of(diagonal(s, 1), s); });
    c.add("diagonalBelowMain", "src=T((3,4))\nr=src.diagonal(-1)", [] { auto s = T({3, 4}); return Outcome::of(diagonal(s, -1), s); });
    c.add("diagonalOffTheEndIsEmpty", "src=T((3,4))\nr=src.diagonal(4)", [] { auto s = T({3, 4}); return Outcome::of(diagonal(s, 4), s); });
    c.add("diagonalWithSwappedDims", "src=T((3,4))\nr=src.diagonal(1,1,0)", [] { auto s = T({3, 4}); return Outcome::of(diagonal(s, 1, 1, 0), s); });
    c.add("diagonalOfThreeDims", "src=T((2,3,4))\nr=src.diagonal(0,0,2)", [] { auto s = T({2, 3, 4}); return Outcome::of(diagonal(s, 0, 0, 2), s); });
    c.add("diagonalOfThreeDimsNegativeDims", "src=T((2,3,4),'int64')\nr=src.diagonal(-1,2,1)",
          [] { auto s = T({2, 3, 4}, D::Int64); return Outcome::of(diagonal(s, -1, 2, 1), s); });
    c.add("diagonalOfStridedView", "src=T((3,4))\nr=src[:, ::2].diagonal(1)",
          [] { auto s = T({3, 4}); return Outcome::of(diagonal(getItem(s, std::vector{all(), sl({}, {}, 2)}), 1), s); });
    c.add("diagonalRejectsIdenticalDims", "src=T((3,4))\nr=src.diagonal(0,0,-2)", [] { auto s = T({3, 4}); return Outcome::of(diagonal(s, 0, 0, -2), s); });
    c.add("diagonalRejectsVector", "src=T((3,))\nr=src.diagonal()", [] { auto s = T({3}); return Outcome::of(diagonal(s), s); });
    c.add("numpyDiagonalIsReadOnly", "src=N((3,4))\nr=src.diagonal()", [] { auto s = N({3, 4}); return Outcome::of(diagonal(s), s); });
    c.add("numpyDiagonalAboveMain", "src=N((3,4))\nr=src.diagonal(1)", [] { auto s = N({3, 4}); return Outcome::of(diagonal(s, 1), s); });
    c.add("numpyDiagonalBelowMain", "src=N((3,4),'int8')\nr=src.diagonal(-1)", [] { auto s = N({3, 4}, D::Int8); return Outcome::of(diagonal(s, -1), s); });
    c.add("numpyDiagonalOffTheEnd", "src=N((3,4))\nr=src.diagonal(5)", [] { auto s = N({3, 4}); return Outcome::of(diagonal(s, 5), s); });
    c.add("numpyDiagonalRejectsVector", "src=N((3,))\nr=src.diagonal()", [] { auto s = N({3}); return Outcome::of(diagonal(s), s); });
    c.add("numpyDiagonalRejectsSameAxes", "src=N((3,4))\nr=src.diagonal(0,0,0)", [] { auto s = N({3, 4}); return Outcome::of(diagonal(s, 0, 0, 0), s); });
    c.add("numpyDiagonalNamesSecondAxis", "src=N((3,4))\nr=src.diagonal(0,0,2)", [] { auto s = N({3, 4}); return Outcome::of(diagonal(s, 0, 0, 2), s); });
    c.add("numpyDiagonalNamesFirstAxis", "src=N((3,4))\nr=src.diagonal(0,-3,1)", [] { auto s = N({3, 4}); return Outcome::of(diagonal(s, 0, -3, 1), s); });
}

void addSplitCases(CaseList& c)
{
    c.add("chunkIntoThree", "src=T((10,),grad=True)\nr=src.chunk(3)",
          [] { auto s = T({10}, D::Float32, true); return Outcome::tuple(chunk(s, 3), s); });
    c.add("chunkUnderNoGradKeepsRequiresGrad", "src=T((4,),grad=True)\nwith torch.no_grad():\n    r=src.chunk(2)",
          [] { auto s = T({4}, D::Float32, true); NoGradGuard g; return Outcome::tuple(chunk(s, 2), s); });
    c.add("chunkIntoFourGivesFourParts", "src=T((10,))\nr=src.chunk(4)", [] { auto s = T({10}); return Outcome::tuple(chunk(s, 4), s); });
    c.add("chunkIntoMoreThanElements", "src=T((3,),'int16')\nr=src.chunk(5)", [] { auto s = T({3}, D::Int16); return Outcome::tuple(chunk(s, 5), s); });
    c.add("chunkAlongLastDim", "src=T((2,6))\nr=src.chunk(4,-1)", [] { auto s = T({2, 6}); return Outcome::tuple(chunk(s, 4, -1), s); });
    c.add("chunkOfEmptyKeepsTheCount", "src=T((0,),grad=True)\nr=src.chunk(3)",
          [] { auto s = T({0}, D::Float32, true); return Outcome::tuple(chunk(s, 3), s); });
    c.add("chunkRejectsZero", "src=T((10,))\nr=src.chunk(0)", [] { auto s = T({10}); return Outcome::tuple(chunk(s, 0), s); });
    c.add("chunkRejectsScalarTensorFirst", "src=T(())\nr=src.chunk(0)", [] { auto s = T({}); return Outcome::tuple(chunk(s, 0), s); });
    c.add("chunkRejectsDimOutOfRange", "src=T((10,))\nr=src.chunk(2,1)", [] { auto s = T({10}); return Outcome::tuple(chunk(s, 2, 1), s); });
    c.add("splitBySize", "src=T((10,),grad=True)\nr=src.split(3)", [] { auto s = T({10}, D::Float32, true); return Outcome::tuple(split(s, 3), s); });
    c.add("splitBySizeLargerThanDim", "src=T((10,))\nr=src.split(20)", [] { auto s = T({10}); return Outcome::tuple(split(s, 20), s); });
    c.add("splitAlongDimOne", "src=T((2,5))\nr=src.split(2,1)", [] { auto s = T({2, 5}); return Outcome::tuple(split(s, 2, 1), s); });
    c.add("splitRejectsZeroSize", "src=T((10,))\nr=src.split(0)", [] { auto s = T({10}); return Outcome::tuple(split(s, 0), s); });
    c.add("splitRejectsNegativeSize", "src=T((10,))\nr=src.split(-1)", [] { auto s = T({10}); return Outcome::tuple(split(s, -1), s); });
    c.add("splitOfEmptyBySizeZero", "src=T((0,),grad=True)\nr=src.split(0)", [] { auto s = T({0}, D::Float32, true); return Outcome::tuple(split(s, 0), s); });
    c.add("splitWithSizes", "src=T((10,),grad=True)\nr=src.split([3,7])",
          [] { auto s = T({10}, D::Float32, true); return Outcome::tuple(split(s, sh({3, 7})), s); });
    c.add("splitWithZeroSizes", "src=T((10,))\nr=src.split([0,10,0])", [] { auto s = T({10}); return Outcome::tuple(split(s, sh({0, 10, 0})), s); });
    c.add("splitWithSizesMustSumToDim", "src=T((10,))\nr=src.split([3,6],-1)", [] { auto s = T({10}); return Outcome::tuple(split(s, sh({3, 6}), -1), s); });
    c.add("splitWithSizesRejectsNegatives", "src=T((10,))\nr=src.split([11,-1])", [] { auto s = T({10}); return Outcome::tuple(split(s, sh({11, -1})), s); });
    c.add("splitWithNoSizes", "src=T((10,))\nr=src.split([])", [] { auto s = T({10}); return Outcome::tuple(split(s, sh({})), s); });
    c.add("splitRejectsScalarTensor", "src=T(())\nr=src.split([1])", [] { auto s = T({}); return Outcome::tuple(split(s, sh({1})), s); });
    c.add("unbindAlongColumns", "src=T((2,3),grad=True)\nr=src.unbind(1)",
          [] { auto s = T({2, 3}, D::Float32, true); return Outcome::tuple(unbind(s, 1), s); });
    c.add("unbindAlongLastDim", "src=T((2,3),'bool')\nr=src.unbind(-1)", [] { auto s = T({2, 3}, D::Bool); return Outcome::tuple(unbind(s, -1), s); });
    c.add("unbindOfEmptyDim", "src=T((0,3))\nr=src.unbind(0)", [] { auto s = T({0, 3}); return Outcome::tuple(unbind(s, 0), s); });
    c.add("unbindRejectsScalarTensor", "src=T(())\nr=src.unbind(-1)", [] { auto s = T({}); return Outcome::tuple(unbind(s, -1), s); });
    c.add("unbindOfScalarTensorRangeChecksFirst", "src=T(())\nr=src.unbind(1)", [] { auto s = T({}); return Outcome::tuple(unbind(s, 1), s); });
    c.add("unbindRejectsDimOutOfRange", "src=T((2,3))\nr=src.unbind(2)", [] { auto s = T({2, 3}); return Outcome::tuple(unbind(s, 2), s); });
}

void addSqueezeExpandCases(CaseList& c)
{
    c.add("squeezeRemovesSizeOneDims", "src=T((1,3,1),grad=True)\nr=src.squeeze()",
          [] { auto s = T({1, 3, 1}, D::Float32, true); return Outcome::of(squeeze(s), s); });
    c.add("squeezeWithNothingToSqueezeIsANewView", "src=T((2,3))\nr=src.squeeze()", [] { auto s = T({2, 3}); return Outcome::of(squeeze(s), s); });
    c.add("squeezeOfAllOnesGivesScalarTensor", "src=T((1,1))\nr=src.squeeze()", [] { auto s = T({1, 1}); return Outcome::of(squeeze(s), s); });
    c.add("squeezeOfScalarTensor", "src=T(())\nr=src.squeeze()", [] { auto s = T({}); return Outcome::of(squeeze(s), s); });
    c.add("squeezeDimOfSizeOne", "src=T((2,1,3),grad=True)\nr=src.squeeze(1)",
          [] { auto s = T({2, 1, 3}, D::Float32, true); return Outcome::of(squeeze(s, sh({1})), s); });
    c.add("squeezeDimOfOtherSizeIsANewView", "src=T((2,3),grad=True)\nr=src.squeeze(-1)",
          [] { auto s = T({2, 3}, D::Float32, true); return Outcome::of(squeeze(s, sh({-1})), s); });
    c.add("squeezeDimRejectsOutOfRange", "src=T((2,3))\nr=src.squeeze(2)", [] { auto s = T({2, 3}); return Outcome::of(squeeze(s, sh({2})), s); });
    c.add("squeezeDimOfScalarTensor", "src=T(())\nr=src.squeeze(-1)", [] { auto s = T({}); return Outcome::of(squeeze(s, sh({-1})), s); });
    c.add("numpySqueezeRemovesSizeOneDims", "src=N((1,3,1))\nr=src.squeeze()", [] { auto s = N({1, 3, 1}); return Outcome::of(squeeze(s), s); });
    c.add("numpySqueezeWithNothingToSqueezeIsTheSameArray", "src=N((2,3))\nr=src.squeeze()", [] { auto s = N({2, 3}); return Outcome::of(squeeze(s), s); });
    c.add("numpySqueezeOfZeroDimIsTheSameArray", "src=N(())\nr=src.squeeze()", [] { auto s = N({}); return Outcome::of(squeeze(s), s); });
    c.add("numpySqueezeAxisOfZeroDimIsTheSameArray", "src=N(())\nr=src.squeeze(0)", [] { auto s = N({}); return Outcome::of(squeeze(s, sh({0})), s); });
    c.add("numpySqueezeAxis", "src=N((2,1,3))\nr=src.squeeze(-2)", [] { auto s = N({2, 1, 3}); return Outcome::of(squeeze(s, sh({-2})), s); });
    c.add("numpySqueezeAxisTuple", "src=N((1,1,3))\nr=src.squeeze((0,1))", [] { auto s = N({1, 1, 3}); return Outcome::of(squeeze(s, sh({0, 1})), s); });
    c.add("numpySqueezeRejectsAxisNotOne", "src=N((2,3))\nr=src.squeeze(0)", [] { auto s = N({2, 3}); return Outcome::of(squeeze(s, sh({0})), s); });
    c.add("numpySqueezeRejectsAxisOutOfRange", "src=N((2,3))\nr=src.squeeze(2)", [] { auto s = N({2, 3}); return Outcome::of(squeeze(s, sh({2})), s); });
    c.add("numpySqueezeRejectsDuplicateAxes", "src=N((1,1,3))\nr=src.squeeze((0,0))", [] { auto s = N({1, 1, 3}); return Outcome::of(squeeze(s, sh({0, 0})), s); });
    c.add("unsqueezeAtEnd", "src=T((2,3),grad=True)\nr=src.unsqueeze(-1)",
          [] { auto s = T({2, 3}, D::Float32, true); return Outcome::of(unsqueeze(s, -1), s); });
    c.add("unsqueezeInsideStridedView", "src=T((2,4,3))\nr=src[:, ::2].unsqueeze(2)",
          [] { auto s = T({2, 4, 3}); return Outcome::of(unsqueeze(getItem(s, std::vector{all(), sl({}, {}, 2)}), 2), s); });
    c.add("unsqueezeAtFrontOfStridedView", "src=T((2,4,3))\nr=src[:, ::2].unsqueeze(0)",
          [] { auto s = T({2, 4, 3}); return Outcome::of(unsqueeze(getItem(s, std::vector{all(), sl({}, {}, 2)}), 0), s); });
    c.add("unsqueezeOfTransposed", "src=T((2,3,4))\nr=src.transpose(0,2).unsqueeze(1)",
          [] { auto s = T({2, 3, 4}); return Outcome::of(unsqueeze(transpose(s, 0, 2), 1), s); });
    c.add("unsqueezeOfScalarTensor", "src=T(())\nr=src.unsqueeze(-1)", [] { auto s = T({}); return Outcome::of(unsqueeze(s, -1), s); });
    c.add("unsqueezeRejectsOutOfRange", "src=T((2,3))\nr=src.unsqueeze(3)", [] { auto s = T({2, 3}); return Outcome::of(unsqueeze(s, 3), s); });
    c.add("unsqueezeRejectsNegativeOutOfRange", "src=T((2,3))\nr=src.unsqueeze(-4)", [] { auto s = T({2, 3}); return Outcome::of(unsqueeze(s, -4), s); });
    c.add("expandBroadcastsWithZeroStride", "src=T((3,),grad=True)\nr=src.expand(2,-1)",
          [] { auto s = T({3}, D::Float32, true); return Outcome::of(expand(s, sh({2, -1})), s); });
    c.add("expandAddsLeadingDims", "src=T((3,1))\nr=src.expand(2,3,4)", [] { auto s = T({3, 1}); return Outcome::of(expand(s, sh({2, 3, 4})), s); });
    c.add("expandToSameSizeIsANewView", "src=T((3,))\nr=src.expand(3)", [] { auto s = T({3}); return Outcome::of(expand(s, sh({3})), s); });
    c.add("expandOfScalarTensor", "src=T(())\nr=src.expand(2,3)", [] { auto s = T({}); return Outcome::of(expand(s, sh({2, 3})), s); });
    c.add("expandOfEmpty", "src=T((0,))\nr=src.expand(2,0)", [] { auto s = T({0}); return Outcome::of(expand(s, sh({2, 0})), s); });
    c.add("expandOfStridedView", "src=T((3,1))\nr=src[::2].expand(2,2,3)",
          [] { auto s = T({3, 1}); return Outcome::of(expand(getItem(s, std::vector{sl({}, {}, 2)}), sh({2, 2, 3})), s); });
    c.add("expandRejectsMismatch", "src=T((3,))\nr=src.expand(2,4)", [] { auto s = T({3}); return Outcome::of(expand(s, sh({2, 4})), s); });
    c.add("expandRejectsLeadingMinusOne", "src=T((3,))\nr=src.expand(-1,3)", [] { auto s = T({3}); return Outcome::of(expand(s, sh({-1, 3})), s); });
    c.add("expandRejectsFewerSizes", "src=T((3,1))\nr=src.expand(4)", [] { auto s = T({3, 1}); return Outcome::of(expand(s, sh({4})), s); });
    c.add("expandRejectsMinusTwo", "src=T((3,))\nr=src.expand(2,-2)", [] { auto s = T({3}); return Outcome::of(expand(s, sh({2, -2})), s); });
    c.add("expandRejectsEmptyToOne", "src=T((0,))\nr=src.expand(2,1)", [] { auto s = T({0}); return Outcome::of(expand(s, sh({2, 1})), s); });
    c.add("expandAsOther", "src=T((3,),'int8')\nr=src.expand_as(torch.zeros(4,3))",
          [] { auto s = T({3}, D::Int8); return Outcome::of(expandAs(s, T({4, 3})), s); });
    c.add("expandAsRejectsMismatch", "src=T((3,))\nr=src.expand_as(torch.zeros(4,2))",
          [] { auto s = T({3}); return Outcome::of(expandAs(s, T({4, 2})), s); });
}

}  // namespace

class TestViews : public QObject {
    Q_OBJECT

public:
    TestViews() : m_suite(buildCases()) {}

private:
    static std::vector<OracleCase> buildCases()
    {
        CaseList c;
        addViewAndReshapeCases(c);
        addFlattenCases(c);
        addTransposeCases(c);
        addPickCases(c);
        addSplitCases(c);
        addSqueezeExpandCases(c);
        return c.take();
    }

private slots:
    void initTestCase() { m_suite.askOracle(); }

    void viewOpsMatchRealLibraries_data() { m_suite.addRows(); }
    void viewOpsMatchRealLibraries() { m_suite.checkCurrentRow(); }

    // NumPy can make a view whose byte strides are no whole number of elements; aliasview says so.
    void numpyViewWithUnrepresentableStridesIsRefused()
    {
        auto s = N({3, 5}, D::Int8);
        auto part = getItem(s, std::vector{all(), sl(1, 5)});
        try {
            viewAsDType(part, D::Int32);
            QFAIL("expected NotImplementedError");
        } catch (const PyError& error) {
            QCOMPARE(QString::fromStdString(error.typeName()), QStringLiteral("NotImplementedError"));
            QVERIFY(error.message().find("not whole multiples of the new itemsize 4") != std::string::npos);
        }
    }

    // .T warns once per process, as TORCH_WARN_ONCE does, unless warn-always is on.
    void dotTWarnsOnlyOnceByDefault()
    {
        int warnings = 0;
        WarningScope scope([&](const EngineWarning&) { ++warnings; });
        auto s = T({2, 3, 4});
        reversedDims(s);
        reversedDims(s);
        const int byDefault = warnings;
        QVERIFY(byDefault <= 1);
        {
            WarnAlwaysScope always;
            reversedDims(s);
            reversedDims(s);
        }
        QCOMPARE(warnings - byDefault, 2);
        reversedDims(s);
        QCOMPARE(warnings - byDefault, 2);
    }

    void computeViewStridesFollowsATen()
    {
        Strides out;
        QVERIFY(computeViewStrides(Shape{6}, Strides{2}, Shape{3, 2}, out));
        QCOMPARE(out, (Strides{4, 2}));
        QVERIFY(!computeViewStrides(Shape{2, 3}, Strides{1, 2}, Shape{6}, out));
        QVERIFY(!computeViewStrides(Shape{2, 2}, Strides{3, 1}, Shape{4}, out));
        QVERIFY(computeViewStrides(Shape{2, 3}, Strides{3, 1}, Shape{3, 1, 2}, out));
        QCOMPARE(out, (Strides{2, 2, 1}));
        QVERIFY(computeViewStrides(Shape{}, Strides{}, Shape{1, 1}, out));
        QCOMPARE(out, (Strides{1, 1}));
    }

private:
    OracleSuite m_suite;
};

AV_TEST_MAIN(TestViews)
#include "tst_views.moc"
