"""Positions: the core's code-point columns ↔ the client's negotiated position encoding.

The core counts columns in Unicode code points of lines that end at ``\\n``, ``\\r\\n`` or a lone
``\\r`` (``byok_lsp.findings``). LSP counts lines the same way but columns in the negotiated
encoding: UTF-16 code units unless the client offered ``utf-8`` (or ``utf-32``) in
``general.positionEncodings``. An emoji is one code point, two UTF-16 units, four UTF-8 bytes.

``LineIndex`` is built once per analysed text and answers both directions. Out-of-range input is
clamped the way the specification asks (a line past the end means the end of the document, a
character past the end of a line means the end of that line), never raised.
"""

from __future__ import annotations

from lsprotocol import types

from ..findings import Span
from ..textio import shared_line_starts

UTF8 = types.PositionEncodingKind.Utf8.value
UTF16 = types.PositionEncodingKind.Utf16.value
UTF32 = types.PositionEncodingKind.Utf32.value



def _enc(encoding) -> str:
    value = getattr(encoding, "value", encoding)
    return value if value in (UTF8, UTF32) else UTF16


def units(text: str, encoding) -> int:
    """Length of ``text`` in the code units of ``encoding``."""
    if text.isascii():
        return len(text)
    enc = _enc(encoding)
    if enc == UTF32:
        return len(text)
    if enc == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _char_units(char: str, enc: str) -> int:
    cp = ord(char)
    if enc == UTF16:
        return 2 if cp > 0xFFFF else 1
    if enc == UTF8:
        return 1 if cp < 0x80 else 2 if cp < 0x800 else 3 if cp < 0x10000 else 4
    return 1


def col_to_client(line: str, col: int, encoding) -> int:
    """Code-point column → client units (clamped to the line)."""
    col = max(0, min(col, len(line)))
    if line.isascii():
        return col
    return units(line[:col], encoding)


def col_from_client(line: str, character: int, encoding) -> int:
    """Client units → code-point column. A position inside a character (half a surrogate pair,
    the middle of a UTF-8 sequence) rounds down to that character's start."""
    if character <= 0:
        return 0
    if line.isascii():
        return min(character, len(line))
    enc = _enc(encoding)
    if enc == UTF32:
        return min(character, len(line))
    total = 0
    for i, char in enumerate(line):
        width = _char_units(char, enc)
        if total + width > character:
            return i
        total += width
    return len(line)


def split_lines(text: str) -> list[str]:
    """Lines with their endings, broken only at ``\\n``, ``\\r\\n`` and ``\\r`` (as LSP does)."""
    bounds = LineIndex(text).starts + [len(text)]
    return [text[a:b] for a, b in zip(bounds, bounds[1:]) if a < b]


class LineIndex:
    """Line starts of one text, for conversions in both directions."""

    __slots__ = ("text", "starts")

    def __init__(self, text: str):
        self.text = text
        self.starts = shared_line_starts(text)  # shared: never changed in place

    @property
    def line_count(self) -> int:
        return len(self.starts)

    def line(self, line: int) -> str:
        """The text of ``line`` without its line ending ("" past the end)."""
        if line < 0 or line >= len(self.starts):
            return ""
        start = self.starts[line]
        end = self.starts[line + 1] if line + 1 < len(self.starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    def _clamp(self, line: int, col: int) -> tuple[int, int]:
        if line < 0:
            return 0, 0
        if line >= len(self.starts):
            last = len(self.starts) - 1
            return last, len(self.line(last))
        return line, max(0, min(col, len(self.line(line))))

    def offset(self, line: int, col: int) -> int:
        """String offset of a code-point position (clamped)."""
        line, col = self._clamp(line, col)
        return self.starts[line] + col

    # ----- core → client -------------------------------------------------------------------
    def position(self, line: int, col: int, encoding) -> types.Position:
        line, col = self._clamp(line, col)
        return types.Position(line=line, character=col_to_client(self.line(line), col, encoding))

    def range(self, span: Span, encoding) -> types.Range:
        return types.Range(start=self.position(span.line, span.col, encoding),
                           end=self.position(span.end_line, span.end_col, encoding))

    # ----- client → core -------------------------------------------------------------------
    def from_client(self, position: types.Position, encoding) -> tuple[int, int]:
        """(line, code-point column) of a client position, clamped into the text."""
        if position.line < 0:
            return 0, 0
        if position.line >= len(self.starts):
            return self._clamp(position.line, 0)
        return position.line, col_from_client(self.line(position.line), position.character, encoding)

    def client_offset(self, position: types.Position, encoding) -> int:
        line, col = self.from_client(position, encoding)
        return self.starts[line] + col


def range_in_other_text(text: str | None, span: Span, encoding) -> types.Range:
    """Convert a span of another file. Without its text (missing, unreadable, to be created) the
    code-point columns are used as they are: exact for ASCII lines, which is what such lines
    (``KEY=value``, config keys) are in practice."""
    if text is not None:
        return LineIndex(text).range(span, encoding)
    return types.Range(start=types.Position(line=span.line, character=span.col),
                       end=types.Position(line=span.end_line, character=span.end_col))
