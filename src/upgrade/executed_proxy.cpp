#include "upgrade/executed_proxy.hpp"

#include "upgrade/proxy_slots.hpp"

namespace suture::upgrade {

namespace {

// Opcodes used below (Yellow Paper numbering; PUSH0 is EIP-3855, Shanghai).
enum Op : uint8_t {
    MLOAD = 0x51, SLOAD = 0x54, SSTORE = 0x55, JUMPI = 0x57, GAS = 0x5a, JUMPDEST = 0x5b, PUSH0 = 0x5f,
    PUSH1 = 0x60, PUSH32 = 0x7f, SWAP1 = 0x90, CALLDATASIZE = 0x36, CALLDATACOPY = 0x37, CODECOPY = 0x39,
    RETURNDATASIZE = 0x3d, RETURNDATACOPY = 0x3e, DELEGATECALL = 0xf4, RETURN = 0xf3, REVERT = 0xfd,
};

void push_slot(Bytes& code) {
    code.push_back(PUSH32);
    const Bytes32& slot = eip1967_implementation_slot();
    code.insert(code.end(), slot.begin(), slot.end());
}

// Runtime, 58 bytes (stack shown top first after each step):
//   00 CALLDATASIZE PUSH0 PUSH0 CALLDATACOPY   memory[0, cds) = calldata
//   04 PUSH0 PUSH0                              retSize 0, retOffset 0 (copied below instead)
//   06 CALLDATASIZE PUSH0                       argsSize cds, argsOffset 0
//   08 PUSH32 <slot> SLOAD                      the implementation (EIP-1967 slot)
//   2a GAS DELEGATECALL                         [success]
//   2c RETURNDATASIZE PUSH0 PUSH0 RETURNDATACOPY memory[0, rds) = return data; [success]
//   30 RETURNDATASIZE SWAP1 PUSH0 SWAP1         [success, 0, rds]
//   34 PUSH1 0x38 JUMPI                         to 0x38 on success; [0, rds]
//   37 REVERT                                   revert(0, rds)
//   38 JUMPDEST RETURN                          return(0, rds)
constexpr uint8_t kRuntimeSize = 0x3a;

// Constructor, 52 bytes; the 32-byte implementation word follows the runtime:
//   00 PUSH1 0x20 PUSH1 <initcode size> PUSH0 CODECOPY   memory[0, 32) = argument
//   06 PUSH0 MLOAD PUSH32 <slot> SSTORE                  slot = implementation
//   2a PUSH1 <runtime size> PUSH1 <ctor size> PUSH0 CODECOPY  memory[0, 58) = runtime
//   30 PUSH1 <runtime size> PUSH0 RETURN                 deploy it
constexpr uint8_t kCtorSize = 0x34;

}  // namespace

Bytes erc1967_proxy_runtime() {
    Bytes c = {CALLDATASIZE, PUSH0, PUSH0, CALLDATACOPY, PUSH0, PUSH0, CALLDATASIZE, PUSH0};
    push_slot(c);
    c.insert(c.end(), {SLOAD, GAS, DELEGATECALL, RETURNDATASIZE, PUSH0, PUSH0, RETURNDATACOPY, RETURNDATASIZE, SWAP1,
                       PUSH0, SWAP1, PUSH1, 0x38, JUMPI, REVERT, JUMPDEST, RETURN});
    return c;
}

Bytes erc1967_proxy_initcode(const Address& implementation) {
    Bytes c = {PUSH1, 0x20, PUSH1, uint8_t(kCtorSize + kRuntimeSize), PUSH0, CODECOPY, PUSH0, MLOAD};
    push_slot(c);
    c.insert(c.end(), {SSTORE, PUSH1, kRuntimeSize, PUSH1, kCtorSize, PUSH0, CODECOPY, PUSH1, kRuntimeSize, PUSH0,
                       RETURN});
    Bytes runtime = erc1967_proxy_runtime();
    c.insert(c.end(), runtime.begin(), runtime.end());
    c.insert(c.end(), 12, 0);  // the argument word: the address right-aligned
    c.insert(c.end(), implementation.bytes.begin(), implementation.bytes.end());
    return c;
}

}  // namespace suture::upgrade
