#pragma once
// repr() and str() of numpy.ndarray and of NumPy scalars, as numpy/core/arrayprint.py (NumPy 1.24) writes
// them with the default print options: precision 8, floatmode 'maxprec', suppress False, threshold 1000,
// edgeitems 3, linewidth 75, sign '-', legacy False.

#include "engine/array.h"

#include <string>

namespace av::engine {

// "array([[0., 1.],\n       [2., 3.]], dtype=float32)"
std::string ndarrayRepr(const Array& array);
// "[[0. 1.]\n [2. 3.]]"; a 0-d array prints as its scalar.
std::string ndarrayStr(const Array& array);

// repr(np.float32(3.0)) == "3.0", repr(np.float64(1e20)) == "1e+20", repr(np.bool_(True)) == "True".
// In NumPy 1.24 str() gives the same text. The array holds the scalar's one element.
std::string numpyScalarRepr(const Array& scalar);
std::string numpyScalarStr(const Array& scalar);

} // namespace av::engine
