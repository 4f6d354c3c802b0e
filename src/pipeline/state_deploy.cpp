#include "pipeline/state_deploy.hpp"

#include "core/hex.hpp"
#include "pipeline/pipeline_run.hpp"

namespace suture::pipeline {

Result<StateDeployOutcome> deploy_on_state_file(const Manifest& m, TargetChain& chain, const PatchCode& code,
                                                const chain::SecretKey& key, ledger::Ledger& l, int64_t patch_id) {
    chain::LocalState* local = chain.local();
    if (!local) return usage_error("deploy: chain " + chain.chain().name + " is not a local state file");
    SUTURE_TRY(in, upgrade_input(m, chain, code));
    in.deployer = key.address();
    in.sender = key.address();
    evm::OverlayBackend state(local->accounts);
    SUTURE_TRY(ex, execute_upgrade(state, chain.block(), chain.revision(), in));
    StateDeployOutcome out;
    out.file = chain.chain().state_file;
    out.block = chain.block().number;
    // What the policy allowed in the simulate gate (and readiness counted approvals for) is allowed here too.
    allow_by_policy(m.policy, ex.findings);
    if (has_errors(ex.findings)) {
        std::string why;
        for (const auto& f : ex.findings)
            if (f.severity == Severity::error) why += "\n  - " + f.code + ": " + f.message;
        return Error{ErrorKind::findings, "deploy of patch " + std::to_string(patch_id) + " on " + out.file +
                                              " stopped; nothing was committed:" + why};
    }
    SUTURE_TRY(diff, state.net_diff());
    nlohmann::json steps = nlohmann::json::array();
    for (const auto& s : ex.steps) steps.push_back({{"what", s.what}, {"detail", s.detail}});
    nlohmann::json event{{"patch_id", patch_id},
                         {"file", out.file},
                         {"block", out.block},
                         {"proxy", to_checksum(chain.target().address)},
                         {"implementation", to_checksum(*ex.implementation)},
                         {"sender", to_checksum(key.address())},
                         {"new_code_hash", to_hex(code.new_runtime_hash)},
                         {"steps", steps}};
    // The file first, then the record: a crash between them leaves an
    // upgraded chain without its record, which `suture status` shows as not
    // deployed and a second deploy refuses (the old code hash changed).
    local->accounts.apply(diff);
    local->block = chain.block();
    local->block.block_hashes = nullptr;
    SUTURE_CHECK(chain::save_state_file(out.file, *local));
    SUTURE_TRY(seq, l.append(kStateDeployEvent, event));
    out.record_seq = seq;
    out.execution = std::move(ex);
    return out;
}

}  // namespace suture::pipeline
