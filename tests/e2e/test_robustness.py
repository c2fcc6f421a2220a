"""Hostile input on one server: every request is answered and the server keeps serving."""

from __future__ import annotations

import asyncio
import os

import pytest
import pytest_asyncio
from lsp_e2e import codes, open_doc, pull_caps, raw_request, replace_all, start, write
from lsprotocol import types
from pygls.exceptions import JsonRpcException

pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def root(module_client, tmp_path_factory):
    root = write(tmp_path_factory.mktemp("robust"), {
        ".env": "OPENROUTER_API_KEY=your-key-here\n",
        "blob.env": b"\x00\x01\xff\xfeOPENROUTER_API_KEY=\x00\n",
        "latin1.env": "OPENROUTER_API_KEY=caf\xe9\n".encode("latin-1"),
    })
    with open(os.path.join(os.fsencode(root), b"caf\xe9.env"), "wb") as fh:  # a file name that is not UTF-8
        fh.write(b"OPENROUTER_API_KEY=sk-or-v1-abc\n")
    await start(module_client, root, pull_caps())
    return root


def _doc(uri):
    return types.TextDocumentIdentifier(uri=uri)


async def _pull(client, uri):
    return await client.text_document_diagnostic_async(types.DocumentDiagnosticParams(text_document=_doc(uri)))


async def _still_serving(client, root):
    report = await _pull(client, (root / ".env").resolve().as_uri())
    assert codes(report.items) == ["BYOK202"]


async def test_binary_and_invalid_utf8(module_client, root):
    # An editor sends what it decoded: NULs, replacement characters, a lone surrogate.
    uri = open_doc(module_client, root / "blob.env", "\x00\x01\ufffd\ufffdOPENROUTER_API_KEY=\x00\n\ud800x=1\n")
    report = await _pull(module_client, uri)
    assert report.kind == "full"
    hover = await module_client.text_document_hover_async(types.HoverParams(
        text_document=_doc(uri), position=types.Position(line=1, character=1)))
    assert hover is None or hover.contents.value
    # Not open: read from disk (invalid UTF-8 is decoded with replacement characters).
    closed = await _pull(module_client, (root / "latin1.env").resolve().as_uri())
    assert closed.kind == "full"
    await _still_serving(module_client, root)


async def test_ten_megabyte_line(module_client, root):
    text = "OPENROUTER_API_KEY=" + "a" * 10_000_000 + "\n"
    uri = open_doc(module_client, root / "huge.env", text)
    report = await _pull(module_client, uri)
    # Larger than the 2 MiB analysis limit: not analysed, and one information diagnostic says so.
    assert [(d.code, d.severity) for d in report.items] == [("BYOK002", types.DiagnosticSeverity.Information)]
    hover = await module_client.text_document_hover_async(types.HoverParams(
        text_document=_doc(uri), position=types.Position(line=0, character=5_000_000)))
    assert hover is None or hover.contents.value
    replace_all(module_client, uri, "OPENROUTER_API_KEY=your-key-here\n", 2)
    assert codes((await _pull(module_client, uri)).items) == ["BYOK202"]
    await _still_serving(module_client, root)


async def test_out_of_range_positions(module_client, root):
    uri = open_doc(module_client, root / "range.env", "OPENROUTER_API_KEY=your-key-here\n")
    far = types.Position(line=10_000, character=10_000)
    assert await module_client.text_document_hover_async(types.HoverParams(text_document=_doc(uri), position=far)) is None
    actions = await module_client.text_document_code_action_async(types.CodeActionParams(
        text_document=_doc(uri), range=types.Range(start=far, end=far), context=types.CodeActionContext(diagnostics=[])))
    assert len(actions) == 0 or all(a.kind == "source.fixAll.byok-lsp" for a in actions)
    # An incremental change far past the end appends instead of failing.
    module_client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
        content_changes=[types.TextDocumentContentChangePartial(range=types.Range(start=far, end=far), text="X=1\n")]))
    assert codes((await _pull(module_client, uri)).items) == ["BYOK202"]
    await _still_serving(module_client, root)


async def test_unopened_documents_and_odd_uris(module_client, root):
    missing = (root / "nowhere" / "app.py").resolve().as_uri()
    assert await module_client.text_document_hover_async(types.HoverParams(
        text_document=_doc(missing), position=types.Position(line=0, character=0))) is None
    actions = await module_client.text_document_code_action_async(types.CodeActionParams(
        text_document=_doc(missing), range=types.Range(start=types.Position(line=0, character=0),
                                                       end=types.Position(line=0, character=0)),
        context=types.CodeActionContext(diagnostics=[])))
    assert len(actions) == 0
    assert len((await _pull(module_client, missing)).items) == 0
    untitled = "untitled:Untitled-1"
    module_client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
        uri=untitled, language_id="python", version=1, text='model = "openai/o3"\n')))
    assert len((await _pull(module_client, untitled)).items) == 0
    await _still_serving(module_client, root)


async def test_unknown_command_and_bad_arguments(module_client, root):
    with pytest.raises(JsonRpcException):
        await module_client.workspace_execute_command_async(types.ExecuteCommandParams(command="byok-lsp.noSuchCommand"))
    assert (await module_client.workspace_execute_command_async(types.ExecuteCommandParams(
        command="byok-lsp.applyFix", arguments=[{"byok": 1, "action": "ref", "uri": "file:///x", "version": 3}])))[
        "applied"] is False
    assert (await module_client.workspace_execute_command_async(types.ExecuteCommandParams(
        command="byok-lsp.openUrl", arguments=[None])))["opened"] is False
    assert (await module_client.workspace_execute_command_async(types.ExecuteCommandParams(
        command="byok-lsp.explainError", arguments=[{"text": 42, "show": False}])))["matched"] is False
    resolved = await module_client.code_action_resolve_async(types.CodeAction(title="foreign", data={"x": 1}))
    assert resolved.title == "foreign" and resolved.edit is None
    await _still_serving(module_client, root)


async def test_workspace_report_skips_open_and_binary_files(module_client, root):
    report = await module_client.workspace_diagnostic_async(types.WorkspaceDiagnosticParams(previous_result_ids=[]))
    names = {item.uri.rsplit("/", 1)[-1] for item in report.items}
    assert {".env", "latin1.env", "caf%E9.env"} <= names  # not open: reported from disk, odd names included
    odd = next(item for item in report.items if item.uri.endswith("/caf%E9.env"))
    assert codes(odd.items) == ["BYOK203"]
    assert "blob.env" not in names  # open (its pull report is the editor's), and NUL bytes on disk
    await _still_serving(module_client, root)


async def test_unreadable_params_are_answered(module_client, root):
    uri = (root / ".env").resolve().as_uri()
    for method, params in [
        ("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": "a", "character": None}}),
        ("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": -1, "character": 0}}),
        ("textDocument/codeAction", {"textDocument": {"uri": uri}}),
        ("textDocument/diagnostic", {"textDocument": 42}),
    ]:
        with pytest.raises(JsonRpcException) as error:
            await asyncio.wait_for(raw_request(module_client, method, params), 10)
        assert error.value.code == -32602  # InvalidParams, not silence
    await _still_serving(module_client, root)


async def test_foreign_diagnostic_data_does_not_drop_other_actions(module_client, root):
    uri = open_doc(module_client, root / "actions.env", "OPENROUTER_API_KEY=your-key-here\n")
    good = list((await _pull(module_client, uri)).items)
    line = types.Range(start=types.Position(line=0, character=0), end=types.Position(line=0, character=30))

    async def actions(diagnostics):
        return await module_client.text_document_code_action_async(types.CodeActionParams(
            text_document=_doc(uri), range=line, context=types.CodeActionContext(diagnostics=diagnostics)))

    alone = await actions(good)
    bad = types.Diagnostic(range=line, message="x", source="byok-lsp", code="BYOK202",
                           data={"byok": 1, "fixes": [{"title": "t", "safety": "safe", "edits": [{}]}, "junk"]})
    mixed = await actions([*good, bad])
    assert [a.title for a in mixed] == [a.title for a in alone]

