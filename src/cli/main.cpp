// The `suture` command: global options, then one sub-command.
#include <algorithm>
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/command.hpp"

namespace suture::cli {

std::vector<Registration>& registry() {
    static std::vector<Registration> r;
    return r;
}

Register::Register(std::string name, Registrar fn) {
    registry().push_back({std::move(name), std::move(fn)});
}

int fail(const GlobalOptions& g, const Error& e) {
    if (g.json) {
        nlohmann::json j{{"error", e.message}, {"exit", exit_code(e.kind)}};
        std::cout << j.dump() << "\n";
    } else {
        std::cerr << "suture: error: " << e.message << "\n";
    }
    return exit_code(e.kind);
}

CLI::Option* add_rpc_option(CLI::App* cmd, std::string& url) {
    return cmd->add_option("--rpc", url, "JSON-RPC endpoint of the chain")->required();
}

int exit_of(const GlobalOptions& g, const Result<int>& r) { return r.ok() ? *r : fail(g, r.error()); }

}  // namespace suture::cli

int main(int argc, char** argv) {
    using namespace suture::cli;
    CLI::App app{"suture: carry a security fix for a deployed smart contract from incident to verified deployment"};
    app.set_version_flag("--version", std::string("suture ") + SUTURE_VERSION);
    GlobalOptions global;
    app.add_flag("--json", global.json, "Machine-readable JSON output on stdout");
    app.require_subcommand(1);
    app.fallthrough();

    auto& regs = registry();
    std::sort(regs.begin(), regs.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
    for (auto& r : regs) r.fn(app, global);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        int code = app.exit(e);
        return code == 0 ? 0 : 2;  // usage errors exit 2
    }
    return global.exit;
}
