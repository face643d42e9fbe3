// numpy.ndarray's attributes and methods, bound to the engine's ops; each lands in the registry.

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

void defineNdarray(TypeInfo& t)
{
    defineShared(t, kNdarrayOwner, Flavour::Numpy);
    const std::string owner = kNdarrayOwner;
    defineProperty(t, owner, "dtype", "the element type, e.g. dtype('float64')",
                   [](Interpreter&, const ObjectPtr& self) { return numpyDTypeObject(selfArray(self)->dtype()); });
    defineProperty(t, owner, "strides", "the strides in bytes", [](Interpreter&, const ObjectPtr& self) {
        return intTuple(selfArray(self)->byteStrides());
    });
    defineProperty(t, owner, "itemsize", "bytes per element", [](Interpreter&, const ObjectPtr& self) { return makeInt(selfArray(self)->itemsize()); });
    defineProperty(t, owner, "nbytes", "bytes of all elements", [](Interpreter&, const ObjectPtr& self) { return makeInt(selfArray(self)->nbytes()); });
    defineProperty(t, owner, "size", "the number of elements", [](Interpreter&, const ObjectPtr& self) { return makeInt(selfArray(self)->numel()); });
    defineProperty(t, owner, "base", "the object whose memory this array uses, or None",
                   [](Interpreter& interpreter, const ObjectPtr& self) {
                       const ArrayPtr& base = selfArray(self)->base();
                       return base ? interpreter.wrap(base) : none();
                   });
    defineProperty(t, owner, "flags", "C_CONTIGUOUS, F_CONTIGUOUS, OWNDATA, WRITEABLE, ...",
                   [](Interpreter&, const ObjectPtr& self) { return numpyFlags(selfArray(self)); });
    defineProperty(t, owner, "ctypes", "ctypes.data is the address of element [0,...]",
                   [](Interpreter&, const ObjectPtr& self) { return numpyCtypes(selfArray(self)); });
    defineProperty(t, owner, "__array_interface__", "the array interface dict, with 'data': (address, read-only)",
                   [](Interpreter& interpreter, const ObjectPtr& self) { return arrayInterface(interpreter, selfArray(self)); });
    defineMethod(t, owner, "copy", "(order='C')", "a copy with its own memory", [](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) {
        args.bind("copy()", "(order='C')");
        return interpreter.wrap(ndarrayCopy(selfArray(self)));
    });
    defineMethod(t, owner, "astype", "(dtype, copy=True)", "a converted copy; self with copy=False when nothing changes",
                 [](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) {
                     args.bind("astype()", "(dtype, order='K', casting='unsafe', subok=True, copy=True)");
                     const DType dtype = *dtypeArgument(args.get("dtype"), Flavour::Numpy, "astype()");
                     const bool copy = !args.has("copy") || interpreter.truthy(args.get("copy"));
                     return interpreter.wrap(astype(selfArray(self), dtype, copy));
                 });
    defineMethod(t, owner, "ravel", "(order='C')", "a flat view when contiguous, else a copy",
                 [](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) {
                     args.bind("ravel()", "(order='C')");
                     return interpreter.wrap(ravel(selfArray(self)));
                 });
    defineMethod(t, owner, "flatten", "(order='C')", "always a flat copy", [](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) {
        args.bind("flatten()", "(order='C')");
        return interpreter.wrap(flatten(selfArray(self)));
    });
    defineMethod(t, owner, "view", "(dtype=None)", "a new view of the same memory, possibly as another dtype",
                 [](Interpreter& interpreter, const ObjectPtr& self, CallArgs& args) {
                     args.bind("view()", "(dtype=None, type=None)");
                     const std::optional<DType> dtype = dtypeArgument(args.get("dtype"), Flavour::Numpy, "view()");
                     return interpreter.wrap(dtype ? viewAsDType(selfArray(self), *dtype) : alias(selfArray(self)));
                 });
    defineMethod(t, owner, "fill", "(value)", "fills the array in place", [](Interpreter&, const ObjectPtr& self, CallArgs& args) {
        args.bind("fill()", "(value)");
        fillInplace(selfArray(self), valueArgument(args.get("value"), "fill()", "value"));
        return none();
    });
}

}  // namespace av::engine::py
