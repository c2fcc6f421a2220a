"""Helpers for the end-to-end tests: capabilities, starting a session, documents, applying edits."""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import sys
import uuid
from pathlib import Path

from lsprotocol import types
from pytest_lsp import LanguageClient, client_capabilities

SERVER = [sys.executable, "-m", "byok_lsp", "serve", "--stdio"]
if os.environ.get("BYOK_LSP_TEST_LOG"):  # debugging: BYOK_LSP_TEST_LOG=/tmp/byok.log pytest tests/e2e
    SERVER += ["--log-file", os.environ["BYOK_LSP_TEST_LOG"], "-vv"]
OR_KEY = "sk-or-v1-" + "0123456789abcdef" * 4  # well-formed, not a real key
APP_PY = '''import os

from openai import OpenAI

client = OpenAI(base_url="https://openrouter.ai/api/v1", api_key=os.getenv("OPENROUTER_API_KEY"))
reply = client.chat.completions.create(model="openai/o3", messages=[{"role": "user", "content": "hi"}])
'''


def write(root: Path, files: dict[str, str | bytes]) -> Path:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            with open(path, "w", encoding="utf-8", newline="") as fh:
                fh.write(content)
    return root


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


async def start(client: LanguageClient, root: Path | list[Path], caps: types.ClientCapabilities | None = None,
                options: dict | None = None) -> types.InitializeResult:
    """initialize + initialized with ``root`` (or several roots) as the workspace folders."""
    roots = root if isinstance(root, list) else [root]
    uris = [r.resolve().as_uri() for r in roots]
    return await client.initialize_session(types.InitializeParams(
        capabilities=caps or push_caps(),
        root_uri=uris[0],
        workspace_folders=[types.WorkspaceFolder(uri=u, name=r.name) for u, r in zip(uris, roots)],
        initialization_options=options,
    ))


def open_doc(client: LanguageClient, path: Path, text: str | None = None, version: int = 1,
             language: str = "plaintext") -> str:
    uri = path.resolve().as_uri()
    if text is None:
        text = path.read_bytes().decode("utf-8")
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
        uri=uri, language_id=language, version=version, text=text)))
    return uri


def replace_all(client: LanguageClient, uri: str, text: str, version: int) -> None:
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))


def raw_request(client: LanguageClient, method: str, params) -> asyncio.Future:
    """Send ``params`` exactly as given (typed methods cannot send malformed params)."""
    msg_id = str(uuid.uuid4())
    done: concurrent.futures.Future = concurrent.futures.Future()
    client.protocol._request_futures[msg_id] = done  # where the client's reader resolves responses
    client.protocol._send_data({"jsonrpc": "2.0", "id": msg_id, "method": method, "params": params})
    return asyncio.wrap_future(done)


async def wait_for(predicate, timeout: float = 10.0, what: str = "condition"):
    """Poll until ``predicate()`` is truthy (diagnostics arrive as notifications)."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.02)


async def diagnostics_for(client: LanguageClient, uri: str, version: int | None = None, timeout: float = 10.0):
    """Published diagnostics of ``uri`` (for ``version`` when given)."""
    def ready():
        if uri not in client.diagnostics:
            return None
        if version is not None and client.published_versions.get(uri) != version:
            return None
        return True
    await wait_for(ready, timeout, f"diagnostics of {uri}")
    return list(client.diagnostics[uri])


def codes(diagnostics) -> list[str]:
    return sorted(str(d.code) for d in diagnostics)


# ----- applying edits the way an editor does ------------------------------------------------------
def _units_to_index(line: str, character: int, encoding: str) -> int:
    if encoding == "utf-32":
        return min(character, len(line))
    count = 0
    for i, ch in enumerate(line):
        if count >= character:
            return i
        count += len(ch.encode("utf-8")) if encoding == "utf-8" else (2 if ord(ch) > 0xFFFF else 1)
    return len(line)


def _offset(text: str, pos: types.Position, encoding: str) -> int:
    lines = text.splitlines(keepends=True) if text else [""]
    # LSP line breaks only (the test texts hold no \u2028 and the like)
    if pos.line >= len(lines):
        return len(text)
    start = sum(len(x) for x in lines[: pos.line])
    line = lines[pos.line].rstrip("\r\n")
    return start + _units_to_index(line, pos.character, encoding)


def apply_text_edits(text: str, edits, encoding: str = "utf-16") -> str:
    spans = sorted(((_offset(text, e.range.start, encoding), _offset(text, e.range.end, encoding), e.new_text)
                    for e in edits), key=lambda t: t[:2])
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
