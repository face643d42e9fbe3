#pragma once
// Element-by-element cast-copy and fill, the work under copy_, clone, contiguous, astype, .to(),
// item assignment and every factory. Into existing memory they go through the write path; into a freshly
// allocated array they skip it, since nothing existing is written.

#include "array.h"
#include "scalar.h"
#include "writepath.h"

namespace av::engine {

// src broadcast to dst's shape (the caller has checked that it broadcasts), cast to dst's dtype with the
// rules of dst's library.
void copyIntoFresh(Array& dst, const Array& src);
void copyIntoExisting(Array& dst, const Array& src, const WriteContext& context);

// value converted as the library's fill/setitem converts a Python number (storeScalar in arrayfactory.h).
void fillFresh(Array& dst, const Scalar& value);
void fillExisting(Array& dst, const Scalar& value, const WriteContext& context);

// A new C-contiguous array of the given flavour and dtype holding src's values.
ArrayPtr contiguousCopy(const Array& src, Flavour flavour, DType dtype);

// src converted to dtype, sharing nothing; returns src itself when nothing needs converting and it is
// contiguous. Used for operands, whose conversion is never visible.
ArrayPtr operandAs(const ArrayPtr& src, DType dtype);

}  // namespace av::engine
