"""One settings schema: the VS Code extension's package.json, its settings reader
(client-vscode/src/common/settings.ts) and the server's settings module agree on names,
defaults, allowed values and bounds.

A setting added on one side only (as ``debounceMs`` once was: in the server, missing from
package.json, so VS Code users could not see or set it) fails here.
"""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest

from byok_lsp.lsp import settings as server_settings

REPO = Path(__file__).resolve().parents[1]
PACKAGE = json.loads((REPO / "client-vscode" / "package.json").read_text(encoding="utf-8"))
CLIENT_TS = (REPO / "client-vscode" / "src" / "common" / "settings.ts").read_text(encoding="utf-8")
PREFIX = "byok-lsp."

# Settings the extension itself consumes; they never reach the server.
CLIENT_ONLY = {
    "interpreter": "which Python runs the server (a launch setting)",
    "importStrategy": "which copy of the server runs (a launch setting)",
    "trace.server": "vscode-languageclient's JSON-RPC trace",
}


def _contributed() -> dict[str, dict]:
    props = PACKAGE["contributes"]["configuration"]["properties"]
    assert all(key.startswith(PREFIX) for key in props), "every setting lives under byok-lsp."
    return {key[len(PREFIX):]: spec for key, spec in props.items()}


def _ts_string_list(name: str) -> list[str]:
    match = re.search(rf"const {name}(?::[^=]+)? = \[([^\]]*)\]", CLIENT_TS)
    assert match, f"{name} not found in settings.ts"
    return re.findall(r"'([^']*)'", match.group(1))


def _ts_number(name: str) -> int:
    match = re.search(rf"const {name} = (\d+);", CLIENT_TS)
    assert match, f"{name} not found in settings.ts"
    return int(match.group(1))


def _ts_interface_fields(name: str) -> list[str]:
    match = re.search(rf"interface {name} \{{(.*?)\n\}}", CLIENT_TS, re.S)
    assert match, f"interface {name} not found in settings.ts"
    return re.findall(r"^\s+(\w+):", match.group(1), re.M)


def _server_defaults() -> dict[str, object]:
    defaults = server_settings.Settings()
    out = {}
    for wire, name in server_settings.WIRE_NAMES.items():
        value = getattr(defaults, name)
        out[wire] = list(value) if isinstance(value, tuple) else value
    return out


def test_every_server_setting_is_contributed_and_read_by_the_client() -> None:
    server_keys = set(server_settings.WIRE_NAMES)
    contributed = set(_contributed()) - set(CLIENT_ONLY)
    assert contributed == server_keys, (
        f"package.json only: {sorted(contributed - server_keys)}; server only: {sorted(server_keys - contributed)}"
    )
    assert set(_ts_string_list("SERVER_KEYS")) == server_keys
    assert set(_ts_interface_fields("ServerSettings")) == server_keys
    # the server's dataclass has no field that the wire cannot reach
    assert {f.name for f in dataclasses.fields(server_settings.Settings)} == set(server_settings.WIRE_NAMES.values())


def test_client_only_settings_are_still_contributed() -> None:
    assert set(CLIENT_ONLY) <= set(_contributed())
    assert not set(CLIENT_ONLY) & set(server_settings.WIRE_NAMES)


@pytest.mark.parametrize("wire", sorted(server_settings.WIRE_NAMES))
def test_defaults_agree(wire: str) -> None:
    assert _contributed()[wire]["default"] == _server_defaults()[wire]


def test_allowed_values_and_bounds_agree() -> None:
    contributed = _contributed()
    assert tuple(contributed["logLevel"]["enum"]) == server_settings.LOG_LEVELS
    assert tuple(_ts_string_list("LOG_LEVELS")) == server_settings.LOG_LEVELS
    severity_enum = contributed["severityOverrides"]["additionalProperties"]["enum"]
    assert tuple(severity_enum) == server_settings.SEVERITY_LEVELS
    assert tuple(_ts_string_list("SEVERITIES")) == server_settings.SEVERITY_LEVELS
    debounce = contributed["debounceMs"]
    assert (debounce["minimum"], debounce["maximum"]) == (0, server_settings.MAX_DEBOUNCE_MS)
    assert _ts_number("MAX_DEBOUNCE_MS") == server_settings.MAX_DEBOUNCE_MS
    assert _ts_number("DEFAULT_DEBOUNCE_MS") == server_settings.Settings().debounce_ms


def test_online_checks_stay_a_user_setting() -> None:
    # A cloned repository must not turn on network calls with the user's keys.
    assert _contributed()["onlineChecks"]["scope"] == "application"
    restricted = PACKAGE["capabilities"]["untrustedWorkspaces"]["restrictedConfigurations"]
    assert "byok-lsp.onlineChecks" in restricted


def test_the_server_accepts_every_contributed_default() -> None:
    raw = {key: _contributed()[key]["default"] for key in server_settings.WIRE_NAMES}
    parsed, problems = server_settings.parse(raw)
    assert problems == []
    assert parsed == server_settings.Settings()
