from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from byok_lsp import edits, keys
from byok_lsp.findings import Span, TextEdit

OR_KEY = "sk-or-v1-" + "3f2" + "ab" * 29 + "9c1"


def test_mask_never_shows_whole_key():
    assert keys.mask(OR_KEY) == "sk-or-v1-3f2…9c1"
    assert len(keys.mask("sk-proj-" + "A" * 150)) <= 15


def test_mask_of_a_short_value_shows_few_or_no_secret_characters():
    """Issue 13: ``sk-or-v1-3f2a9c`` (a key copied in part) was shown as ``sk-or-v1-3f2…a9c``: all six
    secret characters. The public prefix is shown; of the rest, 3 + 3 from 24 characters up, 1 + 1
    from 12, none below."""
    assert keys.mask("sk-or-v1-3f2a9c") == "sk-or-v1-…"
    assert keys.mask("sk-proj-abcdefghijklmn") == "sk-proj-a…n"
    assert keys.mask("hunter2") == "…"
    assert keys.mask("sk-or-v1- " + "0" * 23) == "sk-or-v1-0…0"  # a blank after the prefix is not counted


@given(st.text(alphabet="abcdef0123456789-_ XYZ", max_size=120), st.sampled_from(["", "sk-or-v1-", "sk-proj-", "sk-"]))
def test_mask_reveals_at_most_six_secret_characters(secret, prefix):
    shown = keys.mask(prefix + secret)
    revealed = shown.replace("…", "", 1)[len(prefix):] if shown.startswith(prefix) else shown.replace("…", "", 1)
    limit = 6 if len(secret.strip()) >= 24 else 2
    assert len(revealed) <= limit, (prefix, len(secret), shown)


def test_redact_masks_every_spelling_and_only_key_shapes():
    key = OR_KEY
    for spelled in (key, key.upper(), key.replace("-", "_"), key.replace("-", "\u2013"), key.replace("-", "%2D"),
                    "".join(f"%{b:02x}" for b in key.encode()), key.replace("-", "\\u002d"), key[9:]):
        out = keys.redact(f"401: key {spelled} rejected")
        assert "ab" * 6 not in out.lower() and out.startswith("401: key ") and out.endswith(" rejected"), out
    assert keys.redact("sk-or-v1-3f2a9c was cut") == "sk-or-v1-… was cut"
    for text in ("task-runner-configuration", "OPENROUTER_API_KEY is not set", "model openai/o3", "sk-learn"):
        assert keys.redact(text) == text
    assert keys.redact(keys.redact(f"x {key}")) == f"x {keys.mask(key)}", "redact is idempotent"


def test_kinds_and_formats():
    assert keys.kind_of(OR_KEY) == "openrouter"
    assert keys.kind_of("sk-proj-" + "a1" * 30 + "T3BlbkFJ" + "b2" * 30) == "openai"
    assert keys.kind_of("hello") is None
    assert keys.openrouter_format_problem(OR_KEY) is None
    assert "60" in keys.openrouter_format_problem(OR_KEY[:-4])
    assert "lower-case hex" in keys.openrouter_format_problem(OR_KEY.upper().replace("SK-OR-V1-", "sk-or-v1-"))


@pytest.mark.parametrize("value", ["your-api-key-here", "<OPENROUTER_API_KEY>", "sk-or-v1-xxxxxxxx", "changeme", "${KEY}", "sk-..."])
def test_placeholders(value):
    assert keys.is_placeholder(value)


def test_real_key_is_not_placeholder_even_with_unlucky_letters():
    key = "sk-proj-" + "todo" * 10 + "T3BlbkFJ" + "fake" * 10
    assert keys.kind_of(key) == "openai" and not keys.is_placeholder(key)


@pytest.mark.parametrize("text,expected", [
    ("A=1\n", "A=1\nB=2\n"),
    ("A=1", "A=1\nB=2"),
    ("A=1\r\nC=3\r\n", "A=1\r\nC=3\r\nB=2\r\n"),
    ("", "B=2\n"),
    ("A=1\r\nC=3", "A=1\r\nC=3\r\nB=2"),
])
def test_append_line_keeps_endings(text, expected):
    e = edits.append_line(Path("x"), text, "B=2")
    assert edits.apply(text, [e]) == expected


def test_append_creates_missing_file():
    e = edits.append_line(Path("x"), None, "B=2")
    assert e.create and edits.apply("", [e]) == "B=2\n"


def test_apply_replaces_exact_code_point_span_on_emoji_line():
    text = "x = '🎉🎉' ; m = 'o3'\r\nnext\r\n"
    col = text.index("o3")
    out = edits.apply(text, [TextEdit(Path("x"), Span(0, col, 0, col + 2), "openai/o3")])
    assert out == "x = '🎉🎉' ; m = 'openai/o3'\r\nnext\r\n"


def test_overlapping_edits_refused():
    with pytest.raises(ValueError):
        edits.apply("abcdef", [TextEdit(Path("x"), Span(0, 0, 0, 3), "z"), TextEdit(Path("x"), Span(0, 2, 0, 4), "y")])


@pytest.mark.parametrize("text", [
    'k = "{key}"\nfrom __future__ import annotations',           # last line has no line end
    '#!/usr/bin/env python\nk = "{key}"\n',
    'from __future__ import annotations\nk = "{key}"\r\n',
    'k = "{key}"',
])
def test_move_key_to_env_inserts_import_os_inside_the_file(tmp_path, text):
    """BYOK301's fix adds ``import os`` on a line of its own, never past the file's last line
    (found by the fix-edit property test: a file whose last line was the __future__ import)."""
    import secrets

    from byok_lsp import edits as edit_helpers
    from byok_lsp.engine import analyze
    from byok_lsp.workspace import Workspace

    (tmp_path / ".git").mkdir()
    key = "sk-or-v1-" + secrets.token_hex(32)
    src = text.format(key=key)
    path = tmp_path / "a.py"
    path.write_text(src, newline="")
    result = analyze(Workspace(tmp_path, environ={}), path)
    [fix] = [x for f in result.findings if f.code == "BYOK301" for x in f.fixes if x.title.startswith("Move")]
    mine = [e for e in fix.edits if e.path == path]
    out = edit_helpers.apply(src, mine)
    lines = out.splitlines()
    assert "import os" in lines, out
    assert 'os.environ["OPENROUTER_API_KEY"]' in out and key not in out
    assert out.replace("import os", "").replace('os.environ["OPENROUTER_API_KEY"]', f'"{key}"').split() == src.split()


@pytest.mark.parametrize("env, expected", [
    ("OPENROUTER_API_KEY=your-key-here\nX=1\n", "OPENROUTER_API_KEY={key}\nX=1\n"),      # a placeholder: filled in
    ('OPENROUTER_API_KEY=""\n', "OPENROUTER_API_KEY={key}\n"),                             # empty, quoted
    ("OPENROUTER_API_KEY=a\nOPENROUTER_API_KEY=\n", "OPENROUTER_API_KEY=a\nOPENROUTER_API_KEY={key}\n"),  # the binding that wins
    ("OPENROUTER_API_KEY={key}\n", "OPENROUTER_API_KEY={key}\n"),                          # already there: .env untouched
    ("X=1", "X=1\nOPENROUTER_API_KEY={key}"),                                              # absent: appended
])
def test_move_key_to_env_updates_an_existing_variable(tmp_path, env, expected):
    """Issue 13 item 4: 'Move the key to .env' fills in the variable .env already has instead of adding
    a second line (a BYOK205 duplicate, and a stale BYOK202 on the first)."""
    import secrets

    from byok_lsp import edits as edit_helpers
    from byok_lsp.engine import analyze
    from byok_lsp.workspace import Workspace

    (tmp_path / ".git").mkdir()
    key = "sk-or-v1-" + secrets.token_hex(32)
    (tmp_path / ".env").write_text(env.format(key=key))
    path = tmp_path / "a.py"
    path.write_text(f'import os\nk = "{key}"\n')
    result = analyze(Workspace(tmp_path, environ={}), path)
    [fix] = [x for f in result.findings if f.code == "BYOK301" for x in f.fixes if x.title.startswith("Move")]
    env_edits = [e for e in fix.edits if e.path == tmp_path / ".env"]
    assert edit_helpers.apply(env.format(key=key), env_edits) == expected.format(key=key)


def test_missing_key_fix_does_not_add_a_variable_env_already_has(tmp_path):
    """BYOK201 on a variable that .env has but leaves empty: 'Add X= to .env' would only append a
    duplicate (BYOK205) that sets nothing, so it is not offered; one that .env lacks still is."""
    from byok_lsp.engine import analyze
    from byok_lsp.workspace import Workspace

    (tmp_path / ".git").mkdir()
    (tmp_path / "app.py").write_text('import os\nfrom openai import OpenAI\n'
                                     'client = OpenAI(base_url="https://openrouter.ai/api/v1", '
                                     'api_key=os.getenv("OPENROUTER_API_KEY"))\n')

    def titles(env: str) -> list[str]:
        (tmp_path / ".env").write_text(env)
        result = analyze(Workspace(tmp_path, environ={}), tmp_path / "app.py")
        return [x.title for f in result.findings if f.code == "BYOK201" for x in f.fixes]

    assert "Add OPENROUTER_API_KEY= to .env" not in titles("OPENROUTER_API_KEY=\n")
    assert "Add OPENROUTER_API_KEY= to .env" in titles("OTHER=1\n")


@pytest.mark.parametrize("env_name", ["OPENROUTER_KEY", "OPEN_ROUTER_API_KEY", "openrouter_api_key", "OPENROUTER_APIKEY"])
def test_missing_key_under_another_spelling_offers_rename_or_read(tmp_path, env_name):
    """BYOK201 when .env holds the OpenRouter key under another spelling of the name the code
    reads (Roo-Code#2445): the message names both, and each fix changes exactly one name."""
    from byok_lsp.engine import analyze
    from byok_lsp.workspace import Workspace

    (tmp_path / ".git").mkdir()
    code = ('import os\nfrom openai import OpenAI\nclient = OpenAI(base_url="https://openrouter.ai/api/v1", '
            'api_key=os.getenv("OPENROUTER_API_KEY"))  # é\n')
    env = f"# keys\r\n{env_name} = '{OR_KEY}'\r\nOTHER=1\r\n"
    (tmp_path / "app.py").write_text(code, encoding="utf-8", newline="")
    (tmp_path / ".env").write_text(env, encoding="utf-8", newline="")
    result = analyze(Workspace(tmp_path, environ={}), tmp_path / "app.py")
    [finding] = [f for f in result.findings if f.code == "BYOK201"]
    assert env_name in finding.message and "OPENROUTER_API_KEY" in finding.message and len(finding.message) <= 140
    assert OR_KEY not in finding.message and finding.data["near_miss"] == env_name
    rename, read = finding.fixes[:2]
    assert rename.title == f"Rename {env_name} to OPENROUTER_API_KEY in .env" and rename.safety.value == "unsafe"
    assert edits.apply(env, [e for e in rename.edits]) == env.replace(env_name, "OPENROUTER_API_KEY", 1)
    assert read.title == f"Read {env_name} here instead"
    assert edits.apply(code, list(read.edits)) == code.replace('"OPENROUTER_API_KEY"', f'"{env_name}"')


def test_a_similar_name_without_an_openrouter_key_is_no_near_miss(tmp_path):
    from byok_lsp.engine import analyze
    from byok_lsp.workspace import Workspace

    (tmp_path / ".git").mkdir()
    (tmp_path / "app.py").write_text('import os\nfrom openai import OpenAI\nclient = OpenAI(base_url="https://openrouter.ai/api/v1", '
                                     'api_key=os.getenv("OPENROUTER_API_KEY"))\n')
    for env in ("OPENROUTER_KEY=your-key-here\n", "OPENROUTER_KEY=sk-proj-abc\n", "OPENROUTER_MODEL=openai/o3\n"):
        (tmp_path / ".env").write_text(env)
        [finding] = [f for f in analyze(Workspace(tmp_path, environ={}), tmp_path / "app.py").findings if f.code == "BYOK201"]
        assert "near_miss" not in finding.data and finding.message.startswith("Set OPENROUTER_API_KEY"), env
