"""One pygls client for every LSP benchmark, so byok-lsp and ruff server are timed the same way.

``Session(command, root, pull=...)`` starts a server over stdio and initializes it with a
minimal client: UTF-16 positions, versioned push diagnostics, and, when ``pull`` is true, the
``textDocument/diagnostic`` capability (and workspace diagnostics). Each method returns the
wall time of one round trip, measured in this process with ``time.perf_counter``.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

TIMEOUT = 120.0


def median_p95(samples: list[float]) -> tuple[float, float]:
    """(median, 95th percentile) in milliseconds; the p95 of fewer than 20 samples is the max."""
    ms = sorted(s * 1000 for s in samples)
    if not ms:
        return float("nan"), float("nan")
    p95 = ms[min(len(ms) - 1, int(round(0.95 * (len(ms) - 1))))]
    return statistics.median(ms), p95


class Session:
    def __init__(self, command: list[str], root: Path, *, pull: bool = False, options: dict | None = None):
        self.command, self.root, self.pull, self.options = command, root, pull, options
        self.client = LanguageClient("byok-lsp-bench", "1")
        # ruff server announces notebookSelector entries with only "cells", which lsprotocol
        # 2025 refuses to structure (the whole initialize answer is dropped): not needed here.
        converter = self.client.protocol._converter
        for cls in (types.NotebookDocumentSyncOptions, types.NotebookDocumentSyncRegistrationOptions):
            converter.register_structure_hook(cls, lambda obj, _cls: None)
        self.waiters: dict[tuple[str, int | None], asyncio.Future] = {}
        self.published: dict[str, list[types.Diagnostic]] = {}
        self.server_info: types.InitializeResult | None = None

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def published(params: types.PublishDiagnosticsParams):
            self.published[params.uri] = params.diagnostics
            for key in ((params.uri, params.version), (params.uri, None)):
                fut = self.waiters.pop(key, None)
                if fut is not None and not fut.done():
                    fut.set_result(time.perf_counter())

        for method in (types.WINDOW_LOG_MESSAGE, types.WINDOW_SHOW_MESSAGE, "$/progress", "byok-lsp/status"):
            self.client.feature(method)(lambda params: None)

        @self.client.feature(types.WORKSPACE_CONFIGURATION)
        def configuration(params: types.ConfigurationParams):
            return [None for _ in params.items]

        @self.client.feature(types.CLIENT_REGISTER_CAPABILITY)
        def register(params):
            return None

        @self.client.feature(types.WINDOW_WORK_DONE_PROGRESS_CREATE)
        def progress(params):
            return None

        @self.client.feature(types.WORKSPACE_DIAGNOSTIC_REFRESH)
        def refresh(params):
            return None

    async def start(self) -> float:
        """Spawn and initialize; returns the time from spawn to the initialize response."""
        started = time.perf_counter()
        await self.client.start_io(*self.command)
        text_document = types.TextDocumentClientCapabilities(
            publish_diagnostics=types.PublishDiagnosticsClientCapabilities(version_support=True),
            synchronization=types.TextDocumentSyncClientCapabilities(did_save=True),
            hover=types.HoverClientCapabilities(content_format=[types.MarkupKind.Markdown, types.MarkupKind.PlainText]),
            code_action=types.CodeActionClientCapabilities(
                code_action_literal_support=types.ClientCodeActionLiteralOptions(
                    code_action_kind=types.ClientCodeActionKindOptions(value_set=[types.CodeActionKind.QuickFix]))),
            diagnostic=types.DiagnosticClientCapabilities(related_document_support=False) if self.pull else None,
        )
        workspace = types.WorkspaceClientCapabilities(
            configuration=True,
            diagnostics=types.DiagnosticWorkspaceClientCapabilities(refresh_support=False) if self.pull else None)
        caps = types.ClientCapabilities(
            text_document=text_document, workspace=workspace,
            general=types.GeneralClientCapabilities(position_encodings=[types.PositionEncodingKind.Utf16]))
        uri = self.root.as_uri()
        self.server_info = await asyncio.wait_for(self.client.initialize_async(types.InitializeParams(
            capabilities=caps, root_uri=uri, workspace_folders=[types.WorkspaceFolder(uri=uri, name=self.root.name)],
            initialization_options=self.options)), TIMEOUT)
        elapsed = time.perf_counter() - started
        self.client.initialized(types.InitializedParams())
        return elapsed

    def _wait(self, uri: str, version: int | None) -> asyncio.Future:
        fut = asyncio.get_running_loop().create_future()
        self.waiters[(uri, version)] = fut
        return fut

    async def open(self, path: Path, language: str, text: str | None = None) -> float:
        """didOpen → first diagnostics (push: the publish; pull: the textDocument/diagnostic answer)."""
        uri = path.as_uri()
        fut = None if self.pull else self._wait(uri, 1)
        started = time.perf_counter()
        self.client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
            uri=uri, language_id=language, version=1, text=path.read_text() if text is None else text)))
        if self.pull:
            await self.diagnostics(uri)
            return time.perf_counter() - started
        return (await asyncio.wait_for(fut, TIMEOUT)) - started

    async def diagnostics(self, uri: str) -> list[types.Diagnostic]:
        report = await asyncio.wait_for(self.client.text_document_diagnostic_async(
            types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=uri))), TIMEOUT)
        items = getattr(report, "items", None)
        if items is not None:
            self.published[uri] = items
        return self.published.get(uri, [])

    async def change(self, uri: str, version: int, change: types.TextDocumentContentChangePartial) -> float:
        """didChange → diagnostics of that version (push) or the pull answered after it (pull)."""
        fut = None if self.pull else self._wait(uri, version)
        started = time.perf_counter()
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version), content_changes=[change]))
        if self.pull:
            await self.diagnostics(uri)
            return time.perf_counter() - started
        return (await asyncio.wait_for(fut, TIMEOUT)) - started

    async def hover(self, uri: str, line: int, character: int) -> tuple[float, object]:
        started = time.perf_counter()
        result = await asyncio.wait_for(self.client.text_document_hover_async(types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=line, character=character))),
            TIMEOUT)
        return time.perf_counter() - started, result

    async def code_action(self, uri: str, diagnostic: types.Diagnostic) -> tuple[float, object]:
        started = time.perf_counter()
        result = await asyncio.wait_for(self.client.text_document_code_action_async(types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri), range=diagnostic.range,
            context=types.CodeActionContext(diagnostics=[diagnostic], only=[types.CodeActionKind.QuickFix]))), TIMEOUT)
        return time.perf_counter() - started, result

    async def workspace_diagnostics(self) -> tuple[float, object]:
        started = time.perf_counter()
        result = await asyncio.wait_for(self.client.workspace_diagnostic_async(
            types.WorkspaceDiagnosticParams(previous_result_ids=[])), TIMEOUT)
        return time.perf_counter() - started, result

    def server_peak_rss_mib(self) -> float:
        """The server process's peak resident set so far (VmHWM), in MiB; NaN where /proc has none."""
        server = getattr(self.client, "_server", None)
        try:
            with open(f"/proc/{server.pid}/status") as fh:
                for line in fh:
                    if line.startswith("VmHWM:"):
                        return int(line.split()[1]) / 1024
        except (AttributeError, OSError, ValueError):
            pass
        return float("nan")

    async def stop(self) -> None:
        try:
            await asyncio.wait_for(self.client.shutdown_async(None), 5)
            self.client.exit(None)
        except Exception:  # noqa: BLE001 - a server that died early must not hide the numbers
            pass
        await self.client.stop()


def edit_at_end(line: int, column: int, insert: bool) -> types.TextDocumentContentChangePartial:
    """Type one character at (line, column), or delete it again."""
    start = types.Position(line=line, character=column)
    end = types.Position(line=line, character=column if insert else column + 1)
    return types.TextDocumentContentChangePartial(range=types.Range(start=start, end=end), text="x" if insert else "")
