// The steps of the executed checks (executed_checks.hpp), over one shared
// scratch chain. Internal to the upgrade layer.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/abi_json.hpp"
#include "core/abi_revert.hpp"
#include "upgrade/executed_checks.hpp"
#include "upgrade/executed_deploy.hpp"
#include "upgrade/executed_samples.hpp"
#include "upgrade/executed_scratch.hpp"
#include "upgrade/executed_storage_fill.hpp"
#include "upgrade/rules.hpp"

namespace suture::upgrade {

struct ExecContext {
    ScratchChain chain;
    Deployer deployer{chain};
    SampleSet samples;
    const Target& t;          // the new implementation
    const Target* old;        // the reference version, or nullptr
    abi::ContractAbi abi;     // of the new implementation
    abi::ContractAbi old_abi; // of the reference (empty without one)
    Address impl;             // the deployed new implementation
    ExecutedReport report;    // findings and facts, filled by the steps
    FilledVariables filled;   // where the read-back's values were stored

    ExecContext(const Target& t_, const Target* old_) : samples(make_samples(chain.caller())), t(t_), old(old_) {}

    // Calls `fn` of `abi_of` on `to` with `args`; never commits unless asked.
    Result<ScratchOutcome> call(const Address& to, const abi::AbiEntry& fn, const std::vector<abi::AbiValue>& args,
                                bool commit = false);
    // One line about a failed call: the decoded revert reason, or the halt.
    std::string failure_text(const ScratchOutcome& out, const abi::ContractAbi& abi_of) const;
    Finding finding(const Json* at, Severity sev, std::string code, std::string message, std::string hint) const;
};

// A function of the ABI by canonical signature, or nullptr.
const abi::AbiEntry* abi_function(const abi::ContractAbi& abi, std::string_view signature);
// The ABI entry of an AST function or public variable (its functionSelector), or nullptr.
const abi::AbiEntry* abi_entry_of(const abi::ContractAbi& abi, const Json& decl);
// Whether an AST function carries one of the modifiers.
bool has_modifier(const Json& fn, std::initializer_list<std::string_view> names);
// The input types of an ABI entry.
std::vector<abi::AbiType> input_types(const abi::AbiEntry& e);

// executed_initializers.cpp: initializers and proxiableUUID() on the bare implementation.
Status check_bare_implementation(ExecContext& cx);

// executed_getters.cpp: the public state variables both versions declare,
// and their values read through `proxy`.
struct GetterRead {
    const Json* new_decl = nullptr;  // the new VariableDeclaration
    std::string label;
    const abi::AbiEntry* fn = nullptr;      // in the new ABI
    const abi::AbiEntry* old_fn = nullptr;  // in the old ABI (outputs may differ)
    std::vector<std::vector<abi::AbiValue>> args;
    std::vector<ScratchOutcome> results;  // one per argument list
};
std::vector<GetterRead> shared_getters(const ExecContext& cx);
Status read_getters(ExecContext& cx, const Address& proxy, std::vector<GetterRead>& reads);
void compare_getters(ExecContext& cx, const std::vector<GetterRead>& before, const std::vector<GetterRead>& after);

// executed_upgrade_path.cpp: UUPS upgradeToAndCall through the proxy to a second copy.
bool is_uups(const abi::ContractAbi& abi);
Status exercise_uups_upgrade(ExecContext& cx, const Address& proxy);

}  // namespace suture::upgrade
