// Password sources: environment first, then a TTY prompt, else a clear error.
#include "chain/password.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>

namespace suture::chain {
namespace {

TEST(Password, FromEnvironment) {
    setenv("SUTURE_TEST_PASSWORD", "s3cret pass", 1);
    auto p = read_password("SUTURE_TEST_PASSWORD", "Password: ");
    unsetenv("SUTURE_TEST_PASSWORD");
    ASSERT_TRUE(p.ok()) << p.error().message;
    EXPECT_EQ(p->view(), "s3cret pass");
}

TEST(Password, NoTerminalNamesTheVariable) {
    if (isatty(STDIN_FILENO)) GTEST_SKIP() << "stdin is a terminal: this case needs a non-interactive run";
    unsetenv("SUTURE_TEST_PASSWORD");
    auto p = read_password("SUTURE_TEST_PASSWORD", "Password: ");
    ASSERT_FALSE(p.ok());
    EXPECT_NE(p.error().message.find("SUTURE_TEST_PASSWORD"), std::string::npos);
}

TEST(Password, SecretStringMovesAndEmpties) {
    SecretString a("abc");
    SecretString b = std::move(a);
    EXPECT_EQ(b.view(), "abc");
    EXPECT_TRUE(a.view().empty());
}

}  // namespace
}  // namespace suture::chain
