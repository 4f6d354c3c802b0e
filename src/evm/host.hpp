// The interpreter's window onto the world (EVMC-style).
//
// The interpreter (evm/interpreter*) executes one frame of bytecode and asks
// the Host for everything outside that frame: accounts, storage, nested calls
// and creates, logs, block and transaction context. The state host
// (evm/state_host*) implements it over evm::State; tests may mock it.
#pragma once

#include <cstdint>
#include <cstring>
#include <optional>
#include <vector>

#include "core/address.hpp"
#include "core/bytes.hpp"
#include "core/uint256.hpp"
#include "evm/revision.hpp"

namespace suture::evm {

enum class CallKind { call, delegatecall, callcode, create, create2 };

struct Message {
    CallKind kind = CallKind::call;
    bool is_static = false;
    int depth = 0;              // 0 for the transaction's top frame
    int64_t gas = 0;
    Address recipient;          // the account whose storage/balance the frame uses
    Address sender;             // CALLER
    Address code_address;       // whose code runs (differs for delegatecall/callcode)
    BytesView input;            // calldata, or initcode for creates
    uint256 value;              // CALLVALUE (apparent value for delegatecall)
    Bytes32 create2_salt{};
    // EIP-7702: code_address is the delegate of an account whose code is a
    // delegation designator; its code runs even where a precompile lives.
    bool delegated = false;
};

enum class StatusCode {
    success,
    revert,
    failure,                 // generic exceptional halt
    out_of_gas,
    invalid_instruction,     // INVALID (0xfe)
    undefined_instruction,   // an opcode the revision does not have
    stack_overflow,
    stack_underflow,
    bad_jump_destination,
    invalid_memory_access,   // RETURNDATACOPY out of bounds
    call_depth_exceeded,
    static_mode_violation,
    precompile_failure,
    contract_validation_failure,  // EIP-3541 0xEF code, code size limit
    argument_out_of_range,
    insufficient_balance,
    internal_error,
    unsupported,             // e.g. an unimplemented precompile: stops the run with a message
};

const char* status_name(StatusCode s);

struct ExecResult {
    StatusCode status = StatusCode::failure;
    int64_t gas_left = 0;
    int64_t gas_refund = 0;
    Bytes output;                 // return or revert data
    Address create_address;       // for successful creates
};

struct TxContext {
    uint256 gas_price;
    Address origin;
    Address coinbase;
    int64_t number = 0;
    int64_t timestamp = 0;
    int64_t gas_limit = 0;
    uint256 prev_randao;          // DIFFICULTY before Paris
    uint256 chain_id;
    uint256 base_fee;
    uint256 blob_base_fee;
    std::vector<Bytes32> blob_hashes;
};

enum class AccessStatus { cold, warm };

// Outcome of a storage write relative to the original (tx-start) and current
// values, as EIP-2200/3529 need for SSTORE gas and refunds. Names follow EVMC:
// X -> Y -> Z where X original, Y current, Z new; 0 zero, X/Y/Z non-zero.
enum class StorageStatus {
    assigned,          // no gas-relevant change (dirty slot, or no-op)
    added,             // 0 -> 0 -> Z
    deleted,           // X -> X -> 0
    modified,          // X -> X -> Z
    deleted_added,     // X -> 0 -> Z
    modified_deleted,  // X -> Y -> 0
    deleted_restored,  // X -> 0 -> X
    added_deleted,     // 0 -> Y -> 0
    modified_restored, // X -> Y -> X
};

class Host {
public:
    virtual ~Host() = default;

    virtual bool account_exists(const Address& addr) = 0;  // EIP-161 non-empty or existing
    virtual uint256 get_storage(const Address& addr, const uint256& key) = 0;
    virtual StorageStatus set_storage(const Address& addr, const uint256& key, const uint256& value) = 0;
    virtual uint256 get_balance(const Address& addr) = 0;
    virtual size_t get_code_size(const Address& addr) = 0;
    virtual Bytes32 get_code_hash(const Address& addr) = 0;  // zero for non-existent accounts
    // Copies code[offset..] into out; returns the number of bytes copied.
    virtual size_t copy_code(const Address& addr, size_t offset, uint8_t* out, size_t size) = 0;
    // Returns true if the beneficiary gained a selfdestruct registration (for refunds pre-London).
    virtual bool selfdestruct(const Address& addr, const Address& beneficiary) = 0;
    // Nested call or create. The host handles value transfer, precompiles,
    // create addresses and code deposit; the interpreter handles gas passing.
    virtual ExecResult call(const Message& msg) = 0;
    virtual const TxContext& tx_context() = 0;
    virtual Bytes32 block_hash(int64_t number) = 0;
    virtual void emit_log(const Address& addr, BytesView data, const Bytes32* topics, size_t num_topics) = 0;
    // EIP-2929: mark warm and report the previous status.
    virtual AccessStatus access_account(const Address& addr) = 0;
    virtual AccessStatus access_storage(const Address& addr, const uint256& key) = 0;
    // EIP-1153 transient storage.
    virtual uint256 get_transient_storage(const Address& addr, const uint256& key) = 0;
    virtual void set_transient_storage(const Address& addr, const uint256& key, const uint256& value) = 0;
    // EIP-3860's limit on CREATE/CREATE2 initcode (2 * EIP-170's code size);
    // a host may lift it (Foundry tests do).
    virtual uint64_t max_initcode_size() { return 2 * 24576; }
    // EIP-7702: the delegate when addr's code is a delegation designator
    // (0xef0100 || delegate). A host with direct access to code overrides this.
    virtual std::optional<Address> delegation_target(const Address& addr) {
        if (get_code_size(addr) != 23) return std::nullopt;
        uint8_t code[23];
        copy_code(addr, 0, code, sizeof code);
        if (code[0] != 0xef || code[1] != 0x01 || code[2] != 0x00) return std::nullopt;
        Address a;
        std::memcpy(a.bytes.data(), code + 3, 20);
        return a;
    }
};

}  // namespace suture::evm
