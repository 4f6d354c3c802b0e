// The code a patch moves between: the old and the new contract as the
// manifest's [patch] names them in its [builds], loaded once for every gate,
// with the hashes the patch digest and the gates' input hashes are made of.
#pragma once

#include <string>

#include "core/bytes.hpp"
#include "core/result.hpp"
#include "deploy/implementation_artifact.hpp"
#include "pipeline/manifest.hpp"
#include "solidity/load.hpp"
#include "solidity/storage_layout.hpp"

namespace suture::pipeline {

struct PatchCode {
    // The builds own what the refs and storage point into; a PatchCode is
    // moved, never copied (a vector's move keeps its elements in place).
    solidity::BuildSet old_set, new_set;
    solidity::ContractRef old_ref, new_ref;
    solidity::ContractStorage old_storage, new_storage;
    std::string old_build_path, new_build_path;
    deploy::ImplementationArtifact new_impl;  // linked creation and runtime code of the new contract
    Bytes32 new_runtime_hash{};               // keccak256(new_impl.runtime)
    Bytes32 layout_hash{};                    // storage_layout_hash(new_storage)
    Bytes initializer;                        // [deploy].initializer calldata; empty: none
    Bytes32 old_artifact_hash{}, new_artifact_hash{};  // artifact_hash() of each contract
};

// Loads both builds (format from [builds.NAME].format) and finds the two
// contracts; errors name the manifest key ("patch.new: ...").
Result<PatchCode> load_patch_code(const Manifest& m);

// keccak256 over the layout in words, one line per variable of the main
// layout and every ERC-7201 namespace: namespace, slot, offset, label, type
// label, size. Type ids are left out: solc numbers them by AST id, which
// moves with any edit of the source.
Bytes32 storage_layout_hash(const solidity::ContractStorage& s);

// keccak256 of the contract's compiled code as the artifact holds it
// (creation and runtime hex, link placeholders included).
Bytes32 artifact_hash(const solidity::Contract& c);

solidity::LoadFormat load_format(const std::string& manifest_format);

}  // namespace suture::pipeline
