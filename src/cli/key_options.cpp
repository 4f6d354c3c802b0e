#include "cli/key_options.hpp"

#include <optional>

#include "chain/keystore.hpp"
#include "chain/password.hpp"

namespace suture::cli {

Result<std::unique_ptr<chain::SecretKey>> load_key(const std::string& env, const std::string& file,
                                                   const std::string& keystore) {
    std::optional<Result<chain::SecretKey>> k;
    if (!env.empty()) k = chain::SecretKey::from_env(env.c_str());
    else if (!file.empty()) k = chain::SecretKey::from_file(file);
    else if (!keystore.empty()) {
        SUTURE_TRY(pw, chain::read_password("SUTURE_PASSWORD", "Keystore password: "));
        k = chain::load_keystore_file(keystore, pw.view());
    } else {
        return std::unique_ptr<chain::SecretKey>();
    }
    if (!k->ok()) return std::move(*k).error();
    return std::make_unique<chain::SecretKey>(std::move(**k));
}

Result<deploy::LibraryAddresses> parse_libraries(const std::vector<std::string>& specs) {
    deploy::LibraryAddresses libs;
    for (const auto& s : specs) {
        auto eq = s.rfind('=');
        if (eq == std::string::npos) return usage_error("--library " + s + ": expected [file:]Name=0xADDRESS");
        SUTURE_TRY(a, parse_address(s.substr(eq + 1)));
        libs[s.substr(0, eq)] = a;
    }
    return libs;
}

}  // namespace suture::cli
