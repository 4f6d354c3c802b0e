// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {VenueBase} from "./VenueBase.sol";
import {PriceOracle} from "./PriceOracle.sol";

/// The fix: withdraw() burns the shares before it pays (checks, effects, interactions), so a
/// receiver's callback sees its balance already debited, and it is non-reentrant. The guard keeps
/// its flag in transient storage (EIP-1153): no storage slot is added, the layout is V1's, and no
/// reinitializer is needed.
contract PerpVenueV2 is VenueBase, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    function initialize(IERC20 token, PriceOracle oracle_, address owner_, address guardian, address treasury_,
                        uint256 feeBps_) external initializer {
        __VenueBase_init(token, oracle_, owner_, guardian, treasury_, feeBps_);
    }

    function withdraw(uint256 shares) public virtual override whenNotPaused nonReentrant returns (uint256 assets) {
        require(shares > 0 && shares <= sharesOf[msg.sender], "Venue: insufficient shares");
        assets = _toAssets(shares);
        sharesOf[msg.sender] -= shares;
        totalShares -= shares;
        poolAssets -= assets;
        collateralToken.safeTransfer(msg.sender, assets);
        emit Withdraw(msg.sender, shares, assets);
    }

    function version() external pure virtual override returns (string memory) {
        return "2";
    }
}
