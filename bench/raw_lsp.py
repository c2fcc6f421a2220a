"""A byte-level stdio client for ``byok-lsp serve``: sends any bytes, reads the server's frames.

pytest-lsp and pygls' client only write well-formed frames; the framing tests
(tests/adversarial/test_framing.py) and the server fuzz (server_fuzz.py) must also write broken
ones. ``RawServer`` starts the server, writes frames or raw bytes, and reads every message the
server sends on a thread: answers by id, ``publishDiagnostics`` by URI, and the server's own
requests (``workspace/configuration``, ``client/registerCapability``, ...) answered like a
minimal client would.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

SERVER = [sys.executable, "-m", "byok_lsp", "serve", "--stdio"]


def frame(message: dict | bytes) -> bytes:
    body = message if isinstance(message, bytes) else json.dumps(message).encode("utf-8")
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


class RawServer:
    def __init__(self, log_file: Path | None = None, env: dict | None = None, args=(), command=None):
        self.log_file = log_file
        cmd = [*(command or SERVER), *args] + (["--log-file", str(log_file), "-v"] if log_file else [])
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL if log_file else subprocess.PIPE,
                                     env=env or os.environ.copy())
        self.cond = threading.Condition()
        self.responses: dict = {}  # id -> response message
        self.published: dict[str, dict] = {}  # uri -> last publishDiagnostics params
        self.publish_count = 0
        self.regressions = 0  # a publish for an older version than the last one for its URI
        self.notifications: list[dict] = []
        self.bad_output = 0  # frames from the server we could not read (must stay 0)
        self._next_id = 0
        self._write_lock = threading.Lock()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        if not log_file:  # drain stderr so the server never blocks on a full pipe
            self.stderr_tail = bytearray()
            threading.Thread(target=self._drain_stderr, daemon=True).start()

    # ----- writing -----------------------------------------------------------------------------
    def send_bytes(self, data: bytes) -> None:
        with self._write_lock:
            try:
                self.proc.stdin.write(data)
                self.proc.stdin.flush()
            except (BrokenPipeError, ValueError, OSError):
                pass

    def send(self, message: dict) -> None:
        self.send_bytes(frame(message))

    def new_id(self) -> int:
        self._next_id += 1
        return self._next_id

    def request_async(self, method: str, params=None) -> int:
        msg_id = self.new_id()
        message = {"jsonrpc": "2.0", "id": msg_id, "method": method}
        if params is not None:
            message["params"] = params
        self.send(message)
        return msg_id

    def notify(self, method: str, params=None) -> None:
        message = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            message["params"] = params
        self.send(message)

    def wait(self, msg_id, timeout: float = 30.0) -> dict | None:
        """The answer to ``msg_id``, or None after ``timeout`` seconds (or when the server died)."""
        deadline = time.monotonic() + timeout
        with self.cond:
            while msg_id not in self.responses:
                left = deadline - time.monotonic()
                if left <= 0 or (self.proc.poll() is not None and not self._reader.is_alive()):
                    return None
                self.cond.wait(min(left, 0.5))
            return self.responses.pop(msg_id)

    def request(self, method: str, params=None, timeout: float = 30.0) -> dict | None:
        return self.wait(self.request_async(method, params), timeout)

    def initialize(self, root: Path, timeout: float = 60.0) -> dict | None:
        uri = root.resolve().as_uri()
        answer = self.request("initialize", {
            "processId": None, "rootUri": uri, "workspaceFolders": [{"uri": uri, "name": root.name}],
            "capabilities": {"textDocument": {
                "publishDiagnostics": {"versionSupport": True},
                "hover": {"contentFormat": ["markdown", "plaintext"]},
                "codeAction": {"codeActionLiteralSupport": {"codeActionKind": {"valueSet": ["quickfix"]}}}},
                "workspace": {"configuration": True}}}, timeout)
        self.notify("initialized", {})
        return answer

    def close(self, timeout: float = 10.0) -> int | None:
        """shutdown + exit when alive; the exit status (killed after ``timeout``)."""
        if self.proc.poll() is None:
            self.request("shutdown", None, timeout)
            self.notify("exit")
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            return None
        finally:
            for stream in (self.proc.stdin, self.proc.stdout):
                try:
                    stream.close()
                except OSError:
                    pass

    # ----- reading -----------------------------------------------------------------------------
    def _drain_stderr(self) -> None:
        for chunk in iter(lambda: self.proc.stderr.read1(65536), b""):
            self.stderr_tail = (self.stderr_tail + chunk)[-200_000:]

    def _read(self) -> None:
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    with self.cond:
                        self.cond.notify_all()
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii", "replace").partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value.strip())
            if length is None:
                self.bad_output += 1
                continue
            body = out.read(length)
            try:
                message = json.loads(body)
            except ValueError:
                self.bad_output += 1
                continue
            self._handle(message)

    def _handle(self, message: dict) -> None:
        if "method" in message and "id" in message:  # the server asks
            method = message["method"]
            if method == "workspace/configuration":
                result = [None for _ in message.get("params", {}).get("items", [])]
            else:
                result = None
            # From another thread: the main thread may hold the write lock, blocked on a full
            # stdin pipe while the server waits for us to read its output.
            threading.Thread(target=self.send, args=({"jsonrpc": "2.0", "id": message["id"], "result": result},),
                             daemon=True).start()
            return
        with self.cond:
            if "method" in message:
                if message["method"] == "textDocument/publishDiagnostics":
                    params = message["params"]
                    last = self.published.get(params["uri"])
                    if last and last.get("version") is not None and params.get("version") is not None \
                            and params["version"] < last["version"]:
                        self.regressions += 1
                    self.published[params["uri"]] = params
                    self.publish_count += 1
                else:
                    self.notifications.append(message)
                    del self.notifications[:-200]
            else:
                self.responses[message.get("id")] = message
            self.cond.notify_all()
