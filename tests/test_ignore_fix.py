""""Ignore BYOKnnn in this project": the editor's fix that adds a rule to the ``ignore`` list of
the config serving the file, editing only where the code goes and never an invalid config."""

from __future__ import annotations

from pathlib import Path

import pytest

from byok_lsp import edits
from byok_lsp.config import parse_config
from byok_lsp.engine import analyze
from byok_lsp.workspace import Workspace

APP = ('import os\nfrom openai import OpenAI\nclient = OpenAI(base_url="https://openrouter.ai/api/v1", '
       'api_key=os.environ["OPENROUTER_API_KEY"])\n')  # BYOK201: no .env sets the key


def _ignore_fix(root: Path):
    (root / ".git").mkdir(exist_ok=True)
    (root / ".env").write_text("OTHER=1\n")
    (root / "app.py").write_text(APP)
    result = analyze(Workspace(root, environ={}), root / "app.py")
    [finding] = [f for f in result.findings if f.code == "BYOK201"]
    return next((x for x in finding.fixes if x.title.startswith("Ignore ")), None)


@pytest.mark.parametrize("name,text,expected", [
    (".byok-lsp.toml", "", 'ignore = ["BYOK201"]\n'),
    (".byok-lsp.toml", 'ignore = []\n', 'ignore = ["BYOK201"]\n'),
    (".byok-lsp.toml", 'select = ["BYOK"]\r\nignore = [ "BYOK104" ]  # noisy\r\n\r\n[roles]\r\nfixture = ["x/**"]\r\n',
     'select = ["BYOK"]\r\nignore = ["BYOK201",  "BYOK104" ]  # noisy\r\n\r\n[roles]\r\nfixture = ["x/**"]\r\n'),
    ("pyproject.toml", '[project]\nname = "x"\n\n[tool.byok-lsp]\nignore = [\n  "BYOK104",  # tier: recorded elsewhere\n  "BYOK105",\n]\n',
     '[project]\nname = "x"\n\n[tool.byok-lsp]\nignore = ["BYOK201",\n  "BYOK104",  # tier: recorded elsewhere\n  "BYOK105",\n]\n'),
    ("pyproject.toml", '[tool.byok-lsp]\nbyok = ["openai"]\n', '[tool.byok-lsp]\nignore = ["BYOK201"]\nbyok = ["openai"]\n'),
])
def test_the_code_joins_the_ignore_list_and_nothing_else_changes(tmp_path, name, text, expected):
    (tmp_path / name).write_text(text, newline="")
    fix = _ignore_fix(tmp_path)
    assert fix is not None and fix.title == f"Ignore BYOK201 in this project ({name})" and fix.safety.value == "unsafe"
    assert {e.path for e in fix.edits} == {tmp_path / name}
    after = edits.apply(text, list(fix.edits))
    assert after == expected
    assert "BYOK201" in parse_config(tmp_path / name, after).ignore
    (tmp_path / name).write_text(after, newline="")
    assert not [f for f in analyze(Workspace(tmp_path, environ={}), tmp_path / "app.py").findings if f.code == "BYOK201"]


def test_without_a_config_one_is_created(tmp_path):
    fix = _ignore_fix(tmp_path)
    assert fix is not None and fix.title == "Ignore BYOK201 in this project (.byok-lsp.toml)"
    [edit] = fix.edits
    assert edit.path == tmp_path / ".byok-lsp.toml" and edit.create and edit.new_text == 'ignore = ["BYOK201"]\n'


@pytest.mark.parametrize("name,text", [
    (".byok-lsp.toml", 'ignore = ["BYOK201"\n'),                  # invalid: a text edit could make it worse
    ("pyproject.toml", 'tool.byok-lsp.ignore = ["BYOK104"]\n'),   # a layout the edit does not know
])
def test_no_fix_where_the_edit_cannot_be_trusted(tmp_path, name, text):
    (tmp_path / name).write_text(text)
    assert _ignore_fix(tmp_path) is None
