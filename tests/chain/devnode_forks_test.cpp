// The in-process node under Prague and Osaka rules (issue 18): the next
// block's excess blob gas with EIP-7918's bound, the pre-block system calls
// (EIP-4788, EIP-2935) and the post-block requests (EIP-7002/7251, the
// header's EIP-7685 requests hash) in every mined block, and EIP-7702
// set-code transactions taken, executed and kept across a reload.
#include <gtest/gtest.h>

#include "chain/devnet.hpp"
#include "chain/devnode/block_seal.hpp"
#include "chain/devnode/dev_chain.hpp"
#include "chain/devnode/dev_node.hpp"
#include "chain/transaction.hpp"
#include "core/hex.hpp"
#include "core/keccak.hpp"
#include "evm/set_code.hpp"
#include "evm/system_call.hpp"

namespace suture::chain {
namespace {

constexpr uint64_t kBlob = evm::kBlobGasPerBlob;
const uint256 kGwei = uint256(1'000'000'000);

LocalState devnet(evm::Revision rev) {
    DevnetOptions options;
    options.accounts = 3;
    LocalState s = new_devnet(options).value();
    s.revision = rev;
    return s;
}

void deploy_system_contracts(LocalState& s) {
    s.accounts.set_account(evm::kBeaconRootsAddress, 1, 0, evm::beacon_roots_code());
    s.accounts.set_account(evm::kHistoryStorageAddress, 1, 0, evm::history_storage_code());
    s.accounts.set_account(evm::kWithdrawalQueueAddress, 1, 0, evm::withdrawal_queue_code());
    s.accounts.set_account(evm::kConsolidationQueueAddress, 1, 0, evm::consolidation_queue_code());
}

ChainTx signed_tx(Transaction tx, uint32_t from) {
    const SignedTransaction stx = sign_transaction(tx, dev_key(from).value()).value();
    ChainTx t;
    t.tx = to_evm(stx).value();
    t.chain_id = tx.chain_id;
    t.raw = stx.raw;
    t.hash = stx.hash;
    return t;
}

Transaction dynamic_fee(uint64_t nonce, const Address& to, Bytes data, uint256 value = {}) {
    Transaction tx;
    tx.type = TxType::dynamic_fee;
    tx.chain_id = 1337;
    tx.nonce = nonce;
    tx.max_priority_fee_per_gas = kGwei;
    tx.max_fee_per_gas = kGwei * uint256(10);
    tx.gas_limit = 200'000;
    tx.to = to;
    tx.value = value;
    tx.data = std::move(data);
    return tx;
}

// EIP-7918's calc_excess_blob_gas on a parent without blobs (the node takes
// no blob transactions): while BLOB_BASE_COST * base fee exceeds
// GAS_PER_BLOB * blob base fee, the excess stays (+ 0 * (max - target) / max);
// otherwise it falls by the target, as under EIP-4844.
TEST(DevNodeForks, OsakaKeepsTheExcessBlobGasWhileBlobsAreCheaperThanExecution) {
    for (const auto& [rev, base_fee, expected] : std::vector<std::tuple<evm::Revision, uint256, uint64_t>>{
             {evm::Revision::prague, kGwei, 4 * kBlob},      // 10 - target 6
             {evm::Revision::osaka, kGwei, 10 * kBlob},      // 8192 * 1 gwei > 131072 * 1 wei: bounded
             {evm::Revision::osaka, uint256(1), 4 * kBlob},  // 8192 * 1 wei < 131072 * 1 wei: EIP-4844's rule
             {evm::Revision::cancun, kGwei, 7 * kBlob}}) {   // 10 - target 3
        LocalState s = devnet(rev);
        s.block.excess_blob_gas = 10 * kBlob;
        s.block.base_fee = base_fee;
        DevChain chain(std::move(s));
        ASSERT_TRUE(chain.mine(1).ok());
        EXPECT_EQ(chain.latest().excess_blob_gas, expected) << evm::revision_name(rev) << " base fee " << base_fee.to_dec();
    }
}

TEST(DevNodeForks, EveryBlockRunsThePreBlockSystemCalls) {
    LocalState s = devnet(evm::Revision::prague);
    deploy_system_contracts(s);
    DevChain chain(std::move(s));
    ASSERT_TRUE(chain.mine(2).ok());
    for (uint64_t n : {1, 2}) {
        const ChainBlock& b = *chain.block(n);
        const ChainBlock& parent = *chain.block(n - 1);
        auto state = chain.state_at(n);
        // EIP-2935: the parent's hash at (n - 1) % 8191.
        EXPECT_EQ(state->storage(evm::kHistoryStorageAddress, uint256(n - 1)).value(), uint256::from_bytes32(parent.hash));
        // EIP-4788: the block's timestamp at timestamp % 8191 (its root, zero, after it).
        EXPECT_EQ(state->storage(evm::kBeaconRootsAddress, uint256(b.timestamp % evm::kBeaconRootsBufferLength)).value(),
                  uint256(b.timestamp));
        EXPECT_EQ(b.requests_hash, kNoRequestsHash);
        EXPECT_EQ(keccak256(header_rlp(b, evm::Revision::prague)), b.hash);
    }
    // Cancun: the beacon root only.
    LocalState c = devnet(evm::Revision::cancun);
    deploy_system_contracts(c);
    DevChain cancun(std::move(c));
    ASSERT_TRUE(cancun.mine(1).ok());
    auto after = cancun.state_at(1);
    EXPECT_EQ(after->storage(evm::kHistoryStorageAddress, uint256(0)).value(), uint256{});
    EXPECT_EQ(after->storage(evm::kBeaconRootsAddress, uint256(cancun.latest().timestamp % 8191)).value(),
              uint256(cancun.latest().timestamp));
}

TEST(DevNodeForks, AWithdrawalRequestIsDequeuedIntoTheBlocksRequestsHash) {
    LocalState s = devnet(evm::Revision::prague);
    deploy_system_contracts(s);
    DevChain chain(std::move(s));
    Bytes request(48, 0xab);
    const Bytes amount = {0, 0, 0, 0, 0x3b, 0x9a, 0xca, 0x00};
    request.insert(request.end(), amount.begin(), amount.end());
    ChainTx tx = signed_tx(dynamic_fee(0, evm::kWithdrawalQueueAddress, request, uint256(1)), 0);
    ASSERT_FALSE(chain.submit(tx));
    const ChainBlock& b = chain.latest();
    ASSERT_EQ(b.txs.size(), 1u);
    ASSERT_TRUE(b.receipts[0].success);
    // Type 1: source address, pubkey, amount little-endian (EIP-7002's output).
    Bytes expected = {0x01};
    const Address source = dev_key(0).value().address();
    expected.insert(expected.end(), source.bytes.begin(), source.bytes.end());
    expected.insert(expected.end(), request.begin(), request.begin() + 48);
    expected.insert(expected.end(), amount.rbegin(), amount.rend());
    EXPECT_EQ(b.requests_hash, evm::requests_hash({expected}));
    EXPECT_NE(b.requests_hash, kNoRequestsHash);
    EXPECT_EQ(keccak256(header_rlp(b, evm::Revision::prague)), b.hash);
    // Dequeued in its own block: the next block has none.
    ASSERT_TRUE(chain.mine(1).ok());
    EXPECT_EQ(chain.latest().requests_hash, kNoRequestsHash);
    // The state file keeps the requests hash.
    auto reloaded = decode_state_file(encode_state_file(chain.state()), "devnode");
    ASSERT_TRUE(reloaded.ok()) << reloaded.error().message;
    const auto& blocks = reloaded->history.blocks;
    EXPECT_EQ(blocks[blocks.size() - 2].requests_hash, evm::requests_hash({expected}));
    EXPECT_EQ(blocks.back().requests_hash, kNoRequestsHash);
}

// A set-code transaction from dev key 0 delegating dev key 1 to a contract
// that returns 42, then a call to dev key 1 running the delegate's code.
TEST(DevNodeForks, SetCodeTransactionsRunUnderPragueAndSurviveAReload) {
    LocalState s = devnet(evm::Revision::prague);
    Address delegate;
    delegate.bytes[19] = 0xde;
    s.accounts.set_account(delegate, 1, 0, *from_hex("602a5f5260205ff3"));  // return 42
    DevChain chain(std::move(s));
    const Address authority = dev_key(1).value().address();
    Transaction tx = dynamic_fee(0, authority, {});
    tx.type = TxType::set_code;
    tx.authorization_list = {sign_authorization(1337, delegate, 0, dev_key(1).value())};
    ChainTx t = signed_tx(tx, 0);
    ASSERT_FALSE(chain.submit(t));
    ASSERT_TRUE(chain.latest().receipts.at(0).success);
    const auto* acc = chain.state().accounts.find(authority);
    ASSERT_TRUE(acc);
    EXPECT_EQ(acc->nonce, 1u);  // the authorization bumped the authority's nonce
    auto code = chain.mutable_state().accounts.code(acc->code_hash);
    ASSERT_TRUE(code.ok());
    Bytes designator = {0xef, 0x01, 0x00};
    designator.insert(designator.end(), delegate.bytes.begin(), delegate.bytes.end());
    EXPECT_EQ(**code, designator);

    // The kept block round-trips through the state file with its authorization list.
    auto reloaded = decode_state_file(encode_state_file(chain.state()), "devnode");
    ASSERT_TRUE(reloaded.ok()) << reloaded.error().message;
    const ChainTx& kept = reloaded->history.blocks.back().txs.at(0);
    EXPECT_EQ(kept.tx.type, evm::TxType::set_code);
    EXPECT_EQ(kept.tx.authorization_list, tx.authorization_list);
    EXPECT_EQ(reloaded->history.blocks.back().hash, chain.latest().hash);
}

TEST(DevNodeForks, SetCodeTransactionsAreRefusedBeforePrague) {
    DevChain chain(devnet(evm::Revision::cancun));
    Address delegate;
    delegate.bytes[19] = 0xde;
    Transaction tx = dynamic_fee(0, dev_key(1).value().address(), {});
    tx.type = TxType::set_code;
    tx.authorization_list = {sign_authorization(1337, delegate, 0, dev_key(1).value())};
    auto refused = chain.submit(signed_tx(tx, 0));
    ASSERT_TRUE(refused);
    EXPECT_NE(refused->message.find("Prague"), std::string::npos) << refused->message;
}

// EIP-7934: six 1.5 MB transactions (15 M gas each, under EIP-7825's cap)
// fit one block of 200 M gas under Prague; under Osaka the sixth would
// take the block's RLP past 8 MiB and waits for the next block.
TEST(DevNodeForks, OsakaBlocksStayWithinTheRlpSizeLimit) {
    for (const evm::Revision rev : {evm::Revision::prague, evm::Revision::osaka}) {
        LocalState s = devnet(rev);
        s.block.gas_limit = 200'000'000;
        DevChain chain(std::move(s));
        chain.set_automine(false);
        const Address to = dev_key(2).value().address();
        for (uint64_t nonce = 0; nonce < 6; ++nonce) {
            Transaction tx = dynamic_fee(nonce, to, Bytes(1'500'000, 0));
            tx.gas_limit = 15'100'000;
            ASSERT_FALSE(chain.submit(signed_tx(tx, 0)));
        }
        ASSERT_TRUE(chain.mine(1).ok());
        const size_t first = chain.latest().txs.size();
        if (rev == evm::Revision::osaka)
            EXPECT_LE(block_rlp_size(chain.latest(), rev), kMaxRlpBlockSize);
        else
            EXPECT_GT(block_rlp_size(chain.latest(), rev), kMaxRlpBlockSize);  // Prague has no limit
        EXPECT_EQ(first, rev == evm::Revision::osaka ? 5u : 6u) << evm::revision_name(rev);
        ASSERT_TRUE(chain.mine(1).ok());
        EXPECT_EQ(chain.latest().txs.size(), 6u - first);
    }
    // A transaction no block can hold is refused at the door (here: a 9 MB
    // one under a gas limit that would take it).
    LocalState s = devnet(evm::Revision::osaka);
    s.block.gas_limit = 2'000'000'000;
    DevChain chain(std::move(s));
    Transaction big = dynamic_fee(0, dev_key(2).value().address(), Bytes(9'000'000, 0));
    big.gas_limit = 16'000'000;
    auto refused = chain.submit(signed_tx(big, 0));
    ASSERT_TRUE(refused);
    EXPECT_NE(refused->message.find("EIP-7934"), std::string::npos) << refused->message;
}

}  // namespace
}  // namespace suture::chain
