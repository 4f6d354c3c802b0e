// The detectors that need nothing but a block's transactions (their logs,
// status and call frames): match (events, calls, status, script), expression,
// watchlist and outflow. Invariants and slot changes read chain state and are
// the monitor's (monitor.cpp). Pure except for a match detector's script
// (run as a child process) and the outflow windows (state kept across blocks,
// rewound on a reorg).
//
// Not thread-safe.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "respond/detector_expression.hpp"
#include "respond/monitor.hpp"
#include "respond/monitor_spec.hpp"
#include "respond/tx_trace.hpp"

namespace suture::respond {

class DetectorSet {
public:
    DetectorSet() = default;
    DetectorSet(DetectorSet&&) = default;  // keeps the specs' addresses (Compiled points into them)
    DetectorSet& operator=(DetectorSet&&) = default;
    DetectorSet(const DetectorSet&) = delete;
    DetectorSet& operator=(const DetectorSet&) = delete;

    // Compiles the specs (expressions, selectors, event topics). Errors name the detector.
    static Result<DetectorSet> make(const std::vector<DetectorSpec>& specs);

    // Whether any detector looks at call frames (then blocks are traced).
    bool needs_frames() const { return needs_frames_; }

    // Firings of block `b` (its transactions in order, then block-level ones).
    std::vector<Firing> evaluate(const BlockTrace& b);
    // A pending transaction simulated on a fork of block `fork_block`:
    // outflow detectors with transaction scope only (the others judge mined
    // transactions). Firings have stage pending.
    std::vector<Firing> evaluate_pending(const TxTrace& tx, uint64_t fork_block);
    // Forgets what the outflow windows hold for blocks >= `from` (a reorg undid them).
    void rewind(uint64_t from);

private:
    struct Compiled {
        const DetectorSpec* spec = nullptr;  // into specs_
        std::vector<Bytes32> event_topics;     // per spec->events
        std::vector<abi::Selector> call_selectors;  // per spec->calls
        std::vector<abi::Signature> watch;     // watchlist functions
        std::vector<abi::Selector> watch_selectors;
        std::optional<DetectorExpression> expression;
        std::vector<size_t> expression_detectors;  // per expression name: index into compiled_
        std::deque<std::pair<uint64_t, uint256>> window;  // outflow window: (block, amount), oldest first
    };

    std::optional<Firing> match_tx(const Compiled& c, const BlockTrace& b, const TxTrace& tx) const;
    std::optional<Firing> watch_tx(const Compiled& c, const BlockTrace& b, const TxTrace& tx) const;
    std::vector<Firing> outflow(Compiled& c, const BlockTrace& b);

    std::vector<DetectorSpec> specs_;
    std::vector<Compiled> compiled_;
    bool needs_frames_ = false;
};

// The firing's common fields and evidence skeleton ({"detector","kind","stage",
// "block","block_hash","tx","from"}).
Firing make_firing(const DetectorSpec& d, Firing::Stage stage, uint64_t block, const Bytes32& block_hash,
                   const TxTrace* tx);

// A decoded call frame for evidence: {"from","to","code_address","function","args":{...},"value"}.
nlohmann::json call_evidence(const abi::Signature& sig, const CallFrame& f);

}  // namespace suture::respond
