"""didChange → publishDiagnostics latency of ``byok-lsp serve``, with ``ruff server`` for scale.

Both servers run over stdio behind the same pygls client, with push diagnostics (no pull
capability). Each sample is one incremental one-character edit inside a comment followed by the
wait for the ``publishDiagnostics`` of that version. byok-lsp runs with ``debounceMs: 0`` so the
figure is the analysis, not the typing delay (its default debounce, 200 ms, is added on top in an
editor); ruff server has no debounce.

Usage: python bench/bench_latency.py [--edits 40] [--lines 5000] [--env-lines 500] [--no-ruff]
Prints medians, p95 and the byok-lsp / ruff ratio. Not a test: numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

TIMEOUT = 30.0


def python_file(lines: int) -> str:
    """Ordinary Python with one OpenRouter client and three model references (a realistic module:
    most of the file is code that byok-lsp must parse but that holds nothing for it)."""
    head = [
        "import os",
        "",
        "from openai import OpenAI",
        "",
        'client = OpenAI(base_url="https://openrouter.ai/api/v1", api_key=os.getenv("OPENROUTER_API_KEY"))',
        'PRIMARY = "openai/o3"',
        'FALLBACK = "openai/o4-mini"',
        "",
    ]
    body = []
    i = 0
    while len(head) + len(body) < lines - 3:
        body += [
            f"def handler_{i}(items, scale=0.{i % 10}):",
            f"    # filler comment {i}: nothing to see here",
            f'    label = "request-{i}"',
            f"    total = sum(x * scale for x in items if x > {i % 7})",
            '    return {"label": label, "total": total, "count": len(items)}',
            "",
        ]
        i += 1
    tail = ['reply = client.chat.completions.create(model="openai/o3-pro", messages=[])', ""]
    return "\n".join(head + body[: lines - len(head) - len(tail)] + tail) + "\n"


def env_file(lines: int) -> str:
    out = ["OPENROUTER_API_KEY=your-key-here", "OPENAI_BASE_URL=https://openrouter.ai/api/v1"]
    i = 0
    while len(out) < lines:
        out.append(f"# setting {i}" if i % 5 == 0 else f"APP_SETTING_{i}=value-{i}")
        i += 1
    return "\n".join(out) + "\n"


class Session:
    def __init__(self, name: str, command: list[str], root: Path, options: dict | None = None):
        self.name, self.command, self.root, self.options = name, command, root, options
        self.client = LanguageClient("bench", "1")
        self.waiters: dict[tuple[str, int | None], asyncio.Future] = {}
        self.last: dict[str, int | None] = {}

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def published(params: types.PublishDiagnosticsParams):
            for key in ((params.uri, params.version), (params.uri, None)):
                fut = self.waiters.pop(key, None)
                if fut is not None and not fut.done():
                    fut.set_result(time.perf_counter())

        for method in (types.WINDOW_LOG_MESSAGE, types.WINDOW_SHOW_MESSAGE):
            self.client.feature(method)(lambda params: None)

        # ruff 0.17's initialize result has fields lsprotocol 2025.0 rejects; nothing here reads it.
        self.client.protocol._converter.register_structure_hook(types.InitializeResult, lambda obj, _type: obj)

        @self.client.feature(types.WORKSPACE_CONFIGURATION)
        def configuration(params: types.ConfigurationParams):
            return [None for _ in params.items]

    async def start(self) -> None:
        await self.client.start_io(*self.command)
        caps = types.ClientCapabilities(
            text_document=types.TextDocumentClientCapabilities(
                publish_diagnostics=types.PublishDiagnosticsClientCapabilities(version_support=True),
                synchronization=types.TextDocumentSyncClientCapabilities(did_save=True)),
            general=types.GeneralClientCapabilities(position_encodings=[types.PositionEncodingKind.Utf16]))
        uri = self.root.as_uri()
        await self.client.initialize_async(types.InitializeParams(
            capabilities=caps, root_uri=uri, workspace_folders=[types.WorkspaceFolder(uri=uri, name="bench")],
            initialization_options=self.options))
        self.client.initialized(types.InitializedParams())

    def _wait(self, uri: str, version: int | None) -> asyncio.Future:
        fut = asyncio.get_running_loop().create_future()
        self.waiters[(uri, version)] = fut
        return fut

    async def open(self, path: Path, language: str) -> float:
        uri = path.as_uri()
        fut = self._wait(uri, 1)
        started = time.perf_counter()
        self.client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
            uri=uri, language_id=language, version=1, text=path.read_text())))
        return (await asyncio.wait_for(fut, TIMEOUT)) - started

    async def edits(self, path: Path, line: int, count: int) -> list[float]:
        """``count`` one-character edits at the end of ``line`` (insert, delete, insert, ...)."""
        uri = path.as_uri()
        text_line = path.read_text().splitlines()[line]
        samples = []
        for n in range(count):
            version = n + 2
            col = len(text_line)
            if n % 2 == 0:
                change = types.TextDocumentContentChangePartial(
                    range=types.Range(start=types.Position(line=line, character=col), end=types.Position(line=line, character=col)),
                    text="x")
            else:
                change = types.TextDocumentContentChangePartial(
                    range=types.Range(start=types.Position(line=line, character=col), end=types.Position(line=line, character=col + 1)),
                    text="")
            fut = self._wait(uri, version)
            started = time.perf_counter()
            self.client.text_document_did_change(types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version), content_changes=[change]))
            samples.append((await asyncio.wait_for(fut, TIMEOUT)) - started)
            await asyncio.sleep(0.02)
        return samples

    async def stop(self) -> None:
        try:
            await asyncio.wait_for(self.client.shutdown_async(None), 5)
            self.client.exit(None)
        except Exception:
            pass
        await self.client.stop()


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def report(name: str, first: float, samples: list[float]) -> float:
    med = statistics.median(samples)
    print(f"{name:<34} first {first * 1000:7.1f} ms   median {med * 1000:7.1f} ms   p95 {p95(samples) * 1000:7.1f} ms"
          f"   (n={len(samples)})")
    return med


async def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--edits", type=int, default=40)
    ap.add_argument("--lines", type=int, default=5000)
    ap.add_argument("--env-lines", type=int, default=500)
    ap.add_argument("--no-ruff", action="store_true")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="byok-bench-") as tmp:
        root = Path(tmp).resolve()
        py = root / "app.py"
        py.write_text(python_file(args.lines))
        env = root / ".env"
        env.write_text(env_file(args.env_lines))
        comment_line = next(i for i, ln in enumerate(py.read_text().splitlines()) if "filler comment 400" in ln) \
            if args.lines > 2500 else 7
        print(f"app.py: {args.lines} lines, {py.stat().st_size} bytes; .env: {args.env_lines} lines; {args.edits} edits each")

        byok = Session("byok-lsp", [sys.executable, "-m", "byok_lsp", "serve"], root, {"debounceMs": 0})
        await byok.start()
        first_py = await byok.open(py, "python")
        byok_py = await byok.edits(py, comment_line, args.edits)
        first_env = await byok.open(env, "dotenv")
        byok_env = await byok.edits(env, 3, args.edits)
        await byok.stop()
        med_py = report("byok-lsp  app.py (5,000 lines)" if args.lines == 5000 else "byok-lsp  app.py", first_py, byok_py)
        report("byok-lsp  .env", first_env, byok_env)

        ruff = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))
        if not args.no_ruff and Path(ruff).exists():
            session = Session("ruff server", [ruff, "server"], root)
            await session.start()
            first_ruff = await session.open(py, "python")
            ruff_py = await session.edits(py, comment_line, args.edits)
            await session.stop()
            med_ruff = report("ruff server  app.py", first_ruff, ruff_py)
            print(f"ratio byok-lsp / ruff (median, app.py): {med_py / med_ruff:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
