#include "respond/detector_match.hpp"

#include <array>

#include "core/abi_decode.hpp"
#include "core/abi_encode.hpp"

namespace suture::respond {
namespace {

using Op = ArgCondition::Op;

}  // namespace

bool condition_holds(const ArgCondition& c, const abi::AbiValue& v) {
    switch (c.op) {
        case Op::eq: return v == c.value;
        case Op::ne: return !(v == c.value);
        case Op::gt: return v.as_uint() > c.value.as_uint();
        case Op::ge: return v.as_uint() >= c.value.as_uint();
        case Op::lt: return v.as_uint() < c.value.as_uint();
        case Op::le: return v.as_uint() <= c.value.as_uint();
    }
    return false;
}

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    return s;
}

bool all_hold(const std::vector<ArgCondition>& cs, const std::vector<abi::AbiValue>& args) {
    for (const auto& c : cs)
        if (!condition_holds(c, args.at(c.index))) return false;
    return true;
}

}  // namespace

Result<ArgCondition> parse_condition(const abi::Signature& sig, std::string_view text) {
    // Two-character operators first, so ">=" is not read as ">".
    static constexpr std::array<std::pair<std::string_view, Op>, 6> ops{
        {{"==", Op::eq}, {"!=", Op::ne}, {">=", Op::ge}, {"<=", Op::le}, {">", Op::gt}, {"<", Op::lt}}};
    const std::string where = "condition '" + std::string(text) + "'";
    for (const auto& [token, op] : ops) {
        size_t at = text.find(token);
        if (at == std::string_view::npos) continue;
        std::string_view arg = trim(text.substr(0, at)), value = trim(text.substr(at + token.size()));
        ArgCondition c;
        c.op = op;
        bool found = false;
        for (size_t i = 0; i < sig.inputs.size() && !found; ++i)
            if (sig.inputs[i].name == arg || std::to_string(i) == arg) c.index = i, found = true;
        if (!found) return input_error(where + ": " + sig.canonical() + " has no argument '" + std::string(arg) + "'");
        const auto& type = sig.inputs[c.index].type;
        if (op != Op::eq && op != Op::ne && type.kind != abi::AbiKind::uint_)
            return input_error(where + ": " + std::string(token) + " compares uintN arguments only");
        auto v = abi::parse_value(type, value);
        if (!v) return input_error(where + ": " + v.error().message);
        c.value = std::move(*v);
        return c;
    }
    return input_error(where + ": expected ARG OP VALUE with OP one of == != > >= < <=");
}

namespace {

template <typename Filter>
Result<Filter> parse_filter(std::string_view signature, const std::vector<std::string>& conditions) {
    Filter f;
    auto sig = abi::parse_signature(signature);
    if (!sig) return input_error("signature '" + std::string(signature) + "': " + sig.error().message);
    for (const auto& text : conditions) {
        SUTURE_TRY(c, parse_condition(*sig, text));
        f.conditions.push_back(std::move(c));
    }
    if constexpr (std::is_same_v<Filter, EventFilter>) f.event = std::move(*sig);
    else f.function = std::move(*sig);
    return f;
}

}  // namespace

Result<EventFilter> parse_event_filter(std::string_view signature, const std::vector<std::string>& conditions,
                                       std::optional<Address> emitter) {
    SUTURE_TRY(f, parse_filter<EventFilter>(signature, conditions));
    f.emitter = emitter;
    return f;
}

Result<CallFilter> parse_call_filter(std::string_view signature, const std::vector<std::string>& conditions,
                                     std::optional<Address> to) {
    SUTURE_TRY(f, parse_filter<CallFilter>(signature, conditions));
    f.to = to;
    return f;
}

bool event_matches(const EventFilter& f, const chain::Log& log) {
    return event_matches(f, abi::event_topic(f.event.canonical()), log);
}

bool event_matches(const EventFilter& f, const Bytes32& topic, const chain::Log& log) {
    if (f.emitter && *f.emitter != log.address) return false;
    if (log.topics.empty() || log.topics[0] != topic) return false;
    auto args = abi::decode_log(f.event, log.topics, log.data);
    if (!args) return false;
    for (const auto& c : f.conditions) {
        const auto& a = (*args)[c.index];
        if (!a.value || !condition_holds(c, *a.value)) return false;
    }
    return true;
}

bool call_matches(const CallFilter& f, const Address& to, BytesView input) {
    if (f.to && *f.to != to) return false;
    auto args = abi::decode_call(f.function, input);
    return args && all_hold(f.conditions, *args);
}

}  // namespace suture::respond
