// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";
import {OwnableUpgradeable} from "@openzeppelin/contracts-upgradeable/access/OwnableUpgradeable.sol";

/// A hurried fix that would itself cause the next loss: the lock is inserted
/// before the existing variables (every balance shifts by one slot) and the
/// constructor no longer disables initializers on the implementation.
contract VaultV2Unsafe is Initializable, UUPSUpgradeable, OwnableUpgradeable {
    bool private locked;
    mapping(address => uint256) public collateral;
    uint256 public totalCollateral;

    function initialize(address owner_) external initializer {
        __UUPSUpgradeable_init();
        __Ownable_init(owner_);
    }

    function deposit() external payable {
        collateral[msg.sender] += msg.value;
        totalCollateral += msg.value;
    }

    function withdraw(uint256 amount) external {
        require(!locked, "reentrant call");
        locked = true;
        require(collateral[msg.sender] >= amount, "insufficient collateral");
        collateral[msg.sender] -= amount;
        totalCollateral -= amount;
        (bool ok,) = msg.sender.call{value: amount}("");
        require(ok, "transfer failed");
        locked = false;
    }

    function version() external pure returns (string memory) {
        return "2";
    }

    function _authorizeUpgrade(address) internal override onlyOwner {}
}
