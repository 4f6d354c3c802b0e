// A node for the scenario matrix (scenario_matrix_test.cpp): anvil, or the
// in-process node over a state file with anvil's genesis ("state:PATH"),
// chosen by SUTURE_TEST_NODE as the replay suites do; and the people of a
// history: anvil's dev accounts plus `users` keys derived from a label
// (keccak256("suture-scenario-user-" + i)), funded from dev account 3.
// Transactions are signed EIP-1559 ones (support/signed_sender.hpp), collected in the pool and mined a
// block at a time (automine off), so a block holds several.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "chain/keys.hpp"
#include "chain/rpc_client.hpp"
#include "core/result.hpp"
#include "solidity/load.hpp"
#include "support/anvil.hpp"
#include "support/signed_sender.hpp"

namespace suture::test {

class ScenarioChain {
public:
    // Starts the node (anvil or state file, per test_node_is_state()) and funds `users` users.
    static Result<std::unique_ptr<ScenarioChain>> start(size_t users);
    ~ScenarioChain();

    const std::string& url() const { return url_; }
    bool on_state_file() const { return !state_dir_.empty(); }
    chain::RpcClient& rpc() { return *rpc_; }

    size_t user_count() const { return users_.size(); }
    const Address& user(size_t i) const { return users_.at(i).address(); }
    std::vector<Address> users() const;

    // Queues a transaction from `from` (a user or a dev key); nothing is mined.
    Result<Bytes32> send(const chain::SecretKey& from, std::optional<Address> to, Bytes data, uint256 value = uint256(),
                         uint64_t gas = 500'000);
    Result<Bytes32> send_as_user(size_t i, std::optional<Address> to, Bytes data, uint256 value = uint256(),
                                 uint64_t gas = 500'000) {
        return send(users_.at(i), to, std::move(data), value, gas);
    }
    // Mines the queued transactions in one block; fails if any of them failed. Returns the block.
    Result<uint64_t> mine();
    // Queues, mines and returns the created contract's address.
    Result<Address> deploy(const chain::SecretKey& from, const solidity::BuildSet& build, std::string_view contract,
                           const Bytes& args = {});

private:
    ScenarioChain() = default;
    std::unique_ptr<Anvil> anvil_;
    std::filesystem::path state_dir_;
    std::string url_;
    std::unique_ptr<chain::RpcClient> rpc_;  // keeps the in-process node open
    std::unique_ptr<SignedSender> sender_;   // signs with the nonces it counts
    std::vector<chain::SecretKey> users_;
    std::vector<Bytes32> pending_;
};

}  // namespace suture::test
