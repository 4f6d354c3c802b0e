// Command-line options shared by the sub-commands that read or record in the
// ledger (log, incident, approve, approvals): where the ledger is, and how
// its times print. One definition so the commands agree.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>

namespace suture::cli {

// "--ledger FILE". Empty when not given: see ledger_path().
CLI::Option* add_ledger_option(CLI::App* cmd, std::string& path);

// The ledger to use: --ledger, else `from_manifest` (a manifest's ledger key)
// when non-empty, else $SUTURE_LEDGER, else ./suture.ledger.
std::string ledger_path(const std::string& option, const std::string& from_manifest = {});

// A Unix time as "2026-12-02 22:33:12 UTC".
std::string format_utc(int64_t unix_seconds);

}  // namespace suture::cli
