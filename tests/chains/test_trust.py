"""TLS to a node: the certificates are loaded only when an https endpoint is asked (chains/trust.py), honour
SSL_CERT_FILE as httpx does, and every way it can fail is one clear line — through the real command line, against
a real node (anvil) behind a real TLS proxy with a certificate from a test CA (trustme)."""

from __future__ import annotations

import json
import ssl
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import trustme

from bench.latency_proxy import LatencyProxy
from supportctl.chains import trust


@pytest.fixture(autouse=True)
def fresh_trust() -> Iterator[None]:
    trust.reset()  # the run's one context: each test starts as a new run does
    yield
    trust.reset()


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
def tls_node(chain_world: Any, ca: trustme.CA) -> Iterator[LatencyProxy]:
    server = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(server)
    with LatencyProxy(chain_world.eth.url, tls=server) as proxy:
        yield proxy


def https_config(chain_world: Any, tmp_path: Path, url: str) -> str:
    return str(chain_world.write_config(tmp_path / "tls.toml", eth_url=url))


def deposit(cli: Any, chain_world: Any, config: str) -> Any:
    tx = chain_world.eth.rpc.send_tx(chain_world.customer, chain_world.deposit_address, value=10**18)
    chain_world.eth.rpc.mine(15)
    return cli("--config", config, "-f", "json", "deposit", tx, "--chain", "ethereum", "--to",
               chain_world.deposit_address)


def test_a_node_on_plain_http_never_loads_certificates(cli: Any, chain_world: Any) -> None:
    result = deposit(cli, chain_world, chain_world.extra["config"])
    assert json.loads(result.out)["verdict"] == "confirmed"
    assert not trust.loaded()


def test_an_https_node_is_checked_against_ssl_cert_file(cli: Any, chain_world: Any, tls_node: LatencyProxy,
                                                        ca: trustme.CA, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    bundle = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(bundle))
    monkeypatch.setenv("SSL_CERT_FILE", str(bundle))
    result = deposit(cli, chain_world, https_config(chain_world, tmp_path, tls_node.url))
    assert result.code == 0, result.err
    answer = json.loads(result.out)
    assert answer["verdict"] == "confirmed"
    assert answer["facts"]["source"] == tls_node.url  # asked over TLS, through the proxy
    assert trust.loaded() and trust.context().cert_store_stats()["x509_ca"] == 1  # that file's one CA, no more


def test_a_certificate_not_trusted_here_is_named_not_called_unreachable(cli: Any, chain_world: Any,
                                                                        tls_node: LatencyProxy, tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)  # certifi's bundle: the test CA is not in it
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    result = deposit(cli, chain_world, https_config(chain_world, tmp_path, tls_node.url))
    answer = json.loads(result.out)
    assert result.code == 3 and answer["verdict"] == "unknown"  # never a guess about the deposit
    text = json.dumps(answer["findings"])
    assert "TLS certificate is not trusted" in text and "SSL_CERT_FILE" in text
    assert "unreachable" not in text
    assert trust.context().cert_store_stats()["x509_ca"] > 100  # certifi's bundle was what it was checked against


def test_an_unreadable_ssl_cert_file_is_one_line(cli: Any, chain_world: Any, tls_node: LatencyProxy,
                                                 tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(tmp_path / "missing.pem"))
    result = deposit(cli, chain_world, https_config(chain_world, tmp_path, tls_node.url))
    assert result.code == 2 and result.out == ""
    lines = result.err.strip().splitlines()
    assert "Traceback" not in result.err
    assert "SSL_CERT_FILE" in lines[0] and "missing.pem" in lines[0] and "No such file" in lines[0]


@pytest.mark.parametrize(("urls", "proxy", "needed"), [
    (["http://10.0.0.5:8545"], None, False),  # the venue's own node, on its own network
    (["http://10.0.0.5:8545", "https://rpc.ankr.com/eth"], None, True),
    (["${ETH_RPC_URL}"], None, True),  # may be https once filled in
    (["HTTPS://rpc.example"], None, True),
    (["http://10.0.0.5:8545"], "http://proxy.corp:3128", True),  # a proxy may be reached over TLS
    ([], None, False),
])
def test_certificates_are_needed_for_https_or_a_proxy(urls: list[str], proxy: str | None, needed: bool,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    if proxy:
        monkeypatch.setenv("https_proxy", proxy)
    assert trust.needed(urls) is needed
