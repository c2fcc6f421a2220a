"""Which provider a model reference goes to: OpenRouter, OpenAI directly, another gateway, or unknown.

The decision uses, strongest first: the spelling of the id itself (LiteLLM's ``openrouter/``,
``openrouter:`` prefixes, ``openai:``), evidence in the same file (an OpenRouter base URL,
SDK import, OPENROUTER_* env read; api.openai.com; another gateway's base URL), then the .env
files serving the file (OPENAI_BASE_URL=https://openrouter.ai/api/v1, an OPENROUTER_API_KEY).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..catalog import ModelMatch
from ..context import FileContext, entry_related
from ..findings import Confidence, Related
from ..parsing.facts import ModelRef, Signal

OPENROUTER, OPENAI, GATEWAY, UNKNOWN = "openrouter", "openai-direct", "other-gateway", "unknown"


@dataclass(frozen=True)
class Decision:
    provider: str
    confidence: Confidence
    because: str  # "because ..." clause for messages
    related: tuple[Related, ...] = ()


# LiteLLM reads the prefix as the provider: "openai/o3" goes to api.openai.com unless an
# api_base sends it elsewhere; "openrouter/openai/o3" goes to OpenRouter.
_LITELLM = re.compile(r"\bimport litellm\b|\bfrom litellm\b|litellm_params|[\"']litellm[\"']|\bLiteLLMModel\b|\bChatLiteLLM\b")


def _first(signals: list[Signal], kind: str) -> Signal | None:
    return next((s for s in signals if s.kind == kind), None)


def signals(ctx: FileContext) -> list[Signal]:
    """The file's provider evidence. A model id such as "openrouter/openai/o3" counts as evidence
    only where it is used as a model, not as test data or in a list of spellings."""
    if "signals" not in ctx.memo:
        if ctx.facts is None:
            ctx.memo["signals"] = []
        else:
            used = {ref.span for ref in ctx.facts.models if ref.in_model_context}
            ctx.memo["signals"] = [s for s in ctx.facts.signals if not s.detail.startswith('model "') or s.span in used]
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
    if match.form in ("litellm-openrouter", "prefixed-openrouter"):
        return Decision(OPENROUTER, Confidence.LIKELY, f"the id '{match.text}' routes through OpenRouter")
    if match.form == "prefixed-openai":
        return Decision(OPENAI, Confidence.LIKELY, f"the id '{match.text}' calls OpenAI directly")
    if ref.provider_hint == OPENAI and match.form in ("openrouter-slug", "bare"):
        return Decision(OPENAI, Confidence.LIKELY, "its config entry names OpenAI as the provider")
    if ref.provider_hint == GATEWAY:
        return Decision(GATEWAY, Confidence.UNKNOWN, "its config entry sends it to another gateway")
    if ref.provider_hint == OPENROUTER:
        return Decision(OPENROUTER, Confidence.LIKELY, "its config entry names OpenRouter as the provider")
    sigs = signals(ctx)
    if match.form == "openrouter-slug" and _uses_litellm(ctx):
        url = next((sg for sg in sigs if sg.kind == "openrouter" and "openrouter.ai" in sg.detail), None)
        if url is None:
            return Decision(OPENAI, Confidence.LIKELY, f"LiteLLM sends '{match.text}' to api.openai.com (its 'openai/' prefix names the provider)")
    orr = _first(sigs, "openrouter")
    if orr is not None:
        rel = (Related(ctx.path, orr.span, f"OpenRouter evidence: {orr.detail}"),)
        return Decision(OPENROUTER, Confidence.LIKELY, f"this file talks to OpenRouter ({orr.detail}, line {orr.span.line + 1})", rel)
    gw = _first(sigs, "other-gateway")
    if gw is not None:
        rel = (Related(ctx.path, gw.span, f"gateway: {gw.detail}"),)
        return Decision(GATEWAY, Confidence.UNKNOWN, f"this file sends requests to another gateway ({gw.detail})", rel)
    direct = _first(sigs, "openai-direct")
    if direct is not None:
        rel = (Related(ctx.path, direct.span, f"OpenAI evidence: {direct.detail}"),)
        return Decision(OPENAI, Confidence.LIKELY, f"this file calls OpenAI directly ({direct.detail})", rel)
    base = ctx.openrouter_base_url_binding()
    if base is not None:
        return Decision(OPENROUTER, Confidence.LIKELY,
                        f"{base.entry.key} in {base.path.name} points at OpenRouter",
                        (entry_related(base, f"{base.entry.key} points the OpenAI client at OpenRouter"),))
    if match.form == "bare":
        return Decision(OPENAI, Confidence.UNKNOWN, "nothing in this file points at OpenRouter")
    keyb = ctx.env_bindings("OPENROUTER_API_KEY")
    if keyb:
        return Decision(OPENROUTER, Confidence.UNKNOWN,
                        f"the project sets OPENROUTER_API_KEY in {keyb[0].path.name} and '{match.text}' is an OpenRouter id",
                        (entry_related(keyb[0], "OPENROUTER_API_KEY is set here"),))
    return Decision(UNKNOWN, Confidence.UNKNOWN, f"'{match.text}' is spelled as an OpenRouter id, but nothing here shows which provider receives it")


def file_uses_openrouter(ctx: FileContext) -> Signal | None:
    return _first(signals(ctx), "openrouter")
