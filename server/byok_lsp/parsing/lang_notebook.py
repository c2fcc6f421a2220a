"""Jupyter notebooks: the Python extractor on each code cell, positions mapped back into the
.ipynb text; upstream errors and keys anywhere else (outputs, markdown).

A code cell's source is a JSON array of line strings (or one string). Decoding each JSON string
keeps, for every code point, the byte offset of its first and last raw byte in the .ipynb, so an
escaped character (``\\"``, ``\\u00e9``, ``\\n``) maps to its escape. Magic lines (``!pip``,
``%env``) are blanked for the Python grammar and scanned lexically instead.
"""

from __future__ import annotations

import bisect
import re

from ..findings import Span
from . import lang_python, lang_text
from .treesitter import Collector, Source, captures, is_model_name, parse

_QUERY = "(string) @string"
_ESCAPE = re.compile(rb'\\(?:u([0-9a-fA-F]{4})|(["\\/bfnrt]))|[^\\]+|\\')
_SIMPLE_ESCAPES = {b'"': '"', b"\\": "\\", b"/": "/", b"b": "\b", b"f": "\f", b"n": "\n", b"r": "\r", b"t": "\t"}
_MAGIC = re.compile(r"(?m)^[ \t]*[!%][^\r\n]*")
# %env NAME=value, %env NAME value, %set_env NAME=value, !export NAME=value: the notebook's environment
_ENV_MAGIC = re.compile(r"[ \t]*(?:%env|%set_env|!export|!set)[ \t]+([A-Za-z_]\w*)(?:[ \t]*=[ \t]*|[ \t]+)(\S[^\r\n]*?)[ \t]*$")
_SETS_OPENROUTER = re.compile(r"OPEN_?ROUTER_[A-Z0-9_]+")


def decode_json_string(data: bytes, start: int, end: int) -> tuple[str, list[int], list[int]]:
    """Decode raw JSON string content data[start:end]; per code point: first byte, byte after it."""
    chars: list[str] = []
    first: list[int] = []
    after: list[int] = []
    pending_high = None
    for m in _ESCAPE.finditer(data, start, end):
        if m.group(1):
            code = int(m.group(1), 16)
            if 0xDC00 <= code <= 0xDFFF and pending_high is not None:  # \ud83d\ude00: one code point
                chars[-1] = chr(0x10000 + ((ord(chars[-1]) - 0xD800) << 10) + (code - 0xDC00))
                after[-1] = m.end()
                pending_high = None
                continue
            pending_high = code if 0xD800 <= code <= 0xDBFF else None
            chars.append(chr(code))
            first.append(m.start())
            after.append(m.end())
        elif m.group(2):
            pending_high = None
            chars.append(_SIMPLE_ESCAPES[m.group(2)])
            first.append(m.start())
            after.append(m.end())
        else:
            pending_high = None
            run = m.group().decode("utf-8", "surrogatepass" if m.group().isascii() else "replace")
            offset = m.start()
            for ch in run:
                width = len(ch.encode("utf-8", "surrogatepass"))
                chars.append(ch)
                first.append(offset)
                after.append(offset + width)
                offset += width
    return "".join(chars), first, after


def _string_value(c: Collector, node) -> str:
    return c.src.decode(node.start_byte + 1, node.end_byte - 1)


def _pair_value(obj, key: str, c: Collector):
    for pair in obj.named_children:
        if pair.type == "pair":
            k = pair.child_by_field_name("key")
            if k is not None and k.type == "string" and _string_value(c, k) == key:
                return pair.child_by_field_name("value")
    return None


def _code_sources(c: Collector, root) -> list[list]:
    """The source string nodes of each code cell, in order."""
    doc = root.named_children[0] if root.named_children else None
    cells = _pair_value(doc, "cells", c) if doc is not None and doc.type == "object" else None
    result = []
    for cell in cells.named_children if cells is not None and cells.type == "array" else ():
        if cell.type != "object":
            continue
        kind = _pair_value(cell, "cell_type", c)
        source = _pair_value(cell, "source", c)
        if kind is None or source is None or _string_value(c, kind) != "code":
            continue
        strings = [source] if source.type == "string" else [s for s in source.named_children if s.type == "string"]
        result.append(strings)
    return result


def extract(c: Collector) -> None:
    data = c.src.data
    root = parse("json", data).root_node
    covered: list[tuple[int, int]] = []
    for strings in _code_sources(c, root):
        text, first, after = "", [], []
        for s in strings:
            part, f, a = decode_json_string(data, s.start_byte + 1, s.end_byte - 1)
            text += part
            first += f
            after += a
            covered.append((s.start_byte, s.end_byte))
        if text.strip():
            _cell(c, text, first, after)
    starts = [s for s, _ in covered]  # cells come in document order

    def in_code(offset: int) -> bool:
        i = bisect.bisect_right(starts, offset) - 1
        return i >= 0 and offset < covered[i][1]

    # Outside code cells (markdown, outputs, metadata): quoted errors and keys only.
    for node in captures("json", _QUERY, root).get("string", ()):
        if not in_code(node.start_byte):
            lang_text.check_error(c, node.start_byte + 1, node.end_byte - 1, "doc")
    lang_text.scan_secrets(c, in_code)


def _env_magic(magic: Collector, line: str, b0: int) -> None:
    """``%env EVAL_MODEL=openai/o3``: an assignment (model context from the name); setting
    ``OPENROUTER_*`` is OpenRouter evidence for the notebook."""
    m = _ENV_MAGIC.fullmatch(line)
    if m is None:
        return
    name = m.group(1)
    n0 = b0 + len(line[: m.start(1)].encode("utf-8", "surrogatepass"))
    v0 = b0 + len(line[: m.start(2)].encode("utf-8", "surrogatepass"))
    v1 = v0 + len(m.group(2).encode("utf-8", "surrogatepass"))
    data = magic.src.data
    if v1 - v0 >= 2 and data[v0] in b"\"'" and data[v1 - 1] == data[v0]:
        v0, v1 = v0 + 1, v1 - 1
    if _SETS_OPENROUTER.fullmatch(name):
        magic.signal("openrouter", n0, n0 + len(name), f"sets {name}")
    lang_text.literal(magic, v0, v1, key=name, context=is_model_name(name), env=None)


def _cell(c: Collector, text: str, first: list[int], after: list[int]) -> None:
    """Extract one code cell and re-anchor its facts in the .ipynb."""
    blanked = _MAGIC.sub(lambda m: " " * len(m.group()), text)
    cell = Collector(Source(blanked), "python")
    lang_python.extract(cell)
    magic = Collector(Source(text), "python")
    for m in _MAGIC.finditer(text):
        line = re.sub(r"\s#.*", "", m.group())  # a shell comment after the command
        b0 = len(text[: m.start()].encode("utf-8", "surrogatepass"))
        b1 = b0 + len(line.encode("utf-8", "surrogatepass"))
        lang_text.literal(magic, b0, b1, whole=False, env="upper")
        lang_text.scan_secrets(magic, None, b0, b1)
        _env_magic(magic, line, b0)
    line_starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]

    def remap(span: Span) -> Span:
        s = line_starts[span.line] + span.col
        e = line_starts[span.end_line] + span.end_col
        b0 = first[s] if s < len(first) else after[-1]
        b1 = after[e - 1] if e > s else b0
        return c.src.span(b0, b1)

    facts = c.facts
    if cell.facts.stopped_at is not None and facts.stopped_at is None:
        facts.stopped_at = remap(cell.facts.stopped_at)
    for sub in (cell.facts, magic.facts):
        facts.add_moved(sub, remap)
