"""Code actions from the fixes the diagnostics carry; ``source.fixAll.byok-lsp`` (safe fixes only).

Actions read the fixes back from diagnostic ``data`` (or, for clients that drop ``data``, from the
server's report of the same version) and never re-run the analysis. Edits become versioned
``TextDocumentEdit``s: the client refuses a fix computed for an older version of the document.

Laziness: when the client resolves ``edit`` (``codeAction/resolve``), actions go out without
edits and with ``data``. A *sensitive* fix (its edits hold a whole key) is never serialised before
the user picks it: it resolves from the report for (uri, version), or — for clients that cannot
resolve — runs ``byok-lsp.applyFix``, which applies the edit through ``workspace/applyEdit``.
A fix that would need that command is not offered to a client without ``workspace/applyEdit``
(Vim's ALE): the user would pick it and see nothing happen.
"""

from __future__ import annotations

import logging

from lsprotocol import types

from ..findings import FixSafety
from .diagnostics import SOURCE, edit_payload, payload_of
from .protocol import converter

log = logging.getLogger(__name__)

FIX_ALL_KIND = f"{types.CodeActionKind.SourceFixAll.value}.byok-lsp"
KINDS = [types.CodeActionKind.QuickFix, types.CodeActionKind.SourceFixAll, FIX_ALL_KIND]
OPEN_URL = "byok-lsp.openUrl"
APPLY_FIX = "byok-lsp.applyFix"
FIX_ALL_TITLE = "byok-lsp: fix all safe problems in this file"


def kind_requested(kind: str, only) -> bool:
    if not only:
        return True
    values = [getattr(k, "value", k) for k in only]
    return any(k == "" or kind == k or kind.startswith(k + ".") for k in values)


# ----- WorkspaceEdit from edit payloads ----------------------------------------------------------
def workspace_edit(edits: list[dict], support) -> types.WorkspaceEdit | None:
    """None when the client cannot apply these edits (creating a file without resource operations)."""
    groups: dict[str, dict] = {}
    for e in edits if isinstance(edits, list) else []:
        try:
            uri, text = e["uri"], e["newText"]
            rng = converter().structure(e["range"], types.Range)
        except Exception:  # data that did not come from this server (or was mangled on the way)
            return None
        if not isinstance(uri, str) or not isinstance(text, str):
            return None
        version = e.get("version")
        g = groups.setdefault(uri, {"version": version if isinstance(version, int) else None, "create": False, "edits": []})
        g["create"] = g["create"] or bool(e.get("create"))
        g["edits"].append(types.TextEdit(range=rng, new_text=text))
    if not groups:
        return None
    if not support.document_changes:
        if any(g["create"] for g in groups.values()):
            return None
        return types.WorkspaceEdit(changes={uri: g["edits"] for uri, g in groups.items()})
    changes: list = []
    for uri, g in groups.items():
        if g["create"]:
            if not support.create_files:
                return None
            changes.append(types.CreateFile(uri=uri, options=types.CreateFileOptions(ignore_if_exists=True)))
        ident = types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=None if g["create"] else g["version"])
        changes.append(types.TextDocumentEdit(text_document=ident, edits=g["edits"]))
    return types.WorkspaceEdit(document_changes=changes)


# ----- edits computed on the server ----------------------------------------------------------------
def ref_edits(server, ref: dict) -> list[dict] | None:
    """Edit payloads of one fix named by a reference, from the report of that exact version."""
    report = server.analyzer.reports.get(ref.get("uri"))
    if report is None or report.version != ref.get("version"):
        log.warning("the fix refers to an older version of the document: run the code action again")
        return None
    try:
        finding = report.findings[int(ref["index"])]
        fix = finding.fixes[int(ref["fix"])]
    except (KeyError, IndexError, TypeError, ValueError):
        return None
    if finding.code != ref.get("code"):
        return None
    conv = server.conversion_for(report)
    return [edit_payload(e, conv) for e in fix.edits]


def fix_all_edits(server, report) -> tuple[list[dict], bool]:
    """The first safe fix of every finding whose edits stay inside the document, skipping fixes
    that overlap one already taken. Returns (edit payloads, whether any fix is sensitive).

    Fixes that edit other files (.env, .gitignore) are left to their quick fix: fix-all runs on
    save, and saving app.py should not silently write another file."""
    conv = server.conversion_for(report)
    taken: list[tuple[int, int, str]] = []
    edits, sensitive = [], False
    for finding in report.findings:
        if finding.path != report.path:
            continue
        for fix in finding.fixes:
            if fix.safety is not FixSafety.SAFE or not fix.edits:
                continue
            if any(e.path != report.path or e.create for e in fix.edits):
                continue
            spans = [(report.index.offset(e.span.line, e.span.col), report.index.offset(e.span.end_line, e.span.end_col),
                      e.new_text) for e in fix.edits]
            if all(s in taken for s in spans):
                break  # the same edit from another finding
            if any(_conflict(s, t) for s in spans for t in taken if s != t):
                continue
            taken.extend(s for s in spans if s not in taken)
            edits.extend(edit_payload(e, conv) for e in fix.edits)
            sensitive = sensitive or fix.sensitive
            break
    return edits, sensitive


def _conflict(a: tuple[int, int, str], b: tuple[int, int, str]) -> bool:
    return max(a[0], b[0]) < min(a[1], b[1]) or a[0] == b[0]


# ----- the actions -----------------------------------------------------------------------------------
def _overlaps(a: types.Range, b: types.Range) -> bool:
    def key(p):
        return (p.line, p.character)
    return key(a.start) <= key(b.end) and key(b.start) <= key(a.end)


def _candidates(params: types.CodeActionParams, report):
    """(diagnostic, payload) pairs for this request: the client's diagnostics, or — when it sent
    none of ours — the report's diagnostics overlapping the range."""
    out = []
    for diag in params.context.diagnostics or []:
        if diag.source != SOURCE:
            continue
        payload = payload_of(diag)
        if payload is None and report is not None:
            payload = next((payload_of(d) for d in report.diagnostics
                            if d.code == diag.code and d.range == diag.range), None)
        if payload is not None:
            out.append((diag, payload))
    if not out and report is not None:
        out = [(d, payload_of(d)) for d in report.diagnostics if _overlaps(d.range, params.range)]
    return out


def _fix_action(diag, payload: dict, j: int, fix: dict, support, preferred: bool):
    title, code = fix.get("title", "Fix"), payload.get("code")
    title = title if code and code in title else f"{title} ({code})"  # the code once: "Suppress BYOK201 on this line"
    edits, url, sensitive = fix.get("edits"), fix.get("url"), bool(fix.get("sensitive"))
    action = types.CodeAction(title=title, kind=types.CodeActionKind.QuickFix, diagnostics=[diag])
    if sensitive:
        ref = {"byok": 1, "action": "ref", "uri": payload.get("uri"), "version": payload.get("version"),
               "index": payload.get("index"), "code": payload.get("code"), "fix": j}
        if support.resolve_edit:
            action.data = ref
        elif support.apply_edit:
            action.command = types.Command(title=title, command=APPLY_FIX, arguments=[ref])
        else:
            return None
    elif edits:
        edit = workspace_edit(edits, support)
        if edit is None:
            return None
        if support.resolve_edit:
            action.data = {"byok": 1, "action": "edits", "edits": edits}
        else:
            action.edit = edit
    elif not url:
        return None
    if url and action.command is None:
        action.command = types.Command(title=title, command=OPEN_URL, arguments=[url])
    if preferred and (edits or sensitive):
        action.is_preferred = True
    return action


def fix_all_action(server, report):
    if report is None or report.version is None:
        return None
    edits, sensitive = fix_all_edits(server, report)
    if not edits:
        return None
    action = types.CodeAction(title=FIX_ALL_TITLE, kind=FIX_ALL_KIND)
    ref = {"byok": 1, "action": "fixAll", "uri": report.uri, "version": report.version}
    support = server.support
    if support.resolve_edit:
        action.data = ref
    elif sensitive:
        if not support.apply_edit:
            return None
        action.command = types.Command(title=FIX_ALL_TITLE, command=APPLY_FIX, arguments=[ref])
    else:
        action.edit = workspace_edit(edits, support)
    return action


def code_actions(server, params: types.CodeActionParams, report) -> list:
    support = server.support
    only = params.context.only
    actions: list = []
    if kind_requested(types.CodeActionKind.QuickFix.value, only):
        for diag, payload in _candidates(params, report):
            actions.extend(_quick_fixes(diag, payload, support))
    if kind_requested(FIX_ALL_KIND, only):
        action = fix_all_action(server, report)
        if action is not None:
            actions.append(action)
    if not support.code_action_literals:
        return [c for c in (_as_command(a, support) for a in actions) if c is not None]
    return actions


def _quick_fixes(diag, payload: dict, support) -> list:
    """One diagnostic's fixes as actions; the first safe one is preferred."""
    actions: list = []
    preferred_given = False
    for j, fix in enumerate(payload.get("fixes", [])):
        if not isinstance(fix, dict):
            continue
        prefer = not preferred_given and fix.get("safety") == FixSafety.SAFE.value
        try:
            action = _fix_action(diag, payload, j, fix, support, prefer)
        except Exception:  # one malformed fix must not drop the request's other actions
            log.exception("cannot build a code action for %s", payload.get("code"))
            continue
        if action is not None:
            preferred_given = preferred_given or bool(action.is_preferred)
            actions.append(action)
    return actions


def _as_command(action: types.CodeAction, support) -> types.Command | None:
    if action.command is not None:
        return action.command
    if isinstance(action.data, dict) and support.apply_edit:
        return types.Command(title=action.title, command=APPLY_FIX, arguments=[action.data])
    return None


def edits_for(server, data: dict) -> list[dict] | None:
    """Edit payloads for the ``data`` of an action or the argument of ``byok-lsp.applyFix``."""
    if not isinstance(data, dict) or data.get("byok") != 1:
        return None
    action = data.get("action")
    if action == "edits":
        return data.get("edits")
    if action == "ref":
        return ref_edits(server, data)
    if action == "fixAll":
        report = server.analyzer.reports.get(data.get("uri"))
        if report is None or report.version != data.get("version"):
            log.warning("fix-all refers to an older version of the document: run it again")
            return None
        return fix_all_edits(server, report)[0]
    return None


def resolve(server, action: types.CodeAction) -> types.CodeAction:
    if action.edit is not None:
        return action
    edits = edits_for(server, action.data)
    if edits:
        action.edit = workspace_edit(edits, server.support)
    return action
