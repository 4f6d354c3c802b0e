#include "core/atomic_file.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>

#include <fcntl.h>
#include <unistd.h>

namespace suture {
namespace {

Error io_error(const std::string& path, std::string_view step) {
    return input_error(path + ": " + std::string(step) + ": " + std::strerror(errno));
}

// Writes all of `data` to fd (write() may write less than asked).
bool write_all(int fd, BytesView data) {
    size_t done = 0;
    while (done < data.size()) {
        const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        done += size_t(n);
    }
    return true;
}

}  // namespace

Status write_file_atomically(const std::string& path, BytesView data) {
    // Unique per process: two processes saving the same file each rename a
    // complete file of their own (the last one wins).
    const std::string tmp = path + ".tmp-" + std::to_string(::getpid());
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return io_error(tmp, "create");
    if (!write_all(fd, data) || ::fsync(fd) != 0) {
        Error e = io_error(tmp, "write");
        ::close(fd);
        ::unlink(tmp.c_str());
        return e;
    }
    if (::close(fd) != 0) {
        Error e = io_error(tmp, "close");
        ::unlink(tmp.c_str());
        return e;
    }
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        Error e = io_error(path, "rename into place");
        ::unlink(tmp.c_str());
        return e;
    }
    std::string dir = std::filesystem::path(path).parent_path().string();
    if (dir.empty()) dir = ".";
    const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        // Best effort: some filesystems refuse fsync on a directory; the data itself is synced.
        ::fsync(dfd);
        ::close(dfd);
    }
    return {};
}

}  // namespace suture
