"""A loopback HTTP proxy that adds a fixed latency to every request and counts them (for bench/bulk.py).

Only forwards to the one upstream it was given (a local anvil); listens on 127.0.0.1 only.
"""

from __future__ import annotations

import http.client
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit


class LatencyProxy:
    def __init__(self, upstream: str, delay: float) -> None:
        target = urlsplit(upstream)
        self.delay = delay
        self.stamps: list[float] = []  # when each request arrived
        self._lock = threading.Lock()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:  # noqa: N802 - the http.server API
                with proxy._lock:
                    proxy.stamps.append(time.monotonic())
                body = self.rfile.read(int(self.headers.get("content-length", 0)))
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

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
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

    def max_per_second(self) -> int:
        """The most requests that arrived within any one-second window."""
        s = sorted(self.stamps)
        best, j = 0, 0
        for i in range(len(s)):
            while s[i] - s[j] >= 1.0:
                j += 1
            best = max(best, i - j + 1)
        return best
