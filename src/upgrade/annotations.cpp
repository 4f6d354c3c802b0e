#include "upgrade/annotations.hpp"

#include <sstream>

#include "solidity/source_location.hpp"

namespace suture::upgrade {

Allowances allowances_of(const solidity::Build& b, const solidity::Json& node) {
    Allowances a;
    std::string doc = solidity::doc_text(b, node);
    static const std::string tag = "@custom:oz-upgrades-unsafe-allow";
    size_t p = 0;
    while ((p = doc.find(tag, p)) != std::string::npos) {
        p += tag.size();
        bool reach = doc.compare(p, 10, "-reachable") == 0;
        if (reach) p += 10;
        size_t e = doc.find('\n', p);
        std::istringstream words(doc.substr(p, e == std::string::npos ? std::string::npos : e - p));
        std::string w;
        while (words >> w) {
            if (w.rfind("@", 0) == 0) break;
            (reach ? a.reachable : a.allow).insert(w);
        }
    }
    return a;
}

std::string allowance_text(const solidity::Build& b, const solidity::Json& node, std::string_view kind,
                           bool reachable) {
    Location loc = solidity::location_of(b, node);
    std::string s = std::string("@custom:oz-upgrades-unsafe-allow") + (reachable ? "-reachable " : " ") +
                    std::string(kind);
    if (!loc.file.empty()) s += " (" + loc.file + (loc.line ? ":" + std::to_string(loc.line) : "") + ")";
    return s;
}

}  // namespace suture::upgrade
