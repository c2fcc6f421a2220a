"""``byok-lsp serve``: the pygls server. Wiring and thin handlers only.

State lives on ``ByokServer`` (``state.py``); each handler fetches the document, calls one function of
``analysis``, ``diagnostics``, ``code_actions``, ``hover`` or ``commands``, and converts.
Every handler is guarded: an exception is logged and the request still gets an answer (the
handler's empty result), so one bad file never stops the server.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import threading
from pathlib import Path

from lsprotocol import types

from .. import __version__, keys
from . import code_actions, codecache, commands, failures, hover_request, logs
from .analysis import is_dependency
from .client import ClientSupport
from .documents import uri_to_path
from .settings import SECTION, section_of
from .state import SETTINGS_TIMEOUT, ByokServer

log = logging.getLogger(__name__)

CODE_CACHE_SAVE_DELAY = 10.0  # seconds after start-up: cattrs' and dataclasses' generated code is written then, and at shutdown
WATCHED = ("**/.env*", "**/*.env", "**/pyproject.toml", "**/.byok-lsp.toml", "**/.gitignore")


def guarded(default=None):
    """Log a handler's exception and answer with ``default`` instead of failing the request."""
    def wrap(func):
        if asyncio.iscoroutinefunction(func):
            @functools.wraps(func)
            async def run_async(ls, params):
                try:
                    return await func(ls, params)
                except Exception:
                    log.exception("%s failed", func.__name__)
                    return default() if callable(default) else default
            return run_async

        @functools.wraps(func)
        def run(ls, params):
            try:
                return func(ls, params)
            except Exception:
                log.exception("%s failed", func.__name__)
                return default() if callable(default) else default
        return run
    return wrap


# ----- lifecycle ---------------------------------------------------------------------------------
@guarded()
def initialize(ls: ByokServer, params: types.InitializeParams) -> None:
    """LSP handler for initialize."""
    ls.start(asyncio.get_running_loop())
    options = params.initialization_options
    ls.init_options = options if isinstance(options, dict) else {}
    ls.trusted = ls.init_options.get("workspaceTrusted") is True
    ls.support = ClientSupport.from_capabilities(params.capabilities)
    ls.set_folders()
    ls.apply_settings(None, reschedule=False)
    log.info("byok-lsp %s: %s diagnostics, %s positions, %d folder(s), workspace %strusted", __version__,
             "pull" if ls.support.pull else "push", ls.encoding, len(ls.folders.roots), "" if ls.trusted else "not ")
    threading.Thread(target=prewarm, name="byok-prewarm", daemon=True).start()


def prewarm() -> None:
    """Load what every file's first analysis needs — the catalogue, the rules, the text scanner —
    while the client digests the initialize answer (the server would idle), rather than after the
    first didOpen: the first diagnostics come ~10-15 ms sooner. A failure here is the analysis's
    to report, as before."""
    try:
        from ..catalog import load
        from ..parsing import lang_text  # noqa: F401
        from ..rules.registry import all_rules

        load()
        all_rules()
    except Exception:
        log.debug("prewarm failed", exc_info=True)


@guarded()
async def initialized(ls: ByokServer, params: types.InitializedParams) -> None:
    """LSP handler for initialized: register file watchers and configuration, then read settings."""
    registrations = _registrations(ls.support)
    if registrations:
        try:
            await asyncio.wait_for(ls.client_register_capability_async(
                types.RegistrationParams(registrations=registrations)), SETTINGS_TIMEOUT)
        except Exception as exc:
            log.info("client/registerCapability failed (%s): .env changes on disk are seen on the next edit", exc)
    await ls.fetch_settings()
    asyncio.get_running_loop().call_later(CODE_CACHE_SAVE_DELAY, codecache.save_runtime)


def _registrations(support: ClientSupport) -> list[types.Registration]:
    """The dynamic registrations the client supports: watchers for the files analysis depends on,
    and configuration changes of our section."""
    registrations = []
    if support.watched_files_dynamic:
        registrations.append(types.Registration(
            id="byok-lsp-watched-files", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
            register_options=types.DidChangeWatchedFilesRegistrationOptions(
                watchers=[types.FileSystemWatcher(glob_pattern=g) for g in WATCHED])))
    if support.configuration_dynamic:
        registrations.append(types.Registration(
            id="byok-lsp-configuration", method=types.WORKSPACE_DID_CHANGE_CONFIGURATION,
            register_options=types.DidChangeConfigurationRegistrationOptions(section=SECTION)))
    return registrations


@guarded()
def shutdown(ls: ByokServer, params) -> None:
    """LSP handler for shutdown."""
    ls.analyzer.shutdown()
    codecache.save_runtime()


# ----- document sync -----------------------------------------------------------------------------
@guarded()
def did_open(ls: ByokServer, params: types.DidOpenTextDocumentParams) -> None:
    """LSP handler for textDocument/didOpen."""
    uri = params.text_document.uri
    path = ls.documents.open(uri)
    if path is not None:
        ls.analyzer.schedule(uri, 0)
        if is_dependency(path):  # its text in the editor (say, just edited by a fix) may not be on disk
            ls.analyzer.dependency_changed(path, except_uri=uri)


def _document_changed(ls: ByokServer, uri: str, delay_ms: int | None) -> None:
    """Re-diagnose the document (``delay_ms`` None: its debounce), and what depends on it."""
    path = ls.path_of(uri)
    if path is None:
        return
    ls.analyzer.schedule(uri, delay_ms)
    if is_dependency(path):
        ls.analyzer.dependency_changed(path, except_uri=uri)


@guarded()
def did_change(ls: ByokServer, params: types.DidChangeTextDocumentParams) -> None:
    """LSP handler for textDocument/didChange."""
    _document_changed(ls, params.text_document.uri, None)


@guarded()
def did_save(ls: ByokServer, params: types.DidSaveTextDocumentParams) -> None:
    """LSP handler for textDocument/didSave."""
    uri = params.text_document.uri
    _document_changed(ls, uri, 0)
    path = ls.path_of(uri)
    if path is not None and not ls.support.watched_files_dynamic:
        # Without file watchers a save is the only sign that a .env or .gitignore may have changed on
        # disk (`:wall` after a fix edited one in a buffer the server never saw): read them all again.
        folders = ls.folders.containing(path)
        ls.folders.bump(folders)
        ls.analyzer.reschedule(folders, except_uri=uri)


@guarded()
def did_close(ls: ByokServer, params: types.DidCloseTextDocumentParams) -> None:
    """LSP handler for textDocument/didClose."""
    uri = params.text_document.uri
    path = ls.documents.close(uri)
    ls.analyzer.forget(uri)
    if path is not None and is_dependency(path):  # unsaved edits are gone: the disk counts again
        ls.analyzer.dependency_changed(path)


@guarded()
def did_change_watched_files(ls: ByokServer, params: types.DidChangeWatchedFilesParams) -> None:
    """LSP handler for workspace/didChangeWatchedFiles."""
    for change in params.changes:
        path = uri_to_path(change.uri)
        if path is not None and is_dependency(path):
            ls.analyzer.dependency_changed(path)


@guarded()
async def did_change_configuration(ls: ByokServer, params: types.DidChangeConfigurationParams) -> None:
    """LSP handler for workspace/didChangeConfiguration."""
    if not ls.support.configuration:
        pushed = section_of(params.settings) if isinstance(params.settings, dict) else None
        ls.pushed_settings = pushed if pushed else None
    await ls.fetch_settings()


@guarded()
async def did_change_workspace_folders(ls: ByokServer, params: types.DidChangeWorkspaceFoldersParams) -> None:
    """LSP handler for workspace/didChangeWorkspaceFolders (pygls has updated its folders)."""
    ls.set_folders()
    await ls.fetch_settings()
    ls.analyzer.invalidate_all()


# ----- diagnostics (pull) ------------------------------------------------------------------------
@guarded(lambda: types.RelatedFullDocumentDiagnosticReport(items=[]))
async def text_document_diagnostic(ls: ByokServer, params: types.DocumentDiagnosticParams):
    """LSP handler for textDocument/diagnostic."""
    report = await ls.analyzer.diagnose(params.text_document.uri)
    if report is None:
        return types.RelatedFullDocumentDiagnosticReport(items=[])
    if params.previous_result_id and params.previous_result_id == report.result_id:
        return types.RelatedUnchangedDocumentDiagnosticReport(result_id=report.result_id)
    return types.RelatedFullDocumentDiagnosticReport(items=report.diagnostics, result_id=report.result_id)


@guarded(lambda: types.WorkspaceDiagnosticReport(items=[]))
async def workspace_diagnostic(ls: ByokServer, params: types.WorkspaceDiagnosticParams):
    """LSP handler for workspace/diagnostic: .env and config files that are not open."""
    previous = {p.uri: p.value for p in params.previous_result_ids or []}
    items = []
    for report in await ls.analyzer.workspace_reports():
        if previous.get(report.uri) == report.result_id:
            items.append(types.WorkspaceUnchangedDocumentDiagnosticReport(
                uri=report.uri, result_id=report.result_id, version=None))
        else:
            items.append(types.WorkspaceFullDocumentDiagnosticReport(
                uri=report.uri, items=report.diagnostics, result_id=report.result_id, version=None))
    return types.WorkspaceDiagnosticReport(items=items)


# ----- hover and code actions --------------------------------------------------------------------
@guarded()
async def text_document_hover(ls: ByokServer, params: types.HoverParams):
    """LSP handler for textDocument/hover."""
    return await hover_request.hover_at(ls, params)


@guarded(list)
async def text_document_code_action(ls: ByokServer, params: types.CodeActionParams):
    """LSP handler for textDocument/codeAction."""
    uri = params.text_document.uri
    report = await failures.report_within(ls, uri) if ls.open_document(uri) is not None else None
    return code_actions.code_actions(ls, params, report)


def code_action_resolve(ls: ByokServer, params: types.CodeAction) -> types.CodeAction:
    """LSP handler for codeAction/resolve."""
    try:
        return code_actions.resolve(ls, params)
    except Exception:
        log.exception("codeAction/resolve failed")
        return params


# ----- wiring ------------------------------------------------------------------------------------
def _command(name: str, handler):
    async def run(ls, *args):
        try:
            return keys.redacted(await handler(ls, list(args)))  # results go to the client
        except Exception:
            log.exception("command %s failed", name)
            raise
    run.__name__ = name.replace(".", "_").replace("-", "_")
    return run


def create_server() -> ByokServer:
    server = ByokServer()
    features = [
        (types.INITIALIZE, initialize, None),
        (types.INITIALIZED, initialized, None),
        (types.SHUTDOWN, shutdown, None),
        (types.TEXT_DOCUMENT_DID_OPEN, did_open, None),
        (types.TEXT_DOCUMENT_DID_CHANGE, did_change, None),
        (types.TEXT_DOCUMENT_DID_SAVE, did_save, types.SaveOptions(include_text=False)),
        (types.TEXT_DOCUMENT_DID_CLOSE, did_close, None),
        (types.WORKSPACE_DID_CHANGE_WATCHED_FILES, did_change_watched_files, None),
        (types.WORKSPACE_DID_CHANGE_CONFIGURATION, did_change_configuration, None),
        (types.WORKSPACE_DID_CHANGE_WORKSPACE_FOLDERS, did_change_workspace_folders, None),
        (types.TEXT_DOCUMENT_DIAGNOSTIC, text_document_diagnostic,
         types.DiagnosticOptions(identifier=SECTION, inter_file_dependencies=True, workspace_diagnostics=True)),
        (types.WORKSPACE_DIAGNOSTIC, workspace_diagnostic, None),
        (types.TEXT_DOCUMENT_HOVER, text_document_hover, None),
        (types.TEXT_DOCUMENT_CODE_ACTION, text_document_code_action,
         types.CodeActionOptions(code_action_kinds=code_actions.KINDS, resolve_provider=True)),
        (types.CODE_ACTION_RESOLVE, code_action_resolve, None),
    ]
    for method, handler, options in features:
        server.feature(method, options)(handler)
    for name, handler in commands.HANDLERS.items():
        server.command(name)(_command(name, handler))
    logging.getLogger(logs.PACKAGE_LOGGER).addHandler(server.client_log)
    return server


def run(log_file: Path | None = None, verbosity: int = 0) -> int:
    logs.configure(log_file, verbosity)
    server = create_server()
    from .transport import serve_stdio

    return serve_stdio(server)  # our message loop around pygls' protocol: exit's status (0 after shutdown, else 1)


__all__ = ["ByokServer", "create_server", "run"]
