"""Suggested replies: one for every verdict in every language, readable whatever facts are missing."""

from __future__ import annotations

import re
import string

import pytest

from supportctl import replies
from supportctl.core.model import Kind, Lang, Verdict
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
