"""The free, read-only online checks. Each turns one HTTP answer into a ``CheckResult``.

Three outcomes, never collapsed (as trufflehog's verifiers do: valid, invalid, indeterminate):
``ok`` (verified fine), a named problem (verified, or likely when the API's answer admits more
than one cause), and ``unverified`` with the reason — a timeout or a 502 is never reported as
"invalid key". Shapes and texts: the recorded answers in tests/online/fixtures/ (their README
names each one's source; the rules' docs in docs/rules/ link the API pages).
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from urllib.parse import quote

from .. import keys
from ..findings import Confidence
from .cache import RESULTS, fingerprint
from .http import Api, Reply

UNVERIFIED = "unverified"
OK = "ok"
_BYOK_NOTE = re.compile(r"BYOK is required|bring(?:ing)? your own (?:API )?key", re.IGNORECASE)


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


@dataclass(frozen=True)
class CheckResult:
    check: str  # "openrouter-key", "openai-model", "byok-registration", "model-listing", "*-probe"
    status: str  # OK, UNVERIFIED, or the problem ("invalid-key", "free-tier", "no-access"...)
    detail: str  # one sentence for people; never a key
    checked_at: str  # ISO 8601, UTC
    confidence: Confidence = Confidence.VERIFIED
    subject: str = ""  # what was checked: a masked key or a model slug
    data: dict = field(default_factory=dict, compare=False)

    @property
    def ok(self) -> bool:
        return self.status == OK

    @property
    def unverified(self) -> bool:
        return self.status == UNVERIFIED

    @property
    def problem(self) -> bool:
        return not (self.ok or self.unverified)


def scrub(text: str, limit: int = 240) -> str:
    """Server text made safe to show: anything key-shaped masked, newlines flattened, cut short."""
    text = keys.redact(text or "")
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def unverified(check: str, reason: str, subject: str = "", **data) -> CheckResult:
    return CheckResult(check, UNVERIFIED, f"could not verify: {reason}", now_iso(), Confidence.UNKNOWN,
                       subject, {"reason": reason, **data})


def unexpected(reply: Reply, what: str) -> str:
    """Why a reply that is neither success nor a known error gives no answer."""
    if reply.failure:
        return reply.failure
    status = reply.status or 0
    message = scrub(reply.error_message(), 120)
    tail = f": {message}" if message else ""
    if 300 <= status < 400:
        return f"{what} answered with a redirect (HTTP {status}), which byok-lsp never follows"
    if status >= 500:
        return f"{what} had a server error (HTTP {status}){tail}"
    if status == 429:
        return f"{what} is rate limiting (HTTP 429){tail}"
    return f"unexpected HTTP {status} from {what}{tail}"


def _number(value) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


async def _cached(api: Api, cache_key: tuple, answer: Callable[[], Awaitable]):
    """The answer cached under ``cache_key`` within the configured TTL, else ``await answer()``'s,
    kept unless it is unverified: a timeout or a 5xx is asked again next time."""
    hit = RESULTS.get(cache_key, api.config.cache_ttl)
    if hit is not None:
        return hit
    result = await answer()
    if not (isinstance(result, CheckResult) and result.unverified):
        RESULTS.put(cache_key, result)
    return result


# ----- OpenRouter: GET /key ---------------------------------------------------------------------
async def check_openrouter_key(api: Api, key: str) -> CheckResult:
    """Is the key valid, has the account bought credits, is the key's own limit used up?"""
    async def answer() -> CheckResult:
        reply = await api.request("openrouter", "GET", "/key", key=key)
        if reply.failure is None and reply.status == 404:  # older deployments: /auth/key
            reply = await api.request("openrouter", "GET", "/auth/key", key=key)
        return interpret_key(reply, keys.mask(key))

    return await _cached(api, ("openrouter-key", api.config.openrouter_base, fingerprint(key)), answer)


def interpret_key(reply: Reply, subject: str) -> CheckResult:
    check = "openrouter-key"
    if reply.failure is None and reply.status == 401:
        msg = scrub(reply.error_message(), 120) or "401"
        return CheckResult(check, "invalid-key", f"OpenRouter rejects this key ({msg})", now_iso(), subject=subject)
    if reply.failure is not None or reply.status != 200:
        return unverified(check, unexpected(reply, "OpenRouter /key"), subject)
    data = reply.body.get("data") if isinstance(reply.body, dict) else None
    if not isinstance(data, dict):
        return unverified(check, "OpenRouter /key answered in an unexpected shape", subject)
    free = data.get("is_free_tier")
    remaining, limit = _number(data.get("limit_remaining")), _number(data.get("limit"))
    facts = {"is_free_tier": free if isinstance(free, bool) else None, "limit": limit, "limit_remaining": remaining,
             "is_management_key": data.get("is_management_key") if isinstance(data.get("is_management_key"), bool) else None}
    if free is True:
        return CheckResult(check, "free-tier", "the key is valid, but its account has never bought credits "
                           "(is_free_tier): paid models and the BYOK fee fail with 402", now_iso(), subject=subject,
                           data=facts)
    if remaining is not None and remaining <= 0:
        of = f" of its {limit:g} credit limit" if limit is not None else ""
        return CheckResult(check, "limit-reached", f"the key is valid, but it has used all{of} (limit_remaining "
                           f"{remaining:g}): requests fail with 402 until the limit is raised or resets",
                           now_iso(), subject=subject, data=facts)
    parts = ["the key is valid"]
    if free is False:
        parts.append("the account has bought credits")
    elif free is None:
        parts.append("OpenRouter did not say whether the account has bought credits")
    if remaining is not None:
        parts.append(f"{remaining:g} of its credit limit remain")
    return CheckResult(check, OK, "; ".join(parts), now_iso(), subject=subject, data=facts)


# ----- OpenAI: GET /models/{id} -----------------------------------------------------------------
async def check_openai_model(api: Api, key: str, openai_id: str) -> CheckResult:
    """Can the organisation behind this OpenAI key see ``openai_id``?"""
    async def answer() -> CheckResult:
        reply = await api.request("openai", "GET", "/models/" + quote(openai_id, safe=""), key=key)
        return interpret_model(reply, openai_id, keys.mask(key))

    return await _cached(api, ("openai-model", api.config.openai_base, fingerprint(key), openai_id), answer)


def interpret_model(reply: Reply, openai_id: str, subject: str) -> CheckResult:
    check = "openai-model"
    data = {"model": openai_id}
    if reply.failure is None and reply.status == 401:
        msg = scrub(reply.error_message(), 160) or "401"
        return CheckResult(check, "invalid-key", f"OpenAI rejects this key ({msg})", now_iso(), subject=subject, data=data)
    if reply.failure is None and reply.status in (403, 404):
        message = reply.error_message()
        if "must be verified" in message.lower():
            return CheckResult(check, "no-access", f"OpenAI serves {openai_id} to this organisation only after "
                               f"organisation verification ({scrub(message, 120)})", now_iso(), subject=subject,
                               data={**data, "needs": "verification"})
        if reply.error_code() == "model_not_found" or "do not have access" in message.lower() or reply.status == 403:
            return CheckResult(check, "no-access", f"the organisation behind this OpenAI key cannot see {openai_id} "
                               f"(HTTP {reply.status} {reply.error_code() or ''}): usage tier below 4 and not "
                               f"verified, or a project model allowlist", now_iso(), subject=subject, data=data)
    if reply.failure is not None or reply.status != 200:
        return unverified(check, unexpected(reply, f"OpenAI /models/{openai_id}"), subject, **data)
    body = reply.body
    if not isinstance(body, dict) or not isinstance(body.get("id"), str):
        return unverified(check, f"OpenAI /models/{openai_id} answered in an unexpected shape", subject, **data)
    return CheckResult(check, OK, f"the organisation behind this OpenAI key can use {openai_id}", now_iso(),
                       subject=subject, data=data)


# ----- OpenRouter: GET /byok?provider=openai (management key) -----------------------------------
@dataclass(frozen=True)
class ByokKey:
    name: str
    disabled: bool
    allowed_models: tuple[str, ...] | None


@dataclass(frozen=True)
class ByokListing:
    keys: tuple[ByokKey, ...]
    checked_at: str


async def fetch_byok(api: Api, management_key: str) -> ByokListing | CheckResult:
    """The OpenAI keys registered at OpenRouter, or an unverified result saying why not."""
    async def answer() -> ByokListing | CheckResult:
        return interpret_byok(await api.request("openrouter", "GET", "/byok", key=management_key,
                                                params={"provider": "openai"}))

    return await _cached(api, ("byok", api.config.openrouter_base, fingerprint(management_key)), answer)


def interpret_byok(reply: Reply) -> ByokListing | CheckResult:
    check = "byok-registration"
    if reply.failure is None and reply.status == 401:
        return unverified(check, "OpenRouter rejects the management key (401)")
    if reply.failure is None and reply.status == 403:
        return unverified(check, "the key in OPENROUTER_MANAGEMENT_KEY is not a management key (403)")
    if reply.failure is not None or reply.status != 200:
        return unverified(check, unexpected(reply, "OpenRouter /byok"))
    items = reply.body.get("data") if isinstance(reply.body, dict) else None
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        return unverified(check, "OpenRouter /byok answered in an unexpected shape")
    out = []
    for item in items:
        if str(item.get("provider", "openai")).lower() != "openai":
            continue
        allowed = item.get("allowed_models")
        allowed = tuple(scrub(str(m), 80) for m in allowed) if isinstance(allowed, list) else None
        out.append(ByokKey(scrub(str(item.get("name") or "unnamed"), 60), item.get("disabled") is True, allowed))
    return ByokListing(tuple(out), now_iso())


def _allows(allowed: tuple[str, ...], slug: str) -> bool:
    """Does the filter admit ``slug``: itself, a dated snapshot of it, or a ``:variant``?"""
    same = re.compile(re.escape(slug.lower()) + r"(?:-\d{4}-\d{2}-\d{2})?(?::[a-z0-9-]+)?")
    return any(same.fullmatch(m.strip().lower()) for m in allowed)


def evaluate_byok(listing: ByokListing, slug: str) -> CheckResult:
    check, at = "byok-registration", listing.checked_at
    if not listing.keys:
        return CheckResult(check, "not-registered", "no OpenAI key is registered in OpenRouter's BYOK integrations",
                           at, subject=slug)
    enabled = [k for k in listing.keys if not k.disabled]
    if not enabled:
        names = ", ".join(f"'{k.name}'" for k in listing.keys[:3])
        return CheckResult(check, "disabled", f"the OpenAI key(s) registered at OpenRouter ({names}) are disabled",
                           at, subject=slug)
    usable = [k for k in enabled if not k.allowed_models or _allows(k.allowed_models, slug)]
    if not usable:
        allowed = sorted({m for k in enabled for m in (k.allowed_models or ())})
        shown = ", ".join(allowed[:5]) + (", …" if len(allowed) > 5 else "")
        return CheckResult(check, "filtered", f"the OpenAI key(s) registered at OpenRouter are limited to other "
                           f"models ({shown}), not {slug}", at, subject=slug, data={"allowed_models": allowed[:20]})
    return CheckResult(check, OK, f"an enabled OpenAI key ('{usable[0].name}') is registered at OpenRouter for {slug}",
                       at, subject=slug)


# ----- OpenRouter: GET /models (public) ----------------------------------------------------------
@dataclass(frozen=True)
class ModelListing:
    descriptions: dict  # slug -> description
    prices: dict  # slug -> (prompt, completion) in USD per token, when given
    checked_at: str


def cached_models(config) -> ModelListing | None:
    """The model list a free check already fetched, or None. Never sends a request."""
    return RESULTS.get(("models", config.openrouter_base), config.cache_ttl)


async def fetch_models(api: Api) -> ModelListing | CheckResult:
    async def answer() -> ModelListing | CheckResult:
        return interpret_models(await api.request("openrouter", "GET", "/models"))

    # the same key cached_models reads
    return await _cached(api, ("models", api.config.openrouter_base), answer)


def interpret_models(reply: Reply) -> ModelListing | CheckResult:
    check = "model-listing"
    if reply.failure is not None or reply.status != 200:
        return unverified(check, unexpected(reply, "OpenRouter /models"))
    items = reply.body.get("data") if isinstance(reply.body, dict) else None
    if not isinstance(items, list):
        return unverified(check, "OpenRouter /models answered in an unexpected shape")
    descriptions, prices = {}, {}
    for item in items:
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            continue
        slug = item["id"].lower()
        descriptions[slug] = item.get("description") if isinstance(item.get("description"), str) else ""
        pricing = item.get("pricing") if isinstance(item.get("pricing"), dict) else {}
        try:
            prices[slug] = (float(pricing["prompt"]), float(pricing["completion"]))
        except (KeyError, TypeError, ValueError):
            pass
    if not descriptions:
        return unverified(check, "OpenRouter /models listed no models")
    return ModelListing(descriptions, prices, now_iso())


def evaluate_listing(listing: ModelListing, slug: str, catalogue_byok: str) -> CheckResult:
    check, at = "model-listing", listing.checked_at
    desc = listing.descriptions.get(slug.lower())
    if desc is None:
        return CheckResult(check, "not-listed", f"{slug} is not in OpenRouter's model list any more",
                           at, Confidence.LIKELY, slug, {"catalogue": catalogue_byok})
    says = bool(_BYOK_NOTE.search(desc))
    data = {"catalogue": catalogue_byok, "description_says_byok": says}
    if says and catalogue_byok == "required":
        return CheckResult(check, OK, f"OpenRouter's description of {slug} still says BYOK is required", at,
                           subject=slug, data=data)
    if not says and catalogue_byok == "no":
        return CheckResult(check, OK, f"OpenRouter's description of {slug} has no BYOK note", at, subject=slug, data=data)
    if says:
        return CheckResult(check, "byok-now-required", f"OpenRouter's description of {slug} now says BYOK is "
                           f"required (catalogue: {catalogue_byok})", at, Confidence.LIKELY, slug, data)
    return CheckResult(check, "byok-not-mentioned", f"OpenRouter's description of {slug} no longer says BYOK is "
                       f"required (catalogue: {catalogue_byok}); OpenRouter may have lifted the requirement",
                       at, Confidence.LIKELY, slug, data)
