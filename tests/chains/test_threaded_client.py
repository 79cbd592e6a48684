"""The client of short runs (chains/http.py ``ThreadedClient``): each request on a thread of its own, awaited from
the event loop. What a user would notice if it went wrong: a lookup that cannot be stopped, a failure that
vanishes, a proxy from the environment ignored — each tried on a real socket, a real node (anvil) or a real
forwarding proxy."""

from __future__ import annotations

import asyncio
import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from bench.latency_proxy import LatencyProxy
from supportctl.chains import trust
from supportctl.chains.http import ThreadedClient

BLOCK_NUMBER = {"jsonrpc": "2.0", "id": 1, "method": "eth_blockNumber", "params": []}


@pytest.fixture
def silent_node() -> Iterator[str]:
    """A node that accepts connections and never answers."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.1)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}/"
    stop.set()
    thread.join()
    for conn in held:
        conn.close()
    server.close()


def test_a_lookup_that_waits_on_a_silent_node_stops_when_asked(silent_node: str) -> None:
    async def go() -> tuple[float, float]:
        client = ThreadedClient()
        start = time.monotonic()
        with pytest.raises(TimeoutError):  # Ctrl-C, or a deadline elsewhere, cancels the awaiting lookup
            await asyncio.wait_for(client.request("POST", silent_node, json=BLOCK_NUMBER, headers={}, timeout=30),
                                   0.3)
        stopped = time.monotonic() - start
        start = time.monotonic()
        await client.aclose()  # the thread still waiting on the socket does not hold the run
        return stopped, time.monotonic() - start

    start = time.monotonic()
    stopped, closed = asyncio.run(go())
    assert stopped < 1 and closed < 1 and time.monotonic() - start < 2  # not the request's 30 s timeout


def test_a_failure_on_the_thread_reaches_the_lookup_as_httpx_raised_it() -> None:
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    url = f"http://127.0.0.1:{closed.getsockname()[1]}/"  # bound, not listening: connection refused
    try:
        async def go() -> None:
            client = ThreadedClient()
            try:
                await client.request("POST", url, json=BLOCK_NUMBER, headers={}, timeout=5)
            finally:
                await client.aclose()

        with pytest.raises(httpx.ConnectError):  # HttpSource names it: "… unreachable (ConnectError)"
            asyncio.run(go())
    finally:
        closed.close()


@pytest.fixture
def no_proxy_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy", "NO_PROXY",
                 "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    trust.reset()


def test_a_proxy_set_in_the_environment_carries_the_lookups(cli: Any, chain_world: Any, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch,
                                                            no_proxy_env: None) -> None:
    """HTTP_PROXY, as behind a corporate proxy: the node's own URL is not reachable from here (nothing listens on
    port 9), only through the proxy, which forwards to the node."""
    tx = chain_world.eth.rpc.send_tx(chain_world.customer, chain_world.deposit_address, value=10**18)
    chain_world.eth.rpc.mine(15)
    config = chain_world.write_config(tmp_path / "behind-proxy.toml", eth_url="http://127.0.0.1:9")
    with LatencyProxy(chain_world.eth.url) as proxy:
        monkeypatch.setenv("HTTP_PROXY", proxy.url)
        result = cli("--config", str(config), "-f", "json", "deposit", tx, "--chain", "ethereum", "--to",
                     chain_world.deposit_address)
        assert json.loads(result.out)["verdict"] == "confirmed", result.err
        assert proxy.requests >= 1  # every request went through it
    assert trust.loaded()  # a proxy may be reached over TLS: the certificates were loaded for it
    trust.reset()
