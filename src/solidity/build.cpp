#include "solidity/build.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "solidity/ast.hpp"
#include "solidity/load.hpp"

namespace suture::solidity {

const char* format_name(BuildFormat f) {
    switch (f) {
    case BuildFormat::solc: return "solc standard-JSON";
    case BuildFormat::hardhat: return "build-info";
    case BuildFormat::foundry: return "Foundry";
    }
    return "?";
}

namespace {

// Every object with an integer "id" and a "nodeType" is an AST node. One pass
// over the members finds both and descends (this walks every value of every
// AST, so it avoids nlohmann's items() proxies and repeated key searches).
void index_node(Build& b, const Json& j) {
    if (j.is_object()) {
        const Json* id = nullptr;
        bool has_type = false;
        for (const auto& [k, v] : j.get_ref<const Json::object_t&>()) {
            if (v.is_structured())
                index_node(b, v);
            else if (k == "id")
                id = &v;
            else if (k == "nodeType")
                has_type = true;
        }
        if (id && has_type && id->is_number_integer()) b.add_node(id->get<int64_t>(), &j);
    } else if (j.is_array()) {
        for (const auto& v : j.get_ref<const Json::array_t&>())
            if (v.is_structured()) index_node(b, v);
    }
}

}  // namespace

void Build::add_node(int64_t id, const Json* n) {
    // Ids below this bound are stored densely (at most 32 MiB of pointers for
    // an artifact that declares a huge id); real compilations stay far below it.
    constexpr int64_t kDenseIds = int64_t{1} << 22;
    if (id >= 0 && id < kDenseIds) {
        auto i = static_cast<size_t>(id);
        if (i >= nodes.size()) nodes.resize(std::max(i + 1, nodes.size() * 2), nullptr);
        if (!nodes[i]) nodes[i] = n;
        return;
    }
    sparse_nodes.emplace(id, n);
}

void index_build(Build& b) {
    b.source_by_id.clear();
    for (size_t i = 0; i < b.sources.size(); ++i) {
        b.source_by_id[b.sources[i].id] = i;
        if (b.sources[i].ast) index_node(b, *b.sources[i].ast);
    }
    // Attach each contract to its ContractDefinition node.
    for (auto& c : b.contracts) {
        if (c.node) continue;
        for (const auto& s : b.sources) {
            if (s.path != c.source || !s.ast) continue;
            auto nodes = s.ast->find("nodes");
            if (nodes == s.ast->end() || !nodes->is_array()) continue;
            for (const auto& n : *nodes)
                if (node_type(n) == "ContractDefinition" && str_field(n, "name") == c.name)
                    c.node = &n;
        }
    }
}

void read_missing_sources(Build& b, const std::string& root) {
    namespace fs = std::filesystem;
    std::vector<fs::path> roots;
    if (!root.empty()) roots.emplace_back(root);
    roots.emplace_back(fs::current_path());
    roots.push_back(fs::path(b.file).parent_path());
    for (auto& s : b.sources) {
        if (!s.has_content) {
            for (const auto& r : roots) {
                std::error_code ec;
                fs::path p = r / s.path;
                if (!fs::is_regular_file(p, ec)) continue;
                std::ifstream in(p, std::ios::binary);
                std::ostringstream ss;
                ss << in.rdbuf();
                s.content = ss.str();
                s.has_content = true;
                break;
            }
        }
        s.line_starts.clear();
        if (!s.has_content) continue;
        s.line_starts.push_back(0);
        for (size_t i = 0; i < s.content.size(); ++i)
            if (s.content[i] == '\n') s.line_starts.push_back(static_cast<uint32_t>(i + 1));
    }
}

namespace {

// Hex digits with library placeholders of 40 characters, each starting with "__".
Status check_code_hex(const JsonRef& at, std::string_view hex) {
    constexpr size_t kPlaceholder = 40;
    auto is_hex = [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); };
    size_t i = 0;
    while (i < hex.size()) {
        if (hex.compare(i, 2, "__") == 0) {
            if (hex.size() - i < kPlaceholder) return at.error("library placeholder cut short at character " +
                                                               std::to_string(i));
            i += kPlaceholder;
        } else if (is_hex(hex[i])) {
            ++i;
        } else {
            return at.error("not hex code: character " + std::to_string(i) + " is '" + std::string(1, hex[i]) + "'");
        }
    }
    if (hex.size() % 2) return at.error("hex code of odd length " + std::to_string(hex.size()));
    return {};
}

}  // namespace

Result<std::string> read_code_object(const JsonRef& parent, std::string_view key, std::vector<LinkReference>& links,
                                     std::vector<ImmutableReference>* immutables) {
    auto code = parent.find(key);
    if (!code) return std::string();
    std::string obj;
    std::optional<JsonRef> obj_at;
    if (code->is_string()) {  // older Foundry artifacts: a bare hex string
        SUTURE_TRY(s, code->str());
        obj = std::move(s);
        obj_at = *code;
    } else {
        SUTURE_CHECK(code->expect_object());
        if (auto o = code->find("object")) {
            SUTURE_TRY(s, o->str());
            obj = std::move(s);
            obj_at = *o;
        }
        if (auto l = code->find("linkReferences")) {
            SUTURE_TRY(refs, parse_link_references(l->json(), code->file() + ": " + code->path()));
            links = std::move(refs);
        }
        if (immutables)
            if (auto im = code->find("immutableReferences")) {
                SUTURE_TRY(refs, parse_immutable_references(im->json(), code->file() + ": " + code->path()));
                *immutables = std::move(refs);
            }
    }
    if (obj.rfind("0x", 0) == 0) obj.erase(0, 2);
    if (obj_at) SUTURE_CHECK(check_code_hex(*obj_at, obj));
    return obj;
}

Status check_code_pair(const JsonRef& parent, const Contract& c) {
    if (!parent.find("bytecode") || !parent.find("deployedBytecode")) return {};  // not selected at compile time
    if (c.bytecode.empty() && !c.deployed_bytecode.empty())
        return parent.error("bytecode is empty but deployedBytecode is not: the creation code is missing");
    if (!c.bytecode.empty() && c.deployed_bytecode.empty())
        return parent.error("deployedBytecode is empty but bytecode is not: the runtime code is missing");
    return {};
}

namespace {

// The deepest nesting of containers in `v` (1 for a scalar), counted with a
// work list: a damaged artifact may nest thousands of levels.
size_t nesting_depth(const Json& v) {
    size_t deepest = 0;
    std::vector<std::pair<const Json*, size_t>> todo{{&v, 1}};
    while (!todo.empty()) {
        auto [j, depth] = todo.back();
        todo.pop_back();
        deepest = std::max(deepest, depth);
        if (j->is_structured())
            for (const auto& e : *j) todo.push_back({&e, depth + 1});
    }
    return deepest;
}

// A real ABI nests two levels per tuple component; solc limits nesting far
// below this. The bound keeps the copy below (recursive in nlohmann) shallow:
// 2,500 levels, what the parser keeps, overflowed an ASan build's stack.
constexpr size_t kMaxAbiDepth = 256;

}  // namespace

Result<abi::ContractAbi> read_abi(const JsonRef& contract) {
    auto abi = contract.find("abi");
    if (!abi) return abi::ContractAbi{};
    if (nesting_depth(abi->json()) > kMaxAbiDepth)
        return abi->error("nested deeper than " + std::to_string(kMaxAbiDepth) + " levels: not an ABI");
    // core's ABI reader takes nlohmann's default document type: a copy of this
    // (small) member.
    return abi::parse_abi(nlohmann::json(abi->json()), abi->file() + ": " + abi->path());
}

Result<ContractRef> find_contract(const BuildSet& set, std::string_view name) {
    std::string_view source, cname = name;
    if (auto colon = name.rfind(':'); colon != std::string_view::npos) {
        source = name.substr(0, colon);
        cname = name.substr(colon + 1);
    }
    std::vector<ContractRef> hits;
    for (const auto& b : set.builds)
        for (const auto& c : b.contracts)
            if (c.name == cname && (source.empty() || c.source == source)) {
                bool dup = false;  // the same source:Name in several compilations counts once
                for (const auto& h : hits) dup |= h.contract->source == c.source;
                if (!dup) hits.push_back({&b, &c});
            }
    if (hits.size() == 1) return hits[0];
    if (hits.empty()) {
        std::string msg = set.path + ": no contract named \"" + std::string(name) + "\"";
        size_t shown = 0;
        for (const auto& b : set.builds)
            for (const auto& c : b.contracts)
                if (shown++ < 12) msg += (shown == 1 ? " (contracts: " : ", ") + c.name;
        if (shown) msg += shown > 12 ? ", ...)" : ")";
        return input_error(msg);
    }
    std::string msg = set.path + ": contract name \"" + std::string(name) + "\" is ambiguous; use one of";
    for (const auto& h : hits) msg += " " + h.contract->source + ":" + h.contract->name;
    return usage_error(msg);
}

Status require_analysis_data(const Build& build, const Contract& c) {
    if (!c.storage_layout) {
        switch (build.format) {
        case BuildFormat::foundry:
            return input_error(c.where + ": no storageLayout in the artifact; add extra_output = [\"storageLayout\"] "
                                         "to foundry.toml and rebuild (forge build --force)");
        case BuildFormat::hardhat:
            return input_error(c.where + ": no storageLayout in the build-info; add \"storageLayout\" to "
                                         "settings.outputSelection[\"*\"][\"*\"] in the Hardhat solidity config and recompile");
        case BuildFormat::solc:
            return input_error(c.where + ": no storageLayout in the solc output; add \"storageLayout\" to "
                                         "settings.outputSelection[\"*\"][\"*\"] in the standard-JSON input");
        }
    }
    if (!c.node) {
        switch (build.format) {
        case BuildFormat::foundry:
            return input_error(c.where + ": no AST for " + c.source + "; add ast = true to foundry.toml and rebuild "
                                         "(forge build --force)");
        default:
            return input_error(c.where + ": no AST for " + c.source + "; add \"ast\" to settings.outputSelection[\"*\"][\"\"] "
                                         "(Hardhat: in the solidity config's outputSelection) and recompile");
        }
    }
    return {};
}

}  // namespace suture::solidity
