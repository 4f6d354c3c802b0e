// Invariants the fuzz and invariants gates check after every step, on the old
// and on the new code (fuzz_run.hpp).
//
// A user invariant is a relation between two operands, each a view call on
// the target (literal arguments only) or a constant:
//   "totalAssets() >= totalSupply()", "balanceOf(0xab..) == 0", "paused() == 0"
// Relations: >= <= > < == !=, compared as unsigned 256-bit words (the first
// word of the return data; a bool is 0 or 1).
// An operand may also be a sum over holders: "sum(balanceOf([0xA.., 0xB..]))"
// calls the view once per element of the bracketed list (the one argument
// given as a list; the others literal) and adds the results, so
// "sum(balanceOf([...])) == totalSupply()" says the known holders hold every
// share. "sum(balanceOf(holders))" sums over holders derived, not listed
// (holder_set.hpp): the caller passes them to check_invariant (the fuzz gate:
// the history's holders, its senders and every address its sequence used).
// A sum that overflows 256 bits breaks the invariant. A Solidity invariant is a
// function `invariant_*()` of a checker contract deployed next to the target:
// it holds when it returns true (or nothing) without reverting, as in Foundry.
// A call that reverts breaks the invariant, with the revert in words.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/abi_json.hpp"
#include "core/result.hpp"
#include "evm/revision.hpp"
#include "evm/state_backend.hpp"
#include "evm/transaction.hpp"
#include "verify/abi_text.hpp"

namespace suture::verify {

enum class Relation { ge, le, gt, lt, eq, ne, holds };

struct InvariantOperand {
    std::optional<uint256> constant;  // else a call
    std::optional<Address> to;        // the call's account (nullopt: the target)
    Bytes calldata;
    std::vector<Bytes> summed;  // a sum: one calldata per holder (calldata unused)
    // A sum over the derived holders: the call's arguments, the holder's
    // (`holder_arg`, an address) replaced per holder.
    bool over_holders = false;
    abi::Selector selector{};
    std::vector<abi::AbiType> types;
    std::vector<abi::AbiValue> args;
    size_t holder_arg = 0;
    std::string text;
};

struct Invariant {
    std::string text;
    InvariantOperand lhs;
    Relation relation = Relation::holds;  // holds: lhs is a Solidity invariant (true or nothing)
    InvariantOperand rhs;
    bool uses_holders() const { return lhs.over_holders || rhs.over_holders; }
};

// "totalAssets() >= totalSupply()": functions resolved by name and argument
// count in `abi` (the new implementation's); a usage error names the part
// that does not parse or resolve.
Result<Invariant> parse_invariant(const std::string& text, const abi::ContractAbi& abi);

// A Solidity invariant: `function` (no inputs) of the checker at `checker`.
Invariant solidity_invariant(const Address& checker, const abi::AbiEntry& function);

// nullopt when the invariant holds on `state`; else why not ("totalAssets()
// = 90, totalSupply() = 100", "totalAssets() reverted Error(..)"). `holders`
// are what a sum over `holders` adds over. Only a backend read can fail.
// Nothing is committed.
Result<std::optional<std::string>> check_invariant(const Invariant& inv, evm::StateBackend& state, evm::Revision rev,
                                                   const evm::BlockEnv& block, const Address& target,
                                                   const AbiList& abis, const std::vector<Address>& holders = {});

}  // namespace suture::verify
