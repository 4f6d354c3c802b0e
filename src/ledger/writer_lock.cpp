// The ledger's writer lock (writer_lock.hpp).
#include "ledger/writer_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

namespace suture::ledger {

Result<WriterLock> WriterLock::acquire(const std::string& ledger_path) {
    const std::string path = ledger_path + ".lock";
    WriterLock lock;
    lock.fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (lock.fd_ < 0) return input_error(path + ": cannot open the ledger's lock file: " + std::strerror(errno));
    if (::flock(lock.fd_, LOCK_EX | LOCK_NB) != 0) {
        const int err = errno;
        if (err != EWOULDBLOCK) return input_error(path + ": cannot lock: " + std::strerror(err));
        char buf[32] = {};
        ssize_t n = ::pread(lock.fd_, buf, sizeof buf - 1, 0);
        std::string holder = n > 0 ? std::string(buf, static_cast<size_t>(n)) : std::string();
        while (!holder.empty() && (holder.back() == '\n' || holder.back() == ' ')) holder.pop_back();
        return input_error("ledger " + ledger_path + " is in use by another suture process" +
                           (holder.empty() ? std::string() : " (pid " + holder + ")") +
                           ": only one may write at a time; retry when it has finished");
    }
    // The pid is only for the message above; the lock itself is the flock.
    std::string pid = std::to_string(::getpid()) + "\n";
    if (::ftruncate(lock.fd_, 0) == 0) (void)!::pwrite(lock.fd_, pid.data(), pid.size(), 0);
    return lock;
}

WriterLock::WriterLock(WriterLock&& o) noexcept : fd_(std::exchange(o.fd_, -1)) {}

WriterLock& WriterLock::operator=(WriterLock&& o) noexcept {
    if (this != &o) {
        if (fd_ >= 0) ::close(fd_);
        fd_ = std::exchange(o.fd_, -1);
    }
    return *this;
}

WriterLock::~WriterLock() {
    if (fd_ < 0) return;
    // Clear our pid while still holding the lock, so a later contender never
    // names a process that has finished (after a crash the pid stays, but
    // then the lock is free and nobody reads it).
    (void)!::ftruncate(fd_, 0);
    ::close(fd_);  // closing the last descriptor releases the flock
}

}  // namespace suture::ledger
