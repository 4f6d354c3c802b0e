// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {VenueBase} from "./VenueBase.sol";
import {PriceOracle} from "./PriceOracle.sol";

/// The venue as deployed. The vulnerability: withdraw() pays the provider before it writes the
/// provider's share balance back, from a value it read before paying. The collateral token calls
/// receivers that opted in (CollateralToken.setReceiveHook), so a provider contract can, inside
/// that call, move the shares it is withdrawing to another address (transferShares); withdraw then
/// writes the stale balance minus the shares, and the moved shares live on, backed by the other
/// providers' collateral. Each round takes the attacker's stake again from the pool.
contract PerpVenueV1 is VenueBase {
    using SafeERC20 for IERC20;

    function initialize(IERC20 token, PriceOracle oracle_, address owner_, address guardian, address treasury_,
                        uint256 feeBps_) external initializer {
        __VenueBase_init(token, oracle_, owner_, guardian, treasury_, feeBps_);
    }

    function withdraw(uint256 shares) public virtual override whenNotPaused returns (uint256 assets) {
        uint256 balance = sharesOf[msg.sender];
        require(shares > 0 && shares <= balance, "Venue: insufficient shares");
        assets = _toAssets(shares);
        poolAssets -= assets;
        collateralToken.safeTransfer(msg.sender, assets);
        sharesOf[msg.sender] = balance - shares;
        totalShares -= shares;
        emit Withdraw(msg.sender, shares, assets);
    }

    function version() external pure virtual override returns (string memory) {
        return "1";
    }
}
