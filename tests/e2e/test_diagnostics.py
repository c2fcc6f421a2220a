"""Diagnostics end to end: push and pull, cross-file re-diagnosis, watched files, stale versions."""

from __future__ import annotations

import asyncio

import pytest
from lsp_e2e import (
    APP_PY,
    OR_KEY,
    codes,
    diagnostics_for,
    open_doc,
    pull_caps,
    push_caps,
    replace_all,
    start,
    wait_for,
    write,
)
from lsprotocol import types

MISSING_KEY_ENV = "OTHER_SETTING=1\n"


async def test_push_env_and_code(client, tmp_path):
    write(tmp_path, {".env": MISSING_KEY_ENV, "app.py": APP_PY, "bad/.env": "OPENROUTER_API_KEY=your-key-here\n"})
    await start(client, tmp_path, push_caps())

    env_uri = open_doc(client, tmp_path / "bad" / ".env")
    env_diags = await diagnostics_for(client, env_uri, 1)
    assert codes(env_diags) == ["BYOK202"]
    d = env_diags[0]
    assert d.range == types.Range(start=types.Position(line=0, character=19), end=types.Position(line=0, character=32))
    assert d.source == "byok-lsp"
    assert d.severity == types.DiagnosticSeverity.Warning
    assert d.code_description.href.endswith("#byok202-placeholder-key")
    assert "your-key-here" not in d.message  # the value is masked even when it is a placeholder

    app_uri = open_doc(client, tmp_path / "app.py", language="python")
    app_diags = await diagnostics_for(client, app_uri, 1)
    assert codes(app_diags) == ["BYOK101", "BYOK201"]
    byok101 = next(d for d in app_diags if d.code == "BYOK101")
    line = APP_PY.splitlines()[5]
    start_col = line.index("openai/o3")
    assert byok101.range.start == types.Position(line=5, character=start_col)
    assert byok101.range.end == types.Position(line=5, character=start_col + len("openai/o3"))
    missing = next(d for d in app_diags if d.code == "BYOK201")
    assert missing.related_information is None or all(r.location.uri.startswith("file://")
                                                      for r in missing.related_information)


async def test_closing_clears_push_diagnostics(client, tmp_path):
    write(tmp_path, {".env": "OPENROUTER_API_KEY=your-key-here\n"})
    await start(client, tmp_path, push_caps())
    uri = open_doc(client, tmp_path / ".env")
    assert codes(await diagnostics_for(client, uri, 1)) == ["BYOK202"]
    client.text_document_did_close(types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri)))
    await wait_for(lambda: client.diagnostics.get(uri) is not None and len(client.diagnostics[uri]) == 0,
                   what="cleared diagnostics")


async def test_pull_document_and_workspace(client, tmp_path):
    write(tmp_path, {".env": "OPENROUTER_API_KEY=your-key-here\n", "app.py": APP_PY,
                     "svc/.env.local": "OPENROUTER_API_KEY=sk-or-v1-abc\n",
                     "pyproject.toml": "[tool.byok-lsp]\nopenai-tier = 9\n"})
    await start(client, tmp_path, pull_caps())
    app_uri = open_doc(client, tmp_path / "app.py", language="python")

    first = await client.text_document_diagnostic_async(types.DocumentDiagnosticParams(
        text_document=types.TextDocumentIdentifier(uri=app_uri)))
    assert first.kind == "full" and first.result_id
    assert codes(first.items) == ["BYOK101"]
    again = await client.text_document_diagnostic_async(types.DocumentDiagnosticParams(
        text_document=types.TextDocumentIdentifier(uri=app_uri), previous_result_id=first.result_id))
    assert again.kind == "unchanged" and again.result_id == first.result_id

    report = await client.workspace_diagnostic_async(types.WorkspaceDiagnosticParams(previous_result_ids=[]))
    by_name = {item.uri.rsplit("/", 1)[-1]: item for item in report.items}
    assert set(by_name) == {".env", ".env.local", "pyproject.toml"}  # not app.py: open, and not an env/config file
    assert codes(by_name[".env"].items) == ["BYOK202"]
    assert codes(by_name[".env.local"].items) == ["BYOK203"]
    assert codes(by_name["pyproject.toml"].items) == ["BYOK001"]
    assert all(item.version is None for item in report.items)

    previous = [types.PreviousResultId(uri=item.uri, value=item.result_id) for item in report.items]
    second = await client.workspace_diagnostic_async(types.WorkspaceDiagnosticParams(previous_result_ids=previous))
    assert sorted(item.kind for item in second.items) == ["unchanged"] * 3
    assert client.published == []  # a pull client never gets publishDiagnostics


async def test_editing_env_rediagnoses_code_push(client, tmp_path):
    write(tmp_path, {".env": MISSING_KEY_ENV, "app.py": APP_PY})
    await start(client, tmp_path, push_caps())
    app_uri = open_doc(client, tmp_path / "app.py", language="python")
    assert "BYOK201" in codes(await diagnostics_for(client, app_uri, 1))
    env_uri = open_doc(client, tmp_path / ".env")
    await diagnostics_for(client, env_uri, 1)

    published_before = len(client.published)
    replace_all(client, env_uri, MISSING_KEY_ENV + f"OPENROUTER_API_KEY={OR_KEY}\n", 2)  # not saved
    await wait_for(lambda: any(p.uri == app_uri for p in client.published[published_before:])
                   and "BYOK201" not in codes(client.diagnostics[app_uri]), what="app.py re-diagnosed")
    assert codes(client.diagnostics[app_uri]) == ["BYOK101"]


async def test_editing_env_refreshes_pull_client(client, tmp_path):
    write(tmp_path, {".env": MISSING_KEY_ENV, "app.py": APP_PY})
    await start(client, tmp_path, pull_caps())
    app_uri = open_doc(client, tmp_path / "app.py", language="python")
    env_uri = open_doc(client, tmp_path / ".env")
    params = types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=app_uri))
    before = await client.text_document_diagnostic_async(params)
    assert "BYOK201" in codes(before.items)

    replace_all(client, env_uri, f"OPENROUTER_API_KEY={OR_KEY}\n", 2)
    await wait_for(lambda: client.diagnostic_refresh_count >= 1, what="workspace/diagnostic/refresh")
    after = await client.text_document_diagnostic_async(types.DocumentDiagnosticParams(
        text_document=types.TextDocumentIdentifier(uri=app_uri), previous_result_id=before.result_id))
    assert after.kind == "full" and codes(after.items) == ["BYOK101"]


async def test_typing_in_env_refreshes_pull_client_once_per_burst(client, tmp_path):
    """A refresh makes the client pull every open document again: keystrokes in a .env, 10 ms
    apart, cost one or two refreshes, not one each (the default has no debounce)."""
    write(tmp_path, {".env": MISSING_KEY_ENV, "app.py": APP_PY})
    await start(client, tmp_path, pull_caps())
    open_doc(client, tmp_path / "app.py", language="python")
    env_uri = open_doc(client, tmp_path / ".env")
    for version in range(2, 22):
        replace_all(client, env_uri, MISSING_KEY_ENV + "#" * version + "\n", version)
        await asyncio.sleep(0.01)
    await wait_for(lambda: client.diagnostic_refresh_count >= 1, what="workspace/diagnostic/refresh")
    await asyncio.sleep(0.5)
    assert client.diagnostic_refresh_count <= 2, client.diagnostic_refresh_count


async def test_watched_file_change(client, tmp_path):
    write(tmp_path, {".env": MISSING_KEY_ENV, "app.py": APP_PY})
    await start(client, tmp_path, push_caps())
    await wait_for(lambda: client.registrations, what="client/registerCapability")
    watchers = next(r for r in client.registrations if r.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    globs = {w["globPattern"] for w in watchers.register_options["watchers"]}  # LSPAny: raw JSON
    assert {"**/.env*", "**/*.env", "**/pyproject.toml", "**/.byok-lsp.toml", "**/.gitignore"} <= globs

    app_uri = open_doc(client, tmp_path / "app.py", language="python")
    assert codes(await diagnostics_for(client, app_uri, 1)) == ["BYOK101", "BYOK201"]
    published = len(client.published)

    write(tmp_path, {".byok-lsp.toml": 'byok = ["openai"]\nopenai-tier = 4\n'})  # another tool wrote it
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=[types.FileEvent(
        uri=(tmp_path / ".byok-lsp.toml").resolve().as_uri(), type=types.FileChangeType.Created)]))
    await wait_for(lambda: len(client.published) > published and "BYOK101" not in codes(client.diagnostics[app_uri]),
                   what="re-diagnosis after the watched change")
    assert codes(client.diagnostics[app_uri]) == ["BYOK201"]


async def test_stale_versions_are_never_published(client, tmp_path):
    write(tmp_path, {".env": "OPENROUTER_API_KEY=your-key-here\n"})
    await start(client, tmp_path, push_caps(), options={"debounceMs": 200})
    uri = open_doc(client, tmp_path / ".env")
    await diagnostics_for(client, uri, 1)
    for version in range(2, 12):  # typing faster than the debounce
        text = "OPENROUTER_API_KEY=your-key-here\n" + "# typing\n" * version
        replace_all(client, uri, text, version)
        await asyncio.sleep(0.01)
    await diagnostics_for(client, uri, 11)
    await asyncio.sleep(0.4)
    versions = [p.version for p in client.published if p.uri == uri]
    assert versions[0] == 1 and versions[-1] == 11
    assert all(v in (1, 11) for v in versions), versions  # debounced: the intermediate versions never computed


async def test_default_settings_publish_each_version_once_in_order(client, tmp_path):
    """Default settings (no debounce): an idle edit is analysed at once, a burst is coalesced;
    every publish is of a version that was current, in order, the last one the final text's."""
    write(tmp_path, {".env": "OPENROUTER_API_KEY=your-key-here\n"})
    await start(client, tmp_path, push_caps())
    uri = open_doc(client, tmp_path / ".env")
    await diagnostics_for(client, uri, 1)
    replace_all(client, uri, "OPENROUTER_API_KEY=your-key-here\n# one edit\n", 2)
    await diagnostics_for(client, uri, 2)  # analysed without waiting for a debounce
    for version in range(3, 40):  # a burst, sent without pause
        replace_all(client, uri, "OPENROUTER_API_KEY=your-key-here\n" + "# typing\n" * version, version)
    replace_all(client, uri, "OPENROUTER_API_KEY=sk-or-v1-" + "ab" * 32 + "\n", 40)
    await diagnostics_for(client, uri, 40)
    await asyncio.sleep(0.3)
    versions = [p.version for p in client.published if p.uri == uri]
    assert versions == sorted(set(versions)) and versions[-1] == 40, versions
    assert len(versions) < 20, f"{len(versions)} publishes: the burst was not coalesced"
    assert "BYOK202" not in codes(client.diagnostics[uri])  # the final text has a real-looking key


@pytest.mark.parametrize("caps", [push_caps, pull_caps], ids=["push", "pull"])
async def test_disabled_by_settings(client, tmp_path, caps):
    write(tmp_path, {".env": "OPENROUTER_API_KEY=your-key-here\n"})
    await start(client, tmp_path, caps(), options={"enable": False})
    uri = open_doc(client, tmp_path / ".env")
    if caps is pull_caps:
        report = await client.text_document_diagnostic_async(types.DocumentDiagnosticParams(
            text_document=types.TextDocumentIdentifier(uri=uri)))
        assert len(report.items) == 0
    else:
        assert await diagnostics_for(client, uri, 1) == []


async def test_initialization_settings_do_not_cancel_the_first_pull(client, tmp_path):
    # VS Code sends every setting in initializationOptions. Non-default ones (here logLevel) used to
    # count as a settings change at initialize: a workspace/diagnostic/refresh after one debounce,
    # which made VS Code cancel and repeat its first pull (~250 ms on the first squiggle).
    # debounceMs 0: such a refresh would be sent at once, before the pull below is answered.
    write(tmp_path, {".env": MISSING_KEY_ENV, "app.py": APP_PY})
    await start(client, tmp_path, pull_caps(), options={"settings": {"logLevel": "debug", "debounceMs": 0}})
    app_uri = open_doc(client, tmp_path / "app.py", language="python")
    report = await client.text_document_diagnostic_async(
        types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=app_uri)))
    assert "BYOK201" in codes(report.items)
    assert client.diagnostic_refresh_count == 0
