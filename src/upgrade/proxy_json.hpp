// ProxyInfo as JSON (`suture inspect --json`): addresses checksummed, selectors
// as 0x-hex, absent facts omitted.
#pragma once

#include <nlohmann/json.hpp>

#include "upgrade/proxy_kind.hpp"

namespace suture::upgrade {

nlohmann::json to_json(const ProxyInfo& info);
nlohmann::json to_json(const Authority& a);

// "0x8da5cb5b"
std::string selector_hex(uint32_t selector);

}  // namespace suture::upgrade
