"""The VS Code extension's start chain, outside VS Code: the interpreter probe
(``python -c "import byok_lsp, pygls, lsprotocol, tree_sitter, tree_sitter_python"``), then the
server (``python -m byok_lsp serve --stdio`` with ``PYTHONPATH=<bundle>``) → ``initialize`` → open
``app.py`` → its first pull diagnostics. Two ways, alternated run by run:

- before: probe, then spawn (sequential), bundle without bytecode (as .vsix files up to 0.1.0
  shipped it; ``PYTHONDONTWRITEBYTECODE=1`` as on this machine, so nothing is cached);
- after: spawn during the probe (client-vscode/src/common/server.ts), bundle with its .pyc files.

Needs a built bundle (``client-vscode/scripts/build.sh`` or ``bundle-server.sh``).

    python bench/vscode_start.py [--runs 9]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LIBS = REPO / "client-vscode" / "bundled" / "libs"
PROBE = "import byok_lsp, pygls, lsprotocol, tree_sitter, tree_sitter_python; print(byok_lsp.__version__)"
APP = ('import os\nfrom openai import OpenAI\nclient = OpenAI(base_url="https://openrouter.ai/api/v1", '
       'api_key=os.getenv("OPENROUTER_API_KEY"))\nreply = client.chat.completions.create(model="openai/o3", messages=[])\n')


def env(libs: Path) -> dict[str, str]:
    return dict(os.environ, PYTHONPATH=str(libs), PYTHONNOUSERSITE="1", PYTHONSAFEPATH="1", PYTHONDONTWRITEBYTECODE="1")


def probe(libs: Path) -> None:
    subprocess.run([sys.executable, "-c", PROBE], env=env(libs), capture_output=True, check=True, cwd=tempfile.gettempdir())


def spawn(libs: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "byok_lsp", "serve", "--stdio"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=tempfile.gettempdir(), env=env(libs))


def first_diagnostics(proc: subprocess.Popen, ws: Path) -> int:
    def send(obj: dict) -> None:
        body = json.dumps(obj).encode()
        proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        proc.stdin.flush()

    def recv() -> dict:
        length = 0
        while (line := proc.stdout.readline()) not in (b"\r\n", b"\n", b""):
            if line.lower().startswith(b"content-length"):
                length = int(line.split(b":")[1])
        return json.loads(proc.stdout.read(length))

    uri = ws.as_uri()
    settings = {"logLevel": "debug"}  # a non-default setting, as VS Code sends them all
    send({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
        "processId": None, "rootUri": uri, "workspaceFolders": [{"uri": uri, "name": ws.name}],
        "capabilities": {"textDocument": {"diagnostic": {}}, "workspace": {"configuration": True, "diagnostics": {"refreshSupport": True}}},
        "initializationOptions": {"settings": settings, "workspaceTrusted": True}}})
    while recv().get("id") != 1:
        pass
    send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
    send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": f"{uri}/app.py", "languageId": "python", "version": 1, "text": APP}}})
    send({"jsonrpc": "2.0", "id": 2, "method": "textDocument/diagnostic", "params": {"textDocument": {"uri": f"{uri}/app.py"}}})
    while True:
        msg = recv()
        if msg.get("method") == "workspace/configuration":
            send({"jsonrpc": "2.0", "id": msg["id"], "result": [settings for _ in msg["params"]["items"]]})
        elif msg.get("method") and "id" in msg:
            send({"jsonrpc": "2.0", "id": msg["id"], "result": None})
        elif msg.get("id") == 2:
            items = len(msg["result"]["items"])
            break
    send({"jsonrpc": "2.0", "id": 3, "method": "shutdown"})
    send({"jsonrpc": "2.0", "method": "exit"})
    proc.wait(10)
    return items


def before(libs: Path, ws: Path) -> float:
    t0 = time.perf_counter()
    probe(libs)
    assert first_diagnostics(spawn(libs), ws) > 0
    return time.perf_counter() - t0


def after(libs: Path, ws: Path) -> float:
    t0 = time.perf_counter()
    proc = spawn(libs)
    probe(libs)
    assert first_diagnostics(proc, ws) > 0
    return time.perf_counter() - t0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    if not any(LIBS.rglob("*.pyc")):
        sys.exit(f"{LIBS} has no bytecode: build the bundle first (client-vscode/scripts/build.sh)")
    with tempfile.TemporaryDirectory(prefix="byok-vscode-start-") as tmp:
        ws = Path(tmp) / "ws"
        ws.mkdir()
        (ws / "app.py").write_text(APP)
        (ws / ".env").write_text("DEBUG=1\n")
        plain = Path(tmp) / "libs"
        shutil.copytree(LIBS, plain, ignore=shutil.ignore_patterns("__pycache__"))
        times: dict[str, list[float]] = {"before (sequential, no bytecode)": [], "after (overlapped, bytecode)": []}
        for _ in range(args.runs):
            times["before (sequential, no bytecode)"].append(before(plain, ws))
            times["after (overlapped, bytecode)"].append(after(LIBS, ws))
    print(f"load average {os.getloadavg()[0]:.1f}, Python {sys.version.split()[0]}, {args.runs} runs each")
    for name, values in times.items():
        ms = sorted(1000 * v for v in values)
        print(f"{name}: median {statistics.median(ms):.0f} ms (min {ms[0]:.0f}, max {ms[-1]:.0f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
