"""What an agent pastes: a hash, an explorer link, an address, or a whole ticket."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from supportctl.core.errors import InputError
from supportctl.core.model import Kind, Subject
from supportctl.engine.identify import Unrecognised, identify, parse_tx, tx_families

TX = "0x5c504ed432cb51138bcf09aa5e8a410dd4a1e204ef84bfed1be16dfba1b22060"
TX2 = "0xcd718a69d478340dc28fdf6bf8056374a52dc95841b44083163ced8dfe29310c"
ADDR = "0x52908400098527886E0F7030069857D2E4169EE7"  # EIP-55 vector


def deposit(tx: str, chain: str | None = None) -> Subject:
    return Subject(Kind.DEPOSIT, tx, chain=chain)  # type: ignore[arg-type]


def test_bare_evm_hash_is_a_deposit() -> None:
    assert identify(TX) == [deposit(TX)]
    assert identify(f"  {TX}\n") == [deposit(TX)]
    assert parse_tx(TX) == (TX, None)
    assert parse_tx(f" {TX} ", "bsc") == (TX, "bsc")  # type: ignore[arg-type]


def test_upper_case_prefix_is_normalised() -> None:
    # nodes only accept "0x"; some wallets print "0X"
    assert parse_tx("0X" + TX[2:].upper()) == ("0x" + TX[2:].upper(), None)
    assert identify("hash: 0X" + TX[2:]) == [deposit(TX)]


@pytest.mark.parametrize(("text", "why"), [
    (TX[:-1], "63 hex digits"),
    (TX + "a", "65 hex digits"),
    (TX[:-1] + "g", "'g' is not a hex digit"),
    (ADDR, "this is an address"),
    ("0x", "0 hex digits"),
    (TX + ".", "'.' is not a hex digit"),
    ("hello", "not a transaction hash"),
    ("", "empty"),
    ("   ", "empty"),
])
def test_malformed_hash_says_why(text: str, why: str) -> None:
    with pytest.raises(InputError, match=why) as e:
        parse_tx(text)
    assert "\n" not in e.value.message


@pytest.mark.parametrize(("text", "why"), [
    (TX[:-1], "63 hex digits"),
    (TX + "a", "65 hex digits"),
    (TX[:-1] + "z", "not a hex digit"),
])
def test_malformed_hash_in_a_ticket_is_unrecognised(text: str, why: str) -> None:
    (item,) = identify(f"my deposit {text} is missing")
    assert isinstance(item, Unrecognised) and item.input == text and why in item.reason


@pytest.mark.parametrize(("url", "chain"), [
    (f"https://etherscan.io/tx/{TX}", "ethereum"),
    (f"https://bscscan.com/tx/{TX}", "bsc"),
    (f"https://polygonscan.com/tx/{TX}", "polygon"),
    (f"https://arbiscan.io/tx/{TX}", "arbitrum"),
    (f"https://optimistic.etherscan.io/tx/{TX}", "optimism"),
    (f"https://basescan.org/tx/{TX}", "base"),
    (f"https://snowtrace.io/tx/{TX}", "avalanche"),
    (f"https://www.etherscan.io/tx/{TX}", "ethereum"),
    (f"https://www.bscscan.com/tx/{TX}#eventlog", "bsc"),
    (f"https://etherscan.io/tx/{TX}?utm_source=wallet", "ethereum"),
    (f"HTTPS://Etherscan.IO/tx/{TX}", "ethereum"),
    (f"http://etherscan.io/tx/{TX}/", "ethereum"),
])
def test_explorer_tx_links_name_their_chain(url: str, chain: str) -> None:
    assert identify(url) == [deposit(TX, chain)]
    assert parse_tx(url) == (TX, chain)


@pytest.mark.parametrize(("host", "chain"), [
    ("etherscan.io", "ethereum"), ("bscscan.com", "bsc"), ("polygonscan.com", "polygon"),
    ("arbiscan.io", "arbitrum"), ("optimistic.etherscan.io", "optimism"), ("basescan.org", "base"),
    ("snowtrace.io", "avalanche"), ("www.polygonscan.com", "polygon"),
])
def test_explorer_address_links_name_their_chain(host: str, chain: str) -> None:
    assert identify(f"https://{host}/address/{ADDR}") == [Subject(Kind.ADDRESS, ADDR, chain=chain)]  # type: ignore[arg-type]
    with pytest.raises(InputError, match="links to an address"):
        parse_tx(f"https://{host}/address/{ADDR}")


def test_link_and_chain_option_must_agree() -> None:
    assert parse_tx(f"https://bscscan.com/tx/{TX}", "bsc") == (TX, "bsc")  # type: ignore[arg-type]
    with pytest.raises(InputError, match="BNB Smart Chain link but --chain says Ethereum"):
        parse_tx(f"https://bscscan.com/tx/{TX}", "ethereum")  # type: ignore[arg-type]


@pytest.mark.parametrize(("url", "why"), [
    (f"https://example.com/tx/{TX}", "example.com is not an explorer"),
    ("https://etherscan.io/", "names no transaction or address"),
    ("https://etherscan.io/tx/0x123", "3 hex digits"),
])
def test_links_that_cannot_be_used(url: str, why: str) -> None:
    (item,) = identify(url)
    assert isinstance(item, Unrecognised) and why in item.reason
    with pytest.raises(InputError, match=why):
        parse_tx(url)


@pytest.mark.parametrize("end", list(".,;:!?。，！）)]'\">"))
def test_trailing_punctuation_in_a_ticket(end: str) -> None:
    assert identify(f"see https://etherscan.io/tx/{TX}{end} thanks") == [deposit(TX, "ethereum")]
    assert identify(f"the hash is {TX}{end}") == [deposit(TX)]
    assert identify(f"sent to {ADDR}{end}") == [Subject(Kind.ADDRESS, ADDR)]


def test_chinese_ticket_without_spaces() -> None:
    text = f"您好，我的充值哈希是{TX}，链接：https://bscscan.com/tx/{TX2}。充值地址：{ADDR}，谢谢！"
    assert identify(text) == [deposit(TX), deposit(TX2, "bsc"), Subject(Kind.ADDRESS, ADDR)]


def test_ticket_yields_each_item_once_in_order_of_appearance() -> None:
    text = (
        f"Hi, I sent 300 USDT to {ADDR} yesterday (link: https://etherscan.io/tx/{TX2}), "
        f"and before that {TX}. Again the address: {ADDR.lower()}. Tx: {TX}!"
    )
    assert identify(text) == [Subject(Kind.ADDRESS, ADDR), deposit(TX2, "ethereum"), deposit(TX)]


def test_hash_inside_a_link_is_not_counted_twice() -> None:
    assert identify(f"https://etherscan.io/tx/{TX}") == [deposit(TX, "ethereum")]


def test_text_with_nothing_recognisable() -> None:
    assert identify("my money is gone, please help!!!") == []
    assert identify("") == []


# --- never raises ----------------------------------------------------------------------------------

_alphabet = st.sampled_from(list("0123456789abcdefxABCDEFX /:.#?%[]()<>\"'`，。 \n\t\x1b\u202e") + [TX, ADDR])
_ticket = st.one_of(
    st.text(),
    st.lists(_alphabet, max_size=40).map("".join),
    st.builds(lambda a, b, c: f"{a}https://{b}/tx/{c}", st.text(max_size=10),
              st.sampled_from(["etherscan.io", "www.bscscan.com", "tronscan.org/#", "[::1", "h:99999", ""]),
              st.text(max_size=70)),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_ticket)
def test_identify_never_raises(text: str) -> None:
    items = identify(text)
    assert all(isinstance(i, Subject | Unrecognised) for i in items)
    for i in items:
        assert i.input  # every item names what it was made from


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_ticket)
def test_parse_tx_returns_or_raises_input_error(text: str) -> None:
    try:
        tx, chain = parse_tx(text)
    except InputError as e:
        assert e.message
        return
    assert tx_families(tx), tx  # what comes back is a transaction id of some family


def test_cli_deposit_rejects_an_address(cli: Any) -> None:
    r = cli("deposit", ADDR)
    assert r.code == 2 and r.out == "" and "Traceback" not in r.err
    (line,) = r.err.splitlines()
    assert "address (40 hex digits), not a transaction hash" in line
    assert "0x followed by 64 hex digits" in line


@pytest.mark.parametrize("tx", [TX[:-1], TX + "0", "0x" + "g" * 64])
def test_cli_deposit_rejects_malformed_hashes(cli: Any, tx: str) -> None:
    r = cli("deposit", tx)
    assert r.code == 2 and r.out == ""
    (line,) = r.err.splitlines()
    assert line.startswith("supportctl: error: malformed transaction hash")
