#include "cli/key_options.hpp"

#include <optional>

#include "chain/keystore.hpp"
#include "chain/password.hpp"
#include "solidity/load.hpp"

namespace suture::cli {

void add_artifact_options(CLI::App* cmd, ArtifactOptions& o, const ArtifactHelp& help) {
    auto* artifact = cmd->add_option("--artifact", o.artifact, help.artifact);
    auto* contract = cmd->add_option("--contract", o.contract, help.contract);
    if (help.required) {
        artifact->required();
        contract->required();
    }
    cmd->add_option("--arg", o.args, "Constructor argument (repeat in order)");
    cmd->add_option("--library", o.libraries, "Library address for linking: [file:]Name=0xADDRESS (repeatable)");
}

Result<deploy::ImplementationArtifact> ArtifactOptions::prepare() const {
    if (contract.empty()) return usage_error("--artifact needs --contract NAME");
    SUTURE_TRY(set, solidity::load_build(artifact));
    SUTURE_TRY(ref, solidity::find_contract(set, contract));
    SUTURE_TRY(libs, parse_libraries(libraries));
    return deploy::prepare_implementation(*ref.contract, libs, args);
}

void add_key_options(CLI::App* cmd, KeyOptions& o, const KeyHelp& help) {
    // One key signs: two of these are a usage error before anything is loaded or sent.
    auto* env = cmd->add_option("--key-env", o.env, help.env);
    auto* file = cmd->add_option("--key-file", o.file, help.file);
    auto* keystore = cmd->add_option("--keystore", o.keystore, help.keystore);
    env->excludes(file)->excludes(keystore);
    file->excludes(keystore);
}

Result<std::unique_ptr<chain::SecretKey>> KeyOptions::load() const { return load_key(env, file, keystore); }

Result<std::unique_ptr<chain::SecretKey>> load_key(const std::string& env, const std::string& file,
                                                   const std::string& keystore) {
    const int given = !env.empty() + !file.empty() + !keystore.empty();
    if (given > 1) {
        std::string which;
        for (auto [set, name] : {std::pair{!env.empty(), "--key-env"}, {!file.empty(), "--key-file"},
                                 {!keystore.empty(), "--keystore"}})
            if (set) which += (which.empty() ? "" : " and ") + std::string(name);
        return usage_error("which key? " + which + " were given together; give one of --key-env, --key-file, --keystore");
    }
    std::optional<Result<chain::SecretKey>> k;
    if (!env.empty()) k = chain::SecretKey::from_env(env.c_str());
    else if (!file.empty()) k = chain::SecretKey::from_file(file);
    else if (!keystore.empty()) {
        SUTURE_TRY(pw, chain::read_password("SUTURE_PASSWORD", "Keystore password: "));
        k = chain::load_keystore_file(keystore, pw.view());
    } else {
        return std::unique_ptr<chain::SecretKey>();
    }
    if (!k->ok()) return std::move(*k).error();
    return std::make_unique<chain::SecretKey>(std::move(**k));
}

Result<deploy::LibraryAddresses> parse_libraries(const std::vector<std::string>& specs) {
    deploy::LibraryAddresses libs;
    for (const auto& s : specs) {
        auto eq = s.rfind('=');
        if (eq == std::string::npos) return usage_error("--library " + s + ": expected [file:]Name=0xADDRESS");
        SUTURE_TRY(a, parse_address(s.substr(eq + 1)));
        libs[s.substr(0, eq)] = a;
    }
    return libs;
}

Result<std::unique_ptr<deploy::TxSender>> open_sender(chain::RpcClient& rpc, deploy::StepRecorder& recorder,
                                                      uint64_t confirmations) {
    SUTURE_TRY(chain_id, rpc.chain_id());
    deploy::SendOptions options;
    options.confirmations = confirmations;
    return std::make_unique<deploy::TxSender>(rpc, chain_id, recorder, options);
}

}  // namespace suture::cli
