// forge's cheatcodes for one test run: an evm::CallInspector that answers
// calls to the Vm address (forge-std's `vm`) and the console.log address,
// rewrites callers (prank), checks expectations (expectRevert, expectEmit,
// expectCall) and records logs and storage accesses.
//
// The runner owns the State and the TxContext the StateHost runs on; the
// cheatcodes change both (deal, store, etch, warp, roll, fee, ...). Handlers
// are split by concept: foundry_cheats_env.cpp (block/tx environment, prank,
// deal, labels, keys, env vars, forks), foundry_cheats_state.cpp (storage,
// code, nonces, access and log recording, snapshots), foundry_cheats_expect.cpp
// (expectRevert/Emit/Call), foundry_cheats_assert.cpp (assert*) and
// foundry_cheats_strings.cpp (toString/parse*).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/abi_decode.hpp"
#include "core/abi_value.hpp"
#include "evm/call_inspector.hpp"
#include "evm/state.hpp"
#include "verify/foundry_forks.hpp"
#include "verify/foundry_results.hpp"

namespace suture::verify::foundry {

class Cheatcodes;

// One call to the Vm address, decoded.
struct CheatCall {
    const evm::Message& msg;
    const abi::Signature& signature;
    std::vector<abi::AbiValue> args;
};

// A handler returns the ABI-encoded outputs, or an error that reverts the
// call: "vm.<name>: <message>" (Error(string)), except ErrorKind::findings
// (a failed assertion), whose message is the revert reason as is.
using CheatHandler = Result<Bytes> (*)(Cheatcodes&, const CheatCall&);

struct CheatEntry {
    const char* signature;  // canonical, as in Vm.sol
    CheatHandler handler;
};
// Each concept's table (defined in its foundry_cheats_*.cpp).
std::vector<CheatEntry> env_cheatcodes();
std::vector<CheatEntry> state_cheatcodes();
std::vector<CheatEntry> expect_cheatcodes();
std::vector<CheatEntry> assert_cheatcodes();
std::vector<CheatEntry> string_cheatcodes();

// The revert data of Error(string).
Bytes error_string(std::string_view message);
// ABI-encodes one output value / a list of outputs.
Bytes encode_outputs(const std::vector<abi::AbiType>& types, const std::vector<abi::AbiValue>& values);
Bytes encode_one(const abi::AbiType& type, const abi::AbiValue& value);
// Revert data as forge names it in expectRevert mismatches: the Error(string)
// message, the panic, printable bytes as text, else hex.
std::string describe_revert_data(BytesView data);

// What a setUp() leaves for the tests that follow it (forge keeps the
// environment cheatcodes changed, the labels and the logs).
struct CarriedOver {
    evm::TxContext ctx;
    std::map<Address, std::string> labels;
    std::vector<evm::Log> logs;
    std::vector<std::string> decoded_logs;
};

class Cheatcodes final : public evm::CallInspector {
public:
    Cheatcodes(evm::State& state, evm::TxContext& ctx, bool record_trace);

    // evm::CallInspector
    std::optional<evm::ExecResult> before_call(evm::Message& msg) override;
    void after_call(const evm::Message& msg, evm::ExecResult& result) override;
    void on_log(const Address& addr, BytesView data, const Bytes32* topics, size_t num_topics) override;
    void on_storage_read(const Address& addr, const uint256& key) override;
    void on_storage_write(const Address& addr, const uint256& key, const uint256& value) override;

    // After the test call returned: an expectation never met (expectRevert
    // without a following call, expectCall counts, pending expectEmit).
    std::optional<std::string> unmet_expectations() const;
    // forge-std's fail(): the "failed" slot of the Vm address is non-zero.
    bool failed_flag();
    // vm.assume(false) (or vm.skip(true)) was hit: the input is rejected / the test skipped.
    bool assumption_rejected() const { return assume_rejected_; }
    bool skipped() const { return skipped_; }
    // A Vm function Suture does not implement was called: the test fails with this.
    const std::optional<std::string>& unsupported() const { return unsupported_; }

    std::vector<evm::Log>& logs() { return logs_; }
    std::vector<std::string>& decoded_logs() { return decoded_logs_; }
    std::map<Address, std::string>& labels() { return labels_; }
    std::vector<TraceFrame>& trace() { return trace_; }

    // Used by the handlers.
    evm::State& state() { return state_; }
    evm::TxContext& ctx() { return ctx_; }
    // Makes `addr` an existing account, so a change to it survives the end of the transaction.
    void ensure_exists(const Address& addr);

    struct Prank {
        Address caller;   // the frame that called vm.prank
        int depth = 0;    // depth of the calls it applies to
        Address sender;
        std::optional<Address> origin;
        bool persistent = false;  // startPrank
        bool used = false;
    };
    struct ExpectedRevert {
        int depth = 0;
        std::optional<Bytes> data;  // nullopt: any revert
        bool selector_only = false;
    };
    struct ExpectedEmit {
        int depth = 0;
        bool checks[4] = {true, true, true, true};  // topic1..3, data
        std::optional<Address> emitter;
        std::optional<evm::Log> log;  // the template, from the next emit of the test
        std::optional<uint64_t> count;  // expectEmit(..., count): exactly this many matches
        uint64_t seen = 0;
        bool found = false;
    };
    struct ExpectedCall {
        Address callee;
        Bytes data;
        std::optional<uint256> value;
        std::optional<uint64_t> count;  // nullopt: at least once
        uint64_t seen = 0;
    };
    struct Snapshot {
        size_t journal = 0;
        evm::TxContext ctx;
    };

    std::optional<Prank> prank;
    std::optional<ExpectedRevert> expected_revert;
    std::vector<ExpectedEmit> expected_emits;
    std::vector<ExpectedCall> expected_calls;
    bool recording_accesses = false;
    std::map<Address, std::vector<Bytes32>> reads, writes;
    bool recording_logs = false;
    std::vector<evm::Log> recorded_logs;
    std::vector<std::optional<Snapshot>> snapshots;
    ForkSet* forks = nullptr;  // vm.createFork & co.; null: no forking
    bool assume_rejected_ = false;
    bool skipped_ = false;

private:
    std::optional<evm::ExecResult> run_cheatcode(const evm::Message& msg);
    void check_expected_emits(const evm::Message& msg, evm::ExecResult& result);
    void apply_expected_revert(const evm::Message& msg, evm::ExecResult& result);

    evm::State& state_;
    evm::TxContext& ctx_;
    std::optional<std::string> unsupported_;
    bool record_trace_;
    std::vector<evm::Log> logs_;
    std::vector<std::string> decoded_logs_;
    std::map<Address, std::string> labels_;
    std::vector<TraceFrame> trace_;
    std::vector<size_t> open_frames_;      // trace_ indices of frames still running
    std::vector<std::optional<Address>> origin_restore_;  // per running frame: tx.origin to restore
};

}  // namespace suture::verify::foundry
