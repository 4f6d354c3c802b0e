// Format detection: a file is solc output, a build-info or a single Foundry
// artifact by its JSON shape; a folder is a Foundry out/, a Hardhat artifacts/
// or a build-info folder.
#include <algorithm>
#include <filesystem>

#include "solidity/json_file.hpp"
#include "solidity/load.hpp"

namespace suture::solidity {

namespace fs = std::filesystem;

namespace {

Result<Build> load_build_info(std::shared_ptr<const Json> doc, const std::string& file, const std::string& root) {
    JsonRef top(*doc, std::make_shared<const std::string>(file));
    SUTURE_TRY(output, top.object_at("output"));
    SUTURE_TRY(input, top.object_at("input"));
    return build_from_standard_json(doc, output, &input, BuildFormat::hardhat, root);
}

Result<BuildSet> load_file(const std::string& path, const LoadOptions& opt) {
    SUTURE_TRY(doc, load_json_file(path));
    JsonRef top(*doc, std::make_shared<const std::string>(path));
    SUTURE_CHECK(top.expect_object());
    BuildSet set;
    set.path = path;
    bool is_build_info = doc->contains("output") && doc->contains("input");
    if (opt.format == LoadFormat::build_info || (opt.format == LoadFormat::automatic && is_build_info)) {
        SUTURE_TRY(b, load_build_info(doc, path, opt.source_root));
        set.builds.push_back(std::move(b));
        return set;
    }
    bool is_artifact = doc->contains("abi") && (doc->contains("bytecode") || doc->contains("deployedBytecode"));
    if (opt.format == LoadFormat::foundry_artifacts || (opt.format == LoadFormat::automatic && is_artifact))
        return input_error(path + ": a single Foundry artifact; pass its out/ folder instead");
    if (opt.format == LoadFormat::automatic && !doc->contains("contracts") && !doc->contains("sources"))
        return top.error("not a solc standard-JSON output, build-info or Foundry artifact (no \"contracts\", \"sources\", "
                         "\"output\" or \"abi\")");
    SUTURE_TRY(b, build_from_standard_json(doc, top, nullptr, BuildFormat::solc, opt.source_root));
    set.builds.push_back(std::move(b));
    return set;
}

// Every *.json in `dir` that is a build-info (has input and output).
Result<BuildSet> load_build_info_dir(const std::string& dir, const LoadOptions& opt, BuildFormat format) {
    std::vector<fs::path> files;
    std::error_code ec;
    for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec))
        if (it->is_regular_file() && it->path().extension() == ".json") files.push_back(it->path());
    if (ec) return input_error(dir + ": cannot read folder: " + ec.message());
    std::sort(files.begin(), files.end());
    BuildSet set;
    set.path = dir;
    for (const auto& f : files) {
        if (f.filename().string().ends_with(".output.json")) continue;  // Hardhat 3 split output
        SUTURE_TRY(doc, load_json_file(f.string()));
        if (!doc->is_object() || !doc->contains("output")) continue;
        std::string root = opt.source_root;
        if (root.empty()) root = fs::absolute(dir).parent_path().parent_path().string();
        SUTURE_TRY(b, load_build_info(doc, f.string(), root));
        // Foundry's build-info format is "ethers-rs-sol-build-info-1", Hardhat's "hh-sol-build-info-1".
        auto fmt = doc->find("_format");
        bool foundry = fmt != doc->end() && fmt->is_string() && fmt->get<std::string>().find("ethers-rs") != std::string::npos;
        b.format = foundry ? BuildFormat::foundry : format;
        set.builds.push_back(std::move(b));
    }
    if (set.builds.empty()) return input_error(dir + ": no build-info file with \"input\" and \"output\"");
    return set;
}

}  // namespace

Result<BuildSet> load_build(const std::string& path, const LoadOptions& opt) {
    std::error_code ec;
    auto st = fs::status(path, ec);
    if (ec || !fs::exists(st)) return input_error(path + ": no such file or folder");
    if (!fs::is_directory(st)) return load_file(path, opt);

    fs::path dir(path);
    if (opt.format == LoadFormat::foundry_artifacts) return load_foundry_artifacts(path, opt.source_root);
    if (fs::is_directory(dir / "build-info", ec)) {
        // Foundry writes build-info only with build_info = true; its artifacts are then complete too.
        // A malformed build-info is reported, never skipped for a fallback.
        return load_build_info_dir((dir / "build-info").string(), opt, BuildFormat::hardhat);
    }
    if (opt.format == LoadFormat::build_info) return load_build_info_dir(path, opt, BuildFormat::hardhat);
    // A folder holding Foundry artifacts is one: a damaged artifact is reported, not passed over.
    if (auto artifacts = foundry_artifact_files(path); artifacts.ok() && !artifacts->empty())
        return load_foundry_artifacts(path, opt.source_root);
    bool has_json = false;
    for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec))
        has_json |= it->path().extension() == ".json";
    if (has_json) return load_build_info_dir(path, opt, BuildFormat::hardhat);  // its errors name the file
    return input_error(path + ": no Foundry artifacts, build-info folder or build-info files found");
}

}  // namespace suture::solidity
