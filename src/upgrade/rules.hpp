// The implementation-code rules of `suture check`, one family per file.
#pragma once

#include "core/finding.hpp"
#include "solidity/storage_layout.hpp"
#include "upgrade/check.hpp"
#include "upgrade/code_model.hpp"

namespace suture::upgrade {

struct Target {
    const solidity::Build& build;
    const solidity::Contract& contract;
    const solidity::ContractStorage& storage;
    const CodeModel& code;
};

// A finding at an AST node, optionally suppressed by an annotation.
Finding make_finding(const CodeModel& m, const Json* at, Severity sev, std::string code, std::string message,
                     std::string hint);

// The annotation on `decl` or on the contract declaring it that allows `kind`
// ("" when none), in report form.
std::string allowed_by(const CodeModel& m, const Json& decl, std::string_view kind);

// Marks `f` suppressed when `decl` (or its contract) carries the allow annotation for `kind`.
void suppress_if_allowed(const CodeModel& m, const Json& decl, std::string_view kind, Finding& f);

// rules_unsafe_calls.cpp: delegatecall, selfdestruct (Solidity and inline
// assembly, with the call path), external-library-linking.
void check_unsafe_calls(const Target& t, Findings& out);

// rules_state.cpp: constructor, state-variable-assignment,
// state-variable-immutable, internal-function-storage.
void check_state_rules(const Target& t, Findings& out);

// rules_initializers.cpp: missing-initializer, missing-initializer-call,
// duplicate-initializer-call, incorrect-initializer-order,
// initializer-not-disabled; with an old version also reinitializer-version.
void check_initializers(const Target& t, const Target* old, Findings& out);

// rules_upgrade_path.cpp: missing-public-upgradeto, uups-upgrade-blocked.
void check_upgrade_path(const Target& t, ProxyKind proxy, Findings& out);

// rules_selectors.cpp: transparent-selector-clash, diamond-selector-collision.
void check_selectors(const Target& t, ProxyKind proxy, const std::vector<solidity::ContractRef>& facets,
                     Findings& out);

// slot_collisions.cpp: eip1967-slot-collision, namespace-collision.
void check_reserved_slots(const Target& t, Findings& out);

// abi_diff.cpp: the ABI diff table and abi-function-removed / abi-function-changed / abi-event-removed.
void diff_abi(const solidity::Contract& old_c, const solidity::Contract& new_c, const CodeModel& new_code,
              std::vector<AbiChange>& table, Findings& out);

// The selector of a canonical signature ("f(uint256,(address,bytes))", abi::AbiEntry::canonical()).
std::string selector_hex(std::string_view signature);  // "0x12345678"

}  // namespace suture::upgrade
