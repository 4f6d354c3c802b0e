// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";
import {OwnableUpgradeable} from "@openzeppelin/contracts-upgradeable/access/OwnableUpgradeable.sol";

/// The fix: debit before paying out (checks-effects-interactions) and a
/// reentrancy lock appended after the existing storage.
contract VaultV2 is Initializable, UUPSUpgradeable, OwnableUpgradeable {
    mapping(address => uint256) public collateral;
    uint256 public totalCollateral;
    bool private locked;

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    function initialize(address owner_) external initializer {
        __UUPSUpgradeable_init();
        __Ownable_init(owner_);
    }

    modifier nonReentrant() {
        require(!locked, "reentrant call");
        locked = true;
        _;
        locked = false;
    }

    function deposit() external payable {
        collateral[msg.sender] += msg.value;
        totalCollateral += msg.value;
    }

    function withdraw(uint256 amount) external nonReentrant {
        require(collateral[msg.sender] >= amount, "insufficient collateral");
        collateral[msg.sender] -= amount;
        totalCollateral -= amount;
        (bool ok,) = msg.sender.call{value: amount}("");
        require(ok, "transfer failed");
    }

    function version() external pure returns (string memory) {
        return "2";
    }

    function _authorizeUpgrade(address) internal override onlyOwner {}
}
