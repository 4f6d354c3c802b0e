#include "deploy/safe_tx.hpp"

#include <algorithm>

#include "core/abi_encode.hpp"
#include "core/keccak.hpp"
#include "deploy/calldata.hpp"

namespace suture::deploy {
namespace {

using abi::AbiType;
using abi::AbiValue;

Bytes32 hash_words(const std::vector<AbiType>& types, const std::vector<AbiValue>& values) {
    // Only static types: the encoding cannot fail for well-formed values.
    auto enc = abi::encode(types, values);
    return keccak256(*enc);
}

AbiType addr_t() { return AbiType::simple(abi::AbiKind::address); }

}  // namespace

Bytes32 safe_domain_separator(uint64_t chain_id, const Address& safe) {
    static const Bytes32 domain_type = keccak256("EIP712Domain(uint256 chainId,address verifyingContract)");
    return hash_words({AbiType::fixed_bytes(32), AbiType::uint(), addr_t()},
                      {word_value(domain_type), uint256(chain_id), safe});
}

Bytes32 safe_tx_hash(const SafeTx& tx, uint64_t chain_id, const Address& safe) {
    // EIP-712 hashStruct: the dynamic `data` member enters as keccak256(data).
    static const Bytes32 safe_tx_type = keccak256(
        "SafeTx(address to,uint256 value,bytes data,uint8 operation,uint256 safeTxGas,uint256 baseGas,"
        "uint256 gasPrice,address gasToken,address refundReceiver,uint256 nonce)");
    auto u = AbiType::uint();
    Bytes32 struct_hash = hash_words(
        {AbiType::fixed_bytes(32), addr_t(), u, AbiType::fixed_bytes(32), AbiType::uint(8), u, u, u, addr_t(), addr_t(), u},
        {word_value(safe_tx_type), tx.to, tx.value, word_value(keccak256(tx.data)),
         uint256(static_cast<uint8_t>(tx.operation)), tx.safe_tx_gas, tx.base_gas, tx.gas_price, tx.gas_token,
         tx.refund_receiver, tx.nonce});
    Bytes msg{0x19, 0x01};
    auto domain = safe_domain_separator(chain_id, safe);
    msg.insert(msg.end(), domain.begin(), domain.end());
    msg.insert(msg.end(), struct_hash.begin(), struct_hash.end());
    return keccak256(msg);
}

Result<Bytes> safe_signatures(const Bytes32& hash, const std::vector<const chain::SecretKey*>& keys) {
    if (keys.empty()) return input_error("Safe signatures: no owner keys given");
    std::vector<const chain::SecretKey*> sorted = keys;
    std::sort(sorted.begin(), sorted.end(),
              [](const chain::SecretKey* a, const chain::SecretKey* b) { return a->address() < b->address(); });
    for (size_t i = 1; i < sorted.size(); ++i)
        if (sorted[i]->address() == sorted[i - 1]->address())
            return input_error("Safe signatures: owner " + to_checksum(sorted[i]->address()) + " given twice");
    Bytes out;
    for (const auto* k : sorted) {
        auto sig = k->sign_hash(hash).to_rsv65();  // v = 27 + parity: a plain ECDSA signature of the hash
        out.insert(out.end(), sig.begin(), sig.end());
    }
    return out;
}

Result<Bytes> safe_exec_calldata(const SafeTx& tx, BytesView signatures) {
    return calldata(
        "execTransaction(address,uint256,bytes,uint8,uint256,uint256,uint256,address,address,bytes)",
        {tx.to, tx.value, tx.data, uint256(static_cast<uint8_t>(tx.operation)), tx.safe_tx_gas, tx.base_gas,
         tx.gas_price, tx.gas_token, tx.refund_receiver, Bytes(signatures.begin(), signatures.end())});
}

Result<Bytes> multisend_calldata(const std::vector<SafeCall>& calls) {
    return calldata("multiSend(bytes)", {pack_multisend(calls)});
}

}  // namespace suture::deploy
