// What `suture resume` found of each recorded step (pipeline::StepSettlement),
// as text lines and as JSON.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pipeline/ledger_step_recorder.hpp"

namespace suture::report {

// "resumed deployment N (patch P): ..." then one line a step.
std::string resume_text(int64_t deployment, int64_t patch, const std::vector<pipeline::StepSettlement>& settled);
nlohmann::json resume_json(int64_t deployment, int64_t patch, const std::vector<pipeline::StepSettlement>& settled);

}  // namespace suture::report
