// Precompiled contracts 0x01..0x11 and 0x0100 (Frontier through Osaka).
//
// The state host calls run_precompile() for a call whose code address is a
// precompile in the revision; gas costs follow the fork (EIP-1108 bn254
// repricing in Istanbul, EIP-2565 modexp in Berlin, EIP-7823/7883 in Osaka).
// A precompile never gives a wrong result: bad input is precompile_failure
// (all gas consumed). Safe to call from several threads at once.
#pragma once

#include <cstdint>
#include <optional>
#include <span>

#include "core/address.hpp"
#include "core/bytes.hpp"
#include "evm/host.hpp"
#include "evm/revision.hpp"

namespace suture::evm {

// 0x01..0x04 from Frontier, 0x05..0x08 from Byzantium, 0x09 from Istanbul,
// 0x0a (KZG point evaluation, EIP-4844) from Cancun, the BLS12-381 set
// 0x0b..0x11 (EIP-2537) from Prague, P256VERIFY 0x0100 (EIP-7951) from Osaka.
// The same table decides which addresses an access list starts warm.
bool is_precompile(Revision rev, const Address& addr);

// Every precompile address of rev in increasing order: the addresses an
// EIP-2929 transaction starts warm.
std::span<const Address> precompile_addresses(Revision rev);

// nullopt when addr is not a precompile in rev. Otherwise one of:
//   success            gas_left = gas - cost, output = the result
//   out_of_gas         cost > gas; gas_left 0, empty output
//   precompile_failure invalid input (e.g. a bn254 point not on the curve);
//                      gas_left 0, empty output
//   internal_error     OpenSSL failed (a digest, P-256 arithmetic); output holds the message
// ecrecover with an unrecoverable signature and P256VERIFY with an invalid
// signature are a success with empty output.
std::optional<ExecResult> run_precompile(Revision rev, const Address& addr, BytesView input,
                                         int64_t gas);

}  // namespace suture::evm
