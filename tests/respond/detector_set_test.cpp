// Every detector kind the monitor evaluates from a block alone
// (respond/detector_set.hpp), on crafted transactions: events, calls (direct,
// from a contract, through a proxy's delegatecall), transaction status,
// expressions, a script filter, watch-listed functions, outflow per
// transaction / block / window; and call frames parsed from a callTracer answer.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/abi_encode.hpp"
#include "core/hex.hpp"
#include "respond/crafted_logs.hpp"
#include "respond/detector_expression.hpp"
#include "respond/detector_set.hpp"

namespace suture::respond {
namespace {

using test::addr;
using test::transfer;

const Address kVault = addr(0x11), kImpl = addr(0x12), kThief = addr(0x22), kAttack = addr(0x23),
              kToken = addr(0x70), kAdmin = addr(0x33);

Bytes32 hash(uint8_t b) {
    Bytes32 h{};
    h.fill(b);
    return h;
}

Bytes call(const char* sig, std::vector<abi::AbiValue> args) {
    return *abi::encode_call(*abi::parse_signature(sig), args);
}

CallFrame frame(Address from, Address to, Bytes input, int depth, uint256 value = uint256(0)) {
    CallFrame f;
    f.from = from;
    f.to = f.code_address = to;
    f.input = std::move(input);
    f.depth = depth;
    f.value = value;
    return f;
}

// The thief calls the attack contract, which calls withdraw on the vault
// proxy, which delegates to its implementation and sends ETH to the attacker.
TxTrace attack_through_proxy(uint64_t amount, uint8_t h = 1) {
    TxTrace tx;
    tx.hash = hash(h);
    tx.from = kThief;
    tx.to = kAttack;
    tx.input = call("attack()", {});
    Bytes w = call("withdraw(uint256)", {uint256(amount)});
    tx.frames.push_back(frame(kThief, kAttack, tx.input, 0));
    tx.frames.push_back(frame(kAttack, kVault, w, 1));
    CallFrame d = frame(kVault, kVault, w, 2);
    d.code_address = kImpl;
    d.delegate = true;
    tx.frames.push_back(d);
    tx.frames.push_back(frame(kVault, kAttack, {}, 3, uint256(amount)));
    tx.traced = true;
    tx.logs.push_back(transfer(kToken, kVault, kAttack, amount));
    return tx;
}

BlockTrace block_of(uint64_t n, std::vector<TxTrace> txs) {
    BlockTrace b;
    b.number = n;
    b.hash = hash(static_cast<uint8_t>(0x80 + n));
    b.txs = std::move(txs);
    return b;
}

DetectorSpec match(std::string name) {
    DetectorSpec d;
    d.name = std::move(name);
    d.kind = DetectorKind::match;
    return d;
}

std::vector<std::string> names(const std::vector<Firing>& fs) {
    std::vector<std::string> out;
    for (const auto& f : fs) out.push_back(f.detector);
    return out;
}

TEST(DetectorSet, CallFiltersFindCallsThroughAProxyAndFromContracts) {
    DetectorSpec on_proxy = match("on-proxy");
    on_proxy.calls.push_back(*parse_call_filter("withdraw(uint256 amount)", {"amount > 100"}, kVault));
    DetectorSpec on_impl = match("on-impl");
    on_impl.calls.push_back(*parse_call_filter("withdraw(uint256 amount)", {}, kImpl));
    DetectorSpec small = match("small");
    small.calls.push_back(*parse_call_filter("withdraw(uint256 amount)", {"amount < 10"}, kVault));
    auto set = DetectorSet::make({on_proxy, on_impl, small});
    ASSERT_TRUE(set.ok()) << set.error().message;
    EXPECT_TRUE(set->needs_frames());
    auto fired = set->evaluate(block_of(5, {attack_through_proxy(500)}));
    EXPECT_EQ(names(fired), (std::vector<std::string>{"on-proxy", "on-impl"}));
    // The evidence names the decoded call and who made it.
    const auto& c = fired[0].evidence["calls"][0];
    EXPECT_EQ(c["function"], "withdraw(uint256)");
    EXPECT_EQ(c["args"]["amount"], "500");
    EXPECT_EQ(c["from"], to_checksum(kAttack));
    EXPECT_EQ(fired[1].evidence["calls"][0]["code_address"], to_checksum(kImpl));
    EXPECT_EQ(fired[0].evidence["tx"], to_hex(hash(1)));
    EXPECT_EQ(fired[0].block, 5u);
    // Without a trace only the top call is known: the internal withdraw is not seen.
    TxTrace untraced = attack_through_proxy(500);
    untraced.frames.clear();
    untraced.traced = false;
    EXPECT_TRUE(set->evaluate(block_of(6, {untraced})).empty());
}

TEST(DetectorSet, EventsStatusAndScript) {
    DetectorSpec big = match("big-transfer");
    big.events.push_back(*parse_event_filter("event Transfer(address indexed from, address indexed to, uint256 value)",
                                             {"value >= 1000", "from == " + to_checksum(kVault)}, kToken));
    DetectorSpec failed = match("failed");
    failed.status = TxStatusFilter::failure;
    auto set = DetectorSet::make({big, failed});
    ASSERT_TRUE(set.ok()) << set.error().message;
    TxTrace reverted = attack_through_proxy(5000, 2);
    reverted.success = false;
    reverted.logs.clear();
    auto fired = set->evaluate(block_of(7, {attack_through_proxy(999), attack_through_proxy(1000, 3), reverted}));
    ASSERT_EQ(names(fired), (std::vector<std::string>{"big-transfer", "failed"}));
    EXPECT_EQ(fired[0].evidence["events"][0]["args"]["value"], "1000");
    EXPECT_EQ(*fired[0].tx, hash(3));
    EXPECT_EQ(*fired[1].tx, hash(2));

    // A script filter: exit 0 keeps the match, anything else drops it; it reads the match on stdin.
    auto dir = std::filesystem::temp_directory_path() / ("suture-script-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    auto script = (dir / "only-tx3.sh").string();
    std::ofstream(script) << "#!/bin/sh\ngrep -q '\"tx\":\"0x0303' && exit 0\nexit 1\n";
    std::filesystem::permissions(script, std::filesystem::perms::owner_all);
    DetectorSpec scripted = big;
    scripted.name = "scripted";
    scripted.events[0].conditions.clear();
    scripted.script = script;
    auto set2 = DetectorSet::make({scripted});
    ASSERT_TRUE(set2.ok());
    auto fired2 = set2->evaluate(block_of(8, {attack_through_proxy(10, 4), attack_through_proxy(10, 3)}));
    ASSERT_EQ(fired2.size(), 1u);
    EXPECT_EQ(*fired2[0].tx, hash(3));
    std::filesystem::remove_all(dir);
}

TEST(DetectorSet, ExpressionsCombineDetectorsPerTransaction) {
    DetectorSpec withdraw = match("withdraw");
    withdraw.calls.push_back(*parse_call_filter("withdraw(uint256 amount)", {}, kVault));
    withdraw.pause = false;
    DetectorSpec by_admin = match("by-admin");
    by_admin.status = TxStatusFilter::any;
    by_admin.calls.push_back(*parse_call_filter("attack()", {}, kAttack));
    DetectorSpec e;
    e.name = "withdraw-not-admin";
    e.kind = DetectorKind::expression;
    e.expression = "withdraw && !(by-admin && withdraw) || withdraw && by-admin && !by-admin";
    auto set = DetectorSet::make({withdraw, by_admin, e});
    ASSERT_TRUE(set.ok()) << set.error().message;
    TxTrace plain = attack_through_proxy(5, 9);
    plain.frames.erase(plain.frames.begin());  // no attack() frame
    plain.to = kVault;
    auto fired = set->evaluate(block_of(9, {attack_through_proxy(5), plain}));
    EXPECT_EQ(names(fired), (std::vector<std::string>{"withdraw", "by-admin", "withdraw", "withdraw-not-admin"}));
    EXPECT_EQ(fired.back().evidence["parts"]["by-admin"], false);

    // Expressions must name match or watchlist detectors, and parse.
    DetectorSpec bad = e;
    bad.expression = "withdraw && nothing";
    EXPECT_NE(DetectorSet::make({withdraw, bad}).error().message.find("no detector 'nothing'"), std::string::npos);
    bad.expression = "withdraw &&";
    EXPECT_NE(DetectorSet::make({withdraw, bad}).error().message.find("column 12"), std::string::npos);
    DetectorSpec inv;
    inv.name = "inv";
    inv.kind = DetectorKind::invariant;
    inv.invariant = InvariantSpec{kVault, "solvent()(bool)", {}, ""};
    bad.expression = "inv";
    EXPECT_NE(DetectorSet::make({inv, bad}).error().message.find("a invariant detector"), std::string::npos);
}

TEST(DetectorSet, ExpressionGrammar) {
    auto e = DetectorExpression::parse("a || b && !c");
    ASSERT_TRUE(e.ok());
    EXPECT_EQ(e->names(), (std::vector<std::string>{"a", "b", "c"}));
    auto eval = [&](bool a, bool b, bool c) {
        bool v[] = {a, b, c};
        return e->evaluate([&](size_t i) { return v[i]; });
    };
    EXPECT_TRUE(eval(true, false, true));
    EXPECT_TRUE(eval(false, true, false));
    EXPECT_FALSE(eval(false, true, true));
    EXPECT_FALSE(DetectorExpression::parse("(a").ok());
    EXPECT_FALSE(DetectorExpression::parse("a b").ok());
    EXPECT_FALSE(DetectorExpression::parse(std::string(5000, '!') + "a").ok());
}

TEST(DetectorSet, WatchlistIgnoresAllowedSendersAndTheProxyHop) {
    DetectorSpec w;
    w.name = "upgrade";
    w.kind = DetectorKind::watchlist;
    w.watchlist = WatchlistSpec{kVault, {"upgradeToAndCall(address,bytes)", "withdraw(uint256)"}, {kAdmin}};
    auto set = DetectorSet::make({w});
    ASSERT_TRUE(set.ok()) << set.error().message;
    auto fired = set->evaluate(block_of(10, {attack_through_proxy(1)}));
    ASSERT_EQ(fired.size(), 1u);  // the attack contract's call; not again for the delegatecall
    EXPECT_EQ(fired[0].evidence["calls"].size(), 1u);
    EXPECT_EQ(fired[0].evidence["calls"][0]["from"], to_checksum(kAttack));
    TxTrace admin;
    admin.hash = hash(5);
    admin.from = kAdmin;
    admin.to = kVault;
    admin.input = call("upgradeToAndCall(address,bytes)", {kImpl, Bytes{}});
    admin.frames = top_frame(admin);
    admin.traced = true;
    EXPECT_TRUE(set->evaluate(block_of(11, {admin})).empty());
    admin.from = kThief;
    admin.frames = top_frame(admin);
    EXPECT_EQ(set->evaluate(block_of(12, {admin})).size(), 1u);
}

TEST(DetectorSet, OutflowPerTransactionBlockAndWindow) {
    auto outflow = [](std::string name, std::optional<Address> token, uint64_t threshold, OutflowSpec::Scope scope,
                      uint64_t window = 0) {
        DetectorSpec d;
        d.name = std::move(name);
        d.kind = DetectorKind::outflow;
        d.outflow = OutflowSpec{kVault, token, token ? "TKN" : "ETH", uint256(threshold), scope, window};
        return d;
    };
    using S = OutflowSpec::Scope;
    auto set = DetectorSet::make({outflow("eth-tx", std::nullopt, 100, S::transaction),
                                  outflow("tkn-block", kToken, 150, S::block),
                                  outflow("tkn-window", kToken, 250, S::window, 3)});
    ASSERT_TRUE(set.ok()) << set.error().message;
    // Block 20: 80 + 90 (ETH and tokens): no transaction above 100 ETH-wei, block above 150 tokens.
    auto f20 = set->evaluate(block_of(20, {attack_through_proxy(80, 1), attack_through_proxy(90, 2)}));
    EXPECT_EQ(names(f20), (std::vector<std::string>{"tkn-block"}));
    EXPECT_EQ(f20[0].evidence["values"]["amount"], "170");
    // Block 21: 101 in one transaction; window 170 + 101 = 271 > 250.
    auto f21 = set->evaluate(block_of(21, {attack_through_proxy(101, 3)}));
    EXPECT_EQ(names(f21), (std::vector<std::string>{"eth-tx", "tkn-window"}));
    EXPECT_EQ(f21[1].evidence["values"]["amount"], "271");
    // A reorg undoes block 21: the window holds 170 again, and 50 more stays below.
    set->rewind(21);
    auto f21b = set->evaluate(block_of(21, {attack_through_proxy(50, 4)}));
    EXPECT_TRUE(f21b.empty());
    // Block 24: the 3-block window is 22..24 now, holding 210 only.
    auto f24 = set->evaluate(block_of(24, {attack_through_proxy(210, 5)}));
    EXPECT_EQ(names(f24), (std::vector<std::string>{"eth-tx", "tkn-block"}));
    // Reverted frames move nothing.
    TxTrace reverted = attack_through_proxy(500, 6);
    for (auto& fr : reverted.frames) fr.reverted = true;
    reverted.logs.clear();
    EXPECT_TRUE(set->evaluate(block_of(30, {reverted})).empty());
    // Pending: transaction scope only.
    auto pending = set->evaluate_pending(attack_through_proxy(300, 7), 40);
    EXPECT_EQ(names(pending), (std::vector<std::string>{"eth-tx", "tkn-window"}));
    EXPECT_EQ(pending[0].stage, Firing::Stage::pending);
}

TEST(TxTrace, CallTracerFramesWithDelegatecallAndRevertedSubtree) {
    auto j = nlohmann::json::parse(R"({
      "type":"CALL","from":"0x2222222222222222222222222222222222222222","to":"0x2323232323232323232323232323232323232323",
      "input":"0x9e5faafc","value":"0x0",
      "calls":[
        {"type":"CALL","from":"0x2323232323232323232323232323232323232323","to":"0x1111111111111111111111111111111111111111",
         "input":"0x2e1a7d4d00000000000000000000000000000000000000000000000000000000000001f4","value":"0x0",
         "calls":[{"type":"DELEGATECALL","from":"0x1111111111111111111111111111111111111111",
                   "to":"0x1212121212121212121212121212121212121212",
                   "input":"0x2e1a7d4d00000000000000000000000000000000000000000000000000000000000001f4",
                   "calls":[{"type":"CALL","from":"0x1111111111111111111111111111111111111111",
                             "to":"0x2323232323232323232323232323232323232323","input":"0x","value":"0x1f4"}]}]},
        {"type":"CALL","from":"0x2323232323232323232323232323232323232323","to":"0x1111111111111111111111111111111111111111",
         "input":"0x","value":"0x0","error":"execution reverted",
         "calls":[{"type":"CALL","from":"0x1111111111111111111111111111111111111111",
                   "to":"0x2323232323232323232323232323232323232323","input":"0x","value":"0x64"}]}
      ]})");
    auto frames = parse_call_trace(j);
    ASSERT_TRUE(frames.ok()) << frames.error().message;
    ASSERT_EQ(frames->size(), 6u);
    const auto& d = (*frames)[2];
    EXPECT_TRUE(d.delegate);
    EXPECT_EQ(d.to, kVault);          // the proxy's storage
    EXPECT_EQ(d.code_address, kImpl); // the implementation's code
    EXPECT_EQ(d.depth, 2);
    EXPECT_TRUE((*frames)[5].reverted);  // below a failed frame
    TxTrace tx;
    tx.frames = *frames;
    tx.traced = true;
    EXPECT_EQ(eth_outflow(tx, kVault), uint256(500));  // the reverted 100 does not count
    EXPECT_TRUE(touches(tx, kImpl));
    EXPECT_FALSE(parse_call_trace(nlohmann::json::parse(R"({"from":"nope"})")).ok());
}

}  // namespace
}  // namespace suture::respond
