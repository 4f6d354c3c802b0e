#include "verify/log_file.hpp"

#include <fstream>

#include <nlohmann/json.hpp>

#include "core/hex.hpp"

namespace suture::verify {
namespace {

Status read_log(const nlohmann::json& j, std::vector<evm::Log>& out) {
    if (!j.is_object() || !j.contains("address") || !j.contains("topics") || !j.contains("data"))
        return input_error("a log needs address, topics and data");
    evm::Log log;
    SUTURE_TRY(a, parse_address(j["address"].get<std::string>()));
    log.address = a;
    for (const auto& t : j["topics"]) {
        SUTURE_TRY(b, from_hex(t.get<std::string>()));
        if (b.size() != 32) return input_error("a topic is not 32 bytes");
        Bytes32 w;
        std::copy(b.begin(), b.end(), w.begin());
        log.topics.push_back(w);
    }
    SUTURE_TRY(d, from_hex(j["data"].get<std::string>()));
    log.data = std::move(d);
    out.push_back(std::move(log));
    return {};
}

}  // namespace

Status load_log_file(const std::string& path, std::vector<evm::Log>& out) {
    std::ifstream in(path);
    if (!in) return input_error(path + ": cannot read");
    const auto j = nlohmann::json::parse(in, nullptr, false);
    if (j.is_discarded()) return input_error(path + ": not JSON");
    try {
        const nlohmann::json* logs = &j;
        nlohmann::json flat = nlohmann::json::array();
        if (j.is_object() && j.contains("results")) {
            for (const auto& r : j["results"])
                for (const auto& l : r.value("logs", nlohmann::json::array())) flat.push_back(l);
            logs = &flat;
        }
        if (!logs->is_array()) return input_error(path + ": expected devnet exec --json output or an array of logs");
        for (size_t i = 0; i < logs->size(); ++i) {
            auto st = read_log((*logs)[i], out);
            if (!st) return std::move(st).error().context(path + ": log " + std::to_string(i));
        }
    } catch (const std::exception& e) {
        return input_error(path + ": " + e.what());
    }
    return {};
}

}  // namespace suture::verify
