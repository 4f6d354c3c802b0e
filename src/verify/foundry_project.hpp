// A Foundry project as `suture test` sees it: foundry.toml's folders, the
// compiled artifacts in `out/` (read by the solidity layer's Foundry loader)
// and the test contracts among them.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/abi_json.hpp"
#include "core/result.hpp"
#include "solidity/build.hpp"

namespace suture::verify::foundry {

// The [profile.<FOUNDRY_PROFILE or default>] keys `suture test` needs, with
// forge's defaults for missing keys. Paths are as written (relative to root).
struct ProjectConfig {
    std::string root;   // the folder holding foundry.toml
    std::string src = "src";
    std::string test = "test";
    std::string out = "out";
    std::vector<std::string> libs = {"lib"};
    std::string profile = "default";
    // [rpc_endpoints]: alias -> URL, with ${VAR}s from the environment
    // (an unset variable leaves the alias unresolved).
    std::map<std::string, std::string> rpc_endpoints;
};

// A deployable contract with test functions (forge's rule: a function whose
// name starts with "test" or "invariant").
struct TestContract {
    std::string source;  // source unit name, e.g. "test/Vault.t.sol"
    std::string name;
    abi::ContractAbi abi;
    Bytes creation_code;
    std::vector<size_t> tests;  // indices into abi.entries of the test functions, sorted by signature
    bool has_setup = false;     // a setUp() function

    std::string id() const { return source + ":" + name; }
};

struct FoundryProject {
    ProjectConfig config;
    solidity::BuildSet build;
    std::vector<TestContract> test_contracts;  // sorted by id
};

// Reads root/foundry.toml (missing file: forge's defaults; bad TOML: an error
// naming the file and position).
Result<ProjectConfig> read_foundry_config(const std::string& root);

// Reads the config and the artifacts in <root>/<out>. Contracts from sources
// under the `libs` folders are never test contracts. A test contract whose
// bytecode needs library linking is an error naming the contract.
Result<FoundryProject> load_foundry_project(const std::string& root);

// The test contracts of a build (any format), sorted by id; contracts from
// sources under `libs` are skipped.
Result<std::vector<TestContract>> find_test_contracts(const solidity::BuildSet& build,
                                                     const std::vector<std::string>& libs);

// forge's test-function rule, by name.
bool is_test_function(std::string_view name);

}  // namespace suture::verify::foundry
