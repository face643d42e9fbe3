#pragma once
// torch's PythonArgParser: a function's overloads, written as torch's generated bindings write them
// ("add(Tensor other, *, Scalar alpha=1)"), tried in order against a call's arguments, with the exact
// TypeErrors torch 1.13 raises when none fits ("add(): argument 'other' (position 1) must be Tensor, not
// str", "... received an invalid combination of arguments - got (...), but expected one of: ...").

#include "callargs.h"
#include "object.h"

#include "engine/array.h"
#include "engine/device.h"
#include "engine/scalar.h"

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace av::engine::py {

class TorchArgs;

class TorchParser {
public:
    // One string per overload: "name(Type name=default, *, Type? name=None)", optionally ending in
    // "|hidden" or "|deprecated" (such overloads are tried last and never listed in messages).
    TorchParser(std::initializer_list<const char*> signatures);
    explicit TorchParser(const std::vector<const char*>& signatures);
    explicit TorchParser(const std::vector<std::string>& signatures);

    // The overloads as the registry lists them, Python style: "(other, *, alpha=1) | (...)". Overloads
    // that name dimensions (unsupported) and hidden ones are left out.
    std::string pythonSignature() const;

    // Matches the call to the first overload that accepts it, or raises torch's TypeError.
    TorchArgs parse(const CallArgs& args) const;

    enum class Type : std::uint8_t {
        Tensor,
        Scalar,
        Int64,
        SymInt,
        Double,
        Bool,
        TensorList,
        IntList,
        SymIntList,
        ScalarType,
        Device,
        Layout,
        MemoryFormat,
        Generator,
        Dimname,
        DimnameList,
        String,
        Storage,
        Object,
    };
    struct Parameter {
        Type type = Type::Object;
        std::string name;
        std::string defaultText;  // as written after '='
        bool optional = false;    // has a default
        bool allowNone = false;   // Type? or =None
        bool keywordOnly = false;
        int size = 0;             // IntArrayRef[2]: a single int is accepted too
        bool numbersAsTensors = false;
        std::string typeName() const;  // as messages print it: "Tensor", "tuple of ints"
    };
    struct Overload {
        std::string name;
        std::vector<Parameter> parameters;
        std::size_t minArgs = 0, maxArgs = 0, maxPositional = 0;
        bool hidden = false;
        bool deprecated = false;  // also hidden; matching it warns once per process
        int index = 0;  // position in the constructor's list
        std::string toString() const;  // "(Tensor other, *, Number alpha)"
    };

private:
    std::vector<Overload> m_overloads;  // hidden ones last
    friend class TorchArgs;
};

// The outcome of TorchParser::parse: which overload matched and its arguments, converted on demand the
// way torch's PythonArgs converts them (with its messages for bad list elements).
class TorchArgs {
public:
    // The matched overload's index in the parser's list.
    int index() const { return m_overload->index; }
    // Whether the matched overload has this parameter at all.
    bool defines(std::string_view name) const;
    // Whether the argument was given and is not None.
    bool has(std::string_view name) const;
    // The argument object, or null when absent or None.
    const ObjectPtr& object(std::string_view name) const;

    ArrayPtr tensor(std::string_view name) const;
    // A Tensor parameter that also takes Python numbers (add, mul, ...): the number as a Scalar.
    Value tensorOrNumber(std::string_view name) const;
    Scalar scalar(std::string_view name) const;
    std::optional<Scalar> optionalScalar(std::string_view name) const;
    std::int64_t toInt64(std::string_view name) const;
    std::optional<std::int64_t> optionalInt64(std::string_view name) const;
    double toDouble(std::string_view name) const;
    bool toBool(std::string_view name) const;
    std::vector<std::int64_t> intlist(std::string_view name) const;
    std::optional<DType> scalarType(std::string_view name) const;
    std::optional<Device> device(std::string_view name) const;
    std::vector<ArrayPtr> tensorlist(std::string_view name) const;
    std::string string(std::string_view name) const;
    // Whether the matched overload names a dimension by name (a str), which aliasview's tensors, having
    // no names, refuse as torch refuses them for unnamed tensors.
    bool usesDimnames() const;
    // Raises torch's RuntimeError for a named dimension that an unnamed tensor does not have.
    [[noreturn]] void refuseDimname(const Array& self, std::string_view name) const;
    // Raises for out= (aliasview has no out= for torch functions) when it was given.
    void refuseOut() const;

private:
    friend class TorchParser;
    const TorchParser::Overload* m_overload = nullptr;
    std::vector<ObjectPtr> m_values;          // per parameter; null when absent or None
    std::vector<ObjectPtr> m_varargsIntList;  // view(2, 3): the positional ints as one list
    int m_varargsParameter = -1;
    int find(std::string_view name) const;
    const TorchParser::Parameter& parameter(std::string_view name) const;
};

// Python's type name of an object as torch's messages print it (tp_name): "int", "Tensor",
// "numpy.ndarray", "torch.dtype".
std::string torchTypeName(const ObjectPtr& object);

}  // namespace av::engine::py
