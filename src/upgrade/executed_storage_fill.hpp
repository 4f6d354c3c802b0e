// Populates a proxy's storage as if the old version had run for a while: every
// variable of the storage layout (the contract's own and each ERC-7201
// namespace) gets a value, so that reading it back through a getter after the
// upgrade shows whether the new code still finds it where it was.
//
// Two sets of values (solc's storage encoding, Solidity docs "Layout of State
// Variables"), FillValues below:
// - working: values that let the code run as the old version's owner would:
//   each number a distinct non-zero value (1, 2, 3, ... in the order of the
//   layout, fitted to its size); enums a valid non-default member; addresses
//   and contracts the test caller, so Ownable-style checks pass; bools true;
//   and flags that would lock the contract keep their working value:
//   OpenZeppelin's Initializable state is "initialized once"
//   (_initialized = 1, _initializing = false), bools named like a pause or
//   lock are false, ReentrancyGuard's _status is NOT_ENTERED (1);
// - distinct: every variable, struct member, array element and mapping value
//   its own value, so that a new version reading one variable where another
//   of the same type was stored gets a different answer: the same numbers as
//   above, addresses distinct_address(1, 2, 3, ... in layout order, shared
//   with the numbers' counter), bools true, false, true, ... and enums
//   cycling through their members in the order the layout declares variables
//   of that type, and no working flags (only getters read these values).
// In both:
// - strings and bytes hold their label and counter, alternating between the
//   short (in-slot) and long (data at keccak256(slot)) encodings;
// - mappings get the key samples of their key type (executed_samples.hpp):
//   bytes32 keys include 0 and the contracts' role constants, so
//   AccessControl's DEFAULT_ADMIN_ROLE and e.g. UPGRADER_ROLE are granted to
//   the caller; dynamic arrays two elements; static arrays and structs are
//   filled element by element (the first three elements of long arrays);
// - gaps (__gap) stay zero, as they are on a real deployment.
// Both write the same slots, so filling with `working` after `distinct`
// leaves exactly the working state.
#pragma once

#include <map>
#include <string>

#include "core/address.hpp"
#include "core/uint256.hpp"
#include "solidity/storage_layout.hpp"
#include "upgrade/executed_samples.hpp"
#include "upgrade/executed_scratch.hpp"

namespace suture::upgrade {

enum class FillValues {
    working,   // the test caller owns the contract and nothing is locked
    distinct,  // no two variables of one type hold the same value (where the type allows)
};

// Which variable of the layout each number, address and bytesN value was
// written into (as the storage word holds it, right-aligned), so that a value
// read back in the wrong place can be traced to where it was stored. A value
// written into two variables (narrow integers wrap) names neither; bools,
// enums, strings and bytes are not listed.
class FilledVariables {
public:
    void add(const uint256& value, const std::string& variable);
    // The top-level variable (or namespace member) holding `value`, or nullptr.
    const std::string* holder(const uint256& value) const;

private:
    std::map<uint256, std::string> by_value_;  // "" once two variables share the value
};

// Writes the values into `account`'s storage on `chain`.
FilledVariables populate_storage(ScratchChain& chain, const Address& account,
                                 const solidity::ContractStorage& storage, const SampleSet& samples,
                                 FillValues values);

}  // namespace suture::upgrade
