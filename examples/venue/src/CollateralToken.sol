// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// Receivers that opted in are called after every transfer to them (ERC-777's tokensReceived, without
/// the ERC-1820 registry): the callback a vault must not trust while its own books are half-updated.
interface ITokenReceiver {
    function tokensReceived(address from, address to, uint256 amount) external;
}

/// The venue's collateral: an ERC-20 with a receive hook, minted by its owner (the demo's faucet).
contract CollateralToken is ERC20, Ownable {
    mapping(address => bool) public hasReceiveHook;

    constructor(address owner_) ERC20("Venue USD", "vUSD") Ownable(owner_) {}

    function mint(address to, uint256 amount) external onlyOwner {
        _mint(to, amount);
    }

    /// A contract asks to be called on every transfer it receives.
    function setReceiveHook(bool enabled) external {
        hasReceiveHook[msg.sender] = enabled;
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        if (to != address(0) && hasReceiveHook[to]) ITokenReceiver(to).tokensReceived(from, to, value);
    }
}
