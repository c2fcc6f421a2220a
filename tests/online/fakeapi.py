"""A real HTTP server on 127.0.0.1 that plays OpenRouter and OpenAI from fixtures, with faults.

Both services live on one server: OpenRouter under ``/api/v1``, OpenAI under ``/v1``. Each route
holds a queue of ``Reply`` specs; the last one repeats. Every request is recorded (method, path,
query, headers) so tests can count hits and inspect what was sent.
"""

from __future__ import annotations

import json
import socket
import struct
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

FIXTURES = Path(__file__).parent / "fixtures"


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict = field(default_factory=dict)
    # faults: "sleep" (wait `delay` before answering), "reset" (half the body, then RST),
    # "drip" (body one byte every `delay` s), "short" (Content-Length too big, then close),
    # "close" (close without answering)
    fault: str | None = None
    delay: float = 0.0


def fixture(name: str, **overrides) -> Reply:
    """A Reply from tests/online/fixtures/<name>.json ({"status", "headers"?, "body"})."""
    doc = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    reply = Reply(doc.get("status", 200), json.dumps(doc["body"]).encode(), dict(doc.get("headers", {})))
    for k, v in overrides.items():
        setattr(reply, k, v)
    return reply


def json_reply(body, status: int = 200, **kw) -> Reply:
    return Reply(status, json.dumps(body).encode(), **kw)


@dataclass
class Hit:
    method: str
    path: str
    query: str
    headers: dict
    body: bytes


class FakeApi:
    def __init__(self):
        self.routes: dict[tuple[str, str], list[Reply]] = {}
        self.hits: list[Hit] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        api = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # keep test output quiet
                pass

            def do_GET(self):
                api._handle(self)

            def do_POST(self):
                api._handle(self)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.server.block_on_close = False
        self.port = self.server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    @property
    def openrouter_base(self) -> str:
        return self.url + "/api/v1"

    @property
    def openai_base(self) -> str:
        return self.url + "/v1"

    def route(self, method: str, path: str, *replies: Reply) -> None:
        self.routes[(method, path)] = list(replies)

    def answers(self, *, key: str | Reply | None = None, o3: str | Reply | None = None,
                byok: str | Reply | None = None, models: str | Reply | None = "openrouter/model-o3-entry") -> None:
        """Route the free checks' GET endpoints (OpenRouter /key, OpenAI /models/o3, OpenRouter
        /byok, OpenRouter /models), each to a fixture name or a Reply; None leaves one unrouted.
        The model list is the recorded o3 entry unless told otherwise."""
        for path, answer in (("/api/v1/key", key), ("/v1/models/o3", o3), ("/api/v1/byok", byok),
                             ("/api/v1/models", models)):
            if answer is not None:
                self.route("GET", path, fixture(answer) if isinstance(answer, str) else answer)

    def hits_for(self, path: str) -> list[Hit]:
        return [h for h in self.hits if h.path == path]

    def close(self) -> None:
        self._stop.set()
        self.server.shutdown()
        self.server.server_close()

    # ----- serving ------------------------------------------------------------------------
    def _next(self, method: str, path: str) -> Reply:
        with self._lock:
            queue = self.routes.get((method, path))
            if not queue:
                return json_reply({"error": {"code": 404, "message": f"no route {method} {path}"}}, 404)
            return queue.pop(0) if len(queue) > 1 else queue[0]

    def _handle(self, h: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(h.path)
        length = int(h.headers.get("Content-Length") or 0)
        body = h.rfile.read(length) if length else b""
        with self._lock:
            self.hits.append(Hit(h.command, parts.path, parts.query, {k.lower(): v for k, v in h.headers.items()}, body))
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            self._answer(h, self._next(h.command, parts.path))
        except (BrokenPipeError, ConnectionResetError, OSError):
            pass  # the client gave up: exactly what the fault tests provoke
        finally:
            with self._lock:
                self.in_flight -= 1

    def _answer(self, h: BaseHTTPRequestHandler, r: Reply) -> None:
        if r.fault == "sleep":
            self._stop.wait(r.delay)
        if r.fault == "close":
            h.close_connection = True
            return
        h.send_response(r.status)
        sent_length = len(r.body) * 2 if r.fault == "short" else len(r.body)
        h.send_header("Content-Type", "application/json")
        h.send_header("Content-Length", str(sent_length))
        for k, v in r.headers.items():
            h.send_header(k, v)
        h.end_headers()
        if r.fault == "reset":
            h.wfile.write(r.body[: len(r.body) // 2])
            h.wfile.flush()
            h.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            h.close_connection = True
            return
        if r.fault == "drip":
            for i in range(len(r.body)):
                if self._stop.wait(r.delay):
                    return
                h.wfile.write(r.body[i:i + 1])
                h.wfile.flush()
            return
        h.wfile.write(r.body)
        h.wfile.flush()
        if r.fault == "short":
            h.close_connection = True


def closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (bound, then closed)."""
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port
