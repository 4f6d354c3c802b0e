// The model every artifact format loads into: one compilation's sources (with
// their ASTs and text) and contracts (ABI, bytecode, link and immutable
// references, storage layout, AST node).
//
// A Build owns its parsed JSON documents; the `const Json*` members point into
// them and stay valid for the Build's lifetime (moves included). Everything a
// deployment needs (ABI, code, link and immutable references) is typed and
// validated at load time: no layer above reads the artifact's JSON for it.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/abi_json.hpp"
#include "core/result.hpp"
#include "solidity/code_references.hpp"
#include "solidity/json_ref.hpp"

namespace suture::solidity {

enum class BuildFormat { solc, hardhat, foundry };
const char* format_name(BuildFormat f);

struct SourceFile {
    std::string path;       // source unit name as the compiler saw it ("src/A.sol")
    int64_t id = -1;        // the index used by AST `src` fields
    const Json* ast = nullptr;
    std::string content;    // source text (from the compiler input or disk)
    bool has_content = false;
    std::vector<uint32_t> line_starts;  // byte offset of each line, when has_content
};

struct Contract {
    std::string name;
    std::string source;  // source unit name
    abi::ContractAbi abi;           // no entries when the artifact has none
    std::string bytecode;           // hex without 0x; may hold __$..$__ link placeholders
    std::string deployed_bytecode;
    std::vector<LinkReference> link_references;           // in `bytecode`
    std::vector<LinkReference> deployed_link_references;  // in `deployed_bytecode`
    std::vector<ImmutableReference> immutable_references;  // in `deployed_bytecode`
    std::optional<JsonRef> storage_layout;           // absent when not requested at compile time
    const Json* node = nullptr;                       // ContractDefinition, nullptr without AST
    std::string where;  // "file: $.json.path" of the contract entry, for messages
};

struct Build {
    std::string file;  // the path it was loaded from
    BuildFormat format = BuildFormat::solc;
    std::vector<std::shared_ptr<const Json>> docs;  // owned JSON documents
    std::vector<SourceFile> sources;
    std::vector<Contract> contracts;
    // AST node id -> node. solc numbers the nodes of a compilation 0, 1, 2, ...,
    // so a vector indexed by id holds them (tens of thousands in a large
    // build); an id outside that pattern goes to the map instead.
    std::vector<const Json*> nodes;
    std::unordered_map<int64_t, const Json*> sparse_nodes;
    std::unordered_map<int64_t, size_t> source_by_id;    // AST source index -> sources[]

    const Json* node(int64_t id) const {
        if (id >= 0 && static_cast<uint64_t>(id) < nodes.size()) return nodes[static_cast<size_t>(id)];
        auto it = sparse_nodes.find(id);
        return it == sparse_nodes.end() ? nullptr : it->second;
    }
    // Records node `n` under `id`; the first node recorded for an id stays.
    void add_node(int64_t id, const Json* n);
    const SourceFile* source_by_index(int64_t id) const {
        auto it = source_by_id.find(id);
        return it == source_by_id.end() ? nullptr : &sources[it->second];
    }
};

// All compilations found at one path (a Hardhat or Foundry build may hold several).
struct BuildSet {
    std::string path;
    std::vector<Build> builds;
};

struct ContractRef {
    const Build* build = nullptr;
    const Contract* contract = nullptr;
};

// Finds a contract by name, or by "source:Name" when a name is ambiguous.
// Errors list the candidates.
Result<ContractRef> find_contract(const BuildSet& set, std::string_view name);

// Confirms the contract carries what upgrade checks need (storage layout, AST);
// the error names the exact compiler setting to add for the build's format.
Status require_analysis_data(const Build& build, const Contract& c);

}  // namespace suture::solidity
