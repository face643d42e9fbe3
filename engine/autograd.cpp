#include "autograd.h"

#include "errors.h"

namespace av::engine {

namespace {
thread_local bool t_gradEnabled = true;
}

bool GradMode::isEnabled() { return t_gradEnabled; }
void GradMode::setEnabled(bool enabled) { t_gradEnabled = enabled; }

void checkInplaceAutograd(const Array& dst)
{
    // As torch's check_inplace: only a tensor that requires grad is checked, and a view of a leaf is
    // reported as such before the leaf rule.
    if (!GradMode::isEnabled() || !dst.requiresGrad())
        return;
    AV_CHECK(!(dst.isView() && dst.viewBase()->isLeaf()), runtimeError,
             "a view of a leaf Variable that requires grad is being used in an in-place operation.");
    AV_CHECK(!dst.isLeaf(), runtimeError, "a leaf Variable that requires grad is being used in an in-place operation.");
}

void recordOp(Array& out, std::string_view gradFn, std::initializer_list<const Array*> inputs)
{
    if (!GradMode::isEnabled())
        return;
    for (const Array* input : inputs) {
        if (input && input->isTensor() && input->requiresGrad()) {
            out.setRequiresGrad(true);
            out.setGradFn(std::string(gradFn));
            return;
        }
    }
}

void recordInplaceOp(Array& dst, std::string_view gradFn, bool inputRequiresGrad)
{
    if (!GradMode::isEnabled() || !(dst.requiresGrad() || inputRequiresGrad))
        return;
    dst.setRequiresGrad(true);
    // A view written in place gets its grad_fn regenerated from its base as AsStridedBackward0.
    dst.setGradFn(dst.isView() ? std::string("AsStridedBackward0") : std::string(gradFn));
    if (dst.isView()) {
        Array& base = *dst.viewBase();
        base.setRequiresGrad(true);
        base.setGradFn("CopySlices");
    }
}

}  // namespace av::engine
