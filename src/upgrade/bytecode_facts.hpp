// Facts about runtime code when no source is available: which dangerous
// instructions are reachable, and whether the code writes a proxy slot.
//
// The code (metadata trailer removed) is split into basic blocks, walking PUSH
// data as data. A block ends at JUMP, JUMPI, STOP, RETURN, REVERT, INVALID,
// SELFDESTRUCT or an undefined opcode, or falls through into the next JUMPDEST.
// Reachability starts at offset 0. A small abstract stack follows pushed
// constants through DUP, SWAP, POP and pure arithmetic on constants (solc
// writes `shl(0, slot)` and `add(slot, 0)`), within a block and along the
// jumps into the next (up to 32 distinct entry stacks per block, then an
// unknown one); everything else yields unknown values. A JUMP/JUMPI whose
// destination is such a constant gets its edge, so a return address pushed by
// a caller resolves the callee's return. A reachable jump whose destination
// stays unknown could go to any JUMPDEST, so then every block starting with
// JUMPDEST counts as reachable: the answer errs on the side of reporting.
//
// SSTORE whose slot (the top of the abstract stack) is one of the EIP-1967
// slots is reported as a write of that slot.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/bytes.hpp"
#include "core/finding.hpp"

namespace suture::upgrade {

enum class BytecodeFactKind { selfdestruct, delegatecall, callcode, eip1967_write };

struct BytecodeFact {
    BytecodeFactKind kind = BytecodeFactKind::selfdestruct;
    size_t pc = 0;
    std::string slot;  // eip1967_write: "implementation", "admin" or "beacon"
};

struct BytecodeFacts {
    size_t code_size = 0;         // bytes analysed (metadata trailer excluded)
    size_t blocks = 0;            // basic blocks
    size_t reachable_blocks = 0;
    bool unresolved_jumps = false;  // a reachable jump had an unknown destination
    std::vector<BytecodeFact> facts;  // in pc order
};

BytecodeFacts analyze_bytecode(BytesView runtime_code);

// One finding per fact (codes `deployed-selfdestruct`, `deployed-delegatecall`,
// `deployed-callcode`, `deployed-eip1967-write`; docs/check-findings.md);
// `where` names the code (e.g. the address), the location adds the pc.
Findings bytecode_findings(const BytecodeFacts& facts, std::string_view where);

}  // namespace suture::upgrade
