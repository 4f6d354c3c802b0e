#include "chain/fork_cache.hpp"

#include <sqlite3.h>

#include <array>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace suture::chain {
namespace {

constexpr const char* kFormat = "suture-fork-cache";
constexpr const char* kVersion = "1";

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS accounts(
    chain_id INTEGER NOT NULL, block INTEGER NOT NULL, address BLOB NOT NULL,
    present INTEGER NOT NULL, nonce INTEGER NOT NULL, balance BLOB NOT NULL,
    code_hash BLOB NOT NULL, has_storage INTEGER NOT NULL,
    PRIMARY KEY(chain_id, block, address)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS code(hash BLOB PRIMARY KEY, code BLOB NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS storage(
    chain_id INTEGER NOT NULL, block INTEGER NOT NULL, address BLOB NOT NULL, slot BLOB NOT NULL,
    value BLOB NOT NULL,
    PRIMARY KEY(chain_id, block, address, slot)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS blocks(
    chain_id INTEGER NOT NULL, number INTEGER NOT NULL, json TEXT NOT NULL,
    PRIMARY KEY(chain_id, number)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS history(
    chain_id INTEGER NOT NULL, number INTEGER NOT NULL, json TEXT NOT NULL,
    PRIMARY KEY(chain_id, number)) WITHOUT ROWID;
)sql";

// A prepared statement, finalized on scope exit.
class Stmt {
public:
    Stmt(sqlite3* db, const char* sql) { rc_ = sqlite3_prepare_v2(db, sql, -1, &s_, nullptr); }
    ~Stmt() { sqlite3_finalize(s_); }
    Stmt(const Stmt&) = delete;
    Stmt& operator=(const Stmt&) = delete;

    bool prepared() const { return rc_ == SQLITE_OK; }
    Stmt& bind(int i, uint64_t v) {
        sqlite3_bind_int64(s_, i, static_cast<int64_t>(v));  // bit pattern kept: read back as uint64_t
        return *this;
    }
    Stmt& bind(int i, BytesView b) {
        sqlite3_bind_blob(s_, i, b.data(), int(b.size()), SQLITE_TRANSIENT);
        return *this;
    }
    Stmt& bind(int i, const std::string& t) {
        sqlite3_bind_text(s_, i, t.data(), int(t.size()), SQLITE_TRANSIENT);
        return *this;
    }
    // SQLITE_ROW, SQLITE_DONE or an error code.
    int step() { return prepared() ? sqlite3_step(s_) : rc_; }

    uint64_t u64(int col) const { return static_cast<uint64_t>(sqlite3_column_int64(s_, col)); }
    BytesView blob(int col) const {
        auto* p = static_cast<const uint8_t*>(sqlite3_column_blob(s_, col));
        return {p, size_t(sqlite3_column_bytes(s_, col))};
    }
    std::string text(int col) const {
        auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s_, col));
        return p ? std::string(p, size_t(sqlite3_column_bytes(s_, col))) : std::string();
    }

private:
    sqlite3_stmt* s_ = nullptr;
    int rc_ = SQLITE_OK;
};

BytesView view(const Address& a) { return {a.bytes.data(), a.bytes.size()}; }
BytesView view(const Bytes32& b) { return {b.data(), b.size()}; }

Bytes32 word(const uint256& v) { return v.to_bytes32(); }

// Whether the file starts like an SQLite database (or is a truncated start of one).
bool looks_like_sqlite(const std::string& path) {
    static constexpr char kMagic[16] = "SQLite format 3";  // with its NUL: 16 bytes
    std::array<char, 16> head{};
    std::ifstream in(path, std::ios::binary);
    in.read(head.data(), head.size());
    const auto n = size_t(in.gcount());
    return std::memcmp(head.data(), kMagic, n) == 0;
}

void remove_database_files(const std::string& path) {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(path + suffix, ec);
}

// Why an existing file cannot be used: damaged (rebuild it) or someone else's (leave it).
enum class OpenProblem { none, damaged, foreign };

}  // namespace

ForkCache::~ForkCache() {
    if (db_) sqlite3_close_v2(db_);
}

Error ForkCache::error(std::string_view what) const {
    return input_error("fork cache " + path_ + ": " + std::string(what) + ": " +
                       (db_ ? sqlite3_errmsg(db_) : "cannot open"));
}

Status ForkCache::init(bool fresh) {
    if (sqlite3_open_v2(path_.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK)
        return error("open");
    sqlite3_busy_timeout(db_, 5000);
    if (sqlite3_exec(db_, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", nullptr, nullptr, nullptr) != SQLITE_OK)
        return error("set WAL mode");
    if (!fresh) return {};
    // Tables and format row in one transaction: a file either is a complete
    // empty cache or has no tables at all (which open() rebuilds).
    const std::string create = std::string("BEGIN IMMEDIATE;") + kSchema +
                               "INSERT OR REPLACE INTO meta(key, value) VALUES ('format', '" + kFormat +
                               "'), ('version', '" + kVersion + "'); COMMIT;";
    if (sqlite3_exec(db_, create.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
        Error e = error("create tables");
        sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
        return e;
    }
    return {};
}

Result<std::unique_ptr<ForkCache>> ForkCache::open(const std::string& path) {
    std::unique_ptr<ForkCache> c(new ForkCache(path));
    std::error_code ec;
    const bool existing = std::filesystem::exists(path, ec) && std::filesystem::file_size(path, ec) > 0;
    if (!existing) {
        remove_database_files(path);  // a stale -wal of an emptied file must not be replayed into the new one
        SUTURE_CHECK(c->init(true));
        c->info_.created = true;
        return c;
    }
    if (!looks_like_sqlite(path))
        return input_error("fork cache " + path + ": not a Suture fork cache (not an SQLite database); "
                           "choose another --fork-cache path");
    const Error foreign = input_error("fork cache " + path +
                                      ": an SQLite database that is not a Suture fork cache; "
                                      "choose another --fork-cache path");

    // Checked before anything is written, so that another kind of database
    // (a ledger, say) is left exactly as it was.
    OpenProblem problem = OpenProblem::none;
    std::string reason;
    if (sqlite3_open_v2(path.c_str(), &c->db_, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
        problem = OpenProblem::damaged;
        reason = c->error("open").message;
    }
    if (problem == OpenProblem::none) {
        sqlite3_busy_timeout(c->db_, 5000);
        Stmt check(c->db_, "PRAGMA quick_check(1)");
        if (check.step() != SQLITE_ROW) {
            problem = OpenProblem::damaged;
            reason = c->error("integrity check").message;
        } else if (check.text(0) != "ok") {
            problem = OpenProblem::damaged;
            reason = "fork cache " + path + ": integrity check: " + check.text(0);
        }
    }
    if (problem == OpenProblem::none) {
        Stmt tables(c->db_, "SELECT count(*), (SELECT count(*) FROM sqlite_master WHERE name = 'meta') FROM sqlite_master");
        if (tables.step() != SQLITE_ROW) {
            problem = OpenProblem::damaged;
            reason = c->error("list tables").message;
        } else if (tables.u64(0) == 0) {
            problem = OpenProblem::damaged;  // a creation that never committed
            reason = "fork cache " + path + ": no tables";
        } else if (tables.u64(1) == 0) {
            problem = OpenProblem::foreign;
        }
    }
    if (problem == OpenProblem::none) {
        Stmt format(c->db_, "SELECT (SELECT value FROM meta WHERE key = 'format'), "
                            "(SELECT value FROM meta WHERE key = 'version')");
        if (format.step() != SQLITE_ROW) {
            problem = OpenProblem::damaged;
            reason = c->error("read format").message;
        } else if (format.text(0) != kFormat) {
            problem = OpenProblem::foreign;
        } else if (format.text(1) != kVersion) {
            problem = OpenProblem::damaged;
            reason = "fork cache " + path + ": format version " + format.text(1) + ", this build reads " + kVersion;
        }
    }
    if (problem == OpenProblem::foreign) return foreign;
    if (c->db_) sqlite3_close_v2(c->db_);
    c->db_ = nullptr;
    if (problem == OpenProblem::none) {
        SUTURE_CHECK(c->init(false));
        return c;
    }
    remove_database_files(path);
    SUTURE_CHECK(c->init(true));
    c->info_.created = true;
    c->info_.rebuilt_reason = reason;
    return c;
}

Result<std::optional<CachedAccount>> ForkCache::account(const ForkPoint& at, const Address& addr) {
    Stmt q(db_, "SELECT present, nonce, balance, code_hash, has_storage FROM accounts "
                "WHERE chain_id = ?1 AND block = ?2 AND address = ?3");
    const int rc = q.bind(1, at.chain_id).bind(2, at.block).bind(3, view(addr)).step();
    if (rc == SQLITE_DONE) return std::optional<CachedAccount>{};
    if (rc != SQLITE_ROW) return error("read account");
    CachedAccount a;
    if (q.u64(0)) {
        evm::AccountInfo info;
        info.nonce = q.u64(1);
        info.balance = uint256::from_be(q.blob(2));
        const BytesView h = q.blob(3);
        if (h.size() != 32) return input_error("fork cache " + path_ + ": account row with a malformed code hash");
        std::memcpy(info.code_hash.data(), h.data(), 32);
        info.has_storage = q.u64(4) != 0;
        a.info = info;
    }
    return std::optional<CachedAccount>(a);
}

Status ForkCache::put_account(const ForkPoint& at, const Address& addr, const CachedAccount& account,
                              const evm::CodePtr& code) {
    if (sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK) return error("begin");
    const evm::AccountInfo info = account.info.value_or(evm::AccountInfo{});
    bool ok = true;
    if (code && !code->empty()) {
        Stmt put(db_, "INSERT OR IGNORE INTO code(hash, code) VALUES (?1, ?2)");
        ok = put.bind(1, view(info.code_hash)).bind(2, BytesView(*code)).step() == SQLITE_DONE;
    }
    if (ok) {
        Stmt put(db_, "INSERT OR REPLACE INTO accounts(chain_id, block, address, present, nonce, balance, "
                      "code_hash, has_storage) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
        const Bytes32 balance = word(info.balance);
        ok = put.bind(1, at.chain_id)
                 .bind(2, at.block)
                 .bind(3, view(addr))
                 .bind(4, uint64_t(account.info ? 1 : 0))
                 .bind(5, info.nonce)
                 .bind(6, view(balance))
                 .bind(7, view(info.code_hash))
                 .bind(8, uint64_t(info.has_storage ? 1 : 0))
                 .step() == SQLITE_DONE;
    }
    if (!ok) {
        Error e = error("write account");
        sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
        return e;
    }
    if (sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) return error("commit account");
    return {};
}

Result<std::optional<Bytes>> ForkCache::code(const Bytes32& code_hash) {
    Stmt q(db_, "SELECT code FROM code WHERE hash = ?1");
    const int rc = q.bind(1, view(code_hash)).step();
    if (rc == SQLITE_DONE) return std::optional<Bytes>{};
    if (rc != SQLITE_ROW) return error("read code");
    const BytesView b = q.blob(0);
    return std::optional<Bytes>(Bytes(b.begin(), b.end()));
}

Result<std::optional<uint256>> ForkCache::storage(const ForkPoint& at, const Address& addr, const uint256& slot) {
    Stmt q(db_, "SELECT value FROM storage WHERE chain_id = ?1 AND block = ?2 AND address = ?3 AND slot = ?4");
    const Bytes32 key = word(slot);
    const int rc = q.bind(1, at.chain_id).bind(2, at.block).bind(3, view(addr)).bind(4, view(key)).step();
    if (rc == SQLITE_DONE) return std::optional<uint256>{};
    if (rc != SQLITE_ROW) return error("read storage");
    return std::optional<uint256>(uint256::from_be(q.blob(0)));
}

Status ForkCache::put_storage(const ForkPoint& at, const Address& addr, const uint256& slot, const uint256& value) {
    Stmt put(db_, "INSERT OR REPLACE INTO storage(chain_id, block, address, slot, value) VALUES (?1, ?2, ?3, ?4, ?5)");
    const Bytes32 key = word(slot), val = word(value);
    if (put.bind(1, at.chain_id).bind(2, at.block).bind(3, view(addr)).bind(4, view(key)).bind(5, view(val)).step() !=
        SQLITE_DONE)
        return error("write storage");
    return {};
}

Result<std::optional<std::string>> ForkCache::block(uint64_t chain_id, uint64_t number) {
    Stmt q(db_, "SELECT json FROM blocks WHERE chain_id = ?1 AND number = ?2");
    const int rc = q.bind(1, chain_id).bind(2, number).step();
    if (rc == SQLITE_DONE) return std::optional<std::string>{};
    if (rc != SQLITE_ROW) return error("read block");
    return std::optional<std::string>(q.text(0));
}

Status ForkCache::put_block(uint64_t chain_id, uint64_t number, const std::string& json) {
    Stmt put(db_, "INSERT OR REPLACE INTO blocks(chain_id, number, json) VALUES (?1, ?2, ?3)");
    if (put.bind(1, chain_id).bind(2, number).bind(3, json).step() != SQLITE_DONE) return error("write block");
    return {};
}

Result<std::optional<std::string>> ForkCache::history_block(uint64_t chain_id, uint64_t number) {
    Stmt q(db_, "SELECT json FROM history WHERE chain_id = ?1 AND number = ?2");
    const int rc = q.bind(1, chain_id).bind(2, number).step();
    if (rc == SQLITE_DONE) return std::optional<std::string>{};
    if (rc != SQLITE_ROW) return error("read history block");
    return std::optional<std::string>(q.text(0));
}

Status ForkCache::put_history_block(uint64_t chain_id, uint64_t number, const std::string& json) {
    Stmt put(db_, "INSERT OR REPLACE INTO history(chain_id, number, json) VALUES (?1, ?2, ?3)");
    if (put.bind(1, chain_id).bind(2, number).bind(3, json).step() != SQLITE_DONE) return error("write history block");
    return {};
}

Result<std::vector<uint64_t>> ForkCache::cached_chains() {
    Stmt q(db_, "SELECT DISTINCT chain_id FROM blocks ORDER BY chain_id");
    std::vector<uint64_t> out;
    int rc;
    while ((rc = q.step()) == SQLITE_ROW) out.push_back(q.u64(0));
    if (rc != SQLITE_DONE) return error("list chains");
    return out;
}

Result<std::vector<uint64_t>> ForkCache::cached_blocks(uint64_t chain_id) {
    // Pinned blocks are the ones with accounts; blocks only read for BLOCKHASH are not forks.
    Stmt q(db_, "SELECT DISTINCT block FROM accounts WHERE chain_id = ?1 ORDER BY block");
    q.bind(1, chain_id);
    std::vector<uint64_t> out;
    int rc;
    while ((rc = q.step()) == SQLITE_ROW) out.push_back(q.u64(0));
    if (rc != SQLITE_DONE) return error("list blocks");
    return out;
}

}  // namespace suture::chain
