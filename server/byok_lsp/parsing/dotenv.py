""".env tokenizer: python-dotenv's semantics, exact positions, and recovery after bad lines.

The loaded values equal ``dotenv.dotenv_values(stream=io.StringIO(text))`` (python-dotenv 1.2.x,
``parser.py`` / ``variables.py`` / ``main.py``), including on files with bad lines: python-dotenv
also skips a bad statement and goes on, and we skip exactly the same text, so every good binding
around it loads the same. python-dotenv is *not* imported here; the tests use it as the oracle.

Positions (``Span``, see ``byok_lsp.findings``):

- Lines end at ``\\n``, ``\\r\\n`` or a lone ``\\r`` (what LSP and python-dotenv both call a line
  break); ``\\x0b``, ``\\x0c``, ``\\x1c``-``\\x1e``, ``\\x85``, ``\\u2028``/``\\u2029`` are ordinary
  characters that occupy a column.
- A single leading UTF-8 BOM is stripped, as python-dotenv does, and all positions are relative to
  the text *after* it: the BOM is not a column. That is what editors show and LSP clients send;
  ``textio.read_file`` strips it the same way and ``edits.apply`` puts it back.

Where this is not simply python-dotenv:

- Interpolation reads the file's earlier values, then the ``environ`` mapping passed to
  ``DotenvDoc.values`` (default empty), never ``os.environ``.
- python-dotenv loading from a *path* opens the file with universal newlines, so a CRLF inside a
  multi-line quoted value loads as ``\\n``; from a stream (and here) it stays ``\\r\\n``. Callers
  that want path semantics pass text read with ``newline=None``; positions do not change.
- Its unquoted-value comment regex (``\\s+#.*``) and its ``${...}`` regex take quadratic time on
  long runs of spaces or of unclosed ``${`` (40k characters: 2 s and 55 s); the scanners here are
  linear and give the same results.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from itertools import accumulate

from ..findings import Span
from ..textio import common_prefix, common_suffix, line_starts

__all__ = ["DotenvDoc", "DotenvError", "DotenvState", "EnvEntry", "parse_dotenv", "parse_dotenv_incremental"]

_BOM = "\ufeff"
_LINE_BREAK = re.compile(r"\r\n?|\n")
# `\s` is Unicode whitespace here exactly as in python-dotenv (and equals str.isspace), so the
# same characters are skipped, end keys, and are stripped from unquoted values.
_ANY_SPACE = re.compile(r"\s*")
_INLINE_SPACE = re.compile(r"[^\S\r\n]*")
_EXPORT = re.compile(r"export[^\S\r\n]+")
# The key (unquoted, or single-quoted and possibly spanning lines), spaces, and '=' with the spaces
# after it. The two key forms differ in their first character and everything after them is
# optional, so a successful match never backtracks into the key.
_KEY_AND_EQUALS = re.compile(r"(?:([^=#\s'][^=#\s]*)|'([^']+)')[^\S\r\n]*(=[^\S\r\n]*)?")
_REST_OF_LINE = re.compile(r"[^\r\n]*")
_INLINE_COMMENT = re.compile(r"\s#")  # python-dotenv: first `#` preceded by whitespace
# Quoted body up to the closing quote. The repetition is bounded so that a value made of millions
# of escapes does not grow sre's backtracking stack (unbounded, 5M escapes cost ~600 MB); the
# caller loops over chunks, each of which ends on an escape boundary.
_QUOTED_CHUNK = {q: re.compile(rf"[^{q}\\]*(?:\\.[^{q}\\]*){{0,256}}", re.DOTALL) for q in ("'", '"')}
_ESCAPE = {"'": re.compile(r"\\[\\']"), '"': re.compile(r"\\[\\'\"abfnrtv]")}
_ESCAPED_CHAR = {
    "\\": "\\", "'": "'", '"': '"', "a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r",
    "t": "\t", "v": "\v",
}  # fmt: skip
_QUOTE_NAME = {"'": "single", '"': "double"}


@dataclass(frozen=True)
class EnvEntry:
    """One ``KEY=value`` (or bare ``KEY``) binding."""

    key: str
    key_span: Span  # the key without its quotes, so text[key_span] == key
    value: str | None  # as python-dotenv loads it, before interpolation; None for a bare `KEY`
    # The value as written: from the first character after '=' and its following spaces to the
    # end of the value (closing quote included), without inline comment or trailing spaces.
    # Empty span there for an empty value (`KEY=`, `KEY= # note`); None without '='.
    value_span: Span | None
    line_span: Span  # column 0 of the first line to the end of the last line (no newline)
    exported: bool
    quote: str | None  # "'" or '"' when the value is quoted
    comment_span: Span | None  # `# ...` after the value (or bare key), trailing spaces excluded
    raw_value: str  # the source text covered by value_span ("" when value_span is None)


@dataclass(frozen=True)
class DotenvError:
    """A statement python-dotenv cannot parse (it warns and skips it, and so do we)."""

    span: Span  # from the statement's first character to the end of its last line
    message: str  # names the problem, never quotes the line (it may hold a secret)


@dataclass
class DotenvDoc:
    entries: list[EnvEntry] = field(default_factory=list)
    errors: list[DotenvError] = field(default_factory=list)

    def get(self, key: str) -> EnvEntry | None:
        """The last binding of ``key``: the one python-dotenv loads."""
        for entry in reversed(self.entries):
            if entry.key == key:
                return entry
        return None

    def all(self, key: str) -> list[EnvEntry]:
        return [entry for entry in self.entries if entry.key == key]

    def values(
        self, environ: Mapping[str, str] | None = None, interpolate: bool = True
    ) -> dict[str, str | None]:
        """What ``dotenv_values`` returns, with ``environ`` standing in for ``os.environ``."""
        result: dict[str, str | None] = {}
        env = environ or {}

        # dotenv_values uses override=True: the file's earlier (already interpolated) values win
        # over the environment, and a bare `KEY` (None) expands to "" rather than to the default.
        def lookup(name: str, default: str | None) -> str:
            if name in result:
                found = result[name]
            elif name in env:
                found = env[name]
            else:
                found = default
            return found if found is not None else ""

        for entry in self.entries:
            value = entry.value
            if interpolate and value is not None and "${" in value:
                value = _interpolate(value, lookup)
            result[entry.key] = value
        return result


def parse_dotenv(text: str) -> DotenvDoc:
    return parse_dotenv_incremental(None, text)[0]


@dataclass
class DotenvState:
    """What ``parse_dotenv_incremental`` keeps of one parse: the text and every statement's
    (start, end, item) — comments and blank runs included, as item None."""

    text: str
    line_starts: list[int]
    starts: list[int]
    ends: list[int]
    reaches: list[int]  # how far each statement's parse read (past its end for a quoted value)
    items: list[EnvEntry | DotenvError | None]


def parse_dotenv_incremental(prev: DotenvState | None, text: str) -> tuple[DotenvDoc, DotenvState]:
    """``parse_dotenv(text)``, reusing ``prev`` (the parse of an earlier text) around an edit.

    A statement is parsed from its start position forward only — up to its end, or for a quoted
    value up to its closing quote, which may lie lines further (its "reach"). So after an edit the
    parse restarts at the first statement whose reach touches the edit, and stops as soon as it
    reaches, beyond the edit, the start of an old statement at a line break: from there the old
    statements are the new ones, moved by the change in line count. The editor re-parses a
    5,000-line .env per keystroke this way (tests/test_incremental.py holds it to a full parse
    after every edit of a seeded fuzz)."""
    text = text.removeprefix(_BOM)
    source = _Source(text)
    starts: list[int] = []
    ends: list[int] = []
    reaches: list[int] = []
    items: list[EnvEntry | DotenvError | None] = []
    pos, resync = 0, None
    if prev is not None and prev.text == text:
        starts, ends, reaches, items = list(prev.starts), list(prev.ends), list(prev.reaches), list(prev.items)
        pos = source.length
    elif prev is not None and prev.starts:
        old = prev.text
        head = common_prefix(old, text)
        tail = common_suffix(old, text, min(len(old), len(text)) - head)
        new_end, delta = len(text) - tail, len(text) - len(old)
        # the first statement that read the edited text or the byte before it (a line break
        # ending a value is looked at), one more for good measure
        k = min(bisect_right(prev.starts, max(0, head - 2)) - 1,
                bisect_left(list(accumulate(prev.reaches, max)), head - 1))  # reach is not monotonic
        k = max(0, k - 1)
        starts, ends, reaches, items = prev.starts[:k], prev.ends[:k], prev.reaches[:k], prev.items[:k]
        pos = prev.starts[k]
        resync = (new_end, delta)
    while pos < source.length:
        if resync is not None and pos >= resync[0] and text[pos] in "\r\n":
            at = pos - resync[1]  # the same place in the old text (identical from here on)
            j = bisect_right(prev.starts, at) - 1
            if j >= 0 and prev.starts[j] == at:
                lines = _line_of(source.line_starts, pos) - _line_of(prev.line_starts, at)
                starts += [x + resync[1] for x in prev.starts[j:]]
                ends += [x + resync[1] for x in prev.ends[j:]]
                reaches += [x + resync[1] for x in prev.reaches[j:]]
                items += [_moved(item, lines) for item in prev.items[j:]]
                break
        starts.append(pos)
        source.reach = pos
        pos, item = _statement(source, pos)
        ends.append(pos)
        reaches.append(max(pos, source.reach))
        items.append(item)
    doc = DotenvDoc()
    for item in items:
        if isinstance(item, EnvEntry):
            doc.entries.append(item)
        elif item is not None:
            doc.errors.append(item)
    return doc, DotenvState(text, source.line_starts, starts, ends, reaches, items)


def _line_of(line_starts: list[int], offset: int) -> int:
    return bisect_right(line_starts, offset) - 1


def _shift(span: Span | None, lines: int) -> Span | None:
    return None if span is None else span.moved(lines)


def _moved(item, lines: int):
    if item is None or lines == 0:
        return item
    if isinstance(item, DotenvError):
        return DotenvError(_shift(item.span, lines), item.message)
    return replace(item, key_span=_shift(item.key_span, lines), value_span=_shift(item.value_span, lines),
                   line_span=_shift(item.line_span, lines), comment_span=_shift(item.comment_span, lines))


class _Source:
    """The text plus offset → (line, column) conversion, fast for offsets on the current line."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.length = len(text)
        self.line_starts = line_starts(text)  # \n, \r\n, lone \r: the same breaks as _LINE_BREAK
        self.line = self.line_start = 0
        self.next_line_start = -1
        self.reach = 0  # the furthest offset a quoted value's scan has read (parse_dotenv_incremental)

    def enter_line(self, offset: int) -> None:
        """Make ``offset``'s line current: most spans of a statement lie on it (no bisect)."""
        starts = self.line_starts
        line = bisect_right(starts, offset) - 1
        self.line, self.line_start = line, starts[line]
        self.next_line_start = starts[line + 1] if line + 1 < len(starts) else self.length + 1

    def span(self, start: int, end: int) -> Span:
        if self.line_start <= start and end < self.next_line_start:
            return Span(self.line, start - self.line_start, self.line, end - self.line_start)
        starts = self.line_starts
        line, end_line = bisect_right(starts, start) - 1, bisect_right(starts, end) - 1
        return Span(line, start - starts[line], end_line, end - starts[end_line])

    def lines(self, start: int, end: int) -> Span:
        """From column 0 of ``start``'s line to ``end``."""
        if self.line_start <= start and end < self.next_line_start:
            return Span(self.line, 0, self.line, end - self.line_start)
        span = self.span(start, end)
        return Span(span.line, 0, span.end_line, span.end_col)

    def fail(self, start: int, at: int, message: str) -> tuple[int, DotenvError]:
        # python-dotenv skips from the failure point to the end of that line; so do we, which
        # keeps the next statement (and hence every later value) identical.
        end = _REST_OF_LINE.match(self.text, at).end()
        return end, DotenvError(self.span(start, end), message)


def _statement(src: _Source, pos: int) -> tuple[int, EnvEntry | DotenvError | None]:
    """Parse one statement (python-dotenv's ``parse_binding``) starting at or after ``pos``."""
    text = src.text
    start = _ANY_SPACE.match(text, pos).end()  # blank lines and indentation
    if start >= src.length:
        return start, None
    i = start
    export = _EXPORT.match(text, i) if text.startswith("export", i) else None
    if export:
        i = export.end()
    char = text[i : i + 1]
    if char == "#":  # a comment (python-dotenv also accepts `export # ...` as one)
        return _REST_OF_LINE.match(text, i).end(), None
    src.enter_line(start)
    head = _KEY_AND_EQUALS.match(text, i)
    if char == "'":  # a quoted key is looked for up to the next quote, lines further maybe
        after = text.find("'", i + 1)
        src.reach = max(src.reach, src.length if after < 0 else after + 1)
    if head is None:
        if char == "'":
            empty = text.startswith("''", i)
            return src.fail(
                start, i, "empty quoted key ''" if empty else "unterminated single quote in the key"
            )
        return src.fail(start, i, _missing_key_message(char, export is not None))
    key_start, key_end = head.span(1) if head.group(1) is not None else head.span(2)
    equals = head.group(3)
    i = head.end()

    value: str | None = None
    value_start = value_end = -1
    quote: str | None = None
    comment: tuple[int, int] | None = None
    end = -1  # end of the statement's last line, once known
    if equals is not None:
        value_start = i
        char = text[i : i + 1]
        if char == "'" or char == '"':
            close = _closing_quote(text, i + 1, char)
            src.reach = max(src.reach, src.length if close < 0 else close + 1)  # read ahead this far
            if close < 0:
                name = _QUOTE_NAME[char]
                return src.fail(start, i, f"unterminated {name} quote: the value runs to the end of the file")
            value = _unescape(text[i + 1 : close], char)
            quote = char
            i = value_end = close + 1
        elif char in ("", "\r", "\n") or (char == "#" and len(equals) > 1):
            # `KEY=` or `KEY= # note`; without a space (`KEY=#x`) the '#' belongs to the value.
            value, value_end = "", i
        else:  # unquoted: runs to the end of the line, minus a ` #` comment and trailing spaces
            end = _REST_OF_LINE.match(text, i).end()
            part = text[i:end]
            hash_ = _INLINE_COMMENT.search(part)
            value = (part[: hash_.start()] if hash_ else part).rstrip()
            value_end = i + len(value)
            if hash_:
                comment = (i + hash_.start() + 1, i + len(part.rstrip()))

    if end < 0:  # after a quoted, empty or missing value: spaces, `# comment`, end of line
        tail = _INLINE_SPACE.match(text, i).end()
        char = text[tail : tail + 1]
        if char == "#":
            end = _REST_OF_LINE.match(text, tail).end()
            comment = (tail, tail + len(text[tail:end].rstrip()))
        elif char in ("", "\r", "\n"):
            end = tail
        else:
            return src.fail(start, i, _trailing_text_message(text, i, quote, value_start))

    has_value = value_start >= 0
    return end, EnvEntry(
        key=text[key_start:key_end],
        key_span=src.span(key_start, key_end),
        value=value,
        value_span=src.span(value_start, value_end) if has_value else None,
        line_span=src.lines(start, end),
        exported=export is not None,
        quote=quote,
        comment_span=src.span(*comment) if comment else None,
        raw_value=text[value_start:value_end] if has_value else "",
    )


def _closing_quote(text: str, pos: int, quote: str) -> int:
    """Offset of the quote closing a value whose body starts at ``pos``; -1 if there is none.

    Same language as python-dotenv's ``'((?:\\\\.|[^'\\\\])*)'`` (a backslash escapes any one
    character, newline included), so the first unescaped quote closes the value.
    """
    chunk = _QUOTED_CHUNK[quote]
    length = len(text)
    while True:
        end = chunk.match(text, pos).end()
        if end >= length:
            return -1
        if text[end] == quote:
            return end
        if end == pos:  # a lone backslash as the very last character
            return -1
        pos = end


def _unescape(raw: str, quote: str) -> str:
    if "\\" not in raw:
        return raw
    return _ESCAPE[quote].sub(lambda m: _ESCAPED_CHAR[m.group()[1]], raw)


def _interpolate(value: str, lookup: Callable[[str, str | None], str]) -> str:
    """python-dotenv's ``${NAME}`` / ``${NAME:-default}`` expansion, in linear time.

    Its regex is ``\\$\\{([^}:]*)(?::-([^}]*))?\\}``: a reference ends at the first '}', and a
    ':' before that '}' must be followed by '-' or the ``${`` is literal text. The next '}' and
    ':' are cached so that many unclosed ``${`` do not rescan the rest of the value.
    """
    out: list[str] = []
    cursor = pos = 0
    close = colon = -2  # -2: not searched yet; -1: none further in the value
    while (start := value.find("${", pos)) >= 0:
        body = start + 2
        if close != -1 and close < body:
            close = value.find("}", body)
        if close == -1:
            break  # no '}' left, so no later reference can match either
        if colon != -1 and colon < body:
            colon = value.find(":", body)
        if colon != -1 and colon < close:
            if value[colon + 1 : colon + 2] != "-":
                pos = start + 1
                continue
            name, default = value[body:colon], value[colon + 2 : close]
        else:
            name, default = value[body:close], None
        out.append(value[cursor:start])
        out.append(lookup(name, default))
        cursor = pos = close + 1
    out.append(value[cursor:])
    return "".join(out)


def _missing_key_message(char: str, exported: bool) -> str:
    if char == "=":
        return "missing key before '='"
    if exported:
        return "'export' is not followed by a key"
    return "line has no '=' and is not a valid key"  # unreachable in practice; kept as a fallback


def _trailing_text_message(text: str, at: int, quote: str | None, value_start: int) -> str:
    if quote is not None:
        name = _QUOTE_NAME[quote]
        if _LINE_BREAK.search(text, value_start, at):
            return (
                f"the {name}-quoted value closes on a later line and is followed by other text;"
                " is a closing quote missing?"
            )
        return f"text after the closing {name} quote (only spaces and a '# comment' may follow)"
    if value_start < 0 and "=" in text[at : _REST_OF_LINE.match(text, at).end()]:
        return "the key contains whitespace: put '=' directly after a one-word key"
    return "line has no '=' and is not a valid key"
