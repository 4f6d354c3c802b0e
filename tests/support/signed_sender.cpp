#include "support/signed_sender.hpp"

#include "support/anvil.hpp"

namespace suture::test {

Result<Bytes32> SignedSender::send(const chain::SecretKey& from, std::optional<Address> to, Bytes data, uint256 value,
                                   uint64_t gas, chain::TxType type, std::vector<chain::AccessListEntry> access) {
    auto nonce = nonces_.find(from.address());
    if (nonce == nonces_.end()) {
        SUTURE_TRY(n, rpc_.get_transaction_count(from.address(), chain::BlockTag::pending()));
        nonce = nonces_.emplace(from.address(), n).first;
    }
    chain::Transaction tx;
    tx.type = type;
    tx.chain_id = Anvil::chain_id;
    tx.nonce = nonce->second;
    tx.gas_price = uint256(100'000'000'000ull);
    tx.max_fee_per_gas = uint256(100'000'000'000ull);
    tx.max_priority_fee_per_gas = uint256(1'000'000'000ull);
    tx.access_list = std::move(access);
    tx.gas_limit = gas;
    tx.to = to;
    tx.value = value;
    tx.data = std::move(data);
    SUTURE_TRY(signed_tx, chain::sign_transaction(tx, from));
    SUTURE_TRY(hash, rpc_.send_raw_transaction(signed_tx.raw));
    ++nonce->second;
    return hash;
}

}  // namespace suture::test
