"""Code actions end to end, for a client like VS Code (resolves `edit`, shows documents): a quick fix
applied byte for byte, fix-all (safe fixes only), sensitive fixes, file creation, opening pages.

One server for the module, one workspace folder per test (so this is also a multi-root session)."""

from __future__ import annotations

import json

import pytest
import pytest_asyncio
from lsp_e2e import APP_PY, OR_KEY, apply_workspace_edit, codes, diagnostics_for, open_doc, push_caps, replace_all, start, write
from lsprotocol import converters, types

pytestmark = pytest.mark.asyncio(loop_scope="module")

CORRUPTED_ENV = f'OPENROUTER_API_KEY=" {OR_KEY} "\r\nOPENAI_API_KEY=your-key-here\r\n'  # CRLF on purpose
CLEANED_ENV = f"OPENROUTER_API_KEY={OR_KEY}\r\nOPENAI_API_KEY=your-key-here\r\n"
_converter = converters.get_converter()


def wire(obj) -> str:
    return json.dumps(_converter.unstructure(obj))


async def actions_for(client, uri, diagnostics, rng=None, only=None):
    return await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=rng or diagnostics[0].range,
        context=types.CodeActionContext(diagnostics=diagnostics, only=only)))


async def resolved(client, action: types.CodeAction) -> types.CodeAction:
    if action.edit is None and action.data is not None:
        action = await client.code_action_resolve_async(action)
    return action


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def folders(module_client, tmp_path_factory):
    base = tmp_path_factory.mktemp("actions")
    roots = {
        "switch": write(base / "switch", {".env": f"OPENROUTER_API_KEY={OR_KEY}\n", "app.py": APP_PY, ".gitignore": ".env\n"}),
        "fixall": write(base / "fixall", {".env": CORRUPTED_ENV}),
        "sensitive": write(base / "sensitive", {".env": CORRUPTED_ENV}),
        "create": write(base / "create", {".env": f"OPENROUTER_API_KEY={OR_KEY}\n", ".gitignore": ".env\n", "app.py": APP_PY}),
    }
    await start(module_client, list(roots.values()), push_caps())
    return roots


async def test_quickfix_switch_model_applied(module_client, folders):
    uri = open_doc(module_client, folders["switch"] / "app.py", language="python")
    diags = await diagnostics_for(module_client, uri, 1)
    assert codes(diags) == ["BYOK101"]

    actions = await actions_for(module_client, uri, diags)
    titles = [a.title for a in actions]
    assert "Switch to openai/o3-mini (needs no BYOK) (BYOK101)" in titles
    assert "Open OpenRouter's BYOK integrations page (BYOK101)" in titles
    switch = next(a for a in actions if a.title.startswith("Switch to openai/o3-mini"))
    assert switch.kind == types.CodeActionKind.QuickFix and switch.edit is None  # VS Code resolves `edit`
    switch = await resolved(module_client, switch)
    change = switch.edit.document_changes[0]
    assert change.text_document.uri == uri and change.text_document.version == 1

    new_text = apply_workspace_edit(switch.edit, {uri: APP_PY})[uri]
    assert new_text == APP_PY.replace('model="openai/o3"', 'model="openai/o3-mini"')  # every other byte kept
    replace_all(module_client, uri, new_text, 2)
    assert await diagnostics_for(module_client, uri, 2) == []

    page = next(a for a in actions if a.title.startswith("Open OpenRouter's BYOK"))
    assert page.command.command == "byok-lsp.openUrl"
    assert list(page.command.arguments) == ["https://openrouter.ai/settings/integrations"]


async def test_fix_all_applies_only_safe_fixes(module_client, folders):
    uri = open_doc(module_client, folders["fixall"] / ".env", CORRUPTED_ENV)
    diags = await diagnostics_for(module_client, uri, 1)
    assert codes(diags) == ["BYOK202", "BYOK206", "BYOK302"]

    whole = types.Range(start=types.Position(line=0, character=0), end=types.Position(line=2, character=0))
    actions = await actions_for(module_client, uri, [], rng=whole, only=[types.CodeActionKind.SourceFixAll])
    assert [a.kind for a in actions] == ["source.fixAll.byok-lsp"]
    fix_all = actions[0]
    assert fix_all.edit is None and OR_KEY not in wire(fix_all)
    fix_all = await resolved(module_client, fix_all)
    new_text = apply_workspace_edit(fix_all.edit, {uri: CORRUPTED_ENV})[uri]
    # BYOK206's clean-up is safe; BYOK202 (only an unsafe suppression) and BYOK302 (edits .gitignore) are not applied
    assert new_text == CLEANED_ENV
    replace_all(module_client, uri, new_text, 2)
    assert codes(await diagnostics_for(module_client, uri, 2)) == ["BYOK202", "BYOK302"]


async def test_sensitive_fix_never_in_diagnostic_data(module_client, folders):
    uri = open_doc(module_client, folders["sensitive"] / ".env", CORRUPTED_ENV)
    diags = await diagnostics_for(module_client, uri, 1)
    assert OR_KEY not in wire(diags) and OR_KEY[9:] not in wire(diags)  # not the key, not its secret part

    actions = await actions_for(module_client, uri, [d for d in diags if d.code == "BYOK206"])
    assert OR_KEY not in wire(actions)
    clean = next(a for a in actions if a.title.startswith("Clean up the value"))
    clean = await resolved(module_client, clean)
    assert clean.edit.document_changes[0].edits[0].new_text == OR_KEY  # computed on resolve, from the server's cache

    replace_all(module_client, uri, CORRUPTED_ENV + "\r\n", 2)  # the document moved on: the old reference is refused
    await diagnostics_for(module_client, uri, 2)
    stale = await module_client.code_action_resolve_async(next(a for a in actions if a.title.startswith("Clean up")))
    assert stale.edit is None


async def test_fix_creating_a_file(module_client, folders):
    uri = open_doc(module_client, folders["create"] / "app.py", language="python")
    diags = await diagnostics_for(module_client, uri, 1)
    actions = await actions_for(module_client, uri, diags)
    record = await resolved(module_client, next(a for a in actions if a.title.startswith("Record that an OpenAI key")))
    create, edit = record.edit.document_changes
    config_uri = (folders["create"] / ".byok-lsp.toml").resolve().as_uri()  # in this folder, not another root
    assert isinstance(create, types.CreateFile) and create.uri == config_uri and create.options.ignore_if_exists
    assert edit.text_document.uri == config_uri and edit.text_document.version is None
    assert apply_workspace_edit(record.edit, {})[config_uri] == 'byok = ["openai"]\n'


async def test_open_url_command_shows_document(module_client, folders):
    url = "https://openrouter.ai/settings/integrations"
    result = await module_client.workspace_execute_command_async(types.ExecuteCommandParams(
        command="byok-lsp.openUrl", arguments=[url]))
    assert result == {"opened": True, "url": url}
    assert [(d.uri, d.external) for d in module_client.shown_documents] == [(url, True)]

    for other in ("https://evil.example/phish", "file:///etc/passwd", "http://openrouter.ai/settings/integrations"):
        refused = await module_client.workspace_execute_command_async(types.ExecuteCommandParams(
            command="byok-lsp.openUrl", arguments=[other]))
        assert refused["opened"] is False
    assert len(module_client.shown_documents) == 1
