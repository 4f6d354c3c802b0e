#include "respond/pause_record.hpp"

#include "core/hex.hpp"

namespace suture::respond {
namespace {

const char* kind_name(ErrorKind k) {
    switch (k) {
        case ErrorKind::input: return "input";
        case ErrorKind::usage: return "usage";
        case ErrorKind::chain: return "chain";
        case ErrorKind::findings: return "findings";
        case ErrorKind::internal: return "internal";
        case ErrorKind::unsupported: return "unsupported";
    }
    return "internal";
}

}  // namespace

nlohmann::json pause_outcome_json(const PauseOutcome& o) {
    nlohmann::json j{{"target", to_checksum(o.target)},
                     {"action", pause_action_name(o.action)},
                     {"function", o.function},
                     {"status", pause_status_name(o.status)}};
    if (!o.mechanism.empty()) j["mechanism"] = o.mechanism;
    if (o.tx_hash) j["tx"] = to_hex(*o.tx_hash);
    if (o.nonce) j["nonce"] = *o.nonce;
    if (o.block) j["block"] = *o.block;
    if (o.replacements) j["replacements"] = o.replacements;
    if (o.safe_tx_hash) j["safe_tx_hash"] = to_hex(*o.safe_tx_hash);
    if (o.error) j["error"] = {{"kind", kind_name(o.error->kind)}, {"message", o.error->message}};
    return j;
}

Result<std::vector<int64_t>> record_pauses(ledger::Ledger& l, const std::vector<PauseOutcome>& outcomes,
                                           std::optional<int64_t> incident) {
    std::vector<int64_t> seqs;
    SUTURE_CHECK(l.transaction([&]() -> Status {
        for (const auto& o : outcomes) {
            auto data = pause_outcome_json(o);
            if (incident) data["incident"] = *incident;
            SUTURE_TRY(seq, l.append(o.action == PauseAction::pause ? kPauseEvent : kUnpauseEvent, data));
            seqs.push_back(seq);
        }
        return {};
    }));
    return seqs;
}

}  // namespace suture::respond
