"""Position encodings end to end: UTF-16 (default) on a line with an emoji and CJK (one of them outside
the BMP, so a surrogate pair), UTF-8 when the client offers it, in both directions."""

from __future__ import annotations

from lsp_e2e import apply_workspace_edit, codes, diagnostics_for, open_doc, push_caps, start, write
from lsprotocol import types

LINE = 'note = "🎉 日本語 𠮷"; reply = client.chat.completions.create(model="openai/o3", messages=[])'
APP = ('import os\n\nfrom openai import OpenAI\n\n'
       'client = OpenAI(base_url="https://openrouter.ai/api/v1", api_key=os.getenv("OPENROUTER_API_KEY"))\n'
       + LINE + "\n")
ENV = "OPENROUTER_API_KEY=sk-or-v1-" + "ab" * 32 + "\n"


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def utf8(text: str) -> int:
    return len(text.encode("utf-8"))


def _range(line: int, start: int, end: int) -> types.Range:
    return types.Range(start=types.Position(line=line, character=start), end=types.Position(line=line, character=end))


async def test_utf16_ranges_hover_and_incremental_edit(client, tmp_path):
    write(tmp_path, {".env": ENV, ".gitignore": ".env\n", "app.py": APP})
    result = await start(client, tmp_path, push_caps())
    assert result.capabilities.position_encoding == types.PositionEncodingKind.Utf16
    uri = open_doc(client, tmp_path / "app.py", APP, language="python")
    diags = await diagnostics_for(client, uri, 1)
    assert codes(diags) == ["BYOK101"]

    col = LINE.index("openai/o3")
    start16, end16 = utf16(LINE[:col]), utf16(LINE[:col + len("openai/o3")])
    assert start16 == col + 2  # 🎉 and 𠮷 are two UTF-16 units each
    assert diags[0].range == _range(5, start16, end16)

    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=5, character=start16 + 1)))
    assert hover.contents.value.startswith("### openai/o3: BYOK required") and hover.range == diags[0].range

    # The fix's edit, in UTF-16, keeps every other character of the line.
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=diags[0].range,
        context=types.CodeActionContext(diagnostics=diags)))
    switch = next(a for a in actions if a.title.startswith("Switch to openai/o4-mini"))
    switch = await client.code_action_resolve_async(switch)
    assert apply_workspace_edit(switch.edit, {uri: APP})[uri] == APP.replace('"openai/o3"', '"openai/o4-mini"')

    # An incremental change sent in UTF-16 lands on the right characters.
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
        content_changes=[types.TextDocumentContentChangePartial(range=_range(5, start16, end16), text="openai/o3-mini")]))
    assert await diagnostics_for(client, uri, 2) == []
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=5, character=start16 + 10)))
    assert hover.contents.value.startswith("### openai/o3-mini: no BYOK needed at OpenRouter\n")
    assert hover.range == _range(5, start16, start16 + len("openai/o3-mini"))


async def test_utf8_when_the_client_offers_it(client, tmp_path):
    write(tmp_path, {".env": ENV, ".gitignore": ".env\n", "app.py": APP})
    caps = push_caps()
    caps.general = types.GeneralClientCapabilities(position_encodings=[types.PositionEncodingKind.Utf8,
                                                                       types.PositionEncodingKind.Utf16])
    result = await start(client, tmp_path, caps)
    assert result.capabilities.position_encoding == types.PositionEncodingKind.Utf8
    uri = open_doc(client, tmp_path / "app.py", APP, language="python")
    diags = await diagnostics_for(client, uri, 1)
    col = LINE.index("openai/o3")
    assert diags[0].range == _range(5, utf8(LINE[:col]), utf8(LINE[:col]) + len("openai/o3"))

    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=5, character=utf8(LINE[:col]) + 4)))
    assert hover.range == diags[0].range

    # An insertion before the emoji, in UTF-8 bytes, shifts the finding by exactly its length.
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
        content_changes=[types.TextDocumentContentChangePartial(range=_range(5, utf8('note = "🎉'), utf8('note = "🎉')),
                                                                text="✓")]))
    moved = await diagnostics_for(client, uri, 2)
    assert moved[0].range.start.character == diags[0].range.start.character + utf8("✓")
