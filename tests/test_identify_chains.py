"""Explorer links of every supported chain name their chain; testnet links are not taken for mainnet."""

from __future__ import annotations

import pytest

from supportctl.core.model import Kind, Subject
from supportctl.engine.identify import Unrecognised, identify

H = "4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b"  # Bitcoin's genesis coinbase txid
SIG = "5VERv8NMvzbJMEkV8xnrLkEaWRtSz9CosKDYjCJjBRnbJLgp8uirBgmQpjKhoR4tjF3ZpRzrFmBV6UjKdiSZkQUW"  # Solana docs


@pytest.mark.parametrize(
    ("url", "chain", "value"),
    [
        (f"https://mempool.space/tx/{H}", "bitcoin", H),
        (f"https://blockstream.info/tx/{H}", "bitcoin", H),
        (f"https://blockchair.com/bitcoin/transaction/{H}", "bitcoin", H),
        (f"https://blockchair.com/litecoin/transaction/{H}", "litecoin", H),
        (f"https://litecoinspace.org/tx/{H}", "litecoin", H),
        (f"https://tronscan.org/#/transaction/{H}", "tron", H),
        (f"https://solscan.io/tx/{SIG}", "solana", SIG),
        (f"https://explorer.solana.com/tx/{SIG}", "solana", SIG),
        (f"https://xrpscan.com/tx/{H.upper()}", "xrp", H.upper()),
        (f"https://livenet.xrpl.org/transactions/{H.upper()}", "xrp", H.upper()),
    ],
)
def test_explorer_links_name_their_chain(url: str, chain: str, value: str) -> None:
    (item,) = identify(f"see {url}.")
    assert isinstance(item, Subject)
    assert (item.kind, item.chain, item.input) == (Kind.DEPOSIT, chain, value)


@pytest.mark.parametrize(
    "url",
    [
        f"https://mempool.space/testnet/tx/{H}",
        f"https://sepolia.etherscan.io/tx/0x{H}",
        f"https://nile.tronscan.org/#/transaction/{H}",
        f"https://explorer.solana.com/tx/{SIG}?cluster=devnet",
    ],
)
def test_testnet_links_are_not_mainnet_deposits(url: str) -> None:
    (item,) = identify(url)
    assert isinstance(item, Unrecognised) and "testnet" in item.reason


def test_bare_hashes_of_each_family() -> None:
    items = identify(f"btc or tron {H} and solana {SIG}")
    assert [(i.kind, i.input) for i in items if isinstance(i, Subject)] == [(Kind.DEPOSIT, H), (Kind.DEPOSIT, SIG)]
