#include "verify/replay_spec.hpp"

#include <algorithm>
#include <charconv>
#include <filesystem>

#include "chain/chain_forks.hpp"
#include "chain/fork_backend.hpp"
#include "core/hex.hpp"
#include "solidity/load.hpp"
#include "verify/build_code.hpp"
#include "verify/replay_source.hpp"

namespace suture::verify {
namespace {

Result<uint64_t> parse_block_number(std::string_view text, const std::string& whole) {
    uint64_t v = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size())
        return usage_error("--blocks " + whole + ": expected A..B (block numbers)");
    return v;
}

Result<Bytes32> parse_tx_hash(const std::string& text) {
    auto b = from_hex(text);
    if (!b || b->size() != 32) return usage_error("--txs " + text + ": expected a 32-byte transaction hash (0x + 64 hex digits)");
    Bytes32 h;
    std::copy(b->begin(), b->end(), h.begin());
    return h;
}

}  // namespace

Result<std::pair<uint64_t, uint64_t>> parse_block_range(const std::string& text) {
    const size_t dots = text.find("..");
    SUTURE_TRY(a, parse_block_number(std::string_view(text).substr(0, dots), text));
    uint64_t b = a;
    if (dots != std::string::npos) {
        SUTURE_TRY(parsed, parse_block_number(std::string_view(text).substr(dots + 2), text));
        b = parsed;
    }
    if (b < a) return usage_error("--blocks " + text + ": the range ends before it starts");
    if (a == 0) return usage_error("--blocks " + text + ": block 0 has no state before it to fork");
    return std::make_pair(a, b);
}

Result<ReplayReport> run_replay_spec(const ReplaySpec& spec) {
    const int ranges = (spec.blocks.empty() ? 0 : 1) + (spec.txs.empty() ? 0 : 1) + (spec.last ? 1 : 0);
    if (ranges != 1) return usage_error("give exactly one range: --blocks A..B, --txs HASH,... or --last N");
    if (spec.build.empty() || spec.new_contract.empty()) return usage_error("--build and --new name the new implementation");
    if (spec.offline && spec.cache_path.empty()) return usage_error("--offline needs --fork-cache FILE");
    if (!spec.offline && spec.rpc_url.empty()) return usage_error("--rpc URL is needed (or --offline with --fork-cache)");
    if (spec.last && *spec.last == 0) return usage_error("--last: at least one block");

    ReplayReport report;
    report.target = spec.target;
    ReplayRequest req;
    req.target = spec.target;
    SUTURE_TRY(expected, expected_differences(spec.expect, spec.expect_file));
    req.expected = std::move(expected);

    SUTURE_TRY(set, solidity::load_build(spec.build));
    auto found = solidity::find_contract(set, spec.new_contract);
    if (!found) return std::move(found).error().context("--new " + spec.new_contract);
    const solidity::Contract& contract = *found->contract;
    SUTURE_TRY(code, creation_code(contract));
    req.abis.push_back(&contract.abi);
    for (const auto& b : set.builds)
        for (const auto& c : b.contracts)
            if (&c != &contract) req.abis.push_back(&c.abi);
    report.new_code = "proxy " + to_checksum(spec.target) + " switched to " + contract.name;

    // Arguments first: nothing is opened or created for a run that cannot start.
    std::optional<std::pair<uint64_t, uint64_t>> blocks;
    if (!spec.blocks.empty()) {
        SUTURE_TRY(range, parse_block_range(spec.blocks));
        blocks = range;
    }
    std::vector<Bytes32> named;
    for (const auto& t : spec.txs) {
        SUTURE_TRY(h, parse_tx_hash(t));
        named.push_back(h);
    }
    if (spec.offline && !std::filesystem::exists(spec.cache_path))
        return input_error("--fork-cache " + spec.cache_path + ": no such file (an offline replay reads a cache filled by a run with --rpc)");

    ReplaySourceOptions so;
    so.rpc_url = spec.offline ? std::string() : spec.rpc_url;
    so.rpc = spec.rpc;
    so.cache_path = spec.cache_path;
    SUTURE_TRY(source, ReplaySource::open(so));

    uint64_t first = 0, last = 0;
    if (blocks) {
        std::tie(first, last) = *blocks;
    } else if (spec.last) {
        SUTURE_TRY(latest, source->latest_block());
        if (*spec.last > latest) return usage_error("--last " + std::to_string(*spec.last) + ": the chain has " + std::to_string(latest) + " blocks after genesis");
        first = latest - *spec.last + 1;
        last = latest;
    } else {
        std::unordered_set<Bytes32, Bytes32Hash> only;
        first = UINT64_MAX;
        for (const Bytes32& h : named) {
            SUTURE_TRY(block, source->block_of_transaction(h));
            if (block == 0) return usage_error("--txs " + to_hex(h) + ": a genesis transaction has no state before it");
            first = std::min(first, block);
            last = std::max(last, block);
            only.insert(h);
        }
        req.only = std::move(only);
    }
    const std::string where = source->offline() ? "fork cache " + spec.cache_path : chain::redact_url(spec.rpc_url);
    report.history = "blocks " + std::to_string(first) + ".." + std::to_string(last) + " from " + where;

    chain::ForkOptions fo;
    fo.rpc_url = so.rpc_url;
    fo.block = first - 1;
    fo.chain_id = source->chain_id();
    fo.cache_path = spec.cache_path;
    fo.rpc = spec.rpc;
    SUTURE_TRY(fork, chain::ForkBackend::open(fo));
    // One fork's rules for the range: those of the block before it (a range
    // across a fork's activation runs under the earlier fork's rules).
    const chain::ChosenRevision rules = chain::choose_revision(fork->chain_id(), uint64_t(fork->block_env().timestamp), spec.hardfork);
    req.revision = rules.revision;
    req.install = implementation_installer(spec.target, req.revision, std::move(code));
    report.state = "fork of " + where + " at block " + std::to_string(fork->block_number()) + ", " + rules.why + " rules";

    req.start = fork->block_env();
    req.chain_id = fork->chain_id();
    req.total_blocks = last - first + 1;
    req.earlier_block_hash = req.start.block_hashes;
    chain::ForkBackend* f = fork.get();
    req.deferred_error = [f] { return f->deferred_error(); };
    ReplaySource* src = source.get();
    req.next_block = [src] { return src->next(); };
    req.on_progress = spec.on_progress;
    source->start(first, last);

    SUTURE_TRY(result, run_replay(*fork, req));
    report.result = std::move(result);
    report.rpc_requests = source->rpc_requests();
    report.cached_blocks = source->cache_reads();
    return report;
}

}  // namespace suture::verify
