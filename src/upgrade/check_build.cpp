#include "upgrade/check_build.hpp"

#include <set>
#include <sstream>

#include "solidity/ast.hpp"
#include "solidity/source_location.hpp"

namespace suture::upgrade {

namespace {

using solidity::Json;
using solidity::str_field;

// The words after `@custom:<tag>` when a line of `doc` starts with that tag
// (followed by a blank or the line end), up to the next `@` tag; nullopt when
// no line carries it. OpenZeppelin's hasAnnotationTag / getAnnotationArgs.
std::optional<std::vector<std::string>> annotation(const std::string& doc, std::string_view tag) {
    std::string marker = "@custom:" + std::string(tag);
    std::istringstream lines(doc);
    std::string line;
    std::optional<std::vector<std::string>> out;
    bool in_tag = false;
    while (std::getline(lines, line)) {
        size_t k = line.find_first_not_of(" \t\r*");
        std::string_view rest = k == std::string::npos ? std::string_view() : std::string_view(line).substr(k);
        if (rest.starts_with('@')) {
            in_tag = rest.starts_with(marker) &&
                     (rest.size() == marker.size() || rest[marker.size()] == ' ' || rest[marker.size()] == '\t');
            if (!in_tag) continue;
            if (!out) out.emplace();
            rest.remove_prefix(marker.size());
        }
        if (!in_tag) continue;
        std::istringstream words{std::string(rest)};
        std::string w;
        while (words >> w) out->push_back(w);
    }
    return out;
}

// OpenZeppelin's default --exclude: `**/contracts/proxy/beacon/UpgradeableBeacon.sol`.
bool excluded_by_default(const std::string& source) {
    static const std::string kBeacon = "contracts/proxy/beacon/UpgradeableBeacon.sol";
    return source == kBeacon || source.ends_with("/" + kBeacon);
}

// upgradeTo(address) or upgradeToAndCall(address,bytes) in the contract or a base.
bool has_uups_function(const solidity::Build& b, const Json& contract) {
    for (const Json* base : solidity::linearized_bases(b, contract))
        for (const Json* f : solidity::members_of(*base, "FunctionDefinition")) {
            std::string_view sel = str_field(*f, "functionSelector");
            if (sel == "3659cfe6" || sel == "4f1ef286") return true;  // keccak256 of the two signatures, first 4 bytes
        }
    return false;
}

bool inherits_initializable(const solidity::Build& b, const Json& contract) {
    for (const Json* base : solidity::linearized_bases(b, contract))
        if (base != &contract && str_field(*base, "name") == "Initializable") return true;
    return false;
}

std::string qualified(const solidity::Contract& c) { return c.source + ":" + c.name; }

}  // namespace

Result<std::vector<CheckReport>> check_build(const solidity::BuildSet& set, const BuildCheckOptions& opt) {
    std::vector<CheckReport> out;
    std::set<std::string> seen;
    for (const auto& b : set.builds)
        for (const auto& c : b.contracts) {
            if (!c.node || str_field(*c.node, "contractKind") != "contract") continue;
            if (!seen.insert(qualified(c)).second) continue;
            solidity::ContractRef ref{&b, &c};
            std::optional<std::vector<std::string>> from;
            if (opt.select == BuildSelection::upgradeable) {
                if (c.node->value("abstract", false) || excluded_by_default(c.source)) continue;
                std::string doc = solidity::doc_text(b, *c.node);
                from = annotation(doc, "oz-upgrades-from");
                bool upgradeable = from || annotation(doc, "oz-upgrades") || inherits_initializable(b, *c.node) ||
                                   has_uups_function(b, *c.node);
                if (!upgradeable) continue;
            } else {
                from = annotation(solidity::doc_text(b, *c.node), "oz-upgrades-from");
            }
            if (from) {
                if (from->size() != 1)
                    return input_error(c.where + ": @custom:oz-upgrades-from takes one contract name, found " +
                                       std::to_string(from->size()));
                const solidity::BuildSet& refs = opt.references ? *opt.references : set;
                SUTURE_TRY(old_ref, solidity::find_contract(refs, from->front()));
                if (old_ref.contract == &c)
                    return usage_error(qualified(c) + ": @custom:oz-upgrades-from names the contract itself; keep "
                                       "the previous version under another name or in an older build (--old)");
                SUTURE_TRY(report, check_upgrade(old_ref, ref, opt.check));
                out.push_back(std::move(report));
            } else {
                // Checked alone: a contract users inherit or deploy later, not this deployment.
                CheckOptions alone = opt.check;
                alone.deployed = false;
                SUTURE_TRY(report, check_implementation(ref, alone));
                out.push_back(std::move(report));
            }
        }
    return out;
}

}  // namespace suture::upgrade
