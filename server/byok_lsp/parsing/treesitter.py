"""Lazy tree-sitter grammars, byte → code-point positions, and the fact collector.

Every extractor works in byte offsets of one UTF-8 buffer (what tree-sitter reports, and what
the byte regexes of ``lang_text`` report) and converts to ``Span`` only when it records a fact,
through ``Source.span``. Grammars load on first use because importing all eight wheels costs
more than parsing a typical file.
"""

from __future__ import annotations

import bisect
import functools
import importlib
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass

import tree_sitter

from ..catalog import lookup_model
from ..findings import Span
from ..textio import line_starts, shared_line_starts
from .facts import CodeFacts, EnvRead, ErrorText, ModelRef, SecretLiteral, Signal

# language name → (module, function returning the grammar pointer)
_GRAMMARS = {
    "python": ("tree_sitter_python", "language"),
    "javascript": ("tree_sitter_javascript", "language"),
    "typescript": ("tree_sitter_typescript", "language_typescript"),
    "tsx": ("tree_sitter_typescript", "language_tsx"),
    "yaml": ("tree_sitter_yaml", "language"),
    "toml": ("tree_sitter_toml", "language"),
    "json": ("tree_sitter_json", "language"),
    "bash": ("tree_sitter_bash", "language"),
    "hcl": ("tree_sitter_hcl", "language"),
    "powershell": ("tree_sitter_powershell", "language"),
    "batch": ("tree_sitter_batch", "language"),
}

# Parser objects are not safe to share between threads (the server may lint from a pool).
_local = threading.local()


@functools.cache
def grammar(name: str) -> tree_sitter.Language:
    module, func = _GRAMMARS[name]
    return tree_sitter.Language(getattr(importlib.import_module(module), func)())


def parse(name: str, data: bytes) -> tree_sitter.Tree:
    """Parse ``data`` with grammar ``name``; TreeTooBroken (the caller's lexical scan) when its
    nesting is past what the grammar survives or parses in bounded time (nesting.py)."""
    check_nesting(name, data)
    # Not the read-callback form of Parser.parse (it alone honours a progress/timeout
    # callback): in py-tree-sitter 0.26.1 its trees segfault on Node.text, and so does
    # QueryCursor.captures(progress_callback=...). Callers bound the input size instead.
    parsers = getattr(_local, "parsers", None)
    if parsers is None:
        parsers = _local.parsers = {}
    parser = parsers.get(name)
    if parser is None:
        parser = parsers[name] = tree_sitter.Parser(grammar(name))
    return parser.parse(data)


@functools.cache
def _query(name: str, source: str) -> tree_sitter.Query:
    return tree_sitter.Query(grammar(name), source)


# An ERROR node with this many children (the parser gave up on a run of unclosed brackets)
# makes QueryCursor.captures quadratic: 20,000 unclosed "(" take 0.3 s, 80,000 take 7 s.
# Hand-written code never comes near it; such a file gets the lexical scan instead.
MAX_ERROR_CHILDREN = 5_000


class TreeTooBroken(Exception):
    """The tree is too broken to query in bounded time, or the text too deeply nested to parse;
    the caller falls back to the lexical scan."""


def check_nesting(name: str, data: bytes) -> dict[str, int]:
    """The nesting bounds of ``data`` for grammar ``name``; TreeTooBroken when one is too deep."""
    from .nesting import measure, over

    bounds = measure(name, data)
    reason = over(bounds)
    if reason:
        raise TreeTooBroken(reason)
    return bounds


def check_errors(node: tree_sitter.Node) -> None:
    """Raise TreeTooBroken when an ERROR node on the heaviest path holds too many children.

    O(depth × width) along one path, and only for trees with errors: a huge flat ERROR node
    (the pathological shape) is the heaviest child of its parent, so the path finds it."""
    if not node.has_error:
        return
    for _ in range(10_000):
        count = node.child_count
        if count == 0:
            return
        if node.type == "ERROR" and count > MAX_ERROR_CHILDREN:
            raise TreeTooBroken(f"a syntax error spans {count:,} tokens")
        if count > MAX_ERROR_CHILDREN:  # a huge node that is not an ERROR: no need to rank them all
            return
        node = max(node.children, key=lambda n: n.descendant_count)
        if not node.has_error:
            return


def captures(name: str, source: str, node: tree_sitter.Node,
             byte_range: tuple[int, int] | None = None, *,
             budget: tuple[str, int] | None = None) -> dict[str, list[tree_sitter.Node]]:
    """Run a (cached) query: capture name → nodes.

    The nodes are NOT in document order (not as py-tree-sitter 0.26 returns them),
    except in lists long enough to meet the literal budget: those are sorted, so that the
    budget covers the start of the file and ``stopped_at`` is a real boundary.
    ``byte_range`` (start, end) keeps only the nodes that start inside it.
    Raises TreeTooBroken for the trees that would make the query quadratic (see check_errors).

    ``budget`` (capture name, count): only the first ``count`` + 1 nodes of that capture matter
    (the literal budget), so the query runs over a prefix of the file that holds them, grown
    fourfold until it does: a query walks every node of its range, and a 2 MB file of 400,000
    short strings took 1.8 s to query whole, for the first 50,000 (then the budget). The
    other captures then come from that prefix too: the rest of the file is not analysed (the
    engine says so where the budget ran out)."""
    check_errors(node)
    if budget is not None and byte_range is None:
        return _captures_within_budget(name, source, node, *budget)
    cursor = tree_sitter.QueryCursor(_query(name, source))
    if byte_range is None:
        found = cursor.captures(node)
    else:
        start, end = byte_range
        cursor.set_byte_range(start, end)  # also yields nodes that merely overlap the range
        found = {key: [n for n in nodes if start <= n.start_byte < end] for key, nodes in cursor.captures(node).items()}
    for key, nodes in found.items():
        if len(nodes) > MAX_LITERALS:
            found[key] = sorted(nodes, key=lambda n: n.start_byte)
    return found


def _captures_within_budget(name: str, source: str, node: tree_sitter.Node, key: str,
                            count: int) -> dict[str, list[tree_sitter.Node]]:
    size = node.end_byte
    text = node.text or b""
    quotes = text.count(b'"') + text.count(b"'")
    # Start where the file's own density of quotes says ``count`` literals end (two quotes a
    # literal, a fifth more for slack); double until the prefix holds them.
    end = min(size, max(1 << 16, int(count * 2.4 * size / max(1, quotes))))
    while True:
        cursor = tree_sitter.QueryCursor(_query(name, source))
        if end < size:
            cursor.set_byte_range(0, end)  # (also yields nodes that merely overlap it)
        found = {k: [n for n in nodes if n.start_byte < end] for k, nodes in cursor.captures(node).items()}
        if end >= size or len(found.get(key, ())) > count:
            break
        end = min(size, end * 2)
    if key in found:
        found[key].sort(key=lambda n: n.start_byte)  # the budget covers the start of the file
    return found


def owner(node: tree_sitter.Node, transparent: frozenset[str]) -> tuple[tree_sitter.Node, tree_sitter.Node | None]:
    """(child, parent): up from ``node`` through ``transparent`` parents (parentheses, lists,
    ternaries... at most 32) to the first parent that is not; ``child`` is the node under it."""
    child, parent = node, node.parent
    for _ in range(32):
        if parent is None or parent.type not in transparent:
            break
        child, parent = parent, parent.parent
    return child, parent


@dataclass(frozen=True)
class Joins:
    """How a grammar writes a model id assembled from parts, for ``assembled_prefix``."""

    passes: Callable[[tree_sitter.Node], bool]  # a parent the value flows through unchanged: a ternary, `or`
    hole: str  # an interpolation in a template or f-string
    literal: str  # the literal text between the holes
    plus: str  # the binary node of `a + b`
    string_value: Callable[[tree_sitter.Node], str | None]  # the text of a plain string node


def assembled_prefix(node: tree_sitter.Node, joins: Joins, prefixes) -> str | None:
    """The vendor prefix an id is built with around the string ``node`` (``VENDOR + "o3"``,
    ``"openai/" + "o3"``, ``f"openai/{'o3-pro' if careful else 'gpt-4.1'}"``); None when it is
    not joined to one. ``prefixes``: (name, value) pairs of the file's constants."""
    child, parent = node, node.parent
    for _ in range(6):
        if parent is None:
            return None
        if joins.passes(parent):
            child, parent = parent, parent.parent
            continue
        if parent.type == joins.hole:
            template = parent.parent
            prefix = ""
            for ch in template.children if template is not None else ():
                if ch == parent:
                    break
                if ch.type == joins.hole:
                    return None
                if ch.type == joins.literal:
                    prefix += _text(ch)
            return prefix if prefix.endswith("/") else None
        if parent.type == joins.plus and parent.child_by_field_name("right") == child \
                and _text(parent.child_by_field_name("operator")) == "+":
            left = parent.child_by_field_name("left")
            if left is not None and left.type == "string":
                value = joins.string_value(left)
            elif left is not None and left.type == "identifier":
                value = dict(prefixes).get(_text(left))
            else:
                value = None
            return value if value and value.endswith("/") else None
        return None
    return None


def _text(node) -> str:
    return node.text.decode("utf-8", "replace") if node is not None else ""


def ancestors(node: tree_sitter.Node | None, limit: int):
    """``node`` and its ancestors, at most ``limit`` of them (Node.parent costs O(depth))."""
    for _ in range(limit):
        if node is None:
            return
        yield node
        node = node.parent


def in_comment(root: tree_sitter.Node, offset: int) -> bool:
    """True when the byte at ``offset`` lies inside a comment node."""
    node = root.descendant_for_byte_range(offset, offset)
    for _ in range(4):  # comments are leaves or near-leaves in every grammar we load
        if node is None:
            return False
        if node.type == "comment":
            return True
        node = node.parent
    return False


def is_code(root: tree_sitter.Node, start: int, end: int, kinds: frozenset[str]) -> bool:
    """True when the smallest node covering [start, end) has one of ``kinds`` (e.g. identifier)."""
    node = root.descendant_for_byte_range(start, end)
    return node is not None and node.type in kinds and node.start_byte == start


_CONT = bytes(range(0x80, 0xC0))  # UTF-8 continuation bytes: not the start of a code point
_BLOCK = 4096  # long lines keep a code-point count every _BLOCK bytes (minified files)


class Source:
    """The text of one file and its UTF-8 encoding, with byte offset → (line, code-point column).

    Lone surrogates (from ``surrogateescape`` decoding of binary junk) are encoded with
    ``surrogatepass`` so that every code point of ``text`` maps to whole bytes of ``data``.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.data = text.encode("utf-8", "surrogatepass")
        self._ascii = self.data.isascii()
        # (for ASCII, byte and character offsets agree: the editor's index has them already)
        self.line_starts = shared_line_starts(text) if self._ascii else line_starts(self.data)
        self._blocks: dict[int, list[int]] = {}

    def decode(self, start: int, end: int) -> str:
        try:
            return self.data[start:end].decode("utf-8", "surrogatepass")
        except UnicodeDecodeError:  # a slice that cuts a code point (only from broken input)
            return self.data[start:end].decode("utf-8", "replace")

    def pos(self, offset: int) -> tuple[int, int]:
        offset = max(0, min(offset, len(self.data)))
        line = bisect.bisect_right(self.line_starts, offset) - 1
        start = self.line_starts[line]
        if self._ascii or offset - start < _BLOCK:
            seg = self.data[start:offset]
            return line, len(seg) if self._ascii else len(seg.translate(None, _CONT))
        blocks = self._blocks.get(line)
        if blocks is None:  # cumulative code points at each _BLOCK boundary of this line
            end = self.line_starts[line + 1] if line + 1 < len(self.line_starts) else len(self.data)
            blocks, total = [0], 0
            for b in range(start, end, _BLOCK):
                total += len(self.data[b : min(b + _BLOCK, end)].translate(None, _CONT))
                blocks.append(total)
            self._blocks[line] = blocks
        k = (offset - start) // _BLOCK
        seg = self.data[start + k * _BLOCK : offset]
        return line, blocks[k] + len(seg.translate(None, _CONT))

    def span(self, start: int, end: int) -> Span:
        line, col = self.pos(start)
        end_line, end_col = self.pos(end)
        return Span(line, col, end_line, end_col)

    def offset(self, line: int, col: int) -> int:
        """The byte offset of (line, code-point column): the inverse of ``pos``."""
        if line >= len(self.line_starts):
            return len(self.data)
        start = self.line_starts[line]
        if self._ascii:
            return start + col
        end = self.line_starts[line + 1] if line + 1 < len(self.line_starts) else len(self.data)
        text = self.data[start:end].decode("utf-8", "surrogatepass")
        return start + len(text[:col].encode("utf-8", "surrogatepass"))

    def byte_range(self, span: Span) -> tuple[int, int]:
        return self.offset(span.line, span.col), self.offset(span.end_line, span.end_col)


def strip_span(data: bytes, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) past surrounding whitespace."""
    while start < end and data[start] in b" \t\r\n":
        start += 1
    while end > start and data[end - 1] in b" \t\r\n":
        end -= 1
    return start, end


MODEL_NAME = re.compile(r"model|engine|^llm$|_llm$|^llm_model", re.IGNORECASE)
# Short OpenAI ids ("o3", "o4-mini") are too common as labels to count without context.
_SHORT_BARE = re.compile(r"^o\d", re.IGNORECASE)
_OPENROUTER_PREFIXED = re.compile(r"^openrouter[/:][\w.-]+/[\w.:-]+$", re.IGNORECASE)


def is_model_name(name: str | None) -> bool:
    return bool(name) and MODEL_NAME.search(name) is not None


def is_base_url_name(name: str | None) -> bool:
    """base_url, baseURL, api_base, apiBase, openai_api_base, OPENAI_BASE_URL, endpoint, basePath."""
    if not name:
        return False
    key = name.lower().replace("_", "").replace("-", "")
    return any(part in key for part in ("baseurl", "apibase", "endpoint", "basepath"))


Lazy = bool | None | Callable[[], bool | None]


def _order(span: Span) -> tuple[int, int, int, int]:
    return span.line, span.col, span.end_line, span.end_col


# String literals one file may cost. Each costs 5-40 µs of Python (a 2 MB data file can hold
# 400,000: 8 s); hand-written code has a few thousand (a 5,000-line module: 2,500). Past this, extraction stops and
# the engine says where (BYOK002), so analysis time per file stays bounded.
MAX_LITERALS = 20_000


class Collector:
    """Accumulates facts for one Source; every add_* takes byte offsets into ``src.data``."""

    def __init__(self, src: Source, language: str) -> None:
        self.src = src
        self.facts = CodeFacts(language)
        self.filename = ""  # the file's path when known: tool conventions by file name
        self.cache: dict[str, object] = {}  # per-file scan results shared by the scanners
        self._seen: set[tuple] = set()
        self.literals_left = MAX_LITERALS
        self.stopped = False
        self.literal_offsets: list[int] | None = None  # set to [] to record them (parsing/incremental.py)
        # The byte range the extractor will look at (None: all). Per-file scans that serve the
        # literals (lang_text.check_error) then scan only it; the catalogued errors are phrases
        # within one line, so a window of whole lines finds the same matches.
        self.window: tuple[int, int] | None = None

    def spend_literal(self, start: int) -> bool:
        """Count one literal against the budget; False (and ``facts.stopped_at``) once it is spent."""
        self.literals_left -= 1
        if self.literal_offsets is not None:
            self.literal_offsets.append(start)
        if self.literals_left >= 0:
            return True
        if not self.stopped:
            self.stopped = True
            self.facts.stopped_at = self.src.span(start, start)
        return False

    def finish(self) -> CodeFacts:
        """The facts in document order (extractors find them in several passes)."""
        f = self.facts
        for items in (f.models, f.env_reads, f.signals, f.secrets, f.error_texts):
            items.sort(key=lambda item: _order(item.span))  # tuples compare faster than Spans
        f.dotenv_paths.sort(key=lambda item: _order(item[1]))
        return f

    def _once(self, key: tuple) -> bool:
        if key in self._seen:
            return False
        self._seen.add(key)
        return True

    def model(self, start: int, end: int, *, context: Lazy, streaming: Lazy = None, provider: Lazy = None,
              assembled: str | None = None, env_name: str | None = None) -> bool:
        """Record [start, end) as a model id if the whole (stripped) text is catalogued.

        ``context`` and ``streaming`` may be callables: sibling lookups cost O(siblings) in
        tree-sitter, so they run only for the few literals that are model ids. ``assembled``:
        the id the code builds from this literal (`VENDOR + "o3"`, `` `openai/${x ? "o3" : y}` ``),
        which is what is looked up and sent.
        """
        start, end = strip_span(self.src.data, start, end)
        if end - start > 120 or end <= start:
            return False
        text = self.src.decode(start, end)
        sent_as = assembled
        match = lookup_model(assembled or text)
        if assembled is not None:
            if match is None:
                return False
            context = True  # a "vendor/" prefix joined to it: it is built as a model id
        if match is None and text[:7].lower() == "openai/" and provider is not None and lookup_model(text[7:]) is not None:
            # LiteLLM's "openai/" + an OpenRouter id ("openai/openai/o3"): sent to its api_base as
            # "openai/o3" when that base is OpenRouter; anything else is not ours to judge.
            provider = provider() if callable(provider) else provider
            if isinstance(provider, tuple) and provider[1] is not None:
                match = lookup_model(provider[1])
        if match is None:
            # an uncatalogued "openrouter/vendor/model" used as a model: the file talks to OpenRouter
            if _OPENROUTER_PREFIXED.match(text) and (context() if callable(context) else context):
                self.signal("openrouter", start, end, f'model "{text}"')
            return False
        # "openrouter/openai/o3" and "openrouter:openai/o3" say what they are wherever they stand
        context = match.form in ("litellm-openrouter", "prefixed-openrouter", "openrouter-bare") or \
            (bool(context()) if callable(context) else bool(context))
        if match.form == "bare" and not context and _SHORT_BARE.match(text):
            return False
        if not self._once(("model", start, end)):
            return False
        streaming = streaming() if callable(streaming) else streaming
        provider = provider() if callable(provider) else provider
        if isinstance(provider, tuple):  # (provider, the id it receives): lang_config's LiteLLM entries
            provider, sent_as = provider
        sent_as = sent_as if sent_as != text else None
        self.facts.models.append(ModelRef(text, self.src.span(start, end), context, streaming, provider, sent_as=sent_as,
                                          env_name=env_name))
        if match.form in ("litellm-openrouter", "prefixed-openrouter"):
            self.signal("openrouter", start, end, f'model "{text}"')
        return True

    def env(self, name: str, start: int, end: int, default: str | None = None) -> None:
        if not self._once(("env", start, end)):
            return
        self.facts.env_reads.append(EnvRead(name, self.src.span(start, end), default))
        if "OPENROUTER" in name.upper():
            self.signal("openrouter", start, end, f"env {name}")

    def signal(self, kind: str, start: int, end: int, detail: str) -> None:
        if self._once(("signal", kind, start, end)):
            self.facts.signals.append(Signal(kind, self.src.span(start, end), detail))

    def secret(self, value: str, start: int, end: int, kind: str) -> None:
        if self._once(("secret", start, end)):
            self.facts.secrets.append(SecretLiteral(value, self.src.span(start, end), kind))

    def error_text(self, start: int, end: int, where: str = "string") -> None:
        start, end = strip_span(self.src.data, start, end)
        if end > start and self._once(("error", start, end)):
            text = self.src.decode(start, end)
            self.facts.error_texts.append(ErrorText(text, self.src.span(start, end), where))

    def dotenv(self, start: int, end: int) -> None:
        start, end = strip_span(self.src.data, start, end)
        if end > start and self._once(("dotenv", start, end)):
            self.facts.dotenv_paths.append((self.src.decode(start, end), self.src.span(start, end)))
