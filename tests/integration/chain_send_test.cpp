// TxSender on a real anvil: transfers, deployment, reverts, wrong key, dead
// endpoint, concurrent nonces, replacement, confirmations and reorgs.
#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "chain/rpc_json.hpp"
#include "chain/tx_sender.hpp"
#include "core/hex.hpp"
#include "support/anvil.hpp"

namespace suture::chain {
namespace {

using test::Anvil;

// Creation code for `runtime` (at most 32 bytes): PUSHn runtime, PUSH1 0,
// MSTORE, then RETURN the right-aligned bytes.
Bytes init_code_for(const Bytes& runtime) {
    Bytes c = {static_cast<uint8_t>(0x5f + runtime.size())};
    c.insert(c.end(), runtime.begin(), runtime.end());
    c.insert(c.end(), {0x60, 0x00, 0x52, 0x60, static_cast<uint8_t>(runtime.size()), 0x60,
                       static_cast<uint8_t>(32 - runtime.size()), 0xf3});
    return c;
}

// Runtime code that reverts with Error("nope"), built as MSTOREs of the
// encoding (too long for init_code_for, so this one is deployed by an init
// code that CODECOPYs it).
Bytes reverting_runtime() {
    Bytes data = *from_hex(
        "0x08c379a0"
        "0000000000000000000000000000000000000000000000000000000000000020"
        "0000000000000000000000000000000000000000000000000000000000000004"
        "6e6f706500000000000000000000000000000000000000000000000000000000");
    Bytes code;
    for (size_t off = 0; off < data.size(); off += 32) {
        code.push_back(0x7f);
        for (size_t i = 0; i < 32; ++i) code.push_back(off + i < data.size() ? data[off + i] : 0);
        code.insert(code.end(), {0x60, static_cast<uint8_t>(off), 0x52});
    }
    code.insert(code.end(), {0x60, static_cast<uint8_t>(data.size()), 0x60, 0x00, 0xfd});
    return code;
}

Bytes codecopy_init(const Bytes& runtime) {
    // PUSH2 len, DUP1, PUSH1 off, PUSH1 0, CODECOPY, PUSH1 0, RETURN ; runtime
    const uint8_t header = 14;
    Bytes c = {0x61, static_cast<uint8_t>(runtime.size() >> 8), static_cast<uint8_t>(runtime.size()), 0x80, 0x60,
               header, 0x60, 0x00, 0x39, 0x60, 0x00, 0xf3};
    while (c.size() < header) c.push_back(0x00);
    c.insert(c.end(), runtime.begin(), runtime.end());
    return c;
}

class AnvilSend : public test::AnvilSuite {
protected:
    void SetUp() override {
        AnvilSuite::SetUp();
        rpc_ = &rpc();
        nonces_ = std::make_unique<NonceManager>(*rpc_);
        SendOptions o;
        o.poll_interval = std::chrono::milliseconds(20);
        o.timeout = std::chrono::seconds(20);
        sender_ = std::make_unique<TxSender>(*rpc_, *nonces_, o);
    }
    RpcClient* rpc_ = nullptr;
    std::unique_ptr<NonceManager> nonces_;
    std::unique_ptr<TxSender> sender_;
};

TEST_F(AnvilSend, Transfer) {
    SecretKey key = Anvil::dev_key(1);
    Address to;
    to.bytes[0] = 0x77;
    TxRequest req;
    req.to = to;
    req.value = uint256(1'000'000'000'000'000'000ULL);
    auto sent = sender_->send(req, key, key.address());
    ASSERT_TRUE(sent.ok()) << sent.error().message;
    EXPECT_TRUE(sent->receipt.status);
    EXPECT_EQ(sent->receipt.transaction_hash, sent->tx.hash);
    EXPECT_EQ(sent->receipt.from, key.address());
    auto bal = rpc_->get_balance(to);
    ASSERT_TRUE(bal.ok());
    EXPECT_EQ(*bal, req.value);
    // The node decodes our bytes to the same transaction.
    auto tx = rpc_->request("eth_getTransactionByHash", {to_hex(sent->tx.hash)});
    ASSERT_TRUE(tx.ok());
    EXPECT_EQ((*tx)["type"], "0x2");
    EXPECT_EQ((*tx)["nonce"], quantity(sent->tx.tx.nonce));
}

TEST_F(AnvilSend, DeployFromBytecodeAndCall) {
    SecretKey key = Anvil::dev_key(2);
    Bytes runtime = *from_hex("0x602a60005260206000f3");  // returns the word 42
    TxRequest req;
    req.data = init_code_for(runtime);
    auto sent = sender_->send(req, key, key.address());
    ASSERT_TRUE(sent.ok()) << sent.error().message;
    ASSERT_TRUE(sent->receipt.contract_address.has_value());
    Address c = *sent->receipt.contract_address;
    auto code = rpc_->get_code(c);
    ASSERT_TRUE(code.ok());
    EXPECT_EQ(*code, runtime);
    CallRequest call;
    call.to = c;
    auto out = rpc_->call(call);
    ASSERT_TRUE(out.ok()) << out.error().message;
    EXPECT_EQ(uint256::from_be(BytesView(*out)), uint256(42));
}

TEST_F(AnvilSend, RevertIsRefusedAtEstimationAndDecodedWhenMined) {
    SecretKey key = Anvil::dev_key(3);
    TxRequest deploy;
    deploy.data = codecopy_init(reverting_runtime());
    auto d = sender_->send(deploy, key, key.address());
    ASSERT_TRUE(d.ok()) << d.error().message;
    Address c = *d->receipt.contract_address;

    auto nonce_before = rpc_->get_transaction_count(key.address());
    ASSERT_TRUE(nonce_before.ok());
    TxRequest call;
    call.to = c;
    auto refused = sender_->send(call, key, key.address());
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().kind, ErrorKind::chain);
    EXPECT_NE(refused.error().message.find("Error(\"nope\")"), std::string::npos) << refused.error().message;
    EXPECT_NE(refused.error().message.find("gas estimation"), std::string::npos) << refused.error().message;
    EXPECT_EQ(*rpc_->get_transaction_count(key.address()), *nonce_before);  // nothing sent

    call.gas_limit = 100000;  // skip estimation: the transaction is mined and reverts
    auto mined = sender_->send(call, key, key.address());
    ASSERT_FALSE(mined.ok());
    EXPECT_NE(mined.error().message.find("reverted in block"), std::string::npos) << mined.error().message;
    EXPECT_NE(mined.error().message.find("Error(\"nope\")"), std::string::npos) << mined.error().message;
}

TEST_F(AnvilSend, WrongKeyIsRefusedBeforeSending) {
    SecretKey key = Anvil::dev_key(4);
    Address expected = Anvil::dev_address(5);
    auto before = rpc_->get_transaction_count(key.address());
    ASSERT_TRUE(before.ok());
    TxRequest req;
    req.to = expected;
    req.value = 1;
    auto r = sender_->send(req, key, expected);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::input);
    EXPECT_NE(r.error().message.find("not the expected sender"), std::string::npos) << r.error().message;
    EXPECT_NE(r.error().message.find(to_checksum(expected)), std::string::npos);
    EXPECT_EQ(*rpc_->get_transaction_count(key.address()), *before);
}

TEST_F(AnvilSend, DeadEndpointIsAChainErrorAndSendsNothing) {
    RpcOptions fast;
    fast.max_retries = 1;
    fast.initial_backoff = std::chrono::milliseconds(10);
    // A port anvil is not on (the suite's node stays untouched).
    RpcClient dead("http://127.0.0.1:1", fast);
    NonceManager nonces(dead);
    TxSender sender(dead, nonces);
    SecretKey key = Anvil::dev_key(6);
    auto before = rpc_->get_transaction_count(key.address());
    ASSERT_TRUE(before.ok());
    TxRequest req;
    req.to = Anvil::dev_address(7);
    req.value = 1;
    auto r = sender.send(req, key, key.address());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::chain);
    EXPECT_NE(r.error().message.find("eth_chainId"), std::string::npos) << r.error().message;
    EXPECT_EQ(*rpc_->get_transaction_count(key.address()), *before);
}

TEST_F(AnvilSend, ConcurrentSendersNeverShareANonce) {
    SecretKey key = Anvil::dev_key(8);
    const int threads = 4, per_thread = 4;
    std::vector<std::vector<uint64_t>> used(threads);
    std::vector<std::vector<Bytes32>> hashes(threads);
    std::vector<std::string> failures(threads);
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) {
        pool.emplace_back([&, t] {
            for (int i = 0; i < per_thread; ++i) {
                TxRequest req;
                req.to = Anvil::dev_address(9);
                req.value = uint256(uint64_t(1 + i));
                req.gas_limit = 21000;
                auto stx = sender_->prepare(req, key, key.address());
                if (!stx.ok()) { failures[t] = stx.error().message; return; }
                auto b = sender_->broadcast(*stx);
                if (!b.ok()) { failures[t] = b.error().message; return; }
                used[t].push_back(stx->tx.nonce);
                hashes[t].push_back(stx->hash);
            }
        });
    }
    for (auto& th : pool) th.join();
    std::set<uint64_t> all;
    for (int t = 0; t < threads; ++t) {
        EXPECT_TRUE(failures[t].empty()) << failures[t];
        all.insert(used[t].begin(), used[t].end());
    }
    EXPECT_EQ(all.size(), size_t(threads * per_thread));
    // Every one is mined (the node queues out-of-order nonces until the gap closes).
    for (const auto& hs : hashes)
        for (const auto& h : hs) {
            auto r = sender_->wait_for_receipt(h);
            ASSERT_TRUE(r.ok()) << r.error().message;
            EXPECT_TRUE(r->status);
        }
    auto count = rpc_->get_transaction_count(key.address(), BlockTag::latest());
    ASSERT_TRUE(count.ok());
    EXPECT_EQ(*count, *all.rbegin() + 1);
}

TEST_F(AnvilSend, StuckTransactionIsReplaced) {
    SecretKey key = Anvil::dev_key(0);
    ASSERT_TRUE(rpc_->anvil_set_automine(false).ok());
    TxRequest req;
    req.to = Anvil::dev_address(1);
    req.value = 5;
    req.gas_limit = 21000;
    auto fees = estimate_fees(*rpc_);
    ASSERT_TRUE(fees.ok()) << fees.error().message;
    req.fees = *fees;
    auto stuck = sender_->prepare(req, key, key.address());
    ASSERT_TRUE(stuck.ok()) << stuck.error().message;
    ASSERT_TRUE(sender_->broadcast(*stuck).ok());
    // Re-broadcasting the same bytes is harmless ("already known").
    auto again = sender_->broadcast(*stuck);
    EXPECT_TRUE(again.ok()) << again.error().message;
    auto replacement = sender_->prepare_replacement(*stuck, key);
    ASSERT_TRUE(replacement.ok()) << replacement.error().message;
    EXPECT_EQ(replacement->tx.nonce, stuck->tx.nonce);
    EXPECT_GE(replacement->tx.max_fee_per_gas * 100, stuck->tx.max_fee_per_gas * 110);
    EXPECT_GE(replacement->tx.max_priority_fee_per_gas * 100, stuck->tx.max_priority_fee_per_gas * 110);
    auto sent = sender_->broadcast(*replacement);
    ASSERT_TRUE(rpc_->anvil_mine(1).ok());
    ASSERT_TRUE(rpc_->anvil_set_automine(true).ok());
    ASSERT_TRUE(sent.ok()) << sent.error().message;
    auto receipt = sender_->wait_for_receipt(replacement->hash);
    ASSERT_TRUE(receipt.ok()) << receipt.error().message;
    EXPECT_TRUE(receipt->status);
    auto old = rpc_->get_transaction_receipt(stuck->hash);
    ASSERT_TRUE(old.ok());
    EXPECT_FALSE(old->has_value());
    // A bump below 10% is refused.
    EXPECT_FALSE(sender_->prepare_replacement(*stuck, key, 5).ok());
}

TEST_F(AnvilSend, WaitsForConfirmationsAndNoticesReorgs) {
    SecretKey key = Anvil::dev_key(5);
    auto snapshot = rpc_->evm_snapshot();
    ASSERT_TRUE(snapshot.ok());
    TxRequest req;
    req.to = Anvil::dev_address(2);
    req.value = 9;
    auto stx = sender_->prepare(req, key, key.address());
    ASSERT_TRUE(stx.ok()) << stx.error().message;
    ASSERT_TRUE(sender_->broadcast(*stx).ok());

    // Three confirmations need two more blocks: mine them from another thread.
    SendOptions o;
    o.confirmations = 3;
    o.poll_interval = std::chrono::milliseconds(20);
    o.timeout = std::chrono::seconds(20);
    TxSender deep(*rpc_, *nonces_, o);
    std::thread miner([url = node().url()] {
        RpcClient rpc(url);
        for (int i = 0; i < 2; ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
            (void)rpc.evm_mine();
        }
    });
    auto start = std::chrono::steady_clock::now();
    auto receipt = deep.wait_for_receipt(stx->hash);
    miner.join();
    ASSERT_TRUE(receipt.ok()) << receipt.error().message;
    EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(350));
    auto head = rpc_->block_number();
    ASSERT_TRUE(head.ok());
    EXPECT_GE(*head + 1, receipt->block_number + 3);
    auto canonical = receipt_is_canonical(*rpc_, *receipt);
    ASSERT_TRUE(canonical.ok() && *canonical);

    // Reorg: roll back past the transaction's block and build other blocks there.
    auto reverted = rpc_->evm_revert(*snapshot);
    ASSERT_TRUE(reverted.ok() && *reverted);
    ASSERT_TRUE(rpc_->evm_increase_time(7).ok());
    ASSERT_TRUE(rpc_->anvil_mine(3).ok());
    auto after = receipt_is_canonical(*rpc_, *receipt);
    ASSERT_TRUE(after.ok());
    EXPECT_FALSE(*after);
    // The transaction is gone: waiting times out with a clear message.
    SendOptions quick = o;
    quick.timeout = std::chrono::milliseconds(300);
    TxSender impatient(*rpc_, *nonces_, quick);
    auto gone = impatient.wait_for_receipt(stx->hash);
    ASSERT_FALSE(gone.ok());
    EXPECT_NE(gone.error().message.find(to_hex(stx->hash)), std::string::npos) << gone.error().message;
}

TEST_F(AnvilSend, LegacyTransactions) {
    SendOptions o;
    o.legacy = true;
    o.poll_interval = std::chrono::milliseconds(20);
    TxSender legacy(*rpc_, *nonces_, o);
    SecretKey key = Anvil::dev_key(7);
    TxRequest req;
    req.to = Anvil::dev_address(3);
    req.value = 3;
    auto sent = legacy.send(req, key, key.address());
    ASSERT_TRUE(sent.ok()) << sent.error().message;
    EXPECT_EQ(sent->tx.tx.type, TxType::legacy);
    EXPECT_EQ(sent->tx.tx.chain_id, Anvil::chain_id);  // EIP-155 protected
}

}  // namespace
}  // namespace suture::chain
