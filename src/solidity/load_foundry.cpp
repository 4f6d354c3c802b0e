// Foundry out/ through its per-contract artifacts: out/<File>.sol/<Contract>.json
// holding abi, bytecode, deployedBytecode, storageLayout (with extra_output) and
// the source unit's ast (with ast = true).
#include <algorithm>
#include <filesystem>
#include <set>

#include "solidity/json_file.hpp"
#include "solidity/load.hpp"

namespace suture::solidity {

namespace fs = std::filesystem;

namespace {

// The artifact's (source, contract) from metadata.settings.compilationTarget,
// falling back to the folder and file names.
void artifact_target(const JsonRef& art, const fs::path& file, std::string& source, std::string& name) {
    name = file.stem().string();
    if (auto dot = name.find('.'); dot != std::string::npos) name.erase(dot);  // A.0.8.28.json
    source = file.parent_path().filename().string();
    if (auto ast = art.find("ast"); ast && ast->json().contains("absolutePath") && ast->json()["absolutePath"].is_string())
        source = ast->json()["absolutePath"].get<std::string>();
    auto meta = art.find("metadata");
    if (!meta || !meta->is_object()) return;
    auto settings = meta->json().find("settings");
    if (settings == meta->json().end() || !settings->is_object()) return;
    auto target = settings->find("compilationTarget");
    if (target == settings->end() || !target->is_object() || target->size() != 1) return;
    auto it = target->begin();
    if (!it.value().is_string()) return;
    source = it.key();
    name = it.value().get<std::string>();
}

}  // namespace

Result<std::vector<fs::path>> foundry_artifact_files(const std::string& out_dir) {
    std::vector<fs::path> files;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(out_dir, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_directory() && it->path().filename() == "build-info") {
            it.disable_recursion_pending();
            continue;
        }
        if (it->is_regular_file() && it->path().extension() == ".json" && it->path().parent_path().extension() == ".sol")
            files.push_back(it->path());
    }
    if (ec) return input_error(out_dir + ": cannot read folder: " + ec.message());
    std::sort(files.begin(), files.end());
    return files;
}

Result<BuildSet> load_foundry_artifacts(const std::string& out_dir, const std::string& source_root) {
    SUTURE_TRY(files, foundry_artifact_files(out_dir));
    if (files.empty()) return input_error(out_dir + ": no Foundry artifacts (out/<File>.sol/<Contract>.json)");

    Build b;
    b.file = out_dir;
    b.format = BuildFormat::foundry;
    std::set<std::string> seen_sources;
    for (const auto& f : files) {
        SUTURE_TRY(doc, load_json_file(f.string()));
        b.docs.push_back(doc);
        JsonRef art(*doc, std::make_shared<const std::string>(f.string()));
        SUTURE_CHECK(art.expect_object());
        Contract c;
        artifact_target(art, f, c.source, c.name);
        c.where = f.string() + ": $";
        SUTURE_TRY(abi, read_abi(art));
        c.abi = std::move(abi);
        SUTURE_TRY(code, read_code_object(art, "bytecode", c.link_references, nullptr));
        SUTURE_TRY(dcode, read_code_object(art, "deployedBytecode", c.deployed_link_references, &c.immutable_references));
        c.bytecode = std::move(code);
        c.deployed_bytecode = std::move(dcode);
        SUTURE_CHECK(check_code_pair(art, c));
        if (auto layout = art.find("storageLayout")) {
            SUTURE_CHECK(layout->expect_object());
            c.storage_layout = *layout;
        }
        if (auto ast = art.find("ast")) {
            SUTURE_CHECK(ast->expect_object());
            SUTURE_TRY(path, ast->str_at("absolutePath"));
            if (seen_sources.insert(path).second) {
                SourceFile s;
                s.path = path;
                SUTURE_TRY(idref, art.at("id"));
                SUTURE_TRY(id, idref.integer());
                s.id = id;
                s.ast = &ast->json();
                b.sources.push_back(std::move(s));
            }
        }
        b.contracts.push_back(std::move(c));
    }
    index_build(b);
    std::string root = source_root.empty() ? fs::absolute(out_dir).parent_path().string() : source_root;
    read_missing_sources(b, root);
    BuildSet set;
    set.path = out_dir;
    set.builds.push_back(std::move(b));
    return set;
}

}  // namespace suture::solidity
