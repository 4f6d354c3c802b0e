// The keys `suture demo` acts with: generated fresh for each run (random,
// from OpenSSL), each with the role it plays ("reviewer 1", "guardian",
// "attacker"...). They are demo keys: written nowhere, funded only on the
// demo's own chain, and labelled as demo keys wherever they are shown.
#pragma once

#include <string>
#include <vector>

#include "chain/keys.hpp"
#include "core/result.hpp"

namespace suture::demo {

struct DemoKey {
    std::string role;
    chain::SecretKey key;
};

class DemoKeys {
public:
    // One fresh key per role (roles must be distinct).
    static Result<DemoKeys> generate(const std::vector<std::string>& roles);

    // The key of `role`; roles are fixed at generate(), so an unknown role is
    // a programming error reported as an internal error.
    Result<const chain::SecretKey*> key(const std::string& role) const;
    std::vector<Address> addresses() const;
    const std::vector<DemoKey>& all() const { return keys_; }

private:
    std::vector<DemoKey> keys_;
};

}  // namespace suture::demo
