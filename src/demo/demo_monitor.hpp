// The monitor during the attack (respond::Monitor, stepped): one detector,
// the collateral token leaving the venue faster than any honest transaction
// moves it (an outflow above a threshold in one transaction), and the
// guardian's pause as its action. The driver sends the attack one transaction
// at a time and polls after each, so the firing names the first transaction
// that drained.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "chain/keys.hpp"
#include "chain/rpc_client.hpp"
#include "core/result.hpp"
#include "core/uint256.hpp"
#include "respond/monitor.hpp"

namespace suture::demo {

struct WatchSpec {
    Address venue, token;
    uint256 threshold;     // vUSD wei per transaction
    uint64_t start_block = 0;
};

struct WatchResult {
    respond::Firing firing;
    std::vector<respond::PauseOutcome> pauses;
};

class AttackWatch {
public:
    // The guardian key must outlive the watch.
    static Result<AttackWatch> open(chain::RpcClient& rpc, const WatchSpec& spec, const chain::SecretKey& guardian);

    // One monitor round over the blocks mined since the last: the first
    // firing with the pauses it sent, or nullopt. A node failure is an error.
    Result<std::optional<WatchResult>> poll();

private:
    std::unique_ptr<respond::Monitor> monitor_;
};

}  // namespace suture::demo
