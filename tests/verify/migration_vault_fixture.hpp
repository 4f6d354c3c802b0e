// The fixture vault of the migrate tests (tests/fixtures/migrate), deployed in
// a fresh devnet state with 1,000 depositors (deposit, a second deposit for
// every third, 0-3 open positions each), and the logs of every transaction.
// Header-only: the snapshot tests (tests/verify) and the push tests
// (tests/pipeline) share it.
#pragma once

#include <gtest/gtest.h>

#include <map>

#include "chain/devnet.hpp"
#include "core/abi_encode.hpp"
#include "core/hex.hpp"
#include "solidity/build.hpp"
#include "solidity/load.hpp"
#include "verify/migration_snapshot.hpp"
#include "verify/poc_transactions.hpp"

namespace suture::verify::migrate_fixture {

inline const std::string kFixtures = std::string(SUTURE_BINARY_DIR) + "/fixtures/migrate/contracts.json";

inline Bytes call(const std::string& sig, const std::vector<abi::AbiValue>& args) {
    return abi::encode_call(abi::parse_signature(sig).value(), args).value();
}

inline Address depositor(uint32_t i) {
    Address a;
    a.bytes[0] = 0xd0;
    a.bytes[16] = static_cast<uint8_t>(i >> 24);
    a.bytes[17] = static_cast<uint8_t>(i >> 16);
    a.bytes[18] = static_cast<uint8_t>(i >> 8);
    a.bytes[19] = static_cast<uint8_t>(i);
    return a;
}

inline uint256 amount_of(uint32_t i) { return uint256(1'000'000) + uint256(i) * uint256(7919); }

struct Position {
    uint256 amount;
    bool is_long;
};

class VaultChain : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        auto set = solidity::load_build(kFixtures);
        ASSERT_TRUE(set.ok()) << set.error().message;
        builds_ = new solidity::BuildSet(std::move(*set));
        auto ref = solidity::find_contract(*builds_, "MigrationVault");
        ASSERT_TRUE(ref.ok()) << ref.error().message;
        vault_ref_ = *ref;
        auto storage = solidity::load_storage(*ref->build, *ref->contract);
        ASSERT_TRUE(storage.ok()) << storage.error().message;
        layout_ = new solidity::ContractStorage(std::move(*storage));

        auto st = chain::new_devnet({});
        ASSERT_TRUE(st.ok());
        state_ = new chain::LocalState(std::move(*st));
        owner_ = chain::dev_key(0)->address();
        std::vector<PocTransaction> txs;
        txs.push_back({owner_, std::nullopt, {}, from_hex(ref->contract->bytecode).value()});
        ASSERT_TRUE(run(txs));
        vault_ = *last_created_;

        txs.clear();
        for (uint32_t i = 0; i < 1000; ++i) {
            txs.push_back({depositor(i), vault_, {}, call("deposit(uint256)", {amount_of(i)})});
            if (i % 3 == 0) txs.push_back({depositor(i), vault_, {}, call("deposit(uint256)", {uint256(5)})});
            for (uint32_t p = 0; p < i % 4; ++p) {
                Position pos{uint256(100 + i + p), (i + p) % 2 == 0};
                txs.push_back({depositor(i), vault_, {}, call("openPosition(uint128,bool)", {pos.amount, pos.is_long})});
                positions_[{i, p}] = pos;
            }
        }
        ASSERT_TRUE(run(txs));
    }
    static void TearDownTestSuite() {
        delete builds_;
        delete layout_;
        delete state_;
    }

    // Runs and commits `txs`; every one must succeed.
    static bool run(const std::vector<PocTransaction>& txs) {
        evm::BlockEnv block = chain::next_block(state_->block);
        evm::OverlayBackend overlay(state_->accounts);
        auto out = run_poc_transactions(overlay, state_->revision, block, txs);
        if (!out) return false;
        for (auto& o : *out) {
            if (o.status != evm::StatusCode::success) return false;
            if (o.created) last_created_ = *o.created;
            last_gas_ = o.gas_used;
            logs_.insert(logs_.end(), o.logs.begin(), o.logs.end());
        }
        auto diff = overlay.net_diff();
        if (!diff) return false;
        state_->accounts.apply(*diff);
        state_->block = block;
        return true;
    }

    // tagList is read by the snapshot tests; the replacement contract has no such field.
    static MigrationSpec spec(bool with_tags = true) {
        MigrationSpec s;
        s.contract = vault_;
        s.tables.push_back({"accounts",
                            {"Deposit(address indexed account, uint256 amount)",
                             "PositionOpened(address indexed account, uint256 indexed id, uint128 amount, bool isLong)"},
                            {"account"},
                            {"deposits", "positionCount", "tagList"},
                            true});
        if (!with_tags) s.tables[0].fields.pop_back();
        s.tables.push_back({"positions",
                            {"PositionOpened(address indexed account, uint256 indexed id, uint128 amount, bool isLong)"},
                            {"account", "id"},
                            {"positions"},
                            true});
        s.totals.push_back({"totalDeposits", "accounts.deposits"});
        return s;
    }

    static Result<MigrationSnapshot> snapshot(bool with_tags = true) {
        SnapshotSource src;
        src.state = &state_->accounts;
        src.block = state_->block.number;
        src.logs = logs_;
        src.storage = &state_->accounts.accounts().at(vault_).storage;
        for (const auto& [a, _] : state_->accounts.accounts()) src.candidate_keys.push_back(a);
        return take_snapshot(spec(with_tags), *layout_, src);
    }

    static inline solidity::BuildSet* builds_ = nullptr;
    static inline solidity::ContractRef vault_ref_;
    static inline solidity::ContractStorage* layout_ = nullptr;
    static inline chain::LocalState* state_ = nullptr;
    static inline std::vector<evm::Log> logs_;
    static inline std::optional<Address> last_created_;
    static inline int64_t last_gas_ = 0;  // of the last transaction run
    static inline Address owner_, vault_;
    static inline std::map<std::pair<uint32_t, uint32_t>, Position> positions_;
};

}  // namespace suture::verify::migrate_fixture
