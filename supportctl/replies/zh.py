"""简体中文回复 (Simplified Chinese replies). Placeholders as in ``en.FALLBACKS``."""

from __future__ import annotations

from supportctl.core.model import Kind, Verdict

# Each fallback is read in place of its value, so it must fit the sentence around its placeholder
# (before 个 only a quantity word such as 若干 fits).
FALLBACKS = {
    "amount": "资金",
    "chain": "您所使用的网络",
    "expected_chain": "页面上所选的网络",
    "found_chain": "其他网络",
    "confirmations": "若干",
    "required": "若干",
    "remaining": "若干",
    "eta": "很快",
    "explorer": "区块浏览器",
    "min_deposit": "（以页面公布为准）",
    "to": "（请以页面显示为准）",
    "accepted": "请见充值页面",
    "reason": "被网络拒绝",
    "address": "该地址",
    "chains": "其适用的网络",
    "input": "您提供的信息",
    "memo": "您填写的内容",
    "secret": "私钥或助记词",
    "withdrawal": "资金",
    "fee_line": "",
    "txid": "该交易",
    "order": "（即您咨询的这笔）",
    "symbol": "该交易对",
    "filled_line": "",
    "average_line": "",
    "distance": "一定距离",
    "fix": "请按照该市场的规则调整订单后重试。",
    "balance_line": "",
    "slippage": "较大比例",
    "credit_ref": "请查看充值记录",
    "token": "不支持的代币",
}


# 由多个数值组成的回复片段，由 ``replies.fragment`` 填入上面模板的一个占位符；键与占位符同 ``en.FRAGMENTS``。
FRAGMENTS = {
    "fee_line": "（提币 {amount} {currency}，扣除 {fee} {currency} 网络手续费，实际到账 {arrived} {currency}。）",
    "order": "{side} {amount} {symbol}",
    "order_no_amount": "{side} {symbol}",
    "side_buy": "买入",
    "side_sell": "卖出",
    "filled_line": "（已成交 {filled}）",
    "average_line": "，成交均价 {average} {quote}",
    "balance_line": "（需要 {needed} {currency}，可用 {free} {currency}）",
    "fix": "调整方法：{steps}。",
    "fix_separator": "；",
    "fix_amount_step": "将数量改为 {corrected_amount}（须为步长 {step} 的整数倍）",
    "fix_price_tick": "将价格改为 {corrected_price}（须为最小价格变动 {tick} 的整数倍）",
    "fix_min_amount": "将数量提高到至少 {min_amount} {base}",
    "fix_max_amount": "将数量降低到最多 {max_amount} {base}",
    "fix_min_notional": "将数量提高到至少 {min_amount_at_price} {base}，使订单总价值不低于 {min_cost} {quote}",
    "fix_max_notional": "将订单总价值控制在 {max_cost} {quote} 以内",
    "fix_price_band": "将价格调整到更接近市场价格 {market} {quote} 的水平",
    "fix_price_limits": "将价格调整到该市场允许的价格范围内",
    "secret_seed": "助记词",
    "secret_key": "私钥",
    "token": "{symbol}，合约 {contract}",
    "token_contract": "合约 {contract}",
    "credit_ref": "充值编号 {deposit_id}",
    "credit_ref_dated": "充值编号 {deposit_id}，{credited_at}",
}


def duration(seconds: float) -> str:
    s = max(1, round(seconds))
    if s < 90:
        return "预计两分钟内"
    if s < 90 * 60:
        return f"预计约 {round(s / 60)} 分钟"
    return f"预计约 {round(s / 3600, 1):g} 小时"


_THANKS = "感谢您的耐心等待。"

DEPOSIT = {
    Verdict.CONFIRMED: (
        "您在 {chain} 上充值的 {amount} 已在区块链上确认（{confirmations} 个确认），并已发送至您的充值地址。"
        "如果尚未到账，我们已将此证据提交给钱包团队处理，入账后会第一时间通知您。交易链接：{explorer}"
    ),
    Verdict.AWAITING_CONFIRMATIONS: (
        "您充值的 {amount} 正在确认中：目前在 {chain} 上已有 {confirmations} 个确认，共需 {required} 个，"
        "还需 {remaining} 个确认，{eta}。达到确认数后将自动入账，您无需进行任何操作。"
        "您可以在此查看进度：{explorer}。" + _THANKS
    ),
    Verdict.PENDING: (
        "您的交易已广播，但尚未被 {chain} 打包进区块，这通常是因为网络拥堵或手续费较低。"
        "打包后还需 {required} 个确认才会入账。您可以在此查看：{explorer}。" + _THANKS
    ),
    Verdict.NOT_FOUND: (
        "我们在 {chain} 上未找到这笔交易。请确认交易哈希（TxID）完整且正确，并确认转账确实已从您的钱包"
        "或提币平台发出（在对方平台仍处于处理中的提币尚无链上哈希）。请将正确的哈希或提币记录截图发给我们。"
    ),
    Verdict.TX_FAILED: (
        "这笔交易在 {chain} 上执行失败（{reason}），除网络手续费外，资金并未从您的钱包转出，我们也未收到任何款项。"
        "请从您的钱包重新发起充值。交易链接：{explorer}"
    ),
    Verdict.REPLACED: (
        "这笔交易已被您钱包发出的另一笔交易替换，将永远不会被确认。请在钱包中查看替换它的交易，并将其哈希发给我们。"
    ),
    Verdict.WRONG_ADDRESS: (
        "这笔交易并未发送到您的充值地址 {to}，因此无法入账到您的账户。请核对您复制的地址："
        "诈骗者有时会在您的钱包历史记录中植入相似的地址。请始终从我们的充值页面复制地址。交易链接：{explorer}"
    ),
    Verdict.WRONG_NETWORK: (
        "您的交易是通过 {found_chain} 发送的，而您的充值应使用 {expected_chain}。"
        "通过该资产不支持的网络充值不会自动入账。"
        "请不要再通过此方式转账。我们已将此案例转交团队评估能否找回；支持的网络：{accepted}。"
    ),
    Verdict.UNSUPPORTED_TOKEN: (
        "这笔交易中的代币不是我们在 {chain} 上支持的代币：即使名称看起来相同，其合约也不是该资产的官方合约。"
        "不支持的代币或仿冒代币无法入账。如果有人以此代币向您付款，请注意，这可能是诈骗。交易链接：{explorer}"
    ),
    Verdict.BELOW_MINIMUM: (
        "您充值的 {amount} 低于 {chain} 上的最低充值金额 {min_deposit}，因此未能自动入账。"
        "低于最低金额的充值不会自动退回；再次充值使总额超过最低金额后，可能会一并入账。如需更多帮助，请联系我们。"
    ),
    Verdict.MEMO_MISSING: (
        "您充值的 {amount} 未附带用于识别您账户的备注/标签（Memo/Tag），因此无法自动入账。"
        "请回复您账户的备注/标签、提币记录截图和交易哈希，我们的团队将为您手动入账。"
    ),
    Verdict.MEMO_MISMATCH: (
        "您充值的 {amount} 附带的备注/标签（{memo}）与您账户的不一致，因此无法自动入账。"
        "请回复提币记录截图和交易哈希，我们的团队将为您核查。"
    ),
    Verdict.NETWORK_SUSPENDED: (
        "该资产在 {chain} 上的充值因维护暂时关闭。您的资金是安全的：充值恢复后，您的 {amount} 将会入账。"
        "在网络恢复之前，请不要继续充值。" + _THANKS
    ),
    Verdict.ADDRESS_POISONING: (
        "该交易不是可以入账的充值：这是一种名为“地址投毒”的常见诈骗。骗子会从与您或我们的地址相似（首尾字符相同）的地址"
        "发送零金额或极小金额的转账，企图让您日后从交易记录中复制错误的地址。您的充值地址中没有任何资金被转走。"
        "请不要从交易记录中复制地址：请始终从我们的充值页面复制，并逐字核对。交易链接：{explorer}"
    ),
    Verdict.UNKNOWN: (
        "我们正在核查您的交易，目前尚无法确认其状态。我们已将其转交团队处理，一有进展会立即通知您。" + _THANKS
    ),
}

ADDRESS = {
    Verdict.VALID: "{address} 是 {chains} 上的有效地址。",
    Verdict.INVALID_CHECKSUM: (
        "{address} 有误：校验和不匹配，因此不是有效地址。请直接从收款方重新复制，不要手动输入。"
    ),
    Verdict.INVALID_FORMAT: "{address} 不是我们支持的任何网络上的有效地址。请直接从收款方重新复制地址。",
    Verdict.WRONG_NETWORK: (
        "{address} 属于 {chains}，而不是 {chain}。在 {chain} 上向其转账可能导致资产丢失；"
        "请选择匹配的网络，或改用 {chain} 上的地址。"
    ),
    Verdict.MEMO_REQUIRED: (
        "{address} 是 {chains} 上的有效地址，且该网络还需要备注/标签（Memo/Tag）："
        "请务必同时填写备注/标签，否则资金无法入账。"
    ),
    Verdict.LOOKALIKE: (
        "请注意：{address} 与您提到的另一个地址看起来相似，但其实是不同的地址（开头和结尾相同，中间不同）。"
        "这是一种常见的诈骗手段（地址投毒）；请始终从可信来源复制地址，切勿从交易记录中复制。"
    ),
    Verdict.UNKNOWN: "我们暂时无法核实 {address}，团队正在核查。",
}

WITHDRAWAL = {
    Verdict.COMPLETED: (
        "您提币的 {withdrawal} 已完成：交易已在 {chain} 上确认（{confirmations} 个确认），资金已到达 {address}。{fee_line}"
        "如果您没有看到到账，请联系接收平台或钱包，并提供此链接：{explorer}"
    ),
    Verdict.PROCESSING: (
        "您提币的 {withdrawal} 正在处理中，尚未发送到区块链。大多数提币会在几分钟内发出，部分需要额外的安全审核。"
        "一旦发出我们会立即通知您。" + _THANKS
    ),
    Verdict.AWAITING_CONFIRMATIONS: (
        "您提币的 {withdrawal} 已发出，正在 {chain} 上确认：目前 {confirmations}/{required} 个确认。"
        "网络确认后接收平台将为您入账。您可以在此查看：{explorer}。" + _THANKS
    ),
    Verdict.WITHDRAWAL_FAILED: (
        "您提币的 {withdrawal} 未能成功（{reason}）。资金已退回您的账户余额；请核对地址和网络后重试，"
        "如果余额尚未恢复，请回复我们。"
    ),
    Verdict.CANCELED: "您提币的 {withdrawal} 已被取消，未发送任何资金，资金已退回您的账户余额。您可以随时重新提交提币。",
    Verdict.INVALID_ADDRESS: (
        "您提币所填的 {address} 不是 {chain} 的有效地址，因此无法发送。请从接收平台复制该网络的正确地址后重试。"
    ),
    Verdict.WRONG_ADDRESS: (
        "您提币的 {withdrawal} 已发送至 {address}，这是提币申请中填写的地址，而不是您提到的地址。区块链转账无法由我们撤回，"
        "请联系该地址的所有者。如果您是从交易记录中复制的地址，它可能是诈骗者植入的相似地址——请始终从接收平台复制地址。"
    ),
    Verdict.MEMO_MISSING: (
        "您提币的 {withdrawal} 已在 {chain} 上发送至 {address}，但未填写备注/标签（Memo/Tag）。如果该地址属于交易所，"
        "需要备注/标签才能入账：请携带此交易链接（{explorer}）和您的备注/标签联系接收平台客服。"
    ),
    Verdict.NETWORK_SUSPENDED: (
        "该资产在 {chain} 上的提币因维护暂时关闭。您提币的 {withdrawal} 是安全的，网络恢复后将立即处理。" + _THANKS
    ),
    Verdict.NOT_FOUND: "我们在您的账户中未找到该编号的提币。请发送提币记录中的提币编号（或截图），以便我们核查。",
    Verdict.UNKNOWN: "我们正在核查您的提币，目前尚无法确认其状态。我们已将其转交团队处理，一有进展会立即通知您。" + _THANKS,
}

ORDER = {
    Verdict.FILLED: "您的订单 {order} 已全部成交{average_line}。",
    Verdict.PARTIALLY_FILLED: (
        "您的订单 {order} 已部分成交{filled_line}{average_line}。剩余部分仍在等待匹配价格，您可以继续挂单或撤销剩余部分。"
    ),
    Verdict.OPEN: (
        "您的订单 {order} 正在挂单等待：其价格距离当前市场价格 {distance}，只有市场价格达到该价位才会成交。"
        "您可以继续等待，或调整价格以更快成交。"
    ),
    Verdict.CANCELED: "您的订单 {order} 已撤销{filled_line}。未使用的资金已退回您的可用余额。",
    Verdict.EXPIRED: "您的订单 {order} 因有效期设置在完全成交前已过期{filled_line}。未使用的资金已退回可用余额，您可以重新下单。",
    Verdict.REJECTED: "您的订单 {order} 被交易系统拒绝，未发生任何交易，也未占用资金。这通常是因为订单不符合市场规则（最小数量、价格限制或可用余额）。",
    Verdict.NOT_FOUND: "我们在您的账户中未找到该订单。请发送订单历史中的订单编号和交易对，以便我们核查。",
    Verdict.UNKNOWN: "我们正在核查您的订单，会尽快给您答复。" + _THANKS,
}

ORDER_CHECK = {
    Verdict.OK: "您的订单符合 {symbol} 的市场规则，可以按原样下单。",
    Verdict.PRECISION_ERROR: "您的订单不符合 {symbol} 的价格或数量步长。{fix}",
    Verdict.BELOW_MIN_AMOUNT: "您的订单数量低于 {symbol} 的最小下单数量。{fix}",
    Verdict.BELOW_MIN_NOTIONAL: "您的订单总价值低于 {symbol} 的最小下单金额。{fix}",
    Verdict.ABOVE_MAX: "您的订单超过了 {symbol} 单笔订单的最大限制。{fix}",
    Verdict.PRICE_OUT_OF_BAND: "您的订单价格与 {symbol} 当前市场价格相差过大，交易系统不予接受。{fix}",
    Verdict.INSUFFICIENT_BALANCE: "您的可用余额不足以支付该订单{balance_line}。挂单中冻结的资金在撤单前不可用。",
    Verdict.MARKET_INACTIVE: "{symbol} 目前暂停交易，暂时无法下单。",
    Verdict.HIGH_SLIPPAGE: "按当前订单簿，该数量的市价单会使 {symbol} 的成交价格偏离 {slippage}。建议使用限价单，或将订单拆分为较小的部分。",
    Verdict.UNKNOWN: "我们暂时无法按市场规则核查该订单，团队将进一步查看。",
}

VARIANTS: dict[Kind, dict[tuple[Verdict, str], str]] = {
    Kind.DEPOSIT: {
        (Verdict.CONFIRMED, "credited"): (
            "您在 {chain} 上充值的 {amount} 已在区块链上确认，并已存入您的账户（{credit_ref}）。请查看您的余额。交易链接：{explorer}"
        ),
        (Verdict.CONFIRMED, "crediting"): (
            "您在 {chain} 上充值的 {amount} 已在区块链上确认（{confirmations} 个确认），系统正在为您入账（{credit_ref}），"
            "很快即可到账。交易链接：{explorer}"
        ),
        (Verdict.CONFIRMED, "escalated"): (
            "您在 {chain} 上充值的 {amount} 已在区块链上确认（{confirmations} 个确认），并已发送至您的充值地址，"
            "但我们的充值记录中尚未显示。我们已将此证据提交给钱包团队处理，入账后会第一时间通知您。交易链接：{explorer}"
        ),
        (Verdict.CONFIRMED, "venue_failed"): (
            "您在 {chain} 上充值的 {amount} 已在区块链上确认，并已发送至您的充值地址，但我们这边的入账未能完成"
            "（{credit_ref}）。我们已将该记录提交给钱包团队处理，入账后会第一时间通知您。交易链接：{explorer}"
        ),
        (Verdict.WRONG_NETWORK, "credited_there"): (
            "您的交易是通过 {found_chain} 发送的，而不是 {expected_chain}。我们同样支持该资产在 {found_chain} 上充值，"
            "且充值地址相同，因此您充值的 {amount} 在 {found_chain} 上达到所需确认数后将自动入账。您可以在此查看：{explorer}。"
            + _THANKS
        ),
        (Verdict.WRONG_NETWORK, "accepted_there"): (
            "您的交易是通过 {found_chain} 发送的，而不是 {expected_chain}。我们同样支持该资产在 {found_chain} 上充值，"
            "通常无需找回：我们的团队正在核实该笔资金是否到达您在 {found_chain} 上的充值地址，并会及时通知您。交易链接：{explorer}"
        ),
        (Verdict.UNSUPPORTED_TOKEN, "unlisted"): (
            "该交易中的代币（{token}）不是我们在 {chain} 上支持的代币，因此无法自动入账。请不要继续发送该代币。"
            "我们已将此案例转交团队，核查是否可以找回。交易链接：{explorer}"
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
            "重要提示：您的消息中包含了您钱包的{secret}。任何拿到它的人都可以转走该钱包中的全部资产，请将该钱包视为已泄露："
            "请立即用新的助记词创建新钱包，并将资产转入新钱包。我们已从记录中删除该信息。"
            "我们永远不会向您索要私钥或助记词——任何索要的人都是骗子。"
        ),
        Verdict.INVALID_INPUT: (
            "我们无法从 {input} 中识别出交易哈希、地址或编号。请发送从钱包中复制的完整交易哈希（TxID）或地址。"
        ),
    },
}
