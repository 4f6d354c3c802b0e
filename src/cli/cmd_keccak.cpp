// `suture keccak INPUT`: Keccak-256 of 0x-hex bytes, or of the text itself.
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/command.hpp"
#include "core/hex.hpp"
#include "core/keccak.hpp"

namespace suture::cli {
namespace {

int run_keccak(GlobalOptions& g, const std::string& input) {
    Bytes data;
    if (input.starts_with("0x") || input.starts_with("0X")) {
        auto bytes = from_hex(input);
        if (!bytes) return fail(g, bytes.error());
        data = std::move(*bytes);
    } else {
        data.assign(input.begin(), input.end());
    }
    const std::string digest = to_hex(keccak256(data));
    if (g.json) std::cout << nlohmann::json{{"keccak256", digest}}.dump() << "\n";
    else std::cout << digest << "\n";
    return 0;
}

Register reg("keccak", [](CLI::App& app, GlobalOptions& g) {
    auto* cmd = app.add_subcommand("keccak", "Keccak-256 of a hex or text input");
    auto input = std::make_shared<std::string>();
    cmd->add_option("input", *input, "0x-prefixed hex bytes, otherwise the text itself (UTF-8)")->required();
    cmd->callback([&g, input] { g.exit = run_keccak(g, *input); });
});

}  // namespace
}  // namespace suture::cli
