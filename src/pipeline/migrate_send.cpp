// A migration plan sent to a node, step by step, recorded in the ledger (migrate_send.hpp).
#include "pipeline/migrate_send.hpp"

#include "chain/tx_sender.hpp"
#include "core/hex.hpp"
#include "evm/state_host.hpp"
#include "pipeline/deployment_record.hpp"

namespace suture::pipeline {
namespace {

constexpr const char* kRoute = "migrate";

std::string describe(const MigrationStep& s, const MigrationPlan& plan) {
    if (s.kind == "pause") return "migrate: pause the old contract " + to_checksum(plan.old_contract);
    if (s.kind == "deploy") return "migrate: deploy the new contract (" + to_checksum(plan.new_contract) + ")";
    if (s.kind == "batch")
        return "migrate: batch " + std::to_string(s.batch) + ", " + s.table + " entries " + std::to_string(s.first) +
               ".." + std::to_string(s.first + s.count - 1);
    if (s.kind == "finalize") return "migrate: finalize the new contract";
    if (s.kind == "roots") return "migrate: set the claim roots";
    if (s.kind == "claim") return "migrate: claim " + s.table + " entry " + std::to_string(s.first) + " (relayed)";
    return "migrate: " + s.id;
}

ChainProbe node_probe(chain::RpcClient& rpc) {
    return {[&rpc](const Address& contract, const Bytes& data) -> Result<uint256> {
                SUTURE_TRY(out, rpc.try_call(chain::call_request(Address{}, contract, uint256(0), data)));
                if (out.reverted) return input_error("reverted: " + out.reason);
                if (out.output.size() < 32) return input_error("answered " + std::to_string(out.output.size()) + " bytes");
                return uint256::from_be(out.output.data());
            },
            [&rpc](const Address& a) -> Result<bool> {
                SUTURE_TRY(code, rpc.get_code(a));
                return !code.empty();
            }};
}

// The interrupted migration of `plan` in the ledger, if any; another plan's is an error.
Result<std::optional<RecordedDeployment>> interrupted_migration(ledger::Ledger& l, const MigrationPlan& plan,
                                                                const nlohmann::json& args) {
    SUTURE_TRY(open, interrupted_deployment(l, plan.old_contract));
    if (!open) return open;
    const std::string where = "deployment " + std::to_string(open->seq) + " of " + to_checksum(plan.old_contract) +
                              " in ledger " + l.path();
    if (open->plan.route != kRoute)
        return input_error(where + " (route " + open->plan.route + ") never finished: run `suture resume --patch " +
                           std::to_string(open->plan.patch_id) + "` first; nothing sent");
    if (open->plan.args.value("plan_hash", "") != args.value("plan_hash", ""))
        return input_error(where + " is an interrupted migration of another plan (" +
                           open->plan.args.value("plan", std::string("?")) + ", hash " +
                           open->plan.args.value("plan_hash", std::string("?")) +
                           "): run execute with that plan to finish it; nothing sent");
    return open;
}

}  // namespace

Result<NodeMigration> execute_on_node(ledger::Ledger& l, const MigrationPlan& plan, const MigrationCalls& calls,
                                      const nlohmann::json& args, chain::RpcClient& rpc, const MigrationKeys& keys,
                                      const deploy::SendOptions& options) {
    const chain::SecretKey* relayer = keys.relayer ? keys.relayer : keys.owner;
    if (!keys.owner) return usage_error("migrate execute --rpc: give the owner's key (--key-env, --key-file or --keystore)");
    if (keys.owner->address() != plan.owner)
        return input_error("migrate execute: the key is " + to_checksum(keys.owner->address()) + " but the plan's owner is " +
                           to_checksum(plan.owner) + "; nothing sent");
    if (plan.strategy == "claim" && relayer->address() != plan.relayer)
        return input_error("migrate execute: the relayer key is " + to_checksum(relayer->address()) +
                           " but the plan's relayer is " + to_checksum(plan.relayer) + "; nothing sent");
    SUTURE_TRY(open, interrupted_migration(l, plan, args));
    SUTURE_TRY(chain_id, rpc.chain_id());
    NodeMigration out;
    std::optional<LedgerStepRecorder> recorder;
    if (open) {
        recorder.emplace(l, *open);
        out.deployment = open->seq;
        out.resumed = true;
    } else {
        recorder.emplace(l, 0, kRoute, args);
    }
    deploy::TxSender sender(rpc, chain_id, *recorder, options);
    const ChainProbe probe = node_probe(rpc);
    for (const auto& s : plan.steps) {
        SUTURE_TRY(done, migration_step_done(s, plan, calls, probe));
        if (done) {
            sender.skipped(s.kind);
            ++out.execution.already_done;
            continue;
        }
        if (!out.deployment) {  // the first step this run sends: the migration starts in the ledger
            SUTURE_CHECK(sender.starting({kRoute, plan.old_contract, std::nullopt, "migrate " + plan.strategy}));
            out.deployment = recorder->deployment();
        }
        if (s.kind == "deploy") {
            SUTURE_TRY(nonce, rpc.get_transaction_count(plan.owner));
            const Address at = evm::create_address(plan.owner, nonce);
            if (at != plan.new_contract)
                return input_error(s.id + ": the owner's next deployment (nonce " + std::to_string(nonce) + ") lands at " +
                                   to_checksum(at) + ", the plan expects " + to_checksum(plan.new_contract) +
                                   " (the owner sent other transactions since the plan): plan again; nothing sent");
        }
        deploy::TxRequest req{describe(s, plan), s.from, s.to, uint256(0), s.data, s.kind};
        auto sent = sender.send(req, s.from == plan.owner ? *keys.owner : *relayer);
        if (!sent) return std::move(sent).error().context(s.id);
        ++out.execution.executed;
        out.execution.executed_ids.push_back(s.id);
        out.execution.hashes.push_back(sent->hash);
    }
    out.settled = recorder->settlements();
    if (out.deployment) SUTURE_CHECK(record_deployment_finished(l, out.deployment, "migrated"));
    return out;
}

}  // namespace suture::pipeline
