"""Which provider a model reference goes to — OpenRouter, OpenAI directly, another gateway, or
unknown — decided per reference from the nearest evidence (DESIGN.md, "Evidence, roles and
severity").

Scopes, nearest first:
  id        the id's own spelling: LiteLLM's ``openrouter/``, ``openrouter:``, ``openai:``
  call      the call the id reaches (parsing/flow.py): its receiver client, the URL of the same
            request, a provider object, a tool's convention for the callee
  tool      the provider named by the id's own config entry (``provider: openrouter``)
  function  evidence inside the enclosing function, then class
  file      evidence anywhere in the file
  project   the .env files serving the file (OPENAI_BASE_URL on OpenRouter, an OpenRouter key)

The nearest scope that holds any evidence decides. A scope whose evidence points at two
providers decides nothing, and no broader scope is asked: a file with a direct OpenAI client and
an OpenRouter one gives no file-wide answer for the ids that reach neither.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..catalog import ModelMatch
from ..context import FileContext, entry_related
from ..findings import Confidence, Related, Span
from ..parsing.facts import Evidence, ModelRef, Signal

OPENROUTER, OPENAI, GATEWAY, UNKNOWN = "openrouter", "openai-direct", "other-gateway", "unknown"
# Scopes whose decision is "at the call": a warning may rest on them.
CALL_LEVELS = frozenset({"id", "call", "tool"})


@dataclass(frozen=True)
class Decision:
    provider: str
    confidence: Confidence
    because: str  # a short clause for messages: "client \"router\" has base_url openrouter.ai"
    related: tuple[Related, ...] = ()
    level: str = "none"  # id | call | tool | import | function | file | project | none
    dynamic: bool = False  # every call reached it only through a computed key (MODELS[name])

    @property
    def at_call(self) -> bool:
        return self.level in CALL_LEVELS


_LITELLM = re.compile(r"\bimport litellm\b|\bfrom litellm\b|litellm_params|[\"']litellm[\"']|\bLiteLLMModel\b|\bChatLiteLLM\b")
_WORD = {OPENROUTER: "OpenRouter", OPENAI: "OpenAI", GATEWAY: "another gateway"}


def signals(ctx: FileContext) -> list[Signal]:
    """The file's provider evidence. A model id such as "openrouter/openai/o3" counts as evidence
    only where it is used as a model, not as test data or in a list of spellings."""
    if "signals" not in ctx.memo:
        if ctx.facts is None:
            ctx.memo["signals"] = []
        else:
            # (an uncatalogued id has no ModelRef: its signal was only made where it is a model)
            refs = {ref.span: ref for ref in ctx.facts.models}
            ctx.memo["signals"] = [s for s in ctx.facts.signals if not s.detail.startswith('model "') or s.span not in refs
                                   or refs[s.span].in_model_context or refs[s.span].reached_call]
    return ctx.memo["signals"]


def _uses_litellm(ctx: FileContext) -> bool:
    if "litellm" not in ctx.memo:
        # The substring test first: the regex has no literal prefix and is slow on big files.
        lower_hit = "litellm" in ctx.text or "LiteLLM" in ctx.text
        ctx.memo["litellm"] = lower_hit and bool(_LITELLM.search(ctx.text))
    return ctx.memo["litellm"]


def decide(ctx: FileContext, ref: ModelRef, match: ModelMatch) -> Decision:
    key = ("decide", ref.span, ref.text)
    if key not in ctx.memo:
        ctx.memo[key] = _decide(ctx, ref, match)
    return ctx.memo[key]


def _decide(ctx: FileContext, ref: ModelRef, match: ModelMatch) -> Decision:
    if match.form in ("litellm-openrouter", "prefixed-openrouter", "openrouter-bare"):
        sep = ":" if match.form == "prefixed-openrouter" else "/"
        return Decision(OPENROUTER, Confidence.LIKELY, f"its 'openrouter{sep}' prefix", level="id")
    if match.form == "prefixed-openai":
        return Decision(OPENAI, Confidence.LIKELY, "the id's 'openai:' prefix calls OpenAI directly", level="id")
    if ref.provider_hint is not None:
        word = {OPENROUTER: "OpenRouter", OPENAI: "OpenAI", GATEWAY: "another gateway"}.get(ref.provider_hint, ref.provider_hint)
        return Decision(ref.provider_hint, Confidence.LIKELY if ref.provider_hint != GATEWAY else Confidence.UNKNOWN,
                        f"{word} in its entry", level="tool")
    if ref.sites:
        d = _from_sites(ctx, ref)
        if d is not None:
            return d
    for scope in ref.scopes:
        d = _from_signals(ctx, [s for s in signals(ctx) if _within(s.span, scope)], "function", match)
        if d is not None:
            return d
    if ref.binding is not None and not ref.sites and ctx.facts is not None:
        d = _from_importers(ctx, ref)
        if d is not None:
            return d
    if ctx.facts is not None and ctx.facts.language == "text" and match.form in ("openrouter-slug", "bare") \
            and not signals(ctx):
        d = _from_text_users(ctx, ref)
        if d is not None:
            return d
    if match.form == "openrouter-slug" and _uses_litellm(ctx) and not ref.reached_call:
        url = next((sg for sg in signals(ctx) if sg.kind == "openrouter" and "openrouter.ai" in sg.detail), None)
        if url is None:
            return Decision(OPENAI, Confidence.LIKELY, "LiteLLM reads the 'openai/' prefix as OpenAI itself", level="file")
    d = _from_signals(ctx, signals(ctx), "file", match)
    if d is not None:
        return d
    if ref.env_name is not None:
        d = _from_env_readers(ctx, ref)
        if d is not None:
            return d
    base = ctx.openrouter_base_url_binding()
    if base is not None:
        return Decision(OPENROUTER, Confidence.LIKELY, f"{base.entry.key} in {base.path.name}",
                        (entry_related(base, f"{base.entry.key} points the OpenAI client at OpenRouter"),), level="project")
    if match.form == "bare":
        return Decision(OPENAI, Confidence.UNKNOWN, "nothing here points at OpenRouter")
    keyb = ctx.env_bindings("OPENROUTER_API_KEY")
    if keyb:
        return Decision(OPENROUTER, Confidence.UNKNOWN,
                        f"OPENROUTER_API_KEY in {keyb[0].path.name}",
                        (entry_related(keyb[0], "OPENROUTER_API_KEY is set here"),), level="project")
    return Decision(UNKNOWN, Confidence.UNKNOWN, "no provider evidence")


def _from_importers(ctx: FileContext, ref: ModelRef) -> Decision | None:
    """The id is bound to a module-level name another module imports and sends (crossfile.py).
    One link more than a call in the same file: at most information ("import" level)."""
    from ..crossfile import importer_evidence

    found = importer_evidence(ctx.ws, ctx.path, ctx.facts.language, ref.binding, ref.text)
    resolved = _known_providers(ctx, found)
    kinds = {p for p, *_ in resolved}
    if not kinds:
        return None
    related = tuple(Related(o, e.span, f"{_WORD.get(p, p)}: {c} ({o.name})") for p, c, _, o, e in resolved[:3])
    if len(kinds) > 1:
        return Decision(UNKNOWN, Confidence.UNKNOWN, "its importers send it to different providers", related, level="import")
    provider = kinds.pop()
    _, clause, _, other, _ = resolved[0]
    return Decision(provider, Confidence.LIKELY, f"{clause} in {other.name}", related, level="import",
                    dynamic=all(e.dynamic for *_, e in resolved))


def _from_text_users(ctx: FileContext, ref: ModelRef) -> Decision | None:
    """A constant in a language without a grammar that another file uses next to OpenRouter
    (crossfile.text_usage_evidence): information at most ("import" level)."""
    from ..crossfile import text_usage_evidence

    return _openrouter_elsewhere(text_usage_evidence(ctx.ws, ctx.path, ctx.text, ref.span.line, ref.span.col), "used")


def _from_env_readers(ctx: FileContext, ref: ModelRef) -> Decision | None:
    """MODEL=openai/o3 (a .env, wrangler.toml [vars], a workflow's env:) read by code that talks
    to OpenRouter: information at most ("import" level)."""
    from ..crossfile import env_reader_evidence

    return _openrouter_elsewhere(env_reader_evidence(ctx.ws, ref.env_name), f"{ref.env_name} is read")


def _openrouter_elsewhere(found, what: str) -> Decision | None:
    """OpenRouter, from (file, OpenRouter signal) pairs of the project's other files: "{what} in
    {the first file}, which talks to OpenRouter", information at most ("import" level)."""
    if not found:
        return None
    other, _ = found[0]
    return Decision(OPENROUTER, Confidence.LIKELY, f"{what} in {other.name}, which talks to OpenRouter",
                    tuple(Related(o, s.span, f"OpenRouter evidence: {s.detail}") for o, s in found), level="import")


def _within(span: Span, scope: Span) -> bool:
    return (scope.line, scope.col) <= (span.line, span.col) and (span.end_line, span.end_col) <= (scope.end_line, scope.end_col)


def _env_url_provider(ctx: FileContext, variable: str | None) -> tuple[str | None, str]:
    """The provider the base URL in ``variable`` points at (from the environment or the serving
    .env files), with where it was set; (None, "") when it is not set anywhere we can see."""
    if not variable:
        return None, ""
    value = ctx.env_value(variable)
    if not value:
        return None, ""
    low = value.lower()
    where = "the environment" if ctx.ws.environ.get(variable) else next(
        (b.path.name for b in ctx.env_bindings(variable) if b.value), ".env")
    if "openrouter.ai" in low:
        return OPENROUTER, where
    if "api.openai.com" in low:
        return OPENAI, where
    return GATEWAY, where


def _default_client_base(ctx: FileContext, variable: str | None) -> tuple[str | None, str]:
    """Where a client built without a base URL goes: the OpenAI SDKs read OPENAI_BASE_URL,
    LangChain's ChatOpenAI also OPENAI_API_BASE (langchain-ai/langchain,
    libs/partners/openai/langchain_openai/chat_models/base.py: ``from_env("OPENAI_API_BASE")``)."""
    for name in dict.fromkeys((variable or "OPENAI_BASE_URL", "OPENAI_BASE_URL", "OPENAI_API_BASE")):
        provider, where = _env_url_provider(ctx, name)
        if provider is not None:
            return provider, f"{name} in {where}"
    return None, ""


def _resolved(ctx: FileContext, ev: Evidence) -> tuple[str | None, str, str]:
    """(provider, clause, level) of one piece of call evidence, reading env-derived base URLs."""
    if ev.provider == "env-url":
        provider, where = _env_url_provider(ctx, ev.variable)
        if provider is None:
            return None, "", ""
        return provider, f"{_clause(ev.detail)}, {ev.variable} in {where}", "call"
    if ev.provider == "openai-default":
        provider, where = _default_client_base(ctx, ev.variable)
        if provider == OPENROUTER:
            # The client reads OPENAI_BASE_URL itself: likely, but one step from the call.
            return OPENROUTER, f"{_clause(ev.detail)}, {where}", "project"
        if provider == GATEWAY:
            return GATEWAY, f"{_clause(ev.detail)}, {where}", "project"
        return OPENAI, f"{_clause(ev.detail)}", "call"
    return ev.provider, _clause(ev.detail), "call"


def _clause(detail: str) -> str:
    """A short clause for a message: '"router" = base_url openrouter.ai' → 'client "router"';
    'url openrouter.ai' → "the request's URL"; 'createOpenRouter(…)' as is."""
    if detail.startswith('"') and '" = ' in detail:
        name = detail[1:].split('" = ', 1)[0]
        return f'client "{name}"'
    if detail.startswith("url "):
        return "the request's URL"
    return detail.replace("(…)", "()")


def _known_providers(ctx: FileContext, found) -> list[tuple[str, str, str, Path, Evidence]]:
    """(provider, clause, level, file, evidence) for each (file, call evidence) pair whose
    provider can be told (an env-derived base URL that is set nowhere cannot)."""
    out = []
    for path, ev in found:
        provider, clause, level = _resolved(ctx, ev)
        if provider is not None:
            out.append((provider, clause, level, path, ev))
    return out


def _from_sites(ctx: FileContext, ref: ModelRef) -> Decision | None:
    resolved = _known_providers(ctx, ((ctx.path, ev) for ev in ref.sites))
    kinds = {p for p, *_ in resolved}
    if not kinds:
        return None
    if len(kinds) > 1:
        words = " and ".join(sorted(_WORD.get(k, k) for k in kinds))
        return Decision(UNKNOWN, Confidence.UNKNOWN, f"its calls go to {words}",
                        tuple(Related(ctx.path, ev.span, clause) for _, clause, _, _, ev in resolved[:4]), level="call")
    provider = kinds.pop()
    best = min(resolved, key=lambda r: 0 if r[2] == "call" else 1)
    _, clause, level, _, _ = best
    related = tuple(Related(ctx.path, e.span, f"{_WORD.get(p, p)}: {e.detail.replace('(…)', '()')}")
                    for p, *_, e in resolved[:3])
    return Decision(provider, Confidence.LIKELY, clause, related, level=level, dynamic=all(e.dynamic for *_, e in resolved))


def _from_signals(ctx: FileContext, sigs: list[Signal], level: str, match: ModelMatch | None = None) -> Decision | None:
    # "openrouter/deepseek/deepseek-r1" beside "openai/o3": ids that name their provider in a
    # prefix (LiteLLM and its wrappers). Such a prefix routes its own id, not its neighbours: an
    # "openai/..." id here is OpenAI itself.
    prefixed = [sg for sg in sigs if sg.kind == OPENROUTER and sg.detail.startswith('model "openrouter')]
    if prefixed and match is not None and match.form in ("openrouter-slug", "bare"):
        sg = prefixed[0]
        where = "this function" if level == "function" else "this file"
        return Decision(OPENAI, Confidence.LIKELY, f"{where} names providers LiteLLM-style ({sg.detail[6:]}, line "
                        f"{sg.span.line + 1}), so 'openai/' is OpenAI itself", level=level)
    sigs = [sg for sg in sigs if sg not in prefixed]
    kinds: dict[str, Signal] = {}
    for sg in sigs:
        if sg.kind == "openai-default":
            provider, where = _default_client_base(ctx, "OPENAI_BASE_URL")
            kind = provider if provider in (OPENROUTER, GATEWAY) else OPENAI
        elif sg.kind == "env-url":
            detail, _, variable = sg.detail.rpartition("|")
            kind, _ = _env_url_provider(ctx, variable)
            if kind is None:
                continue
        elif sg.kind in (OPENROUTER, OPENAI, GATEWAY):
            kind = sg.kind
        else:
            continue
        kinds.setdefault(kind, sg)
    if not kinds:
        return None
    where = "the function" if level == "function" else "the file"
    if len(kinds) > 1:
        words = " and ".join(sorted(_WORD.get(k, k) for k in kinds))
        return Decision(UNKNOWN, Confidence.UNKNOWN, f"{where} uses {words}",
                        tuple(Related(ctx.path, s.span, f"{_WORD.get(k, k)}: {s.detail.split('|')[0]}") for k, s in kinds.items()),
                        level=level)
    kind, sg = next(iter(kinds.items()))
    detail = sg.detail.split("|")[0]
    rel = (Related(ctx.path, sg.span, f"{_WORD.get(kind, kind)} evidence: {detail}"),)
    confidence = Confidence.LIKELY if kind != GATEWAY else Confidence.UNKNOWN
    return Decision(kind, confidence, f"{where} uses {_WORD.get(kind, kind)}", rel, level=level)


def file_uses_openrouter(ctx: FileContext) -> Signal | None:
    """OpenRouter evidence in the file: a signal, or a call the flow pass found going there."""
    found = next((s for s in signals(ctx) if s.kind == OPENROUTER), None)
    if found is None and ctx.facts is not None:
        ev = next((e for ref in ctx.facts.models for e in ref.sites if e.provider == OPENROUTER), None)
        if ev is not None:
            found = Signal(OPENROUTER, ev.span, ev.detail)
    return found
