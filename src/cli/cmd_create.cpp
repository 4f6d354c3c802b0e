// `suture create`: deploy a contract from a build artifact (constructor
// arguments ABI-encoded, libraries linked), simulated first, then sent and
// confirmed. Used to stand up proxies, fixtures and examples on a chain.
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "chain/rpc_client.hpp"
#include "cli/command.hpp"
#include "cli/key_options.hpp"
#include "cli/rpc_options.hpp"
#include "core/hex.hpp"
#include "deploy/tx_send.hpp"

namespace suture::cli {
namespace {

struct CreateArgs {
    std::string rpc;
    ArtifactOptions contract;
    KeyOptions key;
    uint64_t confirmations = 1;
};

Result<int> run(const CreateArgs& a, GlobalOptions& g) {
    SUTURE_TRY(art, a.contract.prepare());
    SUTURE_TRY(key, a.key.load());
    if (!key) return usage_error("create needs a deployer key: --key-env, --key-file or --keystore");

    chain::RpcClient rpc(a.rpc, rpc_options());
    deploy::MemoryRecorder recorder;
    SUTURE_TRY(sender, open_sender(rpc, recorder, a.confirmations));
    sender->add_error_abi(art.abi);
    deploy::TxRequest req{"create " + art.name, key->address(), std::nullopt, uint256(), art.init_code};
    SUTURE_TRY(sent, sender->send(req, *key));
    if (!sent.receipt.contract_address)
        return chain_error("create " + art.name + ": the receipt of " + to_hex(sent.hash) + " has no contract address");
    const Address created = *sent.receipt.contract_address;
    g.if_stdout_lost = "created " + art.name + " at " + to_checksum(created) + " in tx " + to_hex(sent.hash);
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
    add_rpc_option(cmd, a->rpc);
    add_artifact_options(cmd, a->contract,
                         {"Build: solc output, build-info (file or folder) or Foundry out/", "Contract name (or source:Name)", true});
    add_key_options(cmd, a->key,
                    {"Env var holding the deployer key", "File (mode 0600) holding the deployer key",
                     "Keystore v3 file (password: $SUTURE_PASSWORD or prompt)"});
    cmd->add_option("--confirmations", a->confirmations, "Blocks to wait for the transaction (default 1)");
    cmd->callback([&g, a] { g.exit = exit_of(g, run(*a, g)); });
});

}  // namespace
}  // namespace suture::cli
