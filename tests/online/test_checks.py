"""Each check against the documented answers (fixtures), unexpected shapes, the cache, and the probes."""

from __future__ import annotations

import asyncio
import hashlib
import json

import pytest

from byok_lsp.findings import Confidence
from byok_lsp.verify import checks, probe
from byok_lsp.verify.cache import RESULTS, TtlCache, fingerprint
from byok_lsp.verify.http import Api

from .conftest import OPENAI_KEY, OR_KEY, OR_KEY_2, fast_config
from .fakeapi import FIXTURES, fixture, json_reply


def run(api, fn, *args):
    async def go():
        async with Api(fast_config(api)) as client:
            return await fn(client, *args)

    return asyncio.run(go())


# ----- OpenRouter /key ---------------------------------------------------------------------------
@pytest.mark.parametrize("name,status", [
    ("key-200-paid", "ok"), ("key-200-legacy", "ok"), ("key-200-free-tier", "free-tier"),
    ("key-200-limit-exhausted", "limit-reached"), ("key-401-missing-auth", "invalid-key"),
    ("key-401-no-credentials", "invalid-key"),
])
def test_openrouter_key_fixtures(api, name, status):
    api.route("GET", "/api/v1/key", fixture(f"openrouter/{name}"))
    result = run(api, checks.check_openrouter_key, OR_KEY)
    assert result.status == status
    assert result.confidence is Confidence.VERIFIED
    assert result.checked_at.endswith("Z") and "T" in result.checked_at
    assert OR_KEY not in result.detail and OR_KEY not in repr(result)


@pytest.mark.parametrize("body,status", [
    ({"data": {}}, "ok"),  # every field missing: valid key, nothing more known
    ({"data": {"is_free_tier": "yes", "limit_remaining": "0"}}, "ok"),  # wrong types are ignored, not trusted
    ({"data": {"limit_remaining": -0.5, "limit": 5}}, "limit-reached"),
    ({"data": []}, "unverified"),
    ([{"data": {}}], "unverified"),  # a list instead of an object
    ({"label": "x"}, "unverified"),
    ("just a string", "unverified"),
])
def test_openrouter_key_unexpected_shapes(api, body, status):
    api.route("GET", "/api/v1/key", json_reply(body))
    result = run(api, checks.check_openrouter_key, OR_KEY)
    assert result.status == status


def test_legacy_shape_says_what_is_unknown(api):
    api.route("GET", "/api/v1/key", json_reply({"data": {"label": "sk-or-v1-116...0ce", "limit": 5}}))
    result = run(api, checks.check_openrouter_key, OR_KEY)
    assert result.ok and "did not say whether the account has bought credits" in result.detail


# ----- OpenAI /models/{id} -----------------------------------------------------------------------
@pytest.mark.parametrize("name,status", [
    ("model-o3-200", "ok"), ("model-o3-404-no-access", "no-access"), ("401-invalid-key", "invalid-key"),
    ("chat-404-org-must-be-verified", "no-access"),
])
def test_openai_model_fixtures(api, name, status):
    api.route("GET", "/v1/models/o3", fixture(f"openai/{name}"))
    result = run(api, checks.check_openai_model, OPENAI_KEY, "o3")
    assert result.status == status
    assert result.subject.startswith("sk-proj-") and OPENAI_KEY not in result.detail
    assert api.hits[0].headers["authorization"] == f"Bearer {OPENAI_KEY}"


def test_openai_model_unexpected(api):
    api.route("GET", "/v1/models/o3", json_reply(["o3"]))
    assert run(api, checks.check_openai_model, OPENAI_KEY, "o3").unverified
    api.route("GET", "/v1/models/o3", json_reply({"error": "gone"}, 404))
    assert run(api, checks.check_openai_model, OPENAI_KEY, "o3").unverified  # a 404 that is not model_not_found


def test_server_text_is_scrubbed_of_keys(api):
    api.route("GET", "/v1/models/o3", json_reply({"error": {"message": f"Incorrect API key provided: {OPENAI_KEY}",
                                                             "code": "invalid_api_key"}}, 401))
    result = run(api, checks.check_openai_model, OPENAI_KEY, "o3")
    assert result.status == "invalid-key" and OPENAI_KEY not in result.detail and "sk-proj-" in result.detail


# ----- OpenRouter /byok ----------------------------------------------------------------------------
@pytest.mark.parametrize("name,slug,status", [
    ("byok-200-openai-registered", "openai/o3", "ok"),
    ("byok-200-empty", "openai/o3", "not-registered"),
    ("byok-200-openai-restricted", "openai/o3", "filtered"),
    ("byok-200-openai-restricted", "openai/gpt-4.1", "ok"),
])
def test_byok_fixtures(api, name, slug, status):
    api.route("GET", "/api/v1/byok", fixture(f"openrouter/{name}"))
    listing = run(api, checks.fetch_byok, OR_KEY)
    assert checks.evaluate_byok(listing, slug).status == status
    assert api.hits[0].query == "provider=openai"


def test_byok_disabled_and_dated_allowed_models():
    listing = checks.ByokListing((checks.ByokKey("k", True, None),), checks.now_iso())
    assert checks.evaluate_byok(listing, "openai/o3").status == "disabled"
    listing = checks.ByokListing((checks.ByokKey("k", False, ("openai/o3-2025-04-16",)),), checks.now_iso())
    assert checks.evaluate_byok(listing, "openai/o3").ok
    listing = checks.ByokListing((checks.ByokKey("k", False, ("openai/o3-mini",)),), checks.now_iso())
    assert checks.evaluate_byok(listing, "openai/o3").status == "filtered"


@pytest.mark.parametrize("reply,reason", [
    (fixture("openrouter/credits-403-not-management-key"), "not a management key"),
    (fixture("openrouter/key-401-no-credentials"), "rejects the management key"),
    (json_reply({"data": {"provider": "openai"}}), "unexpected shape"),
    (json_reply({"data": ["openai"]}), "unexpected shape"),
])
def test_byok_failures(api, reply, reason):
    api.route("GET", "/api/v1/byok", reply)
    result = run(api, checks.fetch_byok, OR_KEY)
    assert isinstance(result, checks.CheckResult) and result.unverified and reason in result.detail


# ----- OpenRouter /models ------------------------------------------------------------------------
def test_model_listing(api):
    api.route("GET", "/api/v1/models", fixture("openrouter/model-o3-entry"))
    listing = run(api, checks.fetch_models)
    assert checks.evaluate_listing(listing, "openai/o3", "required").ok
    assert checks.evaluate_listing(listing, "openai/o3-mini", "no").ok
    assert checks.evaluate_listing(listing, "openai/gpt-5", "required").status == "not-listed"
    assert listing.prices["openai/o3"] == (0.000002, 0.000008)


def test_model_listing_without_byok_note_means_catalogue_outdated(api):
    doc = json.loads((FIXTURES / "openrouter/model-o3-entry.json").read_text())
    doc["body"]["data"][0]["description"] = "o3 is a well-rounded and powerful model across domains."
    api.route("GET", "/api/v1/models", json_reply(doc["body"]))
    listing = run(api, checks.fetch_models)
    result = checks.evaluate_listing(listing, "openai/o3", "required")
    assert result.status == "byok-not-mentioned" and result.confidence is Confidence.LIKELY
    assert checks.evaluate_listing(listing, "openai/o3-mini", "unknown").status == "byok-not-mentioned"


# ----- cache ---------------------------------------------------------------------------------------
def test_results_are_cached_by_salted_key_hash(api):
    api.route("GET", "/api/v1/key", fixture("openrouter/key-200-paid"))
    run(api, checks.check_openrouter_key, OR_KEY)
    run(api, checks.check_openrouter_key, OR_KEY)
    assert len(api.hits) == 1
    run(api, checks.check_openrouter_key, OR_KEY_2)
    assert len(api.hits) == 2
    stored = repr(RESULTS._items)
    assert OR_KEY not in stored and OR_KEY_2 not in stored
    assert hashlib.sha256(OR_KEY.encode()).hexdigest()[:32] not in stored  # salted, not a plain hash
    assert fingerprint(OR_KEY) == fingerprint(OR_KEY) != fingerprint(OR_KEY_2)


def test_unverified_results_are_not_cached(api):
    api.route("GET", "/api/v1/key", json_reply({}, 500), fixture("openrouter/key-200-paid"))
    assert run(api, checks.check_openrouter_key, OR_KEY).unverified
    assert run(api, checks.check_openrouter_key, OR_KEY).ok


def test_ttl_expires():
    now = [0.0]
    cache = TtlCache(clock=lambda: now[0])
    cache.put(("a",), 1)
    assert cache.get(("a",), ttl=10) == 1
    now[0] = 11
    assert cache.get(("a",), ttl=10) is None and len(cache) == 0


# ----- paid probes ---------------------------------------------------------------------------------
@pytest.mark.parametrize("name,status", [
    ("openrouter/chat-403-byok-required-o3", "byok-missing"),
    ("openrouter/chat-403-byok-required-gpt5", "byok-missing"),
    ("openrouter/chat-402-never-purchased", "no-credits"),
    ("openrouter/chat-400-stream-unverified-org", "org-cannot-use"),
    ("openrouter/key-401-no-credentials", "invalid-key"),
])
def test_openrouter_probe(api, name, status):
    api.route("POST", "/api/v1/chat/completions", fixture(name))
    result = run(api, probe.probe_openrouter, OR_KEY, "openai/o3")
    assert result.status == status
    sent = json.loads(api.hits[0].body)
    assert sent["max_tokens"] == 1 and sent["model"] == "openai/o3" and sent["stream"] is False


def test_openrouter_probe_success_and_no_retry_after_it_may_have_run(api):
    api.route("POST", "/api/v1/chat/completions", json_reply({"id": "gen-1", "choices": [{"message": {"content": "p"}}]}))
    assert run(api, probe.probe_openrouter, OR_KEY, "openai/o3").ok
    api.hits.clear()
    api.route("POST", "/api/v1/chat/completions", json_reply({"error": {"message": "bad gateway"}}, 502))
    assert run(api, probe.probe_openrouter, OR_KEY, "openai/o3").unverified
    assert len(api.hits) == 1  # a paid request is never repeated after a 5xx


def test_tier_estimate_from_every_row_of_the_table():
    table = json.loads((FIXTURES / "openai/o3-rate-limit-headers-by-tier.json").read_text())["tiers"]
    for tier, headers in table.items():
        assert probe.estimate_tier(headers)[0] == int(tier)
    assert probe.estimate_tier({"x-ratelimit-limit-tokens": "1000000"})[0] == 3
    assert "not an exact match" in probe.estimate_tier({"x-ratelimit-limit-tokens": "1000000"})[1]
    assert probe.estimate_tier({}) is None


def test_openai_tier_probe_labels_an_estimate(api):
    table = json.loads((FIXTURES / "openai/o3-rate-limit-headers-by-tier.json").read_text())["tiers"]
    api.route("POST", "/v1/chat/completions", json_reply({"id": "x", "choices": []}, headers=table["2"]))
    result = run(api, probe.probe_openai_tier, OPENAI_KEY, "o3")
    assert result.ok and result.data["tier_estimate"] == 2 and result.data["estimate"] is True
    assert "ESTIMATE" in result.detail and "below" in result.detail
    assert result.confidence is Confidence.LIKELY
    assert json.loads(api.hits[0].body)["max_completion_tokens"] == 1


def test_cost_statement_names_the_cost():
    text = probe.cost_statement("openai/o3")
    assert "ONE real chat request" in text and "max_tokens 1" in text and "confirmed: true" in text
    listing = checks.ModelListing({"openai/o3": ""}, {"openai/o3": (0.000002, 0.000008)}, checks.now_iso())
    assert "$0.000048" in probe.cost_statement("openai/o3", listing)
