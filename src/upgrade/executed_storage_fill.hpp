// Populates a proxy's storage as if the old version had run for a while: every
// variable of the storage layout (the contract's own and each ERC-7201
// namespace) gets a value, so that reading it back through a getter after the
// upgrade shows whether the new code still finds it where it was.
//
// Values (solc's storage encoding, Solidity docs "Layout of State Variables"):
// - each value-type variable a distinct non-zero number (1, 2, 3, ... in the
//   order of the layout), fitted to its size; enums a valid member; addresses
//   and contracts the test caller, so Ownable-style checks pass; bools true;
// - except flags that would lock the contract: OpenZeppelin's Initializable
//   state is "initialized once" (_initialized = 1, _initializing = false),
//   bools named like a pause or lock are false, ReentrancyGuard's _status is
//   NOT_ENTERED (1);
// - strings and bytes alternate between the short (in-slot) and long (data at
//   keccak256(slot)) encodings;
// - mappings get the key samples of their key type (executed_samples.hpp):
//   bytes32 keys include 0 and the contracts' role constants, so
//   AccessControl's DEFAULT_ADMIN_ROLE and e.g. UPGRADER_ROLE are granted to
//   the caller; dynamic arrays two elements; static arrays and structs are
//   filled element by element (the first three elements of long arrays);
// - gaps (__gap) stay zero, as they are on a real deployment.
#pragma once

#include "core/address.hpp"
#include "solidity/storage_layout.hpp"
#include "upgrade/executed_samples.hpp"
#include "upgrade/executed_scratch.hpp"

namespace suture::upgrade {

// Writes the values into `account`'s storage on `chain`.
void populate_storage(ScratchChain& chain, const Address& account, const solidity::ContractStorage& storage,
                      const SampleSet& samples);

}  // namespace suture::upgrade
