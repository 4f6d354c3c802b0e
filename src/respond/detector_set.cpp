#include "respond/detector_set.hpp"

#include <algorithm>

#include "core/abi_decode.hpp"
#include "core/abi_encode.hpp"
#include "core/abi_value.hpp"
#include "core/hex.hpp"
#include "respond/outflow.hpp"
#include "respond/script_run.hpp"

namespace suture::respond {
namespace {

bool starts_with_selector(BytesView input, const abi::Selector& s) {
    return input.size() >= 4 && std::equal(s.begin(), s.end(), input.begin());
}

nlohmann::json decoded_args(const std::vector<abi::Param>& params, const std::vector<abi::AbiValue>& values) {
    nlohmann::json args = nlohmann::json::object();
    for (size_t i = 0; i < params.size() && i < values.size(); ++i)
        args[params[i].name.empty() ? std::to_string(i) : params[i].name] = abi::value_to_json(params[i].type, values[i]);
    return args;
}

nlohmann::json event_evidence(const abi::Signature& sig, const chain::Log& log) {
    nlohmann::json e{{"address", to_checksum(log.address)}, {"signature", sig.canonical()},
                     {"log_index", log.log_index}};
    nlohmann::json args = nlohmann::json::object();
    if (auto decoded = abi::decode_log(sig, log.topics, log.data)) {
        for (size_t i = 0; i < sig.inputs.size() && i < decoded->size(); ++i) {
            const auto& a = (*decoded)[i];
            std::string name = sig.inputs[i].name.empty() ? std::to_string(i) : sig.inputs[i].name;
            args[name] = a.value ? abi::value_to_json(sig.inputs[i].type, *a.value) : nlohmann::json(to_hex(a.hash));
        }
    }
    e["args"] = std::move(args);
    return e;
}

bool status_passes(TxStatusFilter f, bool success) {
    return f == TxStatusFilter::any || (f == TxStatusFilter::success) == success;
}

std::string short_hex(const Bytes32& h) { return to_hex(BytesView(h.data(), 4)) + ".."; }

}  // namespace

nlohmann::json call_evidence(const abi::Signature& sig, const CallFrame& f) {
    nlohmann::json c{{"from", to_checksum(f.from)}, {"to", to_checksum(f.to)}, {"function", sig.canonical()},
                     {"value", f.value.to_dec()}, {"depth", f.depth}};
    if (f.code_address != f.to) c["code_address"] = to_checksum(f.code_address);
    if (auto v = abi::decode_call(sig, f.input)) c["args"] = decoded_args(sig.inputs, *v);
    if (f.reverted) c["reverted"] = true;
    return c;
}

Firing make_firing(const DetectorSpec& d, Firing::Stage stage, uint64_t block, const Bytes32& block_hash,
                   const TxTrace* tx) {
    Firing f;
    f.detector = d.name;
    f.kind = d.kind;
    f.stage = stage;
    f.block = block;
    f.block_hash = block_hash;
    f.evidence = {{"detector", d.name}, {"kind", detector_kind_name(d.kind)}, {"stage", firing_stage_name(stage)},
                  {"block", block}};
    if (stage == Firing::Stage::mined) f.evidence["block_hash"] = to_hex(block_hash);
    if (tx) {
        f.tx = tx->hash;
        f.from = tx->from;
        f.evidence["tx"] = to_hex(tx->hash);
        f.evidence["from"] = to_checksum(tx->from);
        if (tx->to) f.evidence["to"] = to_checksum(*tx->to);
        f.evidence["success"] = tx->success;
    }
    f.summary = d.name + " (" + detector_kind_name(d.kind) + ") at block " + std::to_string(block) +
                (tx ? " in tx " + short_hex(tx->hash) + " from " + to_checksum(tx->from) : std::string());
    return f;
}

Result<DetectorSet> DetectorSet::make(const std::vector<DetectorSpec>& specs) {
    SUTURE_CHECK(check_detectors(specs));
    DetectorSet s;
    s.specs_ = specs;
    s.compiled_.resize(s.specs_.size());
    for (size_t i = 0; i < s.specs_.size(); ++i) {
        const DetectorSpec& d = s.specs_[i];
        Compiled& c = s.compiled_[i];
        c.spec = &d;
        for (const auto& e : d.events) c.event_topics.push_back(abi::event_topic(e.event.canonical()));
        for (const auto& f : d.calls) c.call_selectors.push_back(abi::selector(f.function.canonical()));
        if (!d.calls.empty()) s.needs_frames_ = true;
        if (d.watchlist) {
            s.needs_frames_ = true;
            for (const auto& fn : d.watchlist->functions) {
                auto sig = abi::parse_signature(fn);
                if (!sig) return input_error("detector " + d.name + ": function '" + fn + "': " + sig.error().message);
                c.watch_selectors.push_back(abi::selector(sig->canonical()));
                c.watch.push_back(std::move(*sig));
            }
        }
        if (d.outflow && !d.outflow->token) s.needs_frames_ = true;
        if (d.kind == DetectorKind::expression) {
            auto e = DetectorExpression::parse(d.expression);
            if (!e) return input_error("detector " + d.name + ": " + e.error().message);
            for (const auto& name : e->names()) {
                auto it = std::find_if(s.specs_.begin(), s.specs_.end(), [&](const auto& x) { return x.name == name; });
                c.expression_detectors.push_back(static_cast<size_t>(it - s.specs_.begin()));
            }
            c.expression = std::move(*e);
        }
    }
    return s;
}

std::optional<Firing> DetectorSet::match_tx(const Compiled& c, const BlockTrace& b, const TxTrace& tx) const {
    const DetectorSpec& d = *c.spec;
    if (!status_passes(d.status, tx.success)) return std::nullopt;
    nlohmann::json events = nlohmann::json::array(), calls = nlohmann::json::array();
    for (size_t i = 0; i < d.events.size(); ++i)
        for (const auto& log : tx.logs)
            if (!log.topics.empty() && log.topics[0] == c.event_topics[i] && event_matches(d.events[i], c.event_topics[i], log))
                events.push_back(event_evidence(d.events[i].event, log));
    if (!d.calls.empty()) {
        std::vector<CallFrame> top;
        const auto& frames = tx.traced ? tx.frames : (top = top_frame(tx));
        for (size_t i = 0; i < d.calls.size(); ++i)
            for (const auto& f : frames) {
                if (!starts_with_selector(f.input, c.call_selectors[i])) continue;
                // A filter on the proxy matches the call it forwards too; one
                // on the implementation matches the delegatecall into it.
                bool hit = call_matches(d.calls[i], f.to, f.input) ||
                           (f.delegate && call_matches(d.calls[i], f.code_address, f.input));
                if (hit) calls.push_back(call_evidence(d.calls[i].function, f));
            }
    }
    bool any_filter = !d.events.empty() || !d.calls.empty();
    if (any_filter && events.empty() && calls.empty()) return std::nullopt;
    Firing f = make_firing(d, Firing::Stage::mined, b.number, b.hash, &tx);
    if (!events.empty()) f.evidence["events"] = std::move(events);
    if (!calls.empty()) f.evidence["calls"] = std::move(calls);
    if (!d.script.empty()) {
        auto rc = run_script(d.script, f.evidence.dump());
        // A script that cannot run keeps the match: an alert must not be lost
        // to a broken filter. The evidence says so.
        if (rc && *rc != 0) return std::nullopt;
        if (!rc) f.evidence["script_error"] = rc.error().message;
    }
    return f;
}

std::optional<Firing> DetectorSet::watch_tx(const Compiled& c, const BlockTrace& b, const TxTrace& tx) const {
    const WatchlistSpec& w = *c.spec->watchlist;
    std::vector<CallFrame> top;
    const auto& frames = tx.traced ? tx.frames : (top = top_frame(tx));
    nlohmann::json calls = nlohmann::json::array();
    for (const auto& f : frames) {
        if (f.reverted || f.to != w.target) continue;
        // The proxy's delegatecall to its implementation repeats the entry already seen.
        if (f.delegate && f.from == w.target) continue;
        for (size_t i = 0; i < c.watch.size(); ++i) {
            if (!starts_with_selector(f.input, c.watch_selectors[i])) continue;
            if (std::find(w.allow.begin(), w.allow.end(), f.from) != w.allow.end()) continue;
            calls.push_back(call_evidence(c.watch[i], f));
        }
    }
    if (calls.empty()) return std::nullopt;
    Firing f = make_firing(*c.spec, Firing::Stage::mined, b.number, b.hash, &tx);
    f.evidence["calls"] = std::move(calls);
    return f;
}

std::vector<Firing> DetectorSet::outflow(Compiled& c, const BlockTrace& b) {
    const OutflowSpec& o = *c.spec->outflow;
    OutflowRule rule;
    rule.target = o.target;
    rule.token = o.token;
    rule.threshold = o.threshold;
    rule.scope = o.scope == OutflowSpec::Scope::transaction ? OutflowRule::Scope::transaction : OutflowRule::Scope::block;
    std::vector<TxActivity> activity;
    activity.reserve(b.txs.size());
    for (const auto& tx : b.txs)
        activity.push_back({tx.hash, tx.logs, o.token ? uint256(0) : eth_outflow(tx, o.target)});
    auto values = [&](const uint256& amount) {
        return nlohmann::json{{"target", to_checksum(o.target)}, {"token", o.token_name},
                              {"amount", amount.to_dec()}, {"threshold", o.threshold.to_dec()}};
    };
    std::vector<Firing> out;
    if (o.scope == OutflowSpec::Scope::window) {
        rule.threshold = uint256(0);
        rule.scope = OutflowRule::Scope::block;
        uint256 in_block;
        for (const auto& h : outflow_hits(rule, activity)) in_block += h.amount;
        while (!c.window.empty() && c.window.front().first + o.window <= b.number) c.window.pop_front();
        if (in_block == uint256(0)) return out;
        c.window.emplace_back(b.number, in_block);
        uint256 sum;
        for (const auto& [n, a] : c.window) sum += a;
        if (sum > o.threshold) {
            Firing f = make_firing(*c.spec, Firing::Stage::mined, b.number, b.hash, nullptr);
            f.evidence["values"] = values(sum);
            f.evidence["values"]["window"] = o.window;
            out.push_back(std::move(f));
        }
        return out;
    }
    for (const auto& h : outflow_hits(rule, activity)) {
        const TxTrace* tx = nullptr;
        if (h.tx && o.scope == OutflowSpec::Scope::transaction)
            for (const auto& t : b.txs)
                if (t.hash == *h.tx) tx = &t;
        Firing f = make_firing(*c.spec, Firing::Stage::mined, b.number, b.hash, tx);
        f.evidence["values"] = values(h.amount);
        f.evidence["values"]["scope"] = o.scope == OutflowSpec::Scope::block ? "block" : "transaction";
        out.push_back(std::move(f));
    }
    return out;
}

std::vector<Firing> DetectorSet::evaluate(const BlockTrace& b) {
    std::vector<Firing> out;
    std::vector<char> matched(compiled_.size());
    for (const auto& tx : b.txs) {
        std::fill(matched.begin(), matched.end(), 0);
        std::vector<std::optional<Firing>> per(compiled_.size());
        for (size_t i = 0; i < compiled_.size(); ++i) {
            const DetectorSpec& d = *compiled_[i].spec;
            if (d.kind == DetectorKind::match) per[i] = match_tx(compiled_[i], b, tx);
            else if (d.kind == DetectorKind::watchlist) per[i] = watch_tx(compiled_[i], b, tx);
            matched[i] = per[i].has_value();
        }
        for (size_t i = 0; i < compiled_.size(); ++i) {
            const Compiled& c = compiled_[i];
            if (c.spec->kind != DetectorKind::expression) continue;
            bool hit = c.expression->evaluate([&](size_t k) { return matched[c.expression_detectors[k]] != 0; });
            if (!hit) continue;
            Firing f = make_firing(*c.spec, Firing::Stage::mined, b.number, b.hash, &tx);
            f.evidence["expression"] = c.spec->expression;
            nlohmann::json parts = nlohmann::json::object();
            for (size_t k = 0; k < c.expression_detectors.size(); ++k) {
                size_t j = c.expression_detectors[k];
                parts[c.expression->names()[k]] = matched[j] != 0;
                if (per[j]) {
                    for (const char* key : {"events", "calls"})
                        if (per[j]->evidence.contains(key))
                            for (const auto& e : per[j]->evidence[key]) f.evidence[key].push_back(e);
                }
            }
            f.evidence["parts"] = std::move(parts);
            per[i] = std::move(f);
        }
        for (auto& p : per)
            if (p) out.push_back(std::move(*p));
    }
    for (auto& c : compiled_)
        if (c.spec->kind == DetectorKind::outflow)
            for (auto& f : outflow(c, b)) out.push_back(std::move(f));
    return out;
}

std::vector<Firing> DetectorSet::evaluate_pending(const TxTrace& tx, uint64_t fork_block) {
    std::vector<Firing> out;
    for (auto& c : compiled_) {
        if (c.spec->kind != DetectorKind::outflow || c.spec->outflow->scope == OutflowSpec::Scope::block) continue;
        const OutflowSpec& o = *c.spec->outflow;
        uint256 amount = o.token ? token_outflow(tx.logs, *o.token, o.target) : eth_outflow(tx, o.target);
        if (!(amount > o.threshold)) continue;
        Firing f = make_firing(*c.spec, Firing::Stage::pending, fork_block, Bytes32{}, &tx);
        f.evidence["values"] = {{"target", to_checksum(o.target)}, {"token", o.token_name},
                                {"amount", amount.to_dec()}, {"threshold", o.threshold.to_dec()},
                                {"scope", "transaction"}};
        out.push_back(std::move(f));
    }
    return out;
}

void DetectorSet::rewind(uint64_t from) {
    for (auto& c : compiled_)
        while (!c.window.empty() && c.window.back().first >= from) c.window.pop_back();
}

}  // namespace suture::respond
