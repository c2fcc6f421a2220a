"""Code actions for a client that cannot resolve them and has no window/showDocument: edits come
with the action, sensitive fixes run through ``byok-lsp.applyFix``, pages come back as URLs and in a
message the user sees."""

from __future__ import annotations

import json

import pytest
import pytest_asyncio
from lsp_e2e import OR_KEY, apply_workspace_edit, codes, diagnostics_for, eager_caps, open_doc, replace_all, start, wait_for, write
from lsprotocol import converters, types

pytestmark = pytest.mark.asyncio(loop_scope="module")

CORRUPTED_ENV = f'OPENROUTER_API_KEY=" {OR_KEY} "\r\nOPENAI_API_KEY=your-key-here\r\n'
_converter = converters.get_converter()


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def folders(module_client, tmp_path_factory):
    base = tmp_path_factory.mktemp("eager")
    roots = {
        "crlf": write(base / "crlf", {".env": "# keys\r\nOPENROUTER_API_KEY=your-key-here\r\nOTHER=1"}),
        "sensitive": write(base / "sensitive", {".env": CORRUPTED_ENV}),
    }
    caps = eager_caps()
    caps.window.show_document = None
    await start(module_client, list(roots.values()), caps)
    return roots


async def test_suppress_on_crlf_line_keeps_bytes(module_client, folders):
    text = "# keys\r\nOPENROUTER_API_KEY=your-key-here\r\nOTHER=1"  # CRLF, no final newline
    uri = open_doc(module_client, folders["crlf"] / ".env", text)
    diags = await diagnostics_for(module_client, uri, 1)
    assert codes(diags) == ["BYOK202"]
    actions = await module_client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=diags[0].range,
        context=types.CodeActionContext(diagnostics=diags)))
    suppress = next(a for a in actions if a.title.startswith("Suppress BYOK202"))
    assert suppress.edit is not None  # no resolve: the edit comes with the action
    new_text = apply_workspace_edit(suppress.edit, {uri: text})[uri]
    assert new_text == "# keys\r\nOPENROUTER_API_KEY=your-key-here  # byok-lsp: ignore[BYOK202]\r\nOTHER=1"
    replace_all(module_client, uri, new_text, 2)
    assert await diagnostics_for(module_client, uri, 2) == []


async def test_sensitive_fix_uses_apply_fix_command(module_client, folders):
    uri = open_doc(module_client, folders["sensitive"] / ".env", CORRUPTED_ENV)
    diags = await diagnostics_for(module_client, uri, 1)
    actions = await module_client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=diags[0].range,
        context=types.CodeActionContext(diagnostics=[d for d in diags if d.code == "BYOK206"])))
    assert OR_KEY not in json.dumps(_converter.unstructure(actions))
    clean = next(a for a in actions if a.title.startswith("Clean up the value"))
    assert clean.edit is None and clean.command.command == "byok-lsp.applyFix"
    result = await module_client.workspace_execute_command_async(types.ExecuteCommandParams(
        command=clean.command.command, arguments=clean.command.arguments))
    assert result == {"applied": True}
    new_text = apply_workspace_edit(module_client.applied_edits[-1], {uri: CORRUPTED_ENV})[uri]
    assert new_text == f"OPENROUTER_API_KEY={OR_KEY}\r\nOPENAI_API_KEY=your-key-here\r\n"


async def test_open_url_without_show_document_returns_the_url(module_client, folders):
    url = "https://openrouter.ai/settings/keys"
    result = await module_client.workspace_execute_command_async(types.ExecuteCommandParams(
        command="byok-lsp.openUrl", arguments=[url]))
    assert result == {"opened": False, "url": url, "shown": True}
    await wait_for(lambda: any(url in m.message for m in module_client.log_messages), what="the URL in the log")
    # where the user looks: a message box (Neovim, Emacs and Vim show window/showMessage)
    await wait_for(lambda: any(url in m.message for m in module_client.messages), what="the URL in a message")
