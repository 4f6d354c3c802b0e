#include "demo/demo_observer.hpp"

namespace suture::demo {

const char* step_status_name(StepStatus s) {
    switch (s) {
    case StepStatus::ok: return "ok";
    case StepStatus::failed: return "failed";
    case StepStatus::unavailable: return "unavailable";
    }
    return "failed";
}

}  // namespace suture::demo
