"""Byte offsets → code-point spans, and the helpers the other parsing tests share.

The helpers live here (a test module) so that ``test_parsing_*`` files can import them without a
package: pytest puts this directory on ``sys.path``.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from byok_lsp.findings import Span
from byok_lsp.parsing.code import extract
from byok_lsp.parsing.facts import CodeFacts
from byok_lsp.parsing.treesitter import Source

_EOL = re.compile(r"\r\n|\r|\n")


def span_of(src: str, needle: str, nth: int = 0) -> Span:
    """The span of the ``nth`` occurrence of ``needle`` in ``src`` (code points, LSP lines)."""
    index = -1
    for _ in range(nth + 1):
        index = src.index(needle, index + 1)
    return Span(*_line_col(src, index), *_line_col(src, index + len(needle)))


def _line_col(src: str, offset: int) -> tuple[int, int]:
    starts = [0] + [m.end() for m in _EOL.finditer(src)]
    line = max(i for i, s in enumerate(starts) if s <= offset)
    return line, offset - starts[line]


def text_at(src: str, span: Span) -> str:
    lines = _EOL.split(src)
    if span.line == span.end_line:
        return lines[span.line][span.col : span.end_col]
    parts = [lines[span.line][span.col :], *lines[span.line + 1 : span.end_line], lines[span.end_line][: span.end_col]]
    return "\n".join(parts)


def models(f: CodeFacts) -> list[tuple[str, bool, bool | None]]:
    return [(m.text, m.in_model_context, m.streaming) for m in f.models]


def envs(f: CodeFacts) -> list[tuple[str, str | None]]:
    return [(e.name, e.default) for e in f.env_reads]


def signals(f: CodeFacts) -> list[tuple[str, str]]:
    return [(s.kind, s.detail) for s in f.signals]


def assert_spans_exact(src: str, f: CodeFacts) -> None:
    """Every span covers exactly the text the fact names."""
    for m in f.models:
        assert text_at(src, m.span) == m.text, m
    for e in f.env_reads:
        # a pydantic-settings field: its name is the variable's tail (after env_prefix, any
        # case), or an alias on the same line names the variable
        text = text_at(src, e.span)
        assert text == e.name or e.name.endswith(text.upper()) or e.name in src.splitlines()[e.span.line], e
    for s in f.secrets:
        assert text_at(src, s.span) == s.value, s
    for path, span in f.dotenv_paths:
        assert text_at(src, span) == path


# ---- Source.pos ----------------------------------------------------------------------------


OR_KEY = "sk-or-v1-" + "0123456789abcdef" * 4


def parsed(src: str, language: str) -> CodeFacts:
    """``extract(language, src)``, every span checked exact, and no parser fallback note."""
    f = extract(language, src)
    assert_spans_exact(src, f)
    assert f.note is None
    return f


def test_emoji_and_cjk_before_the_token_count_as_one_column_each():
    src = 'msg = "你好 🚀 ok"; model = "openai/o3"\n'
    f = extract("python", src)
    assert [m.span for m in f.models] == [span_of(src, "openai/o3")]
    assert f.models[0].span.col == len('msg = "你好 🚀 ok"; model = "')


def test_positions_on_later_lines_and_crlf_and_lone_cr():
    text = "a\r\nb😀c\rd\ne"
    s = Source(text)
    for i, ch in enumerate(text):
        byte = len(text[:i].encode("utf-8"))
        assert s.pos(byte) == _line_col(text, i), (i, ch)
    assert s.span(0, len(s.data)) == Span(0, 0, 3, 1)


def test_lone_surrogates_from_binary_junk_map_to_one_column():
    text = "x\udc80y = 'openai/o3'"
    s = Source(text)
    start = s.data.index(b"openai")
    assert s.pos(start) == (0, text.index("openai"))


def test_long_minified_lines_use_the_block_cache_correctly():
    text = ("é" * 5000) + "🚀" + ("a" * 9000) + "Z" + ("中" * 3000) + "Q"
    s = Source(text)
    for target in ("🚀", "Z", "Q"):
        i = text.index(target)
        assert s.pos(len(text[:i].encode("utf-8"))) == (0, i)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab\n\r 😀é中\t\"'")), max_size=60))
def test_pos_agrees_with_a_naive_reference(text):
    s = Source(text)
    for i in range(len(text) + 1):
        byte = len(text[:i].encode("utf-8", "surrogatepass"))
        assert s.pos(byte) == _line_col(text, i)
