#include "report/resume_render.hpp"

#include "core/hex.hpp"

namespace suture::report {

std::string resume_text(int64_t deployment, int64_t patch, const std::vector<pipeline::StepSettlement>& settled) {
    std::string s = "resumed deployment " + std::to_string(deployment) + " (patch " + std::to_string(patch) + "): " +
                    std::to_string(settled.size()) + " recorded step(s) checked on chain\n";
    for (const auto& st : settled) s += "  " + st.step_id + "  tx " + to_hex(st.hash) + "  " + st.state + "\n";
    return s;
}

nlohmann::json resume_json(int64_t deployment, int64_t patch, const std::vector<pipeline::StepSettlement>& settled) {
    nlohmann::json steps = nlohmann::json::array();
    for (const auto& st : settled) steps.push_back({{"step", st.step_id}, {"tx", to_hex(st.hash)}, {"state", st.state}});
    return {{"deployment", deployment}, {"patch", patch}, {"steps", steps}};
}

}  // namespace suture::report
