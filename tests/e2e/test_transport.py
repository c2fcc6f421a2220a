"""``serve`` on stdin that is not an editor's pipe (lsp/transport.py chooses the reader)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest


def _frame(message: dict) -> bytes:
    body = json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


@pytest.mark.parametrize("stdin_kind", ["devnull", "file", "pipe-closed-early"])
def test_serve_on_stdin_that_is_not_an_editor_pipe(tmp_path, stdin_kind):
    """serve reads pipes and sockets with the event loop itself (lsp/transport.py) and anything
    else through pygls' reader: /dev/null and a file of messages end cleanly, a file's requests
    are answered, and a pipe closed mid-header ends the server instead of hanging it."""
    messages = (_frame({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                        "params": {"processId": None, "rootUri": None, "capabilities": {}}})
                + _frame({"jsonrpc": "2.0", "method": "initialized", "params": {}})
                + _frame({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
                + _frame({"jsonrpc": "2.0", "method": "exit"}))
    cmd = [sys.executable, "-m", "byok_lsp", "serve"]
    if stdin_kind == "devnull":
        proc = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, timeout=60)
    elif stdin_kind == "file":
        path = tmp_path / "messages.bin"
        path.write_bytes(messages)
        with open(path, "rb") as fh:
            proc = subprocess.run(cmd, stdin=fh, capture_output=True, timeout=60)
        assert b'"id": 1' in proc.stdout or b'"id":1' in proc.stdout, proc.stdout[:500]
        assert b'"id": 2' in proc.stdout or b'"id":2' in proc.stdout, proc.stdout[:500]
    else:
        proc = subprocess.run(cmd, input=messages[:40], capture_output=True, timeout=60)
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
