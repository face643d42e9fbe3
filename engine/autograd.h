#pragma once
// The parts of autograd that decide what users see: requires_grad, is_leaf, the grad_fn name, grad mode
// (torch.no_grad) and the in-place rules for leaves. No gradients are computed.

#include "array.h"

#include <initializer_list>
#include <string_view>

namespace av::engine {

class GradMode {
public:
    static bool isEnabled();
    static void setEnabled(bool enabled);
};

// torch.no_grad(): grad mode off for this scope.
class NoGradGuard {
public:
    NoGradGuard() : m_previous(GradMode::isEnabled()) { GradMode::setEnabled(false); }
    ~NoGradGuard() { GradMode::setEnabled(m_previous); }
    NoGradGuard(const NoGradGuard&) = delete;
    NoGradGuard& operator=(const NoGradGuard&) = delete;

private:
    bool m_previous;
};

// The leaf rules PyTorch checks before an in-place op while grad mode is on.
void checkInplaceAutograd(const Array& dst);

// Marks `out` as produced by a differentiable op when grad mode is on and an input requires grad.
void recordOp(Array& out, std::string_view gradFn, std::initializer_list<const Array*> inputs);
// The same for an in-place op on dst; a view's base then gets grad_fn CopySlices, as in PyTorch.
void recordInplaceOp(Array& dst, std::string_view gradFn, bool inputRequiresGrad);

}  // namespace av::engine
