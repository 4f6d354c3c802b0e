# Every dependency comes from Debian packages (scripts/setup.sh installs them); see README "Dependencies".
find_package(nlohmann_json 3 REQUIRED)
find_package(tomlplusplus REQUIRED)
find_package(CLI11 REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(CURL REQUIRED)
find_package(OpenSSL REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(SECP256K1 REQUIRED IMPORTED_TARGET libsecp256k1)
pkg_check_modules(GMP REQUIRED IMPORTED_TARGET gmp)
find_package(Threads REQUIRED)

# Release builds link the C libraries that Debian also ships as static archives
# (libssl-dev, libgmp-dev, libsecp256k1-dev) statically: resolving and relocating
# libcrypto, libgmp and libsecp256k1 at start-up cost every `suture` run ~5 ms
# (suture keccak: 12.7 -> 7.5 ms wall on the CI machine); `suture check` aims at
# tens of milliseconds. Sanitizer and fuzz builds keep the shared libraries.
set(_static_default OFF)
if(CMAKE_BUILD_TYPE STREQUAL "Release" AND NOT SUTURE_SANITIZE AND NOT SUTURE_FUZZ)
  set(_static_default ON)
endif()
option(SUTURE_STATIC_DEPS "Link libcrypto, libgmp and libsecp256k1 statically" ${_static_default})
set(SUTURE_CRYPTO OpenSSL::Crypto)
set(SUTURE_GMP PkgConfig::GMP)
set(SUTURE_SECP256K1 PkgConfig::SECP256K1)
if(SUTURE_STATIC_DEPS)
  find_library(SUTURE_CRYPTO_A libcrypto.a REQUIRED)
  find_library(SUTURE_GMP_A libgmp.a REQUIRED)
  find_library(SUTURE_SECP256K1_A libsecp256k1.a REQUIRED)
  set(SUTURE_CRYPTO ${SUTURE_CRYPTO_A} Threads::Threads ${CMAKE_DL_LIBS})
  set(SUTURE_GMP ${SUTURE_GMP_A})
  set(SUTURE_SECP256K1 ${SUTURE_SECP256K1_A})
endif()

add_library(deps_core INTERFACE)
target_link_libraries(deps_core INTERFACE nlohmann_json::nlohmann_json)
add_library(deps_evm INTERFACE)
target_include_directories(deps_evm INTERFACE ${OPENSSL_INCLUDE_DIR} ${SECP256K1_INCLUDE_DIRS} ${GMP_INCLUDE_DIRS})
target_link_libraries(deps_evm INTERFACE ${SUTURE_SECP256K1} ${SUTURE_GMP} ${SUTURE_CRYPTO})
add_library(deps_chain INTERFACE)
# libcurl: headers only at build time; chain/curl_library.cpp loads the shared
# library with dlopen() on the first RPC request, so commands that never talk to
# a node do not pay for mapping it and its ~30 dependencies at start-up.
target_include_directories(deps_chain INTERFACE ${CURL_INCLUDE_DIRS})
target_link_libraries(deps_chain INTERFACE ${CMAKE_DL_LIBS} ${SUTURE_CRYPTO} ${SUTURE_SECP256K1} SQLite::SQLite3 tomlplusplus::tomlplusplus)
