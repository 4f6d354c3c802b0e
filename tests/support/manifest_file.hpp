// A manifest test's folder: a fresh temporary directory per test, a
// manifest text written into it as suture.toml with one line replaced (the
// error cases break one line at a time and expect its number back), and the
// manifest pieces tests share (tests/fixtures/manifest/README.md).
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace suture::test {

// The text of tests/fixtures/manifest/NAME ("" when it cannot be read: the
// manifest then fails to load and the test says why).
inline std::string manifest_fixture(const std::string& name) {
    std::ifstream in(std::string(SUTURE_SOURCE_DIR) + "/tests/fixtures/manifest/" + name);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

class ManifestFolder : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() /
               ("suture-manifest-" + std::to_string(getpid()) + "-" +
                ::testing::UnitTest::GetInstance()->current_test_info()->test_suite_name() + "-" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(dir_);
        std::filesystem::create_directories(dir_);
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }

    // Writes `text` as dir_/suture.toml with line `line` (1-based) replaced by
    // `replacement` (line 0: unchanged); returns its path.
    std::string write_manifest(const std::string& text, int line = 0, const std::string& replacement = "") {
        std::string out;
        std::istringstream in(text);
        std::string l;
        for (int n = 1; std::getline(in, l); ++n) out += (n == line ? replacement : l) + "\n";
        const std::string path = (dir_ / "suture.toml").string();
        std::ofstream(path) << out;
        return path;
    }

    std::filesystem::path dir_;
};

}  // namespace suture::test
