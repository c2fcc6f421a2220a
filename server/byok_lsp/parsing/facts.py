"""Facts that parsers extract from text, with exact positions. Rules consume only these.

A parser never decides whether something is a problem: it reports what the text says (this
string names a model, this call reads that environment variable, this URL points at
OpenRouter) and where. Spans follow ``byok_lsp.findings.Span`` (0-based, code points).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..findings import Span


@dataclass(frozen=True)
class ModelRef:
    """A string that names a catalogued model (``catalog.lookup_model(text)`` is not None)."""

    text: str  # exactly as written, without quotes, e.g. "openrouter/openai/o3"
    span: Span  # covers exactly ``text``
    # The surrounding code says this is a model: keyword/key/variable named like "model",
    # "--model", the first argument of openrouter(...)/completion(model=...), a config key.
    in_model_context: bool = False
    # A streaming flag sits in the same call/object: True (stream=True), False, or None (unknown).
    streaming: bool | None = None
    # The provider named by the same config entry ("provider: openai", "apiBase: https://...")
    # — "openrouter", "openai-direct", "other-gateway" — or None. It beats file-level evidence:
    # one Continue/LiteLLM config mixes entries for several providers.
    provider_hint: str | None = None


@dataclass(frozen=True)
class EnvRead:
    """The code reads an environment variable: os.getenv("X"), process.env.X, ${X:-d}, ..."""

    name: str
    span: Span  # the variable name
    default: str | None = None


@dataclass(frozen=True)
class Signal:
    """Evidence about which provider the file talks to.

    kind: "openrouter" (base URL on openrouter.ai, an OpenRouter SDK import, createOpenRouter,
    ChatOpenRouter, LiteLLM "openrouter/" prefix...), "openai-direct" (api.openai.com, an
    OpenAI client with no base URL override is NOT enough on its own), or "other-gateway"
    (a base URL on another host that reuses OpenRouter-style slugs).
    """

    kind: str
    span: Span
    detail: str  # short human text, e.g. "base_url https://openrouter.ai/api/v1"


@dataclass(frozen=True)
class SecretLiteral:
    """A token that looks like an API key, in code or config (never printed in full)."""

    value: str
    span: Span
    kind: str  # "openrouter" | "openai" | "openai-admin"


@dataclass(frozen=True)
class ErrorText:
    """A string or comment that quotes a known upstream error (catalog.match_error)."""

    text: str
    span: Span


@dataclass
class CodeFacts:
    language: str  # "python", "javascript", "typescript", "tsx", "yaml", "toml", "json", "shell", "dockerfile", "makefile", "notebook", "text"
    models: list[ModelRef] = field(default_factory=list)
    env_reads: list[EnvRead] = field(default_factory=list)
    signals: list[Signal] = field(default_factory=list)
    secrets: list[SecretLiteral] = field(default_factory=list)
    error_texts: list[ErrorText] = field(default_factory=list)
    # Paths the code loads env files from: load_dotenv("config/.env"), dotenv.config({path}),
    # compose env_file:. As written (relative to the file's folder unless absolute).
    dotenv_paths: list[tuple[str, Span]] = field(default_factory=list)
    # Human-readable reason when the parser gave up on part of the file (tree-sitter ERROR
    # nodes are normal for half-typed code and are NOT reported here).
    note: str | None = None
    # Where extraction stopped because the file has more string literals than
    # ``treesitter.MAX_LITERALS`` (generated data): nothing after it was looked at.
    stopped_at: Span | None = None
