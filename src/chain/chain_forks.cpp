#include "chain/chain_forks.hpp"

#include <array>
#include <cctype>

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

struct BpoFork {
    uint64_t chain_id;
    uint64_t time;
    const char* name;
    evm::BlobParams params;
};

// EIP-7892 BPO forks, newest last per chain (mainnet: EIP-8134, EIP-8135).
constexpr std::array<BpoFork, 2> kBpoForks = {{
    {1, 1765290071, "BPO1", {10, 15, 8346193}},
    {1, 1767747671, "BPO2", {14, 21, 11684671}},
}};

}  // namespace

std::optional<BlobSchedule> blob_schedule_for(uint64_t chain_id, uint64_t timestamp) {
    std::optional<BlobSchedule> found;
    for (const BpoFork& f : kBpoForks)
        if (f.chain_id == chain_id && timestamp >= f.time) found = BlobSchedule{f.name, f.params};
    return found;
}

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

Result<std::optional<evm::Revision>> node_hardfork(RpcClient& rpc) {
    SUTURE_TRY(r, rpc.request_raw("anvil_nodeInfo"));
    // anvil answers {"hardFork": "Prague", ...}.
    const char* key = r.result.is_object() && r.result.contains("hardFork") ? "hardFork" : "hardfork";
    if (r.error || !r.result.is_object() || !r.result.contains(key) || !r.result[key].is_string())
        return std::optional<evm::Revision>{};
    const std::string said = r.result[key].get<std::string>();
    for (int i = 0; i <= int(evm::Revision::osaka); ++i) {
        const std::string_view name = evm::revision_name(evm::Revision(i));
        if (name.size() == said.size() &&
            std::equal(name.begin(), name.end(), said.begin(), [](char a, char b) { return std::tolower(a) == std::tolower(b); }))
            return std::optional<evm::Revision>(evm::Revision(i));
    }
    return std::optional<evm::Revision>{};
}

ChosenRevision choose_revision(uint64_t chain_id, uint64_t timestamp, std::optional<evm::Revision> override,
                               std::optional<evm::Revision> node_says) {
    ChosenRevision c;
    const std::string at = " at block time " + std::to_string(timestamp);
    if (override) {
        c.revision = *override;
        c.why = std::string(evm::revision_name(*override)) + " (chosen by the user)";
    } else if (auto r = revision_for(chain_id, timestamp)) {
        c.revision = *r;
        c.why = std::string(evm::revision_name(*r)) + " (chain " + std::to_string(chain_id) + at + ")";
    } else if (node_says) {
        c.revision = *node_says;
        c.why = std::string(evm::revision_name(*node_says)) + " (the node's hardfork: chain " + std::to_string(chain_id) +
                " has no known schedule)";
    } else {
        c.revision = evm::Revision::cancun;
        c.why = "Cancun (the default: chain " + std::to_string(chain_id) + " has no known schedule" + at + ")";
    }
    if (c.revision >= evm::Revision::osaka)
        if (auto bpo = blob_schedule_for(chain_id, timestamp)) {
            c.blob_schedule = bpo->params;
            c.why += ", " + bpo->name + " blob parameters";
        }
    return c;
}

}  // namespace suture::chain
