"""Example-based tests of the .env tokenizer: values, spans, errors and recovery."""

from __future__ import annotations

import re

import pytest

from byok_lsp.findings import Span
from byok_lsp.parsing.dotenv import DotenvDoc, EnvEntry, parse_dotenv


def lines_of(text: str) -> list[str]:
    """Lines as LSP counts them (\\n, \\r\\n, lone \\r), after a leading BOM."""
    return re.split(r"\r\n|\r|\n", text.removeprefix("\ufeff"))


def at(text: str, span: Span | None) -> str | None:
    """The text a span covers, sliced by line/column (independently of the parser's offsets)."""
    if span is None:
        return None
    body = text.removeprefix("\ufeff")
    starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", body)]
    return body[starts[span.line] + span.col : starts[span.end_line] + span.end_col]


def only(doc: DotenvDoc) -> EnvEntry:
    assert not doc.errors, doc.errors
    assert len(doc.entries) == 1, doc.entries
    return doc.entries[0]


# --- values and spans of single bindings ---------------------------------------------------------


def test_plain_binding_spans() -> None:
    text = "OPENROUTER_API_KEY=sk-or-v1-abc\n"
    entry = only(parse_dotenv(text))
    assert entry.key == "OPENROUTER_API_KEY"
    assert entry.key_span == Span(0, 0, 0, 18)
    assert entry.value == "sk-or-v1-abc" == entry.raw_value == at(text, entry.value_span)
    assert entry.value_span == Span(0, 19, 0, 31)
    assert entry.line_span == Span(0, 0, 0, 31)
    assert (entry.exported, entry.quote, entry.comment_span) == (False, None, None)


def test_export_and_spaces_around_equals() -> None:
    text = "  export   KEY  =  value   \n"
    entry = only(parse_dotenv(text))
    assert entry.exported
    assert at(text, entry.key_span) == "KEY"
    assert entry.value == "value" == at(text, entry.value_span)
    assert entry.line_span == Span(0, 0, 0, len(text) - 1)  # trailing spaces are part of the line


@pytest.mark.parametrize(
    ("line", "key"),
    [("export", "export"), ("export=1", "export"), ("exportKEY=1", "exportKEY"), ("export\tK", "K")],
)
def test_export_word_edge_cases(line: str, key: str) -> None:
    entry = only(parse_dotenv(line))
    assert entry.key == key
    assert entry.exported == (key == "K")


def test_single_quotes_decode_only_backslash_and_quote() -> None:
    text = r"K='a\'b\\c\nd$'" + "\n"
    entry = only(parse_dotenv(text))
    assert entry.value == "a'b\\c\\nd$"
    assert entry.quote == "'"
    assert entry.raw_value == r"'a\'b\\c\nd$'" == at(text, entry.value_span)


def test_double_quotes_decode_python_dotenv_escapes() -> None:
    text = r'K="a\nb\t\"q\" \\ \x \' \a\b\f\r\v"'
    entry = only(parse_dotenv(text))
    assert entry.value == 'a\nb\t"q" \\ \\x \' \a\b\f\r\v'
    assert entry.quote == '"'
    assert entry.raw_value == text[2:] == at(text, entry.value_span)


def test_unquoted_inline_comment_and_trailing_space() -> None:
    text = "K=some value  # the note  \nNEXT=1"
    entry = parse_dotenv(text).entries[0]
    assert entry.value == "some value" == at(text, entry.value_span)
    assert at(text, entry.comment_span) == "# the note"
    assert entry.line_span == Span(0, 0, 0, 26)


def test_any_whitespace_before_hash_starts_a_comment() -> None:
    for text in ["K=v\t# c", "K=v\u3000# c", "K=v \t # c"]:
        entry = only(parse_dotenv(text))
        assert entry.value == "v" and at(text, entry.comment_span) == "# c"


def test_hash_without_space_belongs_to_value() -> None:
    for text, value in [("K=#notacomment", "#notacomment"), ("K=a#b", "a#b"), ("K=#a #b", "#a")]:
        entry = only(parse_dotenv(text))
        assert entry.value == value == at(text, entry.value_span)


def test_space_then_hash_after_equals_is_empty_value_with_comment() -> None:
    text = "K= # nothing here"
    entry = only(parse_dotenv(text))
    assert entry.value == ""
    assert entry.value_span == Span(0, 3, 0, 3)  # empty, where the value would start
    assert at(text, entry.comment_span) == "# nothing here"


def test_empty_value_and_bare_key() -> None:
    doc = parse_dotenv("EMPTY=\nBARE\nBARE_WITH_NOTE # why\n")
    empty, bare, noted = doc.entries
    assert empty.value == "" and empty.value_span == Span(0, 6, 0, 6) and empty.raw_value == ""
    assert bare.value is None and bare.value_span is None and bare.raw_value == ""
    assert noted.value is None and noted.comment_span == Span(2, 15, 2, 20)
    assert doc.values() == {"EMPTY": "", "BARE": None, "BARE_WITH_NOTE": None}


def test_quoted_value_with_comment() -> None:
    for text in ['K="v w" # note', 'K="v w"#note', "K='v w'\t# note"]:
        entry = only(parse_dotenv(text))
        assert entry.value == "v w"
        assert at(text, entry.value_span) == text[2:7]
        assert at(text, entry.comment_span).startswith("#")


def test_single_quoted_key_span_excludes_quotes() -> None:
    text = "'my key'=v"
    entry = only(parse_dotenv(text))
    assert entry.key == "my key" == at(text, entry.key_span)
    assert entry.key_span == Span(0, 1, 0, 7)


def test_multiline_double_quoted_value() -> None:
    text = 'PRIVATE="line one\nline two\n  line three" # note\nNEXT=1\n'
    doc = parse_dotenv(text)
    entry, nxt = doc.entries
    assert entry.value == "line one\nline two\n  line three"
    assert entry.value_span == Span(0, 8, 2, 13)
    assert at(text, entry.value_span) == entry.raw_value == '"line one\nline two\n  line three"'
    assert entry.line_span == Span(0, 0, 2, 20)
    assert at(text, entry.comment_span) == "# note"
    assert nxt.key_span == Span(3, 0, 3, 4)


def test_comments_and_blank_lines_are_not_entries() -> None:
    text = "# header\n\n   \n\t# indented\nexport # also a comment for python-dotenv\nA=1\n"
    doc = parse_dotenv(text)
    assert [e.key for e in doc.entries] == ["A"] and not doc.errors
    assert doc.entries[0].line_span.line == 5


# --- line endings, BOM, non-ASCII ----------------------------------------------------------------


def test_crlf() -> None:
    text = 'A=1\r\nB="x\r\ny" # c\r\nC=3\r\n'
    doc = parse_dotenv(text)
    a, b, c = doc.entries
    assert a.line_span == Span(0, 0, 0, 3)  # the \r is not part of the line
    assert b.value == "x\r\ny"  # kept as python-dotenv does when reading a stream
    assert b.line_span == Span(1, 0, 2, 6)
    assert at(text, b.comment_span) == "# c"
    assert c.key_span == Span(3, 0, 3, 1)
    assert doc.values() == {"A": "1", "B": "x\r\ny", "C": "3"}


def test_lone_cr_is_a_line_break() -> None:
    doc = parse_dotenv("A=1\rB=2 # c\r")
    assert [(e.key, e.value, e.key_span.line) for e in doc.entries] == [("A", "1", 0), ("B", "2", 1)]


def test_no_final_newline() -> None:
    text = "A=1\nB='two'"
    b = parse_dotenv(text).entries[1]
    assert b.value == "two" and b.line_span == Span(1, 0, 1, 7)


def test_bom_is_not_part_of_key_and_not_a_column() -> None:
    text = "\ufeffOPENAI_API_KEY=sk-x\n"
    entry = only(parse_dotenv(text))
    assert entry.key == "OPENAI_API_KEY"
    assert entry.key_span == Span(0, 0, 0, 14)  # positions are relative to the text after the BOM
    assert at(text, entry.value_span) == "sk-x"


def test_columns_are_code_points() -> None:
    text = '# 🔑 keys\nK🔑=日本語🎌 # 注\nX="😀"\n'
    k, x = parse_dotenv(text).entries
    assert k.key == "K🔑" and k.key_span == Span(1, 0, 1, 2)
    assert k.value == "日本語🎌" and k.value_span == Span(1, 3, 1, 7)
    assert k.comment_span == Span(1, 8, 1, 11)
    assert x.value_span == Span(2, 2, 2, 5)


def test_unicode_whitespace_behaves_like_python_dotenv() -> None:
    # \x0c and \x85 are whitespace to python-dotenv (and not line breaks for LSP)
    text = "\x0cK=v\x85 #c\x0c\nL=\u3000w"
    k, l_ = parse_dotenv(text).entries
    assert k.value == "v" and k.key_span == Span(0, 1, 0, 2)
    assert at(text, k.comment_span) == "#c"
    assert l_.value == "w" and l_.value_span == Span(1, 3, 1, 4)


# --- errors and recovery -------------------------------------------------------------------------


def test_bad_line_in_the_middle_is_reported_and_parsing_goes_on() -> None:
    text = "A=1\nthis is not a binding\nB=2\n"
    doc = parse_dotenv(text)
    assert [(e.key, e.value) for e in doc.entries] == [("A", "1"), ("B", "2")]
    (error,) = doc.errors
    assert error.span == Span(1, 0, 1, 21)
    assert error.message == "line has no '=' and is not a valid key"


def test_unterminated_quote_skips_only_its_line() -> None:
    secret = "sk-or-v1-0123456789abcdef"
    text = f'A=1\nB="{secret}\nC=3\n'
    doc = parse_dotenv(text)
    assert doc.values() == {"A": "1", "C": "3"}  # python-dotenv resumes on the next line too
    (error,) = doc.errors
    assert error.message == "unterminated double quote: the value runs to the end of the file"
    assert error.span == Span(1, 0, 1, len(secret) + 3)
    assert secret not in error.message


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("K='open", "unterminated single quote: the value runs to the end of the file"),
        ('K="v" trailing', "text after the closing double quote (only spaces and a '# comment' may follow)"),
        ("=value", "missing key before '='"),
        ("export   ", "'export' is not followed by a key"),
        ("export =1", "missing key before '='"),
        ("'key=1", "unterminated single quote in the key"),
        ("''=1", "empty quoted key ''"),
        ("MY KEY=1", "the key contains whitespace: put '=' directly after a one-word key"),
        ("'k' x", "line has no '=' and is not a valid key"),
    ],
)
def test_error_messages(text: str, message: str) -> None:
    doc = parse_dotenv("A=1\n" + text + "\nB=2")
    assert [e.key for e in doc.entries] == ["A", "B"]
    (error,) = doc.errors
    assert error.message == message
    assert error.span.line == error.span.end_line == 1
    assert at("A=1\n" + text, error.span) == text  # to the end of the line


def test_quote_closed_on_a_later_line_then_text() -> None:
    text = 'A="forgot to close\nB="x"\nC=3'
    doc = parse_dotenv(text)
    (error,) = doc.errors
    assert error.span == Span(0, 0, 1, 5)
    assert "closes on a later line" in error.message
    assert doc.values() == {"C": "3"}


# --- duplicates and interpolation ----------------------------------------------------------------


def test_duplicates_last_wins() -> None:
    doc = parse_dotenv("K=first\nOTHER=x\nK=second\n")
    assert doc.get("K").value == "second"
    assert [e.value for e in doc.all("K")] == ["first", "second"]
    assert doc.get("MISSING") is None and doc.all("MISSING") == []
    assert doc.values() == {"K": "second", "OTHER": "x"}
    assert list(doc.values()) == ["K", "OTHER"]  # first-appearance order, like a dict update


def test_interpolation() -> None:
    text = (
        "BASE=https://openrouter.ai\n"
        "URL=${BASE}/api/v1\n"
        "DEF=${UNSET:-fallback}\n"
        "EMPTY=\n"
        "NOT_DEFAULTED=${EMPTY:-x}\n"
        "BARE\n"
        "FROM_BARE=${BARE:-x}\n"
        "FROM_ENV=${HOME_DIR}\n"
        "SHADOW=${BASE}\n"
        "LITERAL='$BASE ${BASE:x} ${BASE'\n"
        "ODD=${a:-b:c}\n"
    )
    doc = parse_dotenv(text)
    env = {"HOME_DIR": "/home/u", "BASE": "from-env"}
    assert doc.values(env) == {
        "BASE": "https://openrouter.ai",
        "URL": "https://openrouter.ai/api/v1",
        "DEF": "fallback",
        "EMPTY": "",
        "NOT_DEFAULTED": "",  # python-dotenv: an empty value is not "unset"
        "BARE": None,
        "FROM_BARE": "",  # a bare key is in the file with value None, which expands to ""
        "FROM_ENV": "/home/u",
        "SHADOW": "https://openrouter.ai",  # the file wins over the environment
        "LITERAL": "$BASE ${BASE:x} ${BASE",
        "ODD": "b:c",
    }
    assert doc.values()["FROM_ENV"] == ""  # no environ: nothing from os.environ
    assert doc.values(env, interpolate=False)["URL"] == "${BASE}/api/v1"
    assert doc.get("URL").value == "${BASE}/api/v1"  # entries keep the value before interpolation


def test_interpolation_uses_only_earlier_values() -> None:
    doc = parse_dotenv("A=${B}\nB=1\nB=${B}2\n")
    assert doc.values() == {"A": "", "B": "12"}


# --- size and speed ------------------------------------------------------------------------------

TEN_MB = 10 * 1024 * 1024


def test_ten_megabyte_lines_are_parsed_correctly() -> None:
    unquoted = "x" * TEN_MB
    spaces = "a" + " " * TEN_MB + "b"
    escapes = "\\n" * (TEN_MB // 2)
    refs = "${" * (TEN_MB // 2)
    text = (
        f"U={unquoted}\n"
        f"S={spaces} # comment\n"
        f'D="{escapes}"\n'
        f"R={refs}\n"
        f"H=a{' #' * (TEN_MB // 2)}\n"
        f"{'=' * TEN_MB}\n"
        f'Q="{unquoted}'  # unterminated: runs to the end of the file
    )
    doc = parse_dotenv(text)
    values = doc.values()
    assert values == {"U": unquoted, "S": spaces, "D": "\n" * (TEN_MB // 2), "R": refs, "H": "a"}
    assert [e.message.split(":")[0] for e in doc.errors] == [
        "missing key before '='",
        "unterminated double quote",
    ]
    assert doc.get("S").comment_span == Span(1, TEN_MB + 5, 1, TEN_MB + 14)
    assert doc.errors[1].span == Span(6, 0, 6, TEN_MB + 3)


def test_five_hundred_lines_parse() -> None:
    """Correctness on a 500-line file; its speed is measured in bench/, not asserted here."""
    lines = []
    for i in range(500):
        lines.append(
            [
                f"# section {i}",
                f"export KEY_{i}=value_{i} # note",
                f'QUOTED_{i}="double {i}\\n with escape"',
                f"SINGLE_{i}='single {i}'",
                f"OPENROUTER_API_KEY_{i}=sk-or-v1-{'a' * 64}",
                "",
            ][i % 6]
        )
    text = "\n".join(lines) + "\n"
    assert len(parse_dotenv(text).entries) == sum(1 for i in range(500) if i % 6 in (1, 2, 3, 4))

