"""Editor-time extraction: after an edit, re-extract only the statements it touched.

The language server keeps one ``IncrementalExtractor`` per open Python, JavaScript or TypeScript
document. It holds the last text's ``Source``, tree and node-pass facts. On a new text:

1. The edit is the common prefix/suffix difference of the old and new bytes: any number of LSP
   changes since the last analysis, or a full-text sync, come down to one edit.
2. tree-sitter reparses from the edited old tree (``Tree.edit``, then ``parse(new, old_tree)``):
   ~0.3 ms on 5,000 lines of Python, against ~19 ms for a full parse.
3. The dirty range is the edit plus ``Tree.changed_ranges``, grown to the statements holding it
   (the node pass reads nothing outside a node's own statement, see ``extract_nodes`` in
   lang_python/lang_js), then by the 100 bytes the node pass reads before a literal
   (``lang_text.might_matter``, ``owner_before``), to whole lines (so facts after it move by
   whole lines) and past any string or comment that straddles an end (so every literal is
   wholly inside or wholly outside).
4. The node pass runs over the dirty range only. Its facts before the range are kept, those after
   it move by the change in line count, and the file pass (regex scans of the whole buffer:
   keys, env reads, OpenRouter classes) reruns whole, as in ``code.extract``.

A new tree with syntax errors takes the full path: tree-sitter's error recovery from an old tree
can differ from a fresh parse, and the editor must say what ``check`` says. So the result equals
``code.extract`` on the new text; tests/test_incremental.py holds it to that edit by edit (random
edits of the corpus and of generated files, half-typed code among them). Anything unusual —
another language, a file over the parse limit or binary, a tree too broken to query, the literal
budget, changed ``file_inputs`` (JS: createOpenRouter aliases), an exception — takes the full path
and starts over from there. Over the literal budget the node pass runs over the whole file on
every edit (its facts stop part-way and cannot be spliced), but from an incrementally reparsed
tree, finishing as ``code.extract`` does.
"""

from __future__ import annotations

import bisect
import dataclasses
import importlib
import logging
import threading

import tree_sitter

from ..textio import common_prefix, common_suffix
from . import code, nesting
from .facts import SPANNED_LISTS, CodeFacts
from .treesitter import MAX_LITERALS, Collector, Source, TreeTooBroken, check_errors, check_nesting, grammar

log = logging.getLogger(__name__)

LOOKBEHIND = 100  # bytes before a literal the node pass reads (lang_text.might_matter 48, owner_before 100)

_JS_BLOCKS = frozenset({"program", "statement_block", "class_body", "switch_case", "switch_default"})
_JS_NODES = frozenset({"string", "template_string", "comment"})


@dataclasses.dataclass(frozen=True)
class _Lang:
    module: str  # parsing.<module> with file_inputs / extract_nodes / extract_file
    grammar: str
    blocks: frozenset[str]  # nodes whose children are statements
    nodes: frozenset[str]  # node types the node pass captures (they must not straddle the range)


LANGUAGES = {
    "python": _Lang("lang_python", "python", frozenset({"module", "block"}),
                    frozenset({"string", "comment", "import_statement", "import_from_statement"})),
    "javascript": _Lang("lang_js", "javascript", _JS_BLOCKS, _JS_NODES),
    "typescript": _Lang("lang_js", "typescript", _JS_BLOCKS, _JS_NODES),
    "tsx": _Lang("lang_js", "tsx", _JS_BLOCKS, _JS_NODES),
}
_LISTS = SPANNED_LISTS


@dataclasses.dataclass
class _State:
    language: str
    src: Source
    tree: tree_sitter.Tree
    inputs: object  # the module's file_inputs(data)
    nodes: CodeFacts  # facts of the node pass, in document order
    literals: list[int]  # byte offsets of the literals the node pass counted (the budget), sorted
    facts: CodeFacts  # the last answer (node pass + file pass)
    bounds: dict | None = None  # nesting.measure of src: an edit is bounded from them
    stopped: bool = False  # the literal budget stopped the node pass: ``nodes`` is partial


class IncrementalExtractor:
    """``extract(language, text)`` for one document, reusing the work of the previous call.

    Thread-safe: the server may analyse two versions of a document at once; they take turns."""

    def __init__(self) -> None:
        self._state: _State | None = None
        self._dotenv = None  # dotenv.DotenvState of the last .env text
        self._lock = threading.Lock()
        self._parsers: dict[str, tree_sitter.Parser] = {}
        self.full_runs = 0  # for tests and benchmarks: how often the whole file was extracted
        self.incremental_runs = 0

    def extract(self, language: str, text: str) -> CodeFacts:
        with self._lock:
            lang = LANGUAGES.get(language)
            state, self._state = self._state, None  # stays None unless this call succeeds
            if lang is None:
                return code.extract(language, text, skip_prefilter=True)
            facts = None
            if state is not None and state.language == language:
                try:
                    facts = self._incremental(lang, state, text)
                except TreeTooBroken:
                    facts = None
                except Exception:  # noqa: BLE001 - a bug here must cost a full extraction, not the file
                    log.exception("incremental extraction failed; extracting the whole file")
                    facts = None
            if facts is None:
                facts = self._full(lang, language, text)
            return facts

    def dotenv(self, text: str):
        """``parse_dotenv(text)`` for a .env document, re-parsing only around the edit."""
        from .dotenv import parse_dotenv, parse_dotenv_incremental

        with self._lock:
            prev, self._dotenv = self._dotenv, None
            try:
                doc, self._dotenv = parse_dotenv_incremental(prev, text)
            except Exception:  # noqa: BLE001 - a bug here must cost a full parse, not the file
                log.exception("incremental .env parse failed; parsing the whole file")
                doc = parse_dotenv(text)
            return doc

    # ----- the two paths ---------------------------------------------------------------------
    def _full(self, lang: _Lang, language: str, text: str) -> CodeFacts:
        self.full_runs += 1
        src = Source(text)
        if code.not_parseable(src.data):
            return code.extract(language, text, skip_prefilter=True)
        try:
            bounds = check_nesting(lang.grammar, src.data)  # before the grammar sees it: it may crash
            tree = self._parser(lang).parse(src.data)
            check_errors(tree.root_node)
        except TreeTooBroken:
            return code.extract(language, text, skip_prefilter=True)
        module = importlib.import_module(f"{__package__}.{lang.module}")
        return self._whole(module, language, src, tree, module.file_inputs(src.data), bounds)

    def _whole(self, module, language: str, src: Source, tree, inputs, bounds) -> CodeFacts:
        """The node pass over the whole tree, then the file pass; the state kept for the next edit."""
        c = _collector(src, language)
        module.extract_nodes(c, tree.root_node, inputs)
        if c.stopped:
            # The literal budget: finish as ``code.extract`` does — the file pass and the flow pass
            # on this one collector (it says where it stopped). The node facts are partial, so the
            # next edit cannot splice them; it reuses the tree (an incremental parse) and runs the
            # node pass over the whole file again (`stopped`). A 50,000-line file of 20,000+
            # strings: ~500 ms per keystroke before (two full parses and node passes).
            module.extract_file(c, tree.root_node)
            facts = c.finish()
            module.resolve(facts, src, tree.root_node)
            self._state = _State(language, src, tree, inputs, CodeFacts(language), [], facts, bounds, stopped=True)
            return _copy(facts)
        state = _State(language, src, tree, inputs, c.finish(), sorted(c.literal_offsets), CodeFacts(language), bounds)
        return self._finish(module, state)

    def _incremental(self, lang: _Lang, st: _State, text: str) -> CodeFacts | None:
        language = st.language
        src = Source(text)
        old, new = st.src.data, src.data
        if old == new:
            self._state = st
            return _copy(st.facts)
        start = common_prefix(old, new)
        # (looks_binary reads the first 64 KB only: unchanged by an edit after them)
        if len(new) > code.MAX_PARSE_BYTES or (start < code.BINARY_SAMPLE and code.looks_binary(new)):
            return None
        module = importlib.import_module(f"{__package__}.{lang.module}")
        inputs = module.file_inputs(new)
        if inputs != st.inputs:
            return None
        suffix = common_suffix(old, new, min(len(old), len(new)) - start)
        old_end, new_end = len(old) - suffix, len(new) - suffix
        # The nesting of the new text, bounded from the old text's and the edit alone (a
        # keystroke must not rescan the buffer); measured anew only when the bound is too high.
        bounds = nesting.after_edit(st.bounds, new[start:new_end], old[start:old_end]) if st.bounds else None
        if bounds is None or nesting.over(bounds):
            bounds = nesting.measure(lang.grammar, new)
            if nesting.over(bounds):
                return None  # the full path says why, with the lexical scan
        tree = st.tree
        tree.edit(start_byte=start, old_end_byte=old_end, new_end_byte=new_end, start_point=_point(st.src, start),
                  old_end_point=_point(st.src, old_end), new_end_point=_point(src, new_end))
        new_tree = self._parser(lang).parse(new, tree)
        root = new_tree.root_node
        if root.has_error:
            # Error recovery from an old tree can differ from a fresh parse's (tree-sitter keeps
            # whatever subtrees still fit), and the editor must say what `check` says: broken
            # code takes the full path. Without errors both parses give the same tree.
            return None
        if st.stopped:  # over the literal budget: the whole node pass again, on the reparsed tree
            self.full_runs += 1
            return self._whole(module, language, src, new_tree, inputs, bounds)
        a, b = start, new_end
        for r in tree.changed_ranges(new_tree):
            a, b = min(a, r.start_byte), max(b, r.end_byte)
        a, b = _dirty_range(root, src, a, b, lang)
        self.incremental_runs += 1
        delta = len(new) - len(old)
        old_b = b - delta
        c = _collector(src, language)
        c.window = (a, b)
        module.extract_nodes(c, root, inputs, (a, b))
        if c.stopped:
            return None
        i, j = bisect.bisect_left(st.literals, a), bisect.bisect_left(st.literals, old_b)
        literals = st.literals[:i] + sorted(c.literal_offsets) + [x + delta for x in st.literals[j:]]
        if len(literals) > MAX_LITERALS:
            return None
        a_line = _line_at(src, a)
        old_b_line, new_b_line = _line_at(st.src, old_b), _line_at(src, b)
        nodes = _splice(st.nodes, c.finish(), a_line, old_b_line, new_b_line - old_b_line)
        return self._finish(module, _State(language, src, new_tree, inputs, nodes, literals, CodeFacts(language),
                                           bounds))

    def _finish(self, module, state: _State) -> CodeFacts:
        """Run the file pass, merge it with the node pass the way one Collector would, remember."""
        fc = Collector(state.src, state.language)
        module.extract_file(fc, state.tree.root_node)
        state.facts = _merge(state.nodes, fc.finish())
        module.resolve(state.facts, state.src, state.tree.root_node)
        self._state = state
        return _copy(state.facts)

    def _parser(self, lang: _Lang) -> tree_sitter.Parser:
        parser = self._parsers.get(lang.grammar)
        if parser is None:
            parser = self._parsers[lang.grammar] = tree_sitter.Parser(grammar(lang.grammar))
        return parser


# ----- the dirty range ---------------------------------------------------------------------------
def _dirty_range(root, src: Source, a: int, b: int, lang: _Lang) -> tuple[int, int]:
    """[a, b) grown as the module docstring says; (0, len) when the tree gives no statements."""
    data = src.data
    a, b = _statements(root, a, b, lang.blocks, len(data))
    b = min(len(data), b + LOOKBEHIND)
    starts = src.line_starts
    for _ in range(64):
        a2 = starts[bisect.bisect_right(starts, a) - 1]
        if a2 > 0 and data[a2 - 1] == 0x0D:  # after a lone \r: an edit may have put a \n behind it
            a2 = starts[bisect.bisect_right(starts, a2 - 1) - 1]
        k = bisect.bisect_left(starts, b)
        b2 = starts[k] if k < len(starts) else len(data)
        a2 = min(a2, _straddling(root, a2, lang.nodes)[0])
        b2 = max(b2, _straddling(root, b2, lang.nodes)[1])
        if (a2, b2) == (a, b):
            return a, b
        a, b = a2, b2
    return 0, len(data)


def _statements(root, a: int, b: int, blocks: frozenset[str], size: int) -> tuple[int, int]:
    """Grow [a, b) to the whole statements that overlap it."""
    node = root.descendant_for_byte_range(a, max(a, b - 1))
    if node is None:
        return 0, size
    while node.parent is not None and node.parent.type not in blocks:
        node = node.parent
    if node.type not in blocks:  # a statement, or a root that is not a module (an ERROR)
        return min(a, node.start_byte), max(b, node.end_byte)
    # a block (or the module) spans the range: take the children that overlap it
    # (not Node.first_child_for_byte: it crashes py-tree-sitter 0.26.1 when no child qualifies)
    lo, hi = a, b
    for child in node.children:
        if child.end_byte >= a and child.start_byte <= b:
            lo, hi = min(lo, child.start_byte), max(hi, child.end_byte)
    return lo, hi


def _straddling(root, offset: int, types: frozenset[str]) -> tuple[int, int]:
    """The extent of the outermost captured node (string, comment...) that has ``offset``
    strictly inside it, or (offset, offset)."""
    lo = hi = offset
    node = root.descendant_for_byte_range(offset, offset)
    while node is not None:
        if node.type in types and node.start_byte < offset < node.end_byte:
            lo, hi = node.start_byte, node.end_byte
        node = node.parent
    return lo, hi


def _line_at(src: Source, offset: int) -> int:
    """The line that starts at ``offset``; the line count when ``offset`` starts no line (the end)."""
    starts = src.line_starts
    k = bisect.bisect_left(starts, offset)
    return k if k < len(starts) and starts[k] == offset else len(starts)


# ----- merging facts -----------------------------------------------------------------------------
def _collector(src: Source, language: str) -> Collector:
    c = Collector(src, language)
    c.literal_offsets = []
    return c


def _splice(old: CodeFacts, fresh: CodeFacts, a_line: int, old_b_line: int, lines: int) -> CodeFacts:
    """Old facts before line a_line, the fresh ones, then old ones from old_b_line moved by ``lines``."""
    out = CodeFacts(old.language)
    for name in _LISTS:
        before = [x for x in getattr(old, name) if x.span.line < a_line]
        after = [x if not lines else dataclasses.replace(x, span=x.span.moved(lines))
                 for x in getattr(old, name) if x.span.line >= old_b_line]
        setattr(out, name, before + getattr(fresh, name) + after)
    out.dotenv_paths = ([x for x in old.dotenv_paths if x[1].line < a_line] + fresh.dotenv_paths
                        + [(p, s.moved(lines)) for p, s in old.dotenv_paths if s.line >= old_b_line])
    return out


def _key(name: str, item) -> tuple:
    """The key Collector._once gives a fact (one span = one byte range in one Source)."""
    return (name, item.kind, item.span) if name == "signals" else (name, item.span)


def _merge(nodes: CodeFacts, file: CodeFacts) -> CodeFacts:
    """Node-pass facts, then file-pass facts not already found: what one Collector running the
    node pass and then the file pass keeps, in the same (stable, span-sorted) order."""
    out = CodeFacts(nodes.language)
    for name in _LISTS:
        first = getattr(nodes, name)
        seen = {_key(name, x) for x in first}
        items = first + [x for x in getattr(file, name) if _key(name, x) not in seen]
        items.sort(key=lambda x: (x.span.line, x.span.col, x.span.end_line, x.span.end_col))
        setattr(out, name, items)
    seen_paths = {s for _, s in nodes.dotenv_paths}
    out.dotenv_paths = nodes.dotenv_paths + [x for x in file.dotenv_paths if x[1] not in seen_paths]
    out.dotenv_paths.sort(key=lambda x: (x[1].line, x[1].col, x[1].end_line, x[1].end_col))
    return out


def _copy(facts: CodeFacts) -> CodeFacts:
    """A copy the caller may trim (the engine caps long lists in place)."""
    return dataclasses.replace(facts, **{name: list(getattr(facts, name)) for name in (*_LISTS, "dotenv_paths")})


# ----- bytes -------------------------------------------------------------------------------------
def _point(src: Source, offset: int) -> tuple[int, int]:
    """tree-sitter's (row, byte column). Its rows end at \\n only; without any \\r, LSP's do too."""
    data = src.data
    if b"\r" not in data:
        row = bisect.bisect_right(src.line_starts, offset) - 1
        return row, offset - src.line_starts[row]
    row = data.count(b"\n", 0, offset)
    return row, offset - (data.rfind(b"\n", 0, offset) + 1)
