#include "verify/foundry_project.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include <toml++/toml.h>

#include "core/hex.hpp"
#include "solidity/load.hpp"

namespace suture::verify::foundry {

namespace fs = std::filesystem;

namespace {

void read_string(const toml::table& profile, const char* key, std::string& out) {
    if (auto v = profile[key].value<std::string>()) out = *v;
}

bool under_any(const std::string& source, const std::vector<std::string>& folders) {
    for (const auto& f : folders) {
        std::string dir = f;
        while (dir.size() > 2 && dir.rfind("./", 0) == 0) dir.erase(0, 2);
        while (!dir.empty() && dir.back() == '/') dir.pop_back();
        if (!dir.empty() && source.size() > dir.size() && source.compare(0, dir.size(), dir) == 0 &&
            source[dir.size()] == '/')
            return true;
    }
    return false;
}

// "${VAR}" references replaced from the environment; nullopt when one is unset.
std::optional<std::string> expand_env(const std::string& text) {
    std::string out;
    for (size_t i = 0; i < text.size(); ++i) {
        if (text.compare(i, 2, "${") == 0) {
            const size_t end = text.find('}', i);
            if (end == std::string::npos) return std::nullopt;
            const char* v = std::getenv(text.substr(i + 2, end - i - 2).c_str());
            if (!v) return std::nullopt;
            out += v;
            i = end;
        } else {
            out += text[i];
        }
    }
    return out;
}

}  // namespace

bool is_test_function(std::string_view name) { return name.rfind("test", 0) == 0 || name.rfind("invariant", 0) == 0; }

Result<ProjectConfig> read_foundry_config(const std::string& root) {
    ProjectConfig cfg;
    cfg.root = root;
    if (const char* p = std::getenv("FOUNDRY_PROFILE"); p && *p) cfg.profile = p;
    const fs::path file = fs::path(root) / "foundry.toml";
    std::error_code ec;
    if (!fs::exists(file, ec)) {
        if (!fs::is_directory(root, ec)) return input_error(root + ": no such project folder");
        return cfg;
    }
    toml::table doc;
    try {
        doc = toml::parse_file(file.string());
    } catch (const toml::parse_error& e) {
        return input_error(file.string() + ":" + std::to_string(e.source().begin.line) + ": " +
                           std::string(e.description()));
    }
    if (const toml::table* eps = doc["rpc_endpoints"].as_table())
        for (const auto& [alias, url] : *eps)
            if (auto u = url.value<std::string>())
                if (auto expanded = expand_env(*u)) cfg.rpc_endpoints[std::string(alias.str())] = *expanded;
    const toml::table* profile = doc["profile"][cfg.profile].as_table();
    if (!profile) {
        if (cfg.profile != "default") return input_error(file.string() + ": no [profile." + cfg.profile + "]");
        return cfg;
    }
    read_string(*profile, "src", cfg.src);
    read_string(*profile, "test", cfg.test);
    read_string(*profile, "out", cfg.out);
    if (const toml::array* libs = (*profile)["libs"].as_array()) {
        cfg.libs.clear();
        for (const auto& l : *libs)
            if (auto s = l.value<std::string>()) cfg.libs.push_back(*s);
    }
    return cfg;
}

Result<std::vector<TestContract>> find_test_contracts(const solidity::BuildSet& build,
                                                     const std::vector<std::string>& libs) {
    std::vector<TestContract> out;
    for (const auto& b : build.builds)
        for (const auto& c : b.contracts) {
            if (c.bytecode.empty() || c.abi.entries.empty() || under_any(c.source, libs)) continue;
            TestContract t;
            t.source = c.source;
            t.name = c.name;
            t.abi = c.abi;
            for (size_t i = 0; i < t.abi.entries.size(); ++i) {
                const auto& e = t.abi.entries[i];
                if (e.kind != abi::EntryKind::function) continue;
                if (is_test_function(e.name)) t.tests.push_back(i);
                if (e.name == "setUp" && e.inputs.empty()) t.has_setup = true;
            }
            if (t.tests.empty()) continue;
            if (c.bytecode.find("__") != std::string::npos)
                return unsupported_error(t.id() + ": the test contract links external libraries; `suture test` "
                                                  "does not deploy libraries yet");
            auto code = from_hex(c.bytecode);
            if (!code) return std::move(code).error().context(c.where + ".bytecode");
            t.creation_code = std::move(*code);
            std::sort(t.tests.begin(), t.tests.end(), [&](size_t a, size_t b) {
                return t.abi.entries[a].canonical() < t.abi.entries[b].canonical();
            });
            out.push_back(std::move(t));
        }
    std::sort(out.begin(), out.end(),
              [](const TestContract& a, const TestContract& b) { return a.id() < b.id(); });
    return out;
}

Result<FoundryProject> load_foundry_project(const std::string& root) {
    FoundryProject p;
    SUTURE_TRY(cfg, read_foundry_config(root));
    p.config = std::move(cfg);
    const std::string out = (fs::path(root) / p.config.out).string();
    std::error_code ec;
    if (!fs::is_directory(out, ec))
        return input_error(out + ": no build output (run `forge build` first, or set `out` in foundry.toml)");
    SUTURE_TRY(build, solidity::load_foundry_artifacts(out, root));
    p.build = std::move(build);

    SUTURE_TRY(tests, find_test_contracts(p.build, p.config.libs));
    p.test_contracts = std::move(tests);
    return p;
}

}  // namespace suture::verify::foundry
