#pragma once
// The parts of autograd that decide what users see: requires_grad, is_leaf, the grad_fn name, _base and
// _version, grad mode (torch.no_grad) and the rules for in-place ops on leaves and views. No gradients are
// computed. The Array accessors requiresGrad() and gradFn() are defined here too, beside the rules they
// follow.

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

// torch's check_inplace, before an in-place op writes dst: while grad mode is on and dst or another input
// of the op requires grad, a view made under no_grad or by split/chunk/unbind may not be written, nor a
// leaf that requires grad, nor a view of such a leaf. Each refusal is torch's RuntimeError.
void checkInplaceAutograd(const Array& dst, bool inputRequiresGrad = false);

// Marks `out` as produced by a differentiable op named gradFn when grad mode is on and an input requires
// grad. View ops call it too (through deriveView): a view's requires_grad otherwise follows its base.
void recordOp(Array& out, std::string_view gradFn, std::initializer_list<const Array*> inputs);

// The autograd side of every new torch view of `base` (makeView calls it): how the view was made (under
// no_grad or not, inherited from base when base is itself a view, as torch propagates CreationMeta) and
// the version its grad_fn belongs to.
void initViewAutograd(Array& view, const Array& base);

// split / chunk / unbind: `part` is output number `outputNumber` of one multi-output view op named gradFn.
// Such outputs may not be written in place while grad mode is on.
void recordMultiOutputView(Array& part, std::string_view gradFn, std::int64_t outputNumber);

// After an in-place op on dst (torch's rebase_history), when grad mode is on and dst or an input requires
// grad: a tensor that is no view takes the op's grad_fn; for a view, its base takes CopySlices and the view
// itself AsStridedBackward0. Other views of the same base regenerate theirs when next read
// (NOTE [ View grad_fn regeneration ] in autograd.cpp).
void recordInplaceOp(Array& dst, std::string_view gradFn, bool inputRequiresGrad);

// `t.requires_grad = value`, the property: unlike requires_grad_() it refuses any change on a non-leaf,
// with its own wording, and names complex types in the dtype refusal.
void setRequiresGradAttribute(Array& tensor, bool value);

}  // namespace av::engine
