// Ledger::verify: recompute the audit chain, then compare every mirrored row
// with the audit record that wrote it (ledger.hpp, audit_chain.hpp).
#include <algorithm>
#include <map>
#include <unordered_map>

#include "core/hex.hpp"
#include "ledger/ledger.hpp"
#include "ledger/ledger_impl.hpp"

namespace suture::ledger {
namespace {

struct StoredRecord {
    int64_t seq;        // the row's seq column (its position)
    int64_t event_seq;  // the seq inside its event text (-1: unreadable)
    std::string event;
    Bytes32 prev{}, hash{};
};

Bytes32 to32(BytesView b) {
    Bytes32 out{};
    std::copy_n(b.begin(), std::min<size_t>(b.size(), 32), out.begin());
    return out;
}

std::string rec(int64_t seq) { return "record " + std::to_string(seq); }

// The first break of the chain, if any, walking from record 1. Stops there: every later hash
// depends on it, so later "breaks" would only repeat it.
std::optional<TamperFinding> walk_chain(const std::vector<StoredRecord>& rs, const AuditHead& head) {
    std::unordered_map<int64_t, int64_t> position_of_event;  // event seq -> row seq
    for (const auto& r : rs) position_of_event.emplace(r.event_seq, r.seq);
    Bytes32 running{};
    int64_t expected = 1;
    for (const auto& r : rs) {
        if (r.seq != expected)
            return TamperFinding{expected, TamperKind::deleted,
                                 rec(expected) + (r.seq - expected > 1 ? " to " + std::to_string(r.seq - 1) : "") +
                                     ": missing (deleted; the log goes from " + std::to_string(expected - 1) +
                                     " to " + std::to_string(r.seq) + ")"};
        if (r.event_seq != r.seq) {
            auto moved = position_of_event.find(r.seq);
            // A later record here while this one sits further on: moved.
            if (r.event_seq > r.seq && moved != position_of_event.end())
                return TamperFinding{r.seq, TamperKind::reordered,
                                     rec(r.seq) + ": out of order (position " + std::to_string(r.seq) +
                                         " holds record " + std::to_string(r.event_seq) + ", and record " +
                                         std::to_string(r.seq) + " is at position " +
                                         std::to_string(moved->second) + ")"};
            if (r.event_seq > r.seq)
                return TamperFinding{r.seq, TamperKind::deleted,
                                     rec(r.seq) + ": missing (deleted; position " + std::to_string(r.seq) +
                                         " holds record " + std::to_string(r.event_seq) +
                                         ", later records renumbered)"};
            if (r.event_seq > 0)
                return TamperFinding{r.event_seq, TamperKind::inserted,
                                     rec(r.event_seq) + ": " + std::to_string(r.seq - r.event_seq) +
                                         " record(s) inserted at " + std::to_string(r.event_seq) +
                                         " (record " + std::to_string(r.event_seq) + " is now at position " +
                                         std::to_string(r.seq) + ")"};
            return TamperFinding{r.seq, TamperKind::edited, rec(r.seq) + ": edited (its text is not an event)"};
        }
        if (r.prev != running)
            return TamperFinding{r.seq, TamperKind::inserted,
                                 rec(r.seq) + ": does not link to " + rec(r.seq - 1) +
                                     " (inserted, or its predecessor rewritten)"};
        const Bytes32 h = chain_hash(running, r.event);
        if (h != r.hash)
            return TamperFinding{r.seq, TamperKind::edited,
                                 rec(r.seq) + " (" + std::string(event_kind(r.event)) +
                                     "): edited (its contents no longer match its hash)"};
        running = h;
        ++expected;
    }
    const int64_t last = expected - 1;
    if (head.seq > last)
        return TamperFinding{last + 1, TamperKind::deleted,
                             rec(last + 1) + (head.seq > last + 1 ? " to " + std::to_string(head.seq) : "") +
                                 ": missing at the end (deleted; the ledger's head is record " +
                                 std::to_string(head.seq) + ")"};
    if (head.seq < last)
        return TamperFinding{head.seq + 1, TamperKind::inserted,
                             rec(head.seq + 1) + ": inserted after the ledger's head (record " +
                                 std::to_string(head.seq) + ")"};
    if (head.hash != running)
        return TamperFinding{last, TamperKind::edited,
                             rec(last) + ": the ledger's head hash is not the chain's (" + to_hex(head.hash) + " vs " +
                                 to_hex(running) + ")"};
    return std::nullopt;
}

// Records past the stored head were added outside Suture, whatever else
// is wrong with them: say so rather than describing their hashes.
std::optional<TamperFinding> check_chain(const std::vector<StoredRecord>& rs, const AuditHead& head) {
    auto f = walk_chain(rs, head);
    if (f && f->seq > head.seq && !rs.empty() && rs.back().seq > head.seq)
        return TamperFinding{head.seq + 1, TamperKind::inserted,
                             rec(head.seq + 1) + ": inserted after the ledger's head (record " +
                                 std::to_string(head.seq) + ")"};
    return f;
}

// The first column whose value differs, for the message.
std::string first_difference(const nlohmann::json& row, const nlohmann::json& data) {
    for (const auto& [k, v] : data.items())
        if (!row.contains(k) || row[k] != v)
            return "column " + k + " is " + (row.contains(k) ? row[k].dump() : "missing") + " in the table but " +
                   v.dump() + " in the audit log";
    for (const auto& [k, v] : row.items())
        if (!data.contains(k)) return "column " + k + " is not in the audit log";
    return "differs from the audit log";
}

}  // namespace

Result<VerifyReport> Ledger::verify() {
    Database& db = impl_->db;
    VerifyReport report;
    SUTURE_TRY(head, this->head());
    report.head = head;

    std::vector<StoredRecord> records;
    {
        SUTURE_TRY(st, db.prepare("SELECT seq, event, prev_hash, hash FROM audit_log ORDER BY seq"));
        for (;;) {
            SUTURE_TRY(more, st.step());
            if (!more) break;
            StoredRecord r;
            r.seq = st.int64(0);
            r.event = st.text(1);
            r.event_seq = event_seq(r.event).value_or(-1);
            r.prev = to32(st.blob(2));
            r.hash = to32(st.blob(3));
            records.push_back(std::move(r));
        }
    }
    report.records = static_cast<int64_t>(records.size());
    if (auto f = check_chain(records, head)) report.problems.push_back(std::move(*f));

    // Mirrored rows against their records. Keyed by the row's audit_seq;
    // only events of mirrored kinds are parsed.
    for (const MirroredTable& t : mirrored_tables()) {
        std::map<int64_t, nlohmann::json> rows;  // audit_seq -> row object
        SUTURE_TRY(st, db.prepare(select_columns(t)));
        for (;;) {
            SUTURE_TRY(more, st.step());
            if (!more) break;
            SUTURE_TRY(o, row_object(t, st));
            rows.emplace(st.int64(1), std::move(o));
        }
        for (const auto& r : records) {
            if (event_kind(r.event) != t.event_kind) continue;
            auto e = nlohmann::json::parse(r.event, nullptr, false);
            if (e.is_discarded() || !e.is_object() || !e.contains("data")) continue;  // the chain check names it
            const nlohmann::json& data = e["data"];
            auto it = rows.find(r.seq);
            const std::string id = data.contains("id") ? data["id"].dump() : "?";
            if (it == rows.end()) {
                report.problems.push_back({r.seq, TamperKind::deleted,
                                           rec(r.seq) + " (" + t.event_kind + "): its " + t.table + " row " + id +
                                               " is missing (deleted)"});
                continue;
            }
            if (it->second != data)
                report.problems.push_back({r.seq, TamperKind::edited,
                                           std::string(t.table) + " row " + it->second["id"].dump() + " (" +
                                               rec(r.seq) + "): edited: " + first_difference(it->second, data)});
            rows.erase(it);
        }
        for (const auto& [seq, row] : rows)
            report.problems.push_back({seq, TamperKind::inserted,
                                       std::string(t.table) + " row " + row["id"].dump() +
                                           ": not in the audit log (inserted; it claims " + rec(seq) + ")"});
    }
    std::stable_sort(report.problems.begin(), report.problems.end(),
                     [](const TamperFinding& a, const TamperFinding& b) { return a.seq < b.seq; });
    return report;
}

}  // namespace suture::ledger
