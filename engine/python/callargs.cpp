#include "callargs.h"

#include <map>
#include <mutex>

namespace av::engine::py {

Signature::Signature(std::string_view text) : m_text(text)
{
    std::string_view body = text;
    if (!body.empty() && body.front() == '(')
        body.remove_prefix(1);
    if (!body.empty() && body.back() == ')')
        body.remove_suffix(1);
    bool keywordOnly = false;
    while (!body.empty()) {
        const std::size_t comma = body.find(',');
        std::string_view item = body.substr(0, comma);
        body = comma == std::string_view::npos ? std::string_view() : body.substr(comma + 1);
        while (!item.empty() && item.front() == ' ')
            item.remove_prefix(1);
        while (!item.empty() && item.back() == ' ')
            item.remove_suffix(1);
        if (item.empty())
            continue;
        if (item == "*") {
            keywordOnly = true;
            continue;
        }
        if (item == "/") {
            for (Parameter& previous : m_parameters)
                previous.positionalOnly = true;
            continue;
        }
        Parameter parameter;
        if (item.front() == '*') {
            parameter.variadic = true;
            item.remove_prefix(1);
            keywordOnly = true;  // everything after *args is keyword-only
        }
        const std::size_t equals = item.find('=');
        parameter.hasDefault = equals != std::string_view::npos;
        parameter.name = std::string(item.substr(0, equals));
        while (!parameter.name.empty() && parameter.name.back() == ' ')
            parameter.name.pop_back();
        parameter.keywordOnly = keywordOnly && !parameter.variadic;
        m_parameters.push_back(std::move(parameter));
    }
}

const Signature& Signature::of(std::string_view text)
{
    static std::mutex mutex;
    static std::map<std::string, std::unique_ptr<Signature>, std::less<>> cache;
    const std::lock_guard lock(mutex);
    auto it = cache.find(text);
    if (it == cache.end())
        it = cache.emplace(std::string(text), std::make_unique<Signature>(text)).first;
    return *it->second;
}

CallArgs::CallArgs(std::vector<ObjectPtr> positional, std::vector<std::pair<std::string, ObjectPtr>> keywords)
    : m_positional(std::move(positional)), m_keywords(std::move(keywords))
{
}

namespace {

std::string quotedList(const std::vector<std::string>& names)
{
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i > 0)
            out += names.size() == 2 ? " and " : (i + 1 == names.size() ? ", and " : ", ");
        out += "'" + names[i] + "'";
    }
    return out;
}

}  // namespace

void CallArgs::bind(std::string_view name, const Signature& signature)
{
    m_signature = &signature;
    const auto& parameters = signature.parameters();
    m_bound.assign(parameters.size(), nullptr);
    m_variadic.clear();
    // Positional arguments fill the positional parameters, then *args.
    std::size_t positionalSlots = 0, requiredPositional = 0;
    std::size_t variadicIndex = parameters.size();
    for (std::size_t i = 0; i < parameters.size(); ++i) {
        if (parameters[i].variadic) {
            variadicIndex = i;
            break;
        }
        if (parameters[i].keywordOnly)
            break;
        ++positionalSlots;
        if (!parameters[i].hasDefault)
            ++requiredPositional;
    }
    for (std::size_t i = 0; i < m_positional.size(); ++i) {
        if (i < positionalSlots) {
            m_bound[i] = m_positional[i];
        } else if (variadicIndex < parameters.size()) {
            m_variadic.push_back(m_positional[i]);
        } else {
            const std::string takes = requiredPositional == positionalSlots
                                          ? std::to_string(positionalSlots)
                                          : "from " + std::to_string(requiredPositional) + " to " + std::to_string(positionalSlots);
            throw pythonError("TypeError", std::string(name) + " takes " + takes + " positional argument" +
                                               (positionalSlots == 1 && requiredPositional == positionalSlots ? "" : "s") +
                                               " but " + std::to_string(m_positional.size()) +
                                               (m_positional.size() == 1 ? " was" : " were") + " given");
        }
    }
    for (const auto& [keyword, value] : m_keywords) {
        std::size_t index = parameters.size();
        for (std::size_t i = 0; i < parameters.size(); ++i)
            if (!parameters[i].variadic && !parameters[i].positionalOnly && parameters[i].name == keyword)
                index = i;
        if (index == parameters.size())
            throw pythonError("TypeError", std::string(name) + " got an unexpected keyword argument '" + keyword + "'");
        if (m_bound[index])
            throw pythonError("TypeError", std::string(name) + " got multiple values for argument '" + keyword + "'");
        m_bound[index] = value;
    }
    std::vector<std::string> missing;
    for (std::size_t i = 0; i < positionalSlots; ++i)
        if (!m_bound[i] && !parameters[i].hasDefault)
            missing.push_back(parameters[i].name);
    if (!missing.empty())
        throw pythonError("TypeError", std::string(name) + " missing " + std::to_string(missing.size()) + " required positional argument" +
                                           (missing.size() == 1 ? "" : "s") + ": " + quotedList(missing));
    missing.clear();
    for (std::size_t i = positionalSlots; i < parameters.size(); ++i)
        if (!parameters[i].variadic && !m_bound[i] && !parameters[i].hasDefault)
            missing.push_back(parameters[i].name);
    if (!missing.empty())
        throw pythonError("TypeError", std::string(name) + " missing " + std::to_string(missing.size()) +
                                           " required keyword-only argument" + (missing.size() == 1 ? "" : "s") + ": " +
                                           quotedList(missing));
}

const ObjectPtr& CallArgs::get(std::string_view parameter) const
{
    static const ObjectPtr kAbsent;
    AV_INTERNAL_ASSERT(m_signature != nullptr, "CallArgs::get before bind");
    const auto& parameters = m_signature->parameters();
    for (std::size_t i = 0; i < parameters.size(); ++i)
        if (parameters[i].name == parameter)
            return m_bound[i];
    AV_INTERNAL_ASSERT(false, "no parameter '", std::string(parameter), "' in ", m_signature->text());
    return kAbsent;
}

void CallArgs::expectNone(std::string_view name) const
{
    if (!m_keywords.empty())
        throw pythonError("TypeError", std::string(name) + " takes no keyword arguments");
    if (!m_positional.empty())
        throw pythonError("TypeError", std::string(name) + " takes no arguments (" + std::to_string(m_positional.size()) + " given)");
}

void CallArgs::expectNoKeywords(std::string_view name) const
{
    if (!m_keywords.empty())
        throw pythonError("TypeError", std::string(name) + "() takes no keyword arguments");
}

const ObjectPtr& CallArgs::expectOneArgument(std::string_view name) const
{
    expectNoKeywords(name);
    if (m_positional.size() != 1)
        throw pythonError("TypeError", concat(name, "() takes exactly one argument (", m_positional.size(), " given)"));
    return m_positional[0];
}

void CallArgs::expectPositional(std::string_view name, std::size_t min, std::size_t max) const
{
    expectNoKeywords(name);
    // _PyArg_CheckPositional's words.
    const std::size_t n = m_positional.size();
    if (n < min)
        throw pythonError("TypeError", concat(name, " expected ", min == max ? "" : "at least ", min, " argument",
                                              min == 1 ? "" : "s", ", got ", n));
    if (n > max)
        throw pythonError("TypeError", concat(name, " expected ", min == max ? "" : "at most ", max, " argument",
                                              max == 1 ? "" : "s", ", got ", n));
}

void CallArgs::bindClinic(std::string_view name, std::string_view signatureText)
{
    const Signature& signature = Signature::of(signatureText);
    const auto& parameters = signature.parameters();
    const std::string fname = std::string(name) + "()";
    std::size_t maxPositional = 0, minPositional = 0, maxArgs = 0, minPositionalOnly = 0;
    bool variadic = false;
    for (const Signature::Parameter& p : parameters) {
        if (p.variadic) {
            variadic = true;
            continue;
        }
        ++maxArgs;
        if (!p.keywordOnly && !variadic) {
            ++maxPositional;
            if (!p.hasDefault)
                minPositional = maxPositional;
            if (p.positionalOnly && !p.hasDefault)
                minPositionalOnly = maxPositional;
        }
    }
    // _PyArg_UnpackKeywords' checks, in its order.
    const std::size_t nargs = m_positional.size(), nkw = m_keywords.size();
    if (!variadic) {
        if (nargs + nkw > maxArgs)
            throw pythonError("TypeError", concat(fname, " takes at most ", maxArgs, " ", nargs == 0 ? "keyword " : "", "argument",
                                                  maxArgs == 1 ? "" : "s", " (", nargs + nkw, " given)"));
        if (nargs > maxPositional) {
            if (maxPositional == 0)
                throw pythonError("TypeError", fname + " takes no positional arguments");
            throw pythonError("TypeError", concat(fname, " takes ", minPositional < maxPositional ? "at most" : "exactly", " ",
                                                  maxPositional, " positional argument", maxPositional == 1 ? "" : "s", " (",
                                                  nargs, " given)"));
        }
    }
    if (nargs < minPositionalOnly)
        throw pythonError("TypeError", concat(fname, " takes ", minPositionalOnly < maxPositional ? "at least" : "exactly", " ",
                                              minPositionalOnly, " positional argument", minPositionalOnly == 1 ? "" : "s", " (",
                                              nargs, " given)"));
    std::size_t index = 0;
    for (const Signature::Parameter& p : parameters) {
        if (p.variadic)
            continue;
        ++index;
        const bool givenByPosition = !variadic && !p.keywordOnly && index <= nargs;
        bool givenByName = false;
        for (const auto& [keyword, value] : m_keywords)
            givenByName |= keyword == p.name && !p.positionalOnly;
        if (givenByPosition && givenByName)
            throw pythonError("TypeError", concat("argument for ", fname, " given by name ('", p.name, "') and position (", index, ")"));
        if (!givenByPosition && !givenByName && !p.hasDefault) {
            if (p.keywordOnly || variadic)
                throw pythonError("TypeError", concat(fname, " missing required keyword-only argument '", p.name, "'"));
            throw pythonError("TypeError", concat(fname, " missing required argument '", p.name, "' (pos ", index, ")"));
        }
    }
    for (const auto& [keyword, value] : m_keywords) {
        bool known = false;
        for (const Signature::Parameter& p : parameters)
            known |= !p.variadic && !p.positionalOnly && p.name == keyword;
        if (!known)
            throw pythonError("TypeError", "'" + keyword + "' is an invalid keyword argument for " + fname);
    }
    bind(fname, signature);
}

}  // namespace av::engine::py
