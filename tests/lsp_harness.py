"""The one LSP test harness: what tests/e2e (lsp_e2e.py) and tests/adversarial (conftest.py)
share — the server command, client capabilities, files, documents, raw JSON-RPC, waiting, and
LSP positions and edits applied the way an editor applies them. Both re-export these names, so
a test keeps importing them from where it always did; new helpers belong here.

Recording what the server sends stays with each tier: e2e's client accepts workspace edits
(``e2e/conftest.prepare``), the adversarial one refuses them and timestamps every publish.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import os
import re
import sys
import time
import uuid
from pathlib import Path

from lsprotocol import types
from pytest_lsp import LanguageClient, client_capabilities

SERVER = [sys.executable, "-m", "byok_lsp", "serve", "--stdio"]
if os.environ.get("BYOK_LSP_TEST_LOG"):  # debugging: BYOK_LSP_TEST_LOG=/tmp/byok.log pytest tests/e2e
    SERVER += ["--log-file", os.environ["BYOK_LSP_TEST_LOG"], "-vv"]
CLI = [sys.executable, "-m", "byok_lsp"]


# ----- client capabilities -------------------------------------------------------------------------
def push_caps() -> types.ClientCapabilities:
    """VS Code 1.65: no pull diagnostics, resolve for `edit`, showDocument, dynamic watchers."""
    return client_capabilities("visual-studio-code")


def pull_caps() -> types.ClientCapabilities:
    caps = client_capabilities("visual-studio-code")
    caps.text_document.diagnostic = types.DiagnosticClientCapabilities(related_document_support=False)
    caps.workspace.diagnostics = types.DiagnosticWorkspaceClientCapabilities(refresh_support=True)
    return caps


def eager_caps() -> types.ClientCapabilities:
    """A client that cannot resolve code actions: edits must come with the action."""
    caps = client_capabilities("visual-studio-code")
    caps.text_document.code_action.resolve_support = None
    return caps


# ----- files ---------------------------------------------------------------------------------------
def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write ``files`` under ``root`` byte for byte (str is written as UTF-8, newlines untouched)."""
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8", "surrogateescape"))
    return root


# ----- documents -----------------------------------------------------------------------------------
def open_doc(client: LanguageClient, path: Path, text: str | None = None, version: int = 1,
             language: str = "plaintext") -> str:
    """didOpen ``path`` with ``text`` (default: its content on disk); returns its URI."""
    uri = path.resolve().as_uri()
    if text is None:
        text = path.read_bytes().decode("utf-8")
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
        uri=uri, language_id=language, version=version, text=text)))
    return uri


def change_whole(client: LanguageClient, uri: str, text: str, version: int) -> None:
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))


def change_range(client: LanguageClient, uri: str, version: int, start: tuple[int, int], end: tuple[int, int],
                 text: str) -> None:
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=[types.TextDocumentContentChangePartial(
            range=types.Range(start=types.Position(line=start[0], character=start[1]),
                              end=types.Position(line=end[0], character=end[1])),
            text=text)]))


# ----- raw JSON-RPC --------------------------------------------------------------------------------
NO_PARAMS = object()


def send_raw(client: LanguageClient, method: str, params, msg_id=None) -> asyncio.Future | None:
    """Send a request (``msg_id`` given or generated) or, with ``msg_id=False``, a notification
    whose ``params`` go on the wire exactly as given (``NO_PARAMS``: none). Returns the response
    future for requests.

    pytest-lsp's typed methods serialise lsprotocol objects; malformed params need a plain dict,
    so this writes the message through the protocol's own framing (``_send_data``) and registers
    the id where the client's reader looks for it.
    """
    proto = client.protocol
    message = {"jsonrpc": "2.0", "method": method}
    if params is not NO_PARAMS:
        message["params"] = params
    future = None
    if msg_id is not False:
        msg_id = msg_id if msg_id is not None else str(uuid.uuid4())
        message["id"] = msg_id
        cf: concurrent.futures.Future = concurrent.futures.Future()
        proto._request_futures[msg_id] = cf
        future = asyncio.wrap_future(cf)
    proto._send_data(message)
    return future


async def roundtrip(client: LanguageClient, timeout: float = 30) -> None:
    """A request every server answers (unknown method → error), to know all earlier messages
    have been read."""
    fut = send_raw(client, "byok-lsp/adversarial-ping", {})
    with contextlib.suppress(Exception):
        await asyncio.wait_for(fut, timeout)


# ----- waiting -------------------------------------------------------------------------------------
async def wait_for(predicate, timeout: float = 15.0, what: str = "condition"):
    """Poll until ``predicate()`` is truthy (diagnostics arrive as notifications)."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.02)


def codes(diagnostics) -> list[str]:
    return sorted(str(d.code) for d in diagnostics)


# ----- positions and edits, as an editor applies them ----------------------------------------------
def lsp_lines(text: str) -> list[str]:
    """Lines without endings, split only at \\r\\n, \\r, \\n (as LSP does)."""
    return re.split(r"\r\n|\r|\n", text)


def utf16_len(s: str) -> int:
    return len(s.encode("utf-16-le", "surrogatepass")) // 2


def char_units(ch: str, encoding: str = "utf-16") -> int:
    """Code units of one character in a negotiated LSP position encoding."""
    if encoding == "utf-8":
        return len(ch.encode("utf-8", "surrogatepass"))
    if encoding == "utf-32":
        return 1
    return 2 if ord(ch) > 0xFFFF else 1


def units_len(s: str, encoding: str = "utf-16") -> int:
    return sum(char_units(ch, encoding) for ch in s) if not s.isascii() else len(s)


def lsp_offset(text: str, line: int, character: int, encoding: str = "utf-16") -> int:
    """LSP's clamping: a line past the end is the end of the document, a character past the
    end of a line is the end of that line, a position inside a character rounds down."""
    starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]
    if line >= len(starts):
        return len(text)
    end = starts[line + 1] if line + 1 < len(starts) else len(text)
    content = text[starts[line]:end].rstrip("\r\n")
    if content.isascii():
        return starts[line] + min(character, len(content))
    units = col = 0
    for ch in content:
        width = char_units(ch, encoding)
        if units + width > character:
            break
        units += width
        col += 1
    return starts[line] + col


def apply_lsp_change(text: str, start: tuple[int, int], end: tuple[int, int], new: str,
                     encoding: str = "utf-16") -> str:
    """What an incremental didChange does to ``text`` (a reversed range is taken as its mirror)."""
    a, b = lsp_offset(text, *start, encoding), lsp_offset(text, *end, encoding)
    a, b = min(a, b), max(a, b)
    return text[:a] + new + text[b:]


def range_inside(text: str, rng: types.Range, encoding: str = "utf-16") -> bool:
    """Is ``rng`` a valid range of ``text`` in ``encoding``: lines exist, characters within the
    line and on a character boundary, start ≤ end."""
    lines = lsp_lines(text)

    def ok(pos: types.Position) -> bool:
        if not 0 <= pos.line < len(lines):
            return False
        if lines[pos.line].isascii():
            return 0 <= pos.character <= len(lines[pos.line])
        boundaries, units = {0}, 0
        for ch in lines[pos.line]:
            units += char_units(ch, encoding)
            boundaries.add(units)
        return pos.character in boundaries

    return ok(rng.start) and ok(rng.end) and (rng.start.line, rng.start.character) <= (rng.end.line, rng.end.character)


def client_range(text: str, span, encoding: str = "utf-16") -> tuple:
    """A core span (code-point columns) as (line, char, end line, end char) in ``encoding``."""
    lines = lsp_lines(text)

    def pos(line: int, col: int) -> tuple[int, int]:
        line = min(line, len(lines) - 1)
        return line, units_len(lines[line][:col], encoding)

    return pos(span.line, span.col) + pos(span.end_line, span.end_col)


def apply_text_edits(text: str, edits, encoding: str = "utf-16") -> str:
    """``edits`` (non-overlapping TextEdits) applied to ``text`` with LSP's clamping."""
    def offset(pos: types.Position) -> int:
        return lsp_offset(text, pos.line, pos.character, encoding)

    spans = sorted(((offset(e.range.start), offset(e.range.end), e.new_text) for e in edits), key=lambda t: t[:2])
    out, pos = [], 0
    for start, end, new in spans:
        assert start >= pos, "overlapping edits"
        out.append(text[pos:start])
        out.append(new)
        pos = end
    out.append(text[pos:])
    return "".join(out)


def apply_workspace_edit(edit: types.WorkspaceEdit, texts: dict[str, str], encoding: str = "utf-16") -> dict[str, str]:
    """Apply ``edit`` to ``texts`` (uri → text; a created file starts empty); return the new texts."""
    out = dict(texts)
    if edit.document_changes:
        for change in edit.document_changes:
            if isinstance(change, types.CreateFile):
                out.setdefault(change.uri, "")
            elif isinstance(change, types.TextDocumentEdit):
                out[change.text_document.uri] = apply_text_edits(out[change.text_document.uri], change.edits, encoding)
    for uri, edits in (edit.changes or {}).items():
        out[uri] = apply_text_edits(out[uri], edits, encoding)
    return out
