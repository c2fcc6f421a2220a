"""Code actions end to end: a quick fix applied byte for byte, fix-all (safe only), sensitive fixes,
file creation, and the commands that open pages or apply fixes."""

from __future__ import annotations

import json

from lsp_e2e import (
    APP_PY,
    OR_KEY,
    apply_workspace_edit,
    codes,
    diagnostics_for,
    eager_caps,
    open_doc,
    push_caps,
    replace_all,
    start,
    wait_for,
    write,
)
from lsprotocol import converters, types

CORRUPTED_ENV = f'OPENROUTER_API_KEY=" {OR_KEY} "\r\nOPENAI_API_KEY=your-key-here\r\n'  # CRLF on purpose
_converter = converters.get_converter()


def _context(diagnostics, only=None):
    return types.CodeActionContext(diagnostics=diagnostics, only=only)


async def _actions(client, uri, diagnostics, rng=None, only=None):
    return await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        range=rng or diagnostics[0].range, context=_context(diagnostics, only)))


async def _resolved(client, action: types.CodeAction) -> types.CodeAction:
    if action.edit is None and action.data is not None:
        action = await client.code_action_resolve_async(action)
    return action


async def test_quickfix_switch_model_applied(client, tmp_path):
    write(tmp_path, {".env": f"OPENROUTER_API_KEY={OR_KEY}\n", "app.py": APP_PY, ".gitignore": ".env\n"})
    await start(client, tmp_path, push_caps())
    uri = open_doc(client, tmp_path / "app.py", language="python")
    diags = await diagnostics_for(client, uri, 1)
    assert codes(diags) == ["BYOK101"]

    actions = await _actions(client, uri, diags)
    titles = [a.title for a in actions]
    assert "Switch to openai/o3-mini (needs no BYOK) (BYOK101)" in titles
    assert "Open OpenRouter's BYOK integrations page (BYOK101)" in titles
    switch = next(a for a in actions if a.title.startswith("Switch to openai/o3-mini"))
    assert switch.kind == types.CodeActionKind.QuickFix and switch.edit is None  # VS Code resolves `edit`
    switch = await _resolved(client, switch)
    change = switch.edit.document_changes[0]
    assert change.text_document.uri == uri and change.text_document.version == 1

    new_text = apply_workspace_edit(switch.edit, {uri: APP_PY})[uri]
    assert new_text == APP_PY.replace('model="openai/o3"', 'model="openai/o3-mini"')  # every other byte kept
    replace_all(client, uri, new_text, 2)
    assert await diagnostics_for(client, uri, 2) == []

    page = next(a for a in actions if a.title.startswith("Open OpenRouter's BYOK"))
    assert page.command.command == "byok-lsp.openUrl"
    assert list(page.command.arguments) == ["https://openrouter.ai/settings/integrations"]


async def test_suppress_on_crlf_line_keeps_bytes(client, tmp_path):
    text = "# keys\r\nOPENROUTER_API_KEY=your-key-here\r\nOTHER=1"  # CRLF, no final newline
    write(tmp_path, {".env": text})
    await start(client, tmp_path, eager_caps())
    uri = open_doc(client, tmp_path / ".env", text)
    diags = await diagnostics_for(client, uri, 1)
    assert codes(diags) == ["BYOK202"]
    actions = await _actions(client, uri, diags)
    suppress = next(a for a in actions if a.title.startswith("Suppress BYOK202"))
    assert suppress.edit is not None  # a client without resolve gets the edit up front
    new_text = apply_workspace_edit(suppress.edit, {uri: text})[uri]
    assert new_text == "# keys\r\nOPENROUTER_API_KEY=your-key-here  # byok-lsp: ignore[BYOK202]\r\nOTHER=1"
    replace_all(client, uri, new_text, 2)
    assert await diagnostics_for(client, uri, 2) == []


async def test_fix_all_applies_only_safe_fixes(client, tmp_path):
    write(tmp_path, {".env": CORRUPTED_ENV})
    await start(client, tmp_path, push_caps())
    uri = open_doc(client, tmp_path / ".env", CORRUPTED_ENV)
    diags = await diagnostics_for(client, uri, 1)
    assert codes(diags) == ["BYOK202", "BYOK206", "BYOK302"]

    whole = types.Range(start=types.Position(line=0, character=0), end=types.Position(line=2, character=0))
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=whole,
        context=types.CodeActionContext(diagnostics=[], only=[types.CodeActionKind.SourceFixAll])))
    assert [a.kind for a in actions] == ["source.fixAll.byok-lsp"]
    fix_all = actions[0]
    assert fix_all.edit is None and OR_KEY not in json.dumps(_converter.unstructure(fix_all))
    fix_all = await _resolved(client, fix_all)
    new_text = apply_workspace_edit(fix_all.edit, {uri: CORRUPTED_ENV})[uri]
    # BYOK206's clean-up is safe; BYOK202 (only an unsafe suppression) and BYOK302 (edits .gitignore) are not applied
    assert new_text == f"OPENROUTER_API_KEY={OR_KEY}\r\nOPENAI_API_KEY=your-key-here\r\n"
    replace_all(client, uri, new_text, 2)
    assert codes(await diagnostics_for(client, uri, 2)) == ["BYOK202", "BYOK302"]


async def test_sensitive_fix_never_in_diagnostic_data(client, tmp_path):
    write(tmp_path, {".env": CORRUPTED_ENV})
    await start(client, tmp_path, push_caps())
    uri = open_doc(client, tmp_path / ".env", CORRUPTED_ENV)
    diags = await diagnostics_for(client, uri, 1)
    wire = json.dumps(_converter.unstructure(diags))
    assert OR_KEY not in wire and OR_KEY[9:] not in wire  # not the key, not its secret part

    corrupted = [d for d in diags if d.code == "BYOK206"]
    actions = await _actions(client, uri, corrupted)
    assert OR_KEY not in json.dumps(_converter.unstructure(actions))
    clean = next(a for a in actions if a.title.startswith("Clean up the value"))
    clean = await _resolved(client, clean)
    assert clean.edit.document_changes[0].edits[0].new_text == OR_KEY  # computed on resolve, from the server's cache

    replace_all(client, uri, CORRUPTED_ENV + "\r\n", 2)  # the document moved on: the old reference is refused
    await diagnostics_for(client, uri, 2)
    stale = await client.code_action_resolve_async(next(a for a in actions if a.title.startswith("Clean up")))
    assert stale.edit is None


async def test_sensitive_fix_without_resolve_uses_apply_fix_command(client, tmp_path):
    write(tmp_path, {".env": CORRUPTED_ENV})
    await start(client, tmp_path, eager_caps())
    uri = open_doc(client, tmp_path / ".env", CORRUPTED_ENV)
    diags = await diagnostics_for(client, uri, 1)
    actions = await _actions(client, uri, [d for d in diags if d.code == "BYOK206"])
    assert OR_KEY not in json.dumps(_converter.unstructure(actions))
    clean = next(a for a in actions if a.title.startswith("Clean up the value"))
    assert clean.edit is None and clean.command.command == "byok-lsp.applyFix"
    result = await client.workspace_execute_command_async(types.ExecuteCommandParams(
        command=clean.command.command, arguments=clean.command.arguments))
    assert result == {"applied": True}
    new_text = apply_workspace_edit(client.applied_edits[-1], {uri: CORRUPTED_ENV})[uri]
    assert new_text == f"OPENROUTER_API_KEY={OR_KEY}\r\nOPENAI_API_KEY=your-key-here\r\n"


async def test_fix_creating_a_file(client, tmp_path):
    write(tmp_path, {".env": f"OPENROUTER_API_KEY={OR_KEY}\n", ".gitignore": ".env\n", "app.py": APP_PY})
    await start(client, tmp_path, push_caps())
    uri = open_doc(client, tmp_path / "app.py", language="python")
    diags = await diagnostics_for(client, uri, 1)
    actions = await _actions(client, uri, diags)
    record = await _resolved(client, next(a for a in actions if a.title.startswith("Record that an OpenAI key")))
    create, edit = record.edit.document_changes
    config_uri = (tmp_path / ".byok-lsp.toml").resolve().as_uri()
    assert isinstance(create, types.CreateFile) and create.uri == config_uri and create.options.ignore_if_exists
    assert edit.text_document.uri == config_uri and edit.text_document.version is None
    assert apply_workspace_edit(record.edit, {})[config_uri] == 'byok = ["openai"]\n'


async def test_open_url_command_shows_document(client, tmp_path):
    write(tmp_path, {".env": "X=1\n"})
    await start(client, tmp_path, push_caps())
    url = "https://openrouter.ai/settings/integrations"
    result = await client.workspace_execute_command_async(types.ExecuteCommandParams(
        command="byok-lsp.openUrl", arguments=[url]))
    assert result == {"opened": True, "url": url}
    assert [(d.uri, d.external) for d in client.shown_documents] == [(url, True)]

    refused = await client.workspace_execute_command_async(types.ExecuteCommandParams(
        command="byok-lsp.openUrl", arguments=["https://evil.example/phish"]))
    assert refused["opened"] is False and len(client.shown_documents) == 1
    refused = await client.workspace_execute_command_async(types.ExecuteCommandParams(
        command="byok-lsp.openUrl", arguments=["file:///etc/passwd"]))
    assert refused["opened"] is False


async def test_open_url_without_show_document_returns_the_url(client, tmp_path):
    write(tmp_path, {".env": "X=1\n"})
    caps = push_caps()
    caps.window.show_document = None
    await start(client, tmp_path, caps)
    url = "https://openrouter.ai/settings/keys"
    result = await client.workspace_execute_command_async(types.ExecuteCommandParams(
        command="byok-lsp.openUrl", arguments=[url]))
    assert result == {"opened": False, "url": url}
    await wait_for(lambda: any(url in m.message for m in client.log_messages), what="the URL in the log")
