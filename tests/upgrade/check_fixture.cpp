#include "check_fixture.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>

namespace suture::test {

namespace fs = std::filesystem;

static std::string fixture_dir() { return std::string(SUTURE_SOURCE_DIR) + "/tests/fixtures/check"; }

std::vector<std::string> check_pair_names() {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(fixture_dir() + "/pairs"))
        if (e.path().extension() == ".sol") out.push_back(e.path().stem().string());
    std::sort(out.begin(), out.end());
    return out;
}

static std::vector<std::string> words(const std::string& s) {
    std::istringstream in(s);
    std::vector<std::string> out;
    for (std::string w; in >> w;) out.push_back(w);
    std::sort(out.begin(), out.end());
    return out;
}

PairManifest read_pair_manifest(const std::string& name) {
    PairManifest m;
    m.name = name;
    m.source = "pairs/" + name + ".sol";
    std::ifstream in(fixture_dir() + "/" + m.source);
    for (std::string line; std::getline(in, line);) {
        std::smatch g;
        if (std::regex_match(line, g, std::regex(R"(// expect:(.*))"))) m.expect = words(g[1]);
        if (std::regex_match(line, g, std::regex(R"(// allowed:(.*))"))) m.allowed = words(g[1]);
        if (std::regex_match(line, g, std::regex(R"(// options:(.*))")))
            for (const auto& kv : words(g[1])) {
                auto eq = kv.find('=');
                m.options[kv.substr(0, eq)] = kv.substr(eq + 1);
            }
    }
    return m;
}

static solidity::BuildSet load_or_die(const std::string& path) {
    solidity::LoadOptions opt;
    opt.source_root = fixture_dir();
    auto set = solidity::load_build(path, opt);
    if (!set.ok()) throw std::runtime_error(set.error().message);
    return std::move(set).value();
}

const solidity::BuildSet& pairs_solc() {
    static const solidity::BuildSet set = load_or_die(std::string(SUTURE_BINARY_DIR) + "/fixtures/check/pairs.solc.json");
    return set;
}

const solidity::BuildSet& pairs_build_info() {
    static const solidity::BuildSet set = load_or_die(std::string(SUTURE_BINARY_DIR) + "/fixtures/check/build-info");
    return set;
}

Result<upgrade::CheckReport> run_pair(const solidity::BuildSet& set, const PairManifest& m,
                                      const std::string& source_prefix) {
    std::string src = source_prefix + m.name + ".sol";
    SUTURE_TRY(old_ref, solidity::find_contract(set, src + ":V1"));
    SUTURE_TRY(new_ref, solidity::find_contract(set, src + ":V2"));
    upgrade::CheckOptions opt;
    if (auto p = m.options.find("proxy"); p != m.options.end()) {
        if (p->second == "uups") opt.proxy = upgrade::ProxyKind::uups;
        if (p->second == "transparent") opt.proxy = upgrade::ProxyKind::transparent;
        if (p->second == "diamond") opt.proxy = upgrade::ProxyKind::diamond;
    }
    if (auto f = m.options.find("facet"); f != m.options.end()) {
        SUTURE_TRY(facet, solidity::find_contract(set, src + ":" + f->second));
        opt.facets.push_back(facet);
    }
    return upgrade::check_upgrade(old_ref, new_ref, opt);
}

std::vector<std::string> codes(const Findings& fs, bool suppressed) {
    std::vector<std::string> out;
    for (const auto& f : fs)
        if (f.suppressed == suppressed) out.push_back(f.code);
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace suture::test
