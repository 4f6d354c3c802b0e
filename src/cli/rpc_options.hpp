// The node-connection options every sub-command with --rpc takes, and the
// chain::RpcOptions they make: how long to wait for an answer, how large an
// answer may be, and a notice on stderr while an answer is awaited.
#pragma once

#include <CLI/CLI.hpp>

#include "chain/rpc_client.hpp"

namespace suture::cli {

// --rpc-timeout SECONDS, --rpc-max-answer MIB (add_rpc_option adds them with --rpc).
void add_rpc_limit_options(CLI::App* cmd);

// Options for this run's RpcClient (one sub-command runs per process).
chain::RpcOptions rpc_options();

}  // namespace suture::cli
