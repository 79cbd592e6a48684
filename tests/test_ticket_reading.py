"""How a ticket is read (``engine/ticket.py``): the role the words give each item, the claims with the words
they came from, numbers as each language writes them, IDs near their words, and what is reported. Pure: no
chain is asked."""

from __future__ import annotations

from decimal import Decimal

import pytest

from supportctl.core.model import Claim, Kind, Lang, Subject
from supportctl.engine.ticket import _decimal, read, reads_as_words, subjects

DEPOSIT = "0x52908400098527886E0F7030069857D2E4169EE7"  # EIP-55's examples
WALLET = "0xde709f2102306220921060314715629080e2fb77"
OTHER = "0x27b1fdb04752bbc536007a920d24acb045561c26"
TX = "0x" + "5c" * 32
TRON_TO = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"  # Tether's USDT contract on Tron, as a well-formed T-address
SOL_SIG = "5VERv8NMvzbJMEkV8xnrLkEaWRtSz9CosKDYjCJjBRnbJLgp8uirBgmQpjKhoR4tjF3ZpRzrFmBV6UjKdiSZkQUW"
SOL_WALLET = "7EYnhQoR9YM3N7UoaKRoA44Uy8JeaZV3qyouov87awMs"
CHAINS = ["ethereum", "bsc", "tron", "solana", "bitcoin", "xrp"]


def claims(text: str, lang: Lang = Lang.EN) -> set[tuple[str, str]]:
    return {(c.name, c.value) for c in read(text, lang).claims}


def roles(text: str, lang: Lang = Lang.EN) -> list[tuple[str, str, str]]:
    return [(f.role, str(f.item.kind), f.item.input) for f in read(text, lang).items]


@pytest.mark.parametrize(("written", "lang", "value"), [
    ("1,000.50", Lang.EN, "1000.50"), ("1.000,50", Lang.ES, "1000.50"), ("0,5", Lang.RU, "0.5"),
    ("1.500", Lang.ES, "1500"), ("1.500", Lang.EN, "1.500"), ("1,500", Lang.EN, "1500"), ("1,500", Lang.PT_BR, "1.500"),
    ("1 500", Lang.RU, "1500"), ("0.500", Lang.ID, "0.500"), ("1,234,567", Lang.EN, "1234567"), ("800", Lang.ZH, "800"),
])
def test_numbers_as_each_language_writes_them(written: str, lang: Lang, value: str) -> None:
    assert _decimal(written, lang) == Decimal(value)


@pytest.mark.parametrize(("text", "lang", "wanted"), [
    ("I sent 800 USDT on ERC20", Lang.EN, {("amount", "800"), ("currency", "USDT"), ("chain", "ethereum")}),
    ("我用波场转了800u", Lang.ZH, {("amount", "800"), ("currency", "USDT"), ("chain", "tron")}),
    ("用币安智能链转了 1,000 USDT，备注 12345", Lang.ZH,
     {("chain", "bsc"), ("amount", "1000"), ("memo", "12345")}),
    ("envié 0,5 ETH por la red Arbitrum ayer", Lang.ES, {("amount", "0.5"), ("currency", "ETH"),
                                                        ("chain", "arbitrum"), ("time", "ayer")}),
    ("перевёл 1 500 USDT через TRC20 2 часа назад", Lang.RU, {("amount", "1500"), ("chain", "tron"),
                                                             ("time", "2 часа назад")}),
    ("XRP gönderdim, etiket: 998877", Lang.TR, {("memo", "998877")}),
    ("트론 네트워크로 100 USDT 보냈어요 메모 4455", Lang.KO, {("chain", "tron"), ("amount", "100"), ("memo", "4455")}),
    ("saya kirim 50 USDT lewat BEP20 kemarin", Lang.ID, {("chain", "bsc"), ("time", "kemarin")}),
    ("tôi đã nạp 200 USDT qua mạng Solana hôm qua", Lang.VI, {("chain", "solana"), ("time", "hôm qua")}),
    ("order no. 12345678 on BTC/USDT", Lang.EN, {("symbol", "BTC/USDT")}),
])
def test_claims_from_the_customers_words(text: str, lang: Lang, wanted: set[tuple[str, str]]) -> None:
    assert wanted <= claims(text, lang)


def test_each_claim_keeps_the_words_it_came_from() -> None:
    reading = read("I sent 800u on 波场")
    assert Claim("amount", "800", "800u") in reading.claims and Claim("chain", "tron", "波场") in reading.claims


@pytest.mark.parametrize("text", [
    "a base58 word like ERC20/BNB is not a market", "5 op was fine", "the token symbol lives in 0xabc", "I have 2 kids",
])
def test_words_that_are_not_claims(text: str) -> None:
    found = claims(text)
    assert ("symbol", "ERC20/BNB") not in found and not any(name == "amount" for name, _ in found)


def test_the_customers_wallet_and_the_deposit_address_are_claims_of_the_transaction() -> None:
    # the ticket names both: the deposit is judged at the deposit address, never `unknown` for want of --to
    text = f"I sent from my wallet {WALLET} to my deposit address {DEPOSIT}, tx {TX}"
    reading = read(text)
    assert [(f.role, f.item.input) for f in reading.items] == [("deposit", TX)]
    ((_, subject),) = subjects(reading, CHAINS)
    assert isinstance(subject, Subject) and (subject.to, subject.sender) == (DEPOSIT, WALLET)


def test_where_they_sent_it_is_the_deposit_address_unless_they_name_that_apart() -> None:
    ((_, alone),) = subjects(read(f"I sent USDT from my wallet to {OTHER}, tx {TX}"), CHAINS)
    assert isinstance(alone, Subject) and alone.to == OTHER
    reading = read(f"I sent 150 USDT by mistake to {OTHER} instead of my deposit address {DEPOSIT}, tx {TX}")
    ((_, subject),) = subjects(reading, CHAINS)
    assert isinstance(subject, Subject) and subject.to == DEPOSIT  # judged at their deposit address: wrong_address
    assert Claim("sent_to", OTHER, "to") in reading.claims


def test_a_lone_address_beside_a_hash_is_its_deposit_address_and_two_are_not_guessed() -> None:
    ((_, one),) = subjects(read(f"{TX} {DEPOSIT}"), CHAINS)
    assert isinstance(one, Subject) and one.to == DEPOSIT
    two = subjects(read(f"{TX} {DEPOSIT} {OTHER}"), CHAINS)
    assert [s.kind for _, s in two if isinstance(s, Subject)] == [Kind.DEPOSIT, Kind.ADDRESS, Kind.ADDRESS]
    assert two[0][1].to is None  # type: ignore[union-attr]


@pytest.mark.parametrize(("text", "lang", "role"), [
    (f"the support agent told me to send to {DEPOSIT}", Lang.EN, "given_by_someone"),
    (f"客服让我转到这个地址 {DEPOSIT}", Lang.ZH, "given_by_someone"),
    (f"me pidieron que enviara a {DEPOSIT}", Lang.ES, "given_by_someone"),
    (f"can I send to this address {DEPOSIT}?", Lang.EN, "question"),
    (f"{DEPOSIT} — is this address correct?", Lang.EN, "question"),
    (f"мой кошелек {DEPOSIT}", Lang.RU, "own_wallet"),
    (f"입금 주소 {DEPOSIT}", Lang.KO, "deposit_address"),
    (f"I deposited USDT from my wallet to {DEPOSIT} but nothing arrived", Lang.EN, "sent_to"),
    (f"can I send to {DEPOSIT}?", Lang.EN, "question"),
    (f"I withdrew to my wallet {DEPOSIT}", Lang.EN, "own_wallet"),
])
def test_the_words_around_an_address_give_its_role(text: str, lang: Lang, role: str) -> None:
    assert [r for r, _, _ in roles(text, lang)] == [role]


def test_a_hash_in_a_withdrawal_ticket_is_the_withdrawal() -> None:
    text = f"My withdrawal of 2 SOL never arrived in my wallet {SOL_WALLET}. Signature: {SOL_SIG}"
    ((found, subject),) = subjects(read(text), CHAINS)
    assert found.role == "withdrawal" and isinstance(subject, Subject)
    assert (subject.kind, subject.to, subject.currency) == (Kind.WITHDRAWAL, SOL_WALLET, "SOL")


def test_withdrawn_elsewhere_and_deposited_here_is_a_deposit() -> None:
    text = f"I withdrew 500 USDT from Binance to deposit here, not credited. TxID {TX}"
    assert roles(text) == [("deposit", "deposit", TX)]


@pytest.mark.parametrize(("text", "kind", "value"), [
    ("Withdrawal ID: 88272615 still pending", Kind.WITHDRAWAL, "88272615"),
    ("提现ID：2391029384 一直没到", Kind.WITHDRAWAL, "2391029384"),
    ("order no. 12345678 did not fill", Kind.ORDER, "12345678"),
    ("número de orden 99887766", Kind.ORDER, "99887766"),
])
def test_ids_next_to_their_words(text: str, kind: Kind, value: str) -> None:
    ((found, subject),) = subjects(read(text), CHAINS)
    assert isinstance(subject, Subject) and (subject.kind, subject.input) == (kind, value)


def test_links_and_phone_numbers_are_reported_never_items() -> None:
    text = f"they sent me https://binance-verify.example/login and +1 (555) 123-4567, tx https://etherscan.io/tx/{TX}"
    reading = read(text)
    assert reading.reported == ("https://binance-verify.example/login", "+1 (555) 123-4567")
    assert [f.item.input for f in reading.items] == [TX]


def test_the_agents_to_is_the_deposit_address() -> None:
    ((_, subject),) = subjects(read(f"where is {TX}?", to=DEPOSIT), CHAINS)
    assert isinstance(subject, Subject) and subject.to == DEPOSIT


def test_a_tron_network_word_beside_a_tron_transaction() -> None:
    tron_tx = "3f7e5c2b0b8a0a4c7b0d9a6f0a7d5b7a3c2e1f0d9c8b7a6f5e4d3c2b1a0f9e8d"
    ((_, subject),) = subjects(read(f"我用波场转了800u到充值地址 {TRON_TO}，哈希 {tron_tx}", Lang.ZH), CHAINS)
    assert isinstance(subject, Subject)
    assert (subject.chain, subject.to, subject.amount, subject.currency) == ("tron", TRON_TO, "800", "USDT")


def test_a_dump_of_thousands_of_hashes_gives_roles_to_the_first_only(monkeypatch: pytest.MonkeyPatch) -> None:
    # the role of each item reads the words around it: only the first ``limit`` pay that (the time of the whole
    # read is held by tests/fuzz/test_regressions.py test_15, through the command line)
    from supportctl.engine import ticket

    calls: list[object] = []
    real = ticket._with_role
    monkeypatch.setattr(ticket, "_with_role", lambda *a: calls.append(a) or real(*a))
    reading = read(" ".join(f"0x{i:064x}" for i in range(1, 10_001)), limit=40)
    assert reading.total == 10_000 and len(reading.items) == 40 and len(calls) == 40


@pytest.mark.parametrize(("text", "words"), [
    ("hello", False), ("0x1234", False), ("my deposit never arrived", True), ("我的充值没到账", True),
])
def test_what_reads_as_a_customers_words(text: str, words: bool) -> None:
    assert reads_as_words(text) is words
