// The `suture` command: global options, then one sub-command.
#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <sstream>
#include <string_view>

#include <nlohmann/json.hpp>

#include "cli/command.hpp"
#include "cli/rpc_options.hpp"

namespace suture::cli {

std::vector<Registration>& registry() {
    static std::vector<Registration> r;
    return r;
}

Register::Register(std::string name, Registrar fn) {
    registry().push_back({std::move(name), std::move(fn)});
}

namespace {

// Messages quote what they were given; a 60 KB argument must not become a
// 60 KB error. Any run of non-blank characters longer than this is shortened
// to its start and end, with the number of bytes left out.
constexpr size_t kMaxQuotedRun = 120;

std::string shorten_long_runs(std::string_view text) {
    std::string out;
    size_t i = 0;
    while (i < text.size()) {
        size_t end = i;
        while (end < text.size() && !std::isspace(static_cast<unsigned char>(text[end]))) ++end;
        std::string_view run = text.substr(i, end - i);
        if (run.size() > kMaxQuotedRun) {
            out.append(run.substr(0, 60));
            out += "...(" + std::to_string(run.size() - 80) + " bytes)...";
            out.append(run.substr(run.size() - 20));
        } else {
            out.append(run);
        }
        while (end < text.size() && std::isspace(static_cast<unsigned char>(text[end]))) out += text[end++];
        i = end;
    }
    return out;
}

}  // namespace

int fail(const GlobalOptions& g, const Error& e) {
    const std::string message = shorten_long_runs(e.message);
    if (g.json) {
        nlohmann::json j{{"error", message}, {"exit", exit_code(e.kind)}};
        std::cout << j.dump() << "\n";
    } else {
        std::cerr << "suture: error: " << message << "\n";
    }
    return exit_code(e.kind);
}

CLI::Option* add_rpc_option(CLI::App* cmd, std::string& url) {
    add_rpc_limit_options(cmd);
    return cmd->add_option("--rpc", url, "JSON-RPC endpoint of the chain")->required();
}

CLI::Validator block_number() {
    return CLI::Validator(
        [](std::string& s) -> std::string {
            if (s.empty() || s.find_first_not_of("0123456789") != std::string::npos)
                return "a block number is 0 or more (leave --block out for the latest block), got " + s;
            return {};
        },
        "BLOCK");
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
        if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
        // CLI11 checks required options before unknown ones, but a misspelt
        // option is usually why a required one looks missing: name it first.
        std::ostringstream err;
        auto unknown = app.remaining(true);
        if (!unknown.empty() && e.get_name() != "ExtrasError")
            app.exit(CLI::ExtrasError(unknown), std::cout, err);
        else
            app.exit(e, std::cout, err);
        std::cerr << shorten_long_runs(err.str());
        return 2;  // usage errors exit 2
    }
    // Output that could not be written (a full disk, a closed pipe) is lost:
    // that must not look like success.
    std::cout.flush();
    if (!std::cout || std::fflush(stdout) != 0 || std::ferror(stdout)) {
        std::cerr << "suture: error: could not write the output to stdout (" << std::strerror(errno)
                  << "); it is lost\n";
        if (!global.if_stdout_lost.empty()) std::cerr << "suture: " << global.if_stdout_lost << "\n";
        return global.exit != 0 ? global.exit : 2;
    }
    return global.exit;
}
