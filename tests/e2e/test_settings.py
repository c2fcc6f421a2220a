"""Settings end to end: initializationOptions, workspace/configuration per folder, didChangeConfiguration,
invalid values, and who may turn the online checks on."""

from __future__ import annotations

import pytest
from lsp_e2e import codes, diagnostics_for, open_doc, push_caps, start, wait_for, write
from lsprotocol import types

ENV = "OPENROUTER_API_KEY=your-key-here\n"


def _warnings(client, needle: str) -> list[str]:
    return [m.message for m in client.log_messages if m.type == types.MessageType.Warning and needle in m.message]


async def test_invalid_values_fall_back_to_defaults_with_one_warning(client, tmp_path):
    write(tmp_path, {".env": ENV})
    folder = tmp_path.resolve().as_uri()
    client.set_configuration({"debounceMs": "fast", "severityOverrides": {"BYOK202": "error"}, "futureKey": 1},
                             section="byok-lsp", scope_uri=folder)
    await start(client, tmp_path, push_caps(), options={"debounceMs": "fast", "logLevel": "loud"})
    uri = open_doc(client, tmp_path / ".env")
    diags = await diagnostics_for(client, uri, 1)
    assert diags[0].severity == types.DiagnosticSeverity.Error  # the valid value of the same answer applies
    await wait_for(lambda: _warnings(client, "debounceMs"), what="a warning")
    assert len(_warnings(client, "debounceMs")) == 1  # invalid in two sources, reported once
    assert "using 0" in _warnings(client, "debounceMs")[0]
    assert len(_warnings(client, "logLevel")) == 1
    assert not _warnings(client, "futureKey")  # unknown keys are ignored silently

    # The client reports a change: settings are read again; the same problem is not logged again.
    client.set_configuration({"debounceMs": "fast", "severityOverrides": {"BYOK202": "off"}},
                             section="byok-lsp", scope_uri=folder)
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
    await wait_for(lambda: client.published_versions.get(uri) == 1 and len(client.diagnostics[uri]) == 0,
                   what="BYOK202 turned off")
    assert len(_warnings(client, "debounceMs")) == 1


async def test_push_style_settings_without_workspace_configuration(client, tmp_path):
    write(tmp_path, {".env": ENV})
    caps = push_caps()
    caps.workspace.configuration = False
    await start(client, tmp_path, caps, options={"settings": {"select": ["BYOK3"]}})
    uri = open_doc(client, tmp_path / ".env")
    assert await diagnostics_for(client, uri, 1) == []  # only BYOK3xx selected
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(
        settings={"byok-lsp": {"select": [], "severityOverrides": {"BYOK2": "hint"}}}))  # a prefix
    await wait_for(lambda: codes(client.diagnostics[uri]) == ["BYOK202"], what="BYOK202 selected again")
    assert client.diagnostics[uri][0].severity == types.DiagnosticSeverity.Hint


@pytest.mark.parametrize(("trusted", "where", "expected"), [
    (False, "init", "untrusted"),  # never in an untrusted workspace
    (True, "folder", "turned off"),  # a repository's folder settings cannot turn it on
    (True, "init", "Verify keys online"),  # user-level, trusted: allowed
], ids=["untrusted", "folder-scoped", "user-level"])
async def test_online_checks_are_user_level_and_trusted_only(client, tmp_path, trusted, where, expected):
    write(tmp_path, {".env": ENV})
    options = {"workspaceTrusted": trusted}
    if where == "init":
        options["onlineChecks"] = True
    else:
        client.set_configuration({"onlineChecks": True}, section="byok-lsp", scope_uri=tmp_path.resolve().as_uri())
    await start(client, tmp_path, push_caps(), options=options)
    uri = open_doc(client, tmp_path / ".env")
    await diagnostics_for(client, uri, 1)
    status = await client.workspace_execute_command_async(types.ExecuteCommandParams(
        command="byok-lsp.status", arguments=[{"uri": tmp_path.resolve().as_uri()}]))
    assert status["text"] == "BYOK: not checked" and expected in status["tooltip"]
