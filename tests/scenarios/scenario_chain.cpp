#include "scenarios/scenario_chain.hpp"

#include <unistd.h>

#include "core/hex.hpp"
#include "core/keccak.hpp"
#include "support/devnode.hpp"

namespace suture::test {

Result<std::unique_ptr<ScenarioChain>> ScenarioChain::start(size_t users) {
    std::unique_ptr<ScenarioChain> c(new ScenarioChain);
    if (test_node_is_state()) {
        static int serial = 0;
        c->state_dir_ = std::filesystem::temp_directory_path() /
                        ("suture-scenarios-" + std::to_string(::getpid()) + "-" + std::to_string(serial++));
        SUTURE_TRY(url, anvil_like_state(c->state_dir_));
        c->url_ = url;
    } else {
        SUTURE_TRY(node, Anvil::start());
        c->anvil_ = std::move(node);
        c->url_ = c->anvil_->url();
    }
    c->rpc_ = std::make_unique<chain::RpcClient>(c->url_);
    c->sender_ = std::make_unique<SignedSender>(*c->rpc_);
    SUTURE_CHECK(c->rpc_->anvil_set_automine(false));
    for (size_t i = 0; i < users; ++i) {
        const Bytes32 seed = keccak256("suture-scenario-user-" + std::to_string(i));
        SUTURE_TRY(key, chain::SecretKey::from_bytes(seed));
        c->users_.push_back(std::move(key));
    }
    const chain::SecretKey funder = Anvil::dev_key(3);
    const uint256 hundred_eth = uint256(100) * uint256(1'000'000'000'000'000'000ull);
    for (const auto& u : c->users_) SUTURE_CHECK(c->send(funder, u.address(), {}, hundred_eth, 21'000));
    SUTURE_CHECK(c->mine());
    return c;
}

ScenarioChain::~ScenarioChain() {
    sender_.reset();
    rpc_.reset();
    if (!state_dir_.empty()) std::filesystem::remove_all(state_dir_);
}

std::vector<Address> ScenarioChain::users() const {
    std::vector<Address> out;
    for (const auto& u : users_) out.push_back(u.address());
    return out;
}

Result<Bytes32> ScenarioChain::send(const chain::SecretKey& from, std::optional<Address> to, Bytes data, uint256 value,
                                    uint64_t gas) {
    SUTURE_TRY(hash, sender_->send(from, to, std::move(data), value, gas));
    pending_.push_back(hash);
    return hash;
}

Result<uint64_t> ScenarioChain::mine() {
    SUTURE_CHECK(rpc_->evm_mine());
    SUTURE_TRY(number, rpc_->block_number());
    std::vector<Bytes32> mined;
    mined.swap(pending_);
    for (const Bytes32& h : mined) {
        SUTURE_TRY(r, rpc_->get_transaction_receipt(h));
        if (!r) return chain_error("transaction " + to_hex(h) + " was not mined in block " + std::to_string(number));
        if (!r->status) return input_error("transaction " + to_hex(h) + " failed in block " + std::to_string(number));
    }
    return number;
}

Result<Address> ScenarioChain::deploy(const chain::SecretKey& from, const solidity::BuildSet& build,
                                      std::string_view contract, const Bytes& args) {
    SUTURE_TRY(c, solidity::find_contract(build, contract));
    SUTURE_TRY(code, from_hex(c.contract->bytecode));
    code.insert(code.end(), args.begin(), args.end());
    SUTURE_TRY(hash, send(from, std::nullopt, std::move(code), uint256(), 5'000'000));
    SUTURE_CHECK(mine());
    SUTURE_TRY(r, rpc_->get_transaction_receipt(hash));
    if (!r || !r->contract_address) return input_error(std::string(contract) + ": no contract created");
    return *r->contract_address;
}

}  // namespace suture::test
