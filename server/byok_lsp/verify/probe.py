"""The PAID probes: one minimal chat request, only on an explicit, confirmed request by the user.

Nothing in byok-lsp calls these on its own. ``cost_statement`` says what a probe costs before it
runs; the LSP command refuses to run without ``confirmed: true``. Technique after
cunnymessiah/keychecker (GitHub), applied only to the user's own key and only when asked.
"""

from __future__ import annotations

from .. import keys
from ..catalog import load as load_catalog
from ..findings import Confidence
from .checks import OK, CheckResult, ModelListing, now_iso, scrub, unexpected, unverified
from .http import Api

PROMPT = "ping"
# OpenAI's o3 limits per usage tier (x-ratelimit-limit-requests, x-ratelimit-limit-tokens).
# From OpenAI's o3 model page (platform.openai.com/docs/models/o3, read through a repost); the same
# values as tests/online/fixtures/openai/o3-rate-limit-headers-by-tier.json.
O3_TIER_LIMITS = {1: (500, 30_000), 2: (5_000, 450_000), 3: (5_000, 800_000), 4: (10_000, 2_000_000),
                  5: (10_000, 30_000_000)}


def cost_statement(slug: str, listing: ModelListing | None = None) -> str:
    """What one probe costs, in words, before anything is sent."""
    price = listing.prices.get(slug.lower()) if listing else None
    if price:
        dollars = 20 * price[0] + 1 * price[1]  # ~20 prompt tokens with the chat template, 1 output token
        estimate = f"about ${dollars:.6f} at OpenRouter's list price"
    else:
        estimate = "well under $0.001 at list prices"
    return (f"This sends ONE real chat request to {slug} through OpenRouter with your OpenRouter key: the prompt "
            f"'{PROMPT}' and max_tokens 1 ({estimate}). If BYOK works, OpenAI bills your OpenAI key for it and "
            f"OpenRouter takes its BYOK fee (5% of the list price) from your credits; if BYOK is missing it fails "
            f"with 403 and costs nothing. If an OpenAI key is in the project, one more request with "
            f"max_completion_tokens 1 goes to OpenAI directly to read the rate-limit headers (tier estimate). "
            f"Run it again with confirmed: true to proceed.")


async def probe_openrouter(api: Api, key: str, slug: str) -> CheckResult:
    """One non-streaming chat request with max_tokens 1. Never retried once it may have run."""
    check, subject = "openrouter-probe", slug
    body = {"model": slug, "messages": [{"role": "user", "content": PROMPT}], "max_tokens": 1, "stream": False}
    reply = await api.request("openrouter", "POST", "/chat/completions", key=key, json_body=body, idempotent=False)
    data = {"model": slug, "key": keys.mask(key)}
    if reply.failure is not None:
        return unverified(check, reply.failure, subject, **data)
    message = reply.error_message()
    raw = ""
    err = reply.body.get("error") if isinstance(reply.body, dict) else None
    if isinstance(err, dict) and isinstance(err.get("metadata"), dict):
        raw = str(err["metadata"].get("raw") or "")
    text = f"{message} {raw}".lower()
    status = reply.status
    if status == 200 and isinstance(reply.body, dict) and "error" not in reply.body:
        return CheckResult(check, OK, f"a real request to {slug} through OpenRouter succeeded: BYOK works",
                           now_iso(), subject=subject, data=data)
    if status == 403 and "requiring a key to access this model" in text:
        return CheckResult(check, "byok-missing", f"OpenRouter answered 403 '{scrub(message, 160)}': no OpenAI key "
                           f"is registered for BYOK", now_iso(), subject=subject, data=data)
    if status == 402:
        return CheckResult(check, "no-credits", f"OpenRouter answered 402 '{scrub(message, 160)}'", now_iso(),
                           subject=subject, data=data)
    if status in (400, 404) and "must be verified" in text:
        return CheckResult(check, "org-cannot-use", f"OpenAI, through BYOK, answered '{scrub(raw or message, 200)}'",
                           now_iso(), subject=subject, data={**data, "needs": "verification"})
    if status == 401:
        return CheckResult(check, "invalid-key", f"OpenRouter rejects this key ({scrub(message, 120) or 401})",
                           now_iso(), subject=subject, data=data)
    return unverified(check, unexpected(reply, "OpenRouter /chat/completions"), subject, **data)


def estimate_tier(headers: dict[str, str]) -> tuple[int, str] | None:
    """(tier, basis) from an o3 answer's x-ratelimit-limit-* headers; None without them."""
    def num(name: str) -> int | None:
        try:
            return int(float(headers.get(name, "").replace(",", "")))
        except ValueError:
            return None

    rpm, tpm = num("x-ratelimit-limit-requests"), num("x-ratelimit-limit-tokens")
    if rpm is None and tpm is None:
        return None
    for tier, (r, t) in O3_TIER_LIMITS.items():
        if (rpm, tpm) == (r, t):
            return tier, f"RPM {rpm} and TPM {tpm} match tier {tier}'s published o3 limits"
    if tpm is not None:  # tokens separate the tiers best; take the highest tier whose TPM is reached
        tier = max([t for t, (_, limit) in O3_TIER_LIMITS.items() if tpm >= limit], default=1)
        return tier, f"TPM {tpm} is closest to tier {tier}'s published o3 limit (not an exact match)"
    tier = max([t for t, (limit, _) in O3_TIER_LIMITS.items() if rpm >= limit], default=1)
    return tier, f"RPM {rpm} is closest to tier {tier}'s published o3 limit (not an exact match)"


async def probe_openai_tier(api: Api, key: str, openai_id: str) -> CheckResult:
    """One direct OpenAI request (max_completion_tokens 1); its rate-limit headers → tier ESTIMATE."""
    check = "openai-probe"
    body = {"model": openai_id, "messages": [{"role": "user", "content": PROMPT}], "max_completion_tokens": 1}
    reply = await api.request("openai", "POST", "/chat/completions", key=key, json_body=body, idempotent=False)
    data = {"model": openai_id, "key": keys.mask(key)}
    if reply.failure is not None:
        return unverified(check, reply.failure, openai_id, **data)
    if reply.status == 401:
        return CheckResult(check, "invalid-key", f"OpenAI rejects this key ({scrub(reply.error_message(), 120)})",
                           now_iso(), subject=openai_id, data=data)
    est = estimate_tier(reply.headers)
    if est is None:
        return unverified(check, f"OpenAI's answer (HTTP {reply.status}) carried no rate-limit headers", openai_id, **data)
    tier, basis = est
    rule = next((m.access for m in load_catalog().models if m.openai_id == openai_id), None)
    reach = ""
    if rule is not None and rule.min_tier > 1:
        reach = (f"; {openai_id} needs tier {rule.min_tier}" + (" or a verified organisation" if rule.verified_unlocks else "")
                 + (" — this estimate is below that" if tier < rule.min_tier else ""))
    return CheckResult(check, OK, f"usage tier ESTIMATE: {tier} ({basis}){reach}", now_iso(), Confidence.LIKELY,
                       openai_id, {**data, "tier_estimate": tier, "basis": basis, "estimate": True})
