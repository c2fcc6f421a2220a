"""Hover obeys the analysis limits (issue 15, item 13): a 50 MB .env hover took 23 s and 1.25 GB.

A document over ``MAX_FILE_BYTES`` is not read by hover (its "not analysed" note still shows), a
line over ``MAX_LINE_CHARS`` is not scanned, and an oversized open code file is not searched for
the code that reads a .env key. Checked by the server's CPU time per hover (a generous budget:
main spent ~0.4 s of CPU per MB of .env on every hover).
"""

from __future__ import annotations

import pytest
from lsprotocol import types

from conftest import cpu_seconds, lsp_session, open_doc, push_caps, server_pid, wait_for, write_tree

pytestmark = pytest.mark.asyncio

HOVER_CPU_BUDGET = 3.0  # seconds of server CPU for three hovers on a 30 MB document


def _big_env() -> str:
    return "".join(f"KEY_{i}=value{i}\n" for i in range(1_500_000)) + "OPENROUTER_API_KEY=sk-or-v1-abc\n"


async def _hover(client, uri, line, character):
    return await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=line, character=character)))


async def test_hover_on_an_oversized_env_is_cheap(tmp_path):
    write_tree(tmp_path, {".git/HEAD": "ref: refs/heads/main\n"})
    text = _big_env()
    assert len(text) > 25_000_000
    async with lsp_session(tmp_path, push_caps()) as client:
        uri = open_doc(client, tmp_path / ".env", text)
        # An open code file over the limit too: a .env key hover must not search it.
        open_doc(client, tmp_path / "huge.py", "import os\nos.getenv('KEY_1')\n" * 1_000_000, language="python")
        await wait_for(lambda: uri in client.diagnostics, timeout=60, what="diagnostics of .env")
        pid = server_pid(client)
        before = cpu_seconds(pid)
        last = text.count("\n")
        end_hover = await _hover(client, uri, last, 5)
        middle_hover = await _hover(client, uri, 10, 3)
        note_hover = await _hover(client, uri, 0, 0)
        spent = cpu_seconds(pid) - before
        assert spent < HOVER_CPU_BUDGET, f"three hovers on a {len(text) / 1e6:.0f} MB .env took {spent:.1f} s of CPU"
        assert end_hover is None and middle_hover is None
        # The "larger than 2 MiB: not analysed" note is still explained where it sits.
        assert note_hover is not None and "BYOK" in note_hover.contents.value


async def test_hover_on_an_overlong_line_does_not_scan_it(tmp_path):
    write_tree(tmp_path, {".git/HEAD": "ref: refs/heads/main\n"})
    line = "x = '" + "openai/o3 " * 150_000 + "'"  # 1.5 MB, one line: under the file limit, over the line limit
    async with lsp_session(tmp_path, push_caps()) as client:
        uri = open_doc(client, tmp_path / "long.py", "import os\n" + line + "\n", language="python")
        await wait_for(lambda: uri in client.diagnostics, timeout=60, what="diagnostics of long.py")
        hover = await _hover(client, uri, 1, 20)
        assert hover is None or "openai/o3" not in hover.contents.value.split("\n")[0]
