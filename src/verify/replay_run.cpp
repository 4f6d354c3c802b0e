#include "verify/replay_run.hpp"

#include <chrono>
#include <unordered_map>

#include "chain/chain_forks.hpp"
#include "core/hex.hpp"
#include "evm/analysis.hpp"
#include "evm/system_call.hpp"
#include "verify/replay_touch.hpp"

namespace suture::verify {
namespace {

// The rules refuse the transaction in this state: a difference (new run) or a
// fork mismatch (old run), not a failure of the replay.
bool is_refusal(const Error& e) {
    return e.kind == ErrorKind::input && e.message.rfind("invalid transaction:", 0) == 0;
}

std::string tx_where(uint64_t block, size_t index, const Bytes32& hash) {
    return "block " + std::to_string(block) + " transaction " + std::to_string(index) + " (" + to_hex(hash) + ")";
}

// Executes and commits one transaction on `state`.
Result<TxEffects> run_one(evm::OverlayBackend& state, evm::Revision rev, const evm::BlockEnv& env,
                          const evm::Transaction& tx, const evm::ExecOptions& options, const TargetTouchInspector& touch) {
    auto outcome = evm::execute_transaction(state, rev, env, tx, options);
    TxEffects e;
    if (!outcome) {
        if (!is_refusal(outcome.error())) return outcome.error();
        e.refused = outcome.error().message;
    } else {
        SUTURE_TRY(measured, measure_effects(state, env, tx, *outcome));
        e = std::move(measured);
        state.apply(outcome->diff);
    }
    e.touched = touch.touched();
    e.reentered = touch.reentered();
    e.entered = touch.entered();
    return e;
}

std::string selector_text(const abi::Selector& s, const AbiList& abis) {
    if (const abi::AbiEntry* f = function_entry(s, abis)) return f->canonical();
    return to_hex(BytesView(s.data(), s.size()));
}

// "withdraw()" for a direct call; "attack() -> deposit(), withdraw()" for one
// that enters the target inside (its functions in the order first entered);
// "plain transfer", "contract creation".
std::string function_label(const evm::Transaction& tx, const Address& target, const TxEffects& o, const TxEffects& n,
                           const AbiList& abis) {
    std::string top;
    if (!tx.to) top = "contract creation";
    else if (auto s = selector_of(tx.data)) top = selector_text(*s, abis);
    else top = tx.data.empty() ? "plain transfer" : "call";
    if (tx.to == target) return top;
    const auto& entered = !o.entered.empty() ? o.entered : n.entered;
    if (entered.empty()) return top + " to " + (tx.to ? to_checksum(*tx.to) : std::string("a new contract"));
    std::string inner;
    for (const abi::Selector& s : entered) inner += (inner.empty() ? "" : ", ") + selector_text(s, abis);
    return top + " -> " + inner;
}

bool reverted(const TxEffects& e) { return !e.executed || e.status != evm::StatusCode::success; }

}  // namespace

const char* replay_verdict_name(ReplayVerdict v) {
    switch (v) {
    case ReplayVerdict::identical: return "identical";
    case ReplayVerdict::expected_only: return "expected-differences-only";
    case ReplayVerdict::differences: return "differences";
    case ReplayVerdict::fork_mismatch: return "fork-mismatch";
    }
    return "differences";
}

Result<ReplayResult> run_replay(evm::StateBackend& base, const ReplayRequest& req) {
    if (!req.next_block) return usage_error("replay: no history");
    if (!req.install) return usage_error("replay: no new code to install");
    ReplayResult res;
    evm::OverlayBackend old_state(base);
    evm::OverlayBackend new_state(base);
    {
        evm::BlockEnv env = req.start;
        env.chain_id = uint256(req.chain_id);
        if (auto s = req.install(new_state, env); !s) return std::move(s).error().context("installing the new code");
    }
    TargetTouchInspector old_touch(req.target), new_touch(req.target);
    evm::AnalysisCache analysis;
    evm::ExecOptions old_opts, new_opts;
    old_opts.inspector = &old_touch;
    new_opts.inspector = &new_touch;
    old_opts.analysis = new_opts.analysis = &analysis;

    std::unordered_map<int64_t, Bytes32> hashes;  // replayed blocks
    std::unordered_set<Bytes32, Bytes32Hash> seen_only;
    const auto started = std::chrono::steady_clock::now();
    auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(); };
    uint64_t undeclared = 0;

    for (;;) {
        SUTURE_TRY(next, req.next_block());
        if (!next) break;
        const chain::HistoryBlock& block = *next;
        if (res.blocks == 0) res.first_block = block.number;
        res.last_block = block.number;
        evm::BlockEnv env = block.env;
        env.chain_id = uint256(req.chain_id);
        // EIP-7892: a BPO fork's blob parameters at the block's time (Osaka rules).
        if (req.revision >= evm::Revision::osaka)
            if (auto bpo = chain::blob_schedule_for(req.chain_id, uint64_t(env.timestamp)))
                env.blob_schedule = bpo->params;
        env.block_hashes = [&hashes, &req](int64_t n) -> Bytes32 {
            if (auto it = hashes.find(n); it != hashes.end()) return it->second;
            return req.earlier_block_hash ? req.earlier_block_hash(n) : Bytes32{};
        };
        // EIP-4788 and EIP-2935: the system calls the chain ran before the
        // block's first transaction, so a transaction reading the beacon
        // roots or the history contract sees what it saw on chain.
        const Bytes32 parent_hash = env.block_hashes(env.number - 1);
        for (evm::OverlayBackend* state : {&old_state, &new_state}) {
            auto pre = evm::pre_block_calls(*state, req.revision, env, parent_hash);
            if (!pre) return std::move(pre).error().context("block " + std::to_string(block.number) + ": the pre-block system calls");
            state->apply(*pre);
        }
        for (size_t i = 0; i < block.txs.size(); ++i) {
            const chain::HistoryTx& h = block.txs[i];
            const std::string where = tx_where(block.number, i, h.hash);
            old_touch.reset();
            new_touch.reset();
            auto old_eff = run_one(old_state, req.revision, env, h.tx, old_opts, old_touch);
            if (!old_eff) return std::move(old_eff).error().context(where + " on the old code");
            auto new_eff = run_one(new_state, req.revision, env, h.tx, new_opts, new_touch);
            if (!new_eff) return std::move(new_eff).error().context(where + " on the new code");
            if (req.deferred_error)
                if (auto e = req.deferred_error()) return std::move(*e).context(where);
            ++res.transactions;

            ++res.receipts_checked;
            if (auto m = receipt_mismatch(*old_eff, h.receipt, req.abis))
                res.mismatches.push_back({h.hash, block.number, *m});
            else
                ++res.receipts_matched;

            const TxEffects& o = *old_eff;
            const TxEffects& n = *new_eff;
            if (!o.touched && !n.touched) continue;
            ++res.touching;
            if (req.only) {
                if (!req.only->count(h.hash)) continue;
                seen_only.insert(h.hash);
            }
            ++res.compared;
            res.old_gas += o.gas_used;
            res.new_gas += n.gas_used;
            const abi::AbiEntry* function = nullptr;
            if (h.tx.to == req.target)
                if (auto s = selector_of(h.tx.data)) function = function_entry(*s, req.abis);
            auto items = compare_effects(o, n, req.abis, function);
            if (items.empty()) {
                ++res.identical;
                continue;
            }
            TxDifference d;
            d.hash = h.hash;
            d.block = block.number;
            d.sender = h.tx.sender;
            d.function = function_label(h.tx, req.target, o, n, req.abis);
            d.items = std::move(items);
            d.old_outcome = describe_outcome(o, req.abis, function);
            d.new_outcome = describe_outcome(n, req.abis, function);
            d.old_gas = o.gas_used;
            d.new_gas = n.gas_used;
            d.old_reentered = o.reentered;
            DifferenceFacts facts;
            facts.called = h.tx.to ? selector_of(h.tx.data) : std::nullopt;
            facts.entered = o.entered;
            for (const auto& s : n.entered)
                if (std::find(facts.entered.begin(), facts.entered.end(), s) == facts.entered.end()) facts.entered.push_back(s);
            facts.sender = h.tx.sender;
            facts.old_reentered = o.reentered;
            facts.old_reverted = reverted(o);
            facts.new_reverted = reverted(n);
            const Declaration decl = declare(req.expected, facts, o, n, req.abis, function);
            if (decl.rule) d.expected = *decl.rule;
            else d.beyond_bound = decl.breach_text();
            if (!d.expected) ++undeclared;
            res.differences.push_back(std::move(d));
        }
        hashes[int64_t(block.number)] = block.hash;
        ++res.blocks;
        if (req.on_progress) req.on_progress({res.blocks, req.total_blocks, res.transactions, undeclared, elapsed()});
    }
    res.seconds = elapsed();
    if (req.only)
        for (const Bytes32& h : *req.only)
            if (!seen_only.count(h)) res.not_found.push_back(h);

    for (const ReceiptMismatch& m : res.mismatches) {
        Finding f;
        f.code = "replay-fork-mismatch";
        f.message = "block " + std::to_string(m.block) + ": the old code's run disagrees with the chain's receipt (" +
                    m.what + "): the EVM or the fork is wrong, so the replay proves nothing";
        f.location.other = to_hex(m.hash);
        f.hint = "report it with the transaction hash; a replay over other blocks may still run";
        res.findings.push_back(std::move(f));
    }
    for (const TxDifference& d : res.differences) {
        Finding f;
        const DiffItem& first = d.items.front();
        f.code = d.expected ? "replay-expected-difference" : "replay-difference";
        f.severity = d.expected ? Severity::info : Severity::error;
        f.message = d.function + " by " + to_checksum(d.sender) + ": ";
        if (!d.beyond_bound.empty()) {
            f.message += d.beyond_bound;
        } else {
            f.message += first.what == "outcome" ? "old " + first.old_text + ", new " + first.new_text
                                                 : first.what + ": old " + first.old_text + ", new " + first.new_text;
            if (d.items.size() > 1) f.message += " (and " + std::to_string(d.items.size() - 1) + " more differences)";
        }
        f.location.other = to_hex(d.hash);
        if (d.expected) {
            f.suppressed = true;
            f.suppressed_by = d.expected->source + (d.expected->why.empty() ? "" : ": " + d.expected->why);
        } else {
            f.hint = d.beyond_bound.empty()
                         ? "if the patch means this, declare it (--expect function=...;sender=...;reentered;new_reverts;within=...)"
                         : "beyond what the declaration allows: the patch changes this amount more than by rounding";
        }
        res.findings.push_back(std::move(f));
    }
    for (const Bytes32& h : res.not_found) {
        Finding f;
        f.code = "replay-tx-not-compared";
        f.message = "transaction " + to_hex(h) + " was named but did not touch the target in either run";
        f.severity = Severity::warning;
        f.location.other = to_hex(h);
        res.findings.push_back(std::move(f));
    }
    if (!res.mismatches.empty()) res.verdict = ReplayVerdict::fork_mismatch;
    else if (undeclared) res.verdict = ReplayVerdict::differences;
    else if (!res.differences.empty()) res.verdict = ReplayVerdict::expected_only;
    else res.verdict = ReplayVerdict::identical;
    return res;
}

}  // namespace suture::verify
