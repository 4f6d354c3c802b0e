// `suture deploy` killed with SIGKILL (the SUTURE_FAULT fault point) at every
// step boundary of a timelock-route and a Safe-route deploy, then `suture
// resume`: each run ends with the upgrade done exactly once (the proxy's
// implementation slot holds the new implementation, every sender's nonce
// advanced by exactly the route's number of steps, one CallScheduled and one
// CallExecuted, or one ExecutionSuccess and a Safe nonce of 1) and a ledger
// that verifies. Also: a transaction dropped from the pool is sent again with
// the same bytes; the node stopped mid-deploy and restarted from its dumped
// state; reorgs of depth 1-3 after the deployment was confirmed.
#include <stdlib.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <future>
#include <sstream>
#include <thread>

#include "core/keccak.hpp"
#include "deploy/devnet.hpp"
#include "ledger/ledger.hpp"
#include "pipeline/fault_point.hpp"
#include "support/suture_cli.hpp"
#include "upgrade/proxy_slots.hpp"

namespace suture::deploy {
namespace {

namespace fs = std::filesystem;
using abi::AbiValue;
using test::box_init;
using ::suture::test::CliRun;
using ::suture::test::run_suture;

// The Box fixtures are route fixtures, not safe upgrades: allow the check gate's findings.
const std::string kAllowBoxFindings =
    " --allow state-variable-immutable --reason 'fixture: maxValue is the same for every proxy'"
    " --allow constructor --reason 'fixture: the constructor only sets the immutable'"
    " --allow missing-initializer --reason 'fixture: the proxy was initialized by V1'";

struct Boundary {
    std::string step, where;
    size_t index;  // the step's place in the route
};

// Every boundary of every step of a route whose steps are `steps`, in order.
std::vector<Boundary> every_boundary(const std::vector<std::string>& steps) {
    std::vector<Boundary> out;
    for (size_t i = 0; i < steps.size(); ++i)
        for (auto b : pipeline::kFaultBoundaries) out.push_back({steps[i], std::string(b), i});
    return out;
}

bool was_killed(const CliRun& r) { return r.exit == 128 + 9 || r.exit == -1; }

// Every 0x-hash the report prints after "safeTxHash" ("safeTxHash: 0x..", "safeTxHash 0x..").
// Not the live "waiting for ..." progress lines: the route writes those before the
// Safe's receipt is read (the step text is made in deploy/route_safe.cpp).
std::vector<std::string> safe_tx_hashes_in(const std::string& out) {
    std::vector<std::string> found;
    std::istringstream lines(out);
    for (std::string line; std::getline(lines, line);) {
        if (line.starts_with("waiting for")) continue;
        for (size_t at = line.find("safeTxHash"); at != std::string::npos; at = line.find("safeTxHash", at + 1))
            if (size_t h = line.find("0x", at); h != std::string::npos) found.push_back(line.substr(h, 66));
    }
    return found;
}

// `suture ARGS` with the fault point armed at "<step>:<boundary>".
CliRun run_killed_at(const std::string& fault, const std::string& args) {
    setenv(pipeline::kFaultVariable, fault.c_str(), 1);
    auto r = run_suture(args);
    unsetenv(pipeline::kFaultVariable);
    return r;
}

class DeployResume : public test::DevnetTest {
protected:
    void SetUp() override {
        DevnetTest::SetUp();
        for (int i = 0; i < 4; ++i)
            setenv(("SUTURE_TEST_KEY" + std::to_string(i)).c_str(), ::suture::test::Anvil::dev_key_hex(i), 1);
        dir_ = fs::temp_directory_path() / ("suture-resume-" + std::to_string(getpid()) + "-" +
                                            ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        fs::create_directories(dir_);
    }
    void TearDown() override {
        fs::remove_all(dir_);
        DevnetTest::TearDown();
    }

    std::string fixtures() { return std::string(SUTURE_BINARY_DIR) + "/fixtures/deploy/contracts.json"; }
    std::string fresh_ledger(const std::string& name) {
        auto p = (dir_ / (name + ".ledger")).string();
        fs::remove(p);
        return p;
    }

    // ---- the timelock route: TimelockController (delay 3600, proposer and
    // executor dev account 0) admin of a v5 transparent proxy of BoxV1 ----
    struct TimelockSetup {
        Address timelock, proxy, v1;
    };
    TimelockSetup make_timelock() {
        TimelockSetup s;
        s.timelock = deploy(0, "TimelockController", {uint256(3600), AbiValue(AbiValue::List{addr(0)}),
                                                      AbiValue(AbiValue::List{addr(0)}), Address{}});
        s.v1 = deploy(0, "BoxV1");
        s.proxy = deploy(0, "TransparentUpgradeableProxy", {s.v1, s.timelock, box_init(addr(0))});
        return s;
    }
    std::string timelock_deploy(const TimelockSetup& s, const std::string& ledger, const std::string& url) {
        return "deploy --route timelock --rpc " + url + " --proxy " + to_checksum(s.proxy) + " --artifact " +
               fixtures() + " --contract BoxV2 --arg 1000 --init 'migrate(uint256)' --init-arg 4" +
               " --key-env SUTURE_TEST_KEY0 --time-travel --confirm-timeout 20 --smoke 'version()(uint256) = 2'" +
               " --ledger " + ledger + kAllowBoxFindings;
    }

    // ---- the Safe route: a 2-of-3 Safe (dev accounts 1, 2, 3) owns a UUPS
    // proxy of UupsBoxV1; dev account 0 deploys the implementation ----
    struct SafeSetup {
        Address safe, proxy, v1;
    };
    SafeSetup make_safe() {
        SafeSetup s;
        Address singleton = deploy_code(0, test::safe_artifact_code("Safe.sol/Safe.json"), "Safe singleton");
        Address factory = deploy_code(0, test::safe_artifact_code("proxies/SafeProxyFactory.sol/SafeProxyFactory.json"),
                                      "SafeProxyFactory");
        Bytes setup = test::encode("setup(address[],uint256,address,bytes,address,address,uint256,address)",
                                   {AbiValue(AbiValue::List{addr(1), addr(2), addr(3)}), uint256(2), Address{}, Bytes{},
                                    Address{}, Address{}, uint256(0), Address{}});
        std::vector<AbiValue> args{singleton, setup, uint256(7)};
        s.safe = view(factory, "createProxyWithNonce(address,bytes,uint256)(address)", args)[0].as_address();
        call(0, factory, "createProxyWithNonce(address,bytes,uint256)", args);
        s.v1 = deploy(0, "UupsBoxV1");
        s.proxy = deploy(0, "ERC1967Proxy", {s.v1, box_init(s.safe)});
        return s;
    }
    std::string safe_deploy(const SafeSetup& s, const std::string& ledger) {
        return "deploy --route safe --rpc " + node_->url() + " --proxy " + to_checksum(s.proxy) + " --artifact " +
               fixtures() + " --contract UupsBoxV2 --arg 1000 --deployer-key-env SUTURE_TEST_KEY0" +
               " --owner-key-env SUTURE_TEST_KEY1 --owner-key-env SUTURE_TEST_KEY2 --confirm-timeout 20" +
               " --smoke 'version()(uint256) = 2' --ledger " + ledger + kAllowBoxFindings;
    }

    CliRun resume(const std::string& ledger, const std::string& extra = {}) {
        return run_suture("resume --ledger " + ledger + extra);
    }

    // The account's transaction count; `pending` counts what waits in the pool too
    // (a transaction broadcast just before the kill may not be mined yet).
    uint64_t nonce(int i, chain::BlockTag tag = chain::BlockTag::latest()) {
        auto n = rpc->get_transaction_count(addr(i), tag);
        if (!n) throw std::runtime_error(n.error().message);
        return *n;
    }
    size_t log_count(const Address& at, std::string_view event) {
        nlohmann::json filter{{"fromBlock", "0x0"}, {"toBlock", "latest"}, {"address", to_checksum(at)},
                              {"topics", {to_hex(abi::event_topic(event))}}};
        auto logs = rpc->request("eth_getLogs", nlohmann::json::array({filter}));
        if (!logs) throw std::runtime_error(logs.error().message);
        return logs->size();
    }
    // The safeTxHash the Safe executed, from its one ExecutionSuccess(bytes32 indexed txHash, uint256).
    std::string executed_safe_tx(const Address& safe) {
        nlohmann::json filter{{"fromBlock", "0x0"}, {"toBlock", "latest"}, {"address", to_checksum(safe)},
                              {"topics", {to_hex(abi::event_topic("ExecutionSuccess(bytes32,uint256)"))}}};
        auto logs = rpc->request("eth_getLogs", nlohmann::json::array({filter}));
        if (!logs || logs->size() != 1) throw std::runtime_error("expected one ExecutionSuccess");
        return (*logs)[0]["topics"][1].get<std::string>();
    }
    // The ledger's deploy steps, in order.
    std::vector<ledger::DeployStep> steps(const std::string& path) {
        auto l = ledger::Ledger::open(path, ledger::Access::read);
        if (!l) return {};
        auto patches = l->patches();
        if (!patches || patches->empty()) return {};
        auto s = l->deploy_steps(patches->back().id);
        return s ? *s : std::vector<ledger::DeployStep>{};
    }
    Address implementation_of(const std::string& path) {
        for (const auto& s : steps(path))
            if (s.info.step_id.find("/implementation/0") != std::string::npos) {
                auto r = rpc->get_transaction_receipt(s.info.tx_hash);
                if (r.ok() && *r && (*r)->contract_address) return *(*r)->contract_address;
            }
        return Address{};
    }

    // The timelock upgrade happened exactly once: three transactions from
    // the proposer, one operation scheduled and executed, V2 live.
    void expect_timelock_done_once(const TimelockSetup& s, const std::string& ledger, uint64_t nonce_before,
                                   const std::string& what) {
        SCOPED_TRACE(what);
        Address impl = implementation_of(ledger);
        EXPECT_NE(impl, Address{});
        EXPECT_EQ(storage_address(s.proxy, upgrade::eip1967_implementation_slot()), impl);
        EXPECT_EQ(view_uint(s.proxy, "version()(uint256)"), uint256(2));
        EXPECT_EQ(view_uint(s.proxy, "bonus()(uint256)"), uint256(4));
        EXPECT_EQ(nonce(0), nonce_before + 3);  // implementation, schedule, execute: nothing twice
        EXPECT_EQ(log_count(s.timelock, "CallScheduled(bytes32,uint256,address,uint256,bytes,bytes32,uint256)"), 1u);
        EXPECT_EQ(log_count(s.timelock, "CallExecuted(bytes32,uint256,address,uint256,bytes)"), 1u);
        auto v = run_suture("log verify --ledger " + ledger);
        EXPECT_EQ(v.exit, 0) << v.out;
    }

    void expect_safe_done_once(const SafeSetup& s, const std::string& ledger, uint64_t deployer_before,
                               uint64_t submitter_before, const std::string& what) {
        SCOPED_TRACE(what);
        Address impl = implementation_of(ledger);
        EXPECT_NE(impl, Address{});
        EXPECT_EQ(storage_address(s.proxy, upgrade::eip1967_implementation_slot()), impl);
        EXPECT_EQ(view_uint(s.proxy, "version()(uint256)"), uint256(2));
        EXPECT_EQ(view_uint(s.safe, "nonce()(uint256)"), uint256(1));  // one Safe transaction
        EXPECT_EQ(log_count(s.safe, "ExecutionSuccess(bytes32,uint256)"), 1u);
        EXPECT_EQ(nonce(0), deployer_before + 1);   // the implementation, once
        EXPECT_EQ(nonce(1), submitter_before + 1);  // execTransaction, once
        auto v = run_suture("log verify --ledger " + ledger);
        EXPECT_EQ(v.exit, 0) << v.out;
    }

    fs::path dir_;
};

TEST_F(DeployResume, TimelockRouteSurvivesAKillAtEveryStepBoundary) {
    const auto boundaries = every_boundary({"timelock/implementation/0", "timelock/schedule/0", "timelock/execute/0"});
    size_t tested = 0;
    for (const auto& b : boundaries) {
        const std::string what = b.step + ":" + b.where;
        auto snap = rpc->evm_snapshot();
        ASSERT_TRUE(snap.ok());
        auto s = make_timelock();
        const std::string ledger = fresh_ledger("timelock");
        const uint64_t before = nonce(0);
        auto killed = run_killed_at(what, timelock_deploy(s, ledger, node_->url()));
        ASSERT_TRUE(was_killed(killed)) << what << ": exit " << killed.exit << "\n" << killed.out;
        EXPECT_EQ(steps(ledger).size(), b.index + 1) << what;  // recorded before it was sent
        // Deploying again over the half-done deployment is refused: resume is the way on.
        const uint64_t at_kill = nonce(0, chain::BlockTag::pending());
        auto twice = run_suture(timelock_deploy(s, ledger, node_->url()));
        EXPECT_EQ(twice.exit, 2) << what << "\n" << twice.out;
        EXPECT_NE(twice.out.find("never finished: run `suture resume --patch 1`"), std::string::npos) << twice.out;
        EXPECT_EQ(nonce(0, chain::BlockTag::pending()), at_kill) << what;
        auto r = resume(ledger);
        ASSERT_EQ(r.exit, 0) << what << "\n" << r.out;
        EXPECT_NE(r.out.find("post-deploy verification passed"), std::string::npos) << what << "\n" << r.out;
        expect_timelock_done_once(s, ledger, before, what);
        // Resuming a finished deployment sends nothing.
        auto again = resume(ledger);
        EXPECT_EQ(again.exit, 0) << what << "\n" << again.out;
        EXPECT_EQ(nonce(0), before + 3) << what;
        ++tested;
        auto back = rpc->evm_revert(*snap);
        ASSERT_TRUE(back.ok() && *back);
    }
    EXPECT_EQ(tested, 9u);
    RecordProperty("kill_points", int(tested));
}

TEST_F(DeployResume, SafeRouteSurvivesAKillAtEveryStepBoundary) {
    const auto boundaries = every_boundary({"safe/implementation/0", "safe/safe-exec/0"});
    size_t tested = 0;
    for (const auto& b : boundaries) {
        const std::string what = b.step + ":" + b.where;
        auto snap = rpc->evm_snapshot();
        ASSERT_TRUE(snap.ok());
        auto s = make_safe();
        const std::string ledger = fresh_ledger("safe");
        const uint64_t deployer = nonce(0), submitter = nonce(1);
        auto killed = run_killed_at(what, safe_deploy(s, ledger));
        ASSERT_TRUE(was_killed(killed)) << what << ": exit " << killed.exit << "\n" << killed.out;
        EXPECT_EQ(steps(ledger).size(), b.index + 1) << what;
        auto r = resume(ledger);
        ASSERT_EQ(r.exit, 0) << what << "\n" << r.out;
        EXPECT_NE(r.out.find("post-deploy verification passed"), std::string::npos) << what << "\n" << r.out;
        expect_safe_done_once(s, ledger, deployer, submitter, what);
        // The safeTxHash reported is the one the Safe executed, also when it was mined before
        // the kill (not one computed again from the Safe's nonce, which that execution advanced).
        const auto hashes = safe_tx_hashes_in(r.out);
        EXPECT_FALSE(hashes.empty()) << what << "\n" << r.out;
        for (const auto& h : hashes) EXPECT_EQ(h, executed_safe_tx(s.safe)) << what << "\n" << r.out;
        auto again = resume(ledger);
        EXPECT_EQ(again.exit, 0) << what << "\n" << again.out;
        EXPECT_EQ(view_uint(s.safe, "nonce()(uint256)"), uint256(1)) << what;
        ++tested;
        auto back = rpc->evm_revert(*snap);
        ASSERT_TRUE(back.ok() && *back);
    }
    EXPECT_EQ(tested, 6u);
    RecordProperty("kill_points", int(tested));
}

// The schedule broadcast, then dropped from the pool before it was mined
// (automine off, anvil_dropTransaction): resume sends the very same signed
// bytes again (same nonce, same hash), and nothing else.
TEST_F(DeployResume, ADroppedTransactionIsSentAgainWithTheSameBytes) {
    auto s = make_timelock();
    const std::string ledger = fresh_ledger("dropped");
    const uint64_t before = nonce(0);
    auto first = run_killed_at("timelock/implementation/0:after-receipt", timelock_deploy(s, ledger, node_->url()));
    ASSERT_TRUE(was_killed(first)) << first.out;
    ASSERT_TRUE(rpc->anvil_set_automine(false).ok());
    auto second = run_killed_at("timelock/schedule/0:after-send", "resume --ledger " + ledger);
    ASSERT_TRUE(was_killed(second)) << second.out;
    auto recorded = steps(ledger);
    ASSERT_EQ(recorded.size(), 2u);
    const Bytes32 schedule = recorded[1].info.tx_hash;
    auto pooled = rpc->request("eth_getTransactionByHash", nlohmann::json::array({to_hex(schedule)}));
    ASSERT_TRUE(pooled.ok() && !pooled->is_null()) << "the schedule should wait in the pool";
    ASSERT_TRUE(rpc->request("anvil_dropTransaction", nlohmann::json::array({to_hex(schedule)})).ok());
    auto gone = rpc->request("eth_getTransactionByHash", nlohmann::json::array({to_hex(schedule)}));
    ASSERT_TRUE(gone.ok() && gone->is_null());
    ASSERT_TRUE(rpc->anvil_set_automine(true).ok());

    auto r = resume(ledger);
    ASSERT_EQ(r.exit, 0) << r.out;
    EXPECT_NE(r.out.find("timelock/schedule/0  tx " + to_hex(schedule) + "  dropped, sent again, mined"),
              std::string::npos)
        << r.out;
    auto receipt = rpc->get_transaction_receipt(schedule);  // the recorded hash is the one mined
    ASSERT_TRUE(receipt.ok() && receipt->has_value());
    EXPECT_EQ((*receipt)->status, true);
    expect_timelock_done_once(s, ledger, before, "dropped schedule");
}

// Its nonce used by another transaction (a replacement sent by hand): resume
// stops with an error naming the step and the nonce, and sends nothing.
TEST_F(DeployResume, ANonceUsedByAnotherTransactionStopsResume) {
    auto s = make_timelock();
    const std::string ledger = fresh_ledger("replaced");
    auto first = run_killed_at("timelock/schedule/0:before-send", timelock_deploy(s, ledger, node_->url()));
    ASSERT_TRUE(was_killed(first)) << first.out;
    call(0, addr(5), "anything()");  // dev account 0 spends the recorded schedule's nonce elsewhere
    const uint64_t after_other = nonce(0);
    auto r = resume(ledger);
    EXPECT_EQ(r.exit, 3) << r.out;
    EXPECT_NE(r.out.find("timelock/schedule/0"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("was used by another transaction"), std::string::npos) << r.out;
    EXPECT_EQ(nonce(0), after_other);  // nothing sent
    auto recorded = steps(ledger);
    ASSERT_EQ(recorded.size(), 2u);
    auto l = ledger::Ledger::open(ledger, ledger::Access::read);
    ASSERT_TRUE(l.ok());
    auto outcomes = l->sent_transactions(recorded[1].info.patch_id);
    ASSERT_TRUE(outcomes.ok());
    ASSERT_FALSE(outcomes->empty());
    EXPECT_EQ(outcomes->back().info.status, "replaced");
    auto v = run_suture("log verify --ledger " + ledger);
    EXPECT_EQ(v.exit, 0) << v.out;
}

// The node stopped after the schedule went out (the deployment killed at the
// same moment) and started again from the state it dumped on the way out
// (anvil --dump-state / --load-state, on another port): resume, pointed at
// the new node, finds the recorded steps mined there and finishes.
TEST_F(DeployResume, TheNodeRestartedFromItsStateMidDeploy) {
    const std::string state = (dir_ / "anvil-state.json").string();
    struct Restore {  // the suite's node back in place whatever happens
        std::unique_ptr<chain::RpcClient>& rpc;
        std::unique_ptr<chain::RpcClient> saved;
        ~Restore() { rpc = std::move(saved); }
    } restore{rpc, std::move(rpc)};
    auto first = ::suture::test::Anvil::start({{"--dump-state", state}});
    ASSERT_TRUE(first.ok()) << first.error().message;
    rpc = std::make_unique<chain::RpcClient>((*first)->url());
    auto s = make_timelock();
    const std::string ledger = fresh_ledger("restart");
    const uint64_t before = nonce(0);
    auto killed = run_killed_at("timelock/schedule/0:after-send", timelock_deploy(s, ledger, (*first)->url()));
    ASSERT_TRUE(was_killed(killed)) << killed.out;
    first->reset();  // SIGTERM: anvil writes its state as it stops
    ASSERT_TRUE(fs::exists(state));
    auto second = ::suture::test::Anvil::start({{"--load-state", state}});
    ASSERT_TRUE(second.ok()) << second.error().message;
    rpc = std::make_unique<chain::RpcClient>((*second)->url());
    auto r = resume(ledger, " --rpc " + (*second)->url());
    ASSERT_EQ(r.exit, 0) << r.out;
    EXPECT_NE(r.out.find("timelock/schedule/0"), std::string::npos) << r.out;
    expect_timelock_done_once(s, ledger, before, "node restarted");
}

// The node killed while a deployment waits for its schedule to be mined
// (automine off: the schedule sits in the pool), so the deployment stops
// with an RPC error; the node comes back from its dumped state without its
// pool; resume finds the schedule unknown with its nonce free and sends the
// same bytes again.
TEST_F(DeployResume, TheNodeKilledWhileADeployWaitsThenRestarted) {
    const std::string state = (dir_ / "anvil-state.json").string();
    struct Restore {
        std::unique_ptr<chain::RpcClient>& rpc;
        std::unique_ptr<chain::RpcClient> saved;
        ~Restore() { rpc = std::move(saved); }
    } restore{rpc, std::move(rpc)};
    auto first = ::suture::test::Anvil::start({{"--dump-state", state}});
    ASSERT_TRUE(first.ok()) << first.error().message;
    rpc = std::make_unique<chain::RpcClient>((*first)->url());
    auto s = make_timelock();
    const std::string ledger = fresh_ledger("node-killed");
    const uint64_t before = nonce(0);
    auto killed = run_killed_at("timelock/implementation/0:after-receipt", timelock_deploy(s, ledger, (*first)->url()));
    ASSERT_TRUE(was_killed(killed)) << killed.out;
    ASSERT_TRUE(rpc->anvil_set_automine(false).ok());
    auto waiting = std::async(std::launch::async, [&] { return resume(ledger); });
    // Until the schedule is recorded and waits in the pool.
    Bytes32 schedule{};
    for (int i = 0; i < 200 && schedule == Bytes32{}; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        auto recorded = steps(ledger);
        if (recorded.size() < 2) continue;
        auto pooled = rpc->request("eth_getTransactionByHash", nlohmann::json::array({to_hex(recorded[1].info.tx_hash)}));
        if (pooled.ok() && !pooled->is_null()) schedule = recorded[1].info.tx_hash;
    }
    ASSERT_NE(schedule, Bytes32{}) << "the schedule never reached the pool";
    first->reset();  // the node goes away under the waiting deployment (SIGTERM: it dumps its state)
    auto stopped = waiting.get();
    EXPECT_NE(stopped.exit, 0) << stopped.out;
    auto second = ::suture::test::Anvil::start({{"--load-state", state}});
    ASSERT_TRUE(second.ok()) << second.error().message;
    rpc = std::make_unique<chain::RpcClient>((*second)->url());
    auto r = resume(ledger, " --rpc " + (*second)->url());
    ASSERT_EQ(r.exit, 0) << r.out;
    EXPECT_NE(r.out.find("timelock/schedule/0  tx " + to_hex(schedule)), std::string::npos) << r.out;
    auto receipt = rpc->get_transaction_receipt(schedule);
    ASSERT_TRUE(receipt.ok() && receipt->has_value());
    expect_timelock_done_once(s, ledger, before, "node killed while waiting");
}

// Nothing recorded: a one-line error (exit 2), and no ledger file made.
TEST_F(DeployResume, NothingToResumeIsAnInputError) {
    const std::string missing = (dir_ / "missing.ledger").string();
    auto r = resume(missing);
    EXPECT_EQ(r.exit, 2) << r.out;
    EXPECT_NE(r.out.find("does not exist"), std::string::npos) << r.out;
    EXPECT_FALSE(fs::exists(missing));
    const std::string empty = fresh_ledger("empty");
    ASSERT_TRUE(ledger::Ledger::open(empty, ledger::Access::write).ok());
    auto none = resume(empty, " --patch 4");
    EXPECT_EQ(none.exit, 2) << none.out;
    EXPECT_NE(none.out.find("records no deployment of patch 4"), std::string::npos) << none.out;
}

// Reorgs of depth 1, 2 and 3 after the whole deployment was confirmed
// (anvil_reorg replaces the last blocks with empty ones): resume finds the
// steps no longer mined and sends their recorded bytes again.
TEST_F(DeployResume, AReorgAfterConfirmationIsRepaired) {
    for (uint64_t depth = 1; depth <= 3; ++depth) {
        const std::string what = "reorg depth " + std::to_string(depth);
        auto snap = rpc->evm_snapshot();
        ASSERT_TRUE(snap.ok());
        auto s = make_timelock();
        const std::string ledger = fresh_ledger("reorg");
        const uint64_t before = nonce(0);
        auto done = run_suture(timelock_deploy(s, ledger, node_->url()));
        ASSERT_EQ(done.exit, 0) << what << "\n" << done.out;
        auto recorded = steps(ledger);
        ASSERT_EQ(recorded.size(), 3u);
        const Bytes32 execute = recorded[2].info.tx_hash;
        ASSERT_TRUE(rpc->request("anvil_reorg", nlohmann::json::array({depth, nlohmann::json::array()})).ok());
        auto receipt = rpc->get_transaction_receipt(execute);
        ASSERT_TRUE(receipt.ok());
        ASSERT_FALSE(receipt->has_value()) << what << ": the execute should be reorged out";
        EXPECT_NE(storage_address(s.proxy, upgrade::eip1967_implementation_slot()), implementation_of(ledger));

        auto r = resume(ledger);
        ASSERT_EQ(r.exit, 0) << what << "\n" << r.out;
        EXPECT_NE(r.out.find("timelock/execute/0  tx " + to_hex(execute) + "  dropped, sent again, mined"),
                  std::string::npos)
            << what << "\n" << r.out;
        expect_timelock_done_once(s, ledger, before, what);
        auto back = rpc->evm_revert(*snap);
        ASSERT_TRUE(back.ok() && *back);
    }
}

}  // namespace
}  // namespace suture::deploy
