#include "upgrade/proxy_kind.hpp"

namespace suture::upgrade {

const char* proxy_kind_name(ProxyKind k) {
    switch (k) {
    case ProxyKind::none: return "none";
    case ProxyKind::transparent: return "transparent";
    case ProxyKind::uups: return "uups";
    case ProxyKind::eip1967: return "eip1967";
    case ProxyKind::beacon: return "beacon";
    case ProxyKind::diamond: return "diamond";
    case ProxyKind::minimal: return "minimal";
    case ProxyKind::zos: return "zos";
    case ProxyKind::eip1822: return "eip1822";
    case ProxyKind::safe: return "safe";
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
