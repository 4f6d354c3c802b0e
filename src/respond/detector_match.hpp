// The matching half of the monitor's detectors, in OpenZeppelin Monitor's
// filter model: an event (signature + conditions on its arguments, indexed
// or not) or a function call (selector + conditions on its decoded
// arguments). Pure: no node, no state; the monitor feeds it logs and calls.
//
// A condition is "ARG OP VALUE": ARG an argument name or its 0-based index,
// OP one of == != > >= < <= (the ordering ones for uintN only), VALUE as
// `suture abi encode` reads it for the argument's type.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chain/rpc_types.hpp"
#include "core/abi_type.hpp"
#include "core/abi_value.hpp"
#include "core/address.hpp"
#include "core/result.hpp"

namespace suture::respond {

struct ArgCondition {
    size_t index = 0;  // into the signature's inputs
    enum class Op { eq, ne, gt, ge, lt, le } op = Op::eq;
    abi::AbiValue value;
};

// Parses "ARG OP VALUE" against `sig`'s inputs. Errors name the condition.
Result<ArgCondition> parse_condition(const abi::Signature& sig, std::string_view text);

// Whether `v` (a value of the condition's argument type) satisfies it.
bool condition_holds(const ArgCondition& c, const abi::AbiValue& v);

struct EventFilter {
    abi::Signature event;            // "event Transfer(address indexed from, address indexed to, uint256 value)"
    std::optional<Address> emitter;  // nullopt: any contract
    std::vector<ArgCondition> conditions;  // all must hold
};

struct CallFilter {
    abi::Signature function;    // "withdraw(uint256 amount)"
    std::optional<Address> to;  // nullopt: any contract
    std::vector<ArgCondition> conditions;
};

// A signature and its conditions; errors name the signature or condition.
Result<EventFilter> parse_event_filter(std::string_view signature, const std::vector<std::string>& conditions,
                                       std::optional<Address> emitter = std::nullopt);
Result<CallFilter> parse_call_filter(std::string_view signature, const std::vector<std::string>& conditions,
                                     std::optional<Address> to = std::nullopt);

// True when the log is the event (topic 0, emitter) and every condition
// holds. A condition on an indexed dynamic argument (only its hash is in
// the topic) never holds. A log that does not decode does not match.
bool event_matches(const EventFilter& f, const chain::Log& log);
// The same with the event's topic computed once by the caller (abi::event_topic of its canonical signature).
bool event_matches(const EventFilter& f, const Bytes32& topic, const chain::Log& log);

// True when `input` calls the function on `to` and every condition holds.
bool call_matches(const CallFilter& f, const Address& to, BytesView input);

}  // namespace suture::respond
