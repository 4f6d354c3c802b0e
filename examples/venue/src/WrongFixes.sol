// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

// Fixes a careless engineer might ship for PerpVenueV1's withdraw(), each stopped by a different
// gate of `suture run` (examples/venue/README.md): the demo runs the pipeline on each. They are only
// ever upgrades of the deployed venue, never deployed fresh: none has an initializer of its own.

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {PerpVenueV1} from "./PerpVenueV1.sol";
import {PerpVenueV2} from "./PerpVenueV2.sol";

/// A hand-written lock in storage, the way a reentrancy guard looked before OpenZeppelin's.
abstract contract SimpleLock {
    uint256 private _locked;

    modifier lock() {
        require(_locked == 0, "locked");
        _locked = 1;
        _;
        _locked = 0;
    }
}

/// (a) check: V2's withdraw() under a hand-written lock as well, whose base contract comes first: its
/// slot 0 shifts every variable of the venue by one slot. After the upgrade collateralToken reads
/// the old slot 0 (zero), the oracle reads the token's address, every balance its neighbour's slot.
/// @custom:oz-upgrades-unsafe-allow missing-initializer
contract PerpVenueV2Relayout is SimpleLock, PerpVenueV2 {
    function withdraw(uint256 shares) public override lock returns (uint256) {
        return super.withdraw(shares);
    }
}

/// (b) exploit: V1's withdraw() made non-reentrant, nothing else changed. The attack does not
/// re-enter withdraw(): from the token's callback it calls transferShares(), which has no guard, and
/// the stale balance is still written back afterwards.
/// @custom:oz-upgrades-unsafe-allow missing-initializer
contract PerpVenueV2GuardOnly is PerpVenueV1, ReentrancyGuardTransient {
    function withdraw(uint256 shares) public override nonReentrant returns (uint256) {
        return super.withdraw(shares);
    }

    function version() external pure override returns (string memory) {
        return "2";
    }
}

/// (c) fuzz/replay: the right withdraw(), plus a drive-by change: deposits round up "in the
/// depositor's favour". convertToShares() and every deposit now mint more shares than V1 did, at the
/// other providers' expense.
/// @custom:oz-upgrades-unsafe-allow missing-initializer
contract PerpVenueV2Rounding is PerpVenueV2 {
    function _toShares(uint256 assets) internal view override returns (uint256) {
        return Math.mulDiv(assets, totalShares + 1, poolAssets + 1, Math.Rounding.Ceil);
    }
}

/// (d) invariants: the right withdraw(), plus a new sweep() that sends donated collateral to the
/// treasury. It counts the pool as the only claim on the balance and forgets the traders' margin and
/// positions: anyone can send the traders' collateral to the treasury, and the venue owes more than
/// it holds.
/// @custom:oz-upgrades-unsafe-allow missing-initializer
contract PerpVenueV2Sweep is PerpVenueV2 {
    using SafeERC20 for IERC20;

    function sweep() external returns (uint256 excess) {
        excess = collateralToken.balanceOf(address(this)) - poolAssets;
        collateralToken.safeTransfer(treasury, excess);
    }
}
