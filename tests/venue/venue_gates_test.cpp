// `suture run` on the venue (examples/venue) deployed with a history on anvil, after the attack's
// first transaction and the guardian's pause: the fix passes every gate, and each wrong fix stops at
// the gate venue_fixes() names, with its finding.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>

#include <gtest/gtest.h>

#include "chain/devnet.hpp"
#include "chain/nonce_manager.hpp"
#include "chain/state_file.hpp"
#include "chain/tx_sender.hpp"
#include "demo/venue.hpp"
#include "demo/venue_manifest.hpp"
#include "support/anvil.hpp"
#include "support/suture_cli.hpp"

namespace suture::demo {
namespace {

namespace fs = std::filesystem;
using suture::test::Anvil;

// The venue deployed with a history, then the incident: the attack's set-up and first drain
// transaction, and the guardian's pause. On anvil, or on a state file through the in-process node
// ("state:PATH", the embedded default): the gates run in `suture` processes, so the node's client is
// closed first (the node writes the file when its last client goes).
class VenueGates : public ::testing::Test {
protected:
    static void prepare(bool on_state_file) {
        work_ = new fs::path(fs::temp_directory_path() /
                             ("suture-venue-gates-" + std::string(on_state_file ? "state-" : "") + std::to_string(getpid())));
        fs::create_directories(*work_);
        std::optional<chain::SecretKey> funder;
        if (on_state_file) {
            chain::DevnetOptions o;
            o.accounts = venue_account_count(12);
            auto state = chain::new_devnet(o);
            ASSERT_TRUE(state.ok()) << state.error().message;
            auto saved = chain::save_state_file((*work_ / "dev.state").string(), *state);
            ASSERT_TRUE(saved.ok()) << saved.error().message;
            url_ = "state:" + (*work_ / "dev.state").string();
            chain_id_ = o.chain_id;
        } else {
            auto n = Anvil::start();
            ASSERT_TRUE(n.ok()) << n.error().message;
            node_ = std::move(*n).release();
            url_ = node_->url();
            chain_id_ = Anvil::chain_id;
            funder.emplace(Anvil::dev_key(0));
        }
        chain::RpcClient rpc(url_);
        chain::NonceManager nonces(rpc);
        chain::SendOptions so;
        so.poll_interval = std::chrono::milliseconds(5);
        chain::TxSender sender(rpc, nonces, so);
        auto build = load_venue_build({std::string(SUTURE_BINARY_DIR) + "/examples/venue.json",
                                       std::string(SUTURE_SOURCE_DIR) +
                                           "/node_modules/@safe-global/safe-contracts/build/artifacts/contracts"});
        ASSERT_TRUE(build.ok()) << build.error().message;
        auto accounts = venue_accounts(12);
        ASSERT_TRUE(accounts.ok()) << accounts.error().message;
        VenueOptions options;
        options.users = 12;
        options.rounds = 4;
        options.funder = funder ? &*funder : nullptr;
        auto d = deploy_venue_with_history(rpc, sender, *build, *accounts, options);
        ASSERT_TRUE(d.ok()) << d.error().message;
        deployment_ = new VenueDeployment(*d);
        auto plan = venue_attack(rpc, *build, *accounts, d->addresses, {});
        ASSERT_TRUE(plan.ok()) << plan.error().message;
        for (const auto& step : *plan) {
            auto r = send_attack_step(sender, *accounts, step);
            ASSERT_TRUE(r.ok()) << r.error().message;
            if (step.drains) break;
        }
        chain::TxRequest pause;
        pause.to = d->addresses.venue;
        pause.data = {0x84, 0x56, 0xcb, 0x59};  // pause()
        auto paused = sender.send(pause, accounts->guardian, accounts->guardian.address());
        ASSERT_TRUE(paused.ok()) << paused.error().message;
        auto poc = venue_poc(rpc, *build, *accounts, d->addresses, {});
        ASSERT_TRUE(poc.ok()) << poc.error().message;
        std::ofstream(*work_ / "poc.json") << poc->dump(2);
        fs::copy_file(std::string(SUTURE_BINARY_DIR) + "/examples/venue.json", *work_ / "venue.json");
        for (const auto& k : accounts->safe_owners) reviewers_.push_back(to_checksum(k.address()));
    }
    static void TearDownTestSuite() {
        if (work_) fs::remove_all(*work_);
        delete work_;
        work_ = nullptr;
        delete deployment_;
        deployment_ = nullptr;
        delete node_;
        node_ = nullptr;
        reviewers_.clear();
    }

    static Anvil* node_;
    static std::string url_;
    static uint64_t chain_id_;
    static VenueDeployment* deployment_;
    static fs::path* work_;
    static std::vector<std::string> reviewers_;

    // Writes the fix's manifest in its own folder (its own ledger), opens a patch and runs the gates.
    static nlohmann::json run_fix(const VenueFix& fix, bool replay) {
        const fs::path dir = *work_ / (fix.contract + (replay ? "" : "-no-replay"));
        fs::create_directories(dir);
        fs::copy_file(*work_ / "venue.json", dir / "venue.json");
        fs::copy_file(*work_ / "poc.json", dir / "poc.json");
        VenueManifestOptions o;
        o.rpc = url_;
        o.chain_id = chain_id_;
        o.addresses = deployment_->addresses;
        o.new_contract = fix.contract;
        if (replay) o.replay = std::make_pair(deployment_->history.first_block, deployment_->history.last_block);
        for (const auto& r : reviewers_) o.reviewers.push_back(*parse_address(r));
        auto text = venue_manifest(o);
        if (!text) throw std::runtime_error(text.error().message);
        std::ofstream(dir / "suture.toml") << *text;
        auto created = test::run_suture_in(dir.string(), "patch new");
        if (created.exit != 0) throw std::runtime_error("patch new: " + created.out);
        auto run = test::run_suture_in(dir.string(), "--json run 2>/dev/null");
        auto doc = nlohmann::json::parse(run.out, nullptr, false);
        if (doc.is_discarded()) throw std::runtime_error("suture run: not JSON (exit " + std::to_string(run.exit) + "): " + run.out);
        doc["exit"] = run.exit;
        return doc;
    }

    // The verdict of each gate that ran, in order, and the codes of the error findings of `gate`.
    static std::vector<std::string> verdicts(const nlohmann::json& run) {
        std::vector<std::string> out;
        for (const auto& g : run["gates"]) out.push_back(g["gate"].get<std::string>() + "=" + g["verdict"].get<std::string>());
        return out;
    }
    static std::vector<std::string> errors_of(const nlohmann::json& run, const std::string& gate) {
        std::vector<std::string> out;
        for (const auto& g : run["gates"])
            if (g["gate"] == gate)
                for (const auto& f : g["findings"])
                    if (f["severity"] == "error" && !f.contains("suppressed_by")) out.push_back(f["code"]);
        return out;
    }

    // What `suture run` must say of `fix`: every gate before `stops_at` passes, `stops_at` fails with
    // `finding` among its errors, nothing after it runs.
    static void expect_stops(const VenueFix& fix, bool replay) {
        const std::string& stop = replay ? fix.stops_at : fix.stops_at_without_replay;
        const std::string& code = replay ? fix.finding : fix.finding_without_replay;
        auto run = run_fix(fix, replay);
        SCOPED_TRACE(fix.contract + (replay ? "" : " without replay") + ": " + run.dump(1).substr(0, 6000));
        std::vector<std::string> want;
        for (const char* gate : {"check", "exploit", "replay", "fuzz", "invariants", "simulate"}) {
            if (!replay && std::string(gate) == "replay") {
                want.push_back("replay=skipped");
                continue;
            }
            if (gate == stop) {
                want.push_back(stop + "=fail");
                break;
            }
            want.push_back(std::string(gate) + "=pass");
        }
        EXPECT_EQ(verdicts(run), want);
        EXPECT_EQ(run["exit"], stop.empty() ? 0 : 1);
        EXPECT_EQ(run["passed"], stop.empty());
        if (!stop.empty()) {
            auto errors = errors_of(run, stop);
            EXPECT_NE(std::find(errors.begin(), errors.end(), code), errors.end()) << "no " << code << " at " << stop;
        }
    }
};
Anvil* VenueGates::node_ = nullptr;
std::string VenueGates::url_;
uint64_t VenueGates::chain_id_ = 0;
VenueDeployment* VenueGates::deployment_ = nullptr;
fs::path* VenueGates::work_ = nullptr;
std::vector<std::string> VenueGates::reviewers_;

class VenueGatesOnAnvil : public VenueGates {
protected:
    static void SetUpTestSuite() { prepare(false); }
};

class VenueGatesOnStateFile : public VenueGates {
protected:
    static void SetUpTestSuite() { prepare(true); }
};

TEST_F(VenueGatesOnAnvil, TheFixPassesEveryGate) {
    ASSERT_NE(deployment_, nullptr);
    expect_stops(venue_fixes().at(0), true);
}

TEST_F(VenueGatesOnAnvil, EachWrongFixStopsAtItsGate) {
    ASSERT_NE(deployment_, nullptr);
    for (size_t i = 1; i < venue_fixes().size(); ++i) expect_stops(venue_fixes()[i], true);
}

// On a chain without history (no replay gate), the rounding change is the fuzz gate's to find: a
// view no one needs to have called (convertToShares) answers differently.
TEST_F(VenueGatesOnAnvil, WithoutReplayTheRoundingChangeStopsAtFuzz) {
    ASSERT_NE(deployment_, nullptr);
    expect_stops(venue_fixes().at(3), false);
}

// The embedded default: the same verdicts on the in-process node over a state file, replay included.
TEST_F(VenueGatesOnStateFile, TheSameVerdictsAsOnAnvil) {
    ASSERT_NE(deployment_, nullptr);
    for (const auto& fix : venue_fixes()) expect_stops(fix, true);
}

}  // namespace
}  // namespace suture::demo
