// `suture rlp`: RLP utilities.
//   suture rlp decode HEX    the item tree, one string per line, lists in [ ]
//   suture rlp encode JSON   encode a JSON tree of 0x-hex strings and arrays
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/command.hpp"
#include "core/hex.hpp"
#include "core/rlp_decode.hpp"
#include "core/rlp_encode.hpp"

namespace suture::cli {
namespace {

using nlohmann::json;

void print_tree(const rlp::RlpNode& n, int indent) {
    const std::string pad(static_cast<size_t>(indent) * 2, ' ');
    if (!n.is_list) {
        std::cout << pad << to_hex(n.bytes) << "\n";
        return;
    }
    if (n.items.empty()) {
        std::cout << pad << "[]\n";
        return;
    }
    std::cout << pad << "[\n";
    for (const auto& item : n.items) print_tree(item, indent + 1);
    std::cout << pad << "]\n";
}

json tree_json(const rlp::RlpNode& n) {
    if (!n.is_list) return to_hex(n.bytes);
    json out = json::array();
    for (const auto& item : n.items) out.push_back(tree_json(item));
    return out;
}

Result<rlp::RlpNode> tree_from_json(const json& j, size_t depth) {
    if (depth > rlp::kMaxDepth) return input_error("rlp encode: nested too deeply");
    if (j.is_string()) {
        SUTURE_TRY(bytes, from_hex(j.get<std::string>()));
        return rlp::RlpNode::string(bytes);
    }
    if (!j.is_array()) return input_error("rlp encode: expected 0x-hex strings and arrays, found a JSON " +
                                          std::string(j.type_name()));
    std::vector<rlp::RlpNode> items;
    for (const auto& e : j) {
        SUTURE_TRY(item, tree_from_json(e, depth + 1));
        items.push_back(std::move(item));
    }
    return rlp::RlpNode::list(std::move(items));
}

int run_decode(GlobalOptions& g, const std::string& hex) {
    auto data = from_hex(hex);
    if (!data) return fail(g, data.error());
    auto tree = rlp::decode(*data);
    if (!tree) return fail(g, tree.error());
    if (g.json) std::cout << tree_json(*tree).dump() << "\n";
    else print_tree(*tree, 0);
    return 0;
}

int run_encode(GlobalOptions& g, const std::string& text) {
    const json j = json::parse(text, nullptr, false);
    if (j.is_discarded()) return fail(g, input_error("rlp encode: input is not valid JSON"));
    auto tree = tree_from_json(j, 0);
    if (!tree) return fail(g, tree.error());
    const std::string out = to_hex(rlp::encode(*tree));
    if (g.json) std::cout << json{{"rlp", out}}.dump() << "\n";
    else std::cout << out << "\n";
    return 0;
}

Register reg("rlp", [](CLI::App& app, GlobalOptions& g) {
    auto* rlp = app.add_subcommand("rlp", "RLP: decode (strict) and encode");
    rlp->require_subcommand(1);
    auto input = std::make_shared<std::string>();
    auto* dec = rlp->add_subcommand("decode", "Print the item tree of canonical RLP (non-canonical input is an error)");
    dec->add_option("data", *input, "0x-hex RLP")->required();
    dec->callback([&g, input] { g.exit = run_decode(g, *input); });
    auto* enc = rlp->add_subcommand("encode", "Encode a JSON tree such as '[\"0x01\", [\"0x\", \"0x646f67\"]]'");
    enc->add_option("json", *input, "JSON of 0x-hex strings and arrays")->required();
    enc->callback([&g, input] { g.exit = run_encode(g, *input); });
});

}  // namespace
}  // namespace suture::cli
