// A private anvil node with the deploy fixtures, for end-to-end tests of
// routes and inspection (tests/integration/deploy_*_test.cpp, inspect_*_test.cpp).
//
// One node per test suite; each test runs between evm_snapshot and evm_revert
// (DevnetTest) so tests do not see each other's contracts, and gets fresh
// senders (no nonce state carried across a revert).
#pragma once

#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "chain/rpc_client.hpp"
#include "core/abi_decode.hpp"
#include "core/abi_encode.hpp"
#include "core/hex.hpp"
#include "deploy/implementation_artifact.hpp"
#include "deploy/route.hpp"
#include "deploy/tx_send.hpp"
#include "solidity/load.hpp"
#include "support/anvil.hpp"

namespace suture::deploy::test {

using suture::test::Anvil;

inline const solidity::BuildSet& fixture_builds() {
    static const solidity::BuildSet set = [] {
        auto r = solidity::load_build(std::string(SUTURE_BINARY_DIR) + "/fixtures/deploy/contracts.json");
        if (!r) throw std::runtime_error("deploy fixtures: " + r.error().message);
        return std::move(*r);
    }();
    return set;
}

inline const solidity::Contract& fixture_contract(std::string_view name) {
    auto r = solidity::find_contract(fixture_builds(), name);
    if (!r) throw std::runtime_error(r.error().message);
    return *r->contract;
}

inline ImplementationArtifact fixture_artifact(std::string_view name, const std::vector<std::string>& ctor_args = {},
                                               const LibraryAddresses& libs = {}) {
    auto r = prepare_implementation(fixture_contract(name), libs, ctor_args);
    if (!r) throw std::runtime_error(r.error().message);
    return std::move(*r);
}

// Creation code of a Safe contract from the npm package's Hardhat artifact.
inline Bytes safe_artifact_code(const std::string& relative) {
    std::string path = std::string(SUTURE_SOURCE_DIR) +
                       "/node_modules/@safe-global/safe-contracts/build/artifacts/contracts/" + relative;
    std::ifstream in(path);
    if (!in) throw std::runtime_error("missing " + path + " (run make setup)");
    auto j = nlohmann::json::parse(in);
    return *from_hex(j.at("bytecode").get<std::string>());
}

inline Bytes encode(std::string_view signature, const std::vector<abi::AbiValue>& args) {
    auto sig = abi::parse_signature(signature);
    if (!sig) throw std::runtime_error(sig.error().message);
    auto data = abi::encode_call(*sig, args);
    if (!data) throw std::runtime_error(std::string(signature) + ": " + data.error().message);
    return *data;
}

inline Bytes encode_args(const std::vector<abi::AbiType>& types, const std::vector<abi::AbiValue>& args) {
    auto data = abi::encode(types, args);
    if (!data) throw std::runtime_error(data.error().message);
    return *data;
}

// The Box fixtures' initializer (tests/fixtures/deploy/Box.sol): initialize(owner, value).
inline Bytes box_init(const Address& owner, uint64_t value = 42) {
    return encode("initialize(address,uint256)", {owner, uint256(value)});
}

class DevnetTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        auto n = Anvil::start();
        ASSERT_TRUE(n.ok()) << n.error().message;
        node_ = std::move(*n).release();
        fixture_builds();  // parse once, outside any test's time
    }
    static void TearDownTestSuite() {
        delete node_;
        node_ = nullptr;
    }

    void SetUp() override {
        ASSERT_NE(node_, nullptr);
        rpc = std::make_unique<chain::RpcClient>(node_->url());
        auto snap = rpc->evm_snapshot();
        ASSERT_TRUE(snap.ok()) << snap.error().message;
        snapshot_ = *snap;
        recorder = std::make_unique<MemoryRecorder>();
        SendOptions o;
        o.poll_interval = std::chrono::milliseconds(20);
        sender = std::make_unique<TxSender>(*rpc, Anvil::chain_id, *recorder, o);
        for (int i = 0; i < Anvil::dev_account_count; ++i) keys.push_back(std::make_unique<chain::SecretKey>(Anvil::dev_key(i)));
    }
    void TearDown() override {
        if (rpc) {
            auto r = rpc->evm_revert(snapshot_);
            EXPECT_TRUE(r.ok() && *r) << "evm_revert failed";
        }
    }

    const chain::SecretKey& key(int i) { return *keys.at(i); }
    Address addr(int i) { return key(i).address(); }

    // Sends a transaction from key i (through a separate recorder: set-up
    // transactions are not part of what a test checks as "sent").
    chain::Receipt send(int i, std::optional<Address> to, Bytes data, const std::string& what) {
        MemoryRecorder setup_log;
        TxSender s(*rpc, Anvil::chain_id, setup_log);
        auto r = s.send({what, addr(i), to, uint256(0), std::move(data)}, key(i));
        if (!r) throw std::runtime_error(what + ": " + r.error().message);
        return r->receipt;
    }
    Address deploy_code(int i, Bytes init_code, const std::string& what) {
        auto receipt = send(i, std::nullopt, std::move(init_code), "deploy " + what);
        if (!receipt.contract_address) throw std::runtime_error("deploy " + what + ": no contract address");
        return *receipt.contract_address;
    }
    // Deploys fixture `name` with constructor arguments given as ABI values.
    Address deploy(int i, std::string_view name, const std::vector<abi::AbiValue>& args = {}) {
        return deploy(i, fixture_contract(name), args);
    }
    // Deploys `contract` (of any build) with constructor arguments given as ABI values.
    Address deploy(int i, const solidity::Contract& contract, const std::vector<abi::AbiValue>& args = {}) {
        const std::string name = contract.name;
        std::vector<abi::AbiType> types;
        if (const auto* c = contract.abi.constructor())
            for (const auto& p : c->inputs) types.push_back(p.type);
        Bytes code = *from_hex(contract.bytecode);
        auto tail = encode_args(types, args);
        code.insert(code.end(), tail.begin(), tail.end());
        return deploy_code(i, code, std::string(name));
    }
    void call(int i, const Address& to, std::string_view signature, const std::vector<abi::AbiValue>& args = {}) {
        send(i, to, encode(signature, args), std::string(signature));
    }
    // eth_call returning the decoded outputs; throws on revert.
    std::vector<abi::AbiValue> view(const Address& to, std::string_view signature,
                                    const std::vector<abi::AbiValue>& args = {}) {
        auto sig = *abi::parse_signature(signature);
        chain::CallRequest req;
        req.to = to;
        req.data = encode(signature, args);
        auto out = rpc->call(req);
        if (!out) throw std::runtime_error(std::string(signature) + ": " + out.error().message);
        auto dec = abi::decode(sig.output_types(), *out);
        if (!dec) throw std::runtime_error(std::string(signature) + ": " + dec.error().message);
        return *dec;
    }
    // A request to upgrade `proxy` through `route` to the fixture `contract`
    // (constructor argument 1000: the V2 boxes' maxValue), sent with `admin`.
    DeployRequest upgrade_request(Route route, const Address& proxy, std::string_view contract,
                                  const chain::SecretKey* admin) {
        DeployRequest r;
        r.route = route;
        r.proxy = proxy;
        r.artifact = fixture_artifact(contract, {"1000"});
        r.admin = admin;
        // These tests are about the routes' mechanics; the check gate has its
        // own tests (deploy_cli_test.cpp), so it is allowed out, with a reason.
        r.allow = {{"check-not-run", "route mechanics test: the check gate is tested on its own"}};
        return r;
    }
    uint256 view_uint(const Address& to, std::string_view signature, const std::vector<abi::AbiValue>& args = {}) {
        return view(to, signature, args).at(0).as_uint();
    }
    Address storage_address(const Address& at, const Bytes32& slot) {
        auto w = rpc->get_storage_at(at, uint256::from_bytes32(slot));
        if (!w) throw std::runtime_error(w.error().message);
        return to_address(uint256::from_bytes32(*w));
    }

    static inline Anvil* node_ = nullptr;
    std::unique_ptr<chain::RpcClient> rpc;
    std::unique_ptr<MemoryRecorder> recorder;
    std::unique_ptr<TxSender> sender;
    std::vector<std::unique_ptr<chain::SecretKey>> keys;

private:
    uint64_t snapshot_ = 0;
};

}  // namespace suture::deploy::test
