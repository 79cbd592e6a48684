"""The chain clients' shared behaviour: Retry-After on 429, the rate limit, coalesced batches, tip answers
that expire in long runs."""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

import httpx
import pytest
import respx

from supportctl.chains.jsonrpc import JsonRpc
from supportctl.chains.rest import NOT_FOUND, Rest
from supportctl.config import ChainConfig
from supportctl.errors import SourceUnavailable
from supportctl.model import ChainKey

URL = "https://rpc.test/"


def chain(**kw: Any) -> ChainConfig:
    base: dict[str, Any] = {"key": ChainKey("ethereum"), "rpc": (URL,), "confirmations": 12, "block_time": 12.0,
                            "max_tip_age": 300.0, "timeout": 5.0}
    return ChainConfig(**(base | kw))


def echo_batch(request: httpx.Request) -> httpx.Response:
    calls = json.loads(request.content)
    return httpx.Response(200, json=[{"jsonrpc": "2.0", "id": c["id"], "result": c["method"]} for c in calls])


async def with_client(fn: Any) -> Any:
    async with httpx.AsyncClient() as client:
        return await fn(client)


def test_retry_after_is_honoured_on_the_last_endpoint() -> None:
    with respx.mock() as mock:
        route = mock.post(URL).mock(side_effect=[
            httpx.Response(429, headers={"Retry-After": "1"}), httpx.Response(429, headers={"Retry-After": "0"}),
            httpx.Response(200, json=[{"jsonrpc": "2.0", "id": 0, "result": "0x1"}]),
        ])

        async def go(client: httpx.AsyncClient) -> Any:
            return await JsonRpc(chain(), client).call("eth_chainId")

        start = time.monotonic()
        assert asyncio.run(with_client(go)) == "0x1"
        assert route.call_count == 3 and time.monotonic() - start >= 1.0  # it waited as the server asked


def test_a_429_moves_on_to_the_next_endpoint_at_once() -> None:
    with respx.mock() as mock:
        first = mock.post("https://a.test/").respond(429, headers={"Retry-After": "30"})
        mock.post("https://b.test/").respond(200, json=[{"jsonrpc": "2.0", "id": 0, "result": "0x1"}])

        async def go(client: httpx.AsyncClient) -> Any:
            return await JsonRpc(chain(rpc=("https://a.test/", "https://b.test/")), client).call("eth_chainId")

        start = time.monotonic()
        assert asyncio.run(with_client(go)) == "0x1"
        assert first.call_count == 1 and time.monotonic() - start < 5


def test_endless_429_becomes_unavailable_not_a_hang() -> None:
    from supportctl.chains import http

    with respx.mock() as mock, pytest.MonkeyPatch.context() as mp:
        mp.setitem(http.RETRY_429, "max_wait", 0.01)
        mock.post(URL).respond(429)

        async def go(client: httpx.AsyncClient) -> Any:
            return await JsonRpc(chain(), client).call("eth_chainId")

        with pytest.raises(SourceUnavailable, match="429"):
            asyncio.run(with_client(go))


def test_rate_limit_spaces_requests() -> None:
    with respx.mock() as mock:
        stamps: list[float] = []

        def answer(request: httpx.Request) -> httpx.Response:
            stamps.append(time.monotonic())
            return httpx.Response(200, json={"ok": True})

        mock.get(url__startswith=URL).mock(side_effect=answer)

        async def go(client: httpx.AsyncClient) -> None:
            rest = Rest(chain(rate_limit=10.0), client)
            await asyncio.gather(*(rest.get(f"/item/{i}") for i in range(6)))

        asyncio.run(with_client(go))
        gaps = [b - a for a, b in zip(stamps, stamps[1:], strict=False)]
        assert len(stamps) == 6 and min(gaps) >= 0.08  # never more than 10 a second


def test_concurrent_lookups_share_one_batch_and_repeat_calls_are_not_sent() -> None:
    with respx.mock() as mock:
        route = mock.post(URL).mock(side_effect=echo_batch)

        async def go(client: httpx.AsyncClient) -> list[Any]:
            rpc = JsonRpc(chain(max_batch=5), client)
            calls = [[("eth_getTransactionByHash", [f"0x{i:064x}"]), ("eth_blockNumber", [])] for i in range(8)]
            return list(await asyncio.gather(*(rpc.batch(c) for c in calls)))

        answers = asyncio.run(with_client(go))
        sent = [len(json.loads(c.request.content)) for c in route.calls]
        assert sorted(sent) == [4, 5]  # 9 distinct calls (eth_blockNumber once), batches of at most 5
        assert all(a == ["eth_getTransactionByHash", "eth_blockNumber"] for a in answers)


def test_tip_answers_expire_in_long_runs_but_transactions_do_not() -> None:
    with respx.mock() as mock:
        route = mock.post(URL).mock(side_effect=echo_batch)

        async def go(client: httpx.AsyncClient) -> None:
            rpc = JsonRpc(chain(), client)
            rpc.tip_ttl = 0.05
            await rpc.batch([("eth_getBlockByNumber", ["latest", False]), ("eth_getTransactionByHash", ["0x1"])])
            await rpc.batch([("eth_getBlockByNumber", ["latest", False]), ("eth_getTransactionByHash", ["0x1"])])
            await asyncio.sleep(0.1)
            await rpc.batch([("eth_getBlockByNumber", ["latest", False]), ("eth_getTransactionByHash", ["0x1"])])

        asyncio.run(with_client(go))
        sent = [[c["method"] for c in json.loads(call.request.content)] for call in route.calls]
        assert sent == [["eth_getBlockByNumber", "eth_getTransactionByHash"], ["eth_getBlockByNumber"]]


def test_rest_404_is_an_answer() -> None:
    with respx.mock() as mock:
        mock.get(URL + "tx/abc").respond(404, text="Transaction not found")

        async def go(client: httpx.AsyncClient) -> Any:
            return await Rest(chain(), client).get("/tx/abc")

        assert asyncio.run(with_client(go)) is NOT_FOUND
