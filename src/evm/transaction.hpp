// Transactions as fields (legacy, EIP-2930, EIP-1559, EIP-4844, EIP-7702) and their
// execution against a state backend: validation, gas purchase, the top call
// frame, refunds, the fee split and the receipt.
//
// Encoding and signatures belong to the chain layer; here a transaction is
// already decoded and its sender known.
#pragma once

#include <optional>
#include <vector>

#include "evm/set_code.hpp"
#include "evm/state.hpp"
#include "evm/state_backend.hpp"
#include "evm/state_host.hpp"

namespace suture::evm {

enum class TxType : uint8_t { legacy = 0, access_list = 1, dynamic_fee = 2, blob = 3, set_code = 4 };

struct AccessListEntry {
    Address address;
    std::vector<Bytes32> keys;
};

struct Transaction {
    TxType type = TxType::legacy;
    Address sender;
    std::optional<Address> to;  // nullopt: contract creation
    uint64_t nonce = 0;
    uint256 value;
    Bytes data;
    int64_t gas_limit = 0;
    uint256 gas_price;                 // legacy and EIP-2930
    uint256 max_fee_per_gas;           // EIP-1559, EIP-4844 and EIP-7702
    uint256 max_priority_fee_per_gas;  // EIP-1559, EIP-4844 and EIP-7702
    std::vector<AccessListEntry> access_list;
    uint256 max_fee_per_blob_gas;      // EIP-4844
    std::vector<Bytes32> blob_hashes;  // EIP-4844 versioned hashes
    std::vector<Authorization> authorization_list;  // EIP-7702
};

// The blob parameters of a block: EIP-4844's in Cancun, EIP-7691's from
// Prague; a chain's blob schedule (EIP-7840, EIP-7892 blob-parameter-only
// forks) may set others.
struct BlobParams {
    uint64_t target = 3;  // blobs per block
    uint64_t max = 6;
    uint64_t update_fraction = 3338477;  // BLOB_BASE_FEE_UPDATE_FRACTION

    bool operator==(const BlobParams&) const = default;
};
BlobParams blob_params(Revision rev);

struct BlockEnv {
    Address coinbase;
    int64_t number = 0;
    int64_t timestamp = 0;
    int64_t gas_limit = 0;
    uint256 prev_randao;   // DIFFICULTY before Paris
    uint256 base_fee;      // London and later
    uint64_t excess_blob_gas = 0;  // Cancun and later
    uint256 chain_id = 1;
    BlockHashFn block_hashes;  // BLOCKHASH; zero hashes when unset
    std::optional<BlobParams> blob_schedule;  // unset: blob_params(revision)
    // The header's parentBeaconBlockRoot (Cancun and later), which EIP-4788's
    // pre-block call stores; unset when the source did not give it.
    std::optional<Bytes32> parent_beacon_root;
};

struct Receipt {
    StatusCode status = StatusCode::failure;
    int64_t gas_used = 0;             // after the refund
    std::vector<Log> logs;            // empty unless status is success
    std::optional<Address> created;   // a successful contract creation
    Bytes output;                     // return data, or revert data
};

struct TxOutcome {
    Receipt receipt;
    StateDiff diff;  // apply to the backend to commit the transaction
};

// EIP-4844 (Cancun).
inline constexpr uint64_t kBlobGasPerBlob = 131072;
inline constexpr size_t kMaxBlobsPerBlock = 6;
// EIP-7594 (Osaka): a transaction carries at most six blobs.
inline constexpr size_t kMaxBlobsPerTx = 6;
// EIP-7825 (Osaka): no transaction may ask for more gas than 2^24.
inline constexpr int64_t kMaxTxGasLimit = int64_t(1) << 24;
// The blob base fee for a block's excess blob gas (EIP-4844 fake_exponential)
// with Cancun's update fraction, and with a given one (EIP-7691).
uint256 blob_base_fee(uint64_t excess_blob_gas);
uint256 blob_base_fee(uint64_t excess_blob_gas, uint64_t update_fraction);
// The blob parameters `block` runs under at fork `rev`.
BlobParams block_blob_params(Revision rev, const BlockEnv& block);
// The excess blob gas of the block after `parent` (EIP-4844), with Osaka's
// EIP-7918 bound: while the blob base fee is below BLOB_BASE_COST (2^13)
// times the execution base fee per blob gas, the excess only grows.
struct ParentBlobInfo {
    uint64_t excess_blob_gas = 0;
    uint64_t blob_gas_used = 0;
    uint256 base_fee;
};
uint64_t next_excess_blob_gas(Revision rev, const BlobParams& params, const ParentBlobInfo& parent);

// The block part of a frame's context (coinbase, number, time, gas limit,
// prevrandao, chain id, base fee, EIP-4844 blob base fee); the transaction
// part (gas price, origin, blob hashes) is left for the caller.
TxContext block_context(const BlockEnv& block);

// EIP-2028/EIP-2930/EIP-3860/EIP-7702: gas charged before the first instruction.
int64_t intrinsic_gas(Revision rev, const Transaction& tx);
// EIP-7623 (Prague): the least gas a transaction is charged, 21000 plus 10
// per calldata token (a zero byte is one token, another byte four); 0 before
// Prague. The gas limit must cover it, and gas used is raised to it.
int64_t calldata_floor_gas(Revision rev, const Transaction& tx);

// The transaction-validity rules that need the state: type vs fork, fee
// caps vs the base fee, blob limits and fees, gas limit (and EIP-7825's cap),
// EIP-3860 initcode size, intrinsic gas and the EIP-7623 floor, EIP-3607
// sender without code (a delegation designator is allowed, EIP-7702), nonce,
// and the balance for the maximum cost. An input error names the rule that failed.
Status validate_transaction(State& state, const BlockEnv& block, const Transaction& tx);

// Validates and executes one transaction against `backend` (not modified).
// A transaction the rules reject is an input error whose message names the
// rule ("invalid transaction: nonce 3, account has 2"); a precompile this
// build does not implement is an unsupported error; a backend read failure is
// the backend's error. Otherwise the receipt and the state change.
Result<TxOutcome> execute_transaction(StateBackend& backend, Revision rev, const BlockEnv& block,
                                      const Transaction& tx, const ExecOptions& options = {});

// A message call outside any transaction (eth_call-like, for verification):
// no signature, fee or nonce checks, gas price zero; the intrinsic gas is
// still charged and the sender's nonce still advances, so a sequence of
// committed calls behaves like a sequence of transactions. The caller
// decides whether to apply the returned diff.
struct CallRequest {
    Address from;
    std::optional<Address> to;  // nullopt: contract creation
    Bytes data;
    uint256 value;
    int64_t gas = 30'000'000;
    std::vector<AccessListEntry> access_list;
};
Result<TxOutcome> execute_call(StateBackend& backend, Revision rev, const BlockEnv& block,
                               const CallRequest& call, const ExecOptions& options = {});

}  // namespace suture::evm
