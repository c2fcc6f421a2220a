"""Shared helpers for the adversarial tests (issue 7: never crash, never lose a byte, never leak a key).

- ``run_cli``: ``byok-lsp`` as a subprocess, always with a timeout (a hang is a failure, not a
  stuck CI job).
- ``lsp_session``: one ``byok-lsp serve`` process driven by pytest-lsp's client, with every
  ``publishDiagnostics``, ``window/logMessage`` and ``window/showMessage`` recorded.
- ``send_raw``: a JSON-RPC request whose params are *not* lsprotocol types (malformed on
  purpose); pytest-lsp's typed API cannot produce those.
- Fake, well-formed keys and ``leaks`` to find any piece of them in collected output.
- ``BYOK_FUZZ_SCALE`` multiplies the fuzz counts; the slow variants are marked ``slow``
  (``pytest -m slow``; pyproject.toml registers the markers).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from lsp_harness import (  # noqa: E402, F401 - the shared harness, re-exported under the names the tests import
    CLI,
    NO_PARAMS,
    SERVER,
    apply_lsp_change,
    apply_text_edits,
    apply_workspace_edit,
    change_range,
    change_whole,
    char_units,
    client_range,
    codes,
    lsp_lines,
    lsp_offset,
    open_doc,
    pull_caps,
    push_caps,
    range_inside,
    roundtrip,
    send_raw,
    units_len,
    utf16_len,
    wait_for,
    write_tree,
)

SCALE = max(0.1, float(os.environ.get("BYOK_FUZZ_SCALE", "1") or 1))
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0

# Well-formed and made up (never real keys): they pass keys.py's format checks.
OR_KEY = "sk-or-v1-" + hashlib.sha256(b"byok-lsp adversarial openrouter key").hexdigest()
OR_KEY_2 = "sk-or-v1-" + hashlib.sha256(b"byok-lsp adversarial second key").hexdigest()
OPENAI_KEY = "sk-proj-" + "Adv3rsarIalTestK3yNotReal" * 2 + "T3BlbkFJ" + "Zq9Wx8Ec7Rv6Tb5Yn4Um3" * 2
ALL_KEYS = (OR_KEY, OR_KEY_2, OPENAI_KEY)
ENV_VARS_TO_CLEAR = ("OPENROUTER_API_KEY", "OPENAI_API_KEY", "OPENROUTER_MANAGEMENT_KEY", "OPENAI_BASE_URL",
                     "BYOK_LSP_OPENROUTER_API_BASE", "BYOK_LSP_OPENAI_API_BASE", "BYOK_FUZZ_SCALE")


def scaled(n: int) -> int:
    return max(1, int(n * SCALE))


def clean_env(**extra: str) -> dict[str, str]:
    """The process environment without keys or API bases from the developer's shell."""
    env = {k: v for k, v in os.environ.items() if k not in ENV_VARS_TO_CLEAR}
    env.update(extra)
    return env


# ----- files ---------------------------------------------------------------------------------------
# ----- the CLI -------------------------------------------------------------------------------------
def run_cli(*args: str | os.PathLike, cwd: Path, timeout: float = 60, env: dict | None = None,
            stdin=subprocess.DEVNULL) -> subprocess.CompletedProcess:
    """``byok-lsp ARGS`` in ``cwd``; a hang fails the test with the command line in the message."""
    cmd = [*CLI, *map(os.fspath, args)]
    try:
        return subprocess.run(cmd, cwd=cwd, env=env or clean_env(), capture_output=True, timeout=timeout,
                              stdin=stdin)
    except subprocess.TimeoutExpired as exc:
        pytest.fail(f"`{' '.join(map(str, cmd[2:]))}` did not finish within {timeout} s (hang?)\n"
                    f"stderr so far: {(exc.stderr or b'')[-2000:]!r}")


def check_json(root: Path, *paths: str, timeout: float = 60, extra=()) -> tuple[int, list[dict], str]:
    """(exit code, findings of ``check --format json``, stderr)."""
    proc = run_cli("check", *(paths or (".",)), "--format", "json", *extra, cwd=root, timeout=timeout)
    assert proc.returncode in (0, 1, 2), proc.stderr.decode(errors="replace")[-3000:]
    assert b"Traceback" not in proc.stderr, proc.stderr.decode(errors="replace")[-3000:]
    report = json.loads(proc.stdout.decode("utf-8"))
    findings = report["findings"] if isinstance(report, dict) else report
    return proc.returncode, findings, proc.stderr.decode("utf-8", "replace")


# ----- secrets -------------------------------------------------------------------------------------
def key_pieces(key: str, width: int = 40) -> list[str]:
    """The key itself and every ``width``-character window of it (so every 40+ char suffix)."""
    return [key] + [key[i:i + width] for i in range(0, len(key) - width + 1)]


def leaks(text: str, keys=ALL_KEYS) -> list[str]:
    """Which keys have a 40-character piece (or more) in ``text``; shown masked."""
    out = []
    for key in keys:
        if any(piece in text for piece in key_pieces(key)):
            out.append(key[:12] + "…")
    return out


# Spellings an API answer, a config or a pasted text may give a key in (keys.redact must mask each).
def _fullwidth(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


SPELLINGS = {
    "plain": lambda k: k,
    "upper": str.upper,
    "underscores": lambda k: k.replace("-", "_"),
    "en-dashes": lambda k: k.replace("-", "\u2013"),
    "minus-signs": lambda k: k.replace("-", "\u2212"),
    "url-dashes": lambda k: k.replace("-", "%2D"),
    "url-encoded": lambda k: "".join(f"%{b:02X}" for b in k.encode()),
    "json-escaped": lambda k: k.replace("-", "\\u002d"),
    "full-width": _fullwidth,
    "secret-only": lambda k: secret_of(k),
}


def secret_of(key: str) -> str:
    """The part of a key that is secret: what follows its public prefix."""
    for prefix in ("sk-or-v1-", "sk-proj-", "sk-"):
        if key.startswith(prefix):
            return key[len(prefix):]
    return key


def _canonical(text: str) -> str:
    """``text`` as a reader could reassemble it: escapes decoded, dashes and underscores unified,
    full-width letters folded, lower case (the oracle for ``spelled_leaks``, written apart from
    keys.redact on purpose)."""
    import re as _re
    import unicodedata
    from urllib.parse import unquote

    text = _re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), unquote(text))
    text = unicodedata.normalize("NFKC", text)
    return _re.sub(r"[\u2010-\u2015\u2212_]", "-", text).lower()


def spelled_leaks(text: str, keys=ALL_KEYS, window: int = 10) -> list[str]:
    """Which keys have ``window`` consecutive secret characters in ``text``, in any spelling.
    (A mask shows at most three at each end; 10 hex characters turn up by chance once in 10^12.)"""
    canon = _canonical(text)
    out = []
    for key in keys:
        secret = secret_of(key).lower()
        if any(secret[i:i + window] in canon for i in range(len(secret) - window + 1)):
            out.append(key[:12] + "…")
    return out


# ----- the language server -------------------------------------------------------------------------
def _record(client: LanguageClient) -> None:
    client.published = []  # every PublishDiagnosticsParams, in arrival order
    client.status_notifications = []  # byok-lsp/status (pytest-lsp keeps logMessage, showMessage, showDocument)
    features = client.protocol.fm.features
    record_diagnostics = features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS]

    def publish_diagnostics(params: types.PublishDiagnosticsParams):
        client.published.append((time.monotonic(), params))
        return record_diagnostics(params)

    features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = publish_diagnostics

    @client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register_capability(params):
        return None

    @client.feature(types.WORKSPACE_APPLY_EDIT)
    def apply_edit(params):
        return types.ApplyWorkspaceEditResult(applied=False)

    @client.feature("byok-lsp/status")
    def status(params):
        client.status_notifications.append(params)


@contextlib.asynccontextmanager
async def lsp_session(root: Path, caps: types.ClientCapabilities | None = None, *, server_args=(),
                      options: dict | None = None, env: dict | None = None):
    """A started, initialized ``byok-lsp serve`` for the workspace ``root``."""
    config = ClientServerConfig(server_command=[*SERVER, *map(os.fspath, server_args)], server_env=env or clean_env())
    client = await config.start()
    _record(client)
    try:
        uri = root.resolve().as_uri()
        client.init_result = await asyncio.wait_for(client.initialize_session(types.InitializeParams(
            capabilities=caps or push_caps(), root_uri=uri,
            workspace_folders=[types.WorkspaceFolder(uri=uri, name=root.name)],
            initialization_options=options)), 30)
        yield client
    finally:
        try:
            if server_alive(client):
                await asyncio.wait_for(client.shutdown_session(), 20)
        finally:
            await client.stop()


def server_alive(client: LanguageClient) -> bool:
    return client._server is not None and client._server.returncode is None


def server_pid(client: LanguageClient) -> int:
    return client._server.pid


# ----- documents and positions: lsp_harness ------------------------------------------------------
def expected_diagnostics(root: Path, path: Path, text: str, overlay: dict | None = None,
                         encoding: str = "utf-16") -> list[tuple]:
    """(code, range, message) of what ``engine.analyze`` finds in ``text`` — what the server
    should publish for it (default settings, a clean environment, ``overlay`` as open files)."""
    from byok_lsp import engine
    from byok_lsp.workspace import Workspace

    overlay = overlay or {}
    ws = Workspace(root.resolve(), overlay=lambda p: overlay.get(p), environ=clean_env())
    result = engine.analyze(ws, path.resolve(), text)
    return sorted((f.code, client_range(text, f.span, encoding), f.message)
                  for f in result.findings if f.path == path.resolve())


def published(diags) -> list[tuple]:
    return sorted((str(d.code), (d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character),
                   d.message) for d in diags)


def cpu_seconds(pid: int) -> float:
    """utime + stime of a process, in seconds (Linux /proc)."""
    with open(f"/proc/{pid}/stat") as fh:
        fields = fh.read().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks


@pytest.fixture
def report_counts(request):
    """``report_counts(name, **counts)`` prints the counts (run pytest with -s to see them) and
    attaches them to the test report's sections."""
    def record(**counts):
        line = ", ".join(f"{k}={v}" for k, v in counts.items())
        print(f"\n[{request.node.name}] {line}")
        request.node.user_properties.append(("counts", line))
    return record


# ----- big trees -----------------------------------------------------------------------------------
USAGE_PY = ('from openai import OpenAI\nclient = OpenAI(base_url="https://openrouter.ai/api/v1")\n'
            'r = client.chat.completions.create(model="openai/o3", messages=[])\n')


def make_tree(root: Path, n_files: int, every: int = 500) -> int:
    """``n_files`` small files in folders of 100 (.py, .ts, .md, .json, .yaml): one in ``every``
    uses openai/o3 through OpenRouter. Returns how many do."""
    root.mkdir(parents=True, exist_ok=True)
    (root / ".git").mkdir(exist_ok=True)
    (root / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (root / ".gitignore").write_text("build/\n*.log\n")
    (root / ".env").write_text("OPENROUTER_API_KEY=\n")
    users = 0
    suffixes = (".py", ".ts", ".md", ".json", ".yaml")
    for i in range(n_files):
        folder = root / f"pkg{i // 100:04d}"
        if i % 100 == 0:
            folder.mkdir(exist_ok=True)
        suffix = suffixes[i % len(suffixes)]
        if i % every == 0 and suffix == ".py":
            text, users = USAGE_PY, users + 1
        else:
            text = f"value_{i} = {i}\n" if suffix in (".py", ".ts") else f"note {i}\n"
        with open(folder / f"m{i}{suffix}", "w") as fh:
            fh.write(text)
    return users


@pytest.fixture(scope="session")
def tree_10k(tmp_path_factory) -> tuple[Path, int]:
    """A 10,000-file project, generated once per session (about a second)."""
    root = tmp_path_factory.mktemp("tree10k")
    return root, make_tree(root, 10_000, every=50)
