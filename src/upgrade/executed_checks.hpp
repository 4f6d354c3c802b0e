// Executed checks of `suture check`: what the compiled code does, run in
// Suture's in-process EVM on a scratch state (nothing touches a chain).
//
// 1. The new implementation is deployed as built (libraries deployed and
//    linked; constructor arguments defaulted, executed_samples.hpp). Every
//    initializer is called on the bare implementation by an arbitrary account
//    and must revert (exec-implementation-initializable); proxiableUUID() on
//    the implementation must return the EIP-1967 implementation slot
//    (exec-proxiable-uuid).
// 2. An ERC-1967 proxy (executed_proxy.hpp) is deployed over the old
//    implementation, initialized through its initializer and its storage
//    populated per the old layout with a distinct value per variable
//    (executed_storage_fill.hpp; two swapped variables of one type must read
//    back differently). Every public state variable getter the old and new
//    versions share (same variable name, same selector) is read through the
//    proxy before and after the proxy is switched to the new implementation;
//    a different answer is exec-storage-value-changed.
// 3. UUPS, on the storage refilled with working values (the caller is the
//    owner): a second copy of the new implementation is deployed and
//    upgradeToAndCall(copy, "") is sent through the proxy by the caller; the
//    EIP-1967 slot must then hold the copy (exec-upgrade-failed). A revert the
//    scratch state cannot be blamed for (access control it could not satisfy,
//    a reason it cannot decode) is a warning, exec-upgrade-not-exercised: a
//    check here never reports an error it has not seen happen.
// Each finding code is documented in docs/check-findings.md.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/address.hpp"
#include "core/finding.hpp"
#include "core/result.hpp"
#include "upgrade/check.hpp"
#include "upgrade/rules.hpp"

namespace suture::upgrade {

// What the executed checks did, for tests and diagnostics.
struct ExecutedReport {
    Findings findings;
    bool deployed = false;                  // the new implementation was deployed
    std::vector<std::string> initializers;  // called on the bare implementation ("V2.initialize(address)")
    size_t getter_calls = 0;                // getter calls compared before/after the switch
    std::optional<Address> upgrade_copy;    // UUPS: the second copy upgraded to
    std::optional<Address> slot_after;      // UUPS: the EIP-1967 slot after that upgrade
};

Result<ExecutedReport> run_executed_checks(const Target& t, const Target* old, const CheckOptions& opt);

// Runs the executed checks of `t` (with `old` as the reference version when
// given) and appends their findings. An input error only for malformed
// bytecode or link references; a run the EVM cannot complete is a finding.
Status check_executed(const Target& t, const Target* old, const CheckOptions& opt, Findings& out);

}  // namespace suture::upgrade
