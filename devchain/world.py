"""A seeded local world for tests, ``make demo`` and benchmarks: two anvil chains (ids 1 and 56, so they
stand for Ethereum and BNB Smart Chain), the venue's USDT, a fake "USDT", a batch-payout contract, and a
config file that points supportctl at them.

The venue's rules in this world: USDT on Ethereum, 6 decimals, minimum 10, 12 confirmations; ETH minimum
0.01; USDT on BSC (18 decimals) with 15 confirmations.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from devchain.anvil import Anvil, Token, deploy_payout, deploy_token, payout

USDT = 10**6  # one USDT in units (6 decimals)
ETH = 10**18


@dataclass
class World:
    eth: Anvil
    bsc: Anvil
    usdt: Token  # the venue's USDT on "ethereum"
    fake_usdt: Token  # a token that calls itself USDT from another contract
    bsc_usdt: Token
    payout_contract: str
    customer: str  # the customer's own wallet (the sender)
    deposit_address: str  # the customer's deposit address at the venue
    stranger: str  # somebody else's address
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def lookalike_address(self) -> str:
        """Same first 6 and last 4 hex digits as the deposit address, a different middle (address poisoning)."""
        d = self.deposit_address.lower()
        middle = "".join("0" if c != "0" else "1" for c in d[8:-4])
        return d[:8] + middle + d[-4:]

    def config_toml(self, *, max_tip_age: float = 86400, extra: str = "", eth_url: str | None = None,
                    eth_extra: str = "") -> str:
        """The venue's config for this world. ``eth_url``: Ethereum asked there instead of its anvil (a proxy in
        front of it: latency, a recorder, TLS); ``eth_extra``: more of Ethereum's settings (``rate_limit = 5``)."""
        return f"""\
defaults = false

[chains.ethereum]
rpc = ["{eth_url or self.eth.url}"]{eth_extra}
confirmations = 12
max_tip_age = {max_tip_age}
timeout = 5

[chains.bsc]
rpc = ["{self.bsc.url}"]
confirmations = 15
max_tip_age = {max_tip_age}
timeout = 5

[[assets]]
currency = "USDT"
chain = "ethereum"
contract = "{self.usdt.address}"
decimals = 6
min_deposit = "10"
confirmations = 12

[[assets]]
currency = "ETH"
chain = "ethereum"
decimals = 18
min_deposit = "0.01"

[[assets]]
currency = "USDT"
chain = "bsc"
contract = "{self.bsc_usdt.address}"
decimals = 18
min_deposit = "10"

[[assets]]
currency = "BNB"
chain = "bsc"
decimals = 18
min_deposit = "0.01"
{extra}"""

    def write_config(self, path: Path, **kw: object) -> Path:
        path.write_text(self.config_toml(**kw), encoding="utf-8")  # type: ignore[arg-type]
        return path


@contextmanager
def world() -> Iterator[World]:
    with Anvil(chain_id=1) as eth, Anvil(chain_id=56) as bsc:
        accounts = eth.rpc.accounts()
        deployer, customer = accounts[0], accounts[1]
        usdt = deploy_token(eth.rpc, deployer, "Tether USD", "USDT", 6)
        fake = deploy_token(eth.rpc, accounts[2], "Tether USD", "USDT", 6)
        bsc_usdt = deploy_token(bsc.rpc, bsc.rpc.accounts()[0], "Binance-Peg BSC-USD", "USDT", 18)
        payout_contract = deploy_payout(eth.rpc, deployer)
        for token in (usdt, fake):
            token.mint(customer, 1_000_000 * USDT)
        bsc_usdt.mint(bsc.rpc.accounts()[1], 1_000_000 * 10**18)
        usdt.mint(deployer, 1_000_000 * USDT)
        yield World(
            eth=eth, bsc=bsc, usdt=usdt, fake_usdt=fake, bsc_usdt=bsc_usdt, payout_contract=payout_contract,
            customer=customer, deposit_address=accounts[5], stranger=accounts[6],
        )


__all__ = ["ETH", "USDT", "World", "payout", "world"]
