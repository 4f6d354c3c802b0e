// Shared access to the `suture check` fixture pairs (tests/fixtures/check/pairs):
// each pair file holds contracts V1 (old) and V2 (new) and a manifest:
//   // expect: <unsuppressed finding codes>
//   // allowed: <finding codes suppressed by annotations>
//   // options: proxy=<kind> facet=<Contract>
#pragma once

#include <map>
#include <string>
#include <vector>

#include "solidity/load.hpp"
#include "upgrade/check.hpp"

namespace suture::test {

struct PairManifest {
    std::string name;    // file stem
    std::string source;  // "pairs/<name>.sol"
    std::vector<std::string> expect, allowed;  // sorted
    std::map<std::string, std::string> options;
};

std::vector<std::string> check_pair_names();
PairManifest read_pair_manifest(const std::string& name);

// Compiled fixture builds, loaded once per process.
const solidity::BuildSet& pairs_solc();
const solidity::BuildSet& pairs_build_info();

// Runs `suture check` V1 -> V2 of a pair in `set` with the pair's options.
Result<upgrade::CheckReport> run_pair(const solidity::BuildSet& set, const PairManifest& m,
                                      const std::string& source_prefix = "pairs/");

// Sorted codes of the unsuppressed (allowed=false) or suppressed findings.
std::vector<std::string> codes(const Findings& fs, bool suppressed);

}  // namespace suture::test
