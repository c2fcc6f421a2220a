"""The online commands of the language server, called on a fake server object (e2e is elsewhere)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path

from byok_lsp.lsp import online_commands as online
from byok_lsp.lsp.online_results import OnlineResults
from byok_lsp.workspace import Workspace

from .conftest import MGMT_KEY, OR_KEY, assert_no_key, fast_config, make_project
from .fakeapi import fixture


@dataclass
class Settings:
    online_checks: bool = True


class FakeServer:
    def __init__(self, root: Path, trusted=True, online_checks=True):
        self.root = root
        self.trusted = trusted
        self.online = OnlineResults()
        self.statuses: list[tuple[str, str, str]] = []
        self._settings = Settings(online_checks)

    def settings_for(self, uri):
        return self._settings

    def workspace_for(self, uri):
        return Workspace(self.root, environ={})

    def notify_status(self, text, tooltip="", level="info"):
        self.statuses.append((text, tooltip, level))

    def folder_uris(self):
        return [self.root.as_uri()]


def server_for(tmp_path, api, **kw):
    root = make_project(tmp_path, env=f"OPENROUTER_API_KEY={OR_KEY}\n")
    server = FakeServer(root, **kw)
    server.online.config = fast_config(api)
    return server, root.as_uri()


def root_of(uri: str) -> Path:
    from byok_lsp.lsp.documents import uri_to_path

    return uri_to_path(uri)


def call(fn, server, *args):
    return asyncio.run(fn(server, list(args)))


def test_the_four_commands_are_server_commands():
    from byok_lsp.lsp import commands

    assert set(online.HANDLERS) == set(online.COMMANDS) and set(online.COMMANDS) <= set(commands.HANDLERS)


def test_verify_keys_refuses_untrusted_or_disabled(tmp_path, api):
    server, uri = server_for(tmp_path, api, trusted=False)
    answer = call(online.verify_keys, server, {"uri": uri})
    assert answer["ok"] is False and "untrusted" in answer["error"]
    server.trusted, server._settings.online_checks = True, False
    answer = call(online.verify_keys, server, {"uri": uri})
    assert answer["ok"] is False and "turned off" in answer["error"]
    server.trusted = "yes"  # anything but True refuses
    assert call(online.verify_keys, server, uri)["ok"] is False
    assert api.hits == [] and len(server.online) == 0


def test_verify_keys_stores_status_and_notifies(tmp_path, api):
    server, uri = server_for(tmp_path, api)
    api.answers(key="openrouter/key-200-free-tier")
    answer = call(online.verify_keys, server, {"uri": uri})
    assert answer["ok"] is True and answer["summary"] == "BYOK: no credits (verified)" and answer["findings"] == 1
    report = server.online.any_report()
    assert len(server.online) == 1 and server.online.generation == 1
    assert report.findings[0].code == "BYOK402" and report.checked_at
    assert server.online.findings_for(report.findings[0].path) == report.findings
    assert server.online.report_for(root_of(uri) / "app.py") is report  # a file of the folder
    assert server.statuses[0][0] == "BYOK: checking…"
    assert server.statuses[-1][0] == "BYOK: no credits (verified)" and server.statuses[-1][2] == "warning"
    assert_no_key(repr(answer) + repr(server.statuses))
    status = call(online.status, server, {"uri": uri})
    assert status["text"] == "BYOK: no credits (verified)" and status["checked_at"] == report.checked_at
    # the walkthrough's steps: a free-tier key proves no step (no credits, nothing about BYOK)
    assert status["steps"] == answer["steps"] == {
        "openaiKey": False, "byokRegistered": False, "tierAllowsModel": False, "credits": False}


def test_status_before_any_check(tmp_path, api):
    server, uri = server_for(tmp_path, api)
    status = call(online.status, server)
    assert status["text"] == "BYOK: not checked" and status["checked_at"] is None
    assert not any(status["steps"].values())
    assert status["onlineChecks"] is True  # no uri: the workspace folder, on and trusted
    assert call(online.status, server, {"uri": uri})["onlineChecks"] is True  # on and trusted: a check would run
    server._settings.online_checks = False
    assert call(online.status, server, {"uri": uri})["onlineChecks"] is False


def test_paid_probe_states_cost_and_sends_nothing_without_confirmation(tmp_path, api):
    server, uri = server_for(tmp_path, api)
    api.route("POST", "/api/v1/chat/completions", fixture("openrouter/chat-403-byok-required-o3"))
    for arg in ({"model": "openai/o3", "uri": uri}, {"model": "openai/o3", "confirmed": "true", "uri": uri},
                {"model": "openai/o3", "confirmed": 1, "uri": uri}):
        answer = call(online.run_paid_probe, server, arg)
        assert answer["ran"] is False and "ONE real chat request" in answer["cost"]
    assert api.hits == []
    answer = call(online.run_paid_probe, server, {"model": "openai/o3", "confirmed": True, "uri": uri})
    assert answer["ran"] is True and answer["summary"] == "BYOK: missing (verified)"
    assert len(api.hits) == 1 and api.hits[0].method == "POST"
    assert [f.code for f in server.online.any_report().findings] == ["BYOK403"]


def test_paid_probe_refuses_unknown_models_and_untrusted(tmp_path, api):
    server, uri = server_for(tmp_path, api)
    assert call(online.run_paid_probe, server, {"model": "some/model", "confirmed": True, "uri": uri})["ok"] is False
    server.trusted = False
    answer = call(online.run_paid_probe, server, {"model": "openai/o3", "confirmed": True, "uri": uri})
    assert answer["ok"] is False and answer["ran"] is False
    assert api.hits == []


def test_management_key_kept_in_memory_and_used(tmp_path, api, debug_logs):
    server, uri = server_for(tmp_path, api)
    assert call(online.set_management_key, server, "not a key")["ok"] is False
    answer = call(online.set_management_key, server, MGMT_KEY)
    assert answer == {"ok": True, "stored": True, "key": answer["key"]} and answer["key"].endswith(MGMT_KEY[-3:])
    api.answers(key="openrouter/key-200-paid", byok="openrouter/byok-200-openai-registered")
    answer = call(online.verify_keys, server, {"uri": uri})
    assert answer["summary"].startswith("BYOK: verified")
    # registered at OpenRouter (management key) and a paid account: those steps are proven
    assert answer["steps"]["byokRegistered"] and answer["steps"]["openaiKey"] and answer["steps"]["credits"]
    assert api.hits_for("/api/v1/byok")[0].headers["authorization"] == f"Bearer {MGMT_KEY}"
    assert call(online.set_management_key, server, None) == {"ok": True, "stored": False}
    assert server.online.management_key is None
    assert_no_key(debug_logs.text + repr(server.online.any_report()))


def test_one_ago_formatter():
    """Hover, the status bar and the CLI say how long ago a check ran with verify/report.ago."""
    from datetime import datetime, timedelta, timezone

    from byok_lsp.verify.report import ago

    now = datetime.now(timezone.utc)
    assert ago((now - timedelta(minutes=2)).isoformat(), now) == "2 min ago"
    assert ago(now.isoformat(), now) == "just now"
    assert ago((now - timedelta(hours=3)).isoformat(), now) == "3 h ago"
    assert ago("not a time") == "at an unknown time"
