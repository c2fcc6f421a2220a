from pathlib import Path

import pytest

from byok_lsp.config import ConfigError, parse_config


def test_pyproject_table_parsed_with_lines():
    text = '[project]\nname = "x"\n\n[tool.byok-lsp]\nbyok = ["openai"]\nopenai-tier = 3\nopenai-verified = true\nignore = ["BYOK104"]\n[tool.byok-lsp.per-file-ignores]\n"tests/*" = ["BYOK301"]\n'
    cfg = parse_config(Path("pyproject.toml"), text)
    assert cfg.byok == {"openai"} and cfg.openai_tier == 3 and cfg.openai_verified is True
    assert cfg.key_lines["openai-tier"] == 5
    assert not cfg.enabled("BYOK104") and cfg.enabled("BYOK101")
    assert not cfg.enabled("BYOK301", "tests/test_x.py") and cfg.enabled("BYOK301", "src/x.py")


def test_pyproject_without_table_is_none():
    assert parse_config(Path("pyproject.toml"), "[project]\nname='x'\n") is None


@pytest.mark.parametrize("text,key,line", [
    ('openai-tier = "four"\n', "openai-tier", 0),
    ('byok = ["openai"]\n\nopenai-tier = 9\n', "openai-tier", 2),
    ('byok = ["anthropic"]\n', "byok", 0),
    ('typo-key = 1\n', "typo-key", 0),
    ('select = ["E501"]\n', "select", 0),
    ('byok = [\n', "(syntax)", 0),
])
def test_invalid_config_names_file_line_key(text, key, line):
    with pytest.raises(ConfigError) as exc:
        parse_config(Path(".byok-lsp.toml"), text)
    assert exc.value.key == key
    assert exc.value.line == line
    assert str(exc.value).startswith(".byok-lsp.toml:")
