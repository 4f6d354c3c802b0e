// A private anvil node for one test fixture.
//
// Anvil starts `<repo>/node_modules/.bin/anvil --hardfork cancun --silent` (or
// the options' hardfork) on a
// free loopback port (found by binding 127.0.0.1:0; a lost race is retried),
// waits (bounded) until eth_chainId answers, and kills the whole process group
// when destroyed. No test depends on a node someone else started.
//
//   auto node = suture::test::Anvil::start();
//   ASSERT_TRUE(node.ok()) << node.error().message;   // names `make setup` if anvil is missing
//   suture::chain::RpcClient rpc((*node)->url());
//   auto key = suture::test::Anvil::dev_key(0);      // funded with 10000 ETH
//
// Thread safety: the object is immutable after start(); share it freely.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <sys/types.h>
#include <vector>

#include "chain/keys.hpp"
#include "chain/rpc_client.hpp"
#include "core/address.hpp"
#include "core/result.hpp"

namespace suture::test {

struct AnvilOptions {
    std::vector<std::string> extra_args;  // e.g. {"--block-time", "1"}
    std::string hardfork = "cancun";      // --hardfork
    int startup_timeout_ms = 20000;       // bound on waiting for eth_chainId
};

class Anvil {
public:
    // Starts a node. Errors: node_modules/.bin/anvil missing (the message says to
    // run `make setup`), the process exiting early, or no answer within the timeout.
    static Result<std::unique_ptr<Anvil>> start(const AnvilOptions& options = {});

    ~Anvil();  // SIGTERM then SIGKILL to the process group; waits for it
    Anvil(const Anvil&) = delete;
    Anvil& operator=(const Anvil&) = delete;

    const std::string& url() const { return url_; }  // "http://127.0.0.1:PORT"
    int port() const { return port_; }
    pid_t pid() const { return pid_; }
    static constexpr uint64_t chain_id = 31337;  // anvil's default

    // Anvil's ten default accounts (the well-known "test test ... junk" mnemonic,
    // m/44'/60'/0'/0/i), each funded with 10000 ETH at start. index < 10.
    static constexpr int dev_account_count = 10;
    static chain::SecretKey dev_key(int index);
    // The same key as 64 hex digits (for a CLI test's --key-env variable).
    static const char* dev_key_hex(int index);
    static Address dev_address(int index);

private:
    Anvil(pid_t pid, int port);
    pid_t pid_;
    int port_;
    std::string url_;
};

// A GoogleTest fixture sharing one node among the tests of a suite (started
// in SetUpTestSuite, stopped in TearDownTestSuite). Name derived suites Anvil*.
//   class AnvilFoo : public suture::test::AnvilSuite {};
//   TEST_F(AnvilFoo, Bar) { auto id = rpc().chain_id(); ... }
class AnvilSuite : public ::testing::Test {
protected:
    static void SetUpTestSuite();
    static void TearDownTestSuite();
    void SetUp() override;  // fails the test when the node did not start

    static Anvil& node() { return *node_; }
    chain::RpcClient& rpc() { return *rpc_; }  // a fresh client for each test

private:
    static Anvil* node_;
    static std::string start_error_;
    std::unique_ptr<chain::RpcClient> rpc_;
};

}  // namespace suture::test
