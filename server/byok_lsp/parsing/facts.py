"""Facts that parsers extract from text, with exact positions. Rules consume only these.

A parser never decides whether something is a problem: it reports what the text says (this
string names a model, this call reads that environment variable, this URL points at
OpenRouter) and where. Spans follow ``byok_lsp.findings.Span`` (0-based, code points).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from ..findings import Span


@dataclass(frozen=True)
class Evidence:
    """What the code around a model id says about the provider that receives it.

    Found by a language's flow pass (``parsing/flow_python.py``, ``flow_js.py``): the call the id
    reaches (directly, through a variable, a dict, a default parameter or a local function's
    parameter) and what that call shows — its receiver client and how that client was built, a
    URL or base URL in the same request, a factory such as ``createOpenRouter``, a tool's
    convention for the callee (LiteLLM reads ``openai/`` as OpenAI itself).
    """

    provider: str  # "openrouter" | "openai-direct" | "openai-default" | "other-gateway" | "env-url"
    detail: str  # short clause for messages, e.g. 'client "router" (base_url openrouter.ai/api/v1)'
    span: Span  # where the deciding text is written
    # "env-url": the base URL comes from this environment variable (the rules read its value
    # from the .env files serving the file); "openai-default": an OpenAI client with no base
    # URL, which OPENAI_BASE_URL may still redirect.
    variable: str | None = None
    dynamic: bool = False  # reached only through a computed key (MODELS[name]): any entry may be sent
    sent_as: str | None = None  # the id this call sends when it rewrites it (LiteLLM + api_base strips "openai/")


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
    # Filled by the flow pass (after extraction; never by the node pass, so that an edit far
    # away, such as a changed base URL, is seen): the evidence of the call(s) the id reaches,
    # the enclosing function and class (innermost first), and the outermost literal collection
    # holding it (a registry of many ids is not the project's choice of model).
    sites: tuple[Evidence, ...] = ()
    scopes: tuple[Span, ...] = ()
    container: Span | None = None
    # How far the flow pass followed the id: True when it reached at least one call.
    reached_call: bool = False
    # The id the provider actually receives, when the tool rewrites it: LiteLLM (and aider,
    # CrewAI on top of it) strip their "openai/" prefix before sending to an api_base, so
    # "openai/o3" reaches an OpenRouter api_base as "o3". None: sent as written.
    sent_as: str | None = None
    # The module-level name the id is bound to when no call in its own file receives it:
    # (name, keys inside it), e.g. ("MODELS", ("planner",)). Another module may import it
    # (crossfile.py follows it there).
    binding: tuple[str, tuple[str, ...]] | None = None
    # The environment variable this id is the value of (MODEL=openai/o3 in a .env, [vars] in
    # wrangler.toml, env: in a workflow, compose environment:): the code that reads the variable
    # is where it is sent (crossfile.env_reader_evidence).
    env_name: str | None = None


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
    # "comment", "doc" (docstring, notebook markdown/output), "prose" (a message the code
    # prints, logs or raises), "string" (any other literal: often code that matches the error)
    where: str = "string"


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

    def add_moved(self, found: CodeFacts, move: Callable[[Span], Span]) -> None:
        """Append the facts of a part parsed on its own (front matter, a notebook cell), each span
        passed through ``move`` into this file's positions. ``stopped_at`` is the caller's call."""
        for name in SPANNED_LISTS:
            getattr(self, name).extend(replace(x, span=move(x.span)) for x in getattr(found, name))
        self.dotenv_paths.extend((p, move(span)) for p, span in found.dotenv_paths)


# The CodeFacts lists whose items carry a ``span`` (dotenv_paths holds (path, span) pairs).
SPANNED_LISTS = ("models", "env_reads", "signals", "secrets", "error_texts")
