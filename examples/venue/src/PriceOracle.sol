// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// The index price the venue settles against: pushed by the feed admin (a keeper), 18 decimals,
/// in collateral units per unit of the traded asset.
contract PriceOracle is Ownable {
    uint256 public price;
    uint256 public updatedAt;

    event PriceUpdated(uint256 price, uint256 updatedAt);

    constructor(address feedAdmin, uint256 initialPrice) Ownable(feedAdmin) {
        _set(initialPrice);
    }

    function setPrice(uint256 newPrice) external onlyOwner {
        _set(newPrice);
    }

    function latestPrice() external view returns (uint256) {
        return price;
    }

    function _set(uint256 newPrice) private {
        require(newPrice > 0, "Oracle: zero price");
        price = newPrice;
        updatedAt = block.timestamp;
        emit PriceUpdated(newPrice, block.timestamp);
    }
}
