// Command-line helpers shared by the sub-commands that send transactions:
// loading a signing key and library addresses for linking.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "chain/keys.hpp"
#include "core/result.hpp"
#include "deploy/bytecode_link.hpp"

namespace suture::cli {

// A key from an environment variable, a 0600 file, or a keystore (password from
// SUTURE_PASSWORD or a prompt). Null when none of the three is given. Keys never
// appear in output or errors.
Result<std::unique_ptr<chain::SecretKey>> load_key(const std::string& env, const std::string& file,
                                                   const std::string& keystore = {});

// "--library [file:]Name=0xADDRESS" values.
Result<deploy::LibraryAddresses> parse_libraries(const std::vector<std::string>& specs);

}  // namespace suture::cli
