"""Which provider a model reference goes to: OpenRouter, OpenAI directly, another gateway, or unknown.

The decision uses, strongest first: the spelling of the id itself (LiteLLM's ``openrouter/``,
``openrouter:`` prefixes, ``openai:``), evidence in the same file (an OpenRouter base URL,
SDK import, OPENROUTER_* env read; api.openai.com; another gateway's base URL), then the .env
files serving the file (OPENAI_BASE_URL=https://openrouter.ai/api/v1, an OPENROUTER_API_KEY).
"""

from __future__ import annotations

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


def _first(signals: list[Signal], kind: str) -> Signal | None:
    return next((s for s in signals if s.kind == kind), None)


def decide(ctx: FileContext, ref: ModelRef, match: ModelMatch) -> Decision:
    if match.form in ("litellm-openrouter", "prefixed-openrouter"):
        return Decision(OPENROUTER, Confidence.LIKELY, f"the id '{match.text}' routes through OpenRouter")
    if match.form == "prefixed-openai":
        return Decision(OPENAI, Confidence.LIKELY, f"the id '{match.text}' calls OpenAI directly")
    signals = ctx.facts.signals if ctx.facts else []
    orr = _first(signals, "openrouter")
    if orr is not None:
        rel = (Related(ctx.path, orr.span, f"OpenRouter evidence: {orr.detail}"),)
        return Decision(OPENROUTER, Confidence.LIKELY, f"this file talks to OpenRouter ({orr.detail}, line {orr.span.line + 1})", rel)
    gw = _first(signals, "other-gateway")
    if gw is not None:
        rel = (Related(ctx.path, gw.span, f"gateway: {gw.detail}"),)
        return Decision(GATEWAY, Confidence.UNKNOWN, f"this file sends requests to another gateway ({gw.detail})", rel)
    direct = _first(signals, "openai-direct")
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
    signals = ctx.facts.signals if ctx.facts else []
    return _first(signals, "openrouter")
