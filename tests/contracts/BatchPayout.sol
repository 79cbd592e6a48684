// SPDX-License-Identifier: MIT
pragma solidity 0.8.26;

interface IERC20 {
    function transferFrom(address from, address to, uint256 amount) external returns (bool);
}

/// @title BatchPayout
/// @notice Pays many recipients in one transaction, the way exchanges and payroll services do.
///         The caller must first approve this contract on the token. The deposits are visible
///         only in the token's Transfer logs; tx.to is this contract, not the token or recipient.
contract BatchPayout {
    function payout(address token, address[] calldata to, uint256[] calldata amounts) external {
        require(to.length == amounts.length, "length mismatch");
        for (uint256 i = 0; i < to.length; ++i) {
            require(IERC20(token).transferFrom(msg.sender, to[i], amounts[i]), "transferFrom failed");
        }
    }
}
