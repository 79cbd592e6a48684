// SPDX-License-Identifier: MIT
pragma solidity 0.8.26;

/// @title Reverter
/// @notice A token-shaped contract whose calls fail the ways real contracts do, so that mined failed
///         transactions carry real revert data: an OpenZeppelin v5 custom error, a Panic, no data at all.
contract Reverter {
    string public constant name = "Reverter";
    string public constant symbol = "RVT";
    uint8 public constant decimals = 6;

    mapping(address => uint256) public balanceOf;
    mapping(address => mapping(address => uint256)) public allowance;

    event Transfer(address indexed from, address indexed to, uint256 value);

    /// OpenZeppelin v5 IERC20Errors.ERC20InsufficientBalance (selector 0xe450d38c).
    error ERC20InsufficientBalance(address sender, uint256 balance, uint256 needed);

    function mint(address to, uint256 amount) external {
        balanceOf[to] += amount;
        emit Transfer(address(0), to, amount);
    }

    /// Reverts with ERC20InsufficientBalance(sender, balance, amount) when the balance is short.
    function transfer(address to, uint256 amount) external returns (bool) {
        uint256 bal = balanceOf[msg.sender];
        if (bal < amount) {
            revert ERC20InsufficientBalance(msg.sender, bal, amount);
        }
        balanceOf[msg.sender] = bal - amount;
        balanceOf[to] += amount;
        emit Transfer(msg.sender, to, amount);
        return true;
    }

    /// Without an allowance the checked subtraction underflows: Panic(0x11).
    function transferFrom(address from, address to, uint256 amount) external returns (bool) {
        allowance[from][msg.sender] -= amount;
        balanceOf[from] -= amount;
        balanceOf[to] += amount;
        emit Transfer(from, to, amount);
        return true;
    }

    /// Always reverts with no data: a bare `revert()`.
    function approve(address, uint256) external pure returns (bool) {
        revert();
    }
}
