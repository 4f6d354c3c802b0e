// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC1967Proxy} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";
// The upgrade authority is OpenZeppelin's TimelockController itself (imported so the build holds it).
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";

/// The address users trade with: OpenZeppelin's ERC-1967 proxy, upgraded through the venue's UUPS
/// entry point by its owner.
contract VenueProxy is ERC1967Proxy {
    constructor(address implementation, bytes memory data) ERC1967Proxy(implementation, data) {}
}
