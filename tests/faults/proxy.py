"""A fault-injecting JSON-RPC proxy in front of a real anvil node (tests only; loopback only).

``FaultProxy(upstream, fault, when=...)`` forwards every POST to ``upstream`` except the requests ``when``
picks (by their 0-based number at this proxy), which get ``fault`` instead:

- ``"429"``: HTTP 429 with ``Retry-After: <retry_after>`` (30 s by default);
- ``"500"``: HTTP 500 with a text body;
- ``"truncated"``: HTTP 200 with the node's real answer cut in half (a complete HTTP response whose JSON
  ends mid-value, as a crashing gateway sends);
- ``"hang"``: the request is read and never answered (until the proxy stops);
- ``"lagging"``: a node 1,000 blocks behind, consistently: ``latest`` (and ``eth_blockNumber``) is the
  real tip − ``lag``; a block above it is ``null``; a transaction or receipt mined above it is ``null``
  (the node has not seen it yet); ``eth_call`` on ``latest`` runs on the lagging tip. Everything else is the
  real node's answer, so its transactions, receipts and blocks match the height it claims.

Requests are counted (``requests``) so tests can say how many each endpoint saw.
"""

from __future__ import annotations

import http.client
import itertools
import json
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

FAULTS = ("429", "500", "truncated", "hang", "lagging")
_TAGS = ("latest", "pending", "safe", "finalized")


def always(n: int) -> bool:
    return True


def two_of_four(n: int) -> bool:
    """Requests 1 and 2 of every 4 fail: half the traffic, never more than two in a row."""
    return n % 4 in (1, 2)


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that gave up on a hung or faulty answer closed its end: expected here


class FaultProxy:
    def __init__(self, upstream: str, fault: str | None, *, when: Callable[[int], bool] = always,
                 retry_after: str = "30", lag: int = 1000) -> None:
        if fault is not None and fault not in FAULTS:
            raise ValueError(f"unknown fault {fault!r}")
        target = urlsplit(upstream)
        self.host, self.port = target.hostname or "127.0.0.1", target.port or 80
        self.fault, self.when, self.retry_after, self.lag = fault, when, retry_after, lag
        self.requests = 0
        self.faulted = 0
        self._count = itertools.count()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:  # noqa: N802 - the http.server API
                body = self.rfile.read(int(self.headers.get("content-length", 0)))
                with proxy._lock:
                    n = next(proxy._count)
                    proxy.requests += 1
                fault = proxy.fault if proxy.fault is not None and proxy.when(n) else None
                if fault is not None and fault != "lagging":
                    with proxy._lock:
                        proxy.faulted += 1
                if fault == "hang":
                    proxy._stop.wait(120)
                    self.close_connection = True
                    return
                if fault == "429":
                    self._answer(429, b'{"error":"rate limited"}', {"retry-after": proxy.retry_after})
                    return
                if fault == "500":
                    self._answer(500, b"Internal Server Error", {"content-type": "text/plain"})
                    return
                if fault == "lagging":
                    data = json.dumps(proxy._lagging(json.loads(body))).encode()
                else:
                    data = proxy._forward(body)
                if fault == "truncated":
                    data = data[: len(data) // 2]
                self._answer(200, data, {})

            def _answer(self, status: int, data: bytes, headers: dict[str, str]) -> None:
                self.send_response(status)
                self.send_header("content-type", headers.pop("content-type", "application/json"))
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: object) -> None:
                pass

        self._server = _QuietServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> FaultProxy:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._server.shutdown()
        self._server.server_close()

    # -- upstream -----------------------------------------------------------------------------------------

    def _forward(self, body: bytes) -> bytes:
        conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
        try:
            conn.request("POST", "/", body, {"content-type": "application/json"})
            return conn.getresponse().read()
        finally:
            conn.close()

    def _rpc(self, calls: list[dict[str, Any]]) -> dict[Any, dict[str, Any]]:
        if not calls:
            return {}
        answers = json.loads(self._forward(json.dumps(calls).encode()))
        return {a["id"]: a for a in answers}

    def _lagging(self, request: Any) -> Any:
        single = isinstance(request, dict)
        calls: list[dict[str, Any]] = [request] if single else list(request)
        (tip_answer,) = self._rpc([{"jsonrpc": "2.0", "id": "tip", "method": "eth_blockNumber", "params": []}]).values()
        lagged = max(0, int(tip_answer["result"], 16) - self.lag)
        local: dict[Any, Any] = {}
        forward: list[dict[str, Any]] = []
        for call in calls:
            method, params = call.get("method"), list(call.get("params") or [])
            if method == "eth_blockNumber":
                local[call["id"]] = hex(lagged)
                continue
            if method == "eth_getBlockByNumber" and params:
                tag = params[0]
                if tag in _TAGS:
                    params[0] = hex(lagged)
                elif isinstance(tag, str) and tag.startswith("0x") and int(tag, 16) > lagged:
                    local[call["id"]] = None
                    continue
            if method in ("eth_call", "eth_getBalance", "eth_getCode", "eth_getTransactionCount") and params and (
                    params[-1] in _TAGS):
                params[-1] = hex(lagged)
            forward.append({**call, "params": params})
        answers = self._rpc(forward)
        out = []
        for call in calls:
            if call["id"] in local:
                out.append({"jsonrpc": "2.0", "id": call["id"], "result": local[call["id"]]})
                continue
            answer = dict(answers[call["id"]])
            result = answer.get("result")
            if call.get("method") in ("eth_getTransactionByHash", "eth_getTransactionReceipt") and isinstance(
                    result, dict) and result.get("blockNumber") and int(result["blockNumber"], 16) > lagged:
                answer["result"] = None  # mined above the height this node has reached: not seen yet
            out.append(answer)
        return out[0] if single else out
