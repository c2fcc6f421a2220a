"""``workspace/executeCommand``: re-check, explain an error, the setup guide, open a page, apply a fix.

Opening a page is a command (not a ``showDocument`` sent from a code action) because every client
can run a command; clients without ``window/showDocument`` (Neovim, Emacs, Vim) get the URL in a
``window/showMessage`` the user sees, besides the result and the log.
Only https pages the catalogue or the rule docs name can be opened: a command argument must not
become a way to open arbitrary URLs or files.
"""

from __future__ import annotations

import logging

from lsprotocol import types

from .. import catalog as catalog_mod
from .. import explain
from ..keys import redact
from ..rules.registry import DOCS_URL, all_rules
from . import code_actions, online_commands

log = logging.getLogger(__name__)

RECHECK = "byok-lsp.recheckWorkspace"
EXPLAIN = "byok-lsp.explainError"
SETUP_GUIDE = "byok-lsp.showSetupGuide"
OPEN_URL = code_actions.OPEN_URL
APPLY_FIX = code_actions.APPLY_FIX


def allowed_urls() -> set[str]:
    cat = catalog_mod.load()
    urls = set(cat.links.values()) | {s.url for s in cat.steps.values()} | {DOCS_URL}
    urls |= {rule.url for rule in all_rules().values()}
    return {u for u in urls if u.startswith("https://")}


def _first(args, key: str):
    """The first argument, or ``key`` of it when it is an object."""
    if not args:
        return None
    value = args[0]
    if isinstance(value, dict):
        return value.get(key)
    return value


async def open_url(server, args) -> dict:
    url = _first(args, "url")
    if not isinstance(url, str) or url not in allowed_urls():
        log.warning("refused to open %r: only the catalogue's https pages can be opened", redact(str(url))[:200])
        return {"opened": False, "url": None, "error": "not an allowed URL"}
    if not server.support.show_document:
        log.info("Open this page in a browser: %s", url)
        server.window_show_message(types.ShowMessageParams(
            type=types.MessageType.Info, message=f"byok-lsp: open this page in your browser: {url}"))
        return {"opened": False, "url": url, "shown": True}
    try:
        result = await server.window_show_document_async(types.ShowDocumentParams(uri=url, external=True))
        return {"opened": bool(result and result.success), "url": url}
    except Exception as exc:
        log.warning("window/showDocument failed (%s); open %s yourself", exc, url)
        return {"opened": False, "url": url}


async def show_setup_guide(server, args) -> dict:
    cat = catalog_mod.load()
    result = {"markdown": explain.setup_guide(cat),
              "steps": [{"title": cat.steps[s].title, "url": cat.steps[s].url} for s in explain.SETUP_STEPS if s in cat.steps]}
    if _first(args, "open") is True:
        result["opened"] = (await open_url(server, [cat.links["openrouter-byok"]]))["opened"]
    return result


async def explain_error(server, args) -> dict:
    """``byok-lsp.explainError {"text", "show"?}``: a pasted error, rule or model id, explained as
    ``byok-lsp explain`` would; shown in a message box unless ``show`` is false."""
    text = _first(args, "text")
    found = explain.explain(text) if isinstance(text, str) else None
    markdown = found.markdown if found else (explain.UNKNOWN if isinstance(text, str) and text.strip()
                                             else "Pass the error text to explain.")
    if _first(args, "show") is not False and isinstance(text, str) and text.strip():
        server.window_show_message(types.ShowMessageParams(
            type=types.MessageType.Info if found else types.MessageType.Warning, message=redact(explain.plain(markdown))))
    return {"matched": found is not None, "kind": found.kind if found else None, "markdown": markdown}


async def recheck_workspace(server, args) -> dict:
    server.analyzer.invalidate_all()
    return {"documents": len(server.documents)}


async def apply_fix(server, args) -> dict:
    data = args[0] if args else None
    edits = code_actions.edits_for(server, data)
    if not edits:
        return {"applied": False, "reason": "the fix is out of date or unknown: run the code action again"}
    edit = code_actions.workspace_edit(edits, server.support)
    if edit is None or not server.support.apply_edit:
        return {"applied": False, "reason": "the client cannot apply this edit"}
    result = await server.workspace_apply_edit_async(types.ApplyWorkspaceEditParams(edit=edit, label="byok-lsp fix"))
    applied = bool(result and result.applied)
    if applied:
        server.edited_by_fix([e["uri"] for e in edits if isinstance(e, dict) and isinstance(e.get("uri"), str)])
    return {"applied": applied}


HANDLERS = {
    RECHECK: recheck_workspace,
    EXPLAIN: explain_error,
    SETUP_GUIDE: show_setup_guide,
    OPEN_URL: open_url,
    APPLY_FIX: apply_fix,
    **online_commands.HANDLERS,
}
