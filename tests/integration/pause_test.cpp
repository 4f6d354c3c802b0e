// End-to-end: `suture pause` / `unpause` (respond/pause.hpp) on a private anvil
// node against the respond fixtures (tests/fixtures/respond/Pausables.sol):
// OpenZeppelin Pausable behind an owner and behind a pauser role, a custom
// freeze function, two targets at once, a replacement with higher fees while
// anvil mines by hand, and the Safe route; then the CLI with its JSON lines
// and ledger events.
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "deploy/devnet.hpp"
#include "deploy/safe_tx_builder_file.hpp"
#include "ledger/ledger.hpp"
#include "respond/pause.hpp"
#include "respond/pause_record.hpp"
#include "support/suture_cli.hpp"

namespace suture::respond {
namespace {

using abi::AbiValue;
using Status_ = PauseOutcome::Status;

const solidity::BuildSet& respond_builds() {
    static const solidity::BuildSet set = [] {
        auto r = solidity::load_build(std::string(SUTURE_BINARY_DIR) + "/fixtures/respond/contracts.json");
        if (!r) throw std::runtime_error("respond fixtures: " + r.error().message);
        return std::move(*r);
    }();
    return set;
}

class Pause : public deploy::test::DevnetTest {
protected:
    // Deploys respond fixture `name` from dev account 0.
    Address make(std::string_view name, const std::vector<AbiValue>& args) {
        auto found = solidity::find_contract(respond_builds(), name);
        if (!found) throw std::runtime_error(found.error().message);
        const auto& c = *found->contract;
        std::vector<abi::AbiType> types;
        for (const auto& p : c.abi.constructor()->inputs) types.push_back(p.type);
        Bytes code = *from_hex(c.bytecode);
        auto tail = deploy::test::encode_args(types, args);
        code.insert(code.end(), tail.begin(), tail.end());
        return deploy_code(0, code, std::string(name));
    }
    bool paused(const Address& t, std::string_view check = "paused()(bool)") { return view(t, check)[0].as_bool(); }
    uint64_t nonce_of(int i) { return *rpc->get_transaction_count(addr(i)); }

    PauseRequest request(std::vector<Address> targets, PauseAction action = PauseAction::pause) {
        PauseRequest r;
        r.action = action;
        r.targets = std::move(targets);
        r.poll_interval = std::chrono::milliseconds(20);
        r.timeout = std::chrono::seconds(20);
        return r;
    }
    std::vector<PauseOutcome> direct(const PauseRequest& r, int key_index) {
        auto out = pause_direct(*rpc, r, key(key_index));
        if (!out) throw std::runtime_error(out.error().message);
        return std::move(*out);
    }
};

TEST_F(Pause, OwnedPausablePausesVerifiesAndUnpauses) {
    Address t = make("OwnedPausable", {addr(1)});
    auto out = direct(request({t}), 1);
    ASSERT_EQ(out.size(), 1u);
    ASSERT_FALSE(out[0].error) << out[0].error->message;
    EXPECT_EQ(out[0].status, Status_::done);
    EXPECT_EQ(out[0].mechanism, "pausable");
    EXPECT_EQ(out[0].function, "pause()");
    ASSERT_TRUE(out[0].tx_hash && out[0].block);
    EXPECT_TRUE(paused(t));
    // The tip was raised over the node's estimate: at least the 2 gwei floor.
    auto receipt = *rpc->get_transaction_receipt(*out[0].tx_hash);
    auto block = *rpc->get_block_by_number(chain::BlockTag::number(*out[0].block));
    EXPECT_GE(receipt->effective_gas_price - block->base_fee_per_gas.value_or(uint256(0)), uint256(2'000'000'000));

    // Pausing again sends nothing.
    uint64_t before = nonce_of(1);
    auto again = direct(request({t}), 1);
    EXPECT_EQ(again[0].status, Status_::already);
    EXPECT_FALSE(again[0].tx_hash);
    EXPECT_EQ(nonce_of(1), before);

    auto un = direct(request({t}, PauseAction::unpause), 1);
    ASSERT_FALSE(un[0].error) << un[0].error->message;
    EXPECT_EQ(un[0].function, "unpause()");
    EXPECT_EQ(un[0].status, Status_::done);
    EXPECT_FALSE(paused(t));
}

TEST_F(Pause, PauserRoleIsCheckedBeforeSending) {
    Address t = make("RolePausable", {addr(0), addr(2)});
    uint64_t before = nonce_of(3);
    auto refused = direct(request({t}), 3);
    ASSERT_TRUE(refused[0].error);
    EXPECT_EQ(refused[0].error->kind, ErrorKind::input);
    EXPECT_NE(refused[0].error->message.find("does not hold PAUSER_ROLE"), std::string::npos) << refused[0].error->message;
    EXPECT_NE(refused[0].error->message.find(to_checksum(addr(3))), std::string::npos);
    EXPECT_EQ(refused[0].status, Status_::failed);
    EXPECT_EQ(nonce_of(3), before);  // nothing sent
    EXPECT_FALSE(paused(t));

    auto out = direct(request({t}), 2);
    ASSERT_FALSE(out[0].error) << out[0].error->message;
    EXPECT_EQ(out[0].mechanism, "role");
    EXPECT_TRUE(paused(t));
}

TEST_F(Pause, NamedFunctionAndCheck) {
    Address t = make("Freezable", {addr(4)});
    // Without a check it answers, nothing can be verified: refused, nothing sent.
    auto no_check = direct(request({t}), 4);
    ASSERT_TRUE(no_check[0].error);
    EXPECT_NE(no_check[0].error->message.find("paused()(bool) gave no answer"), std::string::npos);
    EXPECT_FALSE(no_check[0].tx_hash);

    auto r = request({t});
    r.function = "freeze()";
    r.check = "frozen()(bool)";
    // The wrong sender: the simulation reverts with the contract's reason.
    auto wrong = direct(r, 5);
    ASSERT_TRUE(wrong[0].error);
    EXPECT_NE(wrong[0].error->message.find("not the guardian"), std::string::npos) << wrong[0].error->message;
    auto out = direct(r, 4);
    ASSERT_FALSE(out[0].error) << out[0].error->message;
    EXPECT_EQ(out[0].mechanism, "function");
    EXPECT_TRUE(paused(t, "frozen()(bool)"));
}

TEST_F(Pause, SeveralTargetsTakeConsecutiveNonces) {
    Address a = make("OwnedPausable", {addr(1)});
    Address b = make("RolePausable", {addr(0), addr(1)});
    Address c = make("OwnedPausable", {addr(2)});  // not ours: refused, the others go ahead
    uint64_t n = nonce_of(1);
    auto out = direct(request({a, c, b}), 1);
    ASSERT_EQ(out.size(), 3u);
    ASSERT_FALSE(out[0].error) << out[0].error->message;
    ASSERT_FALSE(out[2].error) << out[2].error->message;
    ASSERT_TRUE(out[1].error);
    EXPECT_EQ(*out[0].nonce, n);
    EXPECT_EQ(*out[2].nonce, n + 1);
    EXPECT_TRUE(paused(a));
    EXPECT_TRUE(paused(b));
    EXPECT_FALSE(paused(c));
}

TEST_F(Pause, ReplacedWithHigherFeesWhenNotMined) {
    Address t = make("OwnedPausable", {addr(1)});
    ASSERT_TRUE(rpc->anvil_set_automine(false).ok());
    chain::RpcClient miner(node_->url());
    auto r = request({t});
    r.replace_after = std::chrono::milliseconds(300);
    std::vector<Bytes32> sent;
    r.on_sent = [&](const Address&, const Bytes32& h, unsigned attempt) {
        sent.push_back(h);
        if (attempt == 1) {
            EXPECT_TRUE(miner.evm_mine().ok());  // mine once the replacement is in the pool
        }
    };
    auto out = direct(r, 1);
    ASSERT_TRUE(rpc->anvil_set_automine(true).ok());
    ASSERT_FALSE(out[0].error) << out[0].error->message;
    ASSERT_EQ(sent.size(), 2u);
    EXPECT_EQ(out[0].replacements, 1u);
    EXPECT_EQ(*out[0].tx_hash, sent[1]);  // the replacement was mined, not the first
    EXPECT_FALSE(*rpc->get_transaction_receipt(sent[0]));
    // Same nonce, higher tip (the node refuses a replacement priced less than +10%).
    auto replacement = *rpc->request("eth_getTransactionByHash", {to_hex(sent[1])});
    EXPECT_EQ(uint256::parse(replacement["nonce"].get<std::string>())->low64(), *out[0].nonce);
    EXPECT_GT(*uint256::parse(replacement["maxPriorityFeePerGas"].get<std::string>()), uint256(2'000'000'000));
    EXPECT_TRUE(paused(t));
}

class PauseSafe : public Pause {
protected:
    Address safe;
    void SetUp() override {
        Pause::SetUp();
        Address singleton = deploy_code(0, deploy::test::safe_artifact_code("Safe.sol/Safe.json"), "Safe singleton");
        Address factory = deploy_code(0, deploy::test::safe_artifact_code("proxies/SafeProxyFactory.sol/SafeProxyFactory.json"),
                                      "SafeProxyFactory");
        // A 2-of-3 Safe owned by dev accounts 1, 2, 3.
        Bytes setup = deploy::test::encode(
            "setup(address[],uint256,address,bytes,address,address,uint256,address)",
            {AbiValue(AbiValue::List{addr(1), addr(2), addr(3)}), uint256(2), Address{}, Bytes{}, Address{}, Address{},
             uint256(0), Address{}});
        std::vector<AbiValue> args{singleton, setup, uint256(11)};
        safe = view(factory, "createProxyWithNonce(address,bytes,uint256)(address)", args)[0].as_address();
        call(0, factory, "createProxyWithNonce(address,bytes,uint256)", args);
    }
};

TEST_F(PauseSafe, BatchFileWithoutEnoughKeysThenExecuted) {
    Address a = make("OwnedPausable", {safe});
    Address b = make("OwnedPausable", {safe});
    auto file = std::filesystem::temp_directory_path() / ("suture-pause-safe-" + std::to_string(getpid()) + ".json");
    SafePause s;
    s.safe = safe;
    s.batch_file = file.string();
    s.owners = {&key(2)};
    auto pending = pause_via_safe(*rpc, request({a, b}), s);
    ASSERT_TRUE(pending.ok()) << pending.error().message;
    EXPECT_EQ((*pending)[0].status, Status_::batch_written);
    EXPECT_FALSE(paused(a));
    std::ifstream in(file);
    auto calls = deploy::parse_safe_batch_file(nlohmann::json::parse(in));
    ASSERT_TRUE(calls.ok()) << calls.error().message;
    ASSERT_EQ(calls->size(), 2u);
    EXPECT_EQ((*calls)[1].to, b);
    EXPECT_EQ((*calls)[0].data, deploy::test::encode("pause()", {}));
    std::filesystem::remove(file);

    s.batch_file.clear();
    s.owners = {&key(3), &key(1)};
    auto done = pause_via_safe(*rpc, request({a, b}), s);
    ASSERT_TRUE(done.ok()) << done.error().message;
    for (const auto& o : *done) {
        ASSERT_FALSE(o.error) << o.error->message;
        EXPECT_EQ(o.status, Status_::done);
        EXPECT_EQ(o.mechanism, "safe");
        EXPECT_TRUE(o.safe_tx_hash);
    }
    EXPECT_TRUE(paused(a));
    EXPECT_TRUE(paused(b));
    EXPECT_EQ(view_uint(safe, "nonce()(uint256)"), uint256(2));
}

TEST_F(PauseSafe, RefusesAKeyThatIsNotAnOwner) {
    Address a = make("OwnedPausable", {safe});
    SafePause s;
    s.safe = safe;
    s.owners = {&key(1), &key(5)};
    auto out = pause_via_safe(*rpc, request({a}), s);
    ASSERT_FALSE(out.ok());
    EXPECT_NE(out.error().message.find("is not an owner of Safe"), std::string::npos);
    EXPECT_FALSE(paused(a));
}

// The command: one JSON line per target, events in the ledger, exit codes.
TEST_F(Pause, CliPrintsOneLinePerTargetAndRecordsInTheLedger) {
    setenv("SUTURE_PAUSE_KEY0", "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80", 1);
    setenv("SUTURE_PAUSE_KEY1", "59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d", 1);
    Address a = make("OwnedPausable", {addr(1)});
    Address b = make("RolePausable", {addr(0), addr(1)});
    auto dir = std::filesystem::temp_directory_path() / ("suture-pause-cli-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    const std::string ledger = (dir / "suture.ledger").string();
    const std::string common = " --rpc " + node_->url() + " --ledger " + ledger + " --replace-after 5";

    auto run = suture::test::run_suture("pause " + to_checksum(a) + " " + to_checksum(b) + common +
                                            " --key-env SUTURE_PAUSE_KEY1",
                                        false);
    ASSERT_EQ(run.exit, 0) << run.out;
    std::istringstream lines(run.out);
    std::string line;
    std::vector<nlohmann::json> rows;
    while (std::getline(lines, line)) rows.push_back(nlohmann::json::parse(line));
    ASSERT_EQ(rows.size(), 2u) << run.out;
    EXPECT_EQ(rows[0]["target"], to_checksum(a));
    EXPECT_EQ(rows[0]["status"], "done");
    EXPECT_EQ(rows[1]["mechanism"], "role");
    EXPECT_TRUE(paused(a) && paused(b));

    // Not a pauser: refused, exit 2, nothing sent, the refusal recorded too.
    uint64_t before = nonce_of(0);
    auto refused = suture::test::run_suture("unpause " + to_checksum(b) + common + " --key-env SUTURE_PAUSE_KEY0", false);
    EXPECT_EQ(refused.exit, 2) << refused.out;
    auto row = nlohmann::json::parse(refused.out);
    EXPECT_EQ(row["status"], "failed");
    EXPECT_NE(row["error"]["message"].get<std::string>().find("does not hold PAUSER_ROLE"), std::string::npos);
    EXPECT_EQ(nonce_of(0), before);
    EXPECT_TRUE(paused(b));

    auto l = ledger::Ledger::open(ledger, ledger::Access::read);
    ASSERT_TRUE(l.ok()) << l.error().message;
    auto log = l->log();
    ASSERT_TRUE(log.ok());
    std::vector<std::string> kinds;
    for (const auto& e : *log)
        if (e.kind.rfind("respond.", 0) == 0) kinds.push_back(e.kind);
    EXPECT_EQ(kinds, (std::vector<std::string>{kPauseEvent, kPauseEvent, kUnpauseEvent}));
    EXPECT_EQ(log->back().data["status"], "failed");
    std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace suture::respond
