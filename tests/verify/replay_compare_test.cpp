// The replay gate's pieces without a node: a transaction's effects measured
// from its outcome (ETH net of gas, ERC-20 Transfer deltas, storage writes),
// two runs compared item by item in words, a receipt that disagrees, and
// expected-difference declarations (flags and file) matched.
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/abi_json.hpp"
#include "core/hex.hpp"
#include "evm/state_memory.hpp"
#include "verify/replay_compare.hpp"
#include "verify/replay_expectations.hpp"

namespace suture::verify {
namespace {

const uint256 kGwei = uint256(1'000'000'000ull);
const uint256 kEther = uint256(1'000'000'000'000'000'000ull);

Address addr(uint8_t b) {
    Address a;
    a.bytes.fill(0);
    a.bytes[19] = b;
    return a;
}

Bytes32 topic_of(const Address& a) { return to_uint256(a).to_bytes32(); }

evm::Log transfer_log(const Address& token, const Address& from, const Address& to, uint64_t v) {
    evm::Log l;
    l.address = token;
    l.topics = {abi::event_topic("Transfer(address,address,uint256)"), topic_of(from), topic_of(to)};
    const Bytes32 w = uint256(v).to_bytes32();
    l.data.assign(w.begin(), w.end());
    return l;
}

TEST(ReplayCompare, EffectsAreNetOfGasWithTokenDeltasFromTransferLogs) {
    const Address sender = addr(1), to = addr(2), coinbase = addr(3), token = addr(4), holder = addr(5);
    evm::MemoryBackend before;
    before.set_account(sender, 0, uint256(10) * kEther, {});
    before.set_account(coinbase, 0, uint256(), {});
    evm::BlockEnv block;
    block.coinbase = coinbase;
    block.base_fee = uint256(5) * kGwei;
    evm::Transaction tx;
    tx.type = evm::TxType::dynamic_fee;
    tx.sender = sender;
    tx.to = to;
    tx.value = kEther;
    tx.max_fee_per_gas = uint256(10) * kGwei;
    tx.max_priority_fee_per_gas = uint256(2) * kGwei;  // price min(10, 5 + 2) = 7 gwei, tip 2 gwei

    evm::TxOutcome out;
    out.receipt.status = evm::StatusCode::success;
    out.receipt.gas_used = 50'000;
    out.receipt.logs = {transfer_log(token, sender, holder, 100)};
    const uint256 gas = uint256(50'000);
    auto change = [](const Address& a, const uint256& balance) {
        evm::AccountChange c;
        c.address = a;
        c.info.balance = balance;
        return c;
    };
    evm::AccountChange r = change(to, kEther);
    r.storage = {{uint256(1), uint256(42)}};
    out.diff.accounts = {change(sender, uint256(9) * kEther - gas * uint256(7) * kGwei), r,
                         change(coinbase, gas * uint256(2) * kGwei)};

    auto e = measure_effects(before, block, tx, out);
    ASSERT_TRUE(e.ok()) << e.error().message;
    ASSERT_EQ(e->balances.size(), 4u);  // the coinbase's tip is gas, not a difference
    EXPECT_FALSE(e->balances[0].token);
    EXPECT_EQ(e->balances[0].holder, sender);
    EXPECT_EQ(e->balances[0].delta, uint256() - kEther);
    EXPECT_EQ(e->balances[1].holder, to);
    EXPECT_EQ(e->balances[1].delta, kEther);
    EXPECT_EQ(e->balances[2].token, token);
    EXPECT_EQ(e->balances[2].holder, sender);
    EXPECT_EQ(e->balances[2].delta, uint256() - uint256(100));
    EXPECT_EQ(e->balances[3].holder, holder);
    EXPECT_EQ(e->balances[3].delta, uint256(100));
    ASSERT_EQ(e->storage.size(), 1u);
    EXPECT_EQ(e->storage[0].address, to);
    EXPECT_EQ(e->gas_used, 50'000);
}

TEST(ReplayCompare, DifferencesAreListedMostTellingFirstInWords) {
    abi::ContractAbi bank;
    auto parsed = abi::parse_abi(nlohmann::json::parse(R"([
        {"type":"function","name":"withdraw","inputs":[{"name":"a","type":"uint256"}],"outputs":[{"name":"","type":"uint256"}],"stateMutability":"nonpayable"},
        {"type":"error","name":"ReentrancyGuardReentrantCall","inputs":[]}])"));
    ASSERT_TRUE(parsed.ok()) << parsed.error().message;
    bank = *parsed;
    const AbiList abis = {&bank};
    const abi::AbiEntry* withdraw = bank.function(abi::selector("withdraw(uint256)"));
    ASSERT_NE(withdraw, nullptr);

    TxEffects old_run;
    old_run.executed = true;
    old_run.status = evm::StatusCode::success;
    const Bytes32 hundred = uint256(100).to_bytes32();
    old_run.output.assign(hundred.begin(), hundred.end());
    old_run.storage = {{addr(9), uint256(1), uint256(5), uint256()}};
    old_run.balances = {{std::nullopt, addr(7), uint256(100)}};
    TxEffects new_run = old_run;
    new_run.status = evm::StatusCode::revert;
    const abi::Selector guard = abi::selector("ReentrancyGuardReentrantCall()");
    new_run.output.assign(guard.begin(), guard.end());
    new_run.storage.clear();
    new_run.balances.clear();

    EXPECT_TRUE(compare_effects(old_run, old_run, abis, withdraw).empty());
    const auto items = compare_effects(old_run, new_run, abis, withdraw);
    ASSERT_EQ(items.size(), 3u);
    EXPECT_EQ(items[0].what, "outcome");
    EXPECT_EQ(items[0].old_text, "returned 100");
    EXPECT_EQ(items[0].new_text, "reverted ReentrancyGuardReentrantCall()");
    EXPECT_EQ(items[1].what, "ETH balance of " + to_checksum(addr(7)));
    EXPECT_EQ(items[1].new_text, "no change");
    EXPECT_EQ(items[2].what.rfind("storage of " + to_checksum(addr(9)), 0), 0u);
    EXPECT_EQ(items[2].new_text, "no write");

    chain::Receipt receipt;
    receipt.status = true;
    receipt.gas_used = 0;
    EXPECT_FALSE(receipt_mismatch(old_run, receipt, abis).has_value());
    receipt.gas_used = 1;
    EXPECT_EQ(receipt_mismatch(old_run, receipt, abis).value_or(""), "gas used: the chain says 1, the EVM 0");
    TxEffects refused;
    refused.refused = "invalid transaction: nonce 3, account has 2";
    EXPECT_NE(receipt_mismatch(refused, receipt, abis).value_or("").find("the EVM refused it"), std::string::npos);
}

TEST(ReplayExpectations, FlagsParseAndMatch) {
    const Address alice = addr(0xa);
    DifferenceFacts attack;
    attack.called = abi::selector("attack()");
    attack.entered = {abi::selector("deposit()"), abi::selector("withdraw()")};
    attack.sender = alice;
    attack.old_reentered = true;
    attack.new_reverted = true;
    DifferenceFacts honest = attack;
    honest.old_reentered = false;

    struct Case {
        std::string flag;
        bool attack, honest;
    } cases[] = {
        {"function=withdraw();reentered;new_reverts", true, false},
        {"function=0x3ccfd60b", true, true},   // withdraw()'s selector, entered inside
        {"function=attack()", true, true},     // the transaction's own function
        {"function=transfer(address,uint256)", false, false},
        {"sender=" + to_checksum(alice) + ";reentered", true, false},
        {"sender=" + to_checksum(addr(0xb)), false, false},
        {"new_reverts;why=the guard reverts", true, true},
        {"old_reverts", false, false},         // both succeeded on the old code
        {"old_reverts=false;new_reverts", true, true},
    };
    for (const Case& c : cases) {
        auto rule = parse_expect_flag(c.flag);
        ASSERT_TRUE(rule.ok()) << c.flag << ": " << rule.error().message;
        EXPECT_EQ(matches(*rule, attack), c.attack) << c.flag;
        EXPECT_EQ(matches(*rule, honest), c.honest) << c.flag;
    }
    for (const std::string bad : {"", "why=nothing else", "function=", "function=withdraw(", "sender=0x12", "reentered=yes", "colour=red"}) {
        auto rule = parse_expect_flag(bad);
        ASSERT_FALSE(rule.ok()) << bad;
        EXPECT_EQ(rule.error().kind, ErrorKind::usage) << bad;
        EXPECT_NE(rule.error().message.find("--expect"), std::string::npos) << rule.error().message;
    }
}

TEST(ReplayExpectations, FileRulesNameTheirPlace) {
    const auto path = std::filesystem::temp_directory_path() / ("suture-expect-" + std::to_string(::getpid()) + ".json");
    {
        std::ofstream(path) << R"J({"expected": [{"function": "withdraw()", "reentered": true, "why": "CEI"},
                                                {"sender": "0x000000000000000000000000000000000000000a"}]})J";
    }
    auto rules = load_expectations(path.string());
    ASSERT_TRUE(rules.ok()) << rules.error().message;
    ASSERT_EQ(rules->size(), 2u);
    EXPECT_EQ((*rules)[0].why, "CEI");
    EXPECT_EQ((*rules)[0].reentered, true);
    EXPECT_EQ((*rules)[1].sender, addr(0xa));
    EXPECT_EQ((*rules)[0].source, path.string() + " expected[0]");

    {
        std::ofstream(path) << R"J({"expected": [{"function": "withdraw()"}, {"reentered": 1}]})J";
    }
    auto bad = load_expectations(path.string());
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.error().message.find(path.string()), std::string::npos) << bad.error().message;
    EXPECT_NE(bad.error().message.find("reentered: expected a string or a boolean"), std::string::npos) << bad.error().message;
    std::filesystem::remove(path);
}

}  // namespace
}  // namespace suture::verify
