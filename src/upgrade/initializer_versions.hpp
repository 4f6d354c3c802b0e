// The versions an implementation's external initializers run at: OpenZeppelin
// Initializable's `initializer` is version 1, `reinitializer(n)` version n.
// The deploy route rules need them to tell which initializer an upgrade must
// call (pipeline/route_rules.hpp: Ronin 2024), the same reading the
// reinitializer-version check rule makes (rules_initializers.cpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "upgrade/code_model.hpp"

namespace suture::upgrade {

struct InitializerVersion {
    std::string function;             // "Bridge.initializeV3(uint256)"
    std::string selector;             // 8 hex digits, as the AST's functionSelector
    bool reinitializer = false;       // reinitializer(n), else initializer
    std::optional<uint64_t> version;  // unset: reinitializer(n) with a non-constant n
};

// The contract's callable functions (entry points) carrying `initializer` or
// `reinitializer(n)`, in entry-point order.
std::vector<InitializerVersion> initializer_versions(const CodeModel& m);

}  // namespace suture::upgrade
