// Test-only crash injection (fault_point.hpp).
#include "pipeline/fault_point.hpp"

#include <csignal>
#include <cstdlib>
#include <string>

namespace suture::pipeline {

void fault_point(std::string_view step_id, std::string_view boundary) {
    const char* want = std::getenv(kFaultVariable);
    if (!want || !*want) return;
    std::string here = std::string(step_id) + ":" + std::string(boundary);
    if (here == want) std::raise(SIGKILL);
}

}  // namespace suture::pipeline
