// Runs the built `suture` command the way a user does, for the CLI end-to-end
// tests (tests/integration/*_cli_test.cpp and friends).
#pragma once

#include <stdio.h>
#include <sys/wait.h>

#include <array>
#include <string>

namespace suture::test {

struct CliRun {
    int exit = -1;    // -1 when the command could not run or did not exit normally
    std::string out;  // stdout, and stderr too when asked
};

// A shell command line, its stdout (and stderr when the command redirects it) and exit code.
inline CliRun run_shell(const std::string& cmd) {
    CliRun r;
    FILE* p = popen(cmd.c_str(), "r");
    if (!p) return r;
    std::array<char, 4096> buf;
    size_t n;
    while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
    int status = pclose(p);
    r.exit = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

// `<build>/suture ARGS` through the shell (ARGS is shell text: quote what needs it).
inline CliRun run_suture(const std::string& args, bool with_stderr = true) {
    return run_shell(std::string(SUTURE_BINARY_DIR) + "/suture " + args + (with_stderr ? " 2>&1" : " 2>/dev/null"));
}

// The same, run in folder `dir` (a manifest's folder: suture.toml and the ledger are found there).
inline CliRun run_suture_in(const std::string& dir, const std::string& args) {
    return run_shell("cd '" + dir + "' && " + std::string(SUTURE_BINARY_DIR) + "/suture " + args + " 2>&1");
}

}  // namespace suture::test
