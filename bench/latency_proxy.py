"""A loopback HTTP proxy that adds a fixed latency to every request and counts what it sees: HTTP requests and
the JSON-RPC calls in them (a batch of 40 is 40), with their arrival times (bench/bulk.py; with no delay, the
recorder of tests/bulk/test_pace.py).

Only forwards to the one upstream it was given (a local anvil); listens on 127.0.0.1 only. With ``tls`` (an
``ssl.SSLContext`` holding a certificate for 127.0.0.1) it answers over HTTPS: a node as public RPC providers run
them (bench/deposit.py).
"""

from __future__ import annotations

import http.client
import json
import ssl
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 1024  # the default 5 drops connections when a client opens dozens at once

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that hung up (a killed run) is not the proxy's failure


class LatencyProxy:
    def __init__(self, upstream: str, delay: float = 0.0, tls: ssl.SSLContext | None = None) -> None:
        target = urlsplit(upstream)
        self.delay = delay
        self.stamps: list[float] = []  # when each request arrived
        self.calls: list[int] = []  # the JSON-RPC calls in each (same order)
        self._lock = threading.Lock()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body are two writes: Nagle would add a delayed-ACK wait

            def do_POST(self) -> None:  # noqa: N802 - the http.server API
                arrived = time.monotonic()
                body = self.rfile.read(int(self.headers.get("content-length", 0)))
                try:
                    payload = json.loads(body)
                    calls = len(payload) if isinstance(payload, list) else 1
                except ValueError:
                    calls = 1
                with proxy._lock:
                    proxy.stamps.append(arrived)
                    proxy.calls.append(calls)
                time.sleep(proxy.delay)
                conn = http.client.HTTPConnection(target.hostname or "127.0.0.1", target.port, timeout=30)
                conn.request("POST", target.path or "/", body, {"content-type": "application/json"})
                answer = conn.getresponse()
                data = answer.read()
                conn.close()
                self.send_response(answer.status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: object) -> None:
                pass

        self._server = _Server(("127.0.0.1", 0), Handler)
        if tls is not None:
            self._server.socket = tls.wrap_socket(self._server.socket, server_side=True)
        self.url = f"{'https' if tls else 'http'}://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> LatencyProxy:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def reset(self) -> None:
        with self._lock:
            self.stamps.clear()
            self.calls.clear()

    @property
    def requests(self) -> int:
        return len(self.stamps)

    @property
    def total_calls(self) -> int:
        return sum(self.calls)

    def max_per_second(self) -> int:
        """The most requests that arrived within any one-second window."""
        return self._most(lambda _: 1)

    def max_calls_per_second(self) -> int:
        """The most JSON-RPC calls that arrived within any one-second window."""
        return self._most(lambda i: self.calls[i])

    def _most(self, weight: object) -> int:
        order = sorted(range(len(self.stamps)), key=self.stamps.__getitem__)
        best = inside = j = 0
        for i in order:
            inside += weight(i)  # type: ignore[operator]
            while self.stamps[i] - self.stamps[order[j]] >= 1.0:
                inside -= weight(order[j])  # type: ignore[operator]
                j += 1
            best = max(best, inside)
        return best
