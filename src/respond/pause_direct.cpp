// The guardian route of pause.hpp: sign every target's call first
// (consecutive nonces), broadcast them together, then wait for them
// together, replacing any that sits in the pool past replace_after.
#include <thread>

#include "chain/fees.hpp"
#include "chain/nonce_manager.hpp"
#include "chain/tx_sender.hpp"
#include "core/hex.hpp"
#include "respond/pause.hpp"
#include "respond/pause_plan.hpp"
#include "upgrade/proxy_rpc_view.hpp"

namespace suture::respond {
namespace {

using Clock = std::chrono::steady_clock;

// The node's fee estimate with the tip raised for fast inclusion; the max
// fee keeps its headroom over the base fee.
Result<chain::Fees> urgent_fees(chain::RpcClient& rpc, const PauseRequest& req) {
    SUTURE_TRY(fees, chain::estimate_fees(rpc));
    uint256 tip = fees.max_priority_fee_per_gas * uint256(req.tip_multiplier_percent) / uint256(100);
    if (tip < req.min_tip) tip = req.min_tip;
    if (tip > fees.max_priority_fee_per_gas) fees.max_fee_per_gas += tip - fees.max_priority_fee_per_gas;
    fees.max_priority_fee_per_gas = tip;
    return fees;
}

// One target on its way: every version signed (the first, then
// replacements), any of which may be the one mined.
struct InFlight {
    size_t index = 0;  // into the outcomes
    std::vector<chain::SignedTransaction> versions;
    Clock::time_point first_sent, last_sent;
};

// The receipt of whichever version was mined, if any.
Result<std::optional<chain::Receipt>> mined_version(chain::RpcClient& rpc, const InFlight& f) {
    for (auto it = f.versions.rbegin(); it != f.versions.rend(); ++it) {
        SUTURE_TRY(r, rpc.get_transaction_receipt(it->hash));
        if (r) return r;
    }
    return std::optional<chain::Receipt>();
}

}  // namespace

Result<std::vector<PauseOutcome>> pause_direct(chain::RpcClient& rpc, const PauseRequest& req,
                                               const chain::SecretKey& guardian) {
    const Address sender = guardian.address();
    upgrade::RpcChainView view(rpc);
    chain::NonceManager nonces(rpc);
    chain::SendOptions send_options;
    send_options.poll_interval = req.poll_interval;
    chain::TxSender tx_sender(rpc, nonces, send_options);
    SUTURE_TRY(fees, urgent_fees(rpc, req));

    std::vector<PauseOutcome> out;
    std::vector<InFlight> flying;
    // Plan and sign everything before the first broadcast: the transactions
    // then leave together and take consecutive nonces.
    for (const auto& target : req.targets) {
        auto plan = plan_pause(view, req, target, sender);
        out.push_back(outcome_of(req, target, plan));
        if (!plan) continue;
        if (plan->already) continue;
        chain::TxRequest tx;
        tx.to = target;
        tx.data = plan->data;
        tx.fees = fees;
        auto signed_tx = tx_sender.prepare(tx, guardian, sender);
        if (!signed_tx) {
            out.back().error = signed_tx.error();
            continue;
        }
        out.back().nonce = signed_tx->tx.nonce;
        flying.push_back({out.size() - 1, {std::move(*signed_tx)}, {}, {}});
    }
    for (auto& f : flying) {
        if (req.before_send &&
            !req.before_send(out[f.index].target, f.versions.front().hash, f.versions.front().tx.nonce, 0)) {
            out[f.index].error = chain_error(to_checksum(out[f.index].target) +
                                             ": not sent: the pause was claimed by another sender");
            f.versions.clear();
            continue;
        }
        auto sent = tx_sender.broadcast(f.versions.front());
        f.first_sent = f.last_sent = Clock::now();
        if (!sent) {
            out[f.index].error = sent.error();
            f.versions.clear();
            continue;
        }
        if (req.on_sent) req.on_sent(out[f.index].target, f.versions.front().hash, 0);
    }
    std::erase_if(flying, [](const InFlight& f) { return f.versions.empty(); });

    while (!flying.empty()) {
        for (auto it = flying.begin(); it != flying.end();) {
            PauseOutcome& o = out[it->index];
            auto receipt = mined_version(rpc, *it);
            std::optional<Error> failed;
            bool finished = false;
            if (!receipt) {
                // A node error while polling: keep trying until the timeout.
                if (Clock::now() - it->first_sent > req.timeout) failed = receipt.error();
            } else if (*receipt) {
                const auto& r = **receipt;
                o.tx_hash = r.transaction_hash;
                o.block = r.block_number;
                finished = true;
                if (!r.status) {
                    const auto& mined = *std::find_if(it->versions.begin(), it->versions.end(),
                                                      [&](const auto& v) { return v.hash == r.transaction_hash; });
                    failed = tx_sender.reverted_error(mined, r, nullptr);
                } else if (auto v = verify_paused(view, req, o.target); !v) {
                    failed = v.error();
                } else {
                    o.status = PauseOutcome::Status::done;
                }
            } else if (Clock::now() - it->first_sent > req.timeout) {
                failed = chain_error(to_checksum(o.target) + ": " + o.function + " not mined within " +
                                     std::to_string(req.timeout.count() / 1000) + " s (last transaction " +
                                     to_hex(it->versions.back().hash) + ")");
            } else if (Clock::now() - it->last_sent >= req.replace_after && o.replacements < req.max_replacements) {
                auto next = tx_sender.prepare_replacement(it->versions.back(), guardian, req.replace_bump_percent);
                if (next && req.before_send && !req.before_send(o.target, next->hash, next->tx.nonce, o.replacements + 1))
                    next = chain_error("the replacement was not recorded as this sender's");
                Status sent = next ? tx_sender.broadcast(*next) : Status(next.error());
                it->last_sent = Clock::now();
                // A replacement the node refuses leaves the earlier version
                // in the pool: keep waiting for that one.
                if (sent) {
                    it->versions.push_back(std::move(*next));
                    ++o.replacements;
                    if (req.on_sent) req.on_sent(o.target, it->versions.back().hash, o.replacements);
                }
            }
            if (failed) o.error = *failed;
            if (failed || finished) it = flying.erase(it);
            else ++it;
        }
        if (!flying.empty()) std::this_thread::sleep_for(req.poll_interval);
    }
    return out;
}

}  // namespace suture::respond
