#include "upgrade/executed_scratch.hpp"

namespace suture::upgrade {

namespace {

// A recognisable address no real key controls by design (it is not derived
// from a key); it only needs to be an account without code (EIP-3607).
Address scratch_caller() {
    Address a;
    for (size_t i = 0; i < a.bytes.size(); ++i) a.bytes[i] = 0x5c;
    a.bytes[19] = 0x01;
    return a;
}

}  // namespace

std::string ScratchOutcome::status_text() const { return evm::status_name(status); }

ScratchChain::ScratchChain() : caller_(scratch_caller()) {
    // Plenty for any constructor argument of value zero and for gas at price zero.
    state_.set_account(caller_, 0, uint256(1) << 128, {});
    // A plausible mainnet-like block: contracts that check block.timestamp or
    // block.number against zero see a live chain.
    block_.number = 20'000'000;
    block_.timestamp = 1'720'000'000;
    block_.gas_limit = 60'000'000;
    block_.chain_id = 1;
}

Result<ScratchOutcome> ScratchChain::run(std::optional<Address> to, Bytes data, bool commit) {
    evm::CallRequest req;
    req.from = caller_;
    req.to = to;
    req.data = std::move(data);
    req.gas = 30'000'000;
    SUTURE_TRY(out, evm::execute_call(state_, evm::Revision::cancun, block_, req));
    ScratchOutcome r;
    r.status = out.receipt.status;
    r.output = std::move(out.receipt.output);
    r.created = out.receipt.created;
    if (commit && r.ok()) state_.apply(out.diff);
    return r;
}

Result<ScratchOutcome> ScratchChain::create(Bytes initcode) { return run(std::nullopt, std::move(initcode), true); }

Result<ScratchOutcome> ScratchChain::call(const Address& to, Bytes data, bool commit) {
    return run(to, std::move(data), commit);
}

uint256 ScratchChain::storage(const Address& addr, const uint256& key) const {
    const auto* acc = state_.find(addr);
    if (!acc) return 0;
    auto it = acc->storage.find(key);
    return it == acc->storage.end() ? uint256(0) : it->second;
}

void ScratchChain::set_storage(const Address& addr, const uint256& key, const uint256& value) {
    evm::AccountChange c;
    c.address = addr;
    if (const auto* acc = state_.find(addr)) c.info = {acc->nonce, acc->balance, acc->code_hash, !acc->storage.empty()};
    c.storage.emplace_back(key, value);
    state_.apply(evm::StateDiff{{std::move(c)}});
}

bool ScratchChain::has_code(const Address& addr) const {
    const auto* acc = state_.find(addr);
    return acc && acc->code && !acc->code->empty();
}

}  // namespace suture::upgrade
