// Replacing a file so that readers (and a crash) see the old contents or the
// new ones, never a mix: write a temporary file next to it, fsync it, rename
// it over the target, fsync the directory (so the rename itself survives a
// power loss).
#pragma once

#include <string>

#include "core/bytes.hpp"
#include "core/result.hpp"

namespace suture {

// Errors name the path and the step that failed (the temporary file is removed).
Status write_file_atomically(const std::string& path, BytesView data);

}  // namespace suture
