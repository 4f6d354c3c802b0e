#include "pipeline/patch_digest_inputs.hpp"

#include "core/hex.hpp"
#include "core/keccak.hpp"
#include "ledger/canonical_json.hpp"
#include "pipeline/gate.hpp"

namespace suture::pipeline {

std::vector<ledger::GateRun> latest_gate_runs(const std::vector<ledger::GateRun>& runs) {
    std::vector<ledger::GateRun> out;
    for (const auto& g : gates()) {
        const ledger::GateRun* last = nullptr;
        for (const auto& r : runs)
            if (r.info.gate == g.name && (!last || r.id > last->id)) last = &r;
        if (last) out.push_back(*last);
    }
    return out;
}

Result<Bytes32> verification_report_hash(const std::vector<ledger::GateRun>& latest) {
    nlohmann::json report = nlohmann::json::array();
    for (const auto& r : latest)
        report.push_back({{"gate", r.info.gate},
                          {"input_hash", to_hex(r.info.input_hash)},
                          {"verdict", r.info.verdict},
                          {"findings", r.info.findings}});
    SUTURE_TRY(text, ledger::canonical_json(report));
    return keccak256(text);
}

ledger::PatchDigestInput patch_digest_input(TargetChain& chain, const PatchCode& code, const Bytes32& report_hash) {
    ledger::PatchDigestInput in;
    in.chain_id = chain.chain().chain_id;
    in.target = chain.target().address;
    in.route = chain.target().route;
    in.old_code_hash = chain.old_code_hash();
    in.new_code_hash = code.new_runtime_hash;
    in.layout_hash = code.layout_hash;
    in.initializer = code.initializer;
    in.report_hash = report_hash;
    return in;
}

}  // namespace suture::pipeline
