// The venue's suture.toml (venue_manifest.hpp).
#include "demo/venue_manifest.hpp"

#include <sstream>

namespace suture::demo {
namespace {

// A TOML basic string: the manifest's values are paths, names and addresses, but a path may hold
// a quote or a backslash.
std::string quoted(const std::string& s) {
    std::string out = "\"";
    for (char ch : s) {
        if (ch == '"' || ch == '\\') out += '\\';
        out += ch;
    }
    return out + "\"";
}

}  // namespace

const std::vector<std::string>& venue_invariants() {
    static const std::vector<std::string> v{"collateralBalance() >= totalOwed()", "feeBps() <= 100"};
    return v;
}

const std::vector<pipeline::ExpectedDifference>& venue_expected_differences() {
    static const std::vector<pipeline::ExpectedDifference> v{
        {"version()", "version() names the release: the fix returns \"2\"", std::nullopt}};
    return v;
}

Result<std::string> venue_manifest(const VenueManifestOptions& o) {
    if (o.rpc.empty() == o.state_file.empty()) return input_error("venue manifest: give either an RPC URL or a state file");
    if (o.reviewers.empty()) return input_error("venue manifest: at least one reviewer");
    if (o.threshold == 0 || o.threshold > o.reviewers.size())
        return input_error("venue manifest: threshold " + std::to_string(o.threshold) + " of " +
                           std::to_string(o.reviewers.size()) + " reviewers");
    std::ostringstream t;
    t << "# The derivatives venue of examples/venue (src/demo/venue_manifest.cpp); keys: docs/manifest.md.\n"
      << "ledger = \"suture.ledger\"\n\n"
      << "[chains.venue]\nchain_id = " << o.chain_id << "\n"
      << (o.rpc.empty() ? "state_file = " + quoted(o.state_file) : "rpc = " + quoted(o.rpc)) << "\n"
      << (o.block ? "block = " + std::to_string(*o.block) + "  # the gates fork the block before the attack\n" : "")
      << "\n"
      << "# The venue's UUPS proxy. Its owner is the TimelockController " << to_checksum(o.addresses.timelock)
      << ",\n# whose proposer and executor is the 2-of-3 Safe " << to_checksum(o.addresses.safe) << ".\n"
      << "[targets.venue]\nchain = \"venue\"\naddress = \"" << to_checksum(o.addresses.venue) << "\"\n"
      << "proxy = \"uups\"\nroute = \"timelock\"\nadmin = \"" << to_checksum(o.addresses.timelock) << "\"\n\n"
      << "[builds.venue]\npath = " << quoted(o.build) << "\nformat = \"solc\"\n\n"
      << "[patch]\nname = " << quoted("venue-" + o.new_contract) << "\ntarget = \"venue\"\n"
      << "old = { build = \"venue\", contract = \"PerpVenueV1\" }\n"
      << "new = { build = \"venue\", contract = " << quoted(o.new_contract) << " }\n";
    if (!o.poc.empty()) t << "poc = " << quoted(o.poc) << "  # the attack as a transaction list\n";
    if (o.replay) t << "replay = { from_block = " << o.replay->first << ", to_block = " << o.replay->second << " }\n";
    t << "fuzz = { runs = " << o.fuzz_runs << ", depth = " << o.fuzz_depth << ", seed = " << o.fuzz_seed << " }\n"
      << "invariants = [";
    for (size_t i = 0; i < venue_invariants().size(); ++i) t << (i ? ", " : "") << quoted(venue_invariants()[i]);
    t << "]\n\n";
    for (const auto& d : venue_expected_differences())
        t << "[[patch.expected_differences]]\nfunction = " << quoted(d.function) << "\nreason = " << quoted(d.reason)
          << "\n\n";
    t << "[policy]\nreviewers = [";
    for (size_t i = 0; i < o.reviewers.size(); ++i) t << (i ? ", " : "") << "\"" << to_checksum(o.reviewers[i]) << "\"";
    t << "]\nthreshold = " << o.threshold << "\n\n[deploy]\nconfirmations = 1\n";
    return t.str();
}

}  // namespace suture::demo
