#include "demo/demo_keys.hpp"

#include <algorithm>

namespace suture::demo {

Result<DemoKeys> DemoKeys::generate(const std::vector<std::string>& roles) {
    DemoKeys k;
    for (const auto& role : roles) {
        if (std::any_of(k.keys_.begin(), k.keys_.end(), [&](const DemoKey& d) { return d.role == role; }))
            return internal_error("demo keys: role '" + role + "' given twice");
        SUTURE_TRY(key, chain::SecretKey::generate());
        k.keys_.push_back({role, std::move(key)});
    }
    return k;
}

Result<const chain::SecretKey*> DemoKeys::key(const std::string& role) const {
    for (const auto& d : keys_)
        if (d.role == role) return &d.key;
    return internal_error("demo keys: no key for role '" + role + "'");
}

std::vector<Address> DemoKeys::addresses() const {
    std::vector<Address> out;
    for (const auto& d : keys_) out.push_back(d.key.address());
    return out;
}

}  // namespace suture::demo
