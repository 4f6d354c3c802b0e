// One writer per ledger: an exclusive flock(2) on "<ledger>.lock", held for
// as long as the Ledger is open for writing.
//
// Why a lock file and not SQLite's own locking: SQLite locks one
// transaction, but a Suture writer's work spans many (a deploy records a
// step, sends, waits for blocks, records the receipt). Two processes
// interleaving those would both pass their checks and both send. The lock
// is taken when the ledger is opened and a second writer fails at once with
// the holder's pid, instead of waiting behind SQLite's busy timeout. The
// kernel drops a flock when its process dies, even by SIGKILL, so a crash
// never leaves a stale lock for `suture resume` to clear by hand. Readers
// (log, verify, list) take no lock: WAL gives them a consistent snapshot.
// flock is not reliable on some network filesystems; keep ledgers local.
#pragma once

#include <string>

#include "core/result.hpp"

namespace suture::ledger {

class WriterLock {
public:
    // Takes the lock or fails at once, naming the process that holds it.
    static Result<WriterLock> acquire(const std::string& ledger_path);

    WriterLock(WriterLock&& other) noexcept;
    WriterLock& operator=(WriterLock&& other) noexcept;
    WriterLock(const WriterLock&) = delete;
    WriterLock& operator=(const WriterLock&) = delete;
    ~WriterLock();  // releases the lock (the file stays: removing it would race a new holder)

private:
    WriterLock() = default;
    int fd_ = -1;
};

}  // namespace suture::ledger
