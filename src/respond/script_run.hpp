// Running a user's script with a JSON document on its stdin: the monitor's
// script filter (exit code 0 keeps a match) and script notification channel.
//
// The script is executed directly (no shell): `path` must be an executable
// file (a "#!" script is fine). Its stdout and stderr are inherited. A script
// that runs past `timeout` is killed (SIGKILL) and reported as an error.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace suture::respond {

// The script's exit code (128 + N when killed by signal N). Errors: it could
// not be started (naming the path), or it timed out.
Result<int> run_script(const std::string& path, std::string_view input,
                       std::chrono::milliseconds timeout = std::chrono::seconds(30));

}  // namespace suture::respond
