"""Fixes never write outside the checked roots / workspace folders, nor through a link.

A ``.env`` that is a symbolic link to a file elsewhere, ``env-files = ["../outside/.env"]``, a
``.gitignore`` linked to a shared one, a file with a second hard link: findings about them are
still reported, but ``check --fix`` leaves them byte for byte, a note says why, and the editor
offers no edit of them (quick fix or fix-all).
"""

from __future__ import annotations

import json
import os

from lsprotocol import types

from byok_lsp.fence import WriteFence
from conftest import OR_KEY, USAGE_PY, lsp_session, push_caps, run_cli, wait_for, write_tree

CORRUPTED = f'OPENROUTER_API_KEY=" {OR_KEY} "\n'  # BYOK206, whose clean-up is a safe fix
GIT = {".git/HEAD": "ref: refs/heads/main\n"}


def _project(tmp_path):
    """tmp/outside/ (someone else's files) and tmp/ws/ (the project), returned as (ws, outside)."""
    outside = write_tree(tmp_path / "outside", {"secrets.env": CORRUPTED, ".env": "OTHER=1\n",
                                                "shared.gitignore": "*.pyc\n"})
    ws = write_tree(tmp_path / "ws", GIT)
    return ws, outside


def _check_fix(ws):
    proc = run_cli("check", "--fix", "--format", "json", ".", cwd=ws)
    assert proc.returncode in (0, 1), proc.stderr.decode(errors="replace")[-2000:]
    return json.loads(proc.stdout), proc.stderr.decode()


def test_check_fix_does_not_write_through_a_symlinked_env(tmp_path):
    ws, outside = _project(tmp_path)
    (ws / ".env").symlink_to(outside / "secrets.env")
    write_tree(ws, {".gitignore": ".env\n"})
    found, stderr = _check_fix(ws)
    unchanged = (outside / "secrets.env").read_text() == CORRUPTED  # (no diff: it would print the key)
    assert unchanged, "a fix wrote through the link"
    assert [f["code"] for f in found if f["path"] == ".env"] == ["BYOK206"], "the finding must still be reported"
    assert "read-only" in stderr and "symbolic link" in stderr, stderr


def test_check_fix_does_not_write_env_files_outside_the_project(tmp_path):
    ws, outside = _project(tmp_path)
    write_tree(ws, {".byok-lsp.toml": 'env-files = ["../outside/.env"]\n', "app.py": USAGE_PY.replace(
        'base_url="https://openrouter.ai/api/v1"', 'base_url="https://openrouter.ai/api/v1", '
        'api_key=os.environ["OPENROUTER_API_KEY"]').replace("from openai", "import os\nfrom openai")})
    found, stderr = _check_fix(ws)
    assert (outside / ".env").read_text() == "OTHER=1\n", "a line was appended to a file outside the project"
    assert not (ws / ".env").exists() or "OPENROUTER_API_KEY" not in (ws / ".env").read_text()
    missing = [f for f in found if f["code"] == "BYOK201"]
    assert missing and all("read-only" in f["message"] for f in missing), missing
    assert "read-only" in stderr and "outside the checked folder" in stderr, stderr


def test_check_fix_does_not_write_a_linked_gitignore(tmp_path):
    ws, outside = _project(tmp_path)
    write_tree(ws, {".env": f"OPENROUTER_API_KEY={OR_KEY}\n"})
    (ws / ".gitignore").symlink_to(outside / "shared.gitignore")
    found, _ = _check_fix(ws)
    assert (outside / "shared.gitignore").read_text() == "*.pyc\n"
    assert [f["code"] for f in found if f["path"] == ".env"] == ["BYOK302"]


def test_check_fix_does_not_write_a_hard_linked_file(tmp_path):
    ws, outside = _project(tmp_path)
    os.link(outside / "secrets.env", ws / ".env")
    write_tree(ws, {".gitignore": ".env\n"})
    _check_fix(ws)
    unchanged = (outside / "secrets.env").read_text() == CORRUPTED
    assert unchanged, "a fix wrote the file through its second hard link"


def test_check_fix_still_fixes_inside_the_project(tmp_path):
    ws, _ = _project(tmp_path)
    write_tree(ws, {".env": CORRUPTED, ".gitignore": ".env\n"})
    found, _ = _check_fix(ws)
    cleaned = (ws / ".env").read_text() == f"OPENROUTER_API_KEY={OR_KEY}\n"
    assert cleaned, "the safe fix inside the project was not applied"
    assert found == []


def test_fence_reasons(tmp_path):
    ws, outside = _project(tmp_path)
    (ws / "linked").symlink_to(outside, target_is_directory=True)
    (ws / "plain.env").write_text("A=1\n")
    fence = WriteFence([ws])
    assert fence.reason(ws / "plain.env") is None
    assert fence.reason(ws / "new.env") is None, "a file to create inside the root"
    assert "outside" in fence.reason(ws / "linked" / ".env")
    assert "outside" in fence.reason(ws / "linked" / "new.env"), "a file created through a linked folder"
    assert "outside" in fence.reason(ws / ".." / "outside" / ".env")
    (ws / "dangling.env").symlink_to(tmp_path / "nowhere.env")
    assert "symbolic link" in fence.reason(ws / "dangling.env"), "creating through a dangling link"


APP = ('import os\nfrom openai import OpenAI\nclient = OpenAI(base_url="https://openrouter.ai/api/v1", '
       'api_key=os.environ["OPENROUTER_API_KEY"])\n')  # BYOK201 unless a serving .env sets the key


async def _open_and_ask(client, uri: str, language: str, text: str, code: str):
    """Open ``uri`` (as the editor names it), wait for ``code`` in the diagnostics published for it
    (under its resolved name, for a link) and ask for that diagnostic's code actions."""
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
        uri=uri, language_id=language, version=1, text=text)))
    await wait_for(lambda: any(d.code == code for _t, p in client.published for d in p.diagnostics),
                   timeout=30, what=f"{code} for {uri}")
    target = [p for _t, p in client.published if any(d.code == code for d in p.diagnostics)][-1]
    diags = [d for d in target.diagnostics if d.code == code]
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=target.uri), range=diags[0].range,
        context=types.CodeActionContext(diagnostics=diags)))
    return target, diags, actions or []


async def test_editor_offers_no_edit_of_a_document_opened_through_a_link(tmp_path):
    ws, outside = _project(tmp_path)
    (ws / ".env").symlink_to(outside / "secrets.env")
    write_tree(ws, {".gitignore": ".env\n"})
    async with lsp_session(ws, push_caps()) as client:
        # the link's own name, as an editor opening ws/.env sends it
        target, diags, actions = await _open_and_ask(client, (ws / ".env").as_uri(), "dotenv", CORRUPTED, "BYOK206")
        assert "read-only" in diags[0].message
        assert [a for a in actions if getattr(a, "edit", None) or getattr(a, "data", None)] == [], actions
        fix_all = await client.text_document_code_action_async(types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=target.uri), range=diags[0].range,
            context=types.CodeActionContext(diagnostics=[], only=[types.CodeActionKind.SourceFixAll])))
        assert not fix_all, fix_all


async def _assert_nothing_written_in(client, actions, outside) -> None:
    for action in actions:
        if getattr(action, "data", None) and getattr(action, "edit", None) is None:
            action = await client.code_action_resolve_async(action)
        wire = json.dumps(getattr(action, "data", None)) + repr(getattr(action, "edit", None))
        assert str(outside) not in wire and outside.as_uri() not in wire, action.title


async def test_editor_offers_no_edit_of_env_files_outside_the_folders(tmp_path):
    ws, outside = _project(tmp_path)
    write_tree(ws, {".byok-lsp.toml": 'env-files = ["../outside/.env"]\n', "app.py": APP})
    async with lsp_session(ws, push_caps()) as client:
        _target, _diags, actions = await _open_and_ask(client, (ws / "app.py").as_uri(), "python", APP, "BYOK201")
        await _assert_nothing_written_in(client, actions, outside)


async def test_a_linked_code_file_writes_nothing_beside_its_target(tmp_path):
    """ws/app.py is a link to ../outside/app.py: the editor opened it inside the workspace, but
    its resolved path lies outside every folder. The project around the target (outside/) is not
    the user's: "Add OPENROUTER_API_KEY= to .env" must not append to outside/.env, nor "Ignore …
    in this project" create outside/.byok-lsp.toml (before the fence was fixed, outside/ counted
    as the linked file's own writable root)."""
    ws = write_tree(tmp_path / "ws", GIT)
    outside = write_tree(tmp_path / "outside", {"app.py": APP, ".env": "OTHER=1\n"})
    (ws / "app.py").symlink_to(outside / "app.py")
    async with lsp_session(ws, push_caps()) as client:
        _target, _diags, actions = await _open_and_ask(client, (ws / "app.py").as_uri(), "python", APP, "BYOK201")
        assert actions, "expected the page action at least"
        await _assert_nothing_written_in(client, actions, outside)
