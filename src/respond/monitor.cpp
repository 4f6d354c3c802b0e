// The monitor's loop (monitor.hpp): blocks in order through the block
// tracker, detectors over each, firings deduplicated, pauses claimed once,
// notifications sent; pending transactions pre-executed on a fork.
#include "respond/monitor.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <future>
#include <map>
#include <set>
#include <thread>

#include "chain/rpc_history.hpp"
#include "chain/rpc_json.hpp"
#include "core/atomic_file.hpp"
#include "core/hex.hpp"
#include "respond/block_fetch.hpp"
#include "respond/block_tracker.hpp"
#include "respond/chain_feed.hpp"
#include "respond/detector_set.hpp"
#include "respond/fork_execution.hpp"
#include "respond/monitor_ledger.hpp"
#include "respond/state_checks.hpp"
#include "respond/state_reads.hpp"
#include "upgrade/proxy_rpc_view.hpp"

namespace suture::respond {

using Clock = std::chrono::steady_clock;
using json = nlohmann::json;

const char* firing_stage_name(Firing::Stage s) { return s == Firing::Stage::mined ? "mined" : "pending"; }

const char* monitor_event_name(MonitorEvent::Kind k) {
    using K = MonitorEvent::Kind;
    switch (k) {
        case K::block: return "block";
        case K::reorg: return "reorg";
        case K::firing: return "firing";
        case K::pause_sent: return "pause";
        case K::pause_skipped: return "pause-skipped";
        case K::notified: return "notified";
        case K::notify_failed: return "notify-failed";
        case K::node_error: return "node-error";
        case K::failover: return "failover";
        case K::pending: return "pending";
        case K::subscribed: return "subscribed";
        case K::subscription_lost: return "subscription-lost";
    }
    return "?";
}

Result<std::optional<MonitorCheckpoint>> read_checkpoint(const std::string& path) {
    std::ifstream in(path);
    if (!in) return std::optional<MonitorCheckpoint>();
    json j = json::parse(in, nullptr, false);
    const std::string where = "monitor state file " + path;
    if (!j.is_object() || !j.contains("block") || !j["block"].is_number_unsigned() || !j.contains("hash"))
        return input_error(where + ": expected {\"block\": N, \"hash\": \"0x..\"}");
    auto hash = chain::parse_bytes32(j["hash"], "hash");
    if (!hash) return input_error(where + ": " + hash.error().message);
    return std::optional<MonitorCheckpoint>(MonitorCheckpoint{j["block"].get<uint64_t>(), *hash});
}

Status write_checkpoint(const std::string& path, const MonitorCheckpoint& c) {
    std::string text = json{{"block", c.block}, {"hash", to_hex(c.hash)}}.dump() + "\n";
    return write_file_atomically(path, BytesView(reinterpret_cast<const uint8_t*>(text.data()), text.size()));
}

PauseFn make_guardian_pause(chain::RpcClient& rpc, const chain::SecretKey& guardian, PauseRequest base) {
    return [&rpc, &guardian, base](const PauseCall& call) -> Result<std::vector<PauseOutcome>> {
        PauseRequest req = base;
        req.action = PauseAction::pause;
        req.targets = call.targets;
        // Above the pending transaction's tip: ordered by tip, the pause goes first.
        if (call.beat_tip && !(req.min_tip > *call.beat_tip)) req.min_tip = *call.beat_tip * uint256(2) + uint256(1);
        if (call.before_send) {
            req.before_send = [mine = call.before_send, theirs = base.before_send](const Address& t, const Bytes32& h,
                                                                                  uint64_t n, unsigned a) {
                return mine(t, h, n, a) && (!theirs || theirs(t, h, n, a));
            };
        }
        return pause_direct(call.rpc ? *call.rpc : rpc, req, guardian);
    };
}

struct Monitor::Impl {
    std::vector<chain::RpcClient*> rpcs;
    size_t active = 0;
    MonitorSpec spec;
    MonitorHooks hooks;
    DetectorSet detectors;
    BlockTracker tracker;
    TraceMode trace_mode = TraceMode::none;
    // What the invariant and slot detectors read at each block (fetched with the blocks).
    std::vector<StateRead> state_reads;
    std::optional<MonitorCheckpoint> position;
    std::optional<MonitorLedger> ledger;
    std::set<std::string, std::less<>> fired;  // keys reported by this process
    std::set<Address> paused;
    // Per target: the pause transaction this monitor saw mined (looked up again after a reorg).
    std::map<Address, PauseOutcome> mined_pauses;
    bool reorged = false;  // a reorg this round: recheck_pauses() after following
    // Pauses claimed in the ledger before this process started whose outcome
    // was never recorded (a crash between intent and outcome): settled in the
    // first round that reaches the node.
    std::map<Address, PauseClaim> in_doubt;
    std::set<Address> lease_noted;  // waiting for a replica's claim: said once
    // Per invariant detector: whether it held at the last block evaluated.
    std::map<std::string, bool> invariant_held;
    // Per slot detector: the values last seen.
    std::map<std::string, std::vector<std::pair<std::string, Bytes32>>> slot_values;
    std::optional<std::string> pending_filter;
    bool txpool = true;  // the node answers txpool_content (until it refuses it)
    std::set<Bytes32> pending_seen;
    unsigned failures = 0;  // consecutive failed rounds
    std::optional<uint64_t> reorg_from;  // a reorg being rewound, not yet reported
    MonitorStep* step = nullptr;  // the round running; null between rounds (feed events)
    std::unique_ptr<ChainFeed> feed;  // spec.ws_url: run() waits on it
    std::vector<Bytes32> pushed_pending;  // hashes the feed delivered, not yet looked up
    // The notification that started this round ("newHeads", ...) and when it arrived; empty: polled.
    std::string woken_by;
    Clock::time_point woken_at{};

    explicit Impl(size_t depth) : tracker(depth) {}

    chain::RpcClient& rpc() { return *rpcs[active]; }

    void emit(MonitorEvent e) {
        if (!woken_by.empty() && (e.kind == MonitorEvent::Kind::block || e.kind == MonitorEvent::Kind::pending)) {
            e.woken_by = woken_by;
            e.latency = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - woken_at);
        }
        if (hooks.on_event) hooks.on_event(e);
        if (step) step->events.push_back(std::move(e));
    }

    // What the feed said while the monitor waited: its connection changes as
    // events, its pending hashes kept for the next round.
    void take(ChainFeed::Wake& w) {
        for (auto& c : w.changes) {
            MonitorEvent e;
            e.kind = c.kind == ChainFeed::Change::Kind::subscribed ? MonitorEvent::Kind::subscribed
                                                                   : MonitorEvent::Kind::subscription_lost;
            e.rpc = feed->url();
            e.message = std::move(c.message);
            e.error = std::move(c.error);
            emit(std::move(e));
        }
        pushed_pending.insert(pushed_pending.end(), w.pending.begin(), w.pending.end());
        if (w.woken()) {
            woken_by = w.heads ? "newHeads" : "newPendingTransactions";
            woken_at = w.first_at;
        }
    }

    // Between rounds: up to `wait`, or until the feed (when live) brings
    // something new or `stop` says so.
    void idle(std::chrono::milliseconds wait, const std::function<bool()>& stop) {
        auto until = Clock::now() + wait;
        const bool was_live = feed && feed->live();
        for (;;) {
            if (feed) {
                ChainFeed::Wake w = feed->wait(std::chrono::milliseconds(0));
                take(w);
                if (w.woken()) return;
            }
            // The feed gone: the polling interval again, not the subscribed one.
            if (was_live && !feed->live()) until = std::min(until, Clock::now() + spec.poll_interval);
            if (Clock::now() >= until || (stop && stop())) return;
            // In slices, so `stop` is honoured promptly.
            const auto slice = std::min<std::chrono::milliseconds>(
                std::chrono::milliseconds(50),
                std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now()) + std::chrono::milliseconds(1));
            if (feed && feed->live()) {
                ChainFeed::Wake w = feed->wait(slice);
                take(w);
                if (w.woken()) return;
            } else {
                std::this_thread::sleep_for(slice);
            }
        }
    }

    void node_error(const Error& err) {
        MonitorEvent e;
        e.kind = MonitorEvent::Kind::node_error;
        e.error = err;
        e.rpc = rpc().redacted_url();
        emit(std::move(e));
        step->node_failed = true;
        if (rpcs.size() > 1) {
            active = (active + 1) % rpcs.size();
            pending_filter.reset();  // filters live on one node
            MonitorEvent f;
            f.kind = MonitorEvent::Kind::failover;
            f.rpc = rpc().redacted_url();
            emit(std::move(f));
        }
    }

    static std::string firing_key(const Firing& f) {
        if (f.tx) return f.detector + "/" + to_hex(*f.tx);
        return f.detector + "/" + to_hex(f.block_hash) + "/" + std::to_string(f.block);
    }

    void handle_firing(Firing f, const Clock::time_point& seen_at, const std::optional<uint256>& beat_tip) {
        const std::string key = firing_key(f);
        if (fired.count(key)) return;
        fired.insert(key);
        const DetectorSpec* d = nullptr;
        for (const auto& x : spec.detectors)
            if (x.name == f.detector) d = &x;
        if (ledger) {
            auto r = ledger->record_firing(key, f.evidence);
            if (r && !*r) return;  // a replica (or an earlier run) reported it
            if (!r) emit_note(MonitorEvent::Kind::node_error, "ledger: " + r.error().message);
        }
        step->firings.push_back(f);
        MonitorEvent fe;
        fe.kind = MonitorEvent::Kind::firing;
        fe.block = f.block;
        fe.block_hash = f.block_hash;
        fe.tx = f.tx;
        fe.firing = f;
        emit(std::move(fe));
        if (d && d->pause) pause_for(f, key, seen_at, beat_tip);
        if (d && d->notify) notify(f);
    }

    void emit_note(MonitorEvent::Kind k, std::string message) {
        MonitorEvent e;
        e.kind = k;
        e.message = std::move(message);
        emit(std::move(e));
    }

    void pause_for(const Firing& f, const std::string& key, const Clock::time_point& seen_at,
                   const std::optional<uint256>& beat_tip) {
        if (!hooks.pause) return;
        std::vector<Address> todo;
        for (const auto& t : spec.targets)
            if (!paused.count(t)) todo.push_back(t);
        PauseCall call;
        call.beat_tip = beat_tip;
        call.firing = &f;
        send_pause(std::move(todo), key, std::move(call), seen_at, f.block, f.tx, f.detector);
    }

    // Claims `todo` (with a ledger), sends the pause through the node
    // followed now (the next one when that one cannot be reached) and
    // records what it did.
    void send_pause(std::vector<Address> todo, const std::string& key, PauseCall call, const Clock::time_point& seen_at,
                    uint64_t block, const std::optional<Bytes32>& tx, const std::string& cause) {
        if (ledger && !todo.empty()) {
            auto claimed = ledger->claim_pause(key, todo);
            if (claimed) {
                std::vector<Address> mine = *claimed;
                for (const auto& t : todo)
                    if (std::find(mine.begin(), mine.end(), t) == mine.end()) paused.insert(t);
                todo = std::move(mine);
            } else {
                emit_note(MonitorEvent::Kind::node_error, "ledger: " + claimed.error().message);
            }
        }
        if (todo.empty()) {
            emit_note(MonitorEvent::Kind::pause_skipped, cause + ": every target is already paused or claimed");
            return;
        }
        call.targets = todo;
        if (ledger)
            // The intent, before the transaction leaves: after a crash its hash says whether it was mined.
            call.before_send = [this, &key](const Address& t, const Bytes32& h, uint64_t nonce, unsigned attempt) {
                auto ours = ledger->record_sending(key, t, h, nonce, attempt);
                // A ledger that cannot be written does not hold the pause back.
                if (!ours) emit_note(MonitorEvent::Kind::node_error, "ledger: " + ours.error().message);
                else if (!*ours)
                    emit_note(MonitorEvent::Kind::pause_skipped,
                              to_checksum(t) + ": another monitor took the claim over; it sends the pause, this one does not");
                return !ours || *ours;
            };
        // A node that cannot be reached (nothing could start) is not the end:
        // the pause goes through the next one, as the blocks do.
        Result<std::vector<PauseOutcome>> out = std::vector<PauseOutcome>{};
        for (size_t attempt = 0;; ++attempt) {
            call.rpc = &rpc();
            out = hooks.pause(call);
            if (out || out.error().kind != ErrorKind::chain || attempt + 1 >= rpcs.size()) break;
            node_error(out.error());
        }
        MonitorEvent e;
        e.kind = MonitorEvent::Kind::pause_sent;
        e.block = block;
        e.tx = tx;
        e.rpc = call.rpc->redacted_url();
        e.message = call.resend_reason;
        e.latency = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - seen_at);
        if (!out) {
            e.error = out.error();
            // Nothing could start: release the claim so the next firing tries again.
            std::vector<PauseOutcome> failed;
            for (const auto& t : todo) {
                PauseOutcome o;
                o.target = t;
                o.function = "pause()";
                o.error = out.error();
                failed.push_back(o);
            }
            if (ledger) (void)ledger->record_outcomes(failed);
            emit(std::move(e));
            return;
        }
        for (const auto& o : *out) {
            if (o.status == PauseOutcome::Status::done || o.status == PauseOutcome::Status::already ||
                o.status == PauseOutcome::Status::batch_written)
                paused.insert(o.target);
            if (o.status == PauseOutcome::Status::done && o.tx_hash) mined_pauses[o.target] = o;
            step->pauses.push_back(o);
        }
        if (ledger) {
            if (auto s = ledger->record_outcomes(*out); !s) emit_note(MonitorEvent::Kind::node_error, "ledger: " + s.error().message);
        }
        e.pauses = *out;
        emit(std::move(e));
    }

    // After a reorg: a pause mined on the branch it undid may be gone. Each
    // pause this monitor saw mined is looked up again; one the node no longer
    // has a receipt for is recorded as undone and the pause is sent again (the
    // attack may be mined on the new branch too); the pause action sends
    // nothing for a target that reads paused by then.
    // A pause claimed before this process started, without an outcome: its
    // recorded transaction mined is recorded as the outcome; recorded but
    // not mined, the claim stands (it may still be mined: no second pause)
    // and the event says so. Nothing recorded as sent: a crash before the
    // send, or a replica still signing; once the claim outlives the lease it
    // is taken over and sent now (MonitorLedger::take_over; the claimant, if
    // alive, then finds the claim gone and sends nothing).
    Status settle_in_doubt() {
        std::vector<Address> owed;
        std::vector<PauseOutcome> settled;
        std::map<Address, PauseClaim> waiting;
        for (const auto& [target, claim] : in_doubt) {
            if (claim.sent.empty()) {
                SUTURE_TRY(t, ledger->take_over("restart", target, claim));
                if (t == MonitorLedger::TakeOver::taken) {
                    owed.push_back(target);
                } else if (t == MonitorLedger::TakeOver::waiting) {
                    if (lease_noted.insert(target).second)
                        emit_note(MonitorEvent::Kind::pause_skipped,
                                  to_checksum(target) + ": claimed by monitor " + claim.owner +
                                      ", nothing sent yet: waiting up to " +
                                      std::to_string(ledger->claim_lease().count()) + " ms for its pause");
                    waiting.emplace(target, claim);
                } else if (auto f = ledger->in_flight().find(target); f != ledger->in_flight().end()) {
                    waiting.emplace(target, f->second);  // sent or claimed again since: settle that next round
                }
                continue;
            }
            std::optional<chain::Receipt> mined;
            for (const auto& h : claim.sent) {
                SUTURE_TRY(r, rpc().get_transaction_receipt(h));
                if (r) mined = *r;
            }
            std::string where = to_checksum(target) + ": the pause sent before the restart (" + to_hex(claim.sent.back()) + ")";
            if (!mined) {
                emit_note(MonitorEvent::Kind::pause_skipped,
                          where + " is not mined: the claim stands, no second pause is sent; check the guardian's pending transactions");
                continue;
            }
            PauseOutcome o;
            o.target = target;
            o.function = "pause()";
            o.tx_hash = mined->transaction_hash;
            o.block = mined->block_number;
            o.status = mined->status ? PauseOutcome::Status::done : PauseOutcome::Status::failed;
            if (!mined->status) o.error = chain_error(where + " reverted in block " + std::to_string(mined->block_number));
            else mined_pauses[target] = o;
            emit_note(MonitorEvent::Kind::pause_skipped, where + " was mined in block " + std::to_string(mined->block_number) +
                                                             (mined->status ? "" : " and reverted") + ": outcome recorded");
            settled.push_back(std::move(o));
        }
        in_doubt = std::move(waiting);
        if (!settled.empty())
            if (auto s = ledger->record_outcomes(settled); !s) emit_note(MonitorEvent::Kind::node_error, "ledger: " + s.error().message);
        if (owed.empty() || !hooks.pause) return {};
        // Taken over (released and claimed for this monitor): send it.
        for (const auto& t : owed) paused.erase(t);
        PauseCall call;
        call.resend_reason = "sent after a restart: the pause was claimed but never sent";
        send_pause(std::move(owed), "restart", std::move(call), Clock::now(), position ? position->block : 0, std::nullopt,
                   "restart");
        return {};
    }

    Status recheck_pauses() {
        if (!hooks.pause) return {};
        std::vector<Address> lost;
        std::vector<PauseOutcome> undone;
        std::string hashes;
        for (auto it = mined_pauses.begin(); it != mined_pauses.end();) {
            SUTURE_TRY(r, rpc().get_transaction_receipt(*it->second.tx_hash));
            if (r) {
                ++it;
                continue;
            }
            PauseOutcome o = it->second;
            o.status = PauseOutcome::Status::failed;
            o.error = chain_error("the pause transaction " + to_hex(*o.tx_hash) + " mined in block " +
                                  std::to_string(o.block.value_or(0)) + " was removed by a reorg");
            hashes += (hashes.empty() ? "" : ", ") + to_hex(*o.tx_hash);
            undone.push_back(std::move(o));
            lost.push_back(it->first);
            paused.erase(it->first);
            it = mined_pauses.erase(it);
        }
        if (lost.empty()) return {};
        if (ledger)
            if (auto s = ledger->record_outcomes(undone); !s) emit_note(MonitorEvent::Kind::node_error, "ledger: " + s.error().message);
        PauseCall call;
        call.resend_reason = "sent again: a reorg removed the pause " + hashes;
        const uint64_t at = position ? position->block : 0;
        send_pause(std::move(lost), "reorg/" + hashes, std::move(call), Clock::now(), at, std::nullopt, "reorg");
        return {};
    }

    void notify(const Firing& f) {
        for (auto& n : hooks.notifiers) {
            MonitorEvent e;
            e.channel = n->name();
            e.tx = f.tx;
            e.block = f.block;
            auto s = n->send(f);
            e.kind = s ? MonitorEvent::Kind::notified : MonitorEvent::Kind::notify_failed;
            if (!s) e.error = s.error();
            emit(std::move(e));
        }
    }

    // Invariants and slots at block `b`, over `view`: the state at that block.
    Status state_detectors(const BlockTrace& b, upgrade::ChainView& view, std::vector<Firing>& out) {
        // The state before the first block this process evaluates (a start
        // or a restart) is the baseline: a slot that changed in that block,
        // or an invariant that broke in it, fires; one already broken does not.
        upgrade::RpcChainView before(rpc(), chain::BlockTag::number(b.number ? b.number - 1 : 0));
        for (const auto& d : spec.detectors) {
            if (d.kind == DetectorKind::invariant) {
                SUTURE_TRY(v, check_invariant(view, *d.invariant));
                auto it = invariant_held.find(d.name);
                if (it == invariant_held.end()) {
                    bool held = true;
                    if (b.number > 0) {
                        SUTURE_TRY(was, check_invariant(before, *d.invariant));
                        held = was.holds;
                    }
                    it = invariant_held.emplace(d.name, held).first;
                }
                // Fires when it breaks, not at every block it stays broken.
                if (!v.holds && it->second) {
                    Firing f = make_firing(d, Firing::Stage::mined, b.number, b.hash, nullptr);
                    f.evidence["values"] = {{"target", to_checksum(d.invariant->target)},
                                            {"function", d.invariant->function},
                                            {"relation", d.invariant->relation},
                                            {"value", v.value}};
                    // The transactions of the block that touched the target: the suspects.
                    json suspects = json::array();
                    for (const auto& tx : b.txs)
                        if (touches(tx, d.invariant->target)) suspects.push_back(to_hex(tx.hash));
                    f.evidence["suspects"] = std::move(suspects);
                    out.push_back(std::move(f));
                }
                it->second = v.holds;
            } else if (d.kind == DetectorKind::slot) {
                SUTURE_TRY(now, read_slots(view, *d.slot));
                auto it = slot_values.find(d.name);
                if (it == slot_values.end() && b.number > 0) {
                    SUTURE_TRY(was, read_slots(before, *d.slot));
                    it = slot_values.emplace(d.name, std::move(was)).first;
                }
                if (it != slot_values.end() && it->second != now) {
                    Firing f = make_firing(d, Firing::Stage::mined, b.number, b.hash, nullptr);
                    json changes = json::array();
                    for (size_t i = 0; i < now.size(); ++i)
                        if (now[i].second != it->second[i].second)
                            changes.push_back({{"slot", now[i].first},
                                               {"old", to_hex(it->second[i].second)},
                                               {"new", to_hex(now[i].second)}});
                    f.evidence["values"] = {{"target", to_checksum(d.slot->target)}, {"changes", changes}};
                    out.push_back(std::move(f));
                }
                slot_values[d.name] = std::move(now);
            }
        }
        return {};
    }

    Status evaluate(const BlockTrace& b, upgrade::ChainView& state, const Clock::time_point& seen_at) {
        std::vector<Firing> firings = detectors.evaluate(b);
        SUTURE_CHECK(state_detectors(b, state, firings));
        for (auto& f : firings) handle_firing(std::move(f), seen_at, std::nullopt);
        position = MonitorCheckpoint{b.number, b.hash};
        ++step->blocks;
        MonitorEvent e;
        e.kind = MonitorEvent::Kind::block;
        e.block = b.number;
        e.block_hash = b.hash;
        emit(std::move(e));
        if (!firings.empty()) return save();
        return {};
    }

    Status save() {
        if (spec.state_file.empty() || !position) return {};
        return write_checkpoint(spec.state_file, *position);
    }

    // A run of blocks and the state their detectors read.
    struct Run {
        std::vector<BlockTrace> blocks;
        std::vector<std::unique_ptr<StateAtBlock>> state;  // per block
        TraceMode mode = TraceMode::none;                  // the trace mode after fetching it
    };

    static Result<Run> fetch_run(chain::RpcClient& rpc, uint64_t first, uint64_t last, TraceMode mode,
                                 const std::vector<StateRead>& reads) {
        Run r;
        r.mode = mode;
        SUTURE_TRY(blocks, fetch_blocks(rpc, first, last, r.mode));
        std::vector<uint64_t> numbers;
        for (const auto& b : blocks) numbers.push_back(b.number);
        SUTURE_TRY(state, fetch_state_reads(rpc, reads, numbers));
        r.blocks = std::move(blocks);
        r.state = std::move(state);
        return r;
    }

    // Every block from the next one to `head`, in runs of spec.fetch_ahead
    // blocks; the next run is fetched on another thread while this one is
    // evaluated (evaluation itself asks the node nothing but a start's
    // baseline and the pause).
    Status follow(uint64_t head) {
        uint64_t next = position ? position->block + 1 : spec.start_block.value_or(head);
        std::future<Result<Run>> ahead;
        uint64_t ahead_first = 0;
        auto run_end = [&](uint64_t first) { return std::min(head, first + spec.fetch_ahead - 1); };
        while (next <= head) {
            const uint64_t last = run_end(next);
            std::optional<Result<Run>> fetched;
            if (ahead.valid()) {
                Result<Run> r = ahead.get();
                if (ahead_first == next) fetched.emplace(std::move(r));  // else a rewind moved `next`: not ours
            }
            if (!fetched) fetched.emplace(fetch_run(rpc(), next, last, trace_mode, state_reads));
            if (!*fetched) return fetched->error();
            Run run = std::move(**fetched);
            if (run.mode == TraceMode::evm) trace_mode = TraceMode::evm;
            const auto seen_at = Clock::now();
            if (run.blocks.empty()) break;  // the node lags behind its own head
            const bool complete = run.blocks.back().number >= last;
            if (complete && last < head) {
                ahead_first = last + 1;
                ahead = fetch_ahead_async(ahead_first, run_end(ahead_first));
            }
            bool rewound = false;
            for (size_t i = 0; i < run.blocks.size(); ++i) {
                const BlockTrace& b = run.blocks[i];
                auto s = tracker.offer({b.number, b.hash, b.parent});
                if (s.reorg) {
                    // Rewinds come one block at a time: one event for the
                    // whole reorg, naming the first height evaluated again.
                    uint64_t from = s.kind == BlockTracker::Step::Kind::rewind ? s.next : b.number;
                    detectors.rewind(from);
                    reorg_from = reorg_from ? std::min(*reorg_from, from) : from;
                }
                if (s.kind == BlockTracker::Step::Kind::extends && reorg_from) {
                    MonitorEvent e;
                    e.kind = MonitorEvent::Kind::reorg;
                    e.block = *reorg_from;
                    emit(std::move(e));
                    reorg_from.reset();
                    reorged = true;
                }
                if (s.kind == BlockTracker::Step::Kind::rewind) {
                    next = s.next;
                    if (auto h = tracker.head()) position = MonitorCheckpoint{h->number, h->hash};
                    else position.reset();
                    rewound = true;
                    break;
                }
                SUTURE_CHECK(evaluate(b, *run.state[i], seen_at));
                next = b.number + 1;
            }
            SUTURE_CHECK(save());
            if (!rewound && !complete) break;
        }
        return {};
    }

    // The run [first, last] fetched on another thread (synchronously when no
    // thread can be started).
    std::future<Result<Run>> fetch_ahead_async(uint64_t first, uint64_t last) {
        chain::RpcClient& node = rpc();
        auto task = [&node, first, last, mode = trace_mode, this] { return fetch_run(node, first, last, mode, state_reads); };
        try {
            return std::async(std::launch::async, task);
        } catch (const std::system_error&) {
            return std::async(std::launch::deferred, task);
        }
    }

    // The pool's pending transactions not seen yet, as the node describes
    // them: txpool_content where the node has it (it also lists what was
    // pending before the monitor started), and the hashes of the pending
    // filter (a node without txpool_content, or a transaction the pool
    // listing missed), looked up by hash.
    Result<std::vector<json>> new_pending() {
        // Subscribed: the feed's hashes stand in for the filter's.
        const bool pushed = feed && feed->pending_live();
        if (!pushed && !pending_filter) {
            SUTURE_TRY(id, rpc().request("eth_newPendingTransactionFilter"));
            if (!id.is_string()) return chain_error("eth_newPendingTransactionFilter: expected a filter id");
            pending_filter = id.get<std::string>();
        }
        std::vector<chain::RpcCall> ask;
        if (!pushed) ask.push_back({"eth_getFilterChanges", json::array({*pending_filter})});
        if (txpool) ask.push_back({"txpool_content", json::array()});
        SUTURE_TRY(got, rpc().batch(ask));
        // Answers in the order asked: [filter changes] [txpool]; a missing one reads as empty.
        std::vector<chain::RpcResponse> answers(2);
        for (size_t i = 0, at = pushed ? 1 : 0; i < got.size(); ++i, ++at) answers[at] = std::move(got[i]);
        if (!txpool) answers[1].result = json::object();
        if (!pushed && answers[0].error) {
            pending_filter.reset();  // expired or the node restarted: a new one next round
            return chain_error("eth_getFilterChanges at " + rpc().redacted_url() + ": node error " +
                               std::to_string(answers[0].error->code) + ": " + answers[0].error->message);
        }
        std::vector<json> out;
        auto fresh = [&](const json& h) {
            auto hash = chain::parse_bytes32(h, "hash");
            if (!hash || pending_seen.count(*hash)) return false;
            pending_seen.insert(*hash);
            return true;
        };
        if (txpool && answers[1].error) txpool = false;  // unknown method: the filter alone
        // {"pending": {sender: {nonce: tx}}}; "queued" waits on a nonce gap and cannot run yet.
        const json pool = txpool && answers[1].result.is_object() ? answers[1].result.value("pending", json::object())
                                                                   : json::object();
        if (pool.is_object())
            for (const auto& [sender, by_nonce] : pool.items()) {
                if (!by_nonce.is_object()) continue;
                // A sender's transactions in nonce order (the keys are decimal text).
                std::vector<std::pair<uint64_t, const json*>> ordered;
                for (const auto& [nonce, tx] : by_nonce.items())
                    if (tx.is_object()) ordered.emplace_back(std::strtoull(nonce.c_str(), nullptr, 10), &tx);
                std::sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
                for (const auto& [nonce, tx] : ordered)
                    if (fresh(tx->value("hash", json()))) out.push_back(*tx);
            }
        std::vector<chain::RpcCall> lookups;
        for (const auto& h : pushed_pending)
            if (fresh(json(to_hex(h)))) lookups.push_back({"eth_getTransactionByHash", json::array({to_hex(h)})});
        pushed_pending.clear();
        if (answers[0].result.is_array())
            for (const auto& h : answers[0].result)
                if (fresh(h)) lookups.push_back({"eth_getTransactionByHash", json::array({h})});
        SUTURE_TRY(found, rpc().batch(lookups));
        for (auto& a : found)
            if (!a.error && a.result.is_object()) out.push_back(std::move(a.result));  // else gone already (mined or dropped)
        return out;
    }

    // New pending transactions, simulated on a fork of the latest block.
    Status pending(uint64_t head) {
        SUTURE_TRY(txs, new_pending());
        if (txs.empty()) return {};
        const auto seen_at = Clock::now();
        std::unique_ptr<ForkExecution> fork;
        for (const auto& pt : txs) {
            if (!pt.value("blockHash", json()).is_null()) continue;  // mined meanwhile: the block will judge it
            auto tx = chain::parse_rpc_transaction(pt);
            auto hash = chain::parse_bytes32(pt.value("hash", json()), "hash");
            if (!tx || !hash) continue;
            TxTrace t = tx_of(*hash, *tx);
            // Only transactions that may reach a target are simulated: sent to
            // one, or (unknown until run) to any contract.
            if (!fork) {
                SUTURE_TRY(f, ForkExecution::open(rpc().url(), head, true));
                fork = std::move(f);
            }
            auto s = fork->execute(*tx, t);
            ++step->pending;
            MonitorEvent pe;
            pe.kind = MonitorEvent::Kind::pending;
            pe.tx = t.hash;
            pe.block = head;
            if (!s) pe.message = "not simulated: " + s.error().message;
            emit(std::move(pe));
            if (!s) continue;
            bool touched = false;
            for (const auto& target : spec.targets) touched = touched || touches(t, target);
            for (const auto& d : spec.detectors) {
                if (d.kind == DetectorKind::invariant) touched = touched || touches(t, d.invariant->target);
                if (d.kind == DetectorKind::outflow) touched = touched || touches(t, d.outflow->target);
            }
            if (!touched) continue;
            std::vector<Firing> firings = detectors.evaluate_pending(t, head);
            for (const auto& d : spec.detectors) {
                if (d.kind != DetectorKind::invariant) continue;
                SUTURE_TRY(v, check_invariant(fork->view(), *d.invariant));
                if (v.holds) continue;
                Firing f = make_firing(d, Firing::Stage::pending, head, Bytes32{}, &t);
                f.evidence["values"] = {{"target", to_checksum(d.invariant->target)},
                                        {"function", d.invariant->function},
                                        {"relation", d.invariant->relation},
                                        {"value_after", v.value}};
                firings.push_back(std::move(f));
            }
            for (auto& f : firings) {
                f.evidence["priority_fee"] = t.priority_fee.to_dec();
                handle_firing(std::move(f), seen_at, t.priority_fee);
            }
        }
        return {};
    }

    MonitorStep round() {
        MonitorStep st;
        step = &st;
        if (ledger) {
            if (auto s = ledger->refresh(); !s) emit_note(MonitorEvent::Kind::node_error, "ledger: " + s.error().message);
            else
                for (const auto& t : spec.targets)
                    if (ledger->paused(t)) paused.insert(t);
        }
        auto head = rpc().block_number();
        if (!head) {
            node_error(head.error());
        } else {
            st.head = *head;
            Status s = in_doubt.empty() ? Status{} : settle_in_doubt();
            if (s) s = follow(*head);
            if (s && reorged) {
                s = recheck_pauses();
                if (s) reorged = false;
            }
            if (s && spec.pending) s = pending(*head);
            if (!s) node_error(s.error());
        }
        failures = st.node_failed ? failures + 1 : 0;
        step = nullptr;
        return st;
    }
};

Monitor::Monitor(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Monitor::~Monitor() = default;

Result<std::unique_ptr<Monitor>> Monitor::open(std::vector<chain::RpcClient*> rpcs, MonitorSpec spec,
                                               MonitorHooks hooks) {
    if (rpcs.empty() || std::find(rpcs.begin(), rpcs.end(), nullptr) != rpcs.end())
        return usage_error("monitor: give at least one RPC client");
    SUTURE_CHECK(check_monitor_spec(spec));
    for (const auto& d : spec.detectors) {
        if (d.invariant)
            if (auto s = check_invariant_spec(*d.invariant); !s) return input_error("detector " + d.name + ": " + s.error().message);
        if (d.slot)
            for (const auto& n : d.slot->slots)
                if (auto s = check_slot_name(n); !s) return input_error("detector " + d.name + ": " + s.error().message);
    }
    auto impl = std::make_unique<Impl>(spec.reorg_depth);
    SUTURE_TRY(set, DetectorSet::make(spec.detectors));
    impl->detectors = std::move(set);
    impl->trace_mode = impl->detectors.needs_frames() ? TraceMode::node : TraceMode::none;
    {
        ReadRecorder recorder;
        for (const auto& d : spec.detectors) {
            if (d.invariant) SUTURE_CHECK(check_invariant(recorder, *d.invariant));
            if (d.slot) SUTURE_CHECK(read_slots(recorder, *d.slot));
        }
        impl->state_reads = recorder.reads();
    }
    impl->rpcs = std::move(rpcs);
    if (!spec.state_file.empty()) {
        SUTURE_TRY(cp, read_checkpoint(spec.state_file));
        if (cp) {
            impl->position = *cp;
            impl->tracker.resume({cp->block, cp->hash, Bytes32{}});
        }
    }
    if (!spec.ledger.empty()) {
        impl->ledger.emplace(spec.ledger);
        SUTURE_CHECK(impl->ledger->refresh());
        for (const auto& [target, claim] : impl->ledger->in_flight())
            if (std::find(spec.targets.begin(), spec.targets.end(), target) != spec.targets.end())
                impl->in_doubt.emplace(target, claim);
    }
    if (!spec.ws_url.empty()) {
        ChainFeedOptions o;
        o.url = spec.ws_url;
        o.pending = spec.pending;
        impl->feed = std::make_unique<ChainFeed>(std::move(o));
    }
    impl->spec = std::move(spec);
    impl->hooks = std::move(hooks);
    return std::unique_ptr<Monitor>(new Monitor(std::move(impl)));
}

MonitorStep Monitor::poll_once() { return impl_->round(); }

void Monitor::run(std::optional<uint64_t> max_blocks, const std::function<bool()>& stop) {
    uint64_t done = 0;
    Impl& m = *impl_;
    while (!(stop && stop())) {
        MonitorStep s = poll_once();
        m.woken_by.clear();
        done += s.blocks;
        if (max_blocks && done >= *max_blocks) return;
        const bool subscribed = m.feed && m.feed->live() && !s.node_failed;
        auto wait = subscribed ? std::max(m.spec.poll_interval, m.spec.subscribed_poll_interval) : m.spec.poll_interval;
        // Back-off after failures: doubled per failed round, at most 30 s.
        for (unsigned i = 0; i < m.failures && wait < std::chrono::seconds(30); ++i) wait *= 2;
        if (wait > std::chrono::seconds(30)) wait = std::chrono::seconds(30);
        if (s.blocks == 0 || s.node_failed) {
            m.idle(wait, stop);
        } else if (m.feed) {
            // Behind the head: go on at once, taking what the feed already holds.
            m.idle(std::chrono::milliseconds(0), stop);
        }
    }
}

std::optional<MonitorCheckpoint> Monitor::position() const { return impl_->position; }

std::vector<Address> Monitor::paused_targets() const {
    return std::vector<Address>(impl_->paused.begin(), impl_->paused.end());
}

const MonitorSpec& Monitor::spec() const { return impl_->spec; }

}  // namespace suture::respond
