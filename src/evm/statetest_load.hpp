// Loading ethereum/tests state-test fixtures (GeneralStateTests format, see
// the fixtures' INDEX.md) and the newer execution-spec-tests form of the same
// format (a "config" with the chain id and the blob schedule per fork, EIP-7702
// "authorizationList" in the transaction): the pre-state, the block
// environment, the transaction template with its data/gas/value arrays, and
// the post entries of one fork.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "evm/state_memory.hpp"
#include "evm/transaction.hpp"

namespace suture::evm {

// One post entry: the indexes select data, gas limit and value.
struct StateTestCase {
    size_t post_index = 0;  // position in post[fork]
    size_t data = 0, gas = 0, value = 0;
    Bytes32 expected_root{};
    Bytes32 expected_logs{};
    std::optional<std::string> expect_exception;  // the transaction must be rejected
};

struct StateTest {
    std::string file;
    std::string name;
    MemoryBackend pre;
    BlockEnv block;
    // The transaction with everything but data, gas limit, value and access list.
    Transaction tx;
    std::vector<std::string> data, gas_limit, value;            // raw fixture strings
    std::vector<std::optional<std::vector<AccessListEntry>>> access_lists;  // per data index
    std::vector<StateTestCase> cases;                           // post entries of the fork
    // A field no transaction can hold (an authorization nonce above 2^64):
    // every case's transaction is then an input error, as for a value above 2^256.
    std::optional<std::string> unrepresentable;
};

// Parses every test of a fixture file, keeping the post entries of `fork`
// ("Cancun", ...). A malformed file or field is an input error naming it.
Result<std::vector<StateTest>> load_state_tests(const std::filesystem::path& file, const std::string& fork);

// The transaction of one case. Fields a transaction cannot hold (a value above
// 2^256) are an input error: such a case expects a rejection.
Result<Transaction> case_transaction(const StateTest& test, const StateTestCase& c);

}  // namespace suture::evm
