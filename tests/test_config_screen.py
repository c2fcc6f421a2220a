"""lang_config's offset screen skips only scalars that ``lang_text.screened_out`` would screen out
without recording anything: the facts are the same with and without it."""

from __future__ import annotations

import bisect
import random
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from byok_lsp.parsing import code, lang_config, lang_text
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


def _cold_but_matters(language: str, text: str) -> list[bytes]:
    """Scalars the screen skips although screened_out would look at them or record an error."""
    src = Source(text)
    c = Collector(src, language)
    hot = lang_config._hot_offsets(c)
    hits = c.cache["error_hits"]
    wrong = []
    for node in captures(language, lang_config._QUERIES[language], parse(language, src.data).root_node).get("value", ()):
        s, e, _ = lang_config.content(node, language)
        i = bisect.bisect_left(hot, s - lang_config._BEFORE)
        cold = e <= s or ((i == len(hot) or hot[i] >= e) and src.data[s] not in lang_config._ENV_FIRST)
        j = bisect.bisect_left(hits, s)
        if cold and e > s and (lang_text.might_matter(c, s, e) or (j < len(hits) and hits[j] < e)):
            wrong.append(src.data[s:e])
    return wrong


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(ROOT)) for p in FILES])
def test_repository_configs(path: Path, monkeypatch):
    text = path.read_text(encoding="utf-8", errors="replace")
    language = LANGS[path.suffix]
    assert not _cold_but_matters(language, text)
    _same_with_and_without(language, text, monkeypatch)


@pytest.mark.parametrize("ext", [".yaml", ".json"])
def test_generated_configs(ext: str, monkeypatch):
    rng = random.Random(7)
    for hit in (None, "openrouter", "other") * 4:
        text = gen_tree.make_file(ext, rng, hit)
        assert not _cold_but_matters(LANGS[ext], text)
        _same_with_and_without(LANGS[ext], text, monkeypatch)


# Words that make a scalar matter, or nearly: needles, model ids, env/path before a value,
# upper-case names, URLs, interpolations, error texts, keys.
WORDS = ["openai/o3", "o3", "o3-pro", "O3", "openrouter/openai/o3", "MODEL", "model", "Model", "engine", "env", "env_file",
         "path", "PATH", "OPENROUTER_API_KEY", "api_key_env", "env_key", "LOG_LEVEL", "_X", "${MODEL:-openai/o3}", "$HOME",
         "os.environ/OPENROUTER_API_KEY", "https://openrouter.ai/api/v1", "api.openai.com", "base_url", "apiBase",
         "provider", "openrouter", "OpenAI", "stream", "true", "--model", "-m", "dotenv", "x", "name", "value", "1",
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


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(tree=_trees, as_json=st.booleans())
def test_property_same_facts(tree, as_json: bool, monkeypatch):
    language, text = ("json", _json(tree)) if as_json else ("yaml", _yaml(tree))
    assert not _cold_but_matters(language, text)
    _same_with_and_without(language, text, monkeypatch)
