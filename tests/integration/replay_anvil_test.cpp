// The replay gate against a real node (anvil --hardfork cancun): a bank
// behind an EIP-1967 (UUPS) proxy with a realistic history mined on anvil
// (deposits, transfers, withdrawals from several senders, unrelated ETH
// transfers and a contract creation, legacy, EIP-2930 and EIP-1559
// transactions, several a block, then a cross-function re-entrancy attack),
// replayed on the old code and on:
//   the correct fix (EtherBankV2Fixed): honest transactions identical, the
//     attack differs, decoded; declared as expected, the gate passes;
//   a fix that also takes a 1% fee (EtherBankV2Fee): honest withdrawals differ;
//   the old code itself: zero differences.
// Every transaction is checked against anvil's receipt under the old code
// (revm's receipts vs Suture's EVM); a tampered cached receipt gives
// fork-mismatch. The CLI runs online, then offline from the cache alone.
//
// With SUTURE_TEST_NODE=state (the CTest entry replay_state) the same history
// is mined on the in-process node over a state file ("state:PATH",
// chain/devnode) instead, and every test runs unchanged against it: the
// embedded default's history replays like a real node's.
#include <filesystem>
#include <iostream>
#include <map>

#include <gtest/gtest.h>

#include "chain/fork_cache.hpp"
#include "chain/transaction.hpp"
#include "core/abi_encode.hpp"
#include "core/hex.hpp"
#include "solidity/load.hpp"
#include "support/anvil.hpp"
#include "support/devnode.hpp"
#include "support/signed_sender.hpp"
#include "support/suture_cli.hpp"
#include "verify/replay_spec.hpp"

namespace suture::verify {
namespace {

using test::Anvil;

const uint256 kEther = uint256(1'000'000'000'000'000'000ull);

std::string fixtures() { return std::string(SUTURE_BINARY_DIR) + "/fixtures/replay/contracts.json"; }

Bytes calldata(std::string_view signature, const std::vector<abi::AbiValue>& args = {}) {
    auto sig = abi::parse_signature(signature);
    EXPECT_TRUE(sig.ok());
    auto data = abi::encode_call(*sig, args);
    EXPECT_TRUE(data.ok()) << data.error().message;
    return *data;
}

// The history, mined once for the suite.
struct History {
    std::unique_ptr<Anvil> node;  // null on the in-process node
    std::string url;              // anvil's, or "state:PATH"
    std::filesystem::path state_dir;
    ~History() {
        if (!state_dir.empty()) std::filesystem::remove_all(state_dir);
    }
    Address proxy;
    uint64_t first = 0, last = 0;  // the replayed range
    Bytes32 attack{};
    Bytes32 dev1_withdraw{}, dev4_withdraw{};
    size_t transactions = 0;       // in the range
    size_t touching = 0;           // of those, touching the bank
};

class Miner {
public:
    explicit Miner(chain::RpcClient& rpc) : rpc_(rpc), sender_(rpc) {}

    Bytes32 submit(int key, std::optional<Address> to, Bytes data, uint256 value = uint256(), uint64_t gas = 1'000'000,
                   chain::TxType type = chain::TxType::dynamic_fee, std::vector<chain::AccessListEntry> access = {}) {
        auto hash = sender_.send(Anvil::dev_key(key), to, std::move(data), value, gas, type, std::move(access));
        EXPECT_TRUE(hash.ok()) << hash.error().message;
        return hash.ok() ? *hash : Bytes32{};
    }
    // Mines one block with everything pending; returns its number.
    uint64_t mine() {
        EXPECT_TRUE(rpc_.evm_mine().ok());
        return *rpc_.block_number();
    }
    chain::Receipt receipt(const Bytes32& h) {
        auto r = rpc_.get_transaction_receipt(h);
        EXPECT_TRUE(r.ok() && r->has_value()) << to_hex(h);
        return **r;
    }

private:
    chain::RpcClient& rpc_;
    test::SignedSender sender_;
};

Bytes creation(const solidity::BuildSet& set, std::string_view name, const Bytes& args = {}) {
    auto c = solidity::find_contract(set, name);
    EXPECT_TRUE(c.ok()) << c.error().message;
    Bytes code = *from_hex(c->contract->bytecode);
    code.insert(code.end(), args.begin(), args.end());
    return code;
}

Bytes word(const Address& a) {
    Bytes w(12, 0);
    w.insert(w.end(), a.bytes.begin(), a.bytes.end());
    return w;
}

// EtherBankV1 behind an ERC1967Proxy initialized for dev account 0, mined.
Address deploy_bank(Miner& m, const solidity::BuildSet& set) {
    const Bytes32 impl_tx = m.submit(0, std::nullopt, creation(set, "EtherBankV1"), uint256(), 3'000'000);
    m.mine();
    const Address impl = *m.receipt(impl_tx).contract_address;
    const Bytes init = calldata("initialize(address)", {Anvil::dev_address(0)});
    const Bytes args = *abi::encode({*abi::parse_type("address"), *abi::parse_type("bytes")}, {impl, init});
    const Bytes32 proxy_tx = m.submit(0, std::nullopt, creation(set, "ERC1967Proxy", args), uint256(), 3'000'000);
    m.mine();
    return *m.receipt(proxy_tx).contract_address;
}

class ReplayAnvil : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        h_ = new History;
        if (test::test_node_is_state()) {
            h_->state_dir = std::filesystem::temp_directory_path() / ("suture-replay-state-" + std::to_string(::getpid()));
            auto url = test::anvil_like_state(h_->state_dir);
            ASSERT_TRUE(url.ok()) << url.error().message;
            h_->url = *url;
        } else {
            auto n = Anvil::start();
            ASSERT_TRUE(n.ok()) << n.error().message;
            h_->node = std::move(*n);
            h_->url = h_->node->url();
        }
        auto set = solidity::load_build(fixtures());
        ASSERT_TRUE(set.ok()) << set.error().message;
        chain::RpcClient rpc(h_->url);
        ASSERT_TRUE(rpc.anvil_set_automine(false).ok());
        Miner m(rpc);

        // Set-up (before the range): the bank behind its proxy, the attacker's contract.
        h_->proxy = deploy_bank(m, *set);
        const Bytes32 attacker_tx = m.submit(2, std::nullopt, creation(*set, "Attacker", word(h_->proxy)), uint256(), 3'000'000);
        m.mine();
        const Address attacker = *m.receipt(attacker_tx).contract_address;
        ASSERT_TRUE(m.receipt(attacker_tx).status);

        // The history: several transactions a block, honest ones first, the attack last.
        const Address bank = h_->proxy;
        std::vector<Bytes32> all;
        auto add = [&](Bytes32 h, bool touches) {
            all.push_back(h);
            h_->touching += touches ? 1 : 0;
        };
        add(m.submit(1, bank, calldata("deposit()"), uint256(5) * kEther), true);
        add(m.submit(3, bank, calldata("deposit()"), uint256(3) * kEther), true);
        add(m.submit(4, bank, calldata("deposit()"), uint256(2) * kEther), true);
        add(m.submit(5, Anvil::dev_address(6), {}, kEther), false);
        add(m.submit(9, bank, calldata("deposit()"), kEther, 1'000'000, chain::TxType::legacy), true);
        h_->first = m.mine();
        add(m.submit(3, bank, calldata("transfer(address,uint256)", {Anvil::dev_address(4), kEther})), true);
        h_->dev1_withdraw = m.submit(1, bank, calldata("withdraw()"));
        add(h_->dev1_withdraw, true);
        add(m.submit(7, std::nullopt, creation(*set, "EtherBankV1"), uint256(), 3'000'000), false);
        add(m.submit(6, Anvil::dev_address(5), {}, kEther / uint256(2)), false);
        add(m.submit(8, Anvil::dev_address(7), {}, kEther, 100'000, chain::TxType::access_list,
                     {{bank, {Bytes32{}}}}),
            false);
        m.mine();
        h_->dev4_withdraw = m.submit(4, bank, calldata("withdraw()"));
        add(h_->dev4_withdraw, true);
        add(m.submit(8, bank, calldata("deposit()"), uint256(4) * kEther), true);
        m.mine();
        h_->attack = m.submit(2, attacker, calldata("attack()"), kEther, 5'000'000);
        add(h_->attack, true);
        m.mine();
        add(m.submit(5, Anvil::dev_address(9), {}, kEther), false);
        add(m.submit(6, Anvil::dev_address(9), {}, kEther), false);
        h_->last = m.mine();
        h_->transactions = all.size();
        for (const Bytes32& tx : all) ASSERT_TRUE(m.receipt(tx).status) << "history transaction " << to_hex(tx) << " failed";
        ASSERT_TRUE(rpc.anvil_set_automine(true).ok());
        keep_ = std::make_unique<chain::RpcClient>(h_->url);  // the in-process node lives as long as the suite
    }
    static void TearDownTestSuite() {
        keep_.reset();
        delete h_;
        h_ = nullptr;
    }

    void SetUp() override {
        ASSERT_NE(h_, nullptr);
        dir_ = std::filesystem::temp_directory_path() /
               ("suture-replay-" + std::to_string(::getpid()) + "-" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(dir_);
        std::filesystem::create_directories(dir_);
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }

    ReplaySpec spec(const std::string& new_contract) const {
        ReplaySpec s;
        s.target = h_->proxy;
        s.build = fixtures();
        s.new_contract = new_contract;
        s.blocks = std::to_string(h_->first) + ".." + std::to_string(h_->last);
        s.rpc_url = h_->url;
        s.cache_path = (dir_ / "fork.sqlite").string();
        return s;
    }
    ReplayReport replay(const ReplaySpec& s) {
        auto r = run_replay_spec(s);
        EXPECT_TRUE(r.ok()) << r.error().message;
        if (!r.ok()) return {};
        // The oracle: every transaction's receipt equals the old code's run.
        EXPECT_EQ(r->result.receipts_checked, h_->transactions);
        EXPECT_EQ(r->result.receipts_matched, h_->transactions);
        EXPECT_TRUE(r->result.mismatches.empty()) << r->result.mismatches[0].what;
        return std::move(*r);
    }
    std::string cli_range() const {
        return "--target " + to_checksum(h_->proxy) + " --build " + fixtures() + " --blocks " + std::to_string(h_->first) +
               ".." + std::to_string(h_->last);
    }

    // The CLI is another process: it reads the state file, so the blocks this
    // process mined must be in it first.
    static std::string cli_url() {
        if (test::test_node_is_state()) {
            EXPECT_TRUE(test::flush_state(h_->url).ok());
        }
        return h_->url;
    }

    static inline History* h_ = nullptr;
    static inline std::unique_ptr<chain::RpcClient> keep_;
    std::filesystem::path dir_;
};

const char* kCeiRule = "function=withdraw();reentered;new_reverts";

TEST_F(ReplayAnvil, OldAgainstOldShowsNoDifferenceAndEveryReceiptMatches) {
    const ReplayReport r = replay(spec("EtherBankV1"));
    EXPECT_EQ(r.result.verdict, ReplayVerdict::identical);
    EXPECT_EQ(r.result.blocks, h_->last - h_->first + 1);
    EXPECT_EQ(r.result.transactions, h_->transactions);
    EXPECT_EQ(r.result.touching, h_->touching);
    EXPECT_EQ(r.result.compared, h_->touching);
    EXPECT_EQ(r.result.identical, h_->touching);
    EXPECT_EQ(r.result.old_gas, r.result.new_gas);
    EXPECT_TRUE(r.result.findings.empty());
}

TEST_F(ReplayAnvil, TheFixChangesOnlyTheAttackDecodedAndADeclarationPassesIt) {
    const ReplayReport r = replay(spec("EtherBankV2Fixed"));
    EXPECT_EQ(r.result.verdict, ReplayVerdict::differences);
    EXPECT_EQ(r.result.compared, h_->touching);
    EXPECT_EQ(r.result.identical, h_->touching - 1);  // every honest transaction
    ASSERT_EQ(r.result.differences.size(), 1u);
    const TxDifference& d = r.result.differences[0];
    EXPECT_EQ(d.hash, h_->attack);
    EXPECT_EQ(d.sender, Anvil::dev_address(2));
    // The attack's own calls into the bank, in the order first entered.
    EXPECT_EQ(d.function, "attack() -> deposit(), withdraw(), balanceOf(address), transfer(address,uint256)");
    EXPECT_TRUE(d.old_reentered);
    EXPECT_EQ(d.items.front().what, "outcome");
    EXPECT_EQ(d.old_outcome, "returned nothing");
    EXPECT_NE(d.new_outcome.find("reverted"), std::string::npos) << d.new_outcome;
    EXPECT_NE(d.new_outcome.find("nothing to withdraw"), std::string::npos) << d.new_outcome;
    ASSERT_EQ(r.result.findings.size(), 1u);
    const Finding& f = r.result.findings[0];
    EXPECT_EQ(f.code, "replay-difference");
    EXPECT_EQ(f.location.other, to_hex(h_->attack));
    EXPECT_EQ(f.message.rfind(d.function + " by " + to_checksum(Anvil::dev_address(2)) + ": old returned nothing, new reverted", 0), 0u)
        << f.message;

    ReplaySpec declared = spec("EtherBankV2Fixed");
    declared.expect = {kCeiRule};
    const ReplayReport ok = replay(declared);
    EXPECT_EQ(ok.result.verdict, ReplayVerdict::expected_only);
    EXPECT_TRUE(ok.result.passed());
    ASSERT_EQ(ok.result.differences.size(), 1u);
    ASSERT_TRUE(ok.result.differences[0].expected.has_value());
    EXPECT_EQ(ok.result.differences[0].expected->source, std::string("--expect ") + kCeiRule);

    // A declaration that does not fit (another sender) leaves the gate failed.
    ReplaySpec wrong = spec("EtherBankV2Fixed");
    wrong.expect = {std::string(kCeiRule) + ";sender=" + to_checksum(Anvil::dev_address(1))};
    EXPECT_EQ(replay(wrong).result.verdict, ReplayVerdict::differences);
}

TEST_F(ReplayAnvil, AFeeChangingFixIsCaughtOnHonestWithdrawals) {
    ReplaySpec s = spec("EtherBankV2Fee");
    s.expect = {kCeiRule};
    const ReplayReport r = replay(s);
    EXPECT_EQ(r.result.verdict, ReplayVerdict::differences);
    ASSERT_EQ(r.result.differences.size(), 3u);  // two honest withdrawals and the (declared) attack
    std::vector<Bytes32> undeclared;
    for (const auto& d : r.result.differences)
        if (!d.expected) undeclared.push_back(d.hash);
    EXPECT_EQ(undeclared, (std::vector<Bytes32>{h_->dev1_withdraw, h_->dev4_withdraw}));
    const TxDifference& d = r.result.differences[0];
    EXPECT_EQ(d.function, "withdraw()");
    EXPECT_EQ(d.old_outcome, d.new_outcome);  // both return: the money is the difference
    // The money is the difference: the bank pays out less, the user receives less.
    std::map<std::string, std::pair<std::string, std::string>> items;
    for (const auto& i : d.items) items[i.what] = {i.old_text, i.new_text};
    const auto bank = items.find("ETH balance of " + to_checksum(h_->proxy));
    ASSERT_NE(bank, items.end());
    EXPECT_EQ(bank->second, std::make_pair(std::string("-5 ETH"), std::string("-4.95 ETH")));
    const auto user = items.find("ETH balance of " + to_checksum(Anvil::dev_address(1)));
    ASSERT_NE(user, items.end());
    EXPECT_EQ(user->second, std::make_pair(std::string("+5 ETH"), std::string("+4.95 ETH")));
    const bool user_item = d.items.front().what.rfind("ETH balance of ", 0) == 0;
    EXPECT_TRUE(user_item);
}

TEST_F(ReplayAnvil, NamedTransactionsAreTheOnlyOnesCompared) {
    ReplaySpec s = spec("EtherBankV2Fixed");
    s.blocks.clear();
    s.txs = {to_hex(h_->dev4_withdraw), to_hex(h_->attack)};
    auto r = run_replay_spec(s);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->result.first_block + 1, r->result.last_block);  // the withdrawal's block and the attack's
    EXPECT_EQ(r->result.compared, 2u);
    EXPECT_EQ(r->result.identical, 1u);
    ASSERT_EQ(r->result.differences.size(), 1u);
    EXPECT_EQ(r->result.differences[0].hash, h_->attack);

    // --last N: the node's last N blocks.
    ReplaySpec tail = spec("EtherBankV2Fixed");
    tail.blocks.clear();
    tail.last = 2;
    auto t = run_replay_spec(tail);
    ASSERT_TRUE(t.ok()) << t.error().message;
    EXPECT_EQ(t->result.blocks, 2u);
    EXPECT_EQ(t->result.last_block, *chain::RpcClient(h_->url).block_number());
}

TEST_F(ReplayAnvil, AReceiptTheEvmDisagreesWithIsAForkMismatchNotAPatchDifference) {
    ReplaySpec s = spec("EtherBankV1");
    ASSERT_TRUE(run_replay_spec(s).ok());  // fills the cache
    // The cached receipt of the range's first transaction now says it failed
    // (the block's gas stays consistent, so only the replay can notice).
    {
        auto cache = chain::ForkCache::open(s.cache_path);
        ASSERT_TRUE(cache.ok());
        auto text = (*cache)->history_block(Anvil::chain_id, h_->first);
        ASSERT_TRUE(text.ok() && text->has_value());
        auto j = nlohmann::json::parse(**text);
        j["receipts"][0]["status"] = "0x0";
        ASSERT_TRUE((*cache)->put_history_block(Anvil::chain_id, h_->first, j.dump()).ok());
    }
    s.offline = true;
    auto r = run_replay_spec(s);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->result.verdict, ReplayVerdict::fork_mismatch);
    EXPECT_FALSE(r->result.passed());
    ASSERT_EQ(r->result.mismatches.size(), 1u);
    EXPECT_NE(r->result.mismatches[0].what.find("status: the chain says failure"), std::string::npos)
        << r->result.mismatches[0].what;
    EXPECT_EQ(r->result.receipts_matched + 1, r->result.receipts_checked);

    // A block answered without its first transaction (and its receipt) is an
    // error naming the block, never a replay of what is left.
    {
        auto cache = chain::ForkCache::open(s.cache_path);
        ASSERT_TRUE(cache.ok());
        auto j = nlohmann::json::parse(*(*cache)->history_block(Anvil::chain_id, h_->first).value());
        j["block"]["transactions"].erase(0);
        j["receipts"].erase(0);
        ASSERT_TRUE((*cache)->put_history_block(Anvil::chain_id, h_->first, j.dump()).ok());
    }
    auto cut = run_replay_spec(s);
    ASSERT_FALSE(cut.ok());
    EXPECT_EQ(cut.error().kind, ErrorKind::chain);
    EXPECT_NE(cut.error().message.find("block " + std::to_string(h_->first)), std::string::npos) << cut.error().message;
    EXPECT_NE(cut.error().message.find("left a transaction out"), std::string::npos) << cut.error().message;
}

// A longer honest history (seeded): 40 blocks of 8 transactions from 8
// senders, each a deposit, an in-bank transfer, a withdrawal or an ETH
// transfer, kept valid by a model of the bank. The fix changes none of them,
// and every receipt matches.
TEST_F(ReplayAnvil, ALongerHonestHistoryIsIdenticalUnderTheFixAndMatchesEveryReceipt) {
    chain::RpcClient rpc(h_->url);
    ASSERT_TRUE(rpc.anvil_set_automine(false).ok());
    Miner m(rpc);
    // A bank of its own (the suite's was drained by the attack), deployed before the range.
    auto set = solidity::load_build(fixtures());
    ASSERT_TRUE(set.ok()) << set.error().message;
    const Address proxy = deploy_bank(m, *set);
    std::map<int, uint256> bank;  // the model: balanceOf per dev account
    uint64_t state = 12345;
    auto next = [&](uint64_t n) {
        state = state * 6364136223846793005ull + 1442695040888963407ull;
        return (state >> 33) % n;
    };
    const uint256 unit = kEther / uint256(100);
    size_t touching = 0, sent = 0;
    uint64_t first = 0, last = 0;
    for (int b = 0; b < 40; ++b) {
        for (int k = 1; k <= 8; ++k) {
            const int sender = k == 2 ? 9 : k;  // dev 2 is the attacker: not in this history
            const uint64_t op = next(4);
            if (op == 0 || (op != 3 && bank[sender] == uint256())) {
                const uint256 v = unit * uint256(1 + next(50));
                m.submit(sender, proxy, calldata("deposit()"), v);
                bank[sender] += v;
            } else if (op == 1) {
                int to = 1 + int(next(8));
                if (to == 2) to = 9;
                const uint256 v = bank[sender] / uint256(2 + next(3));
                m.submit(sender, proxy, calldata("transfer(address,uint256)", {Anvil::dev_address(to), v}));
                bank[sender] -= v;
                bank[to] += v;
            } else if (op == 2) {
                m.submit(sender, proxy, calldata("withdraw()"));
                bank[sender] = uint256();
            } else {
                m.submit(sender, Anvil::dev_address(int(next(10))), {}, unit);
                --touching;
            }
            ++touching;
            ++sent;
        }
        last = m.mine();
        if (b == 0) first = last;
    }
    ASSERT_TRUE(rpc.anvil_set_automine(true).ok());

    ReplaySpec s = spec("EtherBankV2Fixed");
    s.target = proxy;
    s.blocks = std::to_string(first) + ".." + std::to_string(last);
    auto r = run_replay_spec(s);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->result.verdict, ReplayVerdict::identical);
    EXPECT_EQ(r->result.transactions, sent);
    EXPECT_EQ(r->result.receipts_checked, sent);
    EXPECT_EQ(r->result.receipts_matched, sent);
    EXPECT_EQ(r->result.compared, touching);
    EXPECT_EQ(r->result.identical, touching);
    std::cout << "[ replay  ] " << sent << " transactions in " << r->result.blocks << " blocks: " << r->result.receipts_matched
              << " receipts match, " << r->result.identical << " of " << r->result.compared << " compared identical, "
              << r->result.seconds << " s (history and state fetched from the node)\n";
}

TEST_F(ReplayAnvil, TheCliRunsOnlineThenOfflineFromTheCacheAlone) {
    const std::string cache = (dir_ / "cli.sqlite").string();
    const std::string base = "verify replay " + cli_range() + " --new EtherBankV2Fixed --fork-cache " + cache;
    auto failed = test::run_suture(base + " --rpc " + cli_url(), false);
    EXPECT_EQ(failed.exit, 1) << failed.out;
    EXPECT_NE(failed.out.find("FAILED: the new code changes transactions"), std::string::npos) << failed.out;
    EXPECT_NE(failed.out.find("nothing to withdraw"), std::string::npos) << failed.out;
    EXPECT_NE(failed.out.find("receipts:  " + std::to_string(h_->transactions) + " of " + std::to_string(h_->transactions)),
              std::string::npos) << failed.out;

    auto offline = test::run_suture("--json " + base + " --offline --expect '" + kCeiRule + "'", false);
    EXPECT_EQ(offline.exit, 0) << offline.out;
    auto j = nlohmann::json::parse(offline.out, nullptr, false);
    ASSERT_TRUE(j.is_object()) << offline.out;
    EXPECT_EQ(j["verdict"], "expected-differences-only");
    EXPECT_EQ(j["compared"], h_->touching);
    EXPECT_EQ(j["receipts"]["matched"], h_->transactions);
    EXPECT_EQ(j["differences"][0]["tx"], to_hex(h_->attack));

    auto usage = test::run_suture("verify replay " + cli_range() + " --new EtherBankV2Fixed --last 3 --rpc " + cli_url());
    EXPECT_EQ(usage.exit, 2) << usage.out;
}

}  // namespace
}  // namespace suture::verify
