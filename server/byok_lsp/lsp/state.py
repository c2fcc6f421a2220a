"""The server's state: open documents, workspace folders and their settings, client support.

``ByokServer`` is also the API ``lsp/online_commands.py`` builds on: ``workspace_for``,
``settings_for``, ``trusted``, ``online`` (the typed store of online results), ``folder_uris``
and ``notify_status``.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from pathlib import Path
from urllib.parse import unquote

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from .. import __version__
from ..keys import redact
from ..workspace import Workspace
from . import logs
from .analysis import Analyzer, is_dependency
from .client import ClientSupport
from .diagnostics import Conversion, OtherFiles
from .documents import ByokWorkspace, uri_to_path
from .folders import Folders
from .online_results import OnlineResults
from .open_documents import OpenDocuments
from .positions import UTF16
from .protocol import ByokProtocol, converter
from .settings import SECTION, Settings, parse, section_of

log = logging.getLogger(__name__)

SETTINGS_TIMEOUT = 5.0


class ByokServer(LanguageServer):
    def __init__(self):
        super().__init__("byok-lsp", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental,
                         protocol_cls=ByokProtocol, converter_factory=converter)
        self.support = ClientSupport()
        self.trusted = False
        self.online = OnlineResults(self._online_results_changed)  # filled by online_commands.py
        self.documents = OpenDocuments(self.open_document)
        self.folders = Folders(self.documents.text_of)
        self.analyzer = Analyzer(self)
        self.init_options: dict = {}
        self.pushed_settings: dict | None = None  # didChangeConfiguration, clients without pull
        self.client_log = logs.ClientLogHandler(self)
        self.loop: asyncio.AbstractEventLoop | None = None
        self._settings_event: asyncio.Event | None = None
        self._problems_logged: set[str] = set()

    def start(self, loop: asyncio.AbstractEventLoop) -> None:
        """``initialize``: the event loop is known; analyses wait for the client's settings;
        documents apply incremental changes at LSP's line breaks (documents.py)."""
        self.loop = loop
        self.client_log.loop = loop
        self._settings_event = asyncio.Event()
        self.protocol.workspace.__class__ = ByokWorkspace

    # ----- documents ------------------------------------------------------------------------
    @property
    def encoding(self) -> str:
        try:
            value = self.workspace.position_encoding
        except RuntimeError:
            return UTF16
        return getattr(value, "value", value) or UTF16

    def open_document(self, uri: str):
        try:
            return self.workspace.text_documents.get(unquote(uri))
        except RuntimeError:
            return None

    @property
    def open_paths(self) -> dict[str, Path]:
        """uri -> path of the open documents (a snapshot; ``documents`` owns them)."""
        return dict(self.documents.items())

    def path_of(self, uri: str) -> Path | None:
        return self.documents.path_of(uri)

    def uri_of_open(self, path: Path) -> str | None:
        return self.documents.uri_of(path)

    def open_document_by_path(self, path: Path):
        return self.documents.by_path(path)

    def overlay_text(self, path: Path) -> str | None:
        """The unsaved text of an open document, so the core reads the editor, not the disk."""
        return self.documents.text_of(path)

    def edited_by_fix(self, uris: list[str]) -> None:
        """A fix this server applied (``workspace/applyEdit``) changed these files: re-diagnose what
        depends on them now, also for clients that watch no files (Neovim 0.7, eglot, ALE)."""
        for path in {p for p in map(uri_to_path, uris) if p is not None and is_dependency(p)}:
            self.analyzer.dependency_changed(path)

    def conversion_for(self, report) -> Conversion:
        folder = self.folders.for_path(report.path)
        others = OtherFiles(self.open_document_by_path, folder.ws.text_of)
        return Conversion(report.path, report.uri, report.version, report.index, self.encoding, others)

    # ----- the API lsp/online_commands.py builds on ---------------------------------------------
    def workspace_for(self, uri: str) -> Workspace | None:
        path = self.path_of(uri) or uri_to_path(uri)
        return self.folders.for_path(path).ws if path else None

    def settings_for(self, uri: str) -> Settings:
        """The document's folder settings; ``online_checks`` is already false unless trusted."""
        path = self.path_of(uri) or uri_to_path(uri)
        return self.folders.for_path(path).settings if path else self.folders.global_settings

    def folder_uris(self) -> list[str]:
        """The workspace folders' URIs (the root URI of a client without folders)."""
        try:
            ws = self.workspace
        except RuntimeError:  # before initialize
            return []
        uris = list(ws.folders.keys()) if isinstance(ws.folders, dict) else []
        return uris or ([ws.root_uri] if ws.root_uri else [])

    def notify_status(self, text: str, tooltip: str = "", level: str = "info") -> None:
        params = {"text": redact(text), "tooltip": redact(tooltip), "level": level}
        if self.loop is None:
            return
        self.loop.call_soon_threadsafe(self.protocol.notify, "byok-lsp/status", params)

    def _online_results_changed(self, root: Path) -> None:
        """An online check stored a new report: re-diagnose the folders it belongs to, so its
        findings (BYOK4xx) show up as diagnostics."""
        if self.loop is not None:
            self.loop.call_soon_threadsafe(self._recheck_for_online, root)

    def _recheck_for_online(self, root: Path) -> None:
        # The report's root is a folder's project root (ws.root), which may lie above the folder.
        folders = {id(f): f for f in self.folders.all() if f.contains(root) or Path(f.ws.root) == root}
        if folders:
            self.folders.bump(list(folders.values()))
            self.analyzer.reschedule(list(folders.values()))

    # ----- settings -------------------------------------------------------------------------
    async def settings_ready(self) -> None:
        if self._settings_event is not None and not self._settings_event.is_set():
            try:
                await asyncio.wait_for(self._settings_event.wait(), SETTINGS_TIMEOUT)
            except asyncio.TimeoutError:
                log.warning("the client did not answer workspace/configuration; using initialization options")
                self._settings_event.set()

    def _log_problems(self, problems: list[str]) -> None:
        for problem in problems:
            if problem not in self._problems_logged:
                self._problems_logged.add(problem)
                log.warning("%s", problem)

    def apply_settings(self, answers: list | None, *, reschedule: bool = True) -> None:
        """Recompute every folder's settings from initializationOptions, pushed settings and the
        client's workspace/configuration ``answers`` ([unscoped, folder 1, folder 2, ...]).

        ``reschedule=False`` (initialize: nothing analysed yet) skips re-diagnosing and the
        workspace/diagnostic/refresh, which would otherwise cancel the editor's first pull."""
        init = self.init_options
        global_raw = section_of(init.get("globalSettings") if isinstance(init.get("globalSettings"), dict) else init)
        base, problems = parse(global_raw)
        if self.pushed_settings is not None:
            base, more = parse(self.pushed_settings, base)
            problems += more
        answers = list(answers or [])
        if answers and isinstance(answers[0], dict):
            base, more = parse(answers[0], base)
            problems += more
        per_folder = _per_folder_init(init)
        changed = []
        for i, folder in enumerate(self.folders.roots.values(), 1):
            settings, more = parse(per_folder.get(folder.uri), base, allow_online=False)
            problems += more
            if i < len(answers) and isinstance(answers[i], dict):
                settings, more = parse(answers[i], settings, allow_online=False)
                problems += more
            settings = dataclasses.replace(settings, online_checks=settings.online_checks and self.trusted)
            if settings != folder.settings:
                folder.settings = settings
                changed.append(folder)
        gated = dataclasses.replace(base, online_checks=base.online_checks and self.trusted)
        if gated != self.folders.global_settings:
            self.folders.global_settings = gated
            for folder in self.folders.loose.values():
                folder.settings = gated
                changed.append(folder)
        self.client_log.set_level_name(gated.log_level)
        self._log_problems(problems)
        if changed and self.loop is not None and reschedule:
            self.folders.bump(changed)
            self.analyzer.reschedule(changed)

    async def fetch_settings(self) -> None:
        answers = None
        try:
            if self.support.configuration:
                items = [types.ConfigurationItem(section=SECTION)] + [
                    types.ConfigurationItem(section=SECTION, scope_uri=f.uri) for f in self.folders.roots.values()]
                answers = await asyncio.wait_for(
                    self.workspace_configuration_async(types.ConfigurationParams(items=items)), SETTINGS_TIMEOUT)
        except Exception as exc:
            log.warning("workspace/configuration failed (%s); using initialization options", exc)
        try:
            self.apply_settings(answers)
        finally:
            if self._settings_event is not None:
                self._settings_event.set()

    def set_folders(self) -> None:
        roots = []
        for folder in self.workspace.folders.values():
            path = uri_to_path(folder.uri)
            if path is not None:
                roots.append((folder.uri, path))
        if not roots and self.workspace.root_uri:
            path = uri_to_path(self.workspace.root_uri)
            if path is not None:
                roots.append((self.workspace.root_uri, path))
        self.folders.set_roots(roots)

    def report_server_error(self, error, source):
        """Errors go to the log, never to a popup; a failed request already got its error answer."""
        from pygls.exceptions import FeatureRequestError

        log.log(logging.DEBUG if source is FeatureRequestError else logging.ERROR, "%s", error)


def _per_folder_init(init: dict) -> dict[str, dict]:
    """VS Code-style ``{"settings": [{"workspace": uri, ...}, ...]}`` initialization options."""
    items = init.get("settings")
    out = {}
    if isinstance(items, list):
        for item in items:
            if isinstance(item, dict):
                uri = item.get("workspace") or item.get("scopeUri") or item.get("uri")
                if isinstance(uri, str):
                    out[uri] = section_of(item)
    return out
