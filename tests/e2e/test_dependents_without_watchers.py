"""Clients that watch no files (Neovim 0.7, eglot 1.9, ALE) still see findings that depend on .env
go away (issue 13 item 4): after a fix the server applied itself, and after a save.

The session plays eglot 1.9 (Neovim 0.7's capabilities without codeAction/resolve: sensitive
fixes run through ``byok-lsp.applyFix``), writing each applied edit to disk as an editor that
saves would.
"""

from __future__ import annotations

import pytest
import pytest_asyncio
from lsp_e2e import OR_KEY, apply_workspace_edit, codes, diagnostics_for, open_doc, start, wait_for, write
from lsprotocol import types
from pytest_lsp import client_capabilities

pytestmark = pytest.mark.asyncio(loop_scope="module")

HEAD = 'import os\n\nfrom openai import OpenAI\n\n'
READS_ENV = HEAD + 'client = OpenAI(base_url="https://openrouter.ai/api/v1", api_key=os.getenv("OPENROUTER_API_KEY"))\n'
HARD_CODED = HEAD + f'client = OpenAI(base_url="https://openrouter.ai/api/v1", api_key="{OR_KEY}")\n'


def caps() -> types.ClientCapabilities:
    c = client_capabilities("neovim@0.7.0")
    c.text_document.code_action.resolve_support = None
    assert c.workspace.did_change_watched_files is None and c.workspace.apply_edit
    return c


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def roots(module_client, tmp_path_factory):
    base = tmp_path_factory.mktemp("dependents")
    out = {
        "save": write(base / "save", {"app.py": READS_ENV, ".env": "OPENROUTER_API_KEY=\n", ".gitignore": ".env\n"}),
        "fix": write(base / "fix", {"app.py": HARD_CODED, "other.py": READS_ENV,
                                    ".env": "# keys\nOPENROUTER_API_KEY=\nOTHER=1\n", ".gitignore": ".env\n"}),
    }
    await start(module_client, list(out.values()), caps())

    def write_to_disk(edit: types.WorkspaceEdit) -> None:
        uris = {c.text_document.uri for c in edit.document_changes or [] if isinstance(c, types.TextDocumentEdit)}
        uris |= set(edit.changes or {})
        paths = {u: types_path(u) for u in uris}
        texts = {u: p.read_text(encoding="utf-8") if p.exists() else "" for u, p in paths.items()}
        for u, text in apply_workspace_edit(edit, texts).items():
            paths[u].write_text(text, encoding="utf-8")

    module_client.on_apply_edit = write_to_disk
    return out


def types_path(uri: str):
    from pathlib import Path
    from urllib.parse import unquote, urlparse

    return Path(unquote(urlparse(uri).path))


async def _next_publish(client, uri: str, after: int, timeout: float = 10.0):
    """The diagnostics of the first publish for ``uri`` after the ``after``-th notification."""
    def found():
        return next((p for p in client.published[after:] if p.uri == uri), None)
    return (await wait_for(found, timeout, f"a new publish for {uri}")).diagnostics


async def test_save_rereads_env_without_watchers(module_client, roots):
    root = roots["save"]
    uri = open_doc(module_client, root / "app.py", language="python")
    assert "BYOK201" in codes(await diagnostics_for(module_client, uri, 1))
    (root / ".env").write_text(f"OPENROUTER_API_KEY={OR_KEY}\n")  # saved from a buffer the server never saw
    mark = len(module_client.published)
    module_client.text_document_did_save(types.DidSaveTextDocumentParams(
        text_document=types.TextDocumentIdentifier(uri=uri)))
    assert "BYOK201" not in codes(await _next_publish(module_client, uri, mark))


async def test_server_made_fix_rechecks_dependents_and_updates_the_variable(module_client, roots):
    root = roots["fix"]
    other = open_doc(module_client, root / "other.py", language="python")
    assert "BYOK201" in codes(await diagnostics_for(module_client, other, 1))  # the key is empty in .env
    app = open_doc(module_client, root / "app.py", language="python")
    diags = await diagnostics_for(module_client, app, 1)
    [hard] = [d for d in diags if d.code == "BYOK301"]
    actions = await module_client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=app), range=hard.range,
        context=types.CodeActionContext(diagnostics=[hard])))
    move = next(a for a in actions if a.title.startswith("Move the key to .env"))
    assert move.edit is None and move.command.command == "byok-lsp.applyFix"
    mark = len(module_client.published)
    result = await module_client.workspace_execute_command_async(types.ExecuteCommandParams(
        command=move.command.command, arguments=move.command.arguments))
    assert result == {"applied": True}
    # the variable .env already had is filled in, not added a second time (no BYOK205 duplicate)
    assert (root / ".env").read_text() == f"# keys\nOPENROUTER_API_KEY={OR_KEY}\nOTHER=1\n"
    assert "BYOK201" not in codes(await _next_publish(module_client, other, mark))
