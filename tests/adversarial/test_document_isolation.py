"""One document's analysis cannot take the server down (issue 15, item 5; lsp/failures.py).

The server runs with ``engine.analyze`` replaced, in the server process only, by one that raises
for files named ``boom*`` (an exception whose message holds a key, as a parser error quoting its
input might) and otherwise analyses as usual. The other documents are diagnosed, requests on the
failing one are answered, the user is told once, and the log has the traceback without the key.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from raw_lsp import RawServer  # noqa: E402

from conftest import OR_KEY, USAGE_PY, clean_env, leaks  # noqa: E402

FAILING_SERVER = [sys.executable, "-c", f"""
import sys
from byok_lsp import engine
real = engine.analyze
def analyze(ws, path, text=None, **kw):
    if path.name.startswith("boom"):
        raise ValueError("cannot read {OR_KEY} here")
    if path.name.startswith("slow"):
        import os, time
        time.sleep(12)
        open(os.environ["SLOW_MARKER"], "w").close()
    return real(ws, path, text, **kw)
engine.analyze = analyze
from byok_lsp.cli import main
sys.exit(main(sys.argv[1:]))
""", "serve"]


def _open(srv: RawServer, path: Path, text: str, version: int = 1) -> str:
    uri = path.resolve().as_uri()
    srv.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "python", "version": version,
                                                          "text": text}})
    return uri


def _wait(predicate, timeout=30.0):
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_a_failing_analysis_is_reported_once_and_the_server_keeps_serving(tmp_path):
    (tmp_path / ".git").mkdir()
    log = tmp_path / "server.log"
    srv = RawServer(log_file=log, env=clean_env(), command=FAILING_SERVER)
    try:
        assert srv.initialize(tmp_path) is not None
        boom = _open(srv, tmp_path / "boom.py", USAGE_PY)
        ok = _open(srv, tmp_path / "ok.py", USAGE_PY)
        _wait(lambda: ok in srv.published)
        assert any(d["code"] == "BYOK101" for d in srv.published[ok]["diagnostics"]), srv.published[ok]
        # Requests on the failing document are answered (from its text alone).
        hover = srv.request("textDocument/hover", {"textDocument": {"uri": boom}, "position": {"line": 2, "character": 45}})
        assert hover is not None and "error" not in hover, hover
        actions = srv.request("textDocument/codeAction", {"textDocument": {"uri": boom}, "range": {
            "start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 1}}, "context": {"diagnostics": []}})
        assert actions is not None and "error" not in actions, actions
        # It fails again on every edit; the user is told once.
        for version in range(2, 5):
            srv.notify("textDocument/didChange", {"textDocument": {"uri": boom, "version": version},
                                                  "contentChanges": [{"text": USAGE_PY + f"# edit {version}\n"}]})
        srv.notify("textDocument/didSave", {"textDocument": {"uri": boom}})
        assert srv.request("byok-lsp/ping", {}) is not None
        _wait(lambda: len(re.findall(r"analysis of \S*boom\.py failed", log.read_text())) >= 2)
        shown = [n for n in srv.notifications if n["method"] == "window/showMessage"]
        assert len(shown) == 1, shown
        assert "boom.py" in shown[0]["params"]["message"] and "ValueError" in shown[0]["params"]["message"]
        # Still serving the others, and nothing printed the key.
        srv.notify("textDocument/didChange", {"textDocument": {"uri": ok, "version": 2},
                                              "contentChanges": [{"text": "x = 1\n"}]})
        _wait(lambda: srv.published[ok].get("version") == 2)
        assert srv.published[ok]["diagnostics"] == []
        everything = log.read_text() + repr(srv.notifications)
        assert "Traceback" in log.read_text()
        assert not leaks(everything), leaks(everything)
    finally:
        assert srv.close() == 0


def test_requests_do_not_wait_for_a_slow_analysis(tmp_path):
    """Hover and code actions on a document whose analysis runs long are answered from the text
    while it still runs (lsp/server.py ``_report_within``); its diagnostics come when it ends."""
    (tmp_path / ".git").mkdir()
    marker = tmp_path / "slow-analysis-done"
    srv = RawServer(env=clean_env(SLOW_MARKER=str(marker)), command=FAILING_SERVER)
    try:
        assert srv.initialize(tmp_path) is not None
        slow = _open(srv, tmp_path / "slow.py", USAGE_PY)
        hover = srv.request("textDocument/hover", {"textDocument": {"uri": slow},
                                                   "position": {"line": 2, "character": 45}})
        assert hover is not None and "error" not in hover, hover
        actions = srv.request("textDocument/codeAction", {"textDocument": {"uri": slow}, "range": {
            "start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 1}}, "context": {"diagnostics": []}})
        assert actions is not None and "error" not in actions, actions
        assert not marker.exists(), "the requests waited for the whole analysis"
        _wait(lambda: slow in srv.published, timeout=60)
        assert any(d["code"] == "BYOK101" for d in srv.published[slow]["diagnostics"])
    finally:
        assert srv.close(30) == 0
