#include "pipeline/manifest_monitor.hpp"

#include <cstdlib>
#include <filesystem>

#include "pipeline/manifest.hpp"
#include "respond/state_checks.hpp"

namespace suture::pipeline {
namespace {

namespace fs = std::filesystem;
using respond::DetectorKind;
using respond::DetectorSpec;
using respond::NotifyKind;
using respond::NotifySpec;

// An address, or the name of a [targets] entry.
Result<Address> target_or_address(TomlTable& t, std::string_view key, const std::string& text, const Manifest& m) {
    if (text.starts_with("0x")) {
        auto a = parse_address(text);
        if (!a) return t.error_at(key, a.error().message);
        return *a;
    }
    if (const auto* target = m.target(text)) return target->address;
    std::string names;
    for (const auto& x : m.targets) names += (names.empty() ? "" : ", ") + x.name;
    return t.error_at(key, "no target '" + text + "' (" + (names.empty() ? "none declared" : names) +
                               ") and not a 0x address");
}

Result<Address> required_target(TomlTable& t, std::string_view key, const Manifest& m) {
    SUTURE_TRY(s, t.string(key));
    return target_or_address(t, key, s, m);
}

Result<std::optional<Address>> optional_target(TomlTable& t, std::string_view key, const Manifest& m) {
    SUTURE_TRY(s, t.optional_string(key));
    if (!s) return std::optional<Address>();
    SUTURE_TRY(a, target_or_address(t, key, *s, m));
    return std::optional<Address>(a);
}

// A path relative to the manifest (it need not exist yet).
std::string beside(const TomlTable& t, const std::string& manifest_path, const std::string& p) {
    (void)t;
    fs::path x(p);
    if (x.is_relative()) x = fs::path(manifest_path).parent_path() / x;
    return x.lexically_normal().string();
}

// The value of the environment variable a key names (secrets stay out of the file).
Result<std::string> from_env(TomlTable& t, std::string_view key) {
    SUTURE_TRY(var, t.optional_string(key));
    if (!var) return std::string();
    const char* v = std::getenv(var->c_str());
    if (!v || !*v) return t.error_at(key, "environment variable " + *var + " is not set");
    return std::string(v);
}

Status read_match(TomlTable& t, DetectorSpec& d, const Manifest& m) {
    SUTURE_TRY(events, t.tables("events"));
    for (auto& e : events) {
        SUTURE_CHECK(e.only({"signature", "emitter", "conditions"}));
        SUTURE_TRY(sig, e.string("signature"));
        SUTURE_TRY(emitter, optional_target(e, "emitter", m));
        SUTURE_TRY(conditions, e.strings("conditions"));
        auto f = respond::parse_event_filter(sig, conditions, emitter);
        if (!f) return e.error_at(conditions.empty() ? "signature" : "conditions", f.error().message);
        SUTURE_CHECK(e.finish());
        d.events.push_back(std::move(*f));
    }
    SUTURE_TRY(calls, t.tables("calls"));
    for (auto& c : calls) {
        SUTURE_CHECK(c.only({"signature", "to", "conditions"}));
        SUTURE_TRY(sig, c.string("signature"));
        SUTURE_TRY(to, optional_target(c, "to", m));
        SUTURE_TRY(conditions, c.strings("conditions"));
        auto f = respond::parse_call_filter(sig, conditions, to);
        if (!f) return c.error_at(conditions.empty() ? "signature" : "conditions", f.error().message);
        SUTURE_CHECK(c.finish());
        d.calls.push_back(std::move(*f));
    }
    SUTURE_TRY(status, t.optional_string("status"));
    std::string st = status.value_or("any");
    if (st == "any") d.status = respond::TxStatusFilter::any;
    else if (st == "success") d.status = respond::TxStatusFilter::success;
    else if (st == "failure") d.status = respond::TxStatusFilter::failure;
    else return t.error_at("status", "unknown status '" + st + "' (any, success, failure)");
    SUTURE_TRY(script, t.optional_existing_path("script"));
    d.script = script.value_or("");
    if (d.events.empty() && d.calls.empty() && d.status == respond::TxStatusFilter::any)
        return t.error_here("a match detector needs events, calls or a status");
    return {};
}

Result<DetectorSpec> read_detector(TomlTable& t, const Manifest& m) {
    SUTURE_CHECK(t.only({"name", "kind", "pause", "notify", "events", "calls", "status", "script", "expression",
                         "target", "function", "args", "relation", "token", "threshold", "scope", "window",
                         "functions", "allow", "slots"}));
    DetectorSpec d;
    SUTURE_TRY(name, t.string("name"));
    d.name = name;
    SUTURE_TRY(kind, t.string("kind"));
    SUTURE_TRY(pause, t.optional_bool("pause"));
    d.pause = pause.value_or(true);
    SUTURE_TRY(notify, t.optional_bool("notify"));
    d.notify = notify.value_or(true);
    // Each kind reads its own keys; a key of another kind is reported as not
    // belonging to this one.
    auto only_for = [&](std::initializer_list<std::string_view> allowed) -> Status {
        for (std::string_view k : {"events", "calls", "status", "script", "expression", "target", "function", "args",
                                   "relation", "token", "threshold", "scope", "window", "functions", "allow", "slots"}) {
            if (!t.has(k)) continue;
            if (std::find(allowed.begin(), allowed.end(), k) == allowed.end())
                return t.error_at(k, "is not a setting of a " + kind + " detector");
        }
        return {};
    };
    if (kind == "match") {
        d.kind = DetectorKind::match;
        SUTURE_CHECK(only_for({"events", "calls", "status", "script"}));
        SUTURE_CHECK(read_match(t, d, m));
    } else if (kind == "expression") {
        d.kind = DetectorKind::expression;
        SUTURE_CHECK(only_for({"expression"}));
        SUTURE_TRY(e, t.string("expression"));
        d.expression = e;
    } else if (kind == "invariant") {
        d.kind = DetectorKind::invariant;
        SUTURE_CHECK(only_for({"target", "function", "args", "relation"}));
        respond::InvariantSpec s;
        SUTURE_TRY(target, required_target(t, "target", m));
        s.target = target;
        SUTURE_TRY(function, t.string("function"));
        s.function = function;
        SUTURE_TRY(args, t.strings("args"));
        s.args = std::move(args);
        SUTURE_TRY(relation, t.optional_string("relation"));
        s.relation = relation.value_or("");
        if (auto c = respond::check_invariant_spec(s); !c)
            return t.error_at(s.relation.empty() ? "function" : "relation", c.error().message);
        d.invariant = std::move(s);
    } else if (kind == "outflow") {
        d.kind = DetectorKind::outflow;
        SUTURE_CHECK(only_for({"target", "token", "threshold", "scope", "window"}));
        respond::OutflowSpec s;
        SUTURE_TRY(target, required_target(t, "target", m));
        s.target = target;
        SUTURE_TRY(token_text, t.optional_string("token"));
        if (token_text && *token_text != "ETH") {
            SUTURE_TRY(token, target_or_address(t, "token", *token_text, m));
            s.token = token;
            s.token_name = *token_text;
        } else {
            s.token_name = "ETH";
        }
        SUTURE_TRY(threshold, t.string("threshold"));
        auto amount = parse_amount(threshold);
        if (!amount) return t.error_at("threshold", amount.error().message);
        s.threshold = *amount;
        SUTURE_TRY(scope, t.optional_string("scope"));
        std::string sc = scope.value_or("transaction");
        if (sc == "transaction") s.scope = respond::OutflowSpec::Scope::transaction;
        else if (sc == "block") s.scope = respond::OutflowSpec::Scope::block;
        else if (sc == "window") s.scope = respond::OutflowSpec::Scope::window;
        else return t.error_at("scope", "unknown scope '" + sc + "' (transaction, block, window)");
        SUTURE_TRY(window, t.optional_uint("window"));
        if (s.scope == respond::OutflowSpec::Scope::window) {
            if (!window || *window == 0) return t.error_at("window", "scope window needs window = N blocks (N >= 1)");
            s.window = *window;
        } else if (window) {
            return t.error_at("window", "only for scope = \"window\"");
        }
        d.outflow = std::move(s);
    } else if (kind == "watchlist") {
        d.kind = DetectorKind::watchlist;
        SUTURE_CHECK(only_for({"target", "functions", "allow"}));
        respond::WatchlistSpec s;
        SUTURE_TRY(target, required_target(t, "target", m));
        s.target = target;
        SUTURE_TRY(functions, t.strings("functions"));
        if (functions.empty()) return t.error_at("functions", "needs at least one function signature");
        for (size_t i = 0; i < functions.size(); ++i)
            if (auto sig = abi::parse_signature(functions[i]); !sig)
                return t.error_at("functions", "[" + std::to_string(i) + "]: " + sig.error().message);
        s.functions = std::move(functions);
        SUTURE_TRY(allow, t.strings("allow"));
        for (size_t i = 0; i < allow.size(); ++i) {
            auto a = target_or_address(t, "allow", allow[i], m);
            if (!a) return a.error();
            s.allow.push_back(*a);
        }
        d.watchlist = std::move(s);
    } else if (kind == "slot") {
        d.kind = DetectorKind::slot;
        SUTURE_CHECK(only_for({"target", "slots"}));
        respond::SlotSpec s;
        SUTURE_TRY(target, required_target(t, "target", m));
        s.target = target;
        SUTURE_TRY(slots, t.strings("slots"));
        if (slots.empty()) return t.error_at("slots", "needs at least one slot (implementation, admin, beacon, owner, 0x..)");
        for (const auto& n : slots)
            if (auto c = respond::check_slot_name(n); !c) return t.error_at("slots", c.error().message);
        s.slots = std::move(slots);
        d.slot = std::move(s);
    } else {
        return t.error_at("kind", "unknown detector kind '" + kind +
                                      "' (match, expression, invariant, outflow, watchlist, slot)");
    }
    SUTURE_CHECK(t.finish());
    return d;
}

Result<NotifySpec> read_notify(TomlTable& t) {
    SUTURE_CHECK(t.only({"kind", "url", "secret_env", "chat_id", "bot_token_env", "from", "to", "username_env",
                         "password_env", "script", "retries", "backoff_ms"}));
    NotifySpec n;
    SUTURE_TRY(kind, t.string("kind"));
    if (kind == "stdout") n.kind = NotifyKind::stdout_json;
    else if (kind == "webhook") n.kind = NotifyKind::webhook;
    else if (kind == "slack") n.kind = NotifyKind::slack;
    else if (kind == "discord") n.kind = NotifyKind::discord;
    else if (kind == "telegram") n.kind = NotifyKind::telegram;
    else if (kind == "email") n.kind = NotifyKind::email;
    else if (kind == "script") n.kind = NotifyKind::script;
    else return t.error_at("kind", "unknown channel '" + kind + "' (stdout, webhook, slack, discord, telegram, email, script)");
    SUTURE_TRY(url, t.optional_string("url"));
    n.url = url.value_or("");
    SUTURE_TRY(secret, from_env(t, "secret_env"));
    n.secret = secret;
    SUTURE_TRY(chat, t.optional_string("chat_id"));
    n.chat_id = chat.value_or("");
    SUTURE_TRY(bot, from_env(t, "bot_token_env"));
    n.bot_token = bot;
    SUTURE_TRY(from, t.optional_string("from"));
    n.from = from.value_or("");
    SUTURE_TRY(to, t.strings("to"));
    n.to = std::move(to);
    SUTURE_TRY(user, from_env(t, "username_env"));
    n.username = user;
    SUTURE_TRY(password, from_env(t, "password_env"));
    n.password = password;
    SUTURE_TRY(script, t.optional_existing_path("script"));
    n.script = script.value_or("");
    SUTURE_TRY(retries, t.optional_uint("retries"));
    if (retries) n.retries = static_cast<unsigned>(std::min<uint64_t>(*retries, 100));
    SUTURE_TRY(backoff, t.optional_uint("backoff_ms"));
    if (backoff) n.backoff = std::chrono::milliseconds(std::min<uint64_t>(*backoff, 600000));
    // The channel's own required settings, named at the table.
    switch (n.kind) {
        case NotifyKind::webhook:
        case NotifyKind::slack:
        case NotifyKind::discord:
            if (n.url.empty()) return t.error_here("a " + kind + " channel needs url");
            break;
        case NotifyKind::telegram:
            if (n.chat_id.empty() || n.bot_token.empty()) return t.error_here("a telegram channel needs chat_id and bot_token_env");
            break;
        case NotifyKind::email:
            if (n.url.empty() || n.from.empty() || n.to.empty())
                return t.error_here("an email channel needs url (smtp[s]://host:port), from and to");
            break;
        case NotifyKind::script:
            if (n.script.empty()) return t.error_here("a script channel needs script");
            break;
        case NotifyKind::stdout_json: break;
    }
    SUTURE_CHECK(t.finish());
    return n;
}

}  // namespace

Result<uint256> parse_amount(std::string_view text) {
    const std::string where = "amount '" + std::string(text) + "'";
    std::string_view number = text, unit;
    if (auto sp = text.find(' '); sp != std::string_view::npos) {
        number = text.substr(0, sp);
        unit = text.substr(sp + 1);
    }
    unsigned decimals = 0;
    if (unit == "ether") decimals = 18;
    else if (unit == "gwei") decimals = 9;
    else if (!unit.empty() && unit != "wei") return input_error(where + ": unknown unit '" + std::string(unit) + "' (wei, gwei, ether)");
    std::string digits(number);
    if (auto dot = digits.find('.'); dot != std::string::npos) {
        std::string frac = digits.substr(dot + 1);
        if (frac.size() > decimals) return input_error(where + ": more decimals than the unit has");
        digits = digits.substr(0, dot) + frac + std::string(decimals - frac.size(), '0');
        decimals = 0;
    }
    auto v = uint256::parse(digits);
    if (!v) return input_error(where + ": " + v.error().message);
    uint256 scale(1);
    for (unsigned i = 0; i < decimals; ++i) scale = scale * uint256(10);
    if (*v != uint256(0) && (uint256::max() / scale) < *v) return input_error(where + ": above 2^256");
    return *v * scale;
}

Result<respond::MonitorSpec> read_monitor(TomlTable& t, const Manifest& m) {
    SUTURE_CHECK(t.only({"targets", "pending", "poll_ms", "start_block", "state_file", "fetch_ahead", "reorg_depth",
                         "detectors", "notify"}));
    respond::MonitorSpec s;
    SUTURE_TRY(targets, t.strings("targets"));
    if (!t.has("targets"))
        for (const auto& x : m.targets) s.targets.push_back(x.address);
    for (const auto& name : targets) {
        SUTURE_TRY(a, target_or_address(t, "targets", name, m));
        s.targets.push_back(a);
    }
    SUTURE_TRY(pending, t.optional_bool("pending"));
    s.pending = pending.value_or(false);
    SUTURE_TRY(poll, t.optional_uint("poll_ms"));
    if (poll) s.poll_interval = std::chrono::milliseconds(std::max<uint64_t>(*poll, 10));
    SUTURE_TRY(start, t.optional_uint("start_block"));
    s.start_block = start;
    SUTURE_TRY(state, t.optional_string("state_file"));
    s.state_file = beside(t, m.path, state.value_or("suture.monitor.json"));
    SUTURE_TRY(ahead, t.optional_uint("fetch_ahead"));
    if (ahead) {
        if (*ahead == 0 || *ahead > 1000) return t.error_at("fetch_ahead", "expected 1 to 1000 blocks");
        s.fetch_ahead = *ahead;
    }
    SUTURE_TRY(depth, t.optional_uint("reorg_depth"));
    if (depth) {
        if (*depth == 0) return t.error_at("reorg_depth", "expected at least 1 block");
        s.reorg_depth = *depth;
    }
    s.ledger = m.ledger;
    SUTURE_TRY(detectors, t.tables("detectors"));
    for (auto& d : detectors) {
        SUTURE_TRY(spec, read_detector(d, m));
        s.detectors.push_back(std::move(spec));
    }
    if (s.detectors.empty()) return t.error_here("declare at least one [[monitor.detectors]]");
    if (auto c = respond::check_monitor_spec(s); !c) return t.error_at("detectors", c.error().message);
    SUTURE_TRY(notify, t.tables("notify"));
    for (auto& n : notify) {
        SUTURE_TRY(spec, read_notify(n));
        s.notify.push_back(std::move(spec));
    }
    SUTURE_CHECK(t.finish());
    return s;
}

}  // namespace suture::pipeline
