// The in-process node (chain/devnode) as a stand-in for anvil in tests: a
// state file whose genesis is anvil's (its ten dev accounts with 10,000 ETH,
// chain id 31337, Cancun), so a test written for anvil's keys runs on
// "state:PATH" unchanged.
//
//   auto url = suture::test::anvil_like_state(dir);   // "state:DIR/dev.state"
//   suture::chain::RpcClient rpc(*url);
//   ...
//   suture::test::flush_state(*url);   // before another process (the CLI) reads the file
#pragma once

#include <filesystem>
#include <string>

#include "core/result.hpp"

namespace suture::test {

// Creates DIR/dev.state (DIR is created) and returns its URL.
Result<std::string> anvil_like_state(const std::filesystem::path& dir);

// Writes the blocks this process's node over the URL's file holds.
Status flush_state(const std::string& url);

// Which node a test that can run on either should use: the environment
// variable SUTURE_TEST_NODE=state selects the in-process node, anything else anvil.
bool test_node_is_state();

}  // namespace suture::test
