// Artifact loaders: solc standard-JSON output, Hardhat build-info
// (`artifacts/build-info/*.json`), Foundry `out/` (per-contract artifacts or
// `out/build-info/*.json`).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "solidity/build.hpp"

namespace suture::solidity {

enum class LoadFormat {
    automatic,           // detect from the path and the JSON shape
    solc,                // a standard-JSON output file
    build_info,          // a Hardhat/Foundry build-info file or a folder of them
    foundry_artifacts,   // a Foundry out/ folder read through its per-contract artifacts
};

struct LoadOptions {
    LoadFormat format = LoadFormat::automatic;
    // Where to read source text that the artifacts do not embed (solc output, Foundry
    // artifacts); empty: the current directory, then the artifact's folder.
    std::string source_root;
};

Result<BuildSet> load_build(const std::string& path, const LoadOptions& opt = {});

// The pieces, for callers that know the format.
// `output` is the standard-JSON output; `input` (may be null) the standard-JSON input.
Result<Build> build_from_standard_json(std::shared_ptr<const Json> doc, const JsonRef& output,
                                       const JsonRef* input, BuildFormat format,
                                       const std::string& source_root);
Result<BuildSet> load_foundry_artifacts(const std::string& out_dir, const std::string& source_root);
// The per-contract artifacts (out/<File>.sol/<Contract>.json) below `out_dir`, sorted.
Result<std::vector<std::filesystem::path>> foundry_artifact_files(const std::string& out_dir);

// Reads `parent[key]` as compiled code: a string, or an object with "object",
// "linkReferences" and (when `immutables`) "immutableReferences". Returns hex
// without 0x; anything but hex digits and 40-character library placeholders
// ("__$...$__", "__Lib___...") is an error naming the JSON path.
Result<std::string> read_code_object(const JsonRef& parent, std::string_view key, std::vector<LinkReference>& links,
                                     std::vector<ImmutableReference>* immutables);

// Creation and runtime code must both be there or both be empty (an interface,
// an abstract contract) when `parent` holds both: one without the other is a
// damaged artifact. Errors name the empty one.
Status check_code_pair(const JsonRef& parent, const Contract& c);

// The contract's "abi" member (absent or null: no entries), typed.
Result<abi::ContractAbi> read_abi(const JsonRef& contract);

// Indexes AST nodes by id and computes line starts (shared by every loader).
void index_build(Build& b);
// Fills missing source text from `root` (or the current directory) on disk.
void read_missing_sources(Build& b, const std::string& root);

}  // namespace suture::solidity
