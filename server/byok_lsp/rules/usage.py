"""Rules on model usage in code and configs (BYOK1xx)."""

from __future__ import annotations

import re

from ..catalog import ModelMatch
from ..context import FileContext
from ..findings import Confidence, FixSafety, Related, Severity
from ..parsing.facts import ModelRef
from ..roles import looks_like_registry, model_ids_in
from . import fixes
from .provider import OPENAI, OPENROUTER, Decision, decide
from .registry import Rule, register


def _in_model_context(ctx: FileContext, ref: ModelRef) -> bool:
    return ref.in_model_context or ref.reached_call


def gated_refs(ctx: FileContext, model_context_only: bool = False):
    """The catalogued model ids of the file that the rules judge (a bare id such as ``o3`` only
    where it is used as a model), with their catalogue match. Also the online plan's selection
    (verify/targets.build_plan), so the online checks ask about the models the rules report."""
    for ref in ctx.facts.models:
        if model_context_only and not _in_model_context(ctx, ref):
            continue
        match = ctx.catalog.lookup(ref.sent_as or ref.text)
        if match is None:
            continue
        if match.form == "bare" and not _in_model_context(ctx, ref):
            continue
        yield ref, match


def in_registry(ctx: FileContext, ref: ModelRef, d: Decision | None = None) -> bool:
    """Is ``ref`` an entry of a collection that lists the models a tool knows (roles.py), and
    not selected by the project: no call reaches it except through a computed key?"""
    if ref.sites and not all(e.dynamic for e in ref.sites):
        return False  # selected: MODELS["planner"] is sent, or the id itself is
    if d is not None and d.level == "import" and not d.dynamic:
        return False  # another module selects it: REVIEWER = MODELS["o3"]
    if ref.container is not None:
        key = ("registry", ref.container)
        if key not in ctx.memo:
            text = _span_text(ctx, ref.container)
            # A list of ids that no call receives is a capability list (`if model in
            # REASONING_MODELS`), not a choice of model; a registry lists many, with metadata.
            # A list of records is not a capability list (`in` tests strings): a list of records
            # (`[{provider: 'openai', name: 'o3-...'}, ...]`, `[("o3", 200_000), ...]`) is a menu
            # of model entries, which the project selects from (`DEFAULT_MODEL = MODELS[0]`) —
            # a registry only by looks_like_registry's measure (many ids, or metadata).
            ctx.memo[key] = looks_like_registry(text) or (
                not ref.reached_call and text[:1] in "[(" and _RECORDS.match(text) is None and model_ids_in(text) >= 2)
        return ctx.memo[key]
    if ctx.kind == "config" or (ctx.facts is not None and ctx.facts.language in ("json", "yaml", "toml")):
        if "registry-file" not in ctx.memo:  # a models.json / model-settings.yml listing every model
            ctx.memo["registry-file"] = model_ids_in(ctx.text) >= 12
        return ctx.memo["registry-file"]
    return False


# A list of records: `[` or `(` whose first item (after comments) is an object, a tuple or a call
# (`{provider: 'openai', name: 'o3'}`, `("o3", 200_000)`, `Model(id="o3")`), not a plain string.
_RECORDS = re.compile(r"[\[(]\s*(?:#[^\n]*\n\s*|//[^\n]*\n\s*|/\*.*?\*/\s*)*(?:[{(]|[A-Za-z_][\w.]*\s*\()", re.DOTALL)


def _span_text(ctx: FileContext, span) -> str:
    lines = ctx.lines
    if span.line == span.end_line:
        return lines[span.line][span.col:span.end_col] if span.line < len(lines) else ""
    parts = [lines[span.line][span.col:]] + [lines[i] for i in range(span.line + 1, min(span.end_line, len(lines)))]
    if span.end_line < len(lines):
        parts.append(lines[span.end_line][:span.end_col])
    return "\n".join(parts)


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


def _severity(d: Decision, entry, ctx: FileContext) -> Severity:
    """The weakest link: warning only with OpenRouter decided at the call and a certain entry."""
    if d.provider != OPENROUTER:
        return Severity.HINT
    if d.at_call and entry.gated and entry.certainty() == "certain":
        return Severity.WARNING
    return Severity.INFORMATION


def byok_message(ctx: FileContext, text: str, entry, d: Decision) -> str:
    """One line, action first, at most ~140 characters; the evidence chain goes to related
    information and hover."""
    uncertain = entry.certainty() != "certain" or not entry.gated
    if d.provider == OPENROUTER and not uncertain:
        head = f"Add an OpenAI key at OpenRouter (BYOK) or '{text}' gets 403"
        return _fit(head, f"via {d.because}" if d.at_call else f"likely: {d.because}")
    if d.provider == OPENROUTER:
        return _fit(f"If '{text}' gets 403, add an OpenAI key at OpenRouter (BYOK)", _uncertain_clause(entry))
    return _fit(f"'{text}' needs BYOK if sent to OpenRouter", f"unclear: {d.because}")


def _uncertain_clause(entry) -> str:
    state = entry.certainty()
    if state == "contradicted":
        return f"BYOK seen {entry.checked}, contradicted {entry.contradicted}"
    if state == "stale":
        return f"BYOK record from {entry.checked}"
    return "BYOK status unknown"


MAX_MESSAGE = 140


def _fit(head: str, tail: str) -> str:
    """``head (tail).`` within MAX_MESSAGE characters: the tail (the evidence) is cut first."""
    whole = f"{head} ({tail})."
    if len(whole) <= MAX_MESSAGE:
        return whole
    room = MAX_MESSAGE - len(head) - 4
    if room >= 12:
        return f"{head} ({tail[: room - 1].rstrip()}…)."
    return (head[: MAX_MESSAGE - 2] + "…") if len(head) > MAX_MESSAGE - 1 else head + "."


def check_byok_not_recorded(ctx: FileContext):
    for ref, match in gated_refs(ctx):
        entry = match.entry
        if entry.byok == "no" or match.form in ("bare", "openrouter-bare"):
            continue
        if "openai" in ctx.config.byok:
            continue
        d = decide(ctx, ref, match)
        if d.provider == OPENAI:
            continue
        sev = _severity(d, entry, ctx)
        if in_registry(ctx, ref, d):
            if ref.provider_hint != OPENROUTER:
                continue  # a catalogue of models, not the project's choice (selections are reported)
            # an app's model menu whose entry says it is sent to OpenRouter (openrouterModel: ...):
            # the user may pick it, but nothing here shows the project picks it
            sev = min(sev, Severity.INFORMATION)
        if not _in_model_context(ctx, ref) and d.level != "import":
            sev = Severity.HINT  # a bare string in a list or test data: nothing says it is sent
        msg = byok_message(ctx, match.text, entry, d)
        related = d.related
        if entry.certainty() != "certain" and entry.gated:
            related = related + ((Related(ctx.path, ref.span, entry.why_uncertain())),)
        yield ctx.finding(BYOK_NOT_RECORDED, ref.span, msg, severity=sev, fixes=_setup_fixes(ctx, ref, match),
                          related=related, confidence=Confidence.LIKELY if d.provider == OPENROUTER else Confidence.UNKNOWN,
                          data={"model": entry.slug, "provider": d.provider, "byok": entry.byok, "evidence": d.level,
                                "because": d.because, "certainty": entry.certainty()})


def config_name(ctx: FileContext) -> str:
    """Where this project records byok-lsp settings: its own file, or .byok-lsp.toml."""
    path = ctx.config.path
    if path is None:
        return ".byok-lsp.toml"
    return "[tool.byok-lsp] in pyproject.toml" if path.name == "pyproject.toml" else path.name


def _tier_text(tier, verified) -> str:
    parts = []
    parts.append(f"tier {tier}" if tier is not None else "tier not recorded")
    parts.append({True: "verified", False: "not verified", None: "verification not recorded"}[verified])
    return ", ".join(parts)


def check_tier(ctx: FileContext):
    """BYOK102 (recorded setup cannot reach the model) and BYOK104 (nothing recorded)."""
    tier, verified = ctx.config.openai_tier, ctx.config.openai_verified
    seen: set[str] = set()
    for ref, match in gated_refs(ctx, model_context_only=True):
        rule = match.entry.access
        if rule.id == "none" or rule.min_tier <= 1:
            continue
        d = decide(ctx, ref, match)
        # The tier question matters when the OpenAI key is ours: direct calls, or BYOK recorded.
        if not (d.provider == OPENAI or (d.provider == OPENROUTER and "openai" in ctx.config.byok)):
            continue
        if in_registry(ctx, ref):
            continue
        ok = rule.reachable(tier, verified)
        if ok is False:
            msg = _fit(f"Verify your OpenAI organisation or reach tier {rule.min_tier}: {match.entry.openai_id} is not served "
                       f"to {_tier_text(tier, verified)}", "recorded in " + config_name(ctx))
            # OpenAI's rule as last checked; a stale rule may have changed (some guides say tier 3)
            sev = Severity.WARNING if rule.certainty() == "certain" else Severity.INFORMATION
            yield ctx.finding(TIER_TOO_LOW, ref.span, msg, severity=sev, fixes=(
                fixes.open_page("Open OpenAI's organisation verification page", ctx.catalog.links["openai-verify"]),
                fixes.open_page("Open OpenAI's limits page (shows the tier)", ctx.catalog.links["openai-limits"]),
                fixes.record_setting(ctx, "openai-verified", "true", "Record that the OpenAI organisation is verified"),
            ), data={"model": match.entry.slug})
        elif ok is None and match.entry.slug not in seen:
            seen.add(match.entry.slug)
            via = "through BYOK" if d.provider == OPENROUTER else "direct"
            msg = _fit(f"Record your OpenAI tier (openai-tier in {config_name(ctx)}): {match.entry.openai_id} needs tier "
                       f"{rule.min_tier}+ or a verified org", via)
            yield ctx.finding(TIER_NOT_RECORDED, ref.span, msg, fixes=(
                fixes.open_page("Open OpenAI's limits page (shows the tier)", ctx.catalog.links["openai-limits"]),
                fixes.record_setting(ctx, "openai-tier", "4", "Record OpenAI usage tier 4"),
                fixes.record_setting(ctx, "openai-verified", "true", "Record that the OpenAI organisation is verified"),
            ), data={"model": match.entry.slug})


def check_stream_unverified(ctx: FileContext):
    for ref, match in gated_refs(ctx, model_context_only=True):
        rule = match.entry.access
        if not rule.stream_needs_verification or ref.streaming is not True:
            continue
        if ctx.config.openai_verified is True:
            continue
        d = decide(ctx, ref, match)
        if d.provider not in (OPENAI, OPENROUTER):
            continue
        if in_registry(ctx, ref):
            continue
        certain = rule.certainty() == "certain"
        sev = Severity.WARNING if ctx.config.openai_verified is False and certain else Severity.INFORMATION
        msg = _fit(f"Verify your OpenAI organisation or stop streaming: {match.entry.openai_id} streams only for verified orgs",
                   "400 otherwise, also through BYOK")
        yield ctx.finding(STREAM_UNVERIFIED, ref.span, msg, severity=sev, fixes=(
            fixes.open_page("Open OpenAI's organisation verification page", ctx.catalog.links["openai-verify"]),
            fixes.record_setting(ctx, "openai-verified", "true", "Record that the OpenAI organisation is verified"),
        ), data={"model": match.entry.slug})


def check_bare_slug(ctx: FileContext):
    for ref in ctx.facts.models:
        match = ctx.catalog.lookup(ref.sent_as or ref.text)
        if match is None or not match.entry.gated or match.form not in ("bare", "openrouter-bare"):
            continue
        if match.entry.certainty() != "certain":
            continue  # gpt-5 and the like: whether OpenRouter even routes it specially is not known
        if not _in_model_context(ctx, ref) or in_registry(ctx, ref):
            continue
        d = decide(ctx, ref, match)
        if d.provider != OPENROUTER:
            continue
        exact = match.openrouter_id()  # OpenRouter's id for exactly this model, or None
        # What stays in front of the bare id in the written text: LiteLLM's "openrouter/" or the
        # "openai/" it strips before sending to an OpenRouter api_base ("openai/o3" sends "o3").
        written = ref.text.strip()
        bare = (ref.sent_as or written)[len("openrouter/"):] if match.form == "openrouter-bare" else (ref.sent_as or written)
        prefix = written[: len(written) - len(bare)]
        sev = Severity.WARNING if d.at_call else Severity.INFORMATION
        if exact is not None:
            fixed = prefix + exact
            msg = _fit(f"Use '{fixed}': OpenRouter does not know OpenAI's id '{bare}'",
                       f"via {d.because}" if d.at_call else f"likely: {d.because}")
            fx = (fixes.replace_text(ctx, f"Use '{fixed}'", ref.span, fixed, FixSafety.SAFE),)
        else:
            # A dated snapshot OpenRouter does not serve: no id keeps the exact model, so no safe fix.
            fixed = prefix + match.entry.slug
            msg = _fit(f"OpenRouter has no id for '{bare}'; its nearest is '{fixed}'",
                       f"via {d.because}" if d.at_call else f"likely: {d.because}")
            fx = (fixes.replace_text(ctx, f"Use '{fixed}' (OpenRouter's current {match.entry.openai_id}, not pinned to "
                                          f"{match.snapshot})", ref.span, fixed, FixSafety.UNSAFE),)
        yield ctx.finding(BARE_SLUG, ref.span, msg, severity=sev, related=d.related, fixes=fx,
                          data={"model": match.entry.slug, "evidence": d.level, "because": d.because})


# Where a quoted upstream error is a pasted one (someone hit it and wrote it down): comments,
# docstrings, notebook markdown and outputs. A string in code is an error handler's pattern or
# the app's own message, not a report of the error.
_PASTED_PLACES = frozenset({"comment", "doc"})


def check_error_text(ctx: FileContext):
    for et in ctx.facts.error_texts:
        if et.where not in _PASTED_PLACES and not (ctx.kind == "dotenv"):
            continue
        err = ctx.catalog.match_error(et.text)
        if err is None or not err.is_pasted(et.text):
            continue
        msg = _fit(err.action or err.fix, f"pasted {err.title}")
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
    check=None, emitted_by="BYOK102's check (rules/usage.py: one pass over the same references)", docs="""
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
