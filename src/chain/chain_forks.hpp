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

#include "evm/revision.hpp"

namespace suture::chain {

// The revision of a block at `timestamp` on chain `chain_id`; nullopt for an
// unknown chain, or a time before Shanghai (older forks activate by block
// number, which this table does not model).
std::optional<evm::Revision> revision_for(uint64_t chain_id, uint64_t timestamp);

// The rules a gate runs a fork of `chain_id` under for a block at
// `timestamp`: `override` when the user gave one, else the table's answer,
// else Cancun (the project's default: anvil started with --hardfork cancun).
// `why` says which, for the gate's output ("Prague (chain 1 at time ...)").
struct ChosenRevision {
    evm::Revision revision = evm::Revision::cancun;
    std::string why;
};
ChosenRevision choose_revision(uint64_t chain_id, uint64_t timestamp, std::optional<evm::Revision> override = {});

}  // namespace suture::chain
