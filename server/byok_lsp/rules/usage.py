"""Rules on model usage in code and configs (BYOK1xx)."""

from __future__ import annotations

from ..catalog import ModelMatch
from ..context import FileContext
from ..findings import Confidence, FixSafety, Related, Severity
from ..parsing.facts import ModelRef
from . import fixes
from .provider import GATEWAY, OPENAI, OPENROUTER, decide, file_uses_openrouter
from .provider import signals as provider_signals
from .registry import Rule, register


def _in_model_context(ctx: FileContext, ref: ModelRef) -> bool:
    # A module named for models (models.py, model_registry.ts) is a registry: its ids are models.
    return ref.in_model_context or "model" in ctx.path.stem.lower()


def _gated_refs(ctx: FileContext, model_context_only: bool = False):
    for ref in ctx.facts.models:
        if model_context_only and not _in_model_context(ctx, ref):
            continue
        match = ctx.catalog.lookup(ref.text)
        if match is None:
            continue
        if match.form == "bare" and not _in_model_context(ctx, ref):
            continue
        yield ref, match


def _setup_fixes(ctx: FileContext, ref: ModelRef, match: ModelMatch, quote_span=None):
    out = [fixes.open_page("Open OpenRouter's BYOK integrations page", ctx.catalog.links["openrouter-byok"])]
    out.append(fixes.record_setting(ctx, "byok", '["openai"]', "Record that an OpenAI key is added at OpenRouter (BYOK)"))
    for alt in match.entry.alternatives[:2]:
        new = alt
        if match.form == "litellm-openrouter":
            new = "openrouter/" + alt
        elif match.form == "prefixed-openrouter":
            new = "openrouter:" + alt
        out.append(fixes.replace_text(ctx, f"Switch to {alt} (needs no BYOK)", ref.span, new))
    return tuple(out)


def check_byok_not_recorded(ctx: FileContext):
    for ref, match in _gated_refs(ctx):
        entry = match.entry
        if entry.byok == "no" or match.form in ("bare", "openrouter-bare"):
            continue
        if "openai" in ctx.config.byok:
            continue
        d = decide(ctx, ref, match)
        if d.provider == OPENAI:
            continue
        as_of = f"(catalogue as of {entry.checked})"
        if entry.byok == "unknown":
            sev = Severity.INFORMATION
            msg = (f"'{match.text}': whether OpenRouter requires BYOK for {entry.slug} is not known {as_of}. "
                   f"If calls fail with 403, add an OpenAI key at OpenRouter's BYOK integrations page.")
        elif d.provider == OPENROUTER:
            # Certain evidence (a base URL, an SDK, the id's own prefix) warns; a project that merely
            # holds an OpenRouter key informs.
            sev = Severity.WARNING if d.confidence is Confidence.LIKELY else Severity.INFORMATION
            msg = (f"'{match.text}' through OpenRouter needs your own OpenAI key (BYOK) {as_of}: without it every call "
                   f"fails with 403 'OpenAI is requiring a key to access this model'. Add an OpenAI key at "
                   f"{ctx.catalog.links['openrouter-byok']}, then record it with byok = [\"openai\"] in [tool.byok-lsp] "
                   f"— or switch to {entry.alternatives[0] if entry.alternatives else 'a model that needs no BYOK'}. "
                   f"Provider: OpenRouter, because {d.because}.")
        elif d.provider == GATEWAY:
            sev = Severity.HINT
            msg = (f"'{match.text}' reuses OpenRouter's id, but {d.because}: if that gateway forwards to OpenRouter, "
                   f"{entry.slug} needs your own OpenAI key (BYOK) there {as_of}.")
        else:
            sev = Severity.INFORMATION
            msg = (f"'{match.text}' needs your own OpenAI key (BYOK) if it is sent to OpenRouter {as_of}; "
                   f"provider unclear: {d.because}. Add an OpenAI key at OpenRouter's BYOK integrations page "
                   f"and record byok = [\"openai\"] in [tool.byok-lsp].")
        if not _in_model_context(ctx, ref):
            # A bare string in a list, a print or test data: only worth more than a hint when
            # something besides the string itself says this file talks to OpenRouter.
            independent = any(sig.kind == "openrouter" and sig.span != ref.span for sig in provider_signals(ctx))
            sev = Severity.INFORMATION if independent and d.provider == OPENROUTER else Severity.HINT
        yield ctx.finding(BYOK_NOT_RECORDED, ref.span, msg, severity=sev, fixes=_setup_fixes(ctx, ref, match),
                          related=d.related, confidence=Confidence.LIKELY if d.provider == OPENROUTER else Confidence.UNKNOWN,
                          data={"model": entry.slug, "provider": d.provider, "byok": entry.byok})


def _tier_text(tier, verified) -> str:
    parts = []
    parts.append(f"tier {tier}" if tier is not None else "tier not recorded")
    parts.append({True: "verified", False: "not verified", None: "verification not recorded"}[verified])
    return ", ".join(parts)


def check_tier(ctx: FileContext):
    """BYOK102 (recorded setup cannot reach the model) and BYOK104 (nothing recorded)."""
    tier, verified = ctx.config.openai_tier, ctx.config.openai_verified
    seen: set[str] = set()
    for ref, match in _gated_refs(ctx, model_context_only=True):
        rule = match.entry.access
        if rule.id == "none" or rule.min_tier <= 1:
            continue
        d = decide(ctx, ref, match)
        # The tier question matters when the OpenAI key is ours: direct calls, or BYOK recorded.
        if not (d.provider == OPENAI or (d.provider == OPENROUTER and "openai" in ctx.config.byok)):
            continue
        ok = rule.reachable(tier, verified)
        where = "your OpenAI organisation (used through BYOK)" if d.provider == OPENROUTER else "your OpenAI organisation"
        if ok is False:
            msg = (f"'{match.text}': {where} is recorded as {_tier_text(tier, verified)}, which cannot use "
                   f"{match.entry.openai_id}: {rule.summary} Verify the organisation or reach tier {rule.min_tier}.")
            yield ctx.finding(TIER_TOO_LOW, ref.span, msg, fixes=(
                fixes.open_page("Open OpenAI's organisation verification page", ctx.catalog.links["openai-verify"]),
                fixes.open_page("Open OpenAI's limits page (shows the tier)", ctx.catalog.links["openai-limits"]),
                fixes.record_setting(ctx, "openai-verified", "true", "Record that the OpenAI organisation is verified"),
            ), data={"model": match.entry.slug})
        elif ok is None and match.entry.slug not in seen:
            seen.add(match.entry.slug)
            msg = (f"'{match.text}': {rule.summary} byok-lsp cannot see {where}'s tier: check it on the limits page "
                   f"and record openai-tier (and openai-verified) in [tool.byok-lsp].")
            yield ctx.finding(TIER_NOT_RECORDED, ref.span, msg, fixes=(
                fixes.open_page("Open OpenAI's limits page (shows the tier)", ctx.catalog.links["openai-limits"]),
                fixes.record_setting(ctx, "openai-tier", "4", "Record OpenAI usage tier 4"),
                fixes.record_setting(ctx, "openai-verified", "true", "Record that the OpenAI organisation is verified"),
            ), data={"model": match.entry.slug})


def check_stream_unverified(ctx: FileContext):
    for ref, match in _gated_refs(ctx, model_context_only=True):
        rule = match.entry.access
        if not rule.stream_needs_verification or ref.streaming is not True:
            continue
        if ctx.config.openai_verified is True:
            continue
        d = decide(ctx, ref, match)
        if d.provider not in (OPENAI, OPENROUTER):
            continue
        sev = Severity.WARNING if ctx.config.openai_verified is False else Severity.INFORMATION
        msg = (f"'{match.text}' is streamed: OpenAI streams {match.entry.openai_id} only to verified organisations "
               f"(400 'Your organization must be verified to stream this model'), also through OpenRouter BYOK. "
               f"Verify the organisation or set stream to false.")
        yield ctx.finding(STREAM_UNVERIFIED, ref.span, msg, severity=sev, fixes=(
            fixes.open_page("Open OpenAI's organisation verification page", ctx.catalog.links["openai-verify"]),
            fixes.record_setting(ctx, "openai-verified", "true", "Record that the OpenAI organisation is verified"),
        ), data={"model": match.entry.slug})


def check_bare_slug(ctx: FileContext):
    for ref in ctx.facts.models:
        match = ctx.catalog.lookup(ref.text)
        if match is not None and match.form == "openrouter-bare":
            fixed = ref.text.strip()[: len("openrouter/")] + match.entry.slug  # keep "openrouter/" or "openrouter:"
            msg = (f"'{match.text}' routes to OpenRouter with OpenAI's own id '{match.entry.openai_id}'; OpenRouter "
                   f"expects '{match.entry.slug}'. Use '{fixed}'.")
            yield ctx.finding(BARE_SLUG, ref.span, msg, fixes=(
                fixes.replace_text(ctx, f"Use '{fixed}'", ref.span, fixed, FixSafety.SAFE),), data={"model": match.entry.slug})
    orr = file_uses_openrouter(ctx)
    base = ctx.openrouter_base_url_binding() if orr is None else None
    if orr is None and base is None:
        return
    for ref in ctx.facts.models:
        match = ctx.catalog.lookup(ref.text)
        if match is None or match.form != "bare" or not ref.in_model_context:
            continue
        if ref.provider_hint not in (None, OPENROUTER):
            continue  # this entry of a mixed config goes to OpenAI or another gateway
        if orr is not None:
            rel = (Related(ctx.path, orr.span, f"OpenRouter evidence: {orr.detail}"),)
        else:
            rel = (Related(base.path, base.entry.line_span, f"{base.entry.key} points at OpenRouter"),)
        msg = (f"'{match.text}' is OpenAI's own id, but this code talks to OpenRouter, which expects "
               f"'{match.entry.slug}'. Use '{match.entry.slug}'.")
        yield ctx.finding(BARE_SLUG, ref.span, msg, related=rel, fixes=(
            fixes.replace_text(ctx, f"Use '{match.entry.slug}'", ref.span, match.entry.slug, FixSafety.SAFE),
        ), data={"model": match.entry.slug})


def check_error_text(ctx: FileContext):
    for et in ctx.facts.error_texts:
        err = ctx.catalog.match_error(et.text)
        if err is None:
            continue
        msg = f"{err.title}. Cause: {err.cause} Fix: {err.fix}"
        steps = [ctx.catalog.steps[s] for s in err.steps if s in ctx.catalog.steps]
        yield ctx.finding(UPSTREAM_ERROR, et.span, msg, fixes=tuple(
            fixes.open_page(f"Open: {s.title}", s.url) for s in steps[:3]), data={"error": err.id})


BYOK_NOT_RECORDED = register(Rule(
    code="BYOK101", name="byok-not-recorded",
    summary="A model that OpenRouter serves only with your own OpenAI key (BYOK), and BYOK is not recorded",
    severity=Severity.WARNING, fix_safety=FixSafety.UNSAFE,
    fix_title="Record BYOK in [tool.byok-lsp], switch to a model that needs no BYOK, or open the BYOK page",
    check=check_byok_not_recorded, docs="""
## What it does
Finds ids of models that OpenRouter serves only to accounts that added their own OpenAI key
("Bring Your Own Key") — `openai/o3`, `openai/o3-pro`, `openai/gpt-5` at launch, LiteLLM's
`openrouter/openai/o3`, `openrouter:` prefixes, dated snapshots and `:nitro`-style variants — when
the project has not recorded `byok = ["openai"]` in `[tool.byok-lsp]`. It says which provider it
believes receives the call and why: warning when the call goes to OpenRouter, information when the
provider is unclear or the model's BYOK status is unknown.

## Why is this bad?
Without an OpenAI key added at OpenRouter every call fails at run time with HTTP 403
`OpenAI is requiring a key to access this model, which you can add in
https://openrouter.ai/settings/integrations`, and many tools hide that text behind "retry" or a
generic 500.

## Example
```python
client = OpenAI(base_url="https://openrouter.ai/api/v1", api_key=os.environ["OPENROUTER_API_KEY"])
client.chat.completions.create(model="openai/o3", messages=msgs)
```
Use instead: add an OpenAI key at https://openrouter.ai/settings/integrations, then record it:
```toml
[tool.byok-lsp]
byok = ["openai"]
```
or use a model that needs no BYOK, such as `openai/o3-mini`.

## Fix safety
Recording BYOK and switching models are unsafe fixes (they change what the project claims or
calls): offered as quick fixes, never applied by "fix all". Opening the integrations page edits
nothing.

## References
- https://openrouter.ai/settings/integrations
- https://github.com/Kilo-Org/kilocode/issues/391
- https://github.com/open-webui/open-webui/issues/16817
"""))

TIER_TOO_LOW = register(Rule(
    code="BYOK102", name="tier-cannot-reach-model",
    summary="The recorded OpenAI tier and verification cannot use the model",
    severity=Severity.WARNING, fix_safety=FixSafety.DISPLAY_ONLY,
    fix_title="Open OpenAI's verification or limits page",
    check=check_tier, docs="""
## What it does
Compares the OpenAI organisation's usage tier and verification recorded in `[tool.byok-lsp]`
(`openai-tier`, `openai-verified`) with OpenAI's access rule for the model — o3 and o3-pro need
tier 4–5, or tiers 1–3 with a verified organisation — for direct OpenAI calls and for OpenRouter
calls with BYOK recorded.

## Why is this bad?
With BYOK, OpenRouter forwards the call with your OpenAI key, so your organisation's
restrictions apply: a tier-2 unverified organisation gets `model_not_found` or "must be
verified to use the model" however OpenRouter is set up.

## Example
```toml
[tool.byok-lsp]
byok = ["openai"]
openai-tier = 2
openai-verified = false
```
with `model="openai/o3"` in code. Use instead: verify the organisation at
https://platform.openai.com/settings/organization/general and record `openai-verified = true`.

## Fix safety
The fixes open OpenAI's pages; recording verification is unsafe (only you know it is true).

## References
- https://help.openai.com/en/articles/10362446-api-access-to-o1-o3-and-o4-models
- https://help.openai.com/en/articles/10910291-api-organization-verification
- https://platform.openai.com/settings/organization/limits
"""))

STREAM_UNVERIFIED = register(Rule(
    code="BYOK103", name="stream-needs-verified-org",
    summary="Streaming o3 without a recorded verified OpenAI organisation",
    severity=Severity.WARNING, fix_safety=FixSafety.DISPLAY_ONLY,
    fix_title="Open OpenAI's organisation verification page",
    check=check_stream_unverified, docs="""
## What it does
Finds calls to o3-family models with streaming turned on (`stream=True`, `stream: true`) when the
project does not record `openai-verified = true`. Warning when verification is recorded as false,
information when it is not recorded.

## Why is this bad?
OpenAI streams o3 only to verified organisations. Unverified organisations get HTTP 400
`Your organization must be verified to stream this model`, also through OpenRouter BYOK, where it
arrives wrapped as "Provider returned error".

## Example
```python
client.chat.completions.create(model="openai/o3", messages=msgs, stream=True)
```
Use instead: verify the organisation (minutes, no spend requirement), or call without streaming.

## Fix safety
Opening the verification page edits nothing; recording verification is unsafe.

## References
- https://github.com/BeehiveInnovations/pal-mcp-server/issues/134
- https://github.com/chatboxai/chatbox/issues/2263
- https://help.openai.com/en/articles/10910291-api-organization-verification
"""))

TIER_NOT_RECORDED = register(Rule(
    code="BYOK104", name="tier-not-recorded",
    summary="A tier-gated OpenAI model is used and the organisation's tier is not recorded",
    severity=Severity.INFORMATION, fix_safety=FixSafety.UNSAFE,
    fix_title="Record openai-tier / openai-verified in [tool.byok-lsp]",
    check=None, docs="""
## What it does
Reports, once per model and file, that the model is gated by OpenAI's usage tier or organisation
verification and that the project has not recorded either, for direct OpenAI calls and for
OpenRouter calls with BYOK recorded.

## Why is this bad?
No API tells the tier of a key; it shows only on OpenAI's limits page. A key from a tier-1
unverified organisation fails with `model_not_found` although the key is valid.

## Example
```python
client = OpenAI()  # api.openai.com
client.responses.create(model="o3", input="...")
```
Use instead: check https://platform.openai.com/settings/organization/limits and record
`openai-tier = 4` (or `openai-verified = true`).

## Fix safety
Recording a tier is unsafe: only you can know it is true.

## References
- https://help.openai.com/en/articles/10362446-api-access-to-o1-o3-and-o4-models
- https://platform.openai.com/settings/organization/limits
"""))

BARE_SLUG = register(Rule(
    code="BYOK105", name="openai-id-sent-to-openrouter",
    summary="OpenAI's bare model id (o3) sent to OpenRouter, which expects openai/o3",
    severity=Severity.WARNING, fix_safety=FixSafety.SAFE,
    fix_title="Use the OpenRouter id (openai/o3)",
    check=check_bare_slug, docs="""
## What it does
Finds OpenAI's own model ids (`o3`, `o3-pro`, `gpt-5`) passed as the model in a file that talks to
OpenRouter (an OpenRouter base URL, SDK or key in the file, or `OPENAI_BASE_URL` on OpenRouter
in the .env serving it).

## Why is this bad?
OpenRouter names models `vendor/model`; a bare `o3` is not an OpenRouter id and the request fails
or reaches another model than intended.

## Example
```python
client = OpenAI(base_url="https://openrouter.ai/api/v1")
client.chat.completions.create(model="o3", messages=msgs)
```
Use instead: `model="openai/o3"`.

## Fix safety
Safe: the replacement is the same model under the id OpenRouter expects.

## References
- https://openrouter.ai/openai/o3
- https://openrouter.ai/docs/api/reference/overview
"""))

UPSTREAM_ERROR = register(Rule(
    code="BYOK106", name="upstream-error-text",
    summary="A pasted upstream error (403 BYOK, 402 credits, 400 verification...) — explained",
    severity=Severity.INFORMATION, fix_safety=FixSafety.DISPLAY_ONLY,
    fix_title="Open the setup page that fixes it",
    check=check_error_text, docs="""
## What it does
Recognises the texts of the errors OpenRouter and OpenAI return for BYOK, credit, verification and
key problems when they appear in code, tests, comments or configs, and explains cause and fix.

## Why is this bad?
It is not bad in itself: it is a sign someone hit the error. The texts are cryptic (a 403 wrapped in
a 400, "Provider returned error") and the fix lives on a web page far away from the code.

## Example
```python
# {"error":{"message":"OpenAI is requiring a key to access this model, ...","code":403}}
```
Hover it to read what it means and open the page that fixes it.

## Fix safety
Display only: the actions open setup pages and edit nothing.

## References
- https://github.com/Kilo-Org/kilocode/issues/391
- https://openrouter.ai/docs/api/reference/errors-and-debugging
"""))
# BYOK104 shares the pass of BYOK102 (one walk over the same references).
