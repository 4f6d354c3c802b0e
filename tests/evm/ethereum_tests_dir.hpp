// Location of the ethereum/tests fixtures: $SUTURE_ETHEREUM_TESTS, else the
// shared folder's copy (never copied into the repo).
#pragma once

#include <cstdlib>
#include <filesystem>

#include "core/shared_dir.hpp"

namespace suture::test {

inline std::filesystem::path ethereum_tests_dir() {
    if (const char* env = std::getenv("SUTURE_ETHEREUM_TESTS"); env && *env) return env;
    return shared_dir() / "ethereum-tests";
}

}  // namespace suture::test
