"""English replies. Placeholders: see ``FALLBACKS`` for every name a template may use."""

from __future__ import annotations

from supportctl.core.model import Kind, Verdict

# Each fallback is read in place of its value, so it must fit the sentence around its placeholder.
FALLBACKS = {
    "amount": "funds",
    "chain": "the network you used",
    "expected_chain": "the network you selected on our site",  # the network the deposit should have used
    "found_chain": "another network",
    "confirmations": "some",
    "required": "required number of",
    "remaining": "a few",
    "eta": "shortly",
    "explorer": "the blockchain explorer",
    "min_deposit": "this asset",
    "to": "(the one we gave you)",
    "accepted": "see the deposit page",
    "reason": "it was rejected by the network",
    "address": "you sent us",
    "chains": "the networks it was made for",
    "input": "the details you sent",
    "memo": "the one you entered",
    "secret": "private key or seed phrase",
    "withdrawal": "funds",
    "fee_line": "",
    "txid": "the transaction",
    "order": "(the one you asked about)",
    "symbol": "this pair",
    "filled_line": "",
    "average_line": "",
    "distance": "some distance",
    "fix": "Please adjust the order to the market's rules and try again.",
    "balance_line": "",
    "slippage": "a large share",
    "credit_ref": "see your deposit history",
    "token": "an unsupported token",
}


# Pieces of a reply built from several values, each rendered by ``replies.fragment`` into one placeholder of a
# template above (``fee_line`` → ``{fee_line}``). The kinds pass only values (numbers, symbols, codes); every
# word is here. A fragment whose values are not all known is not used: the placeholder's fallback is.
FRAGMENTS = {
    # withdrawal: after "… the funds are at {address}."
    "fee_line": (
        " You withdrew {amount} {currency}; the {fee} {currency} network fee was deducted, so {arrived} {currency} "
        "arrived."
    ),
    # order: "Your order {order} was filled …" (the side a fragment too: "buy" / "sell")
    "order": "{side} {amount} {symbol}",
    "order_no_amount": "{side} {symbol}",
    "side_buy": "buy",
    "side_sell": "sell",
    # order: "Your order … has been partly filled{filled_line}{average_line}."
    "filled_line": " ({filled} filled)",
    "average_line": " at an average price of {average} {quote}",
    # order check: "Your available balance is not enough for this order{balance_line}."
    "balance_line": ": it needs {needed} {currency} and {free} {currency} is available",
    # order check: the {fix} sentence, its steps taken from the findings' evidence and joined
    "fix": "To pass: {steps}.",
    "fix_separator": "; ",
    "fix_amount_step": "change the amount to {corrected_amount} (a multiple of the step {step})",
    "fix_price_tick": "change the price to {corrected_price} (a multiple of the tick {tick})",
    "fix_min_amount": "raise the amount to at least {min_amount} {base}",
    "fix_max_amount": "lower the amount to at most {max_amount} {base}",
    "fix_min_notional": "raise the amount to at least {min_amount_at_price} {base}, so the order is worth at least "
                        "{min_cost} {quote}",
    "fix_max_notional": "keep the order value at most {max_cost} {quote}",
    "fix_price_band": "choose a price closer to the market price of {market} {quote}",
    "fix_price_limits": "choose a price within the market's price limits",
    # input: "your message contained your wallet's {secret}"
    "secret_seed": "seed phrase",
    "secret_key": "private key",
    # deposit: "The token in this transaction ({token}) …"
    "token": "{symbol}, contract {contract}",
    "token_contract": "contract {contract}",
    # deposit: "… credited to your account ({credit_ref})"
    "credit_ref": "deposit {deposit_id}",
    "credit_ref_dated": "deposit {deposit_id}, {credited_at}",
}


def duration(seconds: float) -> str:
    s = max(1, round(seconds))
    if s < 90:
        return "under two minutes"
    if s < 90 * 60:
        return f"about {round(s / 60)} minutes"
    return f"about {round(s / 3600, 1):g} hours"


_THANKS = "Thank you for your patience."

DEPOSIT = {
    Verdict.CONFIRMED: (
        "Your deposit of {amount} on {chain} has been confirmed on the blockchain ({confirmations} "
        "confirmations) and was sent to your deposit address. If it is not in your account yet, we have "
        "escalated it to our wallet team with this evidence and will update you as soon as it is credited. "
        "Transaction: {explorer}"
    ),
    Verdict.AWAITING_CONFIRMATIONS: (
        "Your deposit of {amount} is on its way: it has {confirmations} of the {required} confirmations "
        "we need on {chain}, so {remaining} more are needed — {eta}. It will be credited automatically "
        "once they are reached; there is nothing you need to do. You can follow it here: {explorer}. " + _THANKS
    ),
    Verdict.PENDING: (
        "Your transaction has been broadcast but is still waiting to be included in a block on {chain}. "
        "This usually happens when the network is busy or the fee was low. Once it is in a block, it needs "
        "the {required} confirmations we ask for before it is credited. You can follow it here: {explorer}. " + _THANKS
    ),
    Verdict.NOT_FOUND: (
        "We could not find this transaction on {chain}. Please check that the transaction hash (TxID) is "
        "complete and correct, and that the transfer was actually sent from your wallet or the platform you "
        "withdrew from (a withdrawal that is still pending there has no hash on the blockchain yet). "
        "Please send us the correct hash or a screenshot of the withdrawal record."
    ),
    Verdict.TX_FAILED: (
        "This transaction failed on {chain} ({reason}), so no funds left your wallet apart from the network "
        "fee, and nothing was sent to us. Please send the deposit again from your wallet. Transaction: {explorer}"
    ),
    Verdict.REPLACED: (
        "This transaction was replaced by another one from your wallet and will never be confirmed. "
        "Please check your wallet for the replacing transaction and send us its hash."
    ),
    Verdict.WRONG_ADDRESS: (
        "This transaction was not sent to your deposit address {to}, so it cannot be credited to your "
        "account. Please check the address you copied: scammers sometimes plant look-alike addresses in "
        "your wallet history. Always copy the address from our deposit page. Transaction: {explorer}"
    ),
    Verdict.WRONG_NETWORK: (
        "Your transaction was sent on {found_chain}, but your deposit was expected on {expected_chain}. Deposits on "
        "a network we do not support for this asset are not credited automatically. Please do not send more "
        "funds this way. We have passed the case to our team to check whether a recovery is possible; "
        "accepted networks: {accepted}."
    ),
    Verdict.UNSUPPORTED_TOKEN: (
        "The token in this transaction is not one we support on {chain}: its contract is not the official "
        "contract of the asset, even if its name looks the same. Unsupported or imitation tokens cannot be "
        "credited. If someone sent you this token as a payment, please be careful: it may be a scam. "
        "Transaction: {explorer}"
    ),
    Verdict.BELOW_MINIMUM: (
        "Your deposit of {amount} is below the minimum deposit of {min_deposit} on {chain}, so it was not "
        "credited automatically. Deposits below the minimum are not refunded automatically; a further deposit "
        "that brings the total above the minimum may be credited together with it. Please contact us if you "
        "need more help."
    ),
    Verdict.MEMO_MISSING: (
        "Your deposit of {amount} arrived without the memo/tag that identifies your account, so it could not "
        "be credited automatically. Please reply with your account's memo/tag, a screenshot of the "
        "withdrawal record and the transaction hash, and our team will credit it manually."
    ),
    Verdict.MEMO_MISMATCH: (
        "Your deposit of {amount} arrived with a memo/tag ({memo}) that does not match your account's, so it "
        "could not be credited automatically. Please reply with a screenshot of the withdrawal record and "
        "the transaction hash, and our team will review it."
    ),
    Verdict.NETWORK_SUSPENDED: (
        "Deposits of this asset on {chain} are temporarily suspended for maintenance. Your funds are safe: "
        "your deposit of {amount} will be credited after deposits reopen. Please do not send more until the "
        "network is open again. " + _THANKS
    ),
    Verdict.ADDRESS_POISONING: (
        "This transaction is not a deposit we can credit: it is a known scam called address poisoning. Someone "
        "sends zero-value or tiny transfers from addresses that look like yours or ours (the same first and last "
        "characters), hoping you will later copy one of them from your wallet history. Nothing was taken from "
        "your deposit. Please never copy an address from your transaction history: always copy it from our "
        "deposit page and check it character by character. Transaction: {explorer}"
    ),
    Verdict.UNKNOWN: (
        "We are checking your transaction and could not confirm its status yet. We have passed it to our "
        "team and will update you as soon as we know more. " + _THANKS
    ),
}

ADDRESS = {
    Verdict.VALID: "The address {address} is a valid address on {chains}.",
    Verdict.INVALID_CHECKSUM: (
        "The address {address} has a typo: its checksum does not match, so it is not a valid address. "
        "Please copy it again directly from the recipient, without typing it by hand."
    ),
    Verdict.INVALID_FORMAT: (
        "The address {address} is not a valid address on any network we support. Please copy the address again "
        "directly from the recipient."
    ),
    Verdict.WRONG_NETWORK: (
        "The address {address} belongs to {chains}, not to {chain}. Sending to it on {chain} could lose "
        "your funds; please choose the matching network or use an address for {chain}."
    ),
    Verdict.MEMO_REQUIRED: (
        "The address {address} is valid on {chains}, and this network needs a memo/tag as well: please "
        "always include the memo/tag with the address, or the funds cannot be credited."
    ),
    Verdict.LOOKALIKE: (
        "Please be careful: the address {address} looks like the other address you mentioned but is a different "
        "address (same start and end, different middle). This is a common scam called address poisoning; "
        "always copy the address from a trusted source, never from your transaction history."
    ),
    Verdict.UNKNOWN: "We could not verify the address {address} yet; our team is checking it.",
}

WITHDRAWAL = {
    Verdict.COMPLETED: (
        "Your withdrawal of {withdrawal} has been completed: the transaction is confirmed on {chain} "
        "({confirmations} confirmations) and the funds are at {address}.{fee_line} If you do not see them, please "
        "check with the receiving platform or wallet, sharing this link: {explorer}"
    ),
    Verdict.PROCESSING: (
        "Your withdrawal of {withdrawal} is being processed and has not been sent to the blockchain yet. Most "
        "withdrawals are sent within minutes; some need an extra security review. We will update you as soon "
        "as it is on its way. " + _THANKS
    ),
    Verdict.AWAITING_CONFIRMATIONS: (
        "Your withdrawal of {withdrawal} has been sent and is confirming on {chain}: {confirmations} of "
        "{required} confirmations so far. The receiving platform credits it once the network confirms it. You "
        "can follow it here: {explorer}." + " " + _THANKS
    ),
    Verdict.WITHDRAWAL_FAILED: (
        "Your withdrawal of {withdrawal} did not go through ({reason}). The funds are returned to your account "
        "balance; please check the address and network and try again, or reply to us if the balance has not "
        "been restored."
    ),
    Verdict.CANCELED: (
        "Your withdrawal of {withdrawal} was canceled, so nothing was sent. The funds are back in your account "
        "balance. You can submit the withdrawal again at any time."
    ),
    Verdict.INVALID_ADDRESS: (
        "The address of your withdrawal ({address}) is not a valid address for {chain}, so it could not be "
        "sent. Please copy the correct address for this network from the receiving platform and try again."
    ),
    Verdict.WRONG_ADDRESS: (
        "Your withdrawal of {withdrawal} was sent to {address}, which is the address entered in the "
        "withdrawal request and not the one you mentioned. Blockchain transfers cannot be reversed by us; "
        "please contact the owner of that address. If you copied it from your transaction history, it may be "
        "a look-alike address planted by scammers — always copy addresses from the receiving platform."
    ),
    Verdict.MEMO_MISSING: (
        "Your withdrawal of {withdrawal} was sent to {address} on {chain} without a memo/tag. If that address "
        "belongs to an exchange, it needs the memo/tag to credit your account: please contact the receiving "
        "platform's support with this transaction link ({explorer}) and your account's memo/tag."
    ),
    Verdict.NETWORK_SUSPENDED: (
        "Withdrawals of this asset on {chain} are temporarily suspended for maintenance. Your withdrawal of "
        "{withdrawal} is safe and will be processed as soon as the network reopens. " + _THANKS
    ),
    Verdict.NOT_FOUND: (
        "We could not find a withdrawal with this ID on your account. Please send us the withdrawal ID from "
        "your withdrawal history (or a screenshot of it) so we can check it."
    ),
    Verdict.UNKNOWN: (
        "We are checking your withdrawal and could not confirm its status yet. We have passed it to our team "
        "and will update you as soon as we know more. " + _THANKS
    ),
}

ORDER = {
    Verdict.FILLED: "Your order {order} was filled completely{average_line}.",
    Verdict.PARTIALLY_FILLED: (
        "Your order {order} has been partly filled{filled_line}{average_line}. The rest "
        "is still waiting for a matching price; you can keep it open or cancel the remainder."
    ),
    Verdict.OPEN: (
        "Your order {order} is open and waiting: its price is {distance} away from the current market price, "
        "so it fills only if the market reaches it. You can keep waiting, or change the price to fill sooner."
    ),
    Verdict.CANCELED: (
        "Your order {order} was canceled{filled_line}. Any unused funds are back in "
        "your available balance."
    ),
    Verdict.EXPIRED: (
        "Your order {order} expired under its time-in-force setting before it could fill "
        "completely{filled_line}. Unused funds are back in your available balance; you can place it again."
    ),
    Verdict.REJECTED: (
        "Your order {order} was rejected by the trading system, so nothing was traded and no funds were used. "
        "This usually means it broke a market rule (minimum size, price limits or available balance)."
    ),
    Verdict.NOT_FOUND: (
        "We could not find this order on your account. Please send us the order ID and the trading pair from "
        "your order history so we can check it."
    ),
    Verdict.UNKNOWN: "We are checking your order and will update you as soon as we can. " + _THANKS,
}

ORDER_CHECK = {
    Verdict.OK: "Your order meets the market's rules for {symbol} and can be placed as it is.",
    Verdict.PRECISION_ERROR: (
        "Your order does not match the price or size steps of {symbol}. {fix}"
    ),
    Verdict.BELOW_MIN_AMOUNT: "Your order is smaller than the minimum order size for {symbol}. {fix}",
    Verdict.BELOW_MIN_NOTIONAL: "The total value of your order is below the minimum for {symbol}. {fix}",
    Verdict.ABOVE_MAX: "Your order is larger than the maximum allowed for one order on {symbol}. {fix}",
    Verdict.PRICE_OUT_OF_BAND: (
        "The price of your order is too far from the current market price of {symbol}, so the trading system "
        "does not accept it. {fix}"
    ),
    Verdict.INSUFFICIENT_BALANCE: (
        "Your available balance is not enough for this order{balance_line}. Funds locked in "
        "your open orders are not available until those orders are canceled."
    ),
    Verdict.MARKET_INACTIVE: "Trading on {symbol} is currently suspended, so orders cannot be placed right now.",
    Verdict.HIGH_SLIPPAGE: (
        "A market order of this size on {symbol} would move the price by {slippage} with the current order book. "
        "We recommend a limit order, or splitting the order into smaller parts."
    ),
    Verdict.UNKNOWN: "We could not check this order against the market's rules yet; our team will look into it.",
}

# Variants of a verdict's reply, chosen by the pipeline when a finding changes what the customer is told
# (``replies.render(..., variant=...)``); the parity test holds every language to the same keys.
VARIANTS: dict[Kind, dict[tuple[Verdict, str], str]] = {
    Kind.DEPOSIT: {
        (Verdict.CONFIRMED, "credited"): (
            "Your deposit of {amount} on {chain} is confirmed on the blockchain and has been credited to your "
            "account ({credit_ref}). Please check your balance. Transaction: {explorer}"
        ),
        (Verdict.CONFIRMED, "crediting"): (
            "Your deposit of {amount} on {chain} is confirmed on the blockchain ({confirmations} confirmations) "
            "and our system is crediting it to your account now ({credit_ref}); it should appear shortly. "
            "Transaction: {explorer}"
        ),
        (Verdict.CONFIRMED, "escalated"): (
            "Your deposit of {amount} on {chain} is confirmed on the blockchain ({confirmations} confirmations) "
            "and was sent to your deposit address, but it is not in our deposit records yet. We have escalated "
            "it to our wallet team with this evidence and will update you as soon as it is credited. "
            "Transaction: {explorer}"
        ),
        (Verdict.CONFIRMED, "venue_failed"): (
            "Your deposit of {amount} on {chain} is confirmed on the blockchain and was sent to your deposit "
            "address, but crediting it to your account did not complete on our side ({credit_ref}). We have "
            "escalated it to our wallet team with this record and will update you as soon as it is credited. "
            "Transaction: {explorer}"
        ),
        (Verdict.WRONG_NETWORK, "credited_there"): (
            "Your transaction was sent on {found_chain}, not on {expected_chain}. We accept this asset on "
            "{found_chain} too, at the same deposit address, so your deposit of {amount} will be credited "
            "automatically once it has the confirmations we need on {found_chain}. You can follow it here: "
            "{explorer}. " + _THANKS
        ),
        (Verdict.WRONG_NETWORK, "accepted_there"): (
            "Your transaction was sent on {found_chain}, not on {expected_chain}. We accept this asset on "
            "{found_chain} too, so no recovery should be needed: our team is checking that it reached your "
            "deposit address for {found_chain} and will update you. Transaction: {explorer}"
        ),
        (Verdict.UNSUPPORTED_TOKEN, "unlisted"): (
            "The token in this transaction ({token}) is not one we support on {chain}, so it cannot be credited "
            "to your account automatically. Please do not send more of it. We have passed the case to our team "
            "to check whether a recovery is possible. Transaction: {explorer}"
        ),
    },
}

TEMPLATES: dict[Kind, dict[Verdict, str]] = {
    Kind.DEPOSIT: DEPOSIT,
    Kind.ADDRESS: ADDRESS,
    Kind.WITHDRAWAL: WITHDRAWAL,
    Kind.ORDER: ORDER,
    Kind.ORDER_CHECK: ORDER_CHECK,
    Kind.INPUT: {
        Verdict.SECRET_EXPOSED: (
            "Important: your message contained your wallet's {secret}. Anyone who has it can take all the funds in "
            "that wallet, so please treat it as compromised: create a new wallet with a new seed phrase right away "
            "and move your funds there. We have removed it from our records. We will never ask for your private "
            "key or seed phrase — anyone who does is a scammer."
        ),
        Verdict.INVALID_INPUT: (
            "We could not read a transaction hash, address or ID in {input}. Please send us the full "
            "transaction hash (TxID) or the address, copied from your wallet."
        ),
    },
}
