// A deployment's outcome (deploy/route.hpp) for people (text) and machines
// (JSON), in the order things happened: the check gate, the simulation, what
// was (or, in a dry run, would be) sent, the post-deploy verification, and the
// rollback after the check that failed.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "deploy/route.hpp"
#include "deploy/tx_send.hpp"

namespace suture::report {

std::string deploy_text(const deploy::DeployOutcome& o, const deploy::MemoryRecorder& sent);
nlohmann::json deploy_json(const deploy::DeployOutcome& o, const deploy::MemoryRecorder& sent);

// The transactions a failed run sent before it stopped ("sent before the
// failure: STEP tx 0x..", or "nothing was sent"), one per line.
std::string sent_before_failure_text(const deploy::MemoryRecorder& sent);
nlohmann::json sent_json(const deploy::MemoryRecorder& sent);

}  // namespace suture::report
