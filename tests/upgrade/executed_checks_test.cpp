// The executed checks of `suture check` on fixture pairs: what really ran on
// the scratch chain (initializers called, getters compared, the slot after the
// UUPS upgrade), not only which codes came out.
#include <gtest/gtest.h>

#include <algorithm>

#include "check_fixture.hpp"
#include "solidity/storage_layout.hpp"
#include "upgrade/code_model.hpp"
#include "upgrade/executed_checks.hpp"
#include "upgrade/executed_samples.hpp"

namespace suture::test {
namespace {

using upgrade::ExecutedReport;

Result<ExecutedReport> run_exec(const std::string& pair, upgrade::CheckOptions opt = {}) {
    const auto& set = pairs_solc();
    std::string src = "pairs/" + pair + ".sol";
    SUTURE_TRY(o, solidity::find_contract(set, src + ":V1"));
    SUTURE_TRY(n, solidity::find_contract(set, src + ":V2"));
    SUTURE_TRY(os, solidity::load_storage(*o.build, *o.contract));
    SUTURE_TRY(ns, solidity::load_storage(*n.build, *n.contract));
    upgrade::CodeModel oc(*o.build, *o.contract->node), nc(*n.build, *n.contract->node);
    upgrade::Target ot{*o.build, *o.contract, os, oc}, nt{*n.build, *n.contract, ns, nc};
    return upgrade::run_executed_checks(nt, &ot, opt);
}

std::vector<const Finding*> with_code(const ExecutedReport& r, const std::string& code) {
    std::vector<const Finding*> out;
    for (const auto& f : r.findings)
        if (f.code == code) out.push_back(&f);
    return out;
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

// The messages of the findings with `code`, sorted (by variable name first).
std::vector<std::string> sorted_messages(const ExecutedReport& r, const std::string& code) {
    std::vector<std::string> out;
    for (const auto* f : with_code(r, code)) out.push_back(f->message);
    std::sort(out.begin(), out.end());
    return out;
}

// The read-back part of an exec-storage-value-changed message.
std::string read_back(const std::string& getter, const std::string& before, const std::string& after) {
    return getter + "() returned " + before + " before the upgrade and " + after + " after";
}

// Message i contains parts[i], one message per part.
void expect_each(const std::vector<std::string>& messages, const std::vector<std::string>& parts) {
    ASSERT_EQ(messages.size(), parts.size());
    for (size_t i = 0; i < parts.size(); ++i) EXPECT_TRUE(contains(messages[i], parts[i])) << messages[i];
}

TEST(ExecutedChecks, AnUnlockedImplementationCanBeInitializedByAnyone) {
    auto r = run_exec("initializer_not_disabled");
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_TRUE(r->deployed);
    EXPECT_EQ(r->initializers, std::vector<std::string>{"V2.initialize(address)"});
    auto f = with_code(*r, "exec-implementation-initializable");
    ASSERT_EQ(f.size(), 1u);
    EXPECT_EQ(f[0]->severity, Severity::error);
    EXPECT_TRUE(contains(f[0]->message, "V2.initialize(address)")) << f[0]->message;
    EXPECT_TRUE(contains(f[0]->hint, "_disableInitializers()"));
}

TEST(ExecutedChecks, DisableInitializersInTheConstructorLocksTheImplementation) {
    auto r = run_exec("initializers_ok");
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_FALSE(r->initializers.empty());  // they were called, and reverted
    EXPECT_TRUE(r->findings.empty()) << r->findings[0].message;
}

TEST(ExecutedChecks, UupsUpgradeToASecondCopySurvives) {
    for (const char* pair : {"uups_ok", "exec_uups_access_control"}) {
        auto r = run_exec(pair);
        ASSERT_TRUE(r.ok()) << r.error().message;
        EXPECT_TRUE(r->findings.empty()) << pair << ": " << r->findings[0].message;
        ASSERT_TRUE(r->upgrade_copy && r->slot_after) << pair;
        EXPECT_EQ(*r->slot_after, *r->upgrade_copy) << pair;
    }
}

TEST(ExecutedChecks, AnAuthorizeUpgradeThatAlwaysRevertsBlocksThePath) {
    auto r = run_exec("uups_authorize_reverts");
    ASSERT_TRUE(r.ok()) << r.error().message;
    auto f = with_code(*r, "exec-upgrade-failed");
    ASSERT_EQ(f.size(), 1u);
    EXPECT_TRUE(contains(f[0]->message, "Frozen()")) << f[0]->message;
    EXPECT_FALSE(r->slot_after);
}

TEST(ExecutedChecks, AUupsImplementationWithoutUpgradeFunctionStrandsTheProxy) {
    auto r = run_exec("uups_missing_upgradeto");
    ASSERT_TRUE(r.ok()) << r.error().message;
    auto f = with_code(*r, "exec-upgrade-failed");
    ASSERT_EQ(f.size(), 1u);
    EXPECT_TRUE(contains(f[0]->message, "has no upgrade function")) << f[0]->message;
}

TEST(ExecutedChecks, AnUpgradeFunctionThatDoesNotWriteTheSlotIsCaught) {
    auto r = run_exec("exec_uups_upgrade_noop");
    ASSERT_TRUE(r.ok()) << r.error().message;
    ASSERT_TRUE(r->upgrade_copy && r->slot_after);
    EXPECT_NE(*r->slot_after, *r->upgrade_copy);
    ASSERT_EQ(with_code(*r, "exec-upgrade-failed").size(), 1u);
}

TEST(ExecutedChecks, AnAuthorityTheScratchStateCannotBeIsAWarningNotAnError) {
    auto r = run_exec("exec_uups_unreachable_authority");
    ASSERT_TRUE(r.ok()) << r.error().message;
    ASSERT_EQ(r->findings.size(), 1u);
    EXPECT_EQ(r->findings[0].code, "exec-upgrade-not-exercised");
    EXPECT_EQ(r->findings[0].severity, Severity::warning);
    EXPECT_TRUE(contains(r->findings[0].message, "NotMultisig(")) << r->findings[0].message;
}

TEST(ExecutedChecks, SwappedVariablesReturnEachOthersValues) {
    auto r = run_exec("exec_storage_swap");
    ASSERT_TRUE(r.ok()) << r.error().message;
    // a was populated with 1 and b with 2 (layout order); V2 reads them swapped.
    expect_each(sorted_messages(*r, "exec-storage-value-changed"),
                {read_back("a", "1", "2") + ", the value stored in `b`",
                 read_back("b", "2", "1") + ", the value stored in `a`"});
}

// Two variables of one type swapped: each variable of the old storage held its
// own value (addresses 0xA0...01, 0xA0...02, ...; bools true, false, ...;
// numbers 1, 2, ... in layout order), so every getter returns its neighbour's.
TEST(ExecutedChecks, SwappedVariablesOfOneTypeReturnEachOthersValues) {
    auto r = run_exec("exec_storage_swap_same_type");
    ASSERT_TRUE(r.ok()) << r.error().message;
    ASSERT_EQ(r->findings.size(), 6u);
    for (const auto& x : r->findings) EXPECT_EQ(x.severity, Severity::error);
    const std::string a1 = to_checksum(upgrade::distinct_address(1)), a2 = to_checksum(upgrade::distinct_address(2));
    expect_each(sorted_messages(*r, "exec-storage-value-changed"),
                {"`deposits` changes value when the proxy switches to V2: " + read_back("deposits", "5", "6") +
                     ", the value stored in `withdrawals` (executed)",
                 read_back("listed", "true", "false") + " (executed)",  // bools repeat: no origin
                 read_back("owner", a1, a2) + ", the value stored in `treasury`",
                 read_back("treasury", a2, a1) + ", the value stored in `owner`",
                 read_back("verified", "false", "true"), read_back("withdrawals", "6", "5")});
}

// The layout rules allow a swap annotated as two renames; the proxy's owner()
// would still return the old treasury, and the read-back says so.
TEST(ExecutedChecks, ASwapDisguisedAsRenamesIsStillReadBack) {
    auto r = run_exec("exec_storage_swap_renamed");
    ASSERT_TRUE(r.ok()) << r.error().message;
    const std::string a1 = to_checksum(upgrade::distinct_address(1)), a2 = to_checksum(upgrade::distinct_address(2));
    expect_each(sorted_messages(*r, "exec-storage-value-changed"),
                {read_back("owner", a1, a2) + ", the value stored in `treasury`",
                 read_back("treasury", a2, a1) + ", the value stored in `owner`"});
}

// The same storage under the same code: every getter reads what was stored.
TEST(ExecutedChecks, AnUnchangedLayoutReadsBackEveryDistinctValue) {
    const auto& set = pairs_solc();
    for (const char* name : {"pairs/exec_storage_swap_same_type.sol:V1", "pairs/exec_storage_append.sol:V1"}) {
        auto c = solidity::find_contract(set, name);
        ASSERT_TRUE(c.ok()) << name;
        auto st = solidity::load_storage(*c->build, *c->contract);
        ASSERT_TRUE(st.ok()) << name;
        upgrade::CodeModel code(*c->build, *c->contract->node);
        upgrade::Target t{*c->build, *c->contract, *st, code};
        auto r = upgrade::run_executed_checks(t, &t, {});
        ASSERT_TRUE(r.ok()) << r.error().message;
        EXPECT_TRUE(r->findings.empty()) << name << ": " << r->findings[0].message;
        EXPECT_EQ(r->getter_calls, std::string(name).find("same_type") != std::string::npos ? 6u : 24u) << name;
    }
}

TEST(ExecutedChecks, AWidenedPackedVariableReadsItsNeighbour) {
    auto r = run_exec("exec_storage_packing");
    ASSERT_TRUE(r.ok()) << r.error().message;
    auto f = with_code(*r, "exec-storage-value-changed");
    ASSERT_EQ(f.size(), 2u);
    // x = 1 and y = 2 share slot 0; as uint128 x reads 1 + (2 << 64).
    bool saw_x = false;
    for (const auto* x : f)
        if (contains(x->message, "x() returned 1 before the upgrade and 36893488147419103233 after")) saw_x = true;
    EXPECT_TRUE(saw_x) << f[0]->message << "\n" << f[1]->message;
}

TEST(ExecutedChecks, AppendedVariablesLeaveEveryGetterUnchanged) {
    auto r = run_exec("exec_storage_append");
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_TRUE(r->findings.empty()) << r->findings[0].message;
    // 16 shared getters: 9 without arguments, fixedList/list at 0 and 1, pos,
    // balances and codes at 2 keys, positions at bytes32 0 and 1, allowed at 2 x 2.
    EXPECT_EQ(r->getter_calls, 24u);
}

TEST(ExecutedChecks, LinkedLibrariesAreDeployedAndLinked) {
    auto r = run_exec("external_library_linking");
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_TRUE(r->deployed);
    EXPECT_TRUE(r->findings.empty()) << r->findings[0].message;
}

TEST(ExecutedChecks, ConstructorArgumentsThatMustBeGuessedSkipWithAWarning) {
    auto r = run_exec("exec_constructor_arguments");
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_FALSE(r->deployed);
    ASSERT_EQ(r->findings.size(), 1u);
    EXPECT_EQ(r->findings[0].code, "exec-skipped");
    EXPECT_EQ(r->findings[0].severity, Severity::warning);
    EXPECT_TRUE(contains(r->findings[0].message, "fee is zero")) << r->findings[0].message;
    EXPECT_TRUE(contains(r->findings[0].message, "default constructor arguments")) << r->findings[0].message;
}

TEST(ExecutedChecks, AConstructorThatAlwaysRevertsCannotBeDeployed) {
    auto r = run_exec("exec_constructor_reverts");
    ASSERT_TRUE(r.ok()) << r.error().message;
    ASSERT_EQ(r->findings.size(), 1u);
    EXPECT_EQ(r->findings[0].code, "exec-deploy-failed");
    EXPECT_EQ(r->findings[0].severity, Severity::error);
    EXPECT_TRUE(contains(r->findings[0].message, "wrong chain")) << r->findings[0].message;
}

TEST(ExecutedChecks, ExecuteFalseSkipsThem) {
    auto m = read_pair_manifest("initializer_not_disabled");
    const auto& set = pairs_solc();
    auto o = solidity::find_contract(set, m.source + ":V1");
    auto n = solidity::find_contract(set, m.source + ":V2");
    ASSERT_TRUE(o.ok() && n.ok());
    upgrade::CheckOptions opt;
    opt.execute = false;
    auto r = upgrade::check_upgrade(*o, *n, opt);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(codes(r->findings, false), std::vector<std::string>{"initializer-not-disabled"});
}

// Without a reference version the proxy starts on the new implementation;
// initializers and the UUPS path still run.
TEST(ExecutedChecks, ImplementationOnlyModeRunsTheBareAndUupsChecks) {
    const auto& set = pairs_solc();
    auto n = solidity::find_contract(set, "pairs/uups_ok.sol:V2");
    ASSERT_TRUE(n.ok());
    auto ns = solidity::load_storage(*n->build, *n->contract);
    ASSERT_TRUE(ns.ok());
    upgrade::CodeModel nc(*n->build, *n->contract->node);
    upgrade::Target nt{*n->build, *n->contract, *ns, nc};
    auto r = upgrade::run_executed_checks(nt, nullptr, {});
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_FALSE(r->initializers.empty());
    EXPECT_EQ(r->getter_calls, 0u);
    ASSERT_TRUE(r->upgrade_copy && r->slot_after);
    EXPECT_EQ(*r->slot_after, *r->upgrade_copy);
}

}  // namespace
}  // namespace suture::test
