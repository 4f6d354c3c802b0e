// The replay gate runs each block's pre-block system calls (EIP-4788 beacon
// root, EIP-2935 parent hash) before its transactions, so a transaction that
// reads those contracts sees what it saw on chain: the chain's receipt (its
// logs carry the values read) must match the old run.
#include <gtest/gtest.h>

#include "core/hex.hpp"
#include "core/keccak.hpp"
#include "evm/state_memory.hpp"
#include "evm/state_overlay.hpp"
#include "evm/system_call.hpp"
#include "verify/replay_run.hpp"

namespace suture::verify {
namespace {

// Logs the history contract's answer for NUMBER - 1, then the beacon roots
// contract's answer for TIMESTAMP (each a 32-byte LOG0).
Bytes reader_code() {
    const std::string history = "0000f90827f1c53a10cb7a02335b175320002935";
    const std::string beacon = "000f3df6d732807ef1319fb7b8bb8522d0beac02";
    return *from_hex("600143035f5260205f60205f5f73" + history + "5af15060205fa0" +  //
                     "425f5260205f60205f5f73" + beacon + "5af15060205fa000");
}

TEST(ReplaySystemCalls, TransactionsReadTheBeaconRootAndParentHashTheChainStored) {
    evm::MemoryBackend base;
    base.set_account(evm::kBeaconRootsAddress, 1, 0, evm::beacon_roots_code());
    base.set_account(evm::kHistoryStorageAddress, 1, 0, evm::history_storage_code());
    Address reader, sender;
    reader.bytes[19] = 0x77;
    sender.bytes[19] = 0x51;
    base.set_account(reader, 1, 0, reader_code());
    base.set_account(sender, 0, uint256(1'000'000'000'000'000ULL), {});

    const Bytes32 parent = keccak256("block 99"), root = keccak256("beacon root of block 100");
    chain::HistoryBlock block;
    block.number = 100;
    block.hash = keccak256("block 100");
    block.env.number = 100;
    block.env.timestamp = 1'750'000'000;
    block.env.gas_limit = 30'000'000;
    block.env.base_fee = 1;
    block.env.parent_beacon_root = root;
    chain::HistoryTx h;
    h.tx.type = evm::TxType::dynamic_fee;
    h.tx.sender = sender;
    h.tx.to = reader;
    h.tx.gas_limit = 200'000;
    h.tx.max_fee_per_gas = 1;
    h.hash = keccak256("tx");
    // The chain's receipt: both values read, as a node that ran the calls logged them.
    h.receipt.status = true;
    h.receipt.logs = {{reader, {}, Bytes(parent.begin(), parent.end()), 0}, {reader, {}, Bytes(root.begin(), root.end()), 1}};
    {  // its gas: the same transaction after the same calls
        evm::BlockEnv env = block.env;
        evm::OverlayBackend after(base);
        after.apply(evm::pre_block_calls(after, evm::Revision::prague, env, parent).value());
        h.receipt.gas_used = uint64_t(evm::execute_transaction(after, evm::Revision::prague, env, h.tx).value().receipt.gas_used);
    }
    block.txs.push_back(h);

    ReplayRequest req;
    req.target = reader;
    req.revision = evm::Revision::prague;
    req.chain_id = 1;
    bool given = false;
    req.next_block = [&]() -> Result<std::optional<chain::HistoryBlock>> {
        if (given) return std::optional<chain::HistoryBlock>{};
        given = true;
        return std::optional<chain::HistoryBlock>(block);
    };
    req.earlier_block_hash = [&](int64_t n) { return n == 99 ? parent : Bytes32{}; };
    req.install = [](evm::OverlayBackend&, const evm::BlockEnv&) { return Status{}; };
    auto res = run_replay(base, req);
    ASSERT_TRUE(res) << res.error().message;
    EXPECT_EQ(res->receipts_matched, 1u);
    for (const auto& m : res->mismatches) ADD_FAILURE() << m.what;
    EXPECT_EQ(res->verdict, ReplayVerdict::identical);
}

}  // namespace
}  // namespace suture::verify
