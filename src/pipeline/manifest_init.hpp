// `suture init`: a commented suture.toml made from what is found in a
// project folder and on its chain, which loads back through load_manifest.
//
// The build: a Foundry `out/` folder, else Hardhat `artifacts/build-info`,
// else the first solc standard-JSON output (*.json with "contracts") in the
// folder. The chain: `--rpc URL` or `--state FILE` (its chain id read there).
// Each target (`--target NAME=ADDRESS`) is inspected on that chain: its
// proxy kind, the route its upgrade authority implies, the admin, and the
// build's contract whose runtime code is live behind it (the old contract).
// Without a chain the targets get `proxy = "auto"` and a route to confirm.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/address.hpp"
#include "core/result.hpp"

namespace suture::pipeline {

struct InitTarget {
    std::string name;
    Address address;
};

struct InitOptions {
    std::string dir = ".";              // the project folder; suture.toml is written here
    std::vector<InitTarget> targets;    // at least one
    std::string rpc;                    // JSON-RPC URL ...
    std::string state_file;             // ... or a local state file (relative to dir or absolute)
    std::optional<uint64_t> chain_id;   // without a chain to ask
    std::vector<Address> reviewers;     // at least one
    std::optional<unsigned> threshold;  // default: a majority of the reviewers
    std::string old_contract, new_contract;  // default: the matched live contract (old), the old one (new)
    std::string poc;                         // the exploit gate's PoC (relative to dir or absolute); "" : none
};

struct InitResult {
    std::string path;                // the manifest written
    std::string text;                // its contents
    std::vector<std::string> found;  // what was found, in words (for the user)
};

// Parses "NAME=0xADDRESS".
Result<InitTarget> parse_init_target(const std::string& text);

// Builds the manifest text (nothing written).
Result<InitResult> make_manifest(const InitOptions& o);

// make_manifest, then writes `dir/suture.toml` atomically after checking that
// the text loads (load_manifest). An existing file is an error unless `force`.
Result<InitResult> init_manifest(const InitOptions& o, bool force);

}  // namespace suture::pipeline
