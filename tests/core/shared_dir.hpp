// Location of the shared conformance fixtures (never copied into the repo).
#pragma once

#include <cstdlib>
#include <filesystem>
#include <string>

namespace suture::test {

// $SUTURE_SHARED, else <source dir>/../shared.
inline std::filesystem::path shared_dir() {
    if (const char* env = std::getenv("SUTURE_SHARED"); env && *env) return env;
    return std::filesystem::path(SUTURE_SOURCE_DIR) / ".." / "shared";
}

}  // namespace suture::test
