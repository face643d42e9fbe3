#include "autograd.h"

#include "errors.h"

namespace av::engine {

namespace {
thread_local bool t_gradEnabled = true;

constexpr const char* kAsStrided = "AsStridedBackward0";

// torch's handle_view_on_rebase (1.13): a view that is not of the default kind may not be rebased, neither
// directly (an in-place op on it) nor indirectly (its grad_fn regenerated after its base, or another view
// of it, was written). The message names the view's stored grad_fn, and without one assumes no_grad, even
// for a split part of a base that required no grad. A view made with grad mode on from a no_grad view has
// a grad_fn and inherits NO_GRAD_MODE, which 1.13 did not foresee: it fails its own internal assert.
void refuseRebaseOfSpecialView(const Array& view, bool indirect)
{
    const ViewCreation creation = view.viewCreation();
    if (creation == ViewCreation::Default)
        return;
    const std::string& gradFn = view.storedGradFn();
    const char* modified = indirect ? "its base or another view of its base has been" : "is being";
    std::string message =
        gradFn.empty()
            ? concat("A view was created in no_grad mode and ", modified, " modified inplace with grad mode enabled.")
            : concat("Output ", view.outputNumber(), " of ", gradFn, " is a view and ", modified, " modified inplace.");
    if (creation == ViewCreation::MultiOutputNode) {
        message += " This view is the output of a function that returns multiple views. Such functions do not allow "
                   "the output views to be modified inplace. You should replace the inplace operation by an "
                   "out-of-place one.";
    } else {
        AV_CHECK(gradFn.empty(), runtimeError,
                 "!grad_fn INTERNAL ASSERT FAILED at \"./torch/csrc/autograd/variable.cpp\":792, please report a bug "
                 "to PyTorch. ");
        message += " Given that this use case is ambiguous and error-prone, it is forbidden. You can clarify your code "
                   "by moving both the view and the inplace either both inside the no_grad block (if you don't want "
                   "the inplace to be tracked) or both outside (if you want the inplace to be tracked).";
    }
    throw runtimeError(message);
}

}  // namespace

bool GradMode::isEnabled() { return t_gradEnabled; }
void GradMode::setEnabled(bool enabled) { t_gradEnabled = enabled; }

// torch's DifferentiableViewMeta::requires_grad: a view follows its base live, so a view made under
// no_grad, or before its base was given requires_grad_(), still reports True.
bool Array::requiresGrad() const
{
    return m_requiresGrad || !m_gradFn.empty() || (m_viewBase && m_viewBase->requiresGrad());
}

// NOTE [ View grad_fn regeneration ]
// Every view remembers the version of the shared counter at which its grad_fn was set (torch's
// attr_version). An in-place op through the base or through any view of it bumps that counter, so the
// view's recorded history (SelectBackward0, ...) no longer describes how its values came about. torch does
// not walk all views at that moment; it regenerates a view's grad_fn lazily, when it is next read, as one
// AsStridedBackward0 from the base: the in-place op's own view gets the same. Views that may not be rebased
// (made under no_grad, or outputs of split/chunk/unbind) raise instead, every time they are read. A view
// with no grad_fn of a base that requires no grad is left alone.
const std::string& Array::gradFn() const
{
    if (!m_viewBase || (m_gradFn.empty() && !m_viewBase->requiresGrad()))
        return m_gradFn;
    if (m_gradFnVersion != version()) {
        refuseRebaseOfSpecialView(*this, /*indirect=*/true);
        m_gradFn = kAsStrided;
        m_gradFnVersion = version();
    }
    return m_gradFn;
}

void Array::setGradFn(std::string name)
{
    m_gradFn = std::move(name);
    m_gradFnVersion = version();
}

void checkInplaceAutograd(const Array& dst, bool inputRequiresGrad)
{
    if (!dst.isTensor() || !GradMode::isEnabled() || !(dst.requiresGrad() || inputRequiresGrad))
        return;
    if (dst.isView()) {
        refuseRebaseOfSpecialView(dst, /*indirect=*/false);
        // Reported before the leaf rule: torch checks the view's base first.
        AV_CHECK(!(dst.requiresGrad() && dst.viewBase()->isLeaf()), runtimeError,
                 "a view of a leaf Variable that requires grad is being used in an in-place operation.");
    }
    AV_CHECK(!(dst.requiresGrad() && dst.isLeaf()), runtimeError,
             "a leaf Variable that requires grad is being used in an in-place operation.");
}

void recordOp(Array& out, std::string_view gradFn, std::initializer_list<const Array*> inputs)
{
    if (!GradMode::isEnabled())
        return;
    for (const Array* input : inputs) {
        if (input && input->isTensor() && input->requiresGrad()) {
            out.setGradFn(std::string(gradFn));
            return;
        }
    }
}

void initViewAutograd(Array& view, const Array& base)
{
    // torch's propagate_creation_meta: a view made with grad mode on inherits how its base was made, so a
    // view of a split part is as unwritable as the part.
    ViewCreation creation = GradMode::isEnabled() ? ViewCreation::Default : ViewCreation::NoGradMode;
    if (creation == ViewCreation::Default && base.isView())
        creation = base.viewCreation();
    view.setViewCreation(creation);
    view.setGradFnVersion(view.version());
}

void recordMultiOutputView(Array& part, std::string_view gradFn, std::int64_t outputNumber)
{
    // Under no_grad the part is already a no_grad view, which says more than "multi-output".
    if (GradMode::isEnabled())
        part.setViewCreation(ViewCreation::MultiOutputNode);
    part.setOutputNumber(outputNumber);
    if (!part.storedGradFn().empty())
        part.setGradFn(std::string(gradFn));
}

void recordInplaceOp(Array& dst, std::string_view gradFn, bool inputRequiresGrad)
{
    if (!GradMode::isEnabled() || !(dst.requiresGrad() || inputRequiresGrad))
        return;
    if (dst.isView()) {
        // torch's rebase_history: the base's history is the op applied to a slice of it (CopySlices), and
        // the view, whose version the write has just moved, regenerates as AsStridedBackward0 from the base.
        dst.viewBase()->setGradFn("CopySlices");
        dst.setGradFn(kAsStrided);
        return;
    }
    dst.setGradFn(std::string(gradFn));
}

void setRequiresGradAttribute(Array& tensor, bool value)
{
    // THPVariable_set_requires_grad: the long hint only when turning requires_grad off.
    AV_CHECK(tensor.isLeaf(), runtimeError, "you can only change requires_grad flags of leaf variables.",
             value ? "" : " If you want to use a computed variable in a subgraph that doesn't require "
                          "differentiation use var_no_grad = var.detach().");
    AV_CHECK(!value || isFloating(tensor.dtype()), runtimeError,
             "only Tensors of floating point and complex dtype can require gradients");
    tensor.setRequiresGrad(value);
}

}  // namespace av::engine
