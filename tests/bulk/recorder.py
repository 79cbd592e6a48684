"""A loopback proxy in front of a real anvil node that records what reaches it: each request's arrival time and
the JSON-RPC calls in it (a batch of 40 is 40). Tests read the most requests and calls seen in any one second."""

from __future__ import annotations

import http.client
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256

    def handle_error(self, request: object, client_address: object) -> None:
        pass


class Recorder:
    def __init__(self, upstream: str) -> None:
        target = urlsplit(upstream)
        self.arrivals: list[tuple[float, int, list[str]]] = []  # (monotonic time, calls, their methods)
        self._lock = threading.Lock()
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True

            def do_POST(self) -> None:  # noqa: N802 - the http.server API
                arrived = time.monotonic()
                body = self.rfile.read(int(self.headers.get("content-length", 0)))
                payload = json.loads(body)
                calls = payload if isinstance(payload, list) else [payload]
                with recorder._lock:
                    recorder.arrivals.append((arrived, len(calls), [c["method"] for c in calls]))
                conn = http.client.HTTPConnection(target.hostname or "127.0.0.1", target.port, timeout=30)
                conn.request("POST", target.path or "/", body, {"content-type": "application/json"})
                data = conn.getresponse().read()
                conn.close()
                self.send_response(200)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: object) -> None:
                pass

        self._server = _Server(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> Recorder:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    @property
    def requests(self) -> int:
        return len(self.arrivals)

    @property
    def calls(self) -> int:
        return sum(n for _, n, _ in self.arrivals)

    def most_in_a_second(self, *, calls: bool = False) -> int:
        """The most requests (or calls) that arrived within any window of one second."""
        seen = sorted((t, n if calls else 1) for t, n, _ in self.arrivals)
        best = inside = j = 0
        for t, n in seen:
            inside += n
            while t - seen[j][0] >= 1.0:
                inside -= seen[j][1]
                j += 1
            best = max(best, inside)
        return best
