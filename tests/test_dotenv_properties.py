"""Property tests: the .env tokenizer against python-dotenv (the oracle), plus span invariants."""

from __future__ import annotations

import io
import logging
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import pairwise
from unittest import mock

import dotenv
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from byok_lsp.findings import Span
from byok_lsp.parsing.dotenv import DotenvDoc, parse_dotenv

pytestmark = pytest.mark.fuzz

# Stands in for os.environ in both implementations; names overlap the generated keys on purpose
# so that "the file wins over the environment" is exercised.
ENVIRON = {"ENV_ONLY": "from-env", "KEY": "env-key", "HOME_X": "/h"}


# Example counts keep the whole file near 10 s of CPU on a laptop-class machine.
def examples(count: int) -> settings:
    return settings(max_examples=count, deadline=None, suppress_health_check=[HealthCheck.too_slow])


class _Counter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        if "could not parse statement" in record.getMessage():
            self.count += 1


@contextmanager
def _warnings_counted() -> Iterator[_Counter]:
    logger = logging.getLogger("dotenv.main")
    counter = _Counter()
    logger.addHandler(counter)
    try:
        yield counter
    finally:
        logger.removeHandler(counter)


def oracle(text: str, interpolate: bool) -> tuple[dict[str, str | None], int]:
    """python-dotenv's values for ``text`` with ENVIRON as os.environ, and its warning count."""
    with _warnings_counted() as counter, mock.patch.dict(os.environ, ENVIRON, clear=True):
        values = dotenv.dotenv_values(stream=io.StringIO(text), interpolate=interpolate)
    return dict(values), counter.count


def _lines(text: str) -> list[str]:
    return re.split(r"\r\n|\r|\n", text.removeprefix("\ufeff"))


def _at(text: str, span: Span) -> str:
    body = text.removeprefix("\ufeff")
    starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", body)]
    return body[starts[span.line] + span.col : starts[span.end_line] + span.end_col]


def _check_invariants(text: str, doc: DotenvDoc) -> None:
    lines = _lines(text)

    def inside(span: Span) -> bool:
        return (
            0 <= span.line <= span.end_line < len(lines)
            and 0 <= span.col <= len(lines[span.line])
            and 0 <= span.end_col <= len(lines[span.end_line])
            and (span.line, span.col) <= (span.end_line, span.end_col)
        )

    statements: list[Span] = []
    for entry in doc.entries:
        for span in (entry.key_span, entry.value_span, entry.line_span, entry.comment_span):
            assert span is None or inside(span), (entry, span)
        assert _at(text, entry.key_span) == entry.key
        assert entry.line_span.col == 0
        if entry.value_span is None:
            assert entry.value is None and entry.raw_value == ""
        else:
            assert _at(text, entry.value_span) == entry.raw_value
            if entry.quote is None:
                assert entry.raw_value == entry.value
            else:
                assert entry.raw_value[0] == entry.raw_value[-1] == entry.quote
        if entry.comment_span is not None:
            assert _at(text, entry.comment_span).startswith("#")
        statements.append(entry.line_span)
    for error in doc.errors:
        assert inside(error.span) and error.message
        statements.append(error.span)

    # Statements do not overlap, and every line that is not blank or a comment belongs to one.
    statements.sort()
    for before, after in pairwise(statements):
        assert before.end_line < after.line
    covered = {n for span in statements for n in range(span.line, span.end_line + 1)}
    for number, line in enumerate(lines):
        content = line.strip()
        if content and not re.match(r"(export[^\S\r\n]+)?#", content):
            assert number in covered, (number, line)


def check_against_python_dotenv(text: str) -> None:
    doc = parse_dotenv(text)  # must never raise
    _check_invariants(text, doc)
    for interpolate in (True, False):
        expected, warnings = oracle(text, interpolate)
        event("python-dotenv warned" if warnings else "python-dotenv parsed cleanly")
        event(f"{min(len(expected), 3)} keys loaded (3 means 3 or more)")
        assert len(doc.errors) == warnings, (doc.errors, warnings)
        # Required wherever python-dotenv parses cleanly; we also match its recovery after a bad
        # statement (it skips the same text), so the values agree on every input.
        assert list(doc.values(ENVIRON, interpolate).items()) == list(expected.items())


# --- strategies ----------------------------------------------------------------------------------

NAMES = st.sampled_from(["KEY", "OPENROUTER_API_KEY", "OPENAI_API_KEY", "ENV_ONLY", "A", "b_2", "export"])
KEYS = st.one_of(NAMES, st.from_regex(r"[A-Za-z_][A-Za-z0-9_.\-]{0,8}", fullmatch=True))
SPACE = st.sampled_from(["", "", " ", "  ", "\t", "\x0c", "\u3000"])
REF = st.builds(
    lambda name, suffix: "${" + name + suffix,
    st.one_of(NAMES, st.just("")),
    st.sampled_from(["}", "}", ":-}", ":-fallback}", ":-a:b}", ":-x y}", ":b}", ":}", "-x}", ":-${X}", ""]),
)
PLAIN = st.text(alphabet="abcXYZ019-_./:@+ ", max_size=12)
CHUNK = st.one_of(
    PLAIN,
    REF,
    st.sampled_from(["#", " #", " # c", "$", "${", "}", "${A", ":-", "'", '"', "\\", "🔑", "日本", "\u00a0"]),
)
ESCAPE = st.sampled_from([f"\\{c}" for c in "\\'\"abfnrtvx$ u"] + ["\\"])
NEWLINE_IN_VALUE = st.sampled_from(["\n", "\r\n", "\r"])


def _quoted(quote: str) -> st.SearchStrategy[str]:
    other = "'" if quote == '"' else '"'
    body = st.lists(
        st.one_of(CHUNK.filter(lambda c: quote not in c), ESCAPE, NEWLINE_IN_VALUE, st.just(other)),
        max_size=5,
    )
    closing = st.sampled_from([quote, quote, quote, ""])  # sometimes unterminated
    return st.builds(lambda parts, end: quote + "".join(parts) + end, body, closing)


VALUE = st.one_of(
    st.lists(CHUNK, max_size=5).map("".join),
    _quoted("'"),
    _quoted('"'),
)
COMMENT = st.sampled_from(["", "", "", " # note", "# tight", "\t#", " #  spaces  "])


@st.composite
def binding(draw: st.DrawFn) -> str:
    export = draw(st.sampled_from(["", "", "export ", "export\t", "export  "]))
    key = draw(KEYS)
    if draw(st.integers(0, 9)) == 0:
        key = f"'{key}'"
    if draw(st.integers(0, 5)) == 0:
        return draw(SPACE) + export + key + draw(SPACE) + draw(COMMENT)  # bare key
    tail = draw(st.sampled_from(["", "", "", " ", "\t", " junk"]))
    return draw(SPACE) + export + key + draw(SPACE) + "=" + draw(SPACE) + draw(VALUE) + draw(COMMENT) + tail


GARBAGE = st.one_of(
    st.sampled_from(
        ["=value", "export", "export ", "two words", "'unclosed", "''=x", "KEY junk=1", "#", "   "]
    ),
    st.text(max_size=15),
)
LINE = st.one_of(binding(), binding(), binding(), st.just(""), st.just("# comment"), GARBAGE)


@st.composite
def env_file(draw: st.DrawFn) -> str:
    lines = draw(st.lists(LINE, max_size=8))
    newline = draw(st.sampled_from(["\n", "\n", "\r\n", "\r"]))
    text = newline.join(lines) + draw(st.sampled_from(["", newline]))
    return draw(st.sampled_from(["", "", "", "\ufeff"])) + text


# Small files dense in references between their own keys: bare keys (None), empty values,
# defaults, self-references and names that are also in ENVIRON.
INTERPOLATION_LINE = st.one_of(
    NAMES,
    NAMES.map(lambda name: name + "="),
    st.builds(
        lambda name, value: f"{name}={value}", NAMES, st.lists(st.one_of(REF, PLAIN), max_size=4).map("".join)
    ),
)
INTERPOLATION_FILE = st.lists(INTERPOLATION_LINE, max_size=6).map("\n".join)

RANDOM_TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("AB_=#'\"\\ \t\r\n${}:-export\x0c\x85\u2028\ufeff🔑")),
        st.characters(),
    ),
    max_size=40,
)


# --- properties ----------------------------------------------------------------------------------


@examples(1000)
@given(env_file())
def test_grammar_generated_files_match_python_dotenv(text: str) -> None:
    check_against_python_dotenv(text)


@examples(500)
@given(INTERPOLATION_FILE)
def test_interpolation_heavy_files_match_python_dotenv(text: str) -> None:
    check_against_python_dotenv(text)


@examples(2000)
@given(RANDOM_TEXT)
def test_random_text_matches_python_dotenv(text: str) -> None:
    check_against_python_dotenv(text)


@examples(300)
@given(st.lists(st.tuples(KEYS, PLAIN), min_size=1, max_size=6))
def test_last_binding_wins(pairs: list[tuple[str, str]]) -> None:
    text = "".join(f"{key}={value}\n" for key, value in pairs)
    doc = parse_dotenv(text)
    for key in {key for key, _ in pairs}:
        expected = [value.strip() for k, value in pairs if k == key]
        assert [entry.value for entry in doc.all(key)] == expected
        assert doc.get(key) is doc.all(key)[-1]
