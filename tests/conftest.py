"""Shared fixtures. No test may reach the internet: a guard makes any non-loopback connection fail loudly."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex
_real_getaddrinfo = socket.getaddrinfo


def _loopback(host: object) -> bool:
    if not isinstance(host, str):
        return True  # AF_UNIX paths and the like
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class NetworkBlocked(RuntimeError):
    pass


def _guard_connect(self: socket.socket, address: object) -> None:
    host = address[0] if isinstance(address, tuple) else address
    if not _loopback(host):
        raise NetworkBlocked(f"test tried to reach {address!r}: tests never touch the internet")
    return _real_connect(self, address)  # type: ignore[arg-type]


def _guard_connect_ex(self: socket.socket, address: object) -> int:
    host = address[0] if isinstance(address, tuple) else address
    if not _loopback(host):
        raise NetworkBlocked(f"test tried to reach {address!r}: tests never touch the internet")
    return _real_connect_ex(self, address)  # type: ignore[arg-type]


def _guard_getaddrinfo(host: object, *args: object, **kw: object) -> object:
    if isinstance(host, str | bytes) and not _loopback(host.decode() if isinstance(host, bytes) else host):
        raise NetworkBlocked(f"test tried to resolve {host!r}: tests never touch the internet")
    return _real_getaddrinfo(host, *args, **kw)  # type: ignore[arg-type]


@pytest.fixture(autouse=True)
def no_internet(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(socket.socket, "connect", _guard_connect)
    monkeypatch.setattr(socket.socket, "connect_ex", _guard_connect_ex)
    monkeypatch.setattr(socket, "getaddrinfo", _guard_getaddrinfo)
    yield


@pytest.fixture(autouse=True)
def isolated_config(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """No test reads the developer's own config file or environment."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.delenv("SUPPORTCTL_CONFIG", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("_SUPPORTCTL_COMPLETE", raising=False)


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    """Run the real command line in-process: ``cli("deposit", "0x…")`` → Result(code, out, err)."""
    from supportctl.cli import main

    def run(*argv: str) -> Result:
        capsys.readouterr()
        code = main(list(argv))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


@pytest.fixture(scope="session")
def chain_world(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """Two real anvil nodes (chain ids 1 and 56) seeded with the venue's USDT, a fake USDT and a payout
    contract, plus a config file pointing at them (``world.config_path``)."""
    from devchain.world import world

    with world() as w:
        w.extra["config"] = str(w.write_config(tmp_path_factory.mktemp("cfg") / "supportctl.toml"))
        yield w
