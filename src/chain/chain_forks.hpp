// Which fork's rules a block of a known chain runs under.
//
// Since the merge, Ethereum's forks activate at block timestamps; the table
// holds the activation times of Shanghai, Cancun, Prague and Osaka on
// mainnet, Sepolia, Holesky and Hoodi (from the forks' published upgrade
// schedules). A chain the table does not know (anvil's 31337, a private
// chain) has no answer here: the caller asks the node or the manifest
// (chains.<name>.hardfork), and otherwise keeps its default.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "chain/rpc_client.hpp"
#include "core/result.hpp"
#include "evm/revision.hpp"
#include "evm/transaction.hpp"

namespace suture::chain {

// The revision of a block at `timestamp` on chain `chain_id`; nullopt for an
// unknown chain, or a time before Shanghai (older forks activate by block
// number, which this table does not model).
std::optional<evm::Revision> revision_for(uint64_t chain_id, uint64_t timestamp);

// EIP-7892 blob-parameter-only forks: the blob parameters a block of
// `chain_id` at `timestamp` runs under when a BPO fork set them (mainnet's
// BPO1 at 1765290071: target 10, max 15, update fraction 8346193; BPO2 at
// 1767747671: 14, 21, 11684671; EIP-8134, EIP-8135). nullopt: the revision's
// own (evm::blob_params).
struct BlobSchedule {
    std::string name;  // "BPO1"
    evm::BlobParams params;
};
std::optional<BlobSchedule> blob_schedule_for(uint64_t chain_id, uint64_t timestamp);

// The fork a development node says it runs: anvil's anvil_nodeInfo
// "hardFork" ("Prague"; any case, "hardfork" also read). nullopt when the node does not answer
// the method (not anvil) or names a fork this build does not know; a
// transport failure is the client's error.
Result<std::optional<evm::Revision>> node_hardfork(RpcClient& rpc);

// The rules a gate runs a fork of `chain_id` under for a block at
// `timestamp`: `override` when the user gave one, else the table's answer,
// else what the node says it runs (`node_says`, e.g. anvil's anvil_nodeInfo
// hardfork: node_hardfork()), else Cancun (the project's default: anvil
// started with --hardfork cancun). From Osaka, a chain's BPO fork sets the
// blob parameters (for BlockEnv::blob_schedule). `why` says which, for the
// gate's output ("Prague (chain 1 at time ...)").
struct ChosenRevision {
    evm::Revision revision = evm::Revision::cancun;
    std::optional<evm::BlobParams> blob_schedule;
    std::string why;
};
ChosenRevision choose_revision(uint64_t chain_id, uint64_t timestamp, std::optional<evm::Revision> override = {},
                               std::optional<evm::Revision> node_says = {});

}  // namespace suture::chain
