// Safe (safe-contracts 1.3.0 / 1.4.1) transactions: the EIP-712 hash owners
// sign, the packed signature bytes, and execTransaction call data.
#pragma once

#include <vector>

#include "chain/keys.hpp"
#include "core/address.hpp"
#include "core/bytes.hpp"
#include "core/result.hpp"
#include "core/uint256.hpp"
#include "deploy/safe_multisend.hpp"

namespace suture::deploy {

struct SafeTx {
    Address to;
    uint256 value;
    Bytes data;
    SafeOperation operation = SafeOperation::call;
    uint256 safe_tx_gas;     // 0: use all gas left (and revert the whole tx on failure)
    uint256 base_gas;
    uint256 gas_price;       // 0: no refund
    Address gas_token;
    Address refund_receiver;
    uint256 nonce;           // the Safe's nonce() when executed
};

// EIP-712 domain separator of Safe >= 1.3.0:
// keccak256(abi.encode(keccak256("EIP712Domain(uint256 chainId,address verifyingContract)"), chainId, safe)).
Bytes32 safe_domain_separator(uint64_t chain_id, const Address& safe);

// keccak256(0x19 ++ 0x01 ++ domainSeparator ++ hashStruct(SafeTx)), what
// Safe.getTransactionHash returns and what owners sign.
Bytes32 safe_tx_hash(const SafeTx& tx, uint64_t chain_id, const Address& safe);

// Owners' ECDSA signatures over `hash`, each r ++ s ++ v (v = 27/28), in
// ascending order of owner address as Safe.checkNSignatures requires. Refuses
// an empty key list and two keys of one owner.
Result<Bytes> safe_signatures(const Bytes32& hash, const std::vector<const chain::SecretKey*>& keys);

// execTransaction(to, value, data, operation, safeTxGas, baseGas, gasPrice,
// gasToken, refundReceiver, signatures).
Result<Bytes> safe_exec_calldata(const SafeTx& tx, BytesView signatures);

// multiSend(bytes) over pack_multisend(calls): the data of a delegatecall from
// the Safe to MultiSend / MultiSendCallOnly.
Result<Bytes> multisend_calldata(const std::vector<SafeCall>& calls);

}  // namespace suture::deploy
