"""Property tests for ``byok_lsp.lsp.positions``: code-point columns ↔ UTF-16 ↔ UTF-8 ↔ UTF-32.

Texts mix ASCII, CJK, astral emoji (two UTF-16 units, four UTF-8 bytes), combining marks, lone
surrogates (what ``surrogateescape`` makes of invalid UTF-8), characters that ``str.splitlines``
breaks at but LSP does not (\\x0b, \\x85, \\u2028), and every line ending (\\r\\n, \\r, \\n).
References are computed here independently (``str.encode``), never with the module under test.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lsprotocol import types
from pygls.workspace import PositionCodec

from byok_lsp import textio
from byok_lsp.lsp import positions
from byok_lsp.lsp.documents import ByokTextDocument
from conftest import lsp_lines, range_inside, utf16_len

pytestmark = pytest.mark.fuzz

ENCODINGS = (positions.UTF8, positions.UTF16, positions.UTF32)
PIECES = ["a", "Z", " ", "=", "#", '"', "é", "ß", "中", "文", "한", "😀", "🧪", "𝔘", "e\u0301", "\u0308", "\u200d",
          "\ufeff", "\x0b", "\x0c", "\x85", "\u2028", "\u2029", "\udc80", "\udcff", "\t", "\x00",
          "\r\n", "\r", "\n", "\n\r", "sk-or-v1-", "openai/o3"]
texts = st.lists(st.sampled_from(PIECES) | st.text(max_size=4), max_size=40).map("".join)
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def reference_units(prefix: str, encoding: str) -> int:
    if encoding == positions.UTF8:
        return len(prefix.encode("utf-8", "surrogatepass"))
    if encoding == positions.UTF16:
        return utf16_len(prefix)
    return len(prefix)


def valid_positions(text: str):
    """Every (line, code-point column) that exists in ``text``."""
    for line_no, line in enumerate(lsp_lines(text)):
        for col in range(len(line) + 1):
            yield line_no, col


@SETTINGS
@given(texts)
def test_line_structure_matches_the_core_and_lsp(text):
    index = positions.LineIndex(text)
    assert index.starts == textio.line_starts(text), "the LSP layer and the core disagree about line starts"
    assert index.line_count == len(lsp_lines(text))
    for i, expected in enumerate(lsp_lines(text)):
        assert index.line(i) == expected
    assert "".join(positions.split_lines(text)) == text
    assert "".join(textio.splitlines_keepends(text)) == text
    for piece in positions.split_lines(text):
        body = piece.rstrip("\r\n")
        assert not re.search(r"[\r\n]", body), "a line break inside a line"


@SETTINGS
@given(texts)
def test_columns_round_trip_in_every_encoding(text):
    for line in lsp_lines(text):
        for encoding in ENCODINGS:
            previous = -1
            for col in range(len(line) + 1):
                units = positions.col_to_client(line, col, encoding)
                assert units == reference_units(line[:col], encoding)
                assert units > previous or col == 0
                previous = units
                assert positions.col_from_client(line, units, encoding) == col
            assert positions.units(line, encoding) == reference_units(line, encoding)


@SETTINGS
@given(texts, st.integers(min_value=-3, max_value=200))
def test_client_units_inside_a_character_round_down(text, character):
    for line in lsp_lines(text):
        for encoding in ENCODINGS:
            col = positions.col_from_client(line, character, encoding)
            assert 0 <= col <= len(line)
            assert positions.col_to_client(line, col, encoding) <= max(character, 0)
            if col < len(line):  # the next character would pass the client's position
                assert reference_units(line[:col + 1], encoding) > character


@SETTINGS
@given(texts, st.integers(min_value=-5, max_value=60), st.integers(min_value=-5, max_value=300))
def test_out_of_range_positions_are_clamped_never_raised(text, line, col):
    index = positions.LineIndex(text)
    for encoding in ENCODINGS:
        pos = index.position(line, col, encoding)
        rng = types.Range(start=pos, end=pos)
        if encoding == positions.UTF16:
            assert range_inside(text, rng)
        back = index.from_client(types.Position(line=max(line, 0), character=max(col, 0)), encoding)
        assert 0 <= back[0] < index.line_count and 0 <= back[1] <= len(index.line(back[0]))
        assert 0 <= index.client_offset(types.Position(line=max(line, 0), character=max(col, 0)), encoding) <= len(text)


@SETTINGS
@given(texts)
def test_position_and_from_client_are_inverse(text):
    index = positions.LineIndex(text)
    for line, col in valid_positions(text):
        for encoding in ENCODINGS:
            pos = index.position(line, col, encoding)
            assert index.from_client(pos, encoding) == (line, col)
            assert index.offset(line, col) == index.starts[line] + col


@SETTINGS
@given(texts, st.data())
def test_incremental_change_splices_exactly(text, data):
    """didChange with a range built from two valid positions replaces exactly that slice."""
    spots = list(valid_positions(text))
    a = data.draw(st.sampled_from(spots))
    b = data.draw(st.sampled_from(spots))
    a, b = sorted([a, b])
    new = data.draw(texts)
    encoding = data.draw(st.sampled_from(ENCODINGS))
    index = positions.LineIndex(text)
    doc = ByokTextDocument("file:///t.env", source=text, version=1, position_codec=PositionCodec(encoding))
    doc.apply_change(types.TextDocumentContentChangePartial(
        range=types.Range(start=index.position(*a, encoding), end=index.position(*b, encoding)), text=new))
    start, end = index.offset(*a), index.offset(*b)
    assert doc.source == text[:start] + new + text[end:]


@SETTINGS
@given(texts, texts, st.tuples(st.integers(-2, 50), st.integers(-2, 500), st.integers(-2, 50), st.integers(-2, 500)))
def test_incremental_change_with_wild_ranges_never_raises(text, new, nums):
    l1, c1, l2, c2 = (max(n, 0) for n in nums)  # lsprotocol refuses negative uinteger positions
    doc = ByokTextDocument("file:///t.py", source=text, version=1, position_codec=PositionCodec(positions.UTF16))
    doc.apply_change(types.TextDocumentContentChangePartial(
        range=types.Range(start=types.Position(line=l1, character=c1), end=types.Position(line=l2, character=c2)),
        text=new))
    assert new in doc.source
    assert len(doc.source) <= len(text) + len(new)


_EOL = re.compile(r"\r\n|\r|\n")


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_line_starts_and_the_lazy_line_view_match_a_plain_split(text):
    """textio.line_starts (split in C when there is no \\r), its bytes form, the shared copy and
    the lazy ``Lines`` view (every line, negative indices, slices) against a regex reference."""
    want = [0] + [m.end() for m in _EOL.finditer(text)]
    assert textio.line_starts(text) == want
    assert textio.shared_line_starts(text) == want and textio.shared_line_starts(text) is textio.shared_line_starts(text)
    data = text.encode("utf-8", "surrogatepass")
    assert textio.line_starts(data) == [0] + [m.end() for m in re.finditer(rb"\r\n|\r|\n", data)]
    lines = [text[a:b].rstrip("\r\n") for a, b in zip(want, want[1:] + [len(text)])]
    view = textio.Lines(text)
    assert len(view) == len(lines) and list(view) == lines
    assert view[-1] == lines[-1] and view[:3] == lines[:3] and view[1::2] == lines[1::2]
