// `suture create`: deploy a contract from a build artifact (constructor
// arguments ABI-encoded, libraries linked), simulated first, then sent and
// confirmed. Used to stand up proxies, fixtures and examples on a chain.
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "chain/rpc_client.hpp"
#include "cli/command.hpp"
#include "cli/key_options.hpp"
#include "core/hex.hpp"
#include "deploy/implementation_artifact.hpp"
#include "deploy/tx_send.hpp"
#include "solidity/load.hpp"

namespace suture::cli {
namespace {

struct CreateArgs {
    std::string rpc, artifact, contract, key_env, key_file, keystore;
    std::vector<std::string> args, libraries;
    uint64_t confirmations = 1;
};

Result<int> run(const CreateArgs& a, const GlobalOptions& g) {
    SUTURE_TRY(set, solidity::load_build(a.artifact));
    SUTURE_TRY(ref, solidity::find_contract(set, a.contract));
    SUTURE_TRY(libs, parse_libraries(a.libraries));
    SUTURE_TRY(art, deploy::prepare_implementation(*ref.contract, libs, a.args));
    SUTURE_TRY(key, load_key(a.key_env, a.key_file, a.keystore));
    if (!key) return usage_error("create needs a deployer key: --key-env, --key-file or --keystore");

    chain::RpcClient rpc(a.rpc);
    SUTURE_TRY(chain_id, rpc.chain_id());
    deploy::MemoryRecorder recorder;
    deploy::SendOptions so;
    so.confirmations = a.confirmations;
    deploy::TxSender sender(rpc, chain_id, recorder, so);
    sender.add_error_abi(art.abi);
    deploy::TxRequest req{"create " + art.name, key->address(), std::nullopt, uint256(), art.init_code};
    SUTURE_TRY(sent, sender.send(req, *key));
    if (!sent.receipt.contract_address)
        return chain_error("create " + art.name + ": the receipt of " + to_hex(sent.hash) + " has no contract address");
    const Address created = *sent.receipt.contract_address;
    if (g.json) {
        nlohmann::json j{{"contract", art.name}, {"address", to_checksum(created)}, {"tx", to_hex(sent.hash)},
                         {"block", sent.receipt.block_number}, {"gasUsed", sent.receipt.gas_used}};
        std::cout << j.dump(2) << "\n";
    } else {
        std::cout << to_checksum(created) << "\n";
        std::cerr << "created " << art.name << " in tx " << to_hex(sent.hash) << " (block "
                  << sent.receipt.block_number << ", gas " << sent.receipt.gas_used << ")\n";
    }
    return 0;
}

Register reg("create", [](CLI::App& app, GlobalOptions& g) {
    auto* cmd = app.add_subcommand("create", "Deploy a contract from a build artifact; prints its address");
    auto a = std::make_shared<CreateArgs>();
    cmd->add_option("--rpc", a->rpc, "JSON-RPC endpoint of the chain")->required();
    cmd->add_option("--artifact", a->artifact, "Build: solc output, build-info (file or folder) or Foundry out/")->required();
    cmd->add_option("--contract", a->contract, "Contract name (or source:Name)")->required();
    cmd->add_option("--arg", a->args, "Constructor argument (repeat in order)");
    cmd->add_option("--library", a->libraries, "Library address for linking: [file:]Name=0xADDRESS (repeatable)");
    cmd->add_option("--key-env", a->key_env, "Env var holding the deployer key");
    cmd->add_option("--key-file", a->key_file, "File (mode 0600) holding the deployer key");
    cmd->add_option("--keystore", a->keystore, "Keystore v3 file (password: $SUTURE_PASSWORD or prompt)");
    cmd->add_option("--confirmations", a->confirmations, "Blocks to wait for the transaction (default 1)");
    cmd->callback([&g, a] {
        auto r = run(*a, g);
        g.exit = r ? *r : fail(g, r.error());
    });
});

}  // namespace
}  // namespace suture::cli
