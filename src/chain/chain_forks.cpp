#include "chain/chain_forks.hpp"

#include <array>

namespace suture::chain {
namespace {

struct Activation {
    uint64_t chain_id;
    uint64_t shanghai, cancun, prague, osaka;  // block timestamps
};

// Upgrade schedules: mainnet (1), Sepolia (11155111), Holesky (17000),
// Hoodi (560048, launched with Cancun at genesis).
constexpr std::array<Activation, 4> kChains = {{
    {1, 1681338455, 1710338135, 1746612311, 1764798551},
    {11155111, 1677557088, 1706655072, 1741159776, 1760427360},
    {17000, 1696000704, 1707305664, 1740434112, 1759308480},
    {560048, 0, 0, 1742999832, 1761677592},
}};

}  // namespace

std::optional<evm::Revision> revision_for(uint64_t chain_id, uint64_t timestamp) {
    for (const Activation& a : kChains) {
        if (a.chain_id != chain_id) continue;
        if (timestamp >= a.osaka) return evm::Revision::osaka;
        if (timestamp >= a.prague) return evm::Revision::prague;
        if (timestamp >= a.cancun) return evm::Revision::cancun;
        if (timestamp >= a.shanghai) return evm::Revision::shanghai;
        return std::nullopt;
    }
    return std::nullopt;
}

ChosenRevision choose_revision(uint64_t chain_id, uint64_t timestamp, std::optional<evm::Revision> override) {
    const std::string name = override ? std::string(evm::revision_name(*override)) : std::string();
    if (override) return {*override, name + " (chosen by the user)"};
    if (auto r = revision_for(chain_id, timestamp))
        return {*r, std::string(evm::revision_name(*r)) + " (chain " + std::to_string(chain_id) + " at block time " +
                        std::to_string(timestamp) + ")"};
    return {evm::Revision::cancun, "Cancun (the default: chain " + std::to_string(chain_id) +
                                       " has no known schedule at block time " + std::to_string(timestamp) + ")"};
}

}  // namespace suture::chain
