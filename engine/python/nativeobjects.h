#pragma once
// The Python objects of torch and numpy that are not arrays (dtypes, devices, torch.Size, storages,
// NumPy's flags and ctypes, context managers, named tuples), and the conversions every binding needs:
// a Python argument as a dtype, a shape, an int, a Scalar or an array, with the libraries' TypeErrors.

#include "callargs.h"
#include "interpreter.h"
#include "object.h"

#include "engine/array.h"
#include "engine/device.h"
#include "engine/storage.h"

#include <optional>
#include <string>

namespace av::engine::py {

// ---- dtypes ------------------------------------------------------------------------------------------

// torch.float32 and friends: one object per dtype (torch.float and torch.float32 are the same object).
ObjectPtr torchDTypeObject(DType dtype);
// np.dtype('float32'): what ndarray.dtype returns.
ObjectPtr numpyDTypeObject(DType dtype);
// numpy.dtype itself: the class every numpy.dtype[float32] ... derives from. numpymodule.cpp gives it its
// constructor and the attributes all dtypes share.
TypeInfo& numpyDTypeClass();
// A dtype argument as either library accepts it: torch.float32, np.float32 (a type), np.dtype('float32'),
// 'float32', or Python's float / int / bool. flavour decides what float and int mean.
std::optional<DType> dtypeArgument(const ObjectPtr& value, Flavour flavour, std::string_view function);

// ---- devices and shapes -----------------------------------------------------------------------------

ObjectPtr deviceObject(Device device);
std::optional<Device> deviceArgument(const ObjectPtr& value);
// torch.Size([2, 3]): a tuple subclass.
const TypeInfo& torchSizeType();
ObjectPtr torchSize(const Shape& sizes);
ObjectPtr intTuple(IntSpan values);
// A shape given as *size or as one sequence (t.view(2, 3) and t.view((2, 3)) are the same).
Shape shapeArgument(const std::vector<ObjectPtr>& variadic, std::string_view function);
Shape shapeFromObject(const ObjectPtr& value, std::string_view function);

// ---- numbers and arrays -----------------------------------------------------------------------------

std::int64_t intArgument(const ObjectPtr& value, std::string_view function, std::string_view parameter);
double floatArgument(const ObjectPtr& value, std::string_view function, std::string_view parameter);
bool boolArgument(Interpreter& interpreter, const ObjectPtr& value);
// A Python number (or NumPy scalar / one-element 0-d array) as a Scalar; nullopt when it is not a number.
std::optional<Scalar> scalarArgument(const ObjectPtr& value);
// An array argument; raises TypeError "<function>: argument '<name>' must be Tensor, not str".
const ArrayPtr& arrayArgument(const ObjectPtr& value, std::string_view function, std::string_view parameter);
// An operand: an array or a Python number.
Value valueArgument(const ObjectPtr& value, std::string_view function, std::string_view parameter);
const ArrayPtr& selfArray(const ObjectPtr& self);

// ---- torch storages -----------------------------------------------------------------------------------

// What t.storage() returns: a new TypedStorage object on every call, over the tensor's storage.
ObjectPtr typedStorage(const ArrayPtr& tensor);

// ---- NumPy's flags, ctypes and __array_interface__ ----------------------------------------------------

ObjectPtr numpyFlags(const ArrayPtr& array);
ObjectPtr numpyCtypes(const ArrayPtr& array);
ObjectPtr arrayInterface(Interpreter& interpreter, const ArrayPtr& array);

// ---- torch's other small objects ------------------------------------------------------------------------

// torch.strided (the only layout aliasview has) and torch.contiguous_format / preserve_format /
// channels_last: objects that print as their names.
ObjectPtr torchLayoutObject();
ObjectPtr torchMemoryFormatObject(const std::string& name);
// torch.default_generator, what torch.manual_seed returns: its seed drives rand / randn / randint.
ObjectPtr torchGeneratorObject();
void seedTorchGenerator(std::uint64_t seed);
std::uint64_t torchInitialSeed();
// The next 64 random bits of the generator (a seeded 64-bit Mersenne Twister; not PyTorch's values).
std::uint64_t nextTorchRandom();

// ---- context managers and named tuples ------------------------------------------------------------------

// torch.no_grad() / torch.enable_grad(): sets grad mode on __enter__, restores it on __exit__.
ObjectPtr gradModeContext(bool enabled);
// torch.set_grad_enabled(mode): sets grad mode at once (it is also a function); as a context manager,
// __exit__ restores the mode it found.
ObjectPtr setGradEnabledContext(bool enabled);
// torch.return_types.max(values=..., indices=...).
ObjectPtr returnTypes(Interpreter& interpreter, const std::string& name, const ArrayPtr& values, const ArrayPtr& indices);

// ---- defining bindings ------------------------------------------------------------------------------------

// Adds a function to a module and to the registry: def(torch, "arange", "(...)", "summary", fn).
void defineFunction(ModuleObject& module, const std::string& owner, const std::string& name, const std::string& signature,
                    const std::string& summary, NativeFunction function);
// Adds a method or a property to a type and to the registry.
void defineMethod(TypeInfo& type, const std::string& owner, const std::string& name, const std::string& signature,
                  const std::string& summary, NativeFunction function);
void defineProperty(TypeInfo& type, const std::string& owner, const std::string& name, const std::string& summary,
                    Getter getter);
// A property a script may assign (x.requires_grad = True): registered as `__setattr__<name>`.
void defineSetter(TypeInfo& type, const std::string& name, NativeFunction setter);

}  // namespace av::engine::py
