"""Rules on .env files and the keys the code needs from them (BYOK2xx)."""

from __future__ import annotations

import re
from pathlib import Path

from .. import keys
from ..context import FileContext, entry_related
from ..findings import Fix, FixSafety, Related, Severity, Span, TextEdit
from ..textio import call_text
from ..workspace import is_env_template, looks_like_key_name
from . import fixes
from .provider import file_uses_openrouter
from .registry import Rule, register

_OPENROUTER_NAME = re.compile(r"OPEN_?ROUTER", re.IGNORECASE)


# Clients that read OPENROUTER_API_KEY themselves when no key is passed (catalog/conventions.toml):
# @openrouter/ai-sdk-provider's createOpenRouter, the OpenRouter SDKs, LangChain's ChatOpenRouter,
# pydantic-ai's OpenRouterProvider / provider="openrouter", LiteLLM's "openrouter/..." ids.
_IMPLICIT_CALL = re.compile(r"\b(createOpenRouter|ChatOpenRouter|OpenRouterProvider|OpenRouter)\s*\(")
_PROVIDER_OPENROUTER = re.compile(r"""\bprovider\s*=\s*["']openrouter["']""")
_LITELLM_OPENROUTER = re.compile(r"""\b(a?completion|ChatLiteLLM|LiteLLMModel|LLM)\s*\(\s*(?:model\s*=\s*)?["']openrouter/""")
_KEY_ARG = re.compile(r"\b(api_?[kK]ey|apiKey|openrouter_api_key|token)\s*[:=]")
# CLIs that read OPENROUTER_API_KEY for an openrouter/ model (aider, Inspect, LiteLLM's proxy,
# Simon Willison's llm): `aider --model openrouter/openai/o3`.
_CLI_OPENROUTER = re.compile(r"\b(aider|inspect|llm|litellm)\b[^\n]*?(?:--model|--weak-model|--editor-model|-m)[ =][\"']?openrouter/")
_CLI_KEY_ARG = re.compile(r"--(?:openrouter-)?api-key|--api-keys?\b|--key\b")
_CODE_LANGUAGES = ("python", "javascript", "typescript", "tsx", "notebook", "shell")
_SENDS_KEY = re.compile(r"Bearer|Authorization|\bapi_?[kK]ey\s*[:=]|\bapiKey\s*[:=]|x-api-key", re.IGNORECASE)


def _implicit_reads(ctx: FileContext):
    """(span, how) of calls that read OPENROUTER_API_KEY themselves: no key argument passed."""
    from ..parsing.treesitter import Source

    text = ctx.text
    if "penRouter" not in text and "openrouter" not in text:
        return []
    src = Source(text)
    out = []
    for pattern in (_IMPLICIT_CALL, _PROVIDER_OPENROUTER, _LITELLM_OPENROUTER):
        for m in pattern.finditer(text):
            call = call_text(text, m.start(), 600) if pattern is not _PROVIDER_OPENROUTER else \
                call_text(text, text.rfind("(", 0, m.start()) - 40 if text.rfind("(", 0, m.start()) > 40 else 0, 600)
            if _KEY_ARG.search(call):
                continue  # the key is passed: nothing is read implicitly
            line = text.count("\n", 0, m.start())
            if _in_comment(ctx, line):
                continue
            a, b = len(text[: m.start()].encode("utf-8", "surrogatepass")), len(text[: m.end()].encode("utf-8", "surrogatepass"))
            name = m.group(1) if pattern is not _PROVIDER_OPENROUTER else 'provider="openrouter"'
            out.append((src.span(a, b), f"{name.rstrip('(')} reads it when no key is passed"))
    if ctx.facts is not None and ctx.facts.language == "shell":
        for m in _CLI_OPENROUTER.finditer(text):
            line_end = text.find("\n", m.end())
            if _CLI_KEY_ARG.search(text, m.start(), line_end if line_end >= 0 else len(text)):
                continue
            a = len(text[: m.start()].encode("utf-8", "surrogatepass"))
            b = a + len(m.group(1).encode())
            out.append((src.span(a, b), f"{m.group(1)} reads it for an openrouter/ model"))
    out.sort(key=lambda item: (item[0].line, item[0].col))
    return out[:1]


def _in_comment(ctx: FileContext, line: int) -> bool:
    body = ctx.lines[line].lstrip() if line < len(ctx.lines) else ""
    return body.startswith(("#", "//", "*", "/*"))


def _needed_keys(ctx: FileContext):
    """[(variable name, span to report at, how we know)] for the key this file needs from the env.

    Only what the code demonstrably reads for OpenRouter: an env read named for OpenRouter in a
    file that talks to OpenRouter, OPENAI_API_KEY when the OpenAI client is pointed at OpenRouter,
    or the documented implicit read of a client called without a key. A key passed any other way
    (hard-coded, from a secrets manager, per user) is not our business here.
    """
    facts = ctx.facts
    orr = file_uses_openrouter(ctx)
    base = ctx.openrouter_base_url_binding()
    if orr is None and base is None:
        return []
    reads = [r for r in facts.env_reads if looks_like_key_name(r.name)]
    named = [r for r in reads if _OPENROUTER_NAME.search(r.name)]
    if named:
        return [(r.name, r.span, "read here") for r in named[:1]]
    # a key read under another name that the request sends: `Authorization: Bearer ${env.OR_TOKEN}`
    sent = [r for r in reads if r.name != "OPENAI_API_KEY" and _SENDS_KEY.search(ctx.lines[r.span.line])]
    if sent:
        return [(r.name, r.span, "sent as the OpenRouter key here") for r in sent[:1]]
    openai_reads = [r for r in reads if r.name == "OPENAI_API_KEY"]
    if openai_reads:
        return [(r.name, r.span, "read here; the OpenAI client is pointed at OpenRouter") for r in openai_reads[:1]]
    if reads or facts.secrets or facts.language not in _CODE_LANGUAGES:
        return []
    return [("OPENROUTER_API_KEY", span, how) for span, how in _implicit_reads(ctx)]


def _user_env_files(ctx: FileContext, env: list[Path]) -> list[Path]:
    """The serving env files where this project keeps its secrets: .env and .env.local always;
    a mode file (.env.development, committed configuration) only when it holds some key."""
    out = []
    for p in env:
        if p.name in (".env", ".env.local"):
            out.append(p)
            continue
        doc = ctx.ws.dotenv(p)
        if doc is not None and any(e.value and looks_like_key_name(e.key) for e in doc.entries):
            out.append(p)
    return out


def _nearest_env_target(ctx: FileContext) -> Path:
    env, _ = ctx.env_and_templates
    plain = [p for p in env if p.name == ".env"]
    if plain:
        return plain[0]
    return (ctx.config.path.parent if ctx.config.path else ctx.ws.root) / ".env"


def check_missing_key(ctx: FileContext):
    if ctx.facts is None:
        return
    needed = _needed_keys(ctx)
    if not needed:
        return
    env, templates = ctx.env_and_templates
    env = _user_env_files(ctx, env)
    if not env:
        return  # a fresh clone, or keys from the shell or a secrets manager: nothing to judge
    for name, span, how in needed:
        if ctx.ws.environ.get(name):
            continue
        bindings = ctx.env_bindings(name)
        if any(b.value for b in bindings):
            continue
        related = tuple(entry_related(b, f"{name} is empty here") for b in bindings)
        target = _nearest_env_target(ctx)
        near = None if bindings else _near_miss(ctx, name, env)
        if near is not None:
            yield _near_miss_finding(ctx, name, span, near)
            continue
        fx = []
        # The variable already in the target (empty) is not added again: a duplicate line (BYOK205)
        # would not set it; the related information points at the line to fill in.
        if not any(b.path == target for b in bindings):
            fx.append(fixes.add_env_line(ctx, target, f"{name}=", f"Add {name}= to {target.name}",
                                         FixSafety.SAFE if target.exists() else FixSafety.UNSAFE))
        for tpl in templates[:1]:
            if not ctx.env_bindings(name, templates=True):
                fx.append(fixes.add_env_line(ctx, tpl, f"{name}=", f"Add {name}= to {tpl.name}"))
        if not templates:
            tpl = target.parent / ".env.example"
            fx.append(fixes.add_env_line(ctx, tpl, f"{name}=", f"Create {tpl.name} listing {name}", FixSafety.UNSAFE))
        fx.append(fixes.open_page("Open OpenRouter's keys page", ctx.catalog.links["openrouter-keys"]))
        where = ", ".join(p.name for p in env[:2])
        state = f"it is empty in {bindings[0].path.name}" if bindings else f"it is not set in {where}"
        msg = f"Set {name} in {env[0].name} or OpenRouter answers 401: {state} ({how})."
        if len(msg) > 140:
            msg = f"Set {name} in {env[0].name} or OpenRouter answers 401: {state}."
        yield ctx.finding(MISSING_KEY, span, msg, related=related + tuple(
            Related(p, Span(0, 0, 0, 0), f"{p.name} serves this file") for p in env[:2] if not bindings),
            fixes=tuple(fx), data={"variable": name})


_KEY_SUFFIX = re.compile(r"(?:API)?(?:KEY|TOKEN|SECRET)$")


def _name_stem(name: str) -> str:
    """``OPEN_ROUTER_API_KEY``, ``OPENROUTER_KEY``, ``openrouter_api_key`` → ``OPENROUTER``:
    the spellings users mix up for the same key."""
    squashed = re.sub(r"[^A-Za-z0-9]", "", name).upper()
    return _KEY_SUFFIX.sub("", squashed)


def _near_miss(ctx: FileContext, name: str, env: list[Path]):
    """(.env path, entry) of a variable whose name is another spelling of ``name`` and whose value
    is an OpenRouter key: the key is there, under the wrong name (Roo-Code#2445)."""
    stem = _name_stem(name)
    if len(stem) < 4:
        return None
    for path in env:
        doc = ctx.ws.dotenv(path)
        for entry in (doc.entries if doc is not None else ()):
            if entry.key == name or _name_stem(entry.key) != stem or not looks_like_key_name(entry.key):
                continue
            value = (entry.value or "").strip().strip("'\"")
            if keys.kind_of(value) == "openrouter" and not keys.is_placeholder(value):
                return path, entry
    return None


def _near_miss_finding(ctx: FileContext, name: str, span: Span, near):
    """BYOK201 when the key is in .env under another spelling: two ways to make them agree."""
    path, entry = near
    fx = [Fix(f"Rename {entry.key} to {name} in {path.name}", FixSafety.UNSAFE,
              (TextEdit(path, entry.key_span, name),))]
    if span.line == span.end_line and ctx.lines[span.line][span.col:span.end_col] == name:
        fx.append(fixes.replace_text(ctx, f"Read {entry.key} here instead", span, entry.key))
    msg = f"Rename {entry.key} in {path.name} to {name}, or read {entry.key}: the key is there under that name; OpenRouter answers 401."
    if len(msg) > 140:
        msg = f"Rename {entry.key} in {path.name} to {name}: the key is there under that name; OpenRouter answers 401."
    return ctx.finding(MISSING_KEY, span, msg, related=(Related(path, entry.line_span, f"the key, as {entry.key}"),),
                       fixes=tuple(fx), data={"variable": name, "near_miss": entry.key})


def _key_entries(ctx: FileContext) -> list:
    """The entries that hold keys (once per file: five rules ask, a .env can have 50,000 lines)."""
    if "key_entries" not in ctx.memo:
        ctx.memo["key_entries"] = [e for e in ctx.dotenv.entries if e.value is not None and looks_like_key_name(e.key)]
    return ctx.memo["key_entries"]


def check_placeholder(ctx: FileContext):
    if is_env_template(ctx.path):
        return
    for entry in _key_entries(ctx):
        if entry.value and keys.is_placeholder(entry.value):
            msg = f"Paste the real key into {entry.key}: it holds a placeholder ({keys.mask(entry.value)}), so requests fail with 401."
            yield ctx.finding(PLACEHOLDER, entry.value_span, msg, fixes=(
                fixes.open_page("Open OpenRouter's keys page", ctx.catalog.links["openrouter-keys"]),), data={"variable": entry.key})


def check_malformed(ctx: FileContext):
    if is_env_template(ctx.path):
        return  # a template's values are examples (sk-or-v1-3f2a9c...)
    for entry in _key_entries(ctx):
        value = entry.value.strip().strip("'\"")
        if keys.OPENROUTER_KEY.search(value) or re.search(r"[\s#'\"]", value):
            continue  # a whole key with something around it, or split by a space: BYOK206 (corrupted) says what
        if value.startswith("sk-or-") and not keys.is_placeholder(value):
            problem = keys.openrouter_format_problem(value)
            if problem:
                msg = f"Copy the whole key into {entry.key}: {keys.mask(value)} is malformed ({problem})."
                yield ctx.finding(MALFORMED, entry.value_span, msg, fixes=(
                    fixes.open_page("Open OpenRouter's keys page", ctx.catalog.links["openrouter-keys"]),), data={"variable": entry.key})


def _openai_client_on_openrouter(ctx: FileContext) -> str | None:
    """Why the OpenAI SDK of this project sends OPENAI_API_KEY to OpenRouter, or None: a base URL
    variable on OpenRouter in a serving .env (also a layered one: .env + .env.local), aider's
    openai-api-base beside it, or code that builds the client on OpenRouter without a key."""
    base = ctx.openrouter_base_url_binding()
    if base is not None:
        return f"{base.entry.key} in {base.path.name} points the OpenAI client at OpenRouter"
    for name in (".aider.conf.yml", ".aider.conf.yaml"):
        text = ctx.ws.text_of(ctx.path.parent / name)
        if text and "openrouter.ai" in text and "openai-api-base" in text:
            return f"{name} sets openai-api-base to OpenRouter"
    from ..crossfile import clients_reading_openai_key_on_openrouter

    found = clients_reading_openai_key_on_openrouter(ctx.ws)
    if found:
        return f"{found[0].name} builds the OpenAI client on OpenRouter without a key, so it reads OPENAI_API_KEY"
    return None


def check_wrong_variable(ctx: FileContext):
    if is_env_template(ctx.path):
        return
    on_openrouter = None  # computed once, only when an OPENAI_* variable holds a key
    for entry in _key_entries(ctx):
        kind = keys.kind_of(entry.value.strip())
        if kind is None:
            continue
        masked = keys.mask(entry.value)
        if _OPENROUTER_NAME.search(entry.key) and kind.startswith("openai"):
            msg = f"Put your OpenRouter key (sk-or-v1-…) in {entry.key}: its OpenAI key ({masked}) goes on the BYOK page."
            yield ctx.finding(WRONG_VARIABLE, entry.value_span, msg, fixes=(
                fixes.open_page("Open OpenRouter's keys page", ctx.catalog.links["openrouter-keys"]),
                fixes.open_page("Open OpenRouter's BYOK integrations page", ctx.catalog.links["openrouter-byok"])),
                data={"variable": entry.key})
            continue
        if entry.key != "OPENAI_API_KEY" and not entry.key.startswith("OPENAI_API"):
            continue
        if on_openrouter is None:
            on_openrouter = _openai_client_on_openrouter(ctx) or ""
        if kind == "openrouter" and not on_openrouter:
            msg = f"Point OPENAI_BASE_URL at OpenRouter or move this key: OpenAI rejects the OpenRouter key {masked} with 401."
            yield ctx.finding(WRONG_VARIABLE, entry.value_span, msg, fixes=(
                fixes.add_env_line(ctx, ctx.path, "OPENAI_BASE_URL=https://openrouter.ai/api/v1",
                                   "Add OPENAI_BASE_URL=https://openrouter.ai/api/v1", FixSafety.UNSAFE),),
                data={"variable": entry.key})
        elif kind.startswith("openai") and on_openrouter:
            msg = f"Put your OpenRouter key in {entry.key}: it is sent to OpenRouter, which rejects OpenAI keys ({masked})."
            yield ctx.finding(WRONG_VARIABLE, entry.value_span, msg, related=(Related(ctx.path, entry.key_span, on_openrouter),),
                              fixes=(fixes.open_page("Open OpenRouter's keys page", ctx.catalog.links["openrouter-keys"]),),
                              data={"variable": entry.key})


def check_duplicates(ctx: FileContext):
    if is_env_template(ctx.path):
        return  # a template documents variables; nothing loads it
    seen: dict[str, list] = {}
    for entry in ctx.dotenv.entries:
        seen.setdefault(entry.key, []).append(entry)
    for key, entries in seen.items():
        last = entries[-1]
        for earlier in entries[:-1]:
            msg = f"{key} is set again on line {last.key_span.line + 1}; that later value silently wins over this one."
            rel = (Related(ctx.path, last.line_span, f"{key} set again here (this value wins)"),)
            yield ctx.finding(DUPLICATE, earlier.key_span, msg, related=rel, data={"variable": key})


_QUOTES = "'\""


def check_corrupted(ctx: FileContext):
    """Only a value that provably holds a key of a known format (``keys.find_keys``) can be a
    corrupted key: any other value is what the user meant as far as anyone can tell (a passphrase
    with spaces, a Django secret with a '#'), and python-dotenv loads it as written."""
    for entry in _key_entries(ctx):
        value = entry.value
        if not value or keys.is_placeholder(value):
            continue
        found = list(keys.find_keys(value))
        if not found:
            split = _split_key(value)
            if split is not None:
                msg = (f"{entry.key} = {keys.mask(value)} has whitespace inside the key: the loaded value "
                       f"is not the key and requests fail with 401.")
                fx = (Fix(f"Remove the whitespace inside {entry.key}'s key", FixSafety.UNSAFE,
                          (fixes.TextEdit(ctx.path, entry.value_span, split),), sensitive=True),)
                yield ctx.finding(CORRUPTED, entry.value_span, msg, fixes=fx, data={"variable": entry.key})
            continue
        if value == found[0].group(0):
            continue
        m = found[0]
        around = value[:m.start()] + " " + value[m.end():]  # what surrounds the key
        tail = value[m.end():].lstrip(_QUOTES)
        glued = entry.quote is None and tail.startswith("#")
        # What the safe fix removes: whitespace and quotes around the key, and a glued comment.
        # Anything else (a second key, "Bearer ", other text) may be meant: removed only on request.
        extra = (value[:m.start()] + (tail.split("#", 1)[0] if glued else value[m.end():])).strip(" \t" + _QUOTES)
        problems = []
        if value != value.strip():
            problems.append("leading or trailing whitespace")
        if any(q in around for q in _QUOTES):
            problems.append("quote characters inside the value")
        if glued:
            # (python-dotenv starts a comment only after whitespace: the '#…' is part of the value)
            problems.append("a '#' glued to it")
        elif any(ch.isspace() for ch in value.strip()):
            problems.append("whitespace inside the value")
        if len(found) > 1:
            problems.append(f"{len(found)} keys in one value")
        elif extra:
            problems.append("other text around the key")
        msg = f"Leave only the key in {entry.key}: {keys.mask(value)} has {', '.join(problems)} (401)."
        fx = ()
        if len(found) == 1:
            safety = FixSafety.UNSAFE if extra else FixSafety.SAFE
            title = f"Keep only the key in {entry.key}" if extra else f"Clean up the value of {entry.key}"
            fx = (Fix(title, safety, (fixes.TextEdit(ctx.path, entry.value_span, m.group(0)),), sensitive=True),)
        yield ctx.finding(CORRUPTED, entry.value_span, msg, fixes=fx, data={"variable": entry.key})


def _split_key(value: str) -> str | None:
    """The key when whitespace splits one well-formed OpenRouter key (a paste broken across a
    line wrap: 'sk-or-v1-113e…213 fe4b…'), else None. Only a value that is exactly one key once its
    whitespace and surrounding quotes are gone: nothing else is provably a key."""
    inner = value.strip().strip(_QUOTES)
    if not any(ch.isspace() for ch in inner) or inner.count("sk-") != 1:
        return None
    joined = "".join(inner.split())
    # Only OpenRouter's fixed shape (sk-or-v1- + 64 hex) proves the pieces were one key: OpenAI's
    # keys have no fixed length, so 'sk-proj-abc' + anything would "join" into one.
    return joined if keys.OPENROUTER_KEY.fullmatch(joined) else None


def check_syntax(ctx: FileContext):
    if ctx.path.name == ".envrc":
        return  # a direnv script: `layout python`, `dotenv_if_exists` are commands, not broken lines
    if is_env_template(ctx.path):
        return  # a template documents variables; nothing loads it (the .env made from it is checked)
    for err in ctx.dotenv.errors:
        yield ctx.finding(SYNTAX, err.span, f"{err.message}. python-dotenv skips this line.")


def _docs(what: str, why: str, example: str, safety: str, refs: str) -> str:
    return (f"\n## What it does\n{what}\n\n## Why is this bad?\n{why}\n\n## Example\n{example}\n\n"
            f"## Fix safety\n{safety}\n\n## References\n{refs}\n")


MISSING_KEY = register(Rule(
    "BYOK201", "missing-api-key", "The key variable the code reads for OpenRouter is missing or empty",
    Severity.WARNING, FixSafety.SAFE, "Add the key line to .env (and .env.example)", docs=_docs(
        "Finds the variable a file that talks to OpenRouter reads its key from (`OPENROUTER_API_KEY`, a custom "
        "name such as `OPEN_ROUTER_API_KEY`, or `OPENAI_API_KEY` when the OpenAI client is pointed at OpenRouter) "
        "and reports it when no .env file serving the file (same folder and ancestors, `env-files`, "
        "`load_dotenv(path)`) nor the environment sets it. A fresh clone whose `.env.example` documents it is fine. "
        "When a serving .env holds an OpenRouter key under another spelling of the name (`OPENROUTER_KEY`, "
        "`OPEN_ROUTER_API_KEY`, lower case), the message says so and offers to rename the variable or to read it.",
        "The first request fails with `401 No auth credentials found`, which users mistake for a bad key.",
        "```python\nkey = os.environ[\"OPENROUTER_API_KEY\"]  # .env has no OPENROUTER_API_KEY\n```\n"
        "Use instead: add `OPENROUTER_API_KEY=sk-or-v1-…` to `.env` and list `OPENROUTER_API_KEY=` in `.env.example`.",
        "Adding the line to an existing .env is safe; creating a file is unsafe (offered, never automatic); renaming "
        "a near-miss variable or reading it instead is unsafe (other code may read either name).",
        "- https://openrouter.ai/settings/keys\n- https://github.com/RooCodeInc/Roo-Code/issues/2445"),
    check=check_missing_key))

PLACEHOLDER = register(Rule(
    "BYOK202", "placeholder-key", "A key variable in .env holds a placeholder",
    Severity.WARNING, FixSafety.DISPLAY_ONLY, "Open the keys page", applies_to=("dotenv",), docs=_docs(
        "Finds key variables (`*_API_KEY`, `*_TOKEN`, `*_SECRET`) in .env files (not templates) whose value is a "
        "placeholder: `your-api-key-here`, `<key>`, `sk-or-v1-xxxx`, `changeme`.",
        "The app starts, then every request fails with 401.",
        "```\nOPENROUTER_API_KEY=your-openrouter-key-here\n```\nUse instead: the real key from https://openrouter.ai/settings/keys.",
        "Display only.", "- https://openrouter.ai/settings/keys"),
    check=check_placeholder))

MALFORMED = register(Rule(
    "BYOK203", "malformed-key", "An OpenRouter key that does not have the sk-or-v1- + 64 hex format",
    Severity.ERROR, FixSafety.DISPLAY_ONLY, "Open the keys page", applies_to=("dotenv",), docs=_docs(
        "Checks values starting with `sk-or-` against OpenRouter's format: `sk-or-v1-` and 64 lower-case hex characters.",
        "A key copied only in part, or with a typo, fails with 401 — users then suspect BYOK or the model.",
        "```\nOPENROUTER_API_KEY=sk-or-v1-3f2a9c\n```\nUse instead: copy the whole key again.",
        "Display only.",
        "- https://github.com/logancyang/obsidian-copilot/issues/529\n- trufflesecurity/trufflehog pkg/detectors/openrouter"),
    check=check_malformed))

WRONG_VARIABLE = register(Rule(
    "BYOK204", "key-in-wrong-variable", "An OpenAI key where OpenRouter expects its own key, or the reverse",
    Severity.WARNING, FixSafety.DISPLAY_ONLY, "Move the key to the right variable", applies_to=("dotenv",), docs=_docs(
        "Finds three mix-ups in .env files (not templates): an OpenAI key (`sk-proj-…T3BlbkFJ…`) in an OpenRouter "
        "variable; an OpenRouter key (`sk-or-v1-…`) in `OPENAI_API_KEY` when nothing points the OpenAI client at "
        "OpenRouter; and an OpenAI key in `OPENAI_API_KEY` when the OpenAI client *is* pointed at OpenRouter — by "
        "`OPENAI_BASE_URL`/`OPENAI_API_BASE` in a serving .env (layered files such as `.env` + `.env.local` count "
        "together), aider's `openai-api-base`, or code that builds `OpenAI(base_url=\"https://openrouter.ai/api/v1\")` "
        "without a key, so that the SDK reads `OPENAI_API_KEY` itself.",
        "With BYOK the OpenAI key belongs in OpenRouter's integrations page, never in the app; the app sends only "
        "the OpenRouter key. Mixing them up gives 401s that look like BYOK problems.",
        "```\nOPENROUTER_API_KEY=sk-proj-…T3BlbkFJ…\n```\nUse instead: `OPENROUTER_API_KEY=sk-or-v1-…`, and add the "
        "OpenAI key at https://openrouter.ai/settings/integrations.",
        "Adding OPENAI_BASE_URL is unsafe (it redirects all OpenAI calls).",
        "- https://github.com/Aider-AI/aider/issues/4471\n- https://github.com/openai/openai-python (OPENAI_API_KEY, OPENAI_BASE_URL)"),
    check=check_wrong_variable))

DUPLICATE = register(Rule(
    "BYOK205", "duplicate-env-key", "A variable set twice in one .env: the later line silently wins",
    Severity.WARNING, FixSafety.UNSAFE, "Remove the earlier line", applies_to=("dotenv",), docs=_docs(
        "Finds variables bound more than once in the same .env file and points at the earlier binding.",
        "python-dotenv and most loaders keep the last value: the key you just pasted at the top is ignored.",
        "```\nOPENROUTER_API_KEY=sk-or-v1-new…\n...\nOPENROUTER_API_KEY=sk-or-v1-old…\n```\nUse instead: one line.",
        "Removing a line is unsafe: you choose which value is right.", "- https://github.com/dotenv-linter/dotenv-linter"),
    check=check_duplicates))

CORRUPTED = register(Rule(
    "BYOK206", "corrupted-key-value", "Whitespace, quotes or a glued '#' that corrupt a key value",
    Severity.ERROR, FixSafety.SAFE, "Clean up the value", applies_to=("dotenv",), docs=_docs(
        "Finds key values that hold an OpenRouter or OpenAI key of a known format, and more than the key: "
        "surrounding spaces inside quotes, quotes inside the value (`\"'sk-or-v1-…'\"`), a `#comment` glued to an "
        "unquoted value, other text, or whitespace that splits one such key (a paste broken across a line wrap). "
        "A value without such a key (a passphrase with spaces, a secret with a `#`) "
        "is loaded as written and never reported.",
        "The key sent is not the key you copied; OpenRouter answers 401 and nothing says why.",
        "```\nOPENROUTER_API_KEY=\" sk-or-v1-… \"\n```\nUse instead: `OPENROUTER_API_KEY=sk-or-v1-…`.",
        "Safe when only whitespace, quotes or a glued comment surround the key: the value becomes exactly the key "
        "inside it. Unsafe when other text surrounds it (it may be meant) and when joining a split key; no fix "
        "for two keys in one value.",
        "- https://github.com/Aider-AI/aider/pull/311"),
    check=check_corrupted))

SYNTAX = register(Rule(
    "BYOK207", "invalid-env-line", "A .env line python-dotenv cannot parse",
    Severity.WARNING, FixSafety.DISPLAY_ONLY, "Fix the line", applies_to=("dotenv",), docs=_docs(
        "Reports lines python-dotenv skips in .env files (not templates, which nothing loads): unterminated "
        "quotes, lines without `=` that are not valid keys, invalid characters in keys.",
        "The variable is silently missing at run time.",
        "```\nOPENROUTER_API_KEY=\"sk-or-v1-…\n```\nUse instead: close the quote.",
        "Display only.", "- https://github.com/theskumar/python-dotenv"),
    check=check_syntax))
