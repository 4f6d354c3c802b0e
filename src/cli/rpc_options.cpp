#include "cli/rpc_options.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>

#include "cli/status_line.hpp"

namespace suture::cli {

namespace {

struct RpcLimits {
    double timeout_seconds = 30;
    size_t max_answer_mib = 64;
};

RpcLimits& limits() {
    static RpcLimits l;
    return l;
}

}  // namespace

void add_rpc_limit_options(CLI::App* cmd) {
    cmd->add_option("--rpc-timeout", limits().timeout_seconds,
                    "Seconds to wait for each answer of the node (default 30)")
        ->check(CLI::Range(0.1, 86400.0));
    cmd->add_option("--rpc-max-answer", limits().max_answer_mib, "Largest answer accepted from the node, in MiB (default 64)")
        ->check(CLI::Range(size_t{1}, size_t{4096}));
}

chain::RpcOptions rpc_options() {
    chain::RpcOptions o;
    o.request_timeout = std::chrono::milliseconds(std::llround(limits().timeout_seconds * 1000));
    o.connect_timeout = std::min(o.connect_timeout, o.request_timeout);
    o.max_response_bytes = limits().max_answer_mib << 20;
    // Shared by every client of the run; lives until exit.
    static auto line = std::make_shared<StatusLine>();
    const double timeout = limits().timeout_seconds;
    o.on_wait = [timeout](std::string_view what, std::chrono::milliseconds waited, bool done) {
        if (done) return line->clear();
        char limit[32];
        std::snprintf(limit, sizeof limit, "%g", timeout);
        line->show("waiting for " + std::string(what) + ": " + std::to_string(waited.count() / 1000) +
                   " s of --rpc-timeout " + limit + " s");
    };
    return o;
}

}  // namespace suture::cli
