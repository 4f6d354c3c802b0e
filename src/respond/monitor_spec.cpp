#include "respond/monitor_spec.hpp"

#include <set>

#include "respond/detector_expression.hpp"

namespace suture::respond {

const char* detector_kind_name(DetectorKind k) {
    switch (k) {
        case DetectorKind::match: return "match";
        case DetectorKind::expression: return "expression";
        case DetectorKind::invariant: return "invariant";
        case DetectorKind::outflow: return "outflow";
        case DetectorKind::watchlist: return "watchlist";
        case DetectorKind::slot: return "slot";
    }
    return "?";
}

const char* notify_kind_name(NotifyKind k) {
    switch (k) {
        case NotifyKind::stdout_json: return "stdout";
        case NotifyKind::webhook: return "webhook";
        case NotifyKind::slack: return "slack";
        case NotifyKind::discord: return "discord";
        case NotifyKind::telegram: return "telegram";
        case NotifyKind::email: return "email";
        case NotifyKind::script: return "script";
    }
    return "?";
}

Status check_detectors(const std::vector<DetectorSpec>& detectors) {
    std::set<std::string, std::less<>> names;
    for (const auto& d : detectors) {
        const std::string where = "detector " + (d.name.empty() ? std::string("(unnamed)") : d.name);
        if (d.name.empty()) return input_error(where + ": needs a name");
        if (!names.insert(d.name).second) return input_error(where + ": the name is used twice");
        bool ok = true;
        switch (d.kind) {
            case DetectorKind::match: ok = true; break;
            case DetectorKind::expression: ok = !d.expression.empty(); break;
            case DetectorKind::invariant: ok = d.invariant.has_value(); break;
            case DetectorKind::outflow:
                ok = d.outflow.has_value() && (d.outflow->scope != OutflowSpec::Scope::window || d.outflow->window > 0);
                break;
            case DetectorKind::watchlist: ok = d.watchlist.has_value() && !d.watchlist->functions.empty(); break;
            case DetectorKind::slot: ok = d.slot.has_value() && !d.slot->slots.empty(); break;
        }
        if (!ok) return input_error(where + ": the " + detector_kind_name(d.kind) + " detector's settings are missing");
    }
    for (const auto& d : detectors) {
        if (d.kind != DetectorKind::expression) continue;
        auto e = DetectorExpression::parse(d.expression);
        if (!e) return input_error("detector " + d.name + ": " + e.error().message);
        for (const auto& n : e->names()) {
            const DetectorSpec* used = nullptr;
            for (const auto& x : detectors)
                if (x.name == n) used = &x;
            if (!used) return input_error("detector " + d.name + ": expression names no detector '" + n + "'");
            if (used->kind != DetectorKind::match && used->kind != DetectorKind::watchlist)
                return input_error("detector " + d.name + ": expression uses '" + n + "', a " +
                                   detector_kind_name(used->kind) +
                                   " detector (only match and watchlist detectors judge one transaction)");
        }
    }
    return {};
}

Status check_monitor_spec(const MonitorSpec& spec) {
    SUTURE_CHECK(check_detectors(spec.detectors));
    if (spec.fetch_ahead == 0) return input_error("monitor: fetch_ahead must be at least 1");
    return {};
}

}  // namespace suture::respond
