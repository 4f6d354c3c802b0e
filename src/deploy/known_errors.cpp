#include "deploy/known_errors.hpp"

namespace suture::deploy {

const abi::ContractAbi& known_route_errors() {
    static const abi::ContractAbi table = [] {
        // Error declarations from OpenZeppelin Contracts 5.x (names and parameter types).
        static const char* const kErrors[] = {
            "ERC1967InvalidImplementation(address)",
            "ERC1967InvalidAdmin(address)",
            "ERC1967InvalidBeacon(address)",
            "ERC1967NonPayable()",
            "ProxyDeniedAdminAccess()",
            "UUPSUnauthorizedCallContext()",
            "UUPSUnsupportedProxiableUUID(bytes32)",
            "OwnableUnauthorizedAccount(address)",
            "OwnableInvalidOwner(address)",
            "AccessControlUnauthorizedAccount(address,bytes32)",
            "AccessControlBadConfirmation()",
            "TimelockInvalidOperationLength(uint256,uint256,uint256)",
            "TimelockInsufficientDelay(uint256,uint256)",
            "TimelockUnexpectedOperationState(bytes32,bytes32)",
            "TimelockUnexecutedPredecessor(bytes32)",
            "TimelockUnauthorizedCaller(address)",
            "InvalidInitialization()",
            "NotInitializing()",
            "EnforcedPause()",
            "ExpectedPause()",
            "AddressEmptyCode(address)",
            "FailedCall()",
        };
        abi::ContractAbi abi;
        for (const char* text : kErrors) {
            auto sig = abi::parse_signature(text);
            if (!sig) continue;  // cannot happen for the literals above; tests/deploy checks every one parses
            abi::AbiEntry e;
            e.kind = abi::EntryKind::error;
            e.name = sig->name;
            e.inputs = sig->inputs;
            abi.entries.push_back(std::move(e));
        }
        return abi;
    }();
    return table;
}

}  // namespace suture::deploy
