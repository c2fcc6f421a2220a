"""Compute once per (uri, version, folder epoch); serve push and pull from the same reports.

- ``diagnose(uri)`` returns the report of the document's current version, computing it in a
  worker thread when needed; concurrent callers share one computation.
- ``schedule(uri, delay)`` hands push diagnostics to the ``Scheduler`` (scheduler.py: an idle
  document at once, a burst coalesced); a report is published only if its version and epoch
  are still current.
- ``dependency_changed(path)`` is the cross-file rule: a .env, config or .gitignore changed, so
  every folder that may read it gets a new epoch and its open documents are re-diagnosed.
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from lsprotocol import types

from .. import engine, policy
from ..fence import WriteFence
from ..findings import Finding
from ..walk import walk
from ..workspace import is_config_file, is_env_file
from . import failures
from .diagnostics import Conversion, OtherFiles, result_id, to_diagnostic
from .documents import literal_path, path_to_uri
from .folders import Folder, Folders
from .online_results import OnlineResults
from .open_documents import OpenDocuments
from .positions import LineIndex
from .scheduler import Scheduler

log = logging.getLogger(__name__)

WORKSPACE_FILE_LIMIT = 2000  # env/config files reported by one workspace/diagnostic answer
DEPENDENT_DELAY_MS = 300  # other files re-checked after a .env/config edit wait at least this long
# An open document whose last analysis took less than this is analysed on the event loop (an
# edit of a large file, once the incremental extractor is warm: ~2 ms); others in a worker.
INLINE_MS = 8.0
WALK_MAX_AGE = 30.0  # seconds a workspace walk is reused (clients re-send workspace/diagnostic often)


def _ensure_code_parser() -> None:
    """``engine.analyze`` imports ``parsing.code`` for every file kind. Should that module be
    missing or broken, stand in a parser that reads no code, so .env and config files are still
    analysed (and say so once) instead of every analysis failing."""
    import importlib
    import sys
    import types as pytypes

    try:
        importlib.import_module("byok_lsp.parsing.code")
    except Exception as exc:
        log.warning("code parser unavailable (%s): only .env and config files are analysed", exc)
        fallback = pytypes.ModuleType("byok_lsp.parsing.code")
        fallback.language_for = lambda path: None
        fallback.prefilter = lambda data: False
        fallback.extract = lambda path, text: None
        sys.modules["byok_lsp.parsing.code"] = fallback


def file_kind_of(path: Path) -> str | None:
    """The core's file kind, without failing when a parser module is unavailable."""
    if is_env_file(path):
        return "dotenv"
    if is_config_file(path):
        return "config"
    try:
        return engine.file_kind(path)[0]
    except Exception:  # an optional parser missing or broken: not a file we can read
        return None


def is_dependency(path: Path) -> bool:
    """Files whose content other files' findings depend on."""
    return is_env_file(path) or is_config_file(path) or path.name == ".gitignore"


@dataclass
class Report:
    uri: str
    path: Path
    version: int | None
    epoch: int
    index: LineIndex
    findings: list[Finding] = field(default_factory=list)
    diagnostics: list[types.Diagnostic] = field(default_factory=list)
    _result_id: str | None = None

    @property
    def result_id(self) -> str:
        """Digest of the diagnostics, computed on first use: push clients never ask for it."""
        if self._result_id is None:
            self._result_id = result_id(self.diagnostics)
        return self._result_id

    def findings_at(self, line: int, col: int) -> list[tuple[int, Finding]]:
        return [(i, f) for i, f in enumerate(self.findings) if f.path == self.path and f.span.contains(line, col)]


class Reports:
    """Compute once per (uri, version, folder epoch) and keep the reports: of open documents
    (``current``), of closed files (by mtime, size and epoch), of the workspace walk. Knows the
    open documents, the folders and the online results, not the server or the protocol."""

    def __init__(self, documents: OpenDocuments, folders: Folders, online: OnlineResults, *,
                 encoding: Callable[[], str], settings_ready: Callable[[], Awaitable[None]],
                 on_failure: Callable[[str, Path, BaseException], None] | None = None):
        self.documents = documents
        # One document's failed analysis stops at that document (failures.py says why): the
        # server passes how to report it; without one it is logged.
        self.on_failure = on_failure or (lambda uri, path, exc: log.error("analysis of %s failed", path, exc_info=exc))
        self.folders = folders
        self.online = online
        self.encoding = encoding  # the negotiated position encoding (known after initialize)
        self.settings_ready = settings_ready
        self.current: dict[str, Report] = {}
        self._inflight: dict[tuple, asyncio.Future] = {}
        self._closed: dict[Path, tuple[tuple, Report]] = {}
        self._walked: tuple[float, tuple[Path, ...], list[Path]] | None = None
        self._executor = ThreadPoolExecutor(max_workers=2, thread_name_prefix="byok-analysis")
        # One per open document: an edit re-extracts only the statements it touched.
        self._extractors: dict[str, object] = {}
        self._last_ms: dict[str, float] = {}  # how long each open document's last analysis took
        _ensure_code_parser()

    # ----- computing ------------------------------------------------------------------------
    async def diagnose(self, uri: str) -> Report | None:
        """The report for the document's current version (open) or its disk content (closed)."""
        doc = self.documents.document(uri)
        path = self.documents.path_of(uri)
        if doc is None or path is None:
            from .documents import uri_to_path

            disk = uri_to_path(uri)
            return await self.closed_report(disk) if disk is not None else None
        await self.settings_ready()
        folder = self.folders.for_path(path)
        version, epoch = doc.version, folder.epoch
        cached = self.current.get(uri)
        if cached is not None and cached.version == version and cached.epoch == epoch:
            return cached
        key = (uri, version, epoch)
        future = self._inflight.get(key)
        if future is None and self._last_ms.get(uri, INLINE_MS) < INLINE_MS:
            # The last analysis of this document was quick (an incremental one): run this one
            # right here. Handing it to a worker costs two thread switches, each waiting for
            # the GIL, which is most of an edit's latency once analysis takes ~2 ms.
            report = self._compute(uri, path, version, doc.source, folder, epoch)
            if report is not None and self.is_current(report):
                self.current[uri] = report
            return report
        if future is None:
            future = asyncio.get_running_loop().run_in_executor(
                self._executor, self._compute, uri, path, version, doc.source, folder, epoch)
            self._inflight[key] = future
            future.add_done_callback(lambda _f, k=key: self._inflight.pop(k, None))
        report = await asyncio.shield(future)
        if report is not None and self.is_current(report):
            self.current[uri] = report
        return report

    def _compute(self, uri: str, path: Path, version: int | None, text: str, folder: Folder, epoch: int) -> Report | None:
        started = time.perf_counter()
        try:
            return self._compute_report(uri, path, version, text, folder, epoch)
        except Exception as exc:  # one document's failure stops here (failures.py says why)
            self.on_failure(uri, path, exc)
            return None
        finally:
            if version is not None:
                self._last_ms[uri] = (time.perf_counter() - started) * 1000

    def _compute_report(self, uri: str, path: Path, version: int | None, text: str, folder: Folder, epoch: int) -> Report | None:
        index = LineIndex(text)
        report = Report(uri, path, version, epoch, index)
        settings = folder.settings
        if not settings.enable or file_kind_of(path) is None:
            return report
        try:
            result = engine.analyze(folder.ws, path, text, selection=settings.selection(),
                                    extractor=self._extractor(uri) if version is not None else None,
                                    fence=self._fence(uri, path, folder))
        except Exception as exc:
            self.on_failure(uri, path, exc)
            return None
        for note in result.notes:
            log.debug("%s", note)
        online = self._online_findings(path, folder)
        if online:
            result.findings = sorted([*result.findings, *online], key=Finding.sort_key)
        others = OtherFiles(self.documents.by_path, folder.ws.text_of)
        conv = Conversion(path, uri, version, index, self.encoding(), others)
        report.findings = list(result.findings)
        diagnostics = []
        for i, finding in enumerate(report.findings):
            if finding.path != path:
                continue
            try:
                diagnostics.append(to_diagnostic(finding, i, conv))
            except Exception:
                log.exception("cannot convert %s in %s", finding.code, path)
        report.diagnostics = diagnostics
        log.debug("%s v%s: %d findings in %.1f ms", path.name, version, len(diagnostics), result.seconds * 1000)
        return report

    def _fence(self, uri: str, path: Path, folder: Folder) -> WriteFence:
        """Fixes stay inside the workspace folders (a file opened outside them: its own project
        root), and a document the editor opened through a link is read-only: ``path`` is
        already resolved, so the link is seen only in the URI."""
        roots = [f.root for f in self.folders.roots.values()]
        literal = literal_path(uri)
        linked = literal is not None and os.path.abspath(literal) != str(path)
        if folder.uri is None and not linked:
            # A linked document's resolved path may lie outside the folders although the editor
            # opened it inside one: the project around the link's target is not the user's.
            roots.append(folder.root)
        return WriteFence(roots, {path: "the editor opened it through a symbolic link"} if linked else None)

    def _extractor(self, uri: str):
        extractor = self._extractors.get(uri)
        if extractor is None:
            try:
                from ..parsing.incremental import IncrementalExtractor
            except Exception:  # the code parser is unavailable (see _ensure_code_parser)
                return None
            extractor = self._extractors.setdefault(uri, IncrementalExtractor())
        return extractor

    def _online_findings(self, path: Path, folder: Folder) -> list[Finding]:
        """The last online check's findings about ``path`` (``server.online``), through the same
        findings policy as the engine's own."""
        found = self.online.findings_for(path)
        return policy.apply_to(found, folder.settings.selection(), folder.ws) if found else []

    def is_current(self, report: Report) -> bool:
        """``report`` is of the document's current version and its folder's current epoch."""
        doc = self.documents.document(report.uri)
        if doc is None or doc.version != report.version:
            return False
        return self.folders.for_path(report.path).epoch == report.epoch

    async def closed_report(self, path: Path) -> Report | None:
        """A report for a file that is not open, from disk; cached by (mtime, size, epoch)."""
        if file_kind_of(path) is None:
            return None
        await self.settings_ready()
        folder = self.folders.for_path(path)
        try:
            st = os.stat(path)
        except OSError:
            return None
        key = (st.st_mtime_ns, st.st_size, folder.epoch)
        hit = self._closed.get(path)
        if hit is not None and hit[0] == key:
            return hit[1]

        def compute():
            text = folder.ws.text_of(path)
            return None if text is None else self._compute(path_to_uri(path), path, None, text, folder, key[2])

        report = await asyncio.get_running_loop().run_in_executor(self._executor, compute)
        if report is not None:
            self._closed[path] = (key, report)
        return report

    async def workspace_reports(self) -> list[Report]:
        """Reports for every .env and config file in the workspace folders that is not open."""
        roots = [f.root for f in self.folders.roots.values()]
        if not roots:
            return []

        def files():
            found = walk(roots, lambda p: "x" if is_env_file(p) or is_config_file(p) else None)
            return found.files[:WORKSPACE_FILE_LIMIT]

        loop = asyncio.get_running_loop()
        walked = self._walked
        if walked is not None and walked[1] == tuple(roots) and loop.time() - walked[0] < WALK_MAX_AGE:
            paths = walked[2]
        else:
            paths = await loop.run_in_executor(self._executor, files)
            self._walked = (loop.time(), tuple(roots), paths)
        reports = []
        for path in paths:
            path = Path(os.path.realpath(path))
            if self.documents.uri_of(path) is not None:
                continue
            try:
                report = await self.closed_report(path)
            except Exception:  # one odd file (unreadable, an unencodable name) must not empty the report
                log.exception("workspace diagnostics for %r failed", str(path))
                continue
            if report is not None:
                reports.append(report)
        return reports

    def forget(self, uri: str) -> None:
        """The document closed: drop its report and incremental state."""
        self.current.pop(uri, None)
        self._extractors.pop(uri, None)
        self._last_ms.pop(uri, None)

    def forget_walk(self) -> None:
        self._walked = None

    def invalidate(self) -> None:
        """Every closed file's report and the walk are stale (folders changed)."""
        self._closed.clear()
        self._walked = None

    def shutdown(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)


class Analyzer:
    """Push and pull diagnostics for the server: ``Reports`` computes, ``Scheduler`` decides when,
    this publishes (only current reports), re-checks dependents and asks pull clients to refresh."""

    def __init__(self, server):
        self.server = server
        self.computed = Reports(server.documents, server.folders, server.online,
                                encoding=lambda: server.encoding, settings_ready=server.settings_ready,
                                on_failure=lambda uri, path, exc: failures.report(server, uri, path, exc))
        self._scheduler = Scheduler(self._diagnose_and_publish)
        self._refresh: asyncio.TimerHandle | None = None

    @property
    def reports(self) -> dict[str, Report]:
        """uri -> the report of an open document's last analysis (code actions resolve against it)."""
        return self.computed.current

    async def diagnose(self, uri: str) -> Report | None:
        return await self.computed.diagnose(uri)

    async def closed_report(self, path: Path) -> Report | None:
        return await self.computed.closed_report(path)

    async def workspace_reports(self) -> list[Report]:
        return await self.computed.workspace_reports()

    # ----- push and scheduling --------------------------------------------------------------
    def schedule(self, uri: str, delay_ms: int | None = None) -> None:
        """Push diagnostics for ``uri`` after ``delay_ms`` (None: its folder's ``debounceMs``)."""
        if delay_ms is None:
            path = self.server.path_of(uri)
            delay_ms = self.server.folders.for_path(path).settings.debounce_ms if path else 0
        self._scheduler.request(uri, delay_ms)

    async def _diagnose_and_publish(self, uri: str) -> None:
        report = await self.diagnose(uri)
        if report is not None:
            self.publish(report)

    def publish(self, report: Report) -> None:
        if self.server.support.pull or report.version is None or not self.computed.is_current(report):
            return
        self.server.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri=report.uri, diagnostics=report.diagnostics, version=report.version))

    def forget(self, uri: str) -> None:
        """The document closed: drop its state and, for push clients, clear its diagnostics."""
        self._scheduler.forget(uri)
        self.computed.forget(uri)
        if not self.server.support.pull:
            self.server.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    def reschedule(self, folders: list[Folder], *, except_uri: str | None = None) -> None:
        """Re-diagnose the open documents of ``folders``; ask pull clients to re-pull.

        They wait longer than the debounce: the document being edited is analysed first, and a
        burst of keystrokes in a .env re-checks the files that read it once, not per keystroke."""
        wanted = set(map(id, folders))
        for uri, path in self.server.documents.items():
            folder = self.server.folders.for_path(path)
            if uri != except_uri and id(folder) in wanted:
                self.schedule(uri, max(folder.settings.debounce_ms, DEPENDENT_DELAY_MS))
        self.request_refresh()

    def dependency_changed(self, path: Path, *, except_uri: str | None = None) -> None:
        folders = self.server.folders.containing(path)
        if not folders:
            return
        log.debug("%s changed: re-checking %d folder(s)", path, len(folders))
        self.computed.forget_walk()  # a watched file may have been created or deleted
        self.server.folders.bump(folders, path)
        self.reschedule(folders, except_uri=except_uri)

    def request_refresh(self) -> None:
        """workspace/diagnostic/refresh for pull clients, at most once per DEPENDENT_DELAY_MS (or
        the debounce, if longer): a refresh makes the client pull every open document again, so
        a burst of keystrokes in a .env must cost one, not one per keystroke."""
        support = self.server.support
        if not (support.pull and support.refresh) or self._refresh is not None:
            return

        def send():
            self._refresh = None
            try:
                self.server.workspace_diagnostic_refresh(None)
            except Exception:
                log.exception("workspace/diagnostic/refresh failed")

        delay = max(self.server.folders.global_settings.debounce_ms, DEPENDENT_DELAY_MS) / 1000
        self._refresh = asyncio.get_running_loop().call_later(delay, send)

    def invalidate_all(self) -> None:
        folders = self.server.folders.all()
        self.server.folders.bump(folders)
        self.computed.invalidate()
        self.reschedule(folders)

    def shutdown(self) -> None:
        self._scheduler.shutdown()
        self.computed.shutdown()
