// The monitor's detectors that read chain state: an invariant (a view call
// and a relation on its first output) and the watched slots (EIP-1967
// implementation/admin/beacon, the owner, raw slots). Both run over an
// upgrade::ChainView, so the same code judges a mined block (the node, at
// that block) and a pending transaction (the in-process fork after it).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/result.hpp"
#include "respond/monitor_spec.hpp"
#include "upgrade/proxy_chain_view.hpp"

namespace suture::respond {

struct InvariantVerdict {
    bool holds = true;
    std::string value;  // the first output as text ("reverted: ..." when the call reverted)
};

// A call that reverts or returns something undecodable breaks the
// invariant (the view is part of what must keep working); a node failure is
// an error.
Result<InvariantVerdict> check_invariant(upgrade::ChainView& view, const InvariantSpec& spec);

// Checks that the spec's function, arguments and relation parse (at load time).
Status check_invariant_spec(const InvariantSpec& spec);

// (slot name, value) for each of spec.slots; "owner" reads owner()(address)
// (zero when the call reverts).
Result<std::vector<std::pair<std::string, Bytes32>>> read_slots(upgrade::ChainView& view, const SlotSpec& spec);

// Checks a slot name ("implementation", "admin", "beacon", "owner" or a 0x 32-byte number).
Status check_slot_name(const std::string& name);

}  // namespace suture::respond
