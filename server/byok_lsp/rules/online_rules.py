"""Results of the opt-in online checks (BYOK4xx). ``verify/`` produces these findings; no check here.

Every finding carries ``confidence`` (verified: an API said so; likely: the answer admits another
cause; unknown: could not verify) and ``data["checked_at"]``, the ISO time of the check.
"""

from __future__ import annotations

from ..findings import FixSafety, Severity
from .registry import Rule, register

ONLINE = "verify/ (the online checks: byok-lsp check --online, the editor's verify commands)"
_ONLINE = """Reported only when online checks are on (`byok-lsp check --online`, or the editor
setting in a trusted workspace). byok-lsp sends the project's own keys only to
https://openrouter.ai/api/v1 and https://api.openai.com/v1, caches results in memory for ten
minutes, and never logs or stores a key."""

OPENROUTER_KEY_REJECTED = register(Rule(
    emitted_by=ONLINE, code="BYOK401", name="openrouter-key-rejected",
    summary="OpenRouter rejects the project's OpenRouter key (online check, 401)",
    severity=Severity.ERROR, fix_safety=FixSafety.DISPLAY_ONLY,
    fix_title="Create a new key at https://openrouter.ai/settings/keys and replace it in .env",
    docs=f"""
## What it does
Asks OpenRouter about the key in `OPENROUTER_API_KEY` (or the variable the code reads) with
`GET /api/v1/key`, which costs nothing, and reports a 401: the key is revoked, deleted, or was
copied only in part. {_ONLINE}

## Why is this bad?
Every request with this key fails with 401 `No auth credentials found` or `User not found`,
before BYOK or the model even matter.

## Example
```dotenv
OPENROUTER_API_KEY=sk-or-v1-<a key that was deleted in the dashboard>
```
Use instead: a current key from https://openrouter.ai/settings/keys.

## Fix safety
Display-only: opens OpenRouter's keys page. byok-lsp never writes keys.

## References
- https://openrouter.ai/docs/api/reference/limits (`GET /api/v1/key`)
- https://openrouter.ai/settings/keys
"""))

OPENROUTER_FREE_TIER = register(Rule(
    emitted_by=ONLINE, code="BYOK402", name="openrouter-free-tier",
    summary="The OpenRouter account never bought credits: BYOK's fee and paid models fail with 402",
    severity=Severity.WARNING, fix_safety=FixSafety.DISPLAY_ONLY,
    fix_title="Buy credits at https://openrouter.ai/settings/credits",
    docs=f"""
## What it does
Reports an OpenRouter key whose account has never bought credits (`is_free_tier: true` from
`GET /api/v1/key`), or a paid probe that OpenRouter answered with 402. {_ONLINE}

## Why is this bad?
Even with your own OpenAI key, OpenRouter takes its BYOK fee (5 % of the list price) from
OpenRouter credits, so BYOK requests fail with 402 `Insufficient credits. This account never
purchased credits` until some credits are bought.

## Example
A new OpenRouter account, an OpenAI key added under Integrations, and `openai/o3` in code: the
first call fails with 402.

## Fix safety
Display-only: opens OpenRouter's credits page.

## References
- https://openrouter.ai/docs/guides/overview/auth/byok (BYOK fee)
- https://openrouter.ai/settings/credits
"""))

BYOK_NOT_REGISTERED = register(Rule(
    emitted_by=ONLINE, code="BYOK403", name="byok-not-registered",
    summary="Verified online: no OpenAI key is registered at OpenRouter, so the gated model fails with 403",
    severity=Severity.ERROR, fix_safety=FixSafety.DISPLAY_ONLY,
    fix_title="Add an OpenAI key at https://openrouter.ai/settings/integrations",
    docs=f"""
## What it does
Reports a BYOK-gated model (`openai/o3`, …) used through OpenRouter when an online check proved
that no OpenAI key is registered: `GET /api/v1/byok?provider=openai` with a management key
(from the process variable `OPENROUTER_MANAGEMENT_KEY` or the editor's secret storage, never from
a workspace file) listed none, or a paid probe got the 403 itself. {_ONLINE}

## Why is this bad?
Every call fails with HTTP 403 `OpenAI is requiring a key to access this model, which you can
add in https://openrouter.ai/settings/integrations`. Unlike BYOK101 this is not a guess from the
project's configuration: OpenRouter said so.

## Example
```python
client.chat.completions.create(model="openai/o3", messages=msgs)  # no OpenAI key at OpenRouter
```
Use instead: add an OpenAI key (of an organisation that may use o3) in OpenRouter's integrations.

## Fix safety
Display-only: opens the integrations page.

## References
- https://openrouter.ai/docs/guides/overview/auth/byok
- https://github.com/Kilo-Org/kilocode/issues/391
"""))

OPENAI_ORG_CANNOT_SEE_MODEL = register(Rule(
    emitted_by=ONLINE, code="BYOK404", name="openai-org-cannot-see-model",
    summary="The OpenAI key's organisation cannot use the gated model (tier below 4 and not verified)",
    severity=Severity.WARNING, fix_safety=FixSafety.DISPLAY_ONLY,
    fix_title="Verify the OpenAI organisation or reach usage tier 4",
    docs=f"""
## What it does
Asks OpenAI `GET /v1/models/o3` with the project's OpenAI key (`OPENAI_API_KEY` or a variable
like `OPENAI_BYOK_KEY`), which costs nothing, and reports a 404 `model_not_found`: the key's
organisation cannot see the model. A paid probe that OpenAI answers with "must be verified" is
reported here too. {_ONLINE}

## Why is this bad?
OpenAI serves o3 to usage tiers 4–5, and to tiers 1–3 only after organisation verification. If
this key is the one added at OpenRouter for BYOK, OpenRouter's requests fail as well.

## Example
A tier-2 organisation's key: `The model `o3` does not exist or you do not have access to it.`

## Fix safety
Display-only: opens OpenAI's organisation verification and limits pages.

## References
- https://help.openai.com/en/articles/10362446-api-access-to-o1-o3-and-o4-models
- https://platform.openai.com/settings/organization/general
"""))

BYOK_KEY_UNUSABLE = register(Rule(
    emitted_by=ONLINE, code="BYOK405", name="byok-key-disabled-or-filtered",
    summary="The OpenAI key at OpenRouter is disabled or limited to other models",
    severity=Severity.WARNING, fix_safety=FixSafety.DISPLAY_ONLY,
    fix_title="Enable the key or add the model to its allowed models at https://openrouter.ai/settings/integrations",
    docs=f"""
## What it does
With a management key, reads `GET /api/v1/byok?provider=openai` and reports when every registered
OpenAI key is `disabled`, or has `allowed_models` that do not include the model the code uses.
{_ONLINE}

## Why is this bad?
OpenRouter uses a BYOK key only for the models it allows; for other models the request behaves
as if no key were registered (403 for o3).

## Example
The key is registered with allowed models `openai/gpt-4.1`; the code calls `openai/o3`.

## Fix safety
Display-only: opens the integrations page.

## References
- https://openrouter.ai/docs/guides/overview/auth/byok
"""))

CATALOGUE_OUTDATED = register(Rule(
    emitted_by=ONLINE, code="BYOK406", name="catalogue-outdated",
    summary="OpenRouter's model list disagrees with byok-lsp's catalogue about BYOK",
    severity=Severity.INFORMATION, fix_safety=FixSafety.DISPLAY_ONLY,
    fix_title="Check the model's page on OpenRouter and update byok-lsp",
    docs=f"""
## What it does
Reads OpenRouter's public model list (`GET /api/v1/models`) and compares each used model's
`description` with the shipped catalogue: the note "BYOK is required for this model" is the only
machine-readable signal. Reports a gated model whose note is gone, a model whose note appeared,
or a model that is no longer listed. The shipped catalogue stays the default. {_ONLINE}

## Why is this bad?
OpenRouter and OpenAI change their rules; a stale catalogue warns about a requirement that was
lifted, or misses a new one.

## Example
`openai/o3`'s description no longer ends with "Note that BYOK is required for this model."

## Fix safety
Display-only.

## References
- https://openrouter.ai/api/v1/models (the public list; see `description`)
"""))

COULD_NOT_VERIFY = register(Rule(
    emitted_by=ONLINE, code="BYOK407", name="could-not-verify",
    summary="An online check could not give an answer (timeout, network, server error, odd answer)",
    severity=Severity.INFORMATION, fix_safety=FixSafety.DISPLAY_ONLY,
    fix_title="Retry later; the static findings still apply",
    docs=f"""
## What it does
Says which online check could not be completed and why: a timeout, a refused or reset
connection, rate limiting, a server error, a malformed or unexpected answer. {_ONLINE}

## Why is this bad?
It is not bad in itself: it means "unknown", never "invalid". The static findings still apply.

## Example
`could not verify: timeout (no complete answer within 15 s)`

## Fix safety
Display-only.

## References
- https://openrouter.ai/docs/api/reference/errors-and-debugging
- https://status.openai.com
"""))

OPENROUTER_KEY_LIMIT_REACHED = register(Rule(
    emitted_by=ONLINE, code="BYOK408", name="openrouter-key-limit-reached",
    summary="The OpenRouter key's own credit limit is used up (limit_remaining <= 0)",
    severity=Severity.WARNING, fix_safety=FixSafety.DISPLAY_ONLY,
    fix_title="Raise the key's credit limit at https://openrouter.ai/settings/keys",
    docs=f"""
## What it does
Reports an OpenRouter key whose own credit limit is used up: `GET /api/v1/key` returns
`limit_remaining` of 0 or less. {_ONLINE}

## Why is this bad?
Requests fail with 402 until the limit resets (`limit_reset`) or is raised, BYOK requests
included when the key counts BYOK usage in its limit (`include_byok_in_limit`).

## Example
A key created with a $5 monthly limit that was spent.

## Fix safety
Display-only: opens OpenRouter's keys page.

## References
- https://openrouter.ai/docs/api/reference/limits
"""))

OPENAI_KEY_REJECTED = register(Rule(
    emitted_by=ONLINE, code="BYOK409", name="openai-key-rejected",
    summary="OpenAI rejects the project's OpenAI key (online check, 401)",
    severity=Severity.ERROR, fix_safety=FixSafety.DISPLAY_ONLY,
    fix_title="Create a new key at https://platform.openai.com/api-keys",
    docs=f"""
## What it does
Reports an OpenAI key (in `OPENAI_API_KEY` or a BYOK variable) that OpenAI answers with 401
`Incorrect API key provided`. {_ONLINE}

## Why is this bad?
A revoked key fails every direct call, and, if it is the key registered at OpenRouter for BYOK,
every BYOK request too.

## Example
```dotenv
OPENAI_API_KEY=sk-proj-<a revoked key>
```

## Fix safety
Display-only: opens OpenAI's API keys page.

## References
- https://platform.openai.com/docs/api-reference/authentication
"""))
