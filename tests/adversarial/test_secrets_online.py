"""Online answers that echo a key, in every spelling, never reach an output whole.

A real fake API on 127.0.0.1 (tests/online/fakeapi.py) answers every online check with a key in
one of ``conftest.SPELLINGS``: a 401 whose message quotes the OpenRouter key (BYOK401), a 401 and
a 404 quoting the OpenAI key (BYOK409, BYOK404), a /byok listing whose ``allowed_models`` and
``name`` are keys (BYOK405 prints the allowed models), a 500 quoting the management key
(BYOK407). ``check --online`` runs once per spelling (the formats taking turns); the server runs
verifyKeys, status and diagnostics, hover and the paid-probe command once, its answers holding
several spellings at once. Every output is grepped with ``spelled_leaks``: no 10 consecutive
secret characters of any key, in any spelling.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from pathlib import Path

import pytest
from lsprotocol import types

from byok_lsp.keys import redact
from conftest import (
    ALL_KEYS,
    OPENAI_KEY,
    OR_KEY,
    SPELLINGS,
    clean_env,
    lsp_session,
    open_doc,
    push_caps,
    spelled_leaks,
    wait_for,
    write_tree,
)

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from online.fakeapi import FakeApi, json_reply  # noqa: E402 - tests/online is a package beside this folder

MGMT_KEY = ALL_KEYS[1]  # well-formed OpenRouter key shape: accepted as a management key
APP = ('import os\nfrom openai import OpenAI\n'
       'client = OpenAI(base_url="https://openrouter.ai/api/v1", api_key=os.environ["OPENROUTER_API_KEY"])\n'
       'r = client.chat.completions.create(model="openai/o3", messages=[])\n')


@pytest.fixture
def api():
    server = FakeApi()
    yield server
    server.close()


def _routes(api: FakeApi, say) -> None:
    """Every route answers with keys spelled by ``say(key)``."""
    api.route("GET", "/api/v1/key", json_reply({"error": {"code": 401, "message": f"Invalid key {say(OR_KEY)}"}}, 401))
    api.route("GET", "/api/v1/auth/key", json_reply({"error": {"code": 401, "message": f"bad {say(OR_KEY)}"}}, 401))
    api.route("GET", "/v1/models/o3",
              json_reply({"error": {"message": f"Incorrect API key provided: {say(OPENAI_KEY)}."}}, 401),
              json_reply({"error": {"code": "model_not_found", "message": f"o3 not for {say(OPENAI_KEY)}"}}, 404))
    api.route("GET", "/api/v1/byok", json_reply({"data": [{
        "provider": "openai", "name": say(OPENAI_KEY), "disabled": False,
        "allowed_models": [say(OR_KEY), say(OPENAI_KEY), say(MGMT_KEY), "openai/gpt-4o"]}]}))
    api.route("GET", "/api/v1/models", json_reply({"error": {"message": f"upstream {say(MGMT_KEY)}"}}, 500))


def _project(root: Path) -> Path:
    return write_tree(root, {".git/HEAD": "ref: refs/heads/main\n", ".gitignore": ".env\n", "app.py": APP,
                             ".env": f"OPENROUTER_API_KEY={OR_KEY}\nOPENAI_API_KEY={OPENAI_KEY}\n"})


def _env(api: FakeApi) -> dict:
    return clean_env(BYOK_LSP_OPENROUTER_API_BASE=api.openrouter_base, BYOK_LSP_OPENAI_API_BASE=api.openai_base,
                     OPENROUTER_MANAGEMENT_KEY=MGMT_KEY, NO_PROXY="*")


@pytest.mark.parametrize("spelling", list(SPELLINGS))
def test_check_online_never_prints_an_echoed_key(tmp_path, api, spelling):
    root = _project(tmp_path / "p")
    _routes(api, SPELLINGS[spelling])
    fmt = ("text", "json", "sarif", "github")[list(SPELLINGS).index(spelling) % 4]
    proc = subprocess.run([sys.executable, "-m", "byok_lsp", "check", "--online", "--format", fmt, "."], cwd=root,
                          env=_env(api), capture_output=True, timeout=90)
    out = (proc.stdout + proc.stderr).decode("utf-8", "replace")
    assert proc.returncode in (0, 1), redact(out[-2000:])
    assert len(api.hits) >= 3, "the online checks did not run"
    assert {"BYOK401", "BYOK405"} <= {code for code in ("BYOK401", "BYOK405", "BYOK409") if code in out}, \
        redact(out[-2000:])
    leaked = spelled_leaks(out)  # (not inside the assert: pytest would print the text it was given)
    assert not leaked, f"{spelling}: {leaked}"


async def test_server_online_never_shows_an_echoed_key(tmp_path, api):
    root = _project(tmp_path / "p")
    names = list(SPELLINGS)

    def several(key: str) -> str:  # each answer holds three spellings (the message is cut at ~120 chars)
        start = ALL_KEYS.index(key) * 3
        return " ".join(SPELLINGS[names[(start + i) % len(names)]](key) for i in range(3))

    _routes(api, several)
    # every spelling at least once in the /byok listing (its allowed models go into the results)
    api.route("GET", "/api/v1/byok", json_reply({"data": [{"provider": "openai", "name": "k", "disabled": False,
                                                           "allowed_models": [s(k) for s in SPELLINGS.values()
                                                                              for k in ALL_KEYS][:20]}]}))
    log_file = tmp_path / "server.log"
    options = {"workspaceTrusted": True, "onlineChecks": True, "logLevel": "debug"}
    outputs: list[tuple[str, str]] = []
    async with lsp_session(root, push_caps(), server_args=["--log-file", log_file, "-vv"], options=options,
                           env=_env(api)) as client:
        client.set_configuration({"onlineChecks": True, "logLevel": "debug"}, section="byok-lsp")
        uri = open_doc(client, root / "app.py", APP, language="python")
        await wait_for(lambda: uri in client.diagnostics, timeout=30, what="diagnostics of app.py")
        for command, args in [("byok-lsp.verifyKeys", []), ("byok-lsp.status", []),
                              ("byok-lsp.runPaidProbe", [{"model": several(OR_KEY)}]),
                              ("byok-lsp.runPaidProbe", [{"model": "openai/o3"}])]:
            try:
                result = await asyncio.wait_for(client.workspace_execute_command_async(
                    types.ExecuteCommandParams(command=command, arguments=args)), 60)
            except Exception as exc:  # noqa: BLE001 - an error answer is output too
                result = repr(exc)
            outputs.append((command, json.dumps(result, default=str, ensure_ascii=False)))
        await wait_for(lambda: any(d.code == "BYOK405" for d in client.diagnostics.get(uri, [])), timeout=30,
                       what="BYOK405 on app.py")
        for line, col in ((3, 50), (3, 55), (0, 0)):
            hover = await client.text_document_hover_async(types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=line, character=col)))
            outputs.append((f"hover {line}:{col}", repr(hover)))
        outputs.append(("published", repr([p for _, p in client.published])))
        await asyncio.sleep(0.5)
        outputs += [("logMessage", repr([m.message for m in client.log_messages])),
                    ("showMessage", repr([m.message for m in client.messages])),
                    ("status", repr(client.status_notifications))]
    outputs.append(("log file", log_file.read_text("utf-8", "replace")))
    assert len(api.hits) >= 3, "the online checks did not run"
    # hover reads the stored report (lsp/online_results.py), not a dict nothing writes
    assert any("Last online check" in text for where, text in outputs if where.startswith("hover")), outputs[-8:]
    bad = [(where, spelled_leaks(text)) for where, text in outputs if spelled_leaks(text)]
    assert not bad, bad
