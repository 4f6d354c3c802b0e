#include "demo/demo_run.hpp"

#include <filesystem>
#include <fstream>

#include "chain/nonce_manager.hpp"
#include "chain/tx_sender.hpp"
#include "core/abi_encode.hpp"
#include "core/atomic_file.hpp"
#include "core/hex.hpp"
#include "core/keccak.hpp"
#include "core/units.hpp"
#include "demo/demo_admin.hpp"
#include "demo/demo_chain.hpp"
#include "demo/demo_deploy.hpp"
#include "demo/demo_keys.hpp"
#include "demo/demo_monitor.hpp"
#include "demo/demo_patch.hpp"
#include "demo/venue_manifest.hpp"
#include "ledger/ledger.hpp"
#include "respond/pause_record.hpp"
#include "upgrade/proxy_rpc_view.hpp"
#include "upgrade/proxy_view_call.hpp"

namespace suture::demo {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using abi::AbiValue;

constexpr const char* kMarker = ".suture-demo";  // marks a work dir as the demo's own
// The monitor's detector: one transaction taking more than this much vUSD out
// of the venue (a team sets it above its largest honest withdrawal).
constexpr uint64_t kOutflowThresholdVusd = 10'000;

std::string vusd(const uint256& wei) { return format_units(wei, 18) + " vUSD"; }

// One step as the observer sees it: begun at construction, ended once.
class Step {
public:
    Step(DemoObserver& o, std::string id, const std::string& title) : o_(o), id_(std::move(id)), t0_(Clock::now()) {
        o_.begin(id_, title);
    }
    ~Step() {
        if (!ended_) end(StepStatus::failed, error_.empty() ? "stopped" : error_);
    }
    Step(const Step&) = delete;
    Step& operator=(const Step&) = delete;

    void note(const std::string& line) { o_.note(id_, line); }
    void progress(uint64_t done, uint64_t total) { o_.progress(id_, done, total); }
    void end(StepStatus s, std::string summary, std::vector<std::string> detail = {}) {
        if (ended_) return;
        ended_ = true;
        StepEnd e;
        e.status = s;
        e.summary = std::move(summary);
        e.detail = std::move(detail);
        e.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t0_);
        o_.end(id_, e);
    }
    // Ends the step failed with the error's message and passes the error on.
    Error fail(Error e) {
        end(StepStatus::failed, e.message);
        return e;
    }

private:
    DemoObserver& o_;
    std::string id_;
    Clock::time_point t0_;
    bool ended_ = false;
    std::string error_;
};

// A work dir the demo may (re)use: absent, empty, or marked as a previous demo's.
Status prepare_dir(const std::string& dir) {
    std::error_code ec;
    if (fs::exists(dir, ec)) {
        if (!fs::is_directory(dir, ec)) return usage_error("demo: --dir " + dir + " is not a directory");
        if (!fs::is_empty(dir, ec) && !fs::exists(fs::path(dir) / kMarker, ec))
            return usage_error("demo: " + dir + " is not empty and not a previous demo's work dir (no " + kMarker +
                               "); give another --dir");
        fs::remove_all(dir, ec);
        if (ec) return input_error("demo: cannot clear " + dir + ": " + ec.message());
    }
    fs::create_directories(dir, ec);
    if (ec) return input_error("demo: cannot create " + dir + ": " + ec.message());
    std::ofstream(fs::path(dir) / kMarker) << "a suture demo work dir: `suture demo` replaces it on its next run\n";
    return {};
}

Status write_json(const std::string& path, const nlohmann::json& j) {
    const std::string text = j.dump(2) + "\n";
    return write_file_atomically(path, BytesView(reinterpret_cast<const uint8_t*>(text.data()), text.size()));
}

// Everything the run shares.
struct Run {
    const DemoOptions& o;
    DemoObserver& obs;
    DemoSummary& sum;
    std::string dir;  // absolute
    DemoChain chain;
    VenueBuild build;
    std::optional<VenueAccounts> accounts_;
    const VenueAccounts& accounts() const { return *accounts_; }
    DemoKeys reviewers;
    VenueDeployment venue;
    std::optional<ledger::Ledger> ledger;
    int64_t incident = 0;
    uint64_t fork_block = 0;
    std::string poc_path;
    chain::SendOptions send;

    Result<uint256> token_balance(const Address& who) {
        upgrade::RpcChainView view(*chain.rpc);
        SUTURE_TRY(v, upgrade::view_uint(view, venue.addresses.token, "balanceOf(address)(uint256)", {AbiValue(who)}));
        if (!v) return chain_error("vUSD balanceOf did not answer");
        return *v;
    }
    Result<bool> paused() {
        upgrade::RpcChainView view(*chain.rpc);
        SUTURE_TRY(v, upgrade::view_bool(view, venue.addresses.venue, "paused()(bool)"));
        if (!v) return chain_error("venue paused() did not answer");
        return *v;
    }
    std::vector<const chain::SecretKey*> safe_owners(size_t n) const {
        std::vector<const chain::SecretKey*> k;
        for (size_t i = 0; i < n && i < accounts().safe_owners.size(); ++i) k.push_back(&accounts().safe_owners[i]);
        return k;
    }
};

Status setup(Run& r) {
    {
        Step s(r.obs, "chain", r.o.rpc.empty() ? "the embedded chain (in-process node over a state file)"
                                               : "the chain at " + chain::redact_url(r.o.rpc));
        auto build = load_venue_build(r.o.artifacts);
        if (!build) return s.fail(build.error());
        r.build = std::move(*build);
        auto accounts = venue_accounts(r.o.users);
        if (!accounts) return s.fail(accounts.error());
        r.accounts_ = std::move(*accounts);
        auto reviewers = DemoKeys::generate({"reviewer 1", "reviewer 2", "reviewer 3"});
        if (!reviewers) return s.fail(reviewers.error());
        r.reviewers = std::move(*reviewers);
        const auto& a = r.accounts();
        std::vector<Address> fund{a.deployer.address(), a.keeper.address(), a.guardian.address(),
                                  a.attacker.address(), a.liquidator.address(), a.treasury.address()};
        for (const auto& k : a.safe_owners) fund.push_back(k.address());
        for (const auto& k : a.users) fund.push_back(k.address());
        auto c = open_demo_chain(r.o.rpc, r.dir, fund, uint256(1000) * uint256(1'000'000'000'000'000'000ULL));
        if (!c) return s.fail(c.error());
        r.chain = std::move(*c);
        r.sum.chain_url = r.chain.url;
        r.sum.embedded = r.chain.embedded;
        std::vector<std::string> detail;
        detail.push_back("reviewers (demo keys generated for this run, never funded, shown nowhere else):");
        for (const auto& k : r.reviewers.all()) detail.push_back("  " + k.role + ": " + to_checksum(k.key.address()));
        s.end(StepStatus::ok,
              "chain id " + std::to_string(r.chain.chain_id) + ", " + std::to_string(fund.size()) + " actors funded",
              detail);
    }
    auto ledger = ledger::Ledger::open((fs::path(r.dir) / "suture.ledger").string(), ledger::Access::write);
    if (!ledger) return std::move(ledger).error();
    r.ledger.emplace(std::move(*ledger));
    return {};
}

Status deploy_and_history(Run& r, chain::TxSender& sender) {
    VenueOptions vo;
    vo.users = r.o.users;
    vo.rounds = r.o.rounds;
    vo.seed = r.o.seed;
    {
        Step s(r.obs, "deploy", "deploy the venue: vUSD, oracle, PerpVenueV1 behind a proxy, 2-of-3 Safe, timelock");
        auto a = deploy_venue(*r.chain.rpc, sender, r.build, r.accounts(), vo,
                              [&](std::string_view, uint64_t d, uint64_t t) { s.progress(d, t); });
        if (!a) return s.fail(a.error());
        r.venue.addresses = *a;
        s.end(StepStatus::ok, "venue " + to_checksum(a->venue),
              {"owner: TimelockController " + to_checksum(a->timelock),
               "proposer and executor: 2-of-3 Safe " + to_checksum(a->safe),
               "guardian (PAUSER_ROLE): " + to_checksum(r.accounts().guardian.address()),
               "collateral: vUSD " + to_checksum(a->token)});
    }
    Step s(r.obs, "history", "ordinary activity: liquidity, margin, longs and shorts, price moves, liquidations");
    auto h = run_venue_history(*r.chain.rpc, sender, r.build, r.accounts(), r.venue.addresses, vo,
                               [&](std::string_view, uint64_t d, uint64_t t) { s.progress(d, t); });
    if (!h) return s.fail(h.error());
    r.venue.history = *h;
    r.sum.history_transactions = h->stats.transactions;
    const auto& st = h->stats;
    s.end(StepStatus::ok,
          std::to_string(st.transactions) + " transactions in blocks " + std::to_string(h->first_block) + ".." +
              std::to_string(h->last_block),
          {std::to_string(st.lp_deposits) + " LP deposits, " + std::to_string(st.lp_withdrawals) + " withdrawals, " +
               std::to_string(st.positions_opened) + " positions opened, " + std::to_string(st.positions_closed) +
               " closed, " + std::to_string(st.liquidations) + " liquidated, " + std::to_string(st.price_updates) +
               " price updates",
           "pool " + vusd(st.pool_assets) + ", traders' collateral " + vusd(st.trader_collateral) + ", held " +
               vusd(st.collateral_balance)});
    return {};
}

// The attack from start to end with nobody watching, on a snapshot that is
// then reverted: what it would take.
Status unchecked_attack(Run& r) {
    Step s(r.obs, "exploit", "the exploit, unchecked (on a snapshot of the chain, undone after)");
    auto& rpc = *r.chain.rpc;
    auto snap = rpc.evm_snapshot();
    if (!snap) return s.fail(snap.error());
    auto before = r.token_balance(r.venue.addresses.venue);
    if (!before) return s.fail(before.error());
    r.sum.pool_before = *before;
    auto steps = venue_attack(rpc, r.build, r.accounts(), r.venue.addresses, AttackOptions{});
    if (!steps) return s.fail(steps.error());
    {
        chain::NonceManager nonces(rpc);
        chain::TxSender sender(rpc, nonces, r.send);
        for (const auto& st : *steps) {
            auto sent = send_attack_step(sender, r.accounts(), st);
            if (!sent) return s.fail(std::move(sent).error().context("attack step " + st.what));
        }
    }
    auto after = r.token_balance(r.venue.addresses.venue);
    if (!after) return s.fail(after.error());
    r.sum.exploit_drain = *before > *after ? *before - *after : uint256(0);
    auto reverted = rpc.evm_revert(*snap);
    if (!reverted) return s.fail(reverted.error());
    if (!*reverted) return s.fail(chain_error("evm_revert did not restore the snapshot"));
    const bool drains = bool(r.sum.exploit_drain);
    s.end(drains ? StepStatus::ok : StepStatus::failed,
          "drains " + vusd(r.sum.exploit_drain) + " of " + vusd(*before) + " in " + std::to_string(steps->size()) +
              " transactions",
          {"withdraw() pays before it writes the share balance back: inside the token's receive hook the attacker "
           "moves the shares away, and they live on"});
    return {};
}

// The attack again, this time with the monitor polling after each transaction.
Status watched_attack(Run& r) {
    auto& rpc = *r.chain.rpc;
    Step s(r.obs, "monitor", "the attack, watched: the monitor polls after each transaction, the guardian pauses");
    // The exploit gate's PoC and the gates' fork block: the chain as it is before the attack.
    auto poc = venue_poc(rpc, r.build, r.accounts(), r.venue.addresses, AttackOptions{});
    if (!poc) return s.fail(poc.error());
    r.poc_path = (fs::path(r.dir) / "poc.json").string();
    if (auto w = write_json(r.poc_path, *poc); !w) return s.fail(w.error());
    auto head = rpc.block_number();
    if (!head) return s.fail(head.error());
    r.fork_block = *head;
    WatchSpec ws;
    ws.venue = r.venue.addresses.venue;
    ws.token = r.venue.addresses.token;
    ws.threshold = uint256(kOutflowThresholdVusd) * uint256(1'000'000'000'000'000'000ULL);
    ws.start_block = *head + 1;
    auto watch = AttackWatch::open(rpc, ws, r.accounts().guardian);
    if (!watch) return s.fail(watch.error());
    s.note("detector collateral-outflow: more than " + vusd(ws.threshold) + " leaving the venue in one transaction");
    auto steps = venue_attack(rpc, r.build, r.accounts(), r.venue.addresses, AttackOptions{});
    if (!steps) return s.fail(steps.error());
    chain::NonceManager nonces(rpc);
    chain::TxSender sender(rpc, nonces, r.send);
    std::optional<WatchResult> fired;
    std::vector<std::string> detail;
    for (size_t i = 0; i < steps->size(); ++i) {
        const auto& st = (*steps)[i];
        auto sent = send_attack_step(sender, r.accounts(), st);
        if (!sent) {
            if (!fired) return s.fail(std::move(sent).error().context("attack step " + st.what));
            ++r.sum.attack_txs_blocked;
            detail.push_back("attack tx " + std::to_string(i + 1) + " (" + st.what + "): refused, the venue is paused");
            continue;
        }
        if (fired) return s.fail(chain_error("attack step " + st.what + " went through after the pause"));
        auto polled = watch->poll();
        if (!polled) return s.fail(polled.error());
        if (*polled) {
            fired = std::move(*polled);
            r.sum.detector = fired->firing.detector;
            r.sum.firing_attack_tx = uint32_t(i + 1);
            detail.push_back("attack tx " + std::to_string(i + 1) + " (" + st.what + "): " + fired->firing.summary);
            for (const auto& p : fired->pauses)
                detail.push_back("guardian: " + std::string(respond::pause_status_name(p.status)) + " " + p.function +
                                 (p.tx_hash ? " in tx " + to_hex(*p.tx_hash) : std::string()));
        }
    }
    auto after = r.token_balance(r.venue.addresses.venue);
    if (!after) return s.fail(after.error());
    r.sum.drained_before_pause = r.sum.pool_before > *after ? r.sum.pool_before - *after : uint256(0);
    r.sum.saved = r.sum.exploit_drain > r.sum.drained_before_pause ? r.sum.exploit_drain - r.sum.drained_before_pause
                                                                    : uint256(0);
    auto paused = r.paused();
    if (!paused) return s.fail(paused.error());
    if (!fired || !*paused) {
        s.end(StepStatus::failed, fired ? "the detector fired but the venue is not paused" : "the detector never fired",
              detail);
        return {};
    }
    // The pause, in the ledger, once the incident exists (incident()).
    if (auto ev = r.ledger->append("monitor.firing", fired->firing.evidence); !ev) return s.fail(ev.error());
    auto recorded = respond::record_pauses(*r.ledger, fired->pauses, std::nullopt);
    if (!recorded) return s.fail(recorded.error());
    s.end(StepStatus::ok,
          "fired on attack tx " + std::to_string(r.sum.firing_attack_tx) + " of " + std::to_string(steps->size()) +
              ", paused; drained " + vusd(r.sum.drained_before_pause) + ", saved " + vusd(r.sum.saved),
          detail);
    return {};
}

Status open_incident(Run& r) {
    Step s(r.obs, "incident", "incident opened in the ledger");
    ledger::IncidentInput in;
    in.title = "PerpVenueV1 drained through withdraw(): shares moved inside the collateral token's receive hook";
    in.severity = "critical";
    in.description = "detector " + r.sum.detector + " fired on attack transaction " +
                     std::to_string(r.sum.firing_attack_tx) + "; the guardian paused the venue. Drained " +
                     vusd(r.sum.drained_before_pause) + " before the pause; " + vusd(r.sum.saved) +
                     " the attack would have taken stayed in the venue.";
    auto id = r.ledger->open_incident(in);
    if (!id) return s.fail(id.error());
    r.incident = *id;
    s.end(StepStatus::ok, "incident " + std::to_string(*id) + " (critical): " + in.title,
          {"ledger " + r.ledger->path()});
    return {};
}

Result<pipeline::Manifest> manifest_for(Run& r, const VenueFix& fix, const std::string& file) {
    Step s(r.obs, "manifest:" + file, "manifest " + file + ": PerpVenueV1 -> " + fix.contract);
    VenueManifestOptions o;
    o.rpc = r.chain.url;
    o.chain_id = r.chain.chain_id;
    o.block = r.fork_block;
    o.addresses = r.venue.addresses;
    o.build = fs::absolute(r.o.artifacts.venue_build).lexically_normal().string();
    o.new_contract = fix.contract;
    o.poc = r.poc_path;
    o.replay = std::pair{r.venue.history.first_block, r.venue.history.last_block};
    o.fuzz_runs = r.o.fuzz_runs;
    o.fuzz_depth = r.o.fuzz_depth;
    o.fuzz_seed = r.o.seed;
    for (const auto& k : r.reviewers.all()) o.reviewers.push_back(k.key.address());
    o.threshold = 2;
    auto text = venue_manifest(o);
    if (!text) return s.fail(text.error());
    const std::string path = (fs::path(r.dir) / file).string();
    if (auto w = write_file_atomically(path, BytesView(reinterpret_cast<const uint8_t*>(text->data()), text->size())); !w)
        return s.fail(w.error());
    auto m = pipeline::load_manifest(path);
    if (!m) return s.fail(m.error());
    s.end(StepStatus::ok, m->path, {"the gates fork block " + std::to_string(r.fork_block) + " (before the attack)"});
    return m;
}

// The unpause as it happened, in the ledger: the timelock (the venue's owner)
// called unpause(), in an operation the Safe scheduled and executed (two Safe
// transactions, the delay between). Not a guardian's pause through a Safe.
Status record_owner_unpause(Run& r, const OwnerPath& path, const OwnerCall& call) {
    respond::PauseOutcome o;
    o.target = r.venue.addresses.venue;
    o.action = respond::PauseAction::unpause;
    o.function = "unpause()";
    o.mechanism = "timelock";
    o.status = r.sum.unpaused ? respond::PauseOutcome::Status::done : respond::PauseOutcome::Status::failed;
    o.tx_hash = call.execute_tx;
    auto event = respond::pause_outcome_json(o);
    event["timelock"] = to_checksum(path.timelock);
    event["operation"] = to_hex(call.operation);
    event["proposer_executor"] = {{"safe", to_checksum(path.safe)},
                                  {"schedule_tx", to_hex(call.schedule_tx)},
                                  {"execute_tx", to_hex(call.execute_tx)}};
    event["delay"] = call.delay;
    event["incident"] = r.incident;
    SUTURE_TRY(seq, r.ledger->append(respond::kUnpauseEvent, event));
    (void)seq;
    return {};
}

Status ship_fix(Run& r, const pipeline::Manifest& m, const pipeline::RunReport& run) {
    auto& l = *r.ledger;
    {
        Step s(r.obs, "approve", "2-of-3 reviewers sign the patch digest (EIP-191), as `suture approve` does");
        std::vector<const chain::SecretKey*> keys;
        for (size_t i = 0; i < 2; ++i) keys.push_back(&r.reviewers.all()[i].key);
        auto tally = approve_digest(m, l, run.patch_id, run.digest, keys);
        if (!tally) return s.fail(tally.error());
        r.sum.approvals = unsigned(tally->signed_by.size());
        r.sum.threshold = tally->threshold;
        s.end(tally->met() ? StepStatus::ok : StepStatus::failed,
              std::to_string(tally->signed_by.size()) + " of " + std::to_string(m.policy.reviewers.size()) +
                  " reviewers signed digest " + to_hex(run.digest) + " (threshold " + std::to_string(tally->threshold) +
                  ")",
              {"demo keys, generated for this run: reviewer 1 " + to_checksum(keys[0]->address()) + ", reviewer 2 " +
               to_checksum(keys[1]->address())});
        if (!tally->met()) return {};
    }
    {
        Step s(r.obs, "ready", "deploy readiness: gates on today's inputs, the digest recomputed, approvals counted");
        if (auto st = require_ready(m, l, run.patch_id); !st) return s.fail(st.error());
        s.end(StepStatus::ok, "ready: the digest recomputed now is the one the reviewers signed");
    }
    ShipKeys keys;
    keys.deployer = &r.accounts().deployer;
    keys.safe = r.venue.addresses.safe;
    keys.safe_owners = r.safe_owners(2);
    std::optional<Address> implementation;
    uint64_t delay = 0;
    {
        Step s(r.obs, "schedule", "deploy PerpVenueV2, schedule the upgrade on the timelock through the Safe (2 of 3)");
        auto out = timelock_step(m, l, run.patch_id, *r.chain.rpc, keys, deploy::TimelockOptions::Step::schedule,
                                 std::nullopt);
        if (!out) return s.fail(out.error());
        if (!out->refused.empty()) return s.fail(input_error("deploy refused by its " + out->refused + " gate"));
        implementation = out->implementation;
        std::vector<std::string> detail;
        for (const auto& t : out->sent) detail.push_back(t.request.step + ": tx " + to_hex(t.hash));
        for (const auto& a : out->before.authorities)
            if (a.kind == upgrade::AuthorityKind::timelock && a.min_delay) delay = *a.min_delay;
        s.end(StepStatus::ok,
              "operation " + (out->timelock_operation ? to_hex(*out->timelock_operation) : std::string("?")) +
                  " scheduled, ready in " + std::to_string(delay) + " s",
              detail);
    }
    {
        Step s(r.obs, "wait", "the timelock's delay, waited out on the dev chain's clock");
        auto ts = advance_time(*r.chain.rpc, delay);
        if (!ts) return s.fail(ts.error());
        s.end(StepStatus::ok, "clock moved " + std::to_string(delay) + " s (evm_increaseTime), now " + std::to_string(*ts));
    }
    deploy::DeployOutcome executed;
    {
        Step s(r.obs, "execute", "execute the upgrade through the Safe (2 of 3)");
        auto out = timelock_step(m, l, run.patch_id, *r.chain.rpc, keys, deploy::TimelockOptions::Step::execute,
                                 implementation);
        if (!out) return s.fail(out.error());
        if (!out->refused.empty()) return s.fail(input_error("deploy refused by its " + out->refused + " gate"));
        executed = std::move(*out);
        std::vector<std::string> detail;
        for (const auto& t : executed.sent) detail.push_back(t.request.step + ": tx " + to_hex(t.hash));
        r.sum.deployed = executed.after && executed.after->implementation == implementation;
        s.end(r.sum.deployed ? StepStatus::ok : StepStatus::failed,
              "venue now runs PerpVenueV2 at " + (implementation ? to_checksum(*implementation) : std::string("?")),
              detail);
    }
    {
        Step s(r.obs, "post-verify", "post-deploy verification (read back from the chain)");
        std::vector<std::string> detail;
        for (const auto& c : executed.verification.checks)
            detail.push_back(std::string(c.ok ? "ok   " : "FAIL ") + c.name + ": " + c.detail);
        r.sum.verified = executed.verification.ran() && executed.verification.ok();
        s.end(r.sum.verified ? StepStatus::ok : StepStatus::failed,
              std::to_string(executed.verification.checks.size()) + " checks, " +
                  (r.sum.verified ? "all passed" : "failed: " + executed.verification.failures()),
              detail);
        if (!r.sum.verified) return {};
    }
    {
        Step s(r.obs, "unpause", "unpause: the timelock calls unpause(), proposed and executed by the Safe");
        chain::NonceManager nonces(*r.chain.rpc);
        chain::TxSender sender(*r.chain.rpc, nonces, r.send);
        OwnerPath path{r.venue.addresses.timelock, r.venue.addresses.safe, r.safe_owners(2)};
        auto data = abi::encode_call(*abi::parse_signature("unpause()"), {});
        if (!data) return s.fail(data.error());
        auto call = call_as_owner(*r.chain.rpc, sender, path, r.venue.addresses.venue, *data,
                                  keccak256(std::string_view("suture demo: unpause after the fix")));
        if (!call) return s.fail(call.error());
        auto paused = r.paused();
        if (!paused) return s.fail(paused.error());
        r.sum.unpaused = !*paused;
        if (auto rec = record_owner_unpause(r, path, *call); !rec) return s.fail(rec.error());
        s.end(r.sum.unpaused ? StepStatus::ok : StepStatus::failed,
              r.sum.unpaused ? "the venue is open again, on the fixed code" : "paused() still reads true",
              {"schedule tx " + to_hex(call->schedule_tx) + ", execute tx " + to_hex(call->execute_tx) + " after " +
               std::to_string(call->delay) + " s"});
    }
    return {};
}

Status the_fix(Run& r) {
    const auto& fixes = venue_fixes();
    const VenueFix& fix = fixes.front();
    r.obs.section("the fix: " + fix.contract + " (" + fix.what + ")");
    SUTURE_TRY(m, manifest_for(r, fix, "suture.toml"));
    GateRunSpec spec;
    spec.incident = r.incident;
    SUTURE_TRY(g, run_gates(m, *r.ledger, spec, r.obs));
    for (const auto& rec : g.run.gates) r.sum.fix_gates.emplace_back(rec.gate, rec.verdict);
    if (!g.as_expected) return {};
    SUTURE_CHECK(ship_fix(r, m, g.run));
    Step s(r.obs, "report", "the patch report (Markdown and HTML, from the ledger)");
    auto rep = write_reports(m, *r.ledger, g.patch_id, r.dir, "report");
    if (!rep) return s.fail(rep.error());
    r.sum.report = *rep;
    s.end(rep->ledger_intact ? StepStatus::ok : StepStatus::failed, rep->html,
          {rep->markdown, rep->ledger_intact ? "the ledger verifies" : "the ledger does NOT verify"});
    return {};
}

Status wrong_fixes(Run& r) {
    const auto& fixes = venue_fixes();
    for (size_t i = 1; i < fixes.size(); ++i) {
        const VenueFix& fix = fixes[i];
        r.obs.section("wrong fix " + std::to_string(i) + ": " + fix.contract + " (" + fix.what + ")");
        const std::string file = "wrong-" + std::to_string(i) + ".toml";
        SUTURE_TRY(m, manifest_for(r, fix, file));
        GateRunSpec spec;
        spec.incident = r.incident;
        spec.expect_stop = fix.stops_at;
        spec.step_prefix = "wrong-" + std::to_string(i) + "/";
        SUTURE_TRY(g, run_gates(m, *r.ledger, spec, r.obs));
        r.sum.wrong_fixes.push_back({fix.contract, fix.stops_at, g.run.stopped_at, g.as_expected, g.patch_id});
        if (!g.as_expected) {
            Step s(r.obs, spec.step_prefix + "verdict", "where it stopped");
            s.end(StepStatus::failed, "expected to stop at " + fix.stops_at + ", stopped at " +
                                          (g.run.stopped_at.empty() ? "no gate (all passed)" : g.run.stopped_at));
        }
    }
    return {};
}

bool all_ok(const DemoSummary& s, bool with_wrong_fixes) {
    bool ok = !s.detector.empty() && bool(s.exploit_drain) && s.deployed && s.verified && s.unpaused &&
              s.approvals >= s.threshold && s.threshold > 0 && !s.report.html.empty() && s.report.ledger_intact;
    for (const auto& [gate, verdict] : s.fix_gates) ok = ok && (verdict == "pass" || verdict == "skipped");
    if (with_wrong_fixes) {
        ok = ok && s.wrong_fixes.size() + 1 == venue_fixes().size();
        for (const auto& w : s.wrong_fixes) ok = ok && w.as_expected;
    }
    return ok && s.unavailable.empty();
}

}  // namespace

Result<DemoSummary> run_demo(const DemoOptions& o, DemoObserver& obs) {
    const auto t0 = Clock::now();
    SUTURE_CHECK(prepare_dir(o.dir));
    DemoSummary sum;
    Run r{o, obs, sum, fs::absolute(o.dir).lexically_normal().string(), {}, {}, {}, {}, {}, {}, 0, 0, {}, {}};
    r.send.poll_interval = std::chrono::milliseconds(5);

    obs.section("the venue");
    SUTURE_CHECK(setup(r));
    {
        chain::NonceManager nonces(*r.chain.rpc);
        chain::TxSender sender(*r.chain.rpc, nonces, r.send);
        SUTURE_CHECK(deploy_and_history(r, sender));
    }
    obs.section("the attack");
    SUTURE_CHECK(unchecked_attack(r));
    SUTURE_CHECK(watched_attack(r));
    SUTURE_CHECK(open_incident(r));
    SUTURE_CHECK(the_fix(r));
    if (o.wrong_fixes) SUTURE_CHECK(wrong_fixes(r));
    sum.ok = all_ok(sum, o.wrong_fixes);
    sum.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t0);
    return sum;
}

}  // namespace suture::demo
