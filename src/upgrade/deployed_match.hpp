// `suture check --old-address`: which contract of a build is live at an address?
//
// The runtime code at the address (at its implementation when the address is
// a proxy, as inspect_proxy finds it) is compared with every contract of a
// build, ignoring the metadata trailer, immutables and library addresses
// (runtime_code_compare.hpp). The contract whose code matches becomes the old
// version of the upgrade check; a matching metadata hash as well means the
// same sources and settings, a differing one the same code built from
// different sources (comments, paths, another compiler run).
//
// When nothing matches, the error names the address, the block and the
// closest contracts. With `allow_unmatched` the check goes on without a
// source-level reference: the new implementation's own rules, plus facts read
// from the live bytecode (bytecode_facts.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/address.hpp"
#include "core/bytes.hpp"
#include "core/result.hpp"
#include "solidity/build.hpp"
#include "upgrade/bytecode_facts.hpp"
#include "upgrade/check.hpp"
#include "upgrade/proxy_chain_view.hpp"
#include "upgrade/proxy_kind.hpp"
#include "upgrade/runtime_code_compare.hpp"

namespace suture::upgrade {

struct DeployedCode {
    Address address;  // as the user named it
    uint64_t block = 0;
    ProxyPattern proxy = ProxyPattern::none;
    std::optional<Address> implementation;  // set when `address` is a proxy: the code was read there
    Bytes code;

    const Address& code_address() const { return implementation ? *implementation : address; }
    // "0xImpl (implementation of the uups proxy 0xProxy) at block 12"
    std::string describe() const;
};

// Reads the code that runs for `address` at the view's block (`block` is
// that block's number, for messages). Errors: no code there (input), a
// diamond (its code is spread over facets: name a facet), a proxy whose
// implementation is unset or empty, and chain failures.
Result<DeployedCode> fetch_deployed_code(ChainView& view, const Address& address, uint64_t block);

struct CodeCandidate {
    solidity::ContractRef ref;
    std::string name;  // "source:Name"
    CodeMatch match;
    double similarity = 0;  // equal bytes at both ends / the longer code, metadata excluded
};

struct MatchOptions {
    std::string contract;          // "" searches the build; else only this contract may match
    bool allow_unmatched = false;  // no match: an unmatched reference instead of an error
};

struct DeployedReference {
    DeployedCode deployed;
    std::string build_path;
    std::optional<CodeCandidate> matched;
    std::vector<std::string> same_code;  // other contracts with equal code (metadata decided, or equal too)
    std::vector<CodeCandidate> closest;  // when unmatched: nearest contracts, best first (at most 3)
    BytecodeFacts facts;                 // when unmatched: read from the live code
};

// Matches `deployed` against the contracts of `set` with runtime code.
Result<DeployedReference> match_deployed(DeployedCode deployed, const solidity::BuildSet& set,
                                         const MatchOptions& opt = {});

// The upgrade check against a deployed reference: check_upgrade from the
// matched contract, with an info finding `deployed-match` saying which one
// and how closely; for an unmatched reference, check_implementation plus a
// `deployed-unmatched` warning and the bytecode facts as findings.
Result<CheckReport> check_against_deployed(const DeployedReference& ref, const solidity::ContractRef& new_impl,
                                           const CheckOptions& opt = {});

// {address, block, proxy, implementation, codeSize, matched: {contract,
// metadata}, sameCode[], closest[], facts{...}} for --json output.
nlohmann::json deployed_json(const DeployedReference& ref);

}  // namespace suture::upgrade
