// The deploy fixtures' solc standard-JSON output (tests/deploy_fixtures.cmake),
// read once per test binary.
#pragma once

#include <fstream>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "core/address.hpp"

namespace suture::deploy::test {

inline const nlohmann::json& deploy_fixtures() {
    static const nlohmann::json j = [] {
        std::string path = std::string(SUTURE_BINARY_DIR) + "/fixtures/deploy/contracts.json";
        std::ifstream in(path);
        if (!in) throw std::runtime_error("missing " + path + " (build target deploy_fixtures)");
        return nlohmann::json::parse(in);
    }();
    return j;
}

// An address whose 20 bytes are all `b` (readable test data).
inline Address filled_address(uint8_t b) {
    Address a;
    a.bytes.fill(b);
    return a;
}

// contracts[file][name].evm
inline const nlohmann::json& fixture_evm(const std::string& file, const std::string& name) {
    return deploy_fixtures().at("contracts").at(file).at(name).at("evm");
}

}  // namespace suture::deploy::test
