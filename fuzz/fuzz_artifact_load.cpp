// libFuzzer: every artifact loader (solc standard-JSON output, Hardhat/Foundry
// build-info, Foundry out/ artifacts) and what reads the loaded build (storage
// layouts, `suture check` on each contract) never crash on a damaged artifact:
// they load it or return an error.
//
// Input: one selector byte, then a JSON document. The selector picks the
// loader (low two bits) and whether check runs the executed checks (bit 2).
// Structure-aware: the custom mutator parses the document and changes one value
// the way a broken toolchain or a hostile file would (a field of another JSON
// type, a number at a boundary, non-hex code, a member removed or duplicated,
// deep nesting), so mutations of real artifacts get past the JSON syntax into
// the loaders. Seeds: real artifacts (scripts/fuzz-artifact-seeds.mjs, run by
// scripts/run-fuzzers.sh at fuzz time).
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "solidity/load.hpp"
#include "solidity/storage_layout.hpp"
#include "upgrade/check.hpp"

using namespace suture;
namespace fs = std::filesystem;

extern "C" size_t LLVMFuzzerMutate(uint8_t* data, size_t size, size_t max_size);

namespace {

enum Loader : uint8_t { solc_file = 0, build_info_dir = 1, foundry_out = 2, build_info_file = 3 };

const fs::path& work_dir() {
    static const fs::path dir = [] {
        fs::path d = fs::temp_directory_path() / ("suture-fuzz-artifact-" + std::to_string(::getpid()));
        fs::create_directories(d);
        return d;
    }();
    return dir;
}

void write_file(const fs::path& p, std::string_view text) {
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary | std::ios::trunc).write(text.data(), static_cast<std::streamsize>(text.size()));
}

// Everything downstream that reads a loaded contract.
void exercise(const solidity::BuildSet& set, bool execute) {
    size_t checked = 0;
    for (const auto& b : set.builds)
        for (const auto& c : b.contracts) {
            solidity::ContractRef ref{&b, &c};
            (void)solidity::find_contract(set, c.name);
            if (c.storage_layout && c.node) (void)solidity::load_storage(b, c);
            if (checked++ >= 4) continue;  // bounded work per input
            upgrade::CheckOptions opt;
            opt.execute = execute;
            (void)upgrade::check_implementation(ref, opt);
            (void)upgrade::check_upgrade(ref, ref, opt);
        }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 1) return 0;
    const auto loader = static_cast<Loader>(data[0] & 3);
    const bool execute = data[0] & 4;
    const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
    const fs::path dir = work_dir();
    std::error_code ec;
    fs::remove_all(dir / "in", ec);
    solidity::LoadOptions opt;
    opt.source_root = (dir / "in").string();
    fs::path path;
    switch (loader) {
    case solc_file:
        path = dir / "in" / "out.json";
        write_file(path, text);
        break;
    case build_info_file:
        path = dir / "in" / "info.json";
        write_file(path, text);
        opt.format = solidity::LoadFormat::build_info;
        break;
    case build_info_dir:
        write_file(dir / "in" / "artifacts" / "build-info" / "a.json", text);
        path = dir / "in" / "artifacts";
        break;
    case foundry_out:
        write_file(dir / "in" / "out" / "A.sol" / "A.json", text);
        path = dir / "in" / "out";
        opt.format = solidity::LoadFormat::foundry_artifacts;
        break;
    }
    auto set = solidity::load_build(path.string(), opt);
    if (set.ok()) exercise(*set, execute);
    return 0;
}

// ---- structure-aware mutation ----

namespace {

using nlohmann::json;

// nlohmann's copy and printer recurse (about 9 KB of stack a level under
// ASan): documents are mutated as JSON only up to this depth. Deeper nesting
// (past the loaders' bound of 2500) is spliced into the printed text instead.
constexpr int kMaxMutatedDepth = 300;
const char* const kDeepMark = "\"@@suture-deep@@\"";

// The nesting depth of JSON text (brackets outside strings).
int text_depth(const uint8_t* p, size_t n) {
    int depth = 0, deepest = 0;
    bool in_string = false;
    for (size_t i = 0; i < n; ++i) {
        const char c = static_cast<char>(p[i]);
        if (in_string) {
            if (c == '\\') ++i;
            else if (c == '"') in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            deepest = std::max(deepest, ++depth);
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return deepest;
}

// Pointers to the document's values (the first 20000 met), with their depth,
// and the depth of the whole document. A loop, not recursion: mutations nest.
int collect(json& root, std::vector<std::pair<json*, int>>& out) {
    std::vector<std::pair<json*, int>> stack{{&root, 0}};
    int deepest = 0;
    while (!stack.empty()) {
        auto [j, depth] = stack.back();
        stack.pop_back();
        deepest = std::max(deepest, depth);
        if (out.size() < 20000) out.emplace_back(j, depth);
        if (j->is_object())
            for (auto& [k, v] : j->items()) stack.emplace_back(&v, depth + 1);
        else if (j->is_array())
            for (auto& v : *j) stack.emplace_back(&v, depth + 1);
    }
    return deepest;
}

json odd_value(std::mt19937_64& rng) {
    static const char* const texts[] = {
        "", "x", "zz11", "0x", "0xzz", "00", "0x00", "__$0123456789abcdef0123456789abcdef01$__", "-1",
        "340000000000000000000000000000000000000000",  // 3.4e41
        "115792089237316195423570985008687907853269984665640564039457584007913129639936",  // 2^256
        "999999999999999999999999999999999999999999999999999999999999999999999999999999999",
        "t_uint256", "t_struct(S)99999999999999999999999_storage", "t_array(t_uint256)0_storage", "tuple",
        "tuple[2][]", "function", "uint7", "inplace", "mapping", "bytes", "dynamic_array", "ContractDefinition",
    };
    switch (rng() % 12) {
    case 0: return nullptr;
    case 1: return json(7);
    case 2: return json(-1);
    case 3: return json(UINT64_MAX);
    case 4: return json(INT64_MIN);
    case 5: return json(3.4e41);
    case 6: return json::array();
    case 7: return json::object();
    case 8: return json(true);
    case 9: return json(uint64_t{1} << 32);
    default: return json(texts[rng() % std::size(texts)]);
    }
}

// Keys the loaders look for, so that added members are ones they read.
std::string texts_key(std::mt19937_64& rng) {
    static const char* const keys[] = {"abi", "type", "inputs", "outputs", "components", "name", "bytecode",
                                       "deployedBytecode", "object", "linkReferences", "immutableReferences",
                                       "storageLayout", "storage", "types", "slot", "offset", "numberOfBytes",
                                       "encoding", "members", "base", "ast", "id", "nodeType", "nodes", "src",
                                       "absolutePath", "contracts", "sources", "input", "output", "errors",
                                       "severity", "start", "length", "label", "astId", "settings"};
    return keys[rng() % std::size(keys)];
}

// One structural change to `doc`.
void mutate_once(json& doc, std::mt19937_64& rng) {
    std::vector<std::pair<json*, int>> nodes;
    collect(doc, nodes);
    json* target = nodes[rng() % nodes.size()].first;
    json& t = *target;
    switch (rng() % 8) {
    case 0:
    case 1: t = odd_value(rng); break;  // a field of another type or at a boundary
    case 2:                             // remove a member or an element
        if (t.is_object() && !t.empty()) {
            auto it = t.begin();
            std::advance(it, static_cast<long>(rng() % t.size()));
            t.erase(it);
        } else if (t.is_array() && !t.empty()) {
            t.erase(t.begin() + static_cast<long>(rng() % t.size()));
        }
        break;
    case 3:  // duplicate another value into this place
        t = *nodes[rng() % nodes.size()].first;
        break;
    case 4:  // nest deep here (up to 3000 levels, past the parser's bound): spliced in after printing
        t = std::string(kDeepMark + 1, std::strlen(kDeepMark) - 2);
        break;
    case 5:  // damage a string: a byte changed, cut short, or grown
        if (t.is_string()) {
            std::string s = t.get<std::string>();
            if (!s.empty() && rng() % 2) s[rng() % s.size()] = "z_$\"\\\x01\xff"[rng() % 7];
            else if (!s.empty()) s.resize(rng() % s.size());
            else s = std::string(rng() % 64, 'a');
            t = s;
        }
        break;
    case 6:  // add a member or an element
        if (t.is_object()) t[texts_key(rng)] = odd_value(rng);
        else if (t.is_array()) t.push_back(odd_value(rng));
        break;
    default:  // numbers at boundaries
        if (t.is_number()) t = odd_value(rng);
        break;
    }
}

}  // namespace

extern "C" size_t LLVMFuzzerCustomMutator(uint8_t* data, size_t size, size_t max_size, unsigned int seed) {
    std::mt19937_64 rng(seed);
    // Now and then a plain byte mutation, so the JSON syntax is fuzzed too.
    if (size < 2 || rng() % 8 == 0) return LLVMFuzzerMutate(data, size, max_size);
    // nlohmann's printer recurses: only documents of bounded depth are mutated as JSON.
    if (text_depth(data + 1, size - 1) > kMaxMutatedDepth) return LLVMFuzzerMutate(data, size, max_size);
    json doc = json::parse(data + 1, data + size, nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded()) return LLVMFuzzerMutate(data, size, max_size);
    const int rounds = 1 + static_cast<int>(rng() % 3);
    for (int i = 0; i < rounds; ++i) mutate_once(doc, rng);
    std::vector<std::pair<json*, int>> all;
    if (collect(doc, all) > kMaxMutatedDepth) return LLVMFuzzerMutate(data, size, max_size);  // too deep to print
    if (rng() % 16 == 0) data[0] = static_cast<uint8_t>(rng());  // another loader / executed checks
    // A damaged string may hold invalid UTF-8 (printed replaced; byte mutations cover the raw bytes).
    std::string out = doc.dump(-1, ' ', false, json::error_handler_t::replace);
    if (auto at = out.find(kDeepMark); at != std::string::npos) {
        const size_t levels = rng() % 3000;
        std::string deep;
        for (size_t i = 0; i < levels; ++i) deep += (i % 2) ? "[" : "{\"a\":";
        deep += "1";
        for (size_t i = levels; i-- > 0;) deep += (i % 2) ? "]" : "}";
        out.replace(at, std::strlen(kDeepMark), deep);
    }
    if (out.size() + 1 > max_size) return LLVMFuzzerMutate(data, size, max_size);
    std::copy(out.begin(), out.end(), data + 1);
    return out.size() + 1;
}
