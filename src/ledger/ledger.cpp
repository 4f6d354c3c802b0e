// Ledger: opening, transactions, the audit append and row access
// (ledger.hpp, row_view.hpp). Typed records: ledger_records.cpp; verification: ledger_verify.cpp.
#include "ledger/ledger.hpp"

#include <sys/stat.h>

#include <ctime>

#include "ledger/canonical_json.hpp"
#include "ledger/ledger_impl.hpp"
#include "ledger/schema.hpp"

namespace suture::ledger {
namespace {

// Long enough to ride out a reader's WAL checkpoint, short enough that a
// foreign writer (the sqlite3 shell holding a transaction) fails fast.
constexpr int kBusyTimeoutMs = 1000;

Result<AuditHead> read_head(Database& db) {
    SUTURE_TRY(q, db.prepare("SELECT seq, hash FROM audit_head WHERE id = 1"));
    SUTURE_TRY(row, q.step());
    AuditHead h;
    if (!row) return h;
    h.seq = q.int64(0);
    auto b = q.blob(1);
    if (b.size() != 32) return input_error(db.path() + ": audit_head.hash is not 32 bytes");
    std::copy(b.begin(), b.end(), h.hash.begin());
    return h;
}

Bytes32 to_bytes32(BytesView b) {
    Bytes32 out{};
    if (b.size() == 32) std::copy(b.begin(), b.end(), out.begin());
    return out;
}

}  // namespace

const char* tamper_name(TamperKind k) {
    switch (k) {
    case TamperKind::edited: return "edited";
    case TamperKind::inserted: return "inserted";
    case TamperKind::deleted: return "deleted";
    case TamperKind::reordered: return "reordered";
    }
    return "?";
}

Ledger::Ledger(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Ledger::Ledger(Ledger&&) noexcept = default;
Ledger& Ledger::operator=(Ledger&&) noexcept = default;
Ledger::~Ledger() = default;

const std::string& Ledger::path() const { return impl_->db.path(); }

Result<Ledger> Ledger::open(const std::string& path, Access access) {
    std::optional<WriterLock> lock;
    if (access == Access::write) {
        SUTURE_TRY(l, WriterLock::acquire(path));
        lock.emplace(std::move(l));
    } else {
        struct stat st {};
        if (::stat(path.c_str(), &st) != 0)
            return input_error("ledger " + path + " does not exist (a command that records, such as "
                               "`suture incident open`, creates it)");
    }
    auto mode = access == Access::write ? Database::Mode::read_write_create : Database::Mode::read_only;
    SUTURE_TRY(db, Database::open(path, mode, kBusyTimeoutMs));
    auto impl = std::make_unique<Impl>(std::move(db));
    impl->lock = std::move(lock);
    impl->access = access;
    const int latest = ledger_migrations().back().version;
    if (access == Access::write) {
        // WAL: readers see a consistent snapshot while a writer appends;
        // synchronous=FULL: a commit is on disk before it returns.
        SUTURE_CHECK(impl->db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL"));
        SUTURE_TRY(v, migrate(impl->db, ledger_migrations()));
        (void)v;
    } else {
        SUTURE_TRY(v, schema_version(impl->db));
        if (v != latest)
            return input_error("ledger " + path + " has schema version " + std::to_string(v) + ", this suture uses " +
                               std::to_string(latest) +
                               (v < latest ? ": run a command that records to migrate it" : ": use a newer suture"));
    }
    return Ledger(std::move(impl));
}

Status Ledger::Impl::require_write() const {
    if (access != Access::write) return internal_error(db.path() + ": ledger opened read-only");
    return {};
}

Status Ledger::transaction(const std::function<Status()>& body) {
    Impl& d = *impl_;
    SUTURE_CHECK(d.require_write());
    if (d.depth > 0) {
        ++d.depth;
        Status s = body();
        --d.depth;
        return s;
    }
    // IMMEDIATE: take SQLite's write lock now, so a foreign writer makes us
    // fail here (after the busy timeout) rather than midway through.
    SUTURE_CHECK(d.db.exec("BEGIN IMMEDIATE"));
    auto head = read_head(d.db);
    if (!head.ok()) {
        (void)d.db.exec("ROLLBACK");
        return std::move(head).error();
    }
    d.head = *head;
    d.depth = 1;
    Status s = body();
    d.depth = 0;
    if (s.ok()) s = d.db.exec("COMMIT");
    if (!s.ok()) (void)d.db.exec("ROLLBACK");
    return s;
}

Result<int64_t> Ledger::Impl::append_event(std::string_view kind, const nlohmann::json& data) {
    const int64_t seq = head.seq + 1;
    SUTURE_TRY(body, event_body(seq, kind, int64_t(std::time(nullptr)), data));
    const Bytes32 hash = chain_hash(head.hash, body);
    if (!insert_event) {
        SUTURE_TRY(st, db.prepare("INSERT INTO audit_log (seq, event, prev_hash, hash) VALUES (?1, ?2, ?3, ?4)"));
        insert_event.emplace(std::move(st));
        SUTURE_TRY(up, db.prepare("INSERT INTO audit_head (id, seq, hash) VALUES (1, ?1, ?2) "
                                  "ON CONFLICT(id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash"));
        update_head.emplace(std::move(up));
    }
    SUTURE_CHECK(insert_event->bind(1, seq).bind(2, body).bind_blob(3, head.hash).bind_blob(4, hash).run());
    SUTURE_CHECK(update_head->bind(1, seq).bind_blob(2, hash).run());
    head = {seq, hash};
    return seq;
}

Result<int64_t> Ledger::append(std::string_view kind, const nlohmann::json& data) {
    if (kind.empty()) return input_error("ledger event: empty kind");
    if (mirrored_table_for(kind))
        return internal_error("ledger event kind \"" + std::string(kind) + "\" is recorded through its table");
    int64_t seq = 0;
    SUTURE_CHECK(transaction([&]() -> Status {
        SUTURE_TRY(s, impl_->append_event(kind, data));
        seq = s;
        return {};
    }));
    return seq;
}

Result<nlohmann::json> row_object(const MirroredTable& t, const Statement& st) {
    nlohmann::json o = nlohmann::json::object();
    o["id"] = st.int64(0);
    for (size_t i = 0; i < t.columns.size(); ++i) {
        const Column& c = t.columns[i];
        const int col = static_cast<int>(i) + 2;
        if (st.is_null(col)) {
            o[c.name] = nullptr;
        } else if (c.kind == ColumnKind::integer) {
            // A value of another type (an edit through plain SQL) shows as its text.
            if (st.is_integer(col)) o[c.name] = st.int64(col);
            else o[c.name] = st.text(col);
        } else if (c.kind == ColumnKind::json) {
            auto parsed = nlohmann::json::parse(st.text_view(col), nullptr, false);
            o[c.name] = parsed.is_discarded() ? nlohmann::json(st.text(col)) : parsed;
        } else {
            o[c.name] = st.text(col);
        }
    }
    return o;
}

Result<int64_t> Ledger::Impl::insert_mirrored(Ledger& l, const MirroredTable& t, const nlohmann::json& row) {
    std::string sql = std::string("INSERT INTO ") + t.table + " (audit_seq";
    std::string values = "?1";
    for (size_t i = 0; i < t.columns.size(); ++i) {
        sql += std::string(", ") + t.columns[i].name;
        values += ", ?" + std::to_string(i + 2);
    }
    sql += ") VALUES (" + values + ")";
    int64_t id = 0;
    SUTURE_CHECK(l.transaction([&]() -> Status {
        SUTURE_TRY(st, db.prepare(sql));
        st.bind(1, head.seq + 1);
        nlohmann::json data = nlohmann::json::object();
        for (size_t i = 0; i < t.columns.size(); ++i) {
            const Column& c = t.columns[i];
            const int p = static_cast<int>(i) + 2;
            auto it = row.find(c.name);
            if (it == row.end() || it->is_null()) {
                if (!c.nullable) return internal_error(std::string(t.table) + "." + c.name + " is required");
                st.bind_null(p);
                data[c.name] = nullptr;
            } else if (c.kind == ColumnKind::integer) {
                if (!it->is_number_integer())
                    return internal_error(std::string(t.table) + "." + c.name + " must be an integer");
                st.bind(p, it->get<int64_t>());
                data[c.name] = *it;
            } else if (c.kind == ColumnKind::json) {
                SUTURE_TRY(text, canonical_json(*it));
                st.bind(p, text);
                data[c.name] = *it;
            } else {
                if (!it->is_string()) return internal_error(std::string(t.table) + "." + c.name + " must be text");
                st.bind(p, it->get<std::string>());
                data[c.name] = *it;
            }
        }
        SUTURE_CHECK(st.run());
        id = db.last_insert_rowid();
        data["id"] = id;
        SUTURE_TRY(seq, append_event(t.event_kind, data));
        (void)seq;
        return {};
    }));
    return id;
}

Status Ledger::Impl::each_row(const MirroredTable& t, const std::function<Status(const RowView&)>& fn,
                             const std::string& where, std::optional<std::string> arg, const std::string& source) {
    // The event text is read for its time (audit_chain.hpp: event_time).
    std::string sql = "SELECT r.*, a.event FROM (" + (source.empty() ? select_columns(t) : source) +
                      ") r JOIN audit_log a ON a.seq = r.audit_seq";
    if (!where.empty()) sql += " WHERE " + where;
    sql += " ORDER BY r.id";
    SUTURE_TRY(st, db.prepare(sql));
    if (arg) st.bind(1, *arg);
    const RowView row(t, st);
    for (;;) {
        SUTURE_TRY(more, st.step());
        if (!more) return {};
        SUTURE_CHECK(fn(row));
    }
}

Result<std::vector<LoggedEvent>> Ledger::log(int64_t after, int64_t limit) {
    SUTURE_TRY(st, impl_->db.prepare("SELECT seq, event, hash FROM audit_log WHERE seq > ?1 ORDER BY seq LIMIT ?2"));
    st.bind(1, after).bind(2, limit);
    std::vector<LoggedEvent> out;
    for (;;) {
        SUTURE_TRY(more, st.step());
        if (!more) break;
        LoggedEvent e;
        e.seq = st.int64(0);
        auto j = nlohmann::json::parse(st.text_view(1), nullptr, false);
        if (j.is_discarded() || !j.is_object())
            return input_error(path() + ": audit record " + std::to_string(e.seq) +
                               " is not JSON (run `suture log verify`)");
        e.kind = j.value("kind", "");
        e.time = j.value("time", int64_t(0));
        e.data = j.contains("data") ? j["data"] : nlohmann::json();
        e.hash = to_bytes32(st.blob(2));
        out.push_back(std::move(e));
    }
    return out;
}

Result<AuditHead> Ledger::head() { return read_head(impl_->db); }

}  // namespace suture::ledger
