// What `suture inspect` found, as text: the proxy kind, its implementation(s),
// who may upgrade it (and what that account is), owner() and paused(), each
// fact once.
#pragma once

#include <string>

#include "upgrade/proxy_kind.hpp"

namespace suture::report {

std::string inspect_text(const upgrade::ProxyInfo& info);

}  // namespace suture::report
