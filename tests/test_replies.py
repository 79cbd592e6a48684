"""Suggested replies: one for every verdict in every language, readable whatever facts are missing."""

from __future__ import annotations

import re
import string
from decimal import Decimal
from pathlib import Path

import pytest

from supportctl import replies
from supportctl.core.model import CheckCode, Diagnosis, Finding, Kind, Lang, Severity, Subject, Verdict
from supportctl.kinds import VERDICTS_BY_KIND

CASES = [(lang, kind, verdict) for lang in Lang for kind, verdicts in VERDICTS_BY_KIND.items() for verdict in
         verdicts]
IDS = [f"{lang}-{kind}-{verdict}" for lang, kind, verdict in CASES]
# The wording checks below cover the foundation's replies; withdrawal and order replies are newer.
WORDED = [(c, i) for c, i in zip(CASES, IDS, strict=True) if c[1] in (Kind.DEPOSIT, Kind.ADDRESS, Kind.INPUT)]

# Values as the pipelines supply them (a name not listed here gets "value-of-NAME").
FULL: dict[str, object] = {
    "amount": "300 USDT", "chain": "Ethereum", "expected_chain": "Ethereum", "found_chain": "BNB Smart Chain",
    "confirmations": 4, "required": 12, "remaining": 8, "eta_seconds": 96,
    "explorer": "https://etherscan.io/tx/0xabc", "min_deposit": "10 USDT",
    "to": "0x52908400098527886E0F7030069857D2E4169EE7", "accepted": "Ethereum, Tron",
    "reason": "ran out of gas", "address": "0x52908400098527886E0F7030069857D2E4169EE7",
    "chains": "Ethereum, BNB Smart Chain", "input": "0x1234", "memo": "12345", "secret": "seed phrase",
}


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_verdict_has_a_template_in_every_language() -> None:
    for lang in Lang:
        for kind, verdicts in VERDICTS_BY_KIND.items():
            assert set(replies.TEMPLATES[lang][kind]) == set(verdicts), (lang, kind)


def test_every_placeholder_has_a_fallback_and_a_value() -> None:
    for lang, kind, verdict in CASES:
        names = placeholders(replies.TEMPLATES[lang][kind][verdict])
        assert names <= set(replies.FALLBACKS[lang]), (lang, kind, verdict, names)
    assert set(replies.FALLBACKS[Lang.EN]) == set(replies.FALLBACKS[Lang.ZH])


def full(lang: Lang, kind: Kind, verdict: Verdict) -> dict[str, object]:
    names = placeholders(replies.TEMPLATES[lang][kind][verdict]) - {"eta"}
    return {**FULL, **{n: FULL.get(n, f"value-of-{n}") for n in names}}


@pytest.mark.parametrize("values", ["empty", "full", "none", "blank"])
@pytest.mark.parametrize(("lang", "kind", "verdict"), CASES, ids=IDS)
def test_reply_is_complete_text(lang: Lang, kind: Kind, verdict: Verdict, values: str) -> None:
    given = full(lang, kind, verdict)
    chosen = {"empty": {}, "full": given, "none": dict.fromkeys(given),
              "blank": dict.fromkeys(given, "")}[values]
    text = replies.render(kind, verdict, lang, chosen)
    assert text and text == text.strip()
    for bad in ("None", "{", "}", "  "):
        assert bad not in text, (bad, text)
    assert not re.search(r"\b(nan|null|undefined)\b", text, re.IGNORECASE), text
    if lang is Lang.ZH:
        assert re.search(r"[\u4e00-\u9fff]", text), text
    if values == "full":
        for name in placeholders(replies.TEMPLATES[lang][kind][verdict]) - {"eta"}:
            assert str(given[name]) in text, (name, text)


@pytest.mark.parametrize(("lang", "kind", "verdict"), [c for c, _ in WORDED if c[0] is Lang.EN],
                         ids=[i for c, i in WORDED if c[0] is Lang.EN])
def test_english_fallbacks_read_naturally(lang: Lang, kind: Kind, verdict: Verdict) -> None:
    """A missing fact is replaced by a phrase: it must not repeat the words around it ("the the",
    "a few more more", "your deposit address your deposit address")."""
    text = replies.render(kind, verdict, lang, {})
    assert not re.search(r"\b(\w+) \1\b", text, re.IGNORECASE), text
    template = replies.TEMPLATES[lang][kind][verdict]
    stop = {"a", "an", "the", "of", "to", "on", "in", "it", "is", "was", "and", "but", "or", "your", "you",
            "our", "we", "for", "with", "this", "that", "at", "as", "be", "by", "its", "are"}
    for literal, name, _, _ in string.Formatter().parse(template):
        if not name:
            continue
        fallback = {w.lower() for w in re.findall(r"\w+", replies.FALLBACKS[lang][name])} - stop
        before = [w.lower() for w in re.findall(r"\w+", literal) if w.lower() not in stop][-2:]
        assert not fallback & set(before), (name, replies.FALLBACKS[lang][name], literal[-40:])
    for name in placeholders(template):
        after = template.split("{" + name + "}", 1)[1]
        words = re.findall(r"\w+", after.split("{", 1)[0])
        following = [w.lower() for w in words if w.lower() not in stop][:2]
        last = re.findall(r"\w+", replies.FALLBACKS[lang][name])[-1].lower()
        assert last not in following, (name, replies.FALLBACKS[lang][name], after[:40])


@pytest.mark.parametrize(("lang", "kind", "verdict"), [c for c, _ in WORDED if c[0] is Lang.ZH],
                         ids=[i for c, i in WORDED if c[0] is Lang.ZH])
def test_chinese_fallbacks_read_naturally(lang: Lang, kind: Kind, verdict: Verdict) -> None:
    """No fallback repeats the characters right before it (充值地址 您的充值地址), and before the measure
    word 个 only a quantity fits (若干 个确认, not 所需数量的 个)."""
    template = replies.TEMPLATES[lang][kind][verdict]
    for literal, name, _, _ in string.Formatter().parse(template):
        if not name:
            continue
        fallback = replies.FALLBACKS[lang][name]
        near = re.sub(r"[\s，。：；（）、]", "", literal)[-4:]
        pairs = {fallback[i:i + 2] for i in range(len(fallback) - 1)}
        assert not any(p in near for p in pairs), (name, fallback, near)
        after = template.split("{" + name + "}", 1)[1].lstrip()
        if after.startswith("个"):
            assert fallback in ("若干", "几"), (name, fallback)


def test_chinese_reply_contains_cjk_and_the_numbers() -> None:
    text = replies.render(Kind.DEPOSIT, Verdict.AWAITING_CONFIRMATIONS, Lang.ZH, FULL)
    assert "300 USDT" in text and "4 个确认" in text and "共需 12 个" in text and "还需 8 个确认" in text
    assert "预计约 2 分钟" in text  # 96 s


@pytest.mark.parametrize(("seconds", "en", "zh"), [
    (30, "under two minutes", "预计两分钟内"),
    (96, "about 2 minutes", "预计约 2 分钟"),
    (3 * 3600, "about 3 hours", "预计约 3 小时"),
    (0, "under two minutes", "预计两分钟内"),
])
def test_eta_in_words(seconds: float, en: str, zh: str) -> None:
    values = {**FULL, "eta_seconds": seconds}
    assert en in replies.render(Kind.DEPOSIT, Verdict.AWAITING_CONFIRMATIONS, Lang.EN, values)
    assert zh in replies.render(Kind.DEPOSIT, Verdict.AWAITING_CONFIRMATIONS, Lang.ZH, values)


def test_values_are_not_reinterpreted_as_templates() -> None:
    text = replies.render(Kind.DEPOSIT, Verdict.MEMO_MISMATCH, Lang.EN, {**FULL, "memo": "{amount} {0}"})
    assert "({amount} {0})" in text  # a customer's memo shown as given, not filled in


def test_wrong_network_without_the_expected_chain_does_not_call_it_the_network_used() -> None:
    # deposit.reply_values drops "chain" when the currency is not accepted where the tx is: the reply
    # must not then say the deposit "was expected on the network you used"
    values = {"found_chain": "Polygon", "accepted": "Ethereum, Tron", "amount": "5 USDT"}
    en = replies.render(Kind.DEPOSIT, Verdict.WRONG_NETWORK, Lang.EN, values)
    assert "sent on Polygon" in en and "expected on the network you used" not in en
    assert "accepted networks: Ethereum, Tron" in en
    with_chain = replies.render(Kind.DEPOSIT, Verdict.WRONG_NETWORK, Lang.EN, {**values, "chain": "Ethereum"})
    assert "expected on Ethereum" in with_chain


# ------------------------------------------------------------------------------------------ fragments
# Pieces of a reply built from several values (fee line, fill line, the order-check fix …): every word is in
# the language modules, so a new language cannot miss one and the kinds pass only values.

FRAGMENTS = sorted(replies.FRAGMENTS[Lang.EN])
FRAGMENT_CASES = [(lang, name) for lang in Lang for name in FRAGMENTS]
FRAGMENT_IDS = [f"{lang}-{name}" for lang, name in FRAGMENT_CASES]


def literal(template: str) -> str:
    """The template's own words, its placeholders left out."""
    return "".join(text for text, _, _, _ in string.Formatter().parse(template))


def test_every_fragment_exists_in_every_language_with_the_same_placeholders() -> None:
    for lang in Lang:
        assert set(replies.FRAGMENTS[lang]) == set(FRAGMENTS), lang
        for name in FRAGMENTS:
            ours, english = replies.FRAGMENTS[lang][name], replies.FRAGMENTS[Lang.EN][name]
            assert placeholders(ours) == placeholders(english), (lang, name)


@pytest.mark.parametrize("name", FRAGMENTS)
def test_a_worded_fragment_is_translated(name: str) -> None:
    """A fragment with English words has Chinese ones in zh and no leftover English (only placeholders)."""
    if not re.search(r"[A-Za-z]", literal(replies.FRAGMENTS[Lang.EN][name])):
        return  # pure arrangement of values ("{side} {amount} {symbol}") or punctuation
    zh = literal(replies.FRAGMENTS[Lang.ZH][name])
    assert re.search(r"[\u4e00-\u9fff]", zh) and not re.search(r"[A-Za-z]", zh), (name, zh)


@pytest.mark.parametrize(("lang", "name"), FRAGMENT_CASES, ids=FRAGMENT_IDS)
def test_fragment_renders_with_full_and_missing_values(lang: Lang, name: str) -> None:
    names = placeholders(replies.FRAGMENTS[lang][name])
    given: dict[str, object] = {n: f"value-of-{n}" for n in names}
    text = replies.fragment(lang, name, **given)
    assert text
    for bad in ("None", "{", "}", "  "):
        assert bad not in text, (bad, text)
    for value in given.values():
        assert str(value) in text, (value, text)
    for missing in names:  # one value unknown: no fragment, so the reply's fallback for its slot is used
        for absent in (None, ""):
            assert replies.fragment(lang, name, **{**given, missing: absent}) is None, (missing, absent)
        assert replies.fragment(lang, name, **{n: v for n, v in given.items() if n != missing}) is None
    if not names:
        assert replies.fragment(lang, name) == replies.FRAGMENTS[lang][name]


def test_fragment_takes_the_first_name_whose_values_are_known() -> None:
    dated = replies.fragment(Lang.EN, ("credit_ref_dated", "credit_ref"), deposit_id="D9", credited_at="2026-01-02")
    assert dated == "deposit D9, 2026-01-02"
    assert replies.fragment(Lang.EN, ("credit_ref_dated", "credit_ref"), deposit_id="D9", credited_at=None) == (
        "deposit D9")
    assert replies.fragment(Lang.ZH, ("credit_ref_dated", "credit_ref"), deposit_id="D9") == "充值编号 D9"
    assert replies.fragment(Lang.EN, ("token", "token_contract"), contract="0xabc", symbol="") == "contract 0xabc"


def test_fragment_values_are_not_reinterpreted_as_templates() -> None:
    text = replies.fragment(Lang.EN, "token", symbol="{contract}", contract="0xabc")
    assert text == "{contract}, contract 0xabc"


def test_fix_joins_the_steps_that_have_their_values() -> None:
    steps: list[tuple[str, dict[str, object]]] = [
        ("fix_amount_step", {"corrected_amount": "0.00001", "step": "0.00001"}),
        ("fix_min_amount", {"min_amount": "0.001", "base": None}),  # a value missing: the step is left out
        ("fix_price_limits", {}),
    ]
    assert replies.fix(Lang.EN, steps) == (
        "To pass: change the amount to 0.00001 (a multiple of the step 0.00001); choose a price within the "
        "market's price limits.")
    assert replies.fix(Lang.ZH, steps) == (
        "调整方法：将数量改为 0.00001（须为步长 0.00001 的整数倍）；将价格调整到该市场允许的价格范围内。")
    assert replies.fix(Lang.EN, []) is None
    assert replies.fix(Lang.EN, [("fix_min_amount", {"min_amount": "0.001"})]) is None


# ------------------------------------------------------------------------- the order-check fix, end to end


def _order_check(tmp_path: Path, side: str, amount: str, price: str | None, free: str = "1000000",
                 lang: Lang = Lang.EN) -> Diagnosis:
    from supportctl.core.config import load
    from supportctl.engine.pipeline import conclude
    from supportctl.kinds.order_check import OrderCheckFacts
    from supportctl.venue.interface import Balance, MarketRule, Ticker

    path = tmp_path / "config.toml"
    path.write_text("defaults = false\n")
    market = MarketRule("BTC/USDT", "BTC", "USDT", active=True, amount_step=Decimal("0.00001"),
                        price_tick=Decimal("0.01"), min_amount=Decimal("0.00001"), max_amount=Decimal("9000"),
                        min_cost=Decimal("5"), min_price=Decimal("1"), max_price=Decimal("1000000"))
    spend = "USDT" if side == "buy" else "BTC"
    facts = OrderCheckFacts(
        Subject(Kind.ORDER_CHECK, f"BTC/USDT {side} limit {amount} {price or ''}".strip()), load(path), "BTC/USDT",
        side, "limit", Decimal(amount), Decimal(price) if price else None, market,
        Ticker("BTC/USDT", Decimal("59999"), Decimal("60001"), Decimal("60000")), None,
        Balance(spend, Decimal(free), Decimal(0), Decimal(free)),
    )
    return conclude(Kind.ORDER_CHECK, facts, lang)


# Numbers in replies are written the locale's way (tests/test_reply_locale.py): 60,000 in English.
ORDER_FIXES = [  # (side, amount, price, free, verdict, what the English fix says)
    ("buy", "0.000095", "60000", "1000000", Verdict.PRECISION_ERROR, "change the amount to 0.00009 (a multiple"),
    ("buy", "0.01", "60000.005", "1000000", Verdict.PRECISION_ERROR, "change the price to 60,000"),
    # the step-rounded amount (0) is below the minimums: one instruction, the largest minimum
    ("buy", "0.000001", "60000", "1000000", Verdict.PRECISION_ERROR, "To pass: raise the amount to at least "
                                                                     "0.00009 BTC, so the order is worth at least "
                                                                     "5 USDT."),
    ("buy", "0.00001", "60000", "1000000", Verdict.BELOW_MIN_NOTIONAL, "To pass: raise the amount to at least "
                                                                       "0.00009 BTC, so"),
    # the step-rounded amount is above the maximum: only the maximum is said
    ("sell", "9001.000001", "60000", "1000000", Verdict.PRECISION_ERROR, "To pass: lower the amount to at most "
                                                                         "9,000 BTC."),
    ("buy", "0.00005", "60000", "1000000", Verdict.BELOW_MIN_NOTIONAL, "at least 0.00009 BTC, so the order is "
                                                                       "worth at least 5 USDT"),
    ("sell", "9001", "60000", "1000000", Verdict.ABOVE_MAX, "lower the amount to at most 9,000 BTC"),
    ("sell", "0.01", "80000", "1000000", Verdict.PRICE_OUT_OF_BAND, "closer to the market price of 60,000 USDT"),
    ("sell", "0.01", "2000000", "1000000", Verdict.PRICE_OUT_OF_BAND, "within the market's price limits"),
    # a second problem's step is added; the balance is not a market rule and stays out of the fix
    ("buy", "1", "60000.005", "10", Verdict.PRECISION_ERROR, "To pass: change the price to 60,000 (a multiple of "
                                                             "the tick 0.01)."),
]


@pytest.mark.parametrize(("side", "amount", "price", "free", "verdict", "says"), ORDER_FIXES)
def test_the_order_check_fix_is_worded_in_the_customers_language(
    tmp_path: Path, side: str, amount: str, price: str, free: str, verdict: Verdict, says: str
) -> None:
    """Issue 10: the fix quoted the findings' English messages (agent-facing) and existed only in English."""
    en = _order_check(tmp_path, side, amount, price, free, Lang.EN)
    zh = _order_check(tmp_path, side, amount, price, free, Lang.ZH)
    assert en.verdict is zh.verdict is verdict
    assert "To pass: " in en.reply and says in en.reply, en.reply
    assert "调整方法：" in zh.reply, zh.reply
    assert not re.findall(r"[a-z]{2,}", zh.reply), zh.reply  # no English words: only symbols and numbers
    for f in en.findings:
        for reply in (en.reply, zh.reply):
            assert f.message not in reply and f.message.split(": ", 1)[-1] not in reply, (f.message, reply)
    generic = (replies.FALLBACKS[Lang.EN]["fix"], replies.FALLBACKS[Lang.ZH]["fix"])
    assert generic[0] not in en.reply and generic[1] not in zh.reply


def test_an_order_check_error_without_a_structured_fix_gets_the_generic_one(tmp_path: Path) -> None:
    from supportctl.core.config import load
    from supportctl.kinds.order_check import OrderCheckFacts, reply_values

    path = tmp_path / "config.toml"
    path.write_text("defaults = false\n")
    facts = OrderCheckFacts(Subject(Kind.ORDER_CHECK, "BTC/USDT buy limit 1 1"), load(path), "BTC/USDT", "buy",
                            "limit", Decimal(1), Decimal(1), None, None, None, None)
    finding = Finding(CheckCode("XYZ900"), "plugin rule", Severity.ERROR, "The plugin says: no, not like this",
                      {"whatever": "1"}, Verdict.PRECISION_ERROR)
    for lang in Lang:
        values = reply_values(facts, (finding,), {}, lang)
        text = replies.render(Kind.ORDER_CHECK, Verdict.PRECISION_ERROR, lang, values)
        assert text.endswith(replies.FALLBACKS[lang]["fix"]) and "not like this" not in text, text


@pytest.mark.parametrize(("lang", "says"), [
    (Lang.EN, "Your order sell 1 BTC/USDT has been partly filled (0.25 filled) at an average price of 61,000 USDT."),
    (Lang.ZH, "您的订单 卖出 1 BTC/USDT 已部分成交（已成交 0.25），成交均价 61,000 USDT。"),
])
def test_the_order_reply_words_side_fill_and_average_in_the_customers_language(
    tmp_path: Path, lang: Lang, says: str
) -> None:
    from supportctl.core.config import load
    from supportctl.engine.pipeline import conclude
    from supportctl.kinds.order import OrderFacts
    from supportctl.venue.interface import Order

    path = tmp_path / "config.toml"
    path.write_text("defaults = false\n")
    order = Order("3", "BTC/USDT", "sell", "limit", "open", price=Decimal(61000), average=Decimal(61000),
                  amount=Decimal(1), filled=Decimal("0.25"), remaining=Decimal("0.75"))
    d = conclude(Kind.ORDER, OrderFacts(Subject(Kind.ORDER, "3"), load(path), order, None, "BTC/USDT"), lang)
    assert d.verdict is Verdict.PARTIALLY_FILLED and d.reply.startswith(says), d.reply
