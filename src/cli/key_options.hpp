// Command-line options shared by the sub-commands that send transactions
// (create, deploy): the node, the contract to deploy from a build, the signing
// key, and the sender they set up. One definition each, so the commands
// cannot drift apart in names, parsing or errors.
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <string>
#include <vector>

#include "chain/keys.hpp"
#include "chain/rpc_client.hpp"
#include "core/result.hpp"
#include "deploy/bytecode_link.hpp"
#include "deploy/implementation_artifact.hpp"
#include "deploy/tx_send.hpp"

namespace suture::cli {

// --artifact, --contract, --arg, --library: one contract of a build, to be
// linked and deployed with its constructor arguments.
struct ArtifactOptions {
    std::string artifact, contract;
    std::vector<std::string> args, libraries;

    // Loads the build, finds the contract, links the libraries and encodes the
    // constructor arguments. Usage error when --contract is missing.
    Result<deploy::ImplementationArtifact> prepare() const;
};

// What --artifact and --contract are for in this command's help; `required`
// makes both mandatory.
struct ArtifactHelp {
    std::string artifact, contract;
    bool required = false;
};
void add_artifact_options(CLI::App* cmd, ArtifactOptions& o, const ArtifactHelp& help);

// --key-env, --key-file, --keystore: the key that signs the command's
// transactions, from one of three places.
struct KeyOptions {
    std::string env, file, keystore;

    // Null when none of the three is given (see load_key).
    Result<std::unique_ptr<chain::SecretKey>> load() const;
};

// The help line of each option, naming whose key it is.
struct KeyHelp {
    std::string env, file, keystore;
};
void add_key_options(CLI::App* cmd, KeyOptions& o, const KeyHelp& help);

// A key from an environment variable, a 0600 file, or a keystore (password from
// SUTURE_PASSWORD or a prompt). Null when none of the three is given. Keys never
// appear in output or errors.
Result<std::unique_ptr<chain::SecretKey>> load_key(const std::string& env, const std::string& file,
                                                   const std::string& keystore = {});

// "--library [file:]Name=0xADDRESS" values.
Result<deploy::LibraryAddresses> parse_libraries(const std::vector<std::string>& specs);

// A sender over `rpc` that records into `recorder` and waits `confirmations`
// blocks per transaction; asks the node its chain id first. `rpc` and
// `recorder` must outlive it.
Result<std::unique_ptr<deploy::TxSender>> open_sender(chain::RpcClient& rpc, deploy::StepRecorder& recorder,
                                                      uint64_t confirmations);

}  // namespace suture::cli
