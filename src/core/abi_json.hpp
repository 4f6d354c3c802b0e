// JSON ABI entries (functions, events, errors, constructor, fallback, receive)
// as solc, Foundry and Hardhat write them.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/abi_encode.hpp"
#include "core/abi_type.hpp"

namespace suture::abi {

enum class EntryKind { function, event, error, constructor, fallback, receive };

const char* entry_kind_name(EntryKind k);

struct AbiEntry {
    EntryKind kind = EntryKind::function;
    std::string name;              // empty for constructor, fallback, receive
    std::vector<Param> inputs;
    std::vector<Param> outputs;    // functions only
    std::string state_mutability;  // "pure", "view", "nonpayable", "payable" (functions, constructor)
    bool anonymous = false;        // events only

    Signature signature() const { return {name, inputs, outputs}; }
    // "name(type1,type2)"
    std::string canonical() const { return signature().canonical(); }
    Selector selector() const { return abi::selector(canonical()); }  // functions and errors
    Bytes32 topic() const { return event_topic(canonical()); }       // events
};

// A contract's ABI: its entries in file order, with lookups.
struct ContractAbi {
    std::vector<AbiEntry> entries;

    const AbiEntry* function(Selector s) const;
    const AbiEntry* error(Selector s) const;
    const AbiEntry* event(const Bytes32& topic0) const;
    // The first function/event/error named `name` (overloads: use the selector).
    const AbiEntry* find(EntryKind kind, std::string_view name) const;
    const AbiEntry* constructor() const;
};

// One entry object: {"type": "function", "name": ..., "inputs": [...], ...}.
// Parameter types may be "tuple", "tuple[]", "tuple[2][]" with "components".
// Every field read must have its JSON type (a string "type", an array of
// parameter objects for "inputs", ...); an error names the JSON path of the bad
// value below `path` ("abi[3].inputs[0].type: expected a string, found a number").
Result<AbiEntry> parse_abi_entry(const nlohmann::json& j, const std::string& path = "abi entry");
// A JSON array of entries (an ABI file, or the "abi" field of an artifact).
Result<ContractAbi> parse_abi(const nlohmann::json& j, const std::string& path = "abi");
Result<ContractAbi> parse_abi_text(std::string_view json_text);

}  // namespace suture::abi
