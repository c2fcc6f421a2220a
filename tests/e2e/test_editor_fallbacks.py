"""Clients that cannot negotiate or lack features (issue 13 item 4), as Vim + ALE and Neovim 0.7 are.

- ALE sends and applies byte columns and lists no position encodings: ``positionEncoding: "utf-8"``
  in ``initializationOptions`` makes diagnostics, hover and code-action edits byte columns, checked
  on a line with an emoji and CJK text before the model id.
- ALE declares no ``workspace/applyEdit``: fixes that only ``byok-lsp.applyFix`` could apply are not
  offered; "open page" shows the URL in ``window/showMessage`` (no ``window/showDocument``).
- Neovim 0.7 watches no files: after a fix the server applied, and after a save, the files that
  depend on ``.env`` are diagnosed again.
"""

from __future__ import annotations

import asyncio

import pytest
import pytest_asyncio
from lsp_e2e import OR_KEY, apply_workspace_edit, codes, diagnostics_for, open_doc, start, wait_for, write
from lsprotocol import types

pytestmark = pytest.mark.asyncio(loop_scope="module")

LINE = 'tag = "🚀日本語"; reply = client.chat.completions.create(model="openai/o3", messages=[])'
APP = f'''import os

from openai import OpenAI

client = OpenAI(base_url="https://openrouter.ai/api/v1", api_key=os.getenv("OPENROUTER_API_KEY"))
{LINE}
'''
CORRUPTED_ENV = f'OPENROUTER_API_KEY=" {OR_KEY} "\n'


def ale_caps() -> types.ClientCapabilities:
    """What ALE 3.3 sends in initialize (autoload/ale/lsp.vim): no applyEdit, no position
    encodings, plain-text hover, code-action literals, no resolve, no watched files."""
    return types.ClientCapabilities(
        workspace=types.WorkspaceClientCapabilities(apply_edit=False, configuration=False, workspace_folders=False),
        text_document=types.TextDocumentClientCapabilities(
            synchronization=types.TextDocumentSyncClientCapabilities(did_save=True),
            hover=types.HoverClientCapabilities(content_format=[types.MarkupKind.PlainText]),
            publish_diagnostics=types.PublishDiagnosticsClientCapabilities(related_information=True),
            code_action=types.CodeActionClientCapabilities(code_action_literal_support=types.ClientCodeActionLiteralOptions(
                code_action_kind=types.ClientCodeActionKindOptions(value_set=[])))))


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def ale(module_client, tmp_path_factory):
    root = write(tmp_path_factory.mktemp("ale"), {
        "app.py": APP, ".env": CORRUPTED_ENV, ".gitignore": ".env\n",
        "pyproject.toml": "[tool.byok-lsp]\nopenai-tier = 2\n"})
    result = await asyncio.wait_for(start(module_client, root, ale_caps(), {"positionEncoding": "utf-8"}), 20)
    return root, result


async def test_utf8_positions_for_a_client_that_cannot_negotiate(module_client, ale):
    root, result = ale
    assert result.capabilities.position_encoding == types.PositionEncodingKind.Utf8  # announced too
    uri = open_doc(module_client, root / "app.py", language="python")
    diags = await diagnostics_for(module_client, uri, 1)
    [d] = [d for d in diags if d.code == "BYOK101"]
    byte_col = len(LINE[:LINE.index("openai/o3")].encode("utf-8"))
    assert d.range == types.Range(start=types.Position(line=5, character=byte_col),
                                  end=types.Position(line=5, character=byte_col + len("openai/o3")))

    hover = await module_client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=5, character=byte_col + 2)))
    assert hover.contents.kind == types.MarkupKind.PlainText and hover.range == d.range
    assert "`" not in hover.contents.value and "**" not in hover.contents.value  # plain text, no Markdown left

    actions = await module_client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=d.range,
        context=types.CodeActionContext(diagnostics=[d])))
    switch = next(a for a in actions if a.title.startswith("Switch to openai/o3-mini"))
    fixed = apply_workspace_edit(switch.edit, {uri: APP}, encoding="utf-8")[uri]
    assert fixed.splitlines()[5] == LINE.replace('"openai/o3"', '"openai/o3-mini"')  # byte-exact, nothing shifted
    # the bug this setting prevents: the same edit read as UTF-16 units lands three characters late
    assert apply_workspace_edit(switch.edit, {uri: APP}, encoding="utf-16")[uri] != fixed


async def test_no_fix_the_client_cannot_apply(module_client, ale):
    root, _ = ale
    uri = open_doc(module_client, root / ".env")
    diags = await diagnostics_for(module_client, uri, 1)
    assert "BYOK206" in codes(diags)
    actions = await module_client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=diags[0].range,
        context=types.CodeActionContext(diagnostics=diags)))
    # cleaning the value holds the key: it needs resolve or byok-lsp.applyFix, neither of which ALE has
    assert not [a for a in actions if a.title.startswith("Clean up the value")]
    assert not [a for a in actions if a.command is not None and a.command.command == "byok-lsp.applyFix"]


async def test_open_page_without_show_document_shows_the_url(module_client, ale):
    url = "https://openrouter.ai/settings/keys"
    result = await module_client.workspace_execute_command_async(types.ExecuteCommandParams(
        command="byok-lsp.openUrl", arguments=[url]))
    assert result["opened"] is False and result["url"] == url
    await wait_for(lambda: any(url in m.message for m in module_client.messages), what="the URL in a message")
