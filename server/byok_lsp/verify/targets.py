"""What to verify in a workspace: the keys the code would use, and the gated models it calls.

Keys come from the .env files serving the checked files and from the environment, under
``OPENROUTER_API_KEY``, ``OPENAI_API_KEY``, the variables the code reads, and BYOK-named
variables. Placeholders and malformed keys are dropped here, so no request is ever made for
them. A management key is never taken from a workspace: only the process environment
(``OPENROUTER_MANAGEMENT_KEY``) or the editor passes one in.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from .. import keys
from ..catalog import ModelEntry
from ..catalog import load as load_catalog
from ..findings import Span
from ..workspace import Workspace, is_env_file, is_env_template, looks_like_key_name

MANAGEMENT_KEY_VAR = "OPENROUTER_MANAGEMENT_KEY"
DEFAULT_KEY_VARS = ("OPENROUTER_API_KEY", "OPENAI_API_KEY")
_EXTRA_KEY_VAR = re.compile(r"BYOK|OPEN_?ROUTER", re.IGNORECASE)
MAX_KEYS_PER_KIND = 3
MAX_MODELS = 5


class Secret:
    """A key value that cannot leak through repr, str, f-strings or logging."""

    __slots__ = ("_value",)

    def __init__(self, value: str):
        self._value = value

    def reveal(self) -> str:
        """The key itself: only for the Authorization header and the salted fingerprint."""
        return self._value

    @property
    def masked(self) -> str:
        return keys.mask(self._value)

    def __repr__(self) -> str:
        return f"Secret({self.masked})"

    __str__ = __repr__

    def __eq__(self, other) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)


@dataclass(frozen=True)
class Source:
    variable: str
    path: Path | None  # the .env file; None for the process environment
    span: Span | None  # EnvEntry.line_span


@dataclass
class KeyTarget:
    kind: str  # "openrouter" | "openai"
    secret: Secret
    sources: list[Source] = field(default_factory=list)
    # where the code reads one of the variables: the anchor when the key lives only in the environment
    reads: list[tuple[Path, Span]] = field(default_factory=list)

    @property
    def variables(self) -> str:
        return ", ".join(dict.fromkeys(s.variable for s in self.sources))

    def anchors(self) -> list[tuple[Path, Span]]:
        out = [(s.path, s.span) for s in self.sources if s.path is not None and s.span is not None]
        return out or self.reads[:1]


@dataclass(frozen=True)
class ModelUse:
    entry: ModelEntry
    path: Path
    span: Span
    provider: str  # rules.provider: "openrouter", "openai-direct", "unknown"
    text: str

    @property
    def slug(self) -> str:
        return self.entry.slug


@dataclass
class Plan:
    root: Path
    openrouter_keys: list[KeyTarget] = field(default_factory=list)
    openai_keys: list[KeyTarget] = field(default_factory=list)
    models: list[ModelUse] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    fallback: tuple[Path, Span] | None = None  # an anchor when nothing better exists

    @property
    def routed_models(self) -> list[ModelUse]:
        """Uses whose BYOK status matters: sent to OpenRouter, or provider unclear."""
        return [m for m in self.models if m.provider in ("openrouter", "unknown")]

    def uses_of(self, slug: str, routed_only: bool = False) -> list[ModelUse]:
        pool = self.routed_models if routed_only else self.models
        return [m for m in pool if m.slug == slug]

    def slugs(self, routed_only: bool = False) -> list[str]:
        pool = self.routed_models if routed_only else self.models
        return list(dict.fromkeys(m.slug for m in pool))[:MAX_MODELS]


def classify(value: str | None) -> str | None:
    """"openrouter" / "openai" for a usable key; None for empty, placeholder or malformed values."""
    v = (value or "").strip()
    if not v or keys.is_placeholder(v):
        return None
    kind = keys.kind_of(v)
    if kind == "openrouter":
        return "openrouter" if keys.OPENROUTER_KEY.fullmatch(v) else None
    return "openai" if kind == "openai" else None


def process_management_key(environ: dict[str, str] | None = None) -> str | None:
    """The management key from the PROCESS environment only, if it is a well-formed key."""
    value = (os.environ if environ is None else environ).get(MANAGEMENT_KEY_VAR, "").strip()
    return value if classify(value) == "openrouter" else None


def _code_facts(ws: Workspace, path: Path):
    """(FileContext, facts) for a code/config file that can matter, else None."""
    from ..context import FileContext
    from ..engine import file_kind
    from ..parsing.code import extract, prefilter

    kind, _ = file_kind(path)
    if kind not in ("code", "config"):
        return None
    text = ws.text_of(path)
    if not text or not prefilter(text.encode("utf-8", "surrogatepass")):
        return None
    config, _err = ws.config_for(path)
    ctx = FileContext(path=path, text=text, ws=ws, config=config, catalog=load_catalog(), kind=kind)
    ctx.facts = extract(path, text)
    return ctx


def build_plan(ws: Workspace, paths: list[Path]) -> Plan:
    """What the online checks will ask about: the workspace's keys (from the .env files serving
    its code, and the environment) and the models its code sends, as the rules see them."""
    plan = Plan(ws.root)
    env_files, names, reads = _scan_files(ws, paths, plan)
    found: dict[tuple[str, Secret], KeyTarget] = {}
    for env_path in env_files:
        _keys_in_env_file(ws, env_path, names, reads, found, plan)
    for name in names:
        _add_key(found, reads, name, ws.environ.get(name), None, None)
    for target in found.values():
        bucket = plan.openrouter_keys if target.kind == "openrouter" else plan.openai_keys
        if len(bucket) < MAX_KEYS_PER_KIND:
            bucket.append(target)
        else:
            plan.notes.append(f"online: more than {MAX_KEYS_PER_KIND} {target.kind} keys; checked the first "
                              f"{MAX_KEYS_PER_KIND} only")
    if plan.fallback is None and plan.models:
        plan.fallback = (plan.models[0].path, plan.models[0].span)
    return plan


def _scan_files(ws: Workspace, paths: list[Path], plan: Plan):
    """(.env files to read, key variable names, where the code reads each) from the files, and
    the plan's model uses: the ids ``usage.gated_refs`` selects, with the provider ``decide`` gives."""
    from ..rules.provider import GATEWAY, decide
    from ..rules.usage import gated_refs

    env_files: dict[Path, None] = {}
    names: dict[str, None] = dict.fromkeys(DEFAULT_KEY_VARS)
    reads: dict[str, list[tuple[Path, Span]]] = {}
    for path in paths:
        if plan.fallback is None:
            plan.fallback = (path, Span(0, 0, 0, 0))
        if is_env_file(path):
            if not is_env_template(path):
                env_files[path] = None
            continue
        ctx = _code_facts(ws, path)
        if ctx is None:
            continue
        env_files.update(dict.fromkeys(ctx.env_and_templates[0]))
        for r in ctx.facts.env_reads:
            if looks_like_key_name(r.name) and r.name != MANAGEMENT_KEY_VAR:
                names.setdefault(r.name)
                reads.setdefault(r.name, []).append((path, r.span))
        for ref, match in gated_refs(ctx):
            if match.entry.byok == "no":
                continue
            decision = decide(ctx, ref, match)
            if decision.provider != GATEWAY:
                plan.models.append(ModelUse(match.entry, path, ref.span, decision.provider, match.text))
    return env_files, names, reads


def _keys_in_env_file(ws: Workspace, env_path: Path, names, reads, found, plan: Plan) -> None:
    """The keys one .env file holds under a name the code reads (or an OpenRouter/OpenAI-looking name)."""
    doc = ws.dotenv(env_path)
    if doc is None:
        return
    wanted = dict(names)
    for entry in doc.entries:
        if entry.key == MANAGEMENT_KEY_VAR:
            plan.notes.append(f"{env_path.name}: {MANAGEMENT_KEY_VAR} in a workspace file is ignored; "
                              f"byok-lsp reads management keys only from the process environment or the editor")
        elif _EXTRA_KEY_VAR.search(entry.key) and looks_like_key_name(entry.key):
            wanted.setdefault(entry.key)
    for name in wanted:
        entry = doc.get(name)
        if entry is not None:
            _add_key(found, reads, name, entry.value, env_path, entry.line_span)


def _add_key(found: dict, reads: dict, variable: str, value: str | None, path: Path | None, span: Span | None) -> None:
    """One key value seen under ``variable``: the same secret from several places is one target."""
    kind = classify(value)
    if kind is None:
        return
    secret = Secret(value.strip())
    target = found.setdefault((kind, secret), KeyTarget(kind, secret))
    source = Source(variable, path, span)
    if source not in target.sources:
        target.sources.append(source)
    target.reads.extend(r for r in reads.get(variable, []) if r not in target.reads)
