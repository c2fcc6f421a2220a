import re

import pytest

from byok_lsp.catalog import load, lookup_model


@pytest.mark.parametrize("text,slug,form", [
    ("openai/o3", "openai/o3", "openrouter-slug"),
    ("openrouter/openai/o3", "openai/o3", "litellm-openrouter"),
    ("openrouter:openai/o3-pro", "openai/o3-pro", "prefixed-openrouter"),
    ("openai:o3", "openai/o3", "prefixed-openai"),
    ("o3", "openai/o3", "bare"),
    ("openai/o3-2025-04-16", "openai/o3", "openrouter-slug"),
    ("openai/o3:nitro", "openai/o3", "openrouter-slug"),
    ("openai/gpt-5", "openai/gpt-5", "openrouter-slug"),
    ("openai/o3-mini-high", "openai/o3-mini", "openrouter-slug"),
])
def test_lookup_forms(text, slug, form):
    m = lookup_model(text)
    assert m is not None and m.entry.slug == slug and m.form == form


@pytest.mark.parametrize("text", ["o3_score", "openai/o3 is great", "anthropic/claude-3", "", "o", "openai/o33"])
def test_lookup_rejects(text):
    assert lookup_model(text) is None


def test_every_entry_carries_date_and_source_status():
    cat = load()
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", cat.as_of)
    for m in cat.models:
        assert m.byok in ("required", "no", "unknown")
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", m.checked)
        assert m.sources, m.slug
    assert cat.model("openai/o3").gated and not cat.model("openai/o3-mini").gated
    for alt in cat.model("openai/o3").alternatives:
        assert not cat.model(alt).gated


def test_access_rule_reachability():
    rule = load().model("openai/o3").access
    assert rule.reachable(4, None) is True
    assert rule.reachable(2, True) is True
    assert rule.reachable(2, False) is False
    assert rule.reachable(None, None) is None


@pytest.mark.parametrize("text,err_id", [
    ('{"error":{"message":"OpenAI is requiring a key to access this model, which you can add in https://openrouter.ai/settings/integrations - you can also switch to o3-mini.","code":403}}', "byok-required"),
    ("Insufficient credits. This account never purchased credits.", "no-credits"),
    ("Your organization must be verified to stream this model.", "stream-unverified"),
    ("The model `o3` does not exist or you do not have access to it.", "model-not-found"),
    ("401 No auth credentials found", "no-auth"),
])
def test_error_signatures(text, err_id):
    assert load().match_error(text).id == err_id


def test_steps_and_links_are_https():
    cat = load()
    for url in list(cat.links.values()) + [s.url for s in cat.steps.values()]:
        assert url.startswith("https://")
