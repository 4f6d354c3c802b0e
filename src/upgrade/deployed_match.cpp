#include "upgrade/deployed_match.hpp"

#include <algorithm>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "core/hex.hpp"
#include "upgrade/code_metadata.hpp"
#include "upgrade/proxy_detect.hpp"

namespace suture::upgrade {
namespace {

constexpr size_t kClosest = 3;

std::string qualified(const solidity::Contract& c) { return c.source + ":" + c.name; }

const char* metadata_status(const CodeMatch& m) {
    if (!m.metadata_present) return "absent";
    return m.metadata_differs ? "differs" : "same";
}

std::string percent(double x) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%.0f%%", x * 100);
    return buf;
}

Result<CodeCandidate> compare_with(BytesView code, const solidity::Build& build, const solidity::Contract& c) {
    SUTURE_TRY(expected, decode_runtime_code(c.deployed_bytecode, c.where + ".evm.deployedBytecode"));
    expected.immutables = c.immutable_references;
    CodeCandidate cand;
    cand.ref = {&build, &c};
    cand.name = qualified(c);
    cand.match = compare_runtime_code(code, expected);
    size_t longer = std::max(cand.match.chain_size, cand.match.artifact_size);
    cand.similarity = longer ? double(cand.match.common_prefix + cand.match.common_suffix) / double(longer) : 0;
    return cand;
}

std::string describe_candidate(const CodeCandidate& c) {
    return c.name + " (" + std::to_string(c.match.artifact_size) + " bytes, " + percent(c.similarity) +
           " alike: " + c.match.detail + ")";
}

std::string join(const std::vector<std::string>& v) {
    std::string out;
    for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
    return out;
}

}  // namespace

std::string DeployedCode::describe() const {
    std::string s = to_checksum(code_address());
    if (implementation)
        s += std::string(" (implementation of the ") + proxy_pattern_name(proxy) + " proxy " + to_checksum(address) + ")";
    return s + " at block " + std::to_string(block);
}

Result<DeployedCode> fetch_deployed_code(ChainView& view, const Address& address, uint64_t block) {
    DeployedCode d;
    d.address = address;
    d.block = block;
    SUTURE_TRY(info, inspect_proxy(view, address));
    if (!info.has_code)
        return input_error(to_checksum(address) + " has no code at block " + std::to_string(block) +
                           " (an externally owned account, or a contract not deployed yet)");
    d.proxy = info.kind;
    if (info.kind == ProxyPattern::diamond)
        return input_error(to_checksum(address) + " is an EIP-2535 diamond at block " + std::to_string(block) +
                           ": its code is spread over facets; pass the address of the facet to check");
    if (info.kind != ProxyPattern::none) {
        if (!info.implementation)
            return input_error(to_checksum(address) + " is a " + proxy_pattern_name(info.kind) +
                               " proxy without an implementation at block " + std::to_string(block));
        d.implementation = *info.implementation;
    }
    SUTURE_TRY(code, view.code(d.code_address()));
    if (code.empty()) return input_error(d.describe() + ": no code at the implementation address");
    d.code = std::move(code);
    return d;
}

Result<DeployedReference> match_deployed(DeployedCode deployed, const solidity::BuildSet& set, const MatchOptions& opt) {
    DeployedReference ref;
    ref.deployed = std::move(deployed);
    ref.build_path = set.path;
    BytesView code = ref.deployed.code;
    std::vector<CodeCandidate> all;
    if (!opt.contract.empty()) {
        SUTURE_TRY(named, solidity::find_contract(set, opt.contract));
        if (named.contract->deployed_bytecode.empty())
            return input_error(qualified(*named.contract) + " in " + set.path +
                               " has no runtime code (an interface or abstract contract)");
        SUTURE_TRY(cand, compare_with(code, *named.build, *named.contract));
        if (!cand.match.equal)
            return input_error(ref.deployed.describe() + " does not run " + cand.name + " of " + set.path + ": " +
                               cand.match.detail);
        ref.matched = std::move(cand);
        return ref;
    }
    for (const auto& build : set.builds)
        for (const auto& c : build.contracts) {
            if (c.deployed_bytecode.empty()) continue;
            SUTURE_TRY(cand, compare_with(code, build, c));
            all.push_back(std::move(cand));
        }

    // Equal code first; among those the same metadata hash (same sources) first.
    std::vector<const CodeCandidate*> equal, same_source;
    for (const auto& c : all)
        if (c.match.equal) {
            equal.push_back(&c);
            if (c.match.metadata_present && !c.match.metadata_differs) same_source.push_back(&c);
        }
    auto distinct_names = [](const std::vector<const CodeCandidate*>& v) {
        std::vector<std::string> names;
        for (const auto* c : v)
            if (std::find(names.begin(), names.end(), c->name) == names.end()) names.push_back(c->name);
        return names;
    };
    const std::vector<const CodeCandidate*>& pool = same_source.empty() ? equal : same_source;
    auto names = distinct_names(pool);
    if (names.size() == 1) {
        ref.matched = *pool.front();
        for (const auto& n : distinct_names(equal))
            if (n != ref.matched->name) ref.same_code.push_back(n);
        return ref;
    }
    if (names.size() > 1)
        return input_error(ref.deployed.describe() + " runs code that " + std::to_string(names.size()) +
                           " contracts of " + set.path + " compile to (" + join(names) +
                           "); name the one that is live with --old-contract");

    std::sort(all.begin(), all.end(), [](const CodeCandidate& a, const CodeCandidate& b) {
        return a.similarity > b.similarity;
    });
    for (size_t i = 0; i < all.size() && i < kClosest; ++i) ref.closest.push_back(all[i]);
    if (!opt.allow_unmatched) {
        std::vector<std::string> near;
        for (const auto& c : ref.closest) near.push_back(describe_candidate(c));
        size_t size = code.size() - metadata_length(code);
        return input_error(ref.deployed.describe() + ": its runtime code (" + std::to_string(size) +
                           " bytes without metadata) matches no contract of " + set.path +
                           (near.empty() ? std::string(" (the build has no contract with runtime code)")
                                         : "; closest: " + join(near)) +
                           ". Build the deployed version's sources, or check against the bytecode alone "
                           "(--no-source-ok)");
    }
    ref.facts = analyze_bytecode(code);
    return ref;
}

Result<CheckReport> check_against_deployed(const DeployedReference& ref, const solidity::ContractRef& new_impl,
                                           const CheckOptions& opt) {
    const DeployedCode& d = ref.deployed;
    std::string where = to_checksum(d.code_address());
    if (ref.matched) {
        SUTURE_TRY(report, check_upgrade(ref.matched->ref, new_impl, opt));
        Finding f;
        f.severity = Severity::info;
        f.code = "deployed-match";
        f.location.other = where;
        const CodeMatch& m = ref.matched->match;
        std::string how = !m.metadata_present ? "code equal (no metadata hash to compare)"
                          : m.metadata_differs
                              ? "code equal, metadata hash differs: the same code built from other sources "
                                "(comments, paths or settings that do not change the code)"
                              : "code and metadata hash equal: the same sources and settings";
        f.message = d.describe() + " runs " + ref.matched->name + " of " + ref.build_path + " (" + how + ")";
        if (!ref.same_code.empty()) f.message += "; equal code also in " + join(ref.same_code);
        f.hint = "the storage layout and ABI of " + ref.matched->name + " are the reference for this check";
        report.findings.insert(report.findings.begin(), std::move(f));
        return report;
    }
    SUTURE_TRY(report, check_implementation(new_impl, opt));
    report.old_contract = where;
    Finding f;
    f.severity = Severity::warning;
    f.code = "deployed-unmatched";
    f.location.other = where;
    f.message = d.describe() + " runs code that matches no contract of " + ref.build_path +
                ": storage layout, initializer versions and ABI were not compared; only the new implementation's "
                "rules and the live bytecode's facts are reported";
    if (!ref.closest.empty()) f.message += " (closest: " + ref.closest.front().name + ", " +
                                           percent(ref.closest.front().similarity) + " alike)";
    f.hint = "build the deployed version's sources and pass them with --old to compare layouts";
    Findings facts = bytecode_findings(ref.facts, where);
    report.findings.insert(report.findings.begin(), facts.begin(), facts.end());
    report.findings.insert(report.findings.begin(), std::move(f));
    return report;
}

nlohmann::json deployed_json(const DeployedReference& ref) {
    const DeployedCode& d = ref.deployed;
    nlohmann::json j = {{"address", to_checksum(d.address)},
                        {"block", d.block},
                        {"proxy", proxy_pattern_name(d.proxy)},
                        {"codeSize", d.code.size()},
                        {"build", ref.build_path}};
    if (d.implementation) j["implementation"] = to_checksum(*d.implementation);
    if (auto meta = parse_code_metadata(d.code)) {
        j["metadata"] = {{"solc", meta->solc}, {"hashKind", meta->hash_kind}, {"hash", to_hex(meta->hash)}};
    }
    if (ref.matched)
        j["matched"] = {{"contract", ref.matched->name}, {"metadataHash", metadata_status(ref.matched->match)}};
    else
        j["matched"] = nullptr;
    j["sameCode"] = ref.same_code;
    auto closest = nlohmann::json::array();
    for (const auto& c : ref.closest)
        closest.push_back({{"contract", c.name},
                           {"size", c.match.artifact_size},
                           {"similarity", c.similarity},
                           {"detail", c.match.detail}});
    j["closest"] = closest;
    if (!ref.matched) {
        auto facts = nlohmann::json::array();
        for (const auto& f : ref.facts.facts) {
            static const char* kinds[] = {"selfdestruct", "delegatecall", "callcode", "eip1967-write"};
            nlohmann::json x = {{"kind", kinds[int(f.kind)]}, {"pc", f.pc}};
            if (!f.slot.empty()) x["slot"] = f.slot;
            facts.push_back(x);
        }
        j["bytecode"] = {{"size", ref.facts.code_size},
                         {"blocks", ref.facts.blocks},
                         {"reachableBlocks", ref.facts.reachable_blocks},
                         {"unresolvedJumps", ref.facts.unresolved_jumps},
                         {"facts", facts}};
    }
    return j;
}

}  // namespace suture::upgrade
