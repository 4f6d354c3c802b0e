// Audit chain hashing (audit_chain.hpp).
#include "ledger/audit_chain.hpp"

#include "core/keccak.hpp"
#include "ledger/canonical_json.hpp"

namespace suture::ledger {

Result<std::string> event_body(int64_t seq, std::string_view kind, int64_t time, const nlohmann::json& data) {
    nlohmann::json e{{"seq", seq}, {"kind", kind}, {"time", time}, {"data", data}};
    return canonical_json(e);
}

Bytes32 chain_hash(const Bytes32& prev, std::string_view event) {
    Bytes buf;
    buf.reserve(prev.size() + event.size());
    buf.insert(buf.end(), prev.begin(), prev.end());
    buf.insert(buf.end(), event.begin(), event.end());
    return keccak256(buf);
}

std::string_view event_kind(std::string_view event) {
    // Canonical text escapes every '"' inside strings, so the unescaped
    // `,"kind":"` found last is the top-level member (data comes first).
    static constexpr std::string_view key = ",\"kind\":\"";
    size_t at = event.rfind(key);
    if (at == std::string_view::npos) return {};
    size_t start = at + key.size();
    size_t end = event.find('"', start);
    if (end == std::string_view::npos) return {};
    return event.substr(start, end - start);
}

}  // namespace suture::ledger

namespace suture::ledger {
namespace {

std::optional<int64_t> int_member(std::string_view event, std::string_view key) {
    size_t at = event.rfind(key);
    if (at == std::string_view::npos) return std::nullopt;
    size_t i = at + key.size();
    bool neg = i < event.size() && event[i] == '-';
    if (neg) ++i;
    if (i >= event.size() || event[i] < '0' || event[i] > '9') return std::nullopt;
    int64_t v = 0;
    for (; i < event.size() && event[i] >= '0' && event[i] <= '9'; ++i) {
        if (v > (INT64_MAX - 9) / 10) return std::nullopt;
        v = v * 10 + (event[i] - '0');
    }
    return neg ? -v : v;
}

}  // namespace

std::optional<int64_t> event_seq(std::string_view event) { return int_member(event, ",\"seq\":"); }
std::optional<int64_t> event_time(std::string_view event) { return int_member(event, ",\"time\":"); }

}  // namespace suture::ledger
