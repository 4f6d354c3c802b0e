#include "upgrade/proxy_kind.hpp"

namespace suture::upgrade {

const char* proxy_pattern_name(ProxyPattern k) {
    switch (k) {
    case ProxyPattern::none: return "none";
    case ProxyPattern::transparent: return "transparent";
    case ProxyPattern::uups: return "uups";
    case ProxyPattern::eip1967: return "eip1967";
    case ProxyPattern::beacon: return "beacon";
    case ProxyPattern::diamond: return "diamond";
    case ProxyPattern::minimal: return "minimal";
    case ProxyPattern::zos: return "zos";
    case ProxyPattern::eip1822: return "eip1822";
    case ProxyPattern::safe: return "safe";
    }
    return "none";
}

const char* authority_kind_name(AuthorityKind k) {
    switch (k) {
    case AuthorityKind::none: return "none";
    case AuthorityKind::eoa: return "eoa";
    case AuthorityKind::proxy_admin_v4: return "proxy-admin-v4";
    case AuthorityKind::proxy_admin_v5: return "proxy-admin-v5";
    case AuthorityKind::timelock: return "timelock";
    case AuthorityKind::safe: return "safe";
    case AuthorityKind::contract: return "contract";
    }
    return "none";
}

}  // namespace suture::upgrade
