// Post-deploy verification: is the upgrade live and is it what was built?
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/address.hpp"
#include "core/result.hpp"
#include "deploy/diamond_cut.hpp"
#include "deploy/implementation_artifact.hpp"
#include "upgrade/proxy_chain_view.hpp"
#include "upgrade/proxy_kind.hpp"

namespace suture::deploy {

// A user-declared call through the proxy and the answer it must give.
struct SmokeCheck {
    std::string signature;          // with outputs: "version()(uint256)"
    std::vector<std::string> args;  // text values, as abi::parse_value reads them
    std::string expected;           // the outputs as abi::format_value prints them, joined by ", "
};

// "version()(uint256) = 2", "balanceOf(address)(uint256) 0xAb.. = 5": the
// signature, then arguments separated by spaces, then " = " and the expected output.
Result<SmokeCheck> parse_smoke_check(std::string_view text);

struct VerifyCheck {
    std::string name;    // "implementation slot", "runtime code", "admin", "smoke version()(uint256)", ...
    bool ok = false;
    std::string detail;  // what was found
};

struct Verification {
    std::vector<VerifyCheck> checks;
    bool ran() const { return !checks.empty(); }
    bool ok() const;
    // The failed checks, one per line.
    std::string failures() const;
};

struct VerifyExpectations {
    upgrade::ProxyPattern kind = upgrade::ProxyPattern::none;
    Address implementation;                      // the new implementation (diamond: the new facet)
    const ImplementationArtifact* artifact = nullptr;  // compare runtime code (nullptr: skipped, said so)
    std::optional<Address> admin_before;         // nearest authority before the upgrade
    std::optional<Address> beacon_before;
    std::vector<FacetCut> cuts;                  // diamond: every selector must route as cut
    std::vector<SmokeCheck> smoke;
};

// Re-inspects `proxy` and runs every check; `after` receives the new inspection.
// Errors only for chain access failures: failed checks are values.
Result<Verification> post_verify(upgrade::ChainView& view, const Address& proxy, const VerifyExpectations& expect,
                                 upgrade::ProxyInfo& after);

// Runs one smoke check through the proxy.
Result<VerifyCheck> run_smoke_check(upgrade::ChainView& view, const Address& proxy, const SmokeCheck& check);

}  // namespace suture::deploy
