"""BYOK206 (corrupted key value) and its safe fix touch only values that hold a key of a known
format: a value python-dotenv loads as the user meant it (a passphrase, a Django secret with a
'#', a token with spaces) is never "corrupted", and ``check --fix`` never rewrites it.

The oracle is python-dotenv itself: for every generated line, if the value it loads holds no key
of a format ``keys.py`` knows, BYOK206 stays silent; if BYOK206's safe fix is applied, python-dotenv
then loads exactly the key that was inside the old value.
"""

from __future__ import annotations

import io
import os
from unittest import mock

import dotenv
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from byok_lsp import edits, engine, keys
from byok_lsp.findings import FixSafety
from byok_lsp.workspace import Workspace
from conftest import OPENAI_KEY, OR_KEY, run_cli, write_tree

pytestmark = pytest.mark.fuzz

ISSUE_ENV = 'SESSION_SECRET="correct horse battery staple"\nDJANGO_SECRET=abc#def\n'


def _loaded(text: str) -> dict[str, str | None]:
    with mock.patch.dict(os.environ, {}, clear=True):
        return dict(dotenv.dotenv_values(stream=io.StringIO(text)))


def _corrupted(tmp_path, text: str):
    result = engine.analyze(Workspace(tmp_path, environ={}), tmp_path / ".env", text)
    return [f for f in result.findings if f.code == "BYOK206"]


def test_check_fix_keeps_secrets_that_are_not_keys(tmp_path):
    write_tree(tmp_path, {".git/HEAD": "ref: refs/heads/main\n", ".gitignore": ".env\n", ".env": ISSUE_ENV})
    proc = run_cli("check", "--fix", ".", cwd=tmp_path)
    assert (tmp_path / ".env").read_text() == ISSUE_ENV, proc.stderr.decode()
    assert b"BYOK206" not in proc.stdout, proc.stdout.decode()


def test_values_with_spaces_or_hash_are_not_corrupted_keys(tmp_path):
    for text in (ISSUE_ENV, 'API_TOKEN="Bearer abc def"\n', "MY_KEY=a#b\n", "X_SECRET='  padded  '\n",
                 'OPENROUTER_API_KEY="sk-or-v1-3f2a9c extra"\n'):
        assert _corrupted(tmp_path, text) == [], text


def test_a_key_inside_a_corrupted_value_is_still_found_and_cleaned(tmp_path):
    for raw, clean in ((f'OPENROUTER_API_KEY=" {OR_KEY} "', OR_KEY), (f"OPENROUTER_API_KEY={OR_KEY}#prod", OR_KEY),
                       (f"OPENAI_API_KEY=\"'{OPENAI_KEY}'\"", OPENAI_KEY)):
        [finding] = _corrupted(tmp_path, raw + "\n")
        [fix] = [fx for fx in finding.fixes if fx.safety is FixSafety.SAFE]
        fixed = _loaded(edits.apply(raw + "\n", fix.edits)) == {raw.split("=")[0]: clean}
        assert fixed, keys.redact(raw)


def test_a_key_split_by_whitespace_is_corrupted_and_joined_on_request(tmp_path):
    """A key broken by a space (a paste across a line wrap) is one well-formed key once joined:
    BYOK206, with an unsafe fix that joins it; a value that does not join into exactly one key
    of a known format is left alone."""
    for raw in (f"OPENROUTER_EVAL_KEY={OR_KEY[:40]} {OR_KEY[40:]}", f'OPENROUTER_API_KEY="{OR_KEY[:20]}  {OR_KEY[20:]}"'):
        [finding] = _corrupted(tmp_path, raw + "\n")
        assert "whitespace inside the key" in finding.message and OR_KEY[20:40] not in finding.message
        [fix] = [fx for fx in finding.fixes if fx.title.startswith("Remove the whitespace")]
        assert fix.safety is FixSafety.UNSAFE
        name = raw.split("=")[0]
        assert _loaded(edits.apply(raw + "\n", fix.edits))[name] in (OR_KEY, OPENAI_KEY), keys.redact(raw)
    for raw in (f"OPENROUTER_API_KEY={OR_KEY[:40]} {OR_KEY[40:]}ff", f"OPENROUTER_API_KEY={OR_KEY} {OR_KEY}",
                "SESSION_SECRET=sk or v1 words", f"SESSION_SECRET=sk-proj-abc {OR_KEY}abc",  # found by hypothesis
                f"OPENAI_API_KEY={OPENAI_KEY[:20]} {OPENAI_KEY[20:]}"):  # no fixed length: not provably one key
        assert [f.message for f in _corrupted(tmp_path, raw + "\n") if "inside the key" in f.message] == [], keys.redact(raw)


# Pieces a hand-written value is made of: words, keys, and the characters that trip loaders.
_PIECES = st.sampled_from(["abc", "correct", "horse", "#", " ", "  ", "'", '"', "\\", "=", "def", "$X",
                           OR_KEY, OPENAI_KEY, OR_KEY[:30], "sk-or-v1-", "sk-proj-abc", "T3BlbkFJ"])
_NAMES = st.sampled_from(["SESSION_SECRET", "DJANGO_SECRET", "GITHUB_TOKEN", "OPENROUTER_API_KEY", "OPENAI_API_KEY"])
_QUOTES = st.sampled_from(["", "'", '"'])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=_NAMES, quote=_QUOTES, pieces=st.lists(_PIECES, min_size=1, max_size=6))
def test_corrupted_only_when_a_known_key_is_inside(tmp_path, name, quote, pieces):
    raw = "".join(pieces)
    if quote and quote in raw:
        return  # not a value a person writes between those quotes
    line = f"{name}={quote}{raw}{quote}\n"
    before = _loaded(line).get(name)
    found = _corrupted(tmp_path, line)
    inside = [m.group(0) for m in keys.find_keys(before or "")]
    if not inside and keys.OPENROUTER_KEY.fullmatch("".join((before or "").split())) and (before or "").count("sk-") == 1:
        assert [f.fixes[0].safety for f in found] == [FixSafety.UNSAFE], keys.redact(line)  # a split key: joined on request
        return
    if not inside:
        assert found == [], keys.redact(f"{line!r} loads as {before!r}, which holds no key, yet BYOK206 fired")
        return
    for finding in found:
        for fix in finding.fixes:
            if fix.safety is FixSafety.SAFE and fix.edits:
                after = _loaded(edits.apply(line, fix.edits)).get(name)
                ok = len(inside) == 1 and after == inside[0]
                assert ok, keys.redact(repr((line, before, after)))
