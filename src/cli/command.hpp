// Sub-command registration for the `suture` command.
//
// Each src/cli/cmd_*.cpp defines one sub-command and registers it with a
// static `Register` object, so adding a sub-command touches no other file.
// Sub-commands stay thin: parse arguments, call one library function, print.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace suture::cli {

struct GlobalOptions {
    bool json = false;  // --json: machine-readable output on stdout
    int exit = 0;       // exit code set by the sub-command that ran
    // What must survive stdout failing (a full disk, a closed pipe): a
    // sub-command whose output records something done on chain (a deployed
    // address) puts it here, and main repeats it on stderr if stdout is lost.
    std::string if_stdout_lost;
};

using Registrar = std::function<void(CLI::App& app, GlobalOptions& global)>;

struct Register {
    Register(std::string name, Registrar fn);
};

struct Registration {
    std::string name;
    Registrar fn;
};
std::vector<Registration>& registry();

// Prints one line naming what failed (or a JSON object with --json) and
// returns the exit code for the error kind: 1 findings, 2 usage/input, 3 chain.
int fail(const GlobalOptions& g, const Error& e);

// "--rpc URL" (required): the JSON-RPC endpoint of the chain, with
// --rpc-timeout and --rpc-max-answer (cli/rpc_options.hpp: rpc_options()).
CLI::Option* add_rpc_option(CLI::App* cmd, std::string& url);

// --block N: a block number (0 or more); absent means the latest block.
CLI::Validator block_number();

// The exit code of a sub-command's run: its value, or fail() on its error.
int exit_of(const GlobalOptions& g, const Result<int>& r);

}  // namespace suture::cli
