// Two processes on one ledger: the second writer fails at once, naming the
// first; readers are not blocked; a killed writer leaves no stale lock.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ledger/ledger.hpp"
#include "temp_dir.hpp"

namespace suture::ledger {
namespace {

using nlohmann::json;
class WriterLockTest : public test::TempDirTest {};

// Runs `child` in a forked process and returns its exit code.
template <typename F>
int in_child(F child) {
    pid_t pid = fork();
    if (pid == 0) _exit(child());
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST_F(WriterLockTest, SecondWriterFailsFastNamingTheHolder) {
    auto l = Ledger::open(file("l.db"), Access::write);
    ASSERT_TRUE(l.ok());
    ASSERT_TRUE(l->append("note", json{{"by", "parent"}}).ok());
    const std::string pid = std::to_string(getpid());
    int code = in_child([&] {
        auto other = Ledger::open(file("l.db"), Access::write);
        if (other.ok()) return 10;
        const std::string& m = other.error().message;
        if (m.find("in use by another suture process (pid " + pid + ")") == std::string::npos) return 11;
        // Reading needs no lock.
        auto reader = Ledger::open(file("l.db"), Access::read);
        if (!reader.ok()) return 12;
        auto log = reader->log();
        return log.ok() && log->size() == 1 ? 0 : 13;
    });
    EXPECT_EQ(code, 0);
    ASSERT_TRUE(l->append("note", json{{"by", "parent"}}).ok());
    auto r = l->verify();
    ASSERT_TRUE(r.ok());
    EXPECT_TRUE(r->intact());
    EXPECT_EQ(r->records, 2);
}

TEST_F(WriterLockTest, KilledWriterReleasesTheLock) {
    int ready[2];
    ASSERT_EQ(pipe(ready), 0);
    pid_t pid = fork();
    if (pid == 0) {
        auto l = Ledger::open(file("l.db"), Access::write);
        if (!l.ok() || !l->append("note", json{{"by", "child"}}).ok()) _exit(1);
        char c = 'r';
        (void)!write(ready[1], &c, 1);
        for (;;) pause();
    }
    char c = 0;
    ASSERT_EQ(read(ready[0], &c, 1), 1);
    auto busy = Ledger::open(file("l.db"), Access::write);
    ASSERT_FALSE(busy.ok());
    EXPECT_NE(busy.error().message.find("in use by another suture process (pid " + std::to_string(pid) + ")"),
              std::string::npos)
        << busy.error().message;
    kill(pid, SIGKILL);
    waitpid(pid, nullptr, 0);
    close(ready[0]);
    close(ready[1]);
    auto l = Ledger::open(file("l.db"), Access::write);
    ASSERT_TRUE(l.ok()) << l.error().message;
    ASSERT_TRUE(l->append("note", json{{"by", "parent"}}).ok());
    auto r = l->verify();
    ASSERT_TRUE(r.ok());
    EXPECT_TRUE(r->intact());
    EXPECT_EQ(r->records, 2);
}

}  // namespace
}  // namespace suture::ledger
