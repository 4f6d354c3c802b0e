// End-to-end: `suture monitor`'s library (respond/monitor.hpp) on a private
// anvil node against tests/fixtures/respond/DrainableVault.sol, a vault whose
// withdraw() pays anyone.
//   - Drain: anvil mines a block a second; an attacker withdraws 1 ether per
//     block; the monitor (its own thread) sees the invariant break and pauses
//     with the guardian key; the pause lands within one block of the first
//     malicious transaction and the attacker's later transactions revert.
//   - Pre-execution: anvil mines by hand; the attacker's transaction waits in
//     the pool; the monitor simulates it, fires before it is mined and sends
//     the pause with a higher tip; one block holds both, the pause first, and
//     the attack reverts.
//   - Restart, reorg and a node that goes away: no block missed, no firing
//     or pause twice.
//   - eth_subscribe over WebSocket: new heads and pending transactions wake
//     the rounds; the connection cut mid-run, polling takes over, nothing is
//     missed or paused twice, and the subscription comes back.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <mutex>
#include <fstream>
#include <sstream>
#include <thread>

#include "chain/rpc_json.hpp"
#include "chain/tx_sender.hpp"
#include "core/abi_decode.hpp"
#include "core/abi_encode.hpp"
#include "core/hex.hpp"
#include "core/units.hpp"
#include "respond/monitor.hpp"
#include "respond/monitor_event_json.hpp"
#include "respond/monitor_ledger.hpp"
#include "solidity/build.hpp"
#include "solidity/load.hpp"
#include "support/anvil.hpp"
#include "support/suture_cli.hpp"
#include "support/tcp_proxy.hpp"

namespace suture::respond {
namespace {

using json = nlohmann::json;
using test::Anvil;

const uint256 kEther = uint256(1'000'000'000'000'000'000ULL);

const solidity::BuildSet& builds() {
    static const solidity::BuildSet set = [] {
        auto r = solidity::load_build(std::string(SUTURE_BINARY_DIR) + "/fixtures/respond/contracts.json");
        if (!r) throw std::runtime_error("respond fixtures: " + r.error().message);
        return std::move(*r);
    }();
    return set;
}

Bytes encode(std::string_view sig, const std::vector<abi::AbiValue>& args = {}) {
    return *abi::encode_call(*abi::parse_signature(sig), args);
}

class Monitoring : public ::testing::Test {
protected:
    void start(std::vector<std::string> anvil_args = {}) {
        auto n = Anvil::start({std::move(anvil_args)});
        ASSERT_TRUE(n.ok()) << n.error().message;
        node = std::move(*n);
        rpc = std::make_unique<chain::RpcClient>(node->url());
        dir = std::filesystem::temp_directory_path() /
              ("suture-monitor-" + std::to_string(::getpid()) + "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(dir);
        std::filesystem::create_directories(dir);
        guardian = std::make_unique<chain::SecretKey>(Anvil::dev_key(1));
    }
    void TearDown() override {
        if (!dir.empty()) std::filesystem::remove_all(dir);
    }

    // eth_sendTransaction from an unlocked anvil account (explicit gas: a
    // transaction that will revert is still sent and mined).
    Bytes32 send_from(int account, const Address& to, const Bytes& data, const uint256& value = uint256(0),
                      std::optional<uint256> tip = std::nullopt) {
        json tx{{"from", to_checksum(Anvil::dev_address(account))}, {"to", to_checksum(to)},
                {"data", to_hex(data)}, {"value", chain::quantity(value)}, {"gas", "0x30000"}};
        if (tip) {
            // A wallet's usual cap: twice the base fee plus the tip (anvil orders its pool by the cap).
            auto latest = rpc->get_block_by_number(chain::BlockTag::latest());
            uint256 base = latest && *latest ? (*latest)->base_fee_per_gas.value_or(uint256(0)) : uint256(0);
            tx["maxPriorityFeePerGas"] = chain::quantity(*tip);
            tx["maxFeePerGas"] = chain::quantity(base * uint256(2) + *tip);
        }
        auto h = rpc->request("eth_sendTransaction", json::array({tx}));
        if (!h) throw std::runtime_error(h.error().message);
        return *chain::parse_bytes32(*h, "hash");
    }
    chain::Receipt wait_receipt(const Bytes32& h) {
        for (int i = 0; i < 400; ++i) {
            auto r = rpc->get_transaction_receipt(h);
            if (r && *r) return **r;
            std::this_thread::sleep_for(std::chrono::milliseconds(25));
        }
        throw std::runtime_error("no receipt for " + to_hex(h));
    }
    Address deploy_vault() {
        auto found = solidity::find_contract(builds(), "DrainableVault");
        if (!found) throw std::runtime_error(found.error().message);
        Bytes code = *from_hex(found->contract->bytecode);
        auto tail = *abi::encode({*abi::parse_type("address")}, {Anvil::dev_address(1)});
        code.insert(code.end(), tail.begin(), tail.end());
        json tx{{"from", to_checksum(Anvil::dev_address(0))}, {"data", to_hex(code)}, {"gas", "0x300000"}};
        auto h = rpc->request("eth_sendTransaction", json::array({tx}));
        if (!h) throw std::runtime_error(h.error().message);
        auto r = wait_receipt(*chain::parse_bytes32(*h, "hash"));
        if (!r.contract_address) throw std::runtime_error("vault not deployed");
        return *r.contract_address;
    }
    bool paused(const Address& vault) {
        chain::CallRequest req;
        req.to = vault;
        req.data = encode("paused()");
        auto out = rpc->call(req);
        return out && out->size() == 32 && (*out)[31] == 1;
    }
    uint256 balance(const Address& a) { return *rpc->get_balance(a); }
    // Manual mining: one block once the pool holds the attack and the pause
    // (the monitor's round blocks until its pause is mined).
    void mine_once_both_pending() {
        for (int i = 0; i < 400; ++i) {
            auto st = rpc->request("txpool_status");
            auto pending = st ? chain::parse_u64((*st)["pending"], "pending") : Result<uint64_t>(st.error());
            if (pending && *pending >= 2) break;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        (void)rpc->evm_mine();
    }

    MonitorSpec spec_for(const Address& vault) {
        MonitorSpec s;
        s.targets = {vault};
        DetectorSpec solvent;
        solvent.name = "solvent";
        solvent.kind = DetectorKind::invariant;
        solvent.invariant = InvariantSpec{vault, "solvent()(bool)", {}, ""};
        DetectorSpec big;
        big.name = "big-withdraw";
        big.kind = DetectorKind::outflow;
        big.outflow = OutflowSpec{vault, std::nullopt, "ETH", uint256(500'000'000'000'000'000ULL),
                                  OutflowSpec::Scope::transaction, 0};
        s.detectors = {solvent, big};
        s.poll_interval = std::chrono::milliseconds(50);
        s.state_file = (dir / "monitor.json").string();
        s.ledger = (dir / "suture.ledger").string();
        return s;
    }
    MonitorHooks hooks(std::vector<MonitorEvent>* seen = nullptr) {
        MonitorHooks h;
        PauseRequest base;
        base.poll_interval = std::chrono::milliseconds(20);
        base.timeout = std::chrono::seconds(30);
        h.pause = make_guardian_pause(*rpc, *guardian, base);
        if (seen) h.on_event = [seen](const MonitorEvent& e) { seen->push_back(e); };
        return h;
    }
    void fund(const Address& vault) {
        // Three depositors, 10 ether in all.
        wait_receipt(send_from(2, vault, encode("deposit()"), kEther * uint256(5)));
        wait_receipt(send_from(3, vault, encode("deposit()"), kEther * uint256(3)));
        wait_receipt(send_from(4, vault, encode("deposit()"), kEther * uint256(2)));
    }

    std::unique_ptr<Anvil> node;
    std::unique_ptr<chain::RpcClient> rpc;
    std::unique_ptr<chain::SecretKey> guardian;
    std::filesystem::path dir;
};

size_t count(const std::vector<MonitorEvent>& es, MonitorEvent::Kind k) {
    return static_cast<size_t>(std::count_if(es.begin(), es.end(), [&](const auto& e) { return e.kind == k; }));
}

TEST_F(Monitoring, DrainIsPausedWithinOneBlockAndTheRestReverts) {
    start({"--block-time", "1"});
    const Address vault = deploy_vault();
    fund(vault);
    const uint256 before = balance(vault);
    const uint64_t start_block = *rpc->block_number();

    MonitorSpec spec = spec_for(vault);
    spec.start_block = start_block;
    chain::RpcClient monitor_rpc(node->url());
    std::vector<MonitorEvent> seen;
    auto m = Monitor::open({&monitor_rpc}, spec, hooks(&seen));
    ASSERT_TRUE(m.ok()) << m.error().message;
    std::atomic<bool> stop{false};
    std::thread follower([&] { (*m)->run(std::nullopt, [&] { return stop.load(); }); });

    // The attacker: five withdrawals of 1 ether, one per block.
    std::vector<chain::Receipt> attack;
    for (int i = 0; i < 5; ++i) attack.push_back(wait_receipt(send_from(6, vault, encode("withdraw(uint256)", {kEther}))));
    // Let the monitor catch up with the last block.
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    stop = true;
    follower.join();

    ASSERT_TRUE(attack[0].status) << "the first withdrawal succeeds: nothing stopped it yet";
    ASSERT_TRUE(paused(vault));
    const PauseOutcome* pause = nullptr;
    for (const auto& e : seen)
        for (const auto& p : e.pauses)
            if (p.status == PauseOutcome::Status::done) pause = &p;
    ASSERT_NE(pause, nullptr);
    ASSERT_TRUE(pause->block);
    EXPECT_LE(*pause->block, attack[0].block_number + 1) << "the pause landed more than one block after the attack";
    const auto pause_receipt = wait_receipt(*pause->tx_hash);
    size_t succeeded = 0;
    for (const auto& r : attack) {
        if (r.block_number > *pause->block ||
            (r.block_number == *pause->block && r.transaction_index > pause_receipt.transaction_index)) {
            EXPECT_FALSE(r.status) << "a withdrawal after the pause succeeded";
        }
        succeeded += r.status ? 1 : 0;
    }
    EXPECT_LE(succeeded, 2u);
    // One pause, however many detectors and blocks fired.
    EXPECT_EQ(count(seen, MonitorEvent::Kind::pause_sent), 1u);
    EXPECT_GE(count(seen, MonitorEvent::Kind::firing), 2u);  // the invariant and the outflow
    const uint256 saved = balance(vault);
    EXPECT_EQ(saved, before - kEther * uint256(succeeded));
    std::cout << "[ drain    ] first malicious tx in block " << attack[0].block_number << ", pause in block "
              << *pause->block << "; " << succeeded << " of 5 withdrawals succeeded; saved "
              << format_units(saved, 18) << " of " << format_units(before, 18) << " ETH\n";
}

TEST_F(Monitoring, PendingAttackIsPausedBeforeItIsMined) {
    start();
    const Address vault = deploy_vault();
    fund(vault);
    MonitorSpec spec = spec_for(vault);
    spec.pending = true;
    spec.start_block = *rpc->block_number();
    chain::RpcClient monitor_rpc(node->url());
    std::vector<MonitorEvent> seen;
    auto m = Monitor::open({&monitor_rpc}, spec, hooks(&seen));
    ASSERT_TRUE(m.ok()) << m.error().message;
    (*m)->poll_once();  // the blocks so far, and the pending filter
    ASSERT_TRUE(rpc->anvil_set_automine(false).ok());

    const Bytes32 attack = send_from(6, vault, encode("withdraw(uint256)", {kEther * uint256(4)}), uint256(0),
                                     uint256(1'000'000'000));
    // The monitor's round blocks until its pause is mined: mine once both are in the pool.
    std::thread miner([&] { mine_once_both_pending(); });
    MonitorStep step = (*m)->poll_once();
    miner.join();
    ASSERT_EQ(step.firings.size(), 2u) << "the invariant and the outflow, both before mining";
    for (const auto& f : step.firings) EXPECT_EQ(f.stage, Firing::Stage::pending);
    EXPECT_EQ(*step.firings[0].tx, attack);
    ASSERT_EQ(step.pauses.size(), 1u);
    EXPECT_EQ(step.pauses[0].status, PauseOutcome::Status::done);
    auto receipt = wait_receipt(attack);
    EXPECT_FALSE(receipt.status) << "the attack was mined before the pause";
    EXPECT_EQ(receipt.block_number, *step.pauses[0].block);
    EXPECT_EQ(balance(vault), kEther * uint256(10));
    ASSERT_TRUE(rpc->anvil_set_automine(true).ok());
}

TEST_F(Monitoring, RestartReorgAndNodeFailureMissNothingAndRepeatNothing) {
    start();
    const Address vault = deploy_vault();
    fund(vault);
    MonitorSpec spec = spec_for(vault);
    spec.start_block = *rpc->block_number();
    std::vector<uint64_t> evaluated;
    auto track = [&](MonitorHooks h) {
        h.on_event = [&evaluated, also = h.on_event](const MonitorEvent& e) {
            if (e.kind == MonitorEvent::Kind::block) evaluated.push_back(e.block);
            if (also) also(e);
        };
        return h;
    };
    chain::RpcClient monitor_rpc(node->url());
    {
        auto m = Monitor::open({&monitor_rpc}, spec, track(hooks()));
        ASSERT_TRUE(m.ok()) << m.error().message;
        (*m)->poll_once();
        ASSERT_TRUE(rpc->anvil_mine(3).ok());
        (*m)->poll_once();
    }  // "crash": the monitor is gone; three more blocks arrive
    ASSERT_TRUE(rpc->anvil_mine(3).ok());
    std::vector<MonitorEvent> seen;
    auto m = Monitor::open({&monitor_rpc}, spec, track(hooks(&seen)));
    ASSERT_TRUE(m.ok()) << m.error().message;
    (*m)->poll_once();
    const uint64_t head = *rpc->block_number();
    for (uint64_t n = *spec.start_block; n <= head; ++n)
        EXPECT_EQ(std::count(evaluated.begin(), evaluated.end(), n), 1) << "block " << n;

    // A reorg: two blocks with an attack are replaced by a branch with the same attack elsewhere.
    auto snap = rpc->evm_snapshot();
    ASSERT_TRUE(snap.ok());
    ASSERT_TRUE(rpc->anvil_mine(1).ok());
    const Bytes32 first = send_from(6, vault, encode("withdraw(uint256)", {kEther}));
    wait_receipt(first);
    (*m)->poll_once();
    ASSERT_EQ(count(seen, MonitorEvent::Kind::pause_sent), 1u);
    ASSERT_TRUE(paused(vault));
    ASSERT_TRUE(*rpc->evm_revert(*snap));
    ASSERT_FALSE(paused(vault));
    ASSERT_TRUE(rpc->anvil_mine(3).ok());  // the new branch is longer, without the attack
    seen.clear();
    const uint64_t head2 = *rpc->block_number();
    (*m)->poll_once();
    EXPECT_EQ(count(seen, MonitorEvent::Kind::reorg), 1u);
    // The new branch's blocks were evaluated; the earlier firing is not repeated.
    EXPECT_EQ(count(seen, MonitorEvent::Kind::firing), 0u);
    EXPECT_EQ((*m)->position()->block, head2);
    // The reorg also removed the mined pause: it is sent again, once, and says why.
    ASSERT_EQ(count(seen, MonitorEvent::Kind::pause_sent), 1u);
    for (const auto& e : seen)
        if (e.kind == MonitorEvent::Kind::pause_sent) {
            EXPECT_NE(e.message.find("a reorg removed the pause"), std::string::npos) << e.message;
            ASSERT_EQ(e.pauses.size(), 1u);
            EXPECT_EQ(e.pauses[0].status, PauseOutcome::Status::done);
        }
    EXPECT_TRUE(paused(vault));
    seen.clear();
    (*m)->poll_once();  // the block holding the new pause: nothing more
    EXPECT_EQ(count(seen, MonitorEvent::Kind::pause_sent), 0u);
    EXPECT_EQ(count(seen, MonitorEvent::Kind::firing), 0u);

    // The node goes away: the round reports it and does not end; the fallback answers.
    chain::RpcOptions quick;
    quick.max_retries = 0;
    quick.connect_timeout = std::chrono::milliseconds(300);
    chain::RpcClient dead("http://127.0.0.1:1", quick);
    seen.clear();
    auto m2 = Monitor::open({&dead, &monitor_rpc}, spec, hooks(&seen));
    ASSERT_TRUE(m2.ok());
    MonitorStep s1 = (*m2)->poll_once();
    EXPECT_TRUE(s1.node_failed);
    EXPECT_EQ(count(seen, MonitorEvent::Kind::node_error), 1u);
    EXPECT_EQ(count(seen, MonitorEvent::Kind::failover), 1u);
    ASSERT_TRUE(rpc->anvil_mine(2).ok());
    MonitorStep s2 = (*m2)->poll_once();
    EXPECT_FALSE(s2.node_failed);
    EXPECT_EQ(s2.blocks, 2u) << "resumed from the state file after the last block evaluated";
    EXPECT_EQ(count(seen, MonitorEvent::Kind::pause_sent), 0u);
}

// A crash between a pause's intent and its outcome in the ledger: the
// restarted monitor finds the recorded transaction mined and records the
// outcome, sending nothing; a claim with nothing sent is paused at restart.
TEST_F(Monitoring, RestartBetweenIntentAndOutcomeSettlesThePauseOnce) {
    start();
    const Address vault = deploy_vault();
    fund(vault);
    MonitorSpec spec = spec_for(vault);
    spec.start_block = *rpc->block_number();
    {
        // The monitor that crashed: claimed, recorded the intent, sent; no outcome.
        MonitorLedger crashed(spec.ledger);
        ASSERT_TRUE(crashed.claim_pause("solvent/0x01", {vault}).ok());
        PauseRequest req;
        req.targets = {vault};
        req.poll_interval = std::chrono::milliseconds(20);
        req.timeout = std::chrono::seconds(30);
        req.before_send = [&](const Address& t, const Bytes32& h, uint64_t nonce, unsigned attempt) {
            auto ours = crashed.record_sending("solvent/0x01", t, h, nonce, attempt);
            EXPECT_TRUE(ours.ok() && *ours);
            return ours.ok() && *ours;
        };
        auto out = pause_direct(*rpc, req, *guardian);
        ASSERT_TRUE(out.ok()) << out.error().message;
        ASSERT_EQ((*out)[0].status, PauseOutcome::Status::done);
    }
    chain::RpcClient monitor_rpc(node->url());
    std::vector<MonitorEvent> seen;
    {
        auto m = Monitor::open({&monitor_rpc}, spec, hooks(&seen));
        ASSERT_TRUE(m.ok()) << m.error().message;
        EXPECT_FALSE((*m)->poll_once().node_failed);
    }
    EXPECT_EQ(count(seen, MonitorEvent::Kind::pause_sent), 0u);
    ASSERT_EQ(count(seen, MonitorEvent::Kind::pause_skipped), 1u);
    for (const auto& e : seen)
        if (e.kind == MonitorEvent::Kind::pause_skipped) {
            EXPECT_NE(e.message.find("was mined in block"), std::string::npos) << e.message;
        }
    MonitorLedger after(spec.ledger);
    ASSERT_TRUE(after.refresh().ok());
    EXPECT_EQ(after.in_flight().count(vault), 0u) << "the outcome closed the intent";
    EXPECT_TRUE(after.paused(vault));

    // Unpaused by its owner; then a claim whose monitor died before signing anything.
    wait_receipt(send_from(1, vault, encode("unpause()")));
    ASSERT_FALSE(paused(vault));
    PauseOutcome unpaused;
    unpaused.target = vault;
    unpaused.action = PauseAction::unpause;
    unpaused.function = "unpause()";
    unpaused.status = PauseOutcome::Status::done;
    ASSERT_TRUE(after.record_outcomes({unpaused}).ok());
    auto claimed = after.claim_pause("solvent/0x02", {vault});
    ASSERT_TRUE(claimed.ok());
    ASSERT_EQ(claimed->size(), 1u);
    seen.clear();
    auto m = Monitor::open({&monitor_rpc}, spec, hooks(&seen));
    ASSERT_TRUE(m.ok()) << m.error().message;
    MonitorStep step = (*m)->poll_once();
    ASSERT_EQ(step.pauses.size(), 1u);
    EXPECT_EQ(step.pauses[0].status, PauseOutcome::Status::done);
    EXPECT_TRUE(paused(vault));
    for (const auto& e : seen)
        if (e.kind == MonitorEvent::Kind::pause_sent) {
            EXPECT_NE(e.message.find("never sent"), std::string::npos) << e.message;
        }
    seen.clear();
    (*m)->poll_once();
    EXPECT_EQ(count(seen, MonitorEvent::Kind::pause_sent), 0u);
}

// After a failover the pause goes through the node that answers, not the
// first URL: the pause action's own client here is the dead node.
TEST_F(Monitoring, PauseAfterAFailoverGoesThroughTheFallback) {
    start();
    const Address vault = deploy_vault();
    fund(vault);
    MonitorSpec spec = spec_for(vault);
    spec.start_block = *rpc->block_number();
    chain::RpcOptions quick;
    quick.max_retries = 0;
    quick.connect_timeout = std::chrono::milliseconds(300);
    chain::RpcClient dead("http://127.0.0.1:1", quick);
    chain::RpcClient monitor_rpc(node->url());
    std::vector<MonitorEvent> seen;
    MonitorHooks h = hooks(&seen);
    PauseRequest base;
    base.poll_interval = std::chrono::milliseconds(20);
    base.timeout = std::chrono::seconds(30);
    h.pause = make_guardian_pause(dead, *guardian, base);
    auto m = Monitor::open({&dead, &monitor_rpc}, spec, std::move(h));
    ASSERT_TRUE(m.ok()) << m.error().message;
    EXPECT_TRUE((*m)->poll_once().node_failed);
    ASSERT_EQ(count(seen, MonitorEvent::Kind::failover), 1u);
    wait_receipt(send_from(6, vault, encode("withdraw(uint256)", {kEther})));
    seen.clear();
    MonitorStep step = (*m)->poll_once();
    EXPECT_FALSE(step.node_failed);
    ASSERT_EQ(step.pauses.size(), 1u);
    EXPECT_EQ(step.pauses[0].status, PauseOutcome::Status::done)
        << (step.pauses[0].error ? step.pauses[0].error->message : "");
    for (const auto& e : seen)
        if (e.kind == MonitorEvent::Kind::pause_sent) {
            EXPECT_EQ(e.rpc, monitor_rpc.redacted_url());
        }
    EXPECT_TRUE(paused(vault));
}

// A transaction already pending when the monitor starts: its pending filter
// never reports it (a filter sees what arrives after it), txpool_content does.
TEST_F(Monitoring, PendingBeforeTheMonitorStartedIsFoundInTheTxpool) {
    start();
    const Address vault = deploy_vault();
    fund(vault);
    MonitorSpec spec = spec_for(vault);
    spec.pending = true;
    spec.start_block = *rpc->block_number();
    ASSERT_TRUE(rpc->anvil_set_automine(false).ok());
    const Bytes32 attack = send_from(6, vault, encode("withdraw(uint256)", {kEther * uint256(4)}), uint256(0),
                                     uint256(1'000'000'000));
    chain::RpcClient monitor_rpc(node->url());
    std::vector<MonitorEvent> seen;
    auto m = Monitor::open({&monitor_rpc}, spec, hooks(&seen));
    ASSERT_TRUE(m.ok()) << m.error().message;
    std::thread miner([&] { mine_once_both_pending(); });
    MonitorStep step = (*m)->poll_once();
    miner.join();
    ASSERT_EQ(step.firings.size(), 2u) << "the invariant and the outflow, before mining";
    for (const auto& f : step.firings) {
        EXPECT_EQ(f.stage, Firing::Stage::pending);
        EXPECT_EQ(*f.tx, attack);
    }
    ASSERT_EQ(step.pauses.size(), 1u);
    EXPECT_EQ(step.pauses[0].status, PauseOutcome::Status::done);
    auto receipt = wait_receipt(attack);
    EXPECT_FALSE(receipt.status) << "the attack was mined before the pause";
    EXPECT_EQ(balance(vault), kEther * uint256(10));
    ASSERT_TRUE(rpc->anvil_set_automine(true).ok());
}


// The CLI: a manifest's [monitor] table, one round; the firing and the pause
// as JSON lines; a second run resumes after the block and repeats nothing.
TEST_F(Monitoring, CliPausesFromTheManifestAndDoesNotRepeatOnRestart) {
    start();
    const Address vault = deploy_vault();
    fund(vault);
    const uint64_t from = *rpc->block_number() + 1;
    wait_receipt(send_from(6, vault, encode("withdraw(uint256)", {kEther})));
    const std::string manifest = (dir / "suture.toml").string();
    std::ofstream(manifest) << "[chains.local]\nchain_id = 31337\nrpc = \"" << node->url() << "\"\n\n"
                            << "[targets.vault]\nchain = \"local\"\naddress = \"" << to_checksum(vault)
                            << "\"\nroute = \"direct\"\n\n[monitor]\nstart_block = " << from << "\n\n"
                            << "[[monitor.detectors]]\nname = \"solvent\"\nkind = \"invariant\"\n"
                            << "target = \"vault\"\nfunction = \"solvent()(bool)\"\n\n"
                            << "[[monitor.detectors]]\nname = \"withdrawals\"\nkind = \"match\"\npause = false\n"
                            << "calls = [{ signature = \"withdraw(uint256 amount)\", to = \"vault\", "
                            << "conditions = [\"amount >= 1000000000000000000\"] }]\n";
    // Anvil's dev key 1 (the vault's owner), as --key-env reads it.
    const std::string cmd = "env SUTURE_MONITOR_TEST_KEY=0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d " +
                            std::string(SUTURE_BINARY_DIR) + "/suture monitor --manifest '" + manifest +
                            "' --key-env SUTURE_MONITOR_TEST_KEY --once 2>/dev/null";
    auto first = test::run_shell(cmd);
    ASSERT_EQ(first.exit, 0) << first.out;
    std::vector<json> lines;
    std::istringstream in(first.out);
    for (std::string l; std::getline(in, l);) lines.push_back(json::parse(l));
    size_t firings = 0, pauses = 0;
    for (const auto& l : lines) {
        if (l["event"] == "firing") ++firings;
        if (l["event"] == "pause") {
            ++pauses;
            EXPECT_EQ(l["pauses"][0]["status"], "done") << l.dump();
        }
    }
    EXPECT_EQ(firings, 2u) << first.out;  // the invariant and the call filter
    EXPECT_EQ(pauses, 1u) << first.out;
    EXPECT_TRUE(paused(vault));
    auto second = test::run_shell(cmd);
    ASSERT_EQ(second.exit, 0) << second.out;
    EXPECT_EQ(second.out.find("\"firing\""), std::string::npos) << second.out;
    EXPECT_EQ(second.out.find("\"pause\""), std::string::npos) << second.out;
    // A manifest mistake is a one-line error naming the key, exit 2.
    std::ofstream(manifest, std::ios::app) << "\n[[monitor.notify]]\nkind = \"pager\"\n";
    auto bad = test::run_suture("monitor --manifest '" + manifest + "' --once");
    EXPECT_EQ(bad.exit, 2) << bad.out;
    EXPECT_NE(bad.out.find("monitor.notify[0].kind: unknown channel 'pager'"), std::string::npos) << bad.out;
}


// The monitor's events as its thread reports them, with the time each arrived.
class EventLog {
public:
    void add(const MonitorEvent& e) {
        std::lock_guard<std::mutex> lock(mu_);
        events_.push_back({std::chrono::steady_clock::now(), e});
    }
    // Waits (bounded, 20 s) until `done` holds over the events so far.
    bool wait_for(const std::function<bool(const std::vector<MonitorEvent>&)>& done) {
        for (int i = 0; i < 2000; ++i) {
            if (done(events())) return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        return false;
    }
    std::vector<MonitorEvent> events() {
        std::lock_guard<std::mutex> lock(mu_);
        std::vector<MonitorEvent> out;
        for (const auto& [at, e] : events_) out.push_back(e);
        return out;
    }
    // When the block event for `block` arrived (the first), if it did.
    std::optional<std::chrono::steady_clock::time_point> block_at(uint64_t block) {
        std::lock_guard<std::mutex> lock(mu_);
        for (const auto& [at, e] : events_)
            if (e.kind == MonitorEvent::Kind::block && e.block == block) return at;
        return std::nullopt;
    }

private:
    std::mutex mu_;
    std::vector<std::pair<std::chrono::steady_clock::time_point, MonitorEvent>> events_;
};

const MonitorEvent* block_event(const std::vector<MonitorEvent>& es, uint64_t block) {
    for (const auto& e : es)
        if (e.kind == MonitorEvent::Kind::block && e.block == block) return &e;
    return nullptr;
}

class MonitoringWs : public Monitoring {
protected:
    // The monitor on its own thread (run()), following `ws` and polling slowly
    // (1 s; 60 s while subscribed), so a prompt evaluation is the subscription's doing.
    void follow(MonitorSpec spec, const std::string& ws) {
        spec.ws_url = ws;
        spec.poll_interval = std::chrono::milliseconds(1000);
        spec.subscribed_poll_interval = std::chrono::seconds(60);
        monitor_rpc = std::make_unique<chain::RpcClient>(node->url());
        MonitorHooks h = hooks();
        h.on_event = [this](const MonitorEvent& e) { log.add(e); };
        auto m = Monitor::open({monitor_rpc.get()}, spec, std::move(h));
        ASSERT_TRUE(m.ok()) << m.error().message;
        monitor = std::move(*m);
        follower = std::thread([this] { monitor->run(std::nullopt, [this] { return stop.load(); }); });
    }
    void TearDown() override {
        stop = true;
        if (follower.joinable()) follower.join();
        Monitoring::TearDown();
    }
    // Mines one block and returns the time from mining to its evaluation (ms).
    // The block event comes mid-round: a pause first lets that round (and the
    // immediate next one) end, so a polled block waits for the sleep.
    double mine_and_time() {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        const auto t0 = std::chrono::steady_clock::now();
        if (!rpc->anvil_mine(1).ok()) throw std::runtime_error("anvil_mine");
        const uint64_t head = *rpc->block_number();
        if (!log.wait_for([&](const auto& es) { return block_event(es, head) != nullptr; }))
            throw std::runtime_error("block " + std::to_string(head) + " never evaluated");
        return std::chrono::duration<double, std::milli>(*log.block_at(head) - t0).count();
    }
    size_t seen(MonitorEvent::Kind k) { return count(log.events(), k); }

    EventLog log;
    std::unique_ptr<chain::RpcClient> monitor_rpc;
    std::unique_ptr<Monitor> monitor;
    std::atomic<bool> stop{false};
    std::thread follower;
};

TEST_F(MonitoringWs, HeadsWakeTheMonitorAndPollingTakesOverWhenTheConnectionDrops) {
    start();
    const Address vault = deploy_vault();
    fund(vault);
    test::TcpProxy proxy(node->port());
    MonitorSpec spec = spec_for(vault);
    spec.start_block = *rpc->block_number();
    follow(spec, "ws://127.0.0.1:" + std::to_string(proxy.port()));
    ASSERT_TRUE(log.wait_for([](const auto& es) { return count(es, MonitorEvent::Kind::subscribed) == 1; }));
    for (const auto& e : log.events())
        if (e.kind == MonitorEvent::Kind::subscribed) {
            EXPECT_NE(e.message.find("following via eth_subscribe (newHeads) at ws://127.0.0.1:"), std::string::npos)
                << e.message;
        }

    // Subscribed: each block is evaluated on its notification, long before the 60 s poll.
    double ws_ms = 0;
    for (int i = 0; i < 5; ++i) ws_ms += mine_and_time() / 5;
    const Bytes32 attack = send_from(6, vault, encode("withdraw(uint256)", {kEther}));
    const uint64_t attack_block = wait_receipt(attack).block_number;
    ASSERT_TRUE(log.wait_for([&](const auto& es) {
        return count(es, MonitorEvent::Kind::pause_sent) == 1 && block_event(es, attack_block) != nullptr;
    }));
    EXPECT_TRUE(paused(vault));
    {
        auto es = log.events();
        const MonitorEvent* b = block_event(es, attack_block);
        ASSERT_NE(b, nullptr);
        EXPECT_EQ(b->woken_by, "newHeads") << "the attack's block was not evaluated through the subscription";
        EXPECT_EQ(monitor_event_json(*b)["woken_by"], "newHeads");
    }

    // The WebSocket cut mid-run, and refused for a while: polling takes over.
    proxy.refuse(true);
    proxy.cut();
    ASSERT_TRUE(log.wait_for([](const auto& es) { return count(es, MonitorEvent::Kind::subscription_lost) >= 1; }));
    double poll_ms = 0;
    for (int i = 0; i < 3; ++i) poll_ms += mine_and_time() / 3;
    const Bytes32 again = send_from(6, vault, encode("withdraw(uint256)", {kEther}));
    EXPECT_FALSE(wait_receipt(again).status) << "paused: the second withdrawal reverts";
    const uint64_t polled_block = *rpc->block_number();
    ASSERT_TRUE(log.wait_for([&](const auto& es) { return block_event(es, polled_block) != nullptr; }));
    EXPECT_EQ(block_event(log.events(), polled_block)->woken_by, "") << "evaluated by polling while the feed is down";

    // Back: the feed reconnects (back-off) and wakes the rounds again.
    proxy.refuse(false);
    ASSERT_TRUE(log.wait_for([](const auto& es) { return count(es, MonitorEvent::Kind::subscribed) == 2; }));
    ASSERT_TRUE(rpc->anvil_mine(1).ok());
    const uint64_t last = *rpc->block_number();
    ASSERT_TRUE(log.wait_for([&](const auto& es) { return block_event(es, last) != nullptr; }));
    EXPECT_EQ(block_event(log.events(), last)->woken_by, "newHeads");
    stop = true;
    follower.join();

    // Nothing missed, nothing twice, one pause.
    const auto es = log.events();
    for (uint64_t n = *spec.start_block; n <= last; ++n) {
        auto times = std::count_if(es.begin(), es.end(), [&](const auto& e) { return e.kind == MonitorEvent::Kind::block && e.block == n; });
        EXPECT_EQ(times, 1) << "block " << n;
    }
    EXPECT_EQ(count(es, MonitorEvent::Kind::pause_sent), 1u);
    EXPECT_EQ(count(es, MonitorEvent::Kind::node_error), 0u);
    std::cout << "[ ws       ] mined-to-evaluated: " << ws_ms << " ms via eth_subscribe, " << poll_ms
              << " ms polling every 1000 ms while the feed was down (mean of 5 / 3 blocks)\n";
}

TEST_F(MonitoringWs, PendingHashFromTheSubscriptionIsPreExecutedAndPausedFirst) {
    start();
    const Address vault = deploy_vault();
    fund(vault);
    MonitorSpec spec = spec_for(vault);
    spec.pending = true;
    spec.start_block = *rpc->block_number();
    // anvil serves WebSocket on its HTTP port.
    follow(spec, "ws://127.0.0.1:" + std::to_string(node->port()));
    ASSERT_TRUE(log.wait_for([](const auto& es) { return count(es, MonitorEvent::Kind::subscribed) == 1; }));
    for (const auto& e : log.events())
        if (e.kind == MonitorEvent::Kind::subscribed) {
            EXPECT_NE(e.message.find("newHeads, newPendingTransactions"), std::string::npos) << e.message;
        }
    ASSERT_TRUE(rpc->anvil_set_automine(false).ok());
    const Bytes32 attack = send_from(6, vault, encode("withdraw(uint256)", {kEther * uint256(4)}), uint256(0),
                                     uint256(1'000'000'000));
    std::thread miner([&] { mine_once_both_pending(); });
    const bool paused_sent = log.wait_for([](const auto& es) { return count(es, MonitorEvent::Kind::pause_sent) == 1; });
    miner.join();
    ASSERT_TRUE(paused_sent);
    auto receipt = wait_receipt(attack);
    EXPECT_FALSE(receipt.status) << "the attack was mined before the pause";
    EXPECT_EQ(balance(vault), kEther * uint256(10));
    ASSERT_TRUE(rpc->anvil_set_automine(true).ok());
    bool via_feed = false;
    for (const auto& e : log.events())
        if (e.kind == MonitorEvent::Kind::pending && e.tx == attack) {
            via_feed = e.woken_by == "newPendingTransactions";
            std::cout << "[ ws       ] pending notification to simulated: " << e.latency.count() << " us\n";
        }
    EXPECT_TRUE(via_feed) << "the attack was not found through the subscription";
}

}  // namespace
}  // namespace suture::respond
