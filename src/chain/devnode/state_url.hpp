// "state:PATH": the URL of the in-process node over a state file, accepted
// wherever a JSON-RPC URL is (`--rpc state:dev.state`, manifests, library
// code building an RpcClient from a URL).
//
// Every client in a process naming the same file (by its canonical path)
// shares one node, so a deploy route, the fork it simulates on and the
// replay source see one chain; the node writes the file when its last client
// is gone (and every DevNodeOptions::flush_every blocks).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "chain/devnode/dev_node.hpp"

namespace suture::chain {

inline constexpr std::string_view kStateUrlScheme = "state:";

// The node for a "state:PATH" URL, opened on first use. Errors (kind input)
// name the file: missing, not a state file, damaged.
Result<std::shared_ptr<RpcTransport>> open_state_url(const std::string& url);
// PATH may also be "memory:N", an in-memory node's (while it lives).
Result<std::shared_ptr<DevNode>> open_state_node(const std::string& path);

// Makes an in-memory node reachable as "state:memory:N"; returns that URL.
std::string register_memory_node(const std::shared_ptr<DevNode>& node);

}  // namespace suture::chain
