#include "chain/devnet.hpp"

#include "core/keccak.hpp"

namespace suture::chain {

Bytes32 dev_secret(uint32_t index) { return keccak256("suture-dev-" + std::to_string(index)); }

Result<SecretKey> dev_key(uint32_t index) {
    auto key = SecretKey::from_bytes(dev_secret(index));
    if (!key) return internal_error("dev key " + std::to_string(index) + ": " + key.error().message);
    return key;
}

Result<LocalState> new_devnet(const DevnetOptions& options) {
    LocalState s;
    s.revision = evm::Revision::cancun;
    s.block.chain_id = uint256(options.chain_id);
    s.block.number = 0;
    s.block.timestamp = 1'700'000'000;
    s.block.gas_limit = 30'000'000;
    s.block.base_fee = uint256(1'000'000'000);
    s.block.prev_randao = uint256::from_bytes32(keccak256("suture-devnet"));
    for (uint32_t i = 0; i < options.accounts; ++i) {
        SUTURE_TRY(key, dev_key(i));
        s.accounts.set_account(key.address(), 0, options.balance, {});
    }
    for (const Address& a : options.fund) s.accounts.set_account(a, 0, options.balance, {});
    return s;
}

evm::BlockEnv next_block(const evm::BlockEnv& latest) {
    evm::BlockEnv b = latest;
    b.number += 1;
    b.timestamp += 12;
    return b;
}

}  // namespace suture::chain
