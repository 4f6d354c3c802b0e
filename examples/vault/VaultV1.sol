// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";
import {OwnableUpgradeable} from "@openzeppelin/contracts-upgradeable/access/OwnableUpgradeable.sol";

/// Collateral vault of a derivatives venue, as deployed (behind an ERC-1967 UUPS proxy).
/// The vulnerability: withdraw() pays out before it debits, so a contract
/// receiving the ether can re-enter and drain other users' collateral.
contract VaultV1 is Initializable, UUPSUpgradeable, OwnableUpgradeable {
    mapping(address => uint256) public collateral;
    uint256 public totalCollateral;

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    function initialize(address owner_) external initializer {
        __UUPSUpgradeable_init();
        __Ownable_init(owner_);
    }

    function deposit() external payable {
        collateral[msg.sender] += msg.value;
        totalCollateral += msg.value;
    }

    function withdraw(uint256 amount) external {
        require(collateral[msg.sender] >= amount, "insufficient collateral");
        (bool ok,) = msg.sender.call{value: amount}("");
        require(ok, "transfer failed");
        unchecked {
            collateral[msg.sender] -= amount;
        }
        totalCollateral -= amount;
    }

    function version() external pure virtual returns (string memory) {
        return "1";
    }

    function _authorizeUpgrade(address) internal override onlyOwner {}
}
