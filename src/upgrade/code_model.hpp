// What the implementation's code does, from the AST: which functions are
// callable from outside, what each function calls (with virtual dispatch and
// `super` resolved against the contract's linearization), and where the
// unsafe operations are (Solidity calls and inline assembly alike).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/finding.hpp"
#include "solidity/build.hpp"

namespace suture::upgrade {

using solidity::Build;
using solidity::Json;

// An operation that matters for upgrade safety, found directly in a function body.
struct CodeOp {
    enum Kind { delegatecall, selfdestruct, storage_write } kind;
    const Json* node;    // the call, assignment or Yul call
    std::string what;    // "delegatecall", "callcode", "selfdestruct", "assignment to x", "sstore", ...
};

class CodeModel {
public:
    CodeModel(const Build& b, const Json& contract);

    const Build& build() const { return b_; }
    const Json& contract() const { return c_; }
    const std::vector<const Json*>& bases() const { return bases_; }  // most derived first

    // Functions callable on the deployed contract (public/external, fallback,
    // receive), most derived override only.
    std::vector<const Json*> entry_points() const;
    // All function definitions of the contract and its bases, overridden ones excluded.
    std::vector<const Json*> functions() const;
    // Constructors of the contract and its bases.
    std::vector<const Json*> constructors() const;

    // Functions and modifiers a function (or modifier) invokes directly, resolved.
    const std::vector<const Json*>& callees(const Json& fn) const;
    // Unsafe operations and storage writes directly in a function or modifier body.
    const std::vector<CodeOp>& ops(const Json& fn) const;

    // The implementation a call to `decl` runs: the most derived override.
    const Json* dispatch(const Json& decl) const;
    // `super.f` from code in `from`: the next override after `from` in the linearization.
    const Json* dispatch_super(const Json& decl, const Json& from) const;

    // The contract declaring a function, modifier or variable of the
    // linearization (solc gives modifiers no `scope`), or nullptr.
    const Json* owner(const Json& decl) const;

    // "Name.fn(uint256)" for messages.
    std::string describe(const Json& fn) const;
    Location location(const Json& node) const;

private:
    bool same_signature(const Json& a, const Json& b) const;
    const Json* resolve(const Json& decl) const;  // dispatch() without the cache
    void analyze(const Json& fn) const;

    const Build& b_;
    const Json& c_;
    std::vector<const Json*> bases_;
    mutable std::unordered_map<const Json*, std::vector<const Json*>> callees_;
    mutable std::unordered_map<const Json*, std::vector<CodeOp>> ops_;
    // Every rule asks for the entry points and dispatches calls again; computed once
    // (a whole OpenZeppelin build spent half its checking time recomputing them).
    mutable std::unordered_map<const Json*, const Json*> dispatch_;
    mutable std::optional<std::vector<const Json*>> functions_;
    mutable std::unordered_map<std::string_view, std::vector<const Json*>> by_name_;  // for resolve()
};

// One call path: entry function first, the function holding the operation last.
using CallPath = std::vector<const Json*>;
std::string path_text(const CodeModel& m, const CallPath& path);

}  // namespace suture::upgrade
