"""lang_config's offset screen skips only scalars for which ``_value`` records nothing: the facts
are the same with and without it."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from byok_lsp.parsing import code, lang_config
from byok_lsp.parsing.treesitter import Collector, Source, captures, parse

ROOT = Path(__file__).resolve().parent.parent
LANGS = {".yaml": "yaml", ".yml": "yaml", ".json": "json", ".toml": "toml"}
FILES = sorted(p for folder in (ROOT / "tests", ROOT / "examples") for p in folder.rglob("*")
               if p.suffix in LANGS and p.is_file() and "node_modules" not in p.parts and p.stat().st_size < 2_000_000)

sys.path.insert(0, str(ROOT / "bench"))
import gen_tree  # noqa: E402


def _facts(language: str, text: str, screen: bool, monkeypatch):
    monkeypatch.setattr(lang_config, "SCREEN", screen)
    return code.extract(language, text, skip_prefilter=True)


def _same_with_and_without(language: str, text: str, monkeypatch) -> None:
    assert _facts(language, text, True, monkeypatch) == _facts(language, text, False, monkeypatch)


def _skipped_but_matters(language: str, text: str) -> list[bytes]:
    """Scalars the screen skips although ``_value`` alone would record a fact for them."""
    src = Source(text)
    root = parse(language, src.data).root_node
    values = captures(language, lang_config._QUERIES[language], root).get("value", ())
    screen = lang_config._offsets(Collector(src, language))
    warm = {(n.start_byte, n.end_byte) for n, _ in lang_config._warm(Collector(src, language), language, root, values, *screen)}
    wrong = []
    for node in values:
        if (node.start_byte, node.end_byte) in warm:
            continue
        alone = Collector(src, language)
        lang_config._value(alone, language, node)
        facts = alone.finish()
        if facts.models or facts.env_reads or facts.signals or facts.secrets or facts.error_texts or facts.dotenv_paths:
            wrong.append(src.data[node.start_byte:node.end_byte])
    return wrong


def test_keyed_keys_hold_a_key_needle():
    assert all(lang_config._KEY_NEEDLE.decode() in k for k in lang_config._KEYED)


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(ROOT)) for p in FILES])
def test_repository_configs(path: Path, monkeypatch):
    text = path.read_text(encoding="utf-8", errors="replace")
    language = LANGS[path.suffix]
    assert not _skipped_but_matters(language, text)
    _same_with_and_without(language, text, monkeypatch)


@pytest.mark.parametrize("ext", [".yaml", ".json"])
def test_generated_configs(ext: str, monkeypatch):
    rng = random.Random(7)
    for hit in (None, "openrouter", "other") * 4:
        text = gen_tree.make_file(ext, rng, hit)
        assert not _skipped_but_matters(LANGS[ext], text)
        _same_with_and_without(LANGS[ext], text, monkeypatch)


# A fact given by the key alone, in each shape: the screen must look under these keys.
KEYED = [
    ("yaml", "services:\n  app:\n    env_file: x\n    image: foo\n"),
    ("yaml", "services:\n  app:\n    env_file:\n      - a\n      - " + "b" * 60 + "\n"),
    ("yaml", "app:\n  env_file:\n    - path: ./conf/x\n      required: false\n"),
    ("yaml", "providers:\n  - name: r\n    env_key: MY_KEY\n    Api_Key_Env: OTHER_KEY\n"),
    ("yaml", "app:\n  environment:\n    - env_var=MY_KEY\n"),
    ("json", '{"providers": {"r": {"envKey": "A", "envkey": "MY_KEY", "api_key_env_var": "K"}}}'),
    ("json", '{"env_file": ["a", "b"], "x": {"env_file": {"path": "c"}}}'),
    ("toml", '[model_providers.r]\nenv_key = "MY_KEY"\n\n[env_file]\npath = "x"\n\n[a]\nenv.env_file = "y"\n'),
]


@pytest.mark.parametrize("language,text", KEYED)
def test_keyed_values(language: str, text: str, monkeypatch):
    assert not _skipped_but_matters(language, text)
    _same_with_and_without(language, text, monkeypatch)
    facts = _facts(language, text, True, monkeypatch)
    assert facts.dotenv_paths or facts.env_reads


# Words that make a scalar matter, or nearly: needles, model ids, env/path before a value,
# upper-case names, URLs, interpolations, error texts, keys.
WORDS = ["openai/o3", "o3", "o3-pro", "O3", "openrouter/openai/o3", "MODEL", "model", "Model", "engine", "env", "env_file",
         "path", "PATH", "OPENROUTER_API_KEY", "api_key_env", "env_key", "LOG_LEVEL", "_X", "${MODEL:-openai/o3}", "$HOME",
         "os.environ/OPENROUTER_API_KEY", "https://openrouter.ai/api/v1", "api.openai.com", "base_url", "apiBase",
         "provider", "openrouter", "api_key_env", "envkey", "env_var", "MY_KEY", "./x.env", "Env_File", "EnV_KeY", "y", "OpenAI", "stream", "true", "--model", "-m", "dotenv", "x", "name", "value", "1",
         "OpenAI is requiring a key to access this model", "sk-or-v1-" + "ab12" * 16, "t3blbkfj", "@openrouter/ai-sdk"]


def _yaml(tree) -> str:
    def render(node, indent: str) -> str:
        if isinstance(node, dict):
            return "".join(f"\n{indent}{k}:{render(v, indent + '  ')}" for k, v in node.items())
        if isinstance(node, list):
            return "".join(f"\n{indent}-{render(v, indent + '  ')}" for v in node)
        return " " + node
    return render(tree, "").lstrip("\n") + "\n"


def _json(tree) -> str:
    import json

    return json.dumps(tree, indent=1)


_scalars = st.sampled_from(WORDS) | st.lists(st.sampled_from(WORDS), min_size=2, max_size=4).map(" ".join)
_trees = st.recursive(_scalars, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(st.sampled_from(WORDS), inner, max_size=4), max_leaves=25)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(tree=_trees, as_json=st.booleans())
def test_property_same_facts(tree, as_json: bool, monkeypatch):
    language, text = ("json", _json(tree)) if as_json else ("yaml", _yaml(tree))
    assert not _skipped_but_matters(language, text)
    _same_with_and_without(language, text, monkeypatch)
