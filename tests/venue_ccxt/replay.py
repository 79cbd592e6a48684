"""A tiny HTTP server on 127.0.0.1 that answers with recorded responses, for ccxt's real HTTP path.

    with ReplayServer() as server:
        server.add("GET", "/api/v3/exchangeInfo", {"symbols": [...]})
        server.add("GET", "/api/v3/order", body, query={"orderId": "3397148653"})
        venue = CcxtVenue("binance", api_url=server.url)
        ...
        assert server.count("/api/v3/exchangeInfo") == 1
        assert not server.unmatched, server.unmatched

Routes match on method, path and an optional query matcher (a dict of parameters that must be present with
those values, or a callable on the parsed query). The route added last wins, so a test can override a default.
An unmatched request gets a 404 with a body that says so, and is recorded in ``unmatched`` so a test can see
exactly what ccxt asked for. Every request is recorded (method, path, query, headers, body) for assertions;
the server never prints them (headers carry API keys).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

QueryMatcher = Mapping[str, str] | Callable[[dict[str, str]], bool] | None


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    query: dict[str, str]  # the last value of each parameter
    headers: dict[str, str]  # names lower-cased
    body: bytes

    def __repr__(self) -> str:  # never show header values: they hold API keys
        return f"Request({self.method} {self.path} query-keys={sorted(self.query)})"


@dataclass
class Route:
    method: str
    path: str
    query: QueryMatcher
    status: int
    body: Any  # JSON-able, or str/bytes sent as is
    headers: dict[str, str] = field(default_factory=dict)

    def matches(self, method: str, path: str, query: dict[str, str]) -> bool:
        if method != self.method or path != self.path:
            return False
        if self.query is None:
            return True
        if callable(self.query):
            return bool(self.query(query))
        return all(query.get(k) == v for k, v in self.query.items())


class ReplayServer:
    def __init__(self) -> None:
        self.routes: list[Route] = []
        self.requests: list[Request] = []
        self.unmatched: list[Request] = []
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # ---------------------------------------------------------------------------------------- set-up

    def add(
        self,
        method: str,
        path: str,
        body: Any,
        *,
        status: int = 200,
        query: QueryMatcher = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        with self._lock:
            self.routes.append(Route(method.upper(), path, query, status, body, dict(headers or {})))

    @property
    def url(self) -> str:
        assert self._server is not None, "the server is not running"
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    # ---------------------------------------------------------------------------------------- queries

    def count(self, path: str | None = None, method: str | None = None) -> int:
        with self._lock:
            return sum(
                1
                for r in self.requests
                if (path is None or r.path == path) and (method is None or r.method == method.upper())
            )

    def paths(self) -> list[str]:
        with self._lock:
            return [f"{r.method} {r.path}" for r in self.requests]

    def reset(self) -> None:
        with self._lock:
            self.requests.clear()
            self.unmatched.clear()

    # ------------------------------------------------------------------------------------- lifecycle

    def __enter__(self) -> ReplayServer:
        replay = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _handle(self) -> None:
                parts = urlsplit(self.path)
                query = {k: v[-1] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                request = Request(
                    self.command, parts.path, query, {k.lower(): v for k, v in self.headers.items()}, body
                )
                with replay._lock:
                    replay.requests.append(request)
                    route = next(
                        (r for r in reversed(replay.routes) if r.matches(self.command, parts.path, query)), None
                    )
                    if route is None:
                        replay.unmatched.append(request)
                if route is None:
                    status, payload, headers = (
                        404,
                        {"replay": "no recorded response for this request", "method": self.command,
                         "path": parts.path, "query_keys": sorted(query)},
                        {},
                    )  # fmt: skip
                else:
                    status, payload, headers = route.status, route.body, route.headers
                if isinstance(payload, bytes):
                    data = payload
                elif isinstance(payload, str):
                    data = payload.encode()
                else:
                    data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", headers.get("Content-Type", "application/json"))
                for k, v in headers.items():
                    if k != "Content-Type":
                        self.send_header(k, v)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_PUT = do_DELETE = _handle  # noqa: N815

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 -- silence: URLs carry signatures
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.02,), name="replay", daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = None
        self._thread = None
