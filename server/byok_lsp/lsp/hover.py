"""Hover text: a model id, a .env key, a rule code, a quoted upstream error, a diagnostic.

Everything is built as Markdown; ``explain.plain`` turns it into readable plain text for clients
that do not render Markdown. What a rule, an error or a model *is* comes from ``explain`` (shared
with ``byok-lsp explain``, the docs and the explainError command); what this module adds is the
user's workspace: their keys, what their setup has done, the findings at the position. Key values are only ever shown through ``keys.mask``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .. import catalog as catalog_mod
from .. import explain, keys
from ..context import BASE_URL_VARS
from ..findings import Finding
from ..parsing.dotenv import parse_dotenv
from ..rules.registry import all_rules
from ..workspace import Workspace, looks_like_key_name

if TYPE_CHECKING:
    from ..verify.report import VerifyReport

_MODEL_TOKEN = re.compile(r"[A-Za-z0-9_.:/@+-]+")
_CODE_TOKEN = re.compile(r"\bBYOK\d{3}\b", re.IGNORECASE)
_SUPPRESS = re.compile(r"byok-lsp:\s*ignore\[([^\]]*)\]")


@dataclass
class HoverContext:
    path: Path
    text_line: str
    line: int
    col: int
    kind: str | None
    ws: Workspace
    findings: list[Finding]  # findings of the current report at the position
    document_text: str
    online: VerifyReport | None  # the last online check of this folder's project, if any
    open_code: list[tuple[str, str]]  # (display name, text) of open code documents


def _token_at(line: str, col: int, pattern: re.Pattern) -> tuple[int, int, str] | None:
    best = None
    for m in pattern.finditer(line):
        if m.start() <= col < m.end():
            return m.start(), m.end(), m.group(0)
        if m.end() == col:
            best = (m.start(), m.end(), m.group(0))
    return best


# ----- sections ------------------------------------------------------------------------------------
def describe_value(value: str | None) -> str:
    """What a key value is, without ever showing it whole."""
    if value is None or not value.strip():
        return "empty"
    core = value.strip().strip("'\"")
    notes = []
    if core != value:
        notes.append("with surrounding whitespace or quotes that become part of the value")
    if keys.is_placeholder(core):
        return "a placeholder, not a key"
    kind = keys.kind_of(core)
    if kind == "openrouter":
        problem = keys.openrouter_format_problem(core)
        what = f"a malformed OpenRouter key: {problem}" if problem else "a well-formed OpenRouter key"
    elif kind == "openai":
        what = "an OpenAI key"
    elif kind == "openai-admin":
        what = "an OpenAI admin key"
    else:
        what = "not an OpenRouter or OpenAI key format"
    return "; ".join([what, *notes])


def shown_value(name: str, value: str | None) -> str:
    """A value safe to display: URLs without credentials and model ids as they are, else masked."""
    if value is None:
        return "(no value)"
    v = value.strip()
    if name in BASE_URL_VARS or re.match(r"^https?://[^@\s]+$", v):
        if "@" not in v and keys.redact(v) == v:
            return f"`{v}`"
    if catalog_mod.load().lookup(v) is not None:
        return f"`{v}`"
    return f"`{keys.mask(v)}`" if v else "(empty)"


def _workspace_lines(ctx: HoverContext) -> list[str]:
    config, err = ctx.ws.config_for(ctx.path)
    where = f" ({config.path.name})" if config.path else ""
    lines = []
    if err is not None:
        lines.append(f"- Project config is invalid: {err.key}: {err.message}")
    if config.byok_recorded:
        lines.append(f"- BYOK recorded{where}: {', '.join(sorted(config.byok)) or 'none'}")
    else:
        place = ("`.byok-lsp.toml` or `[tool.byok-lsp]` in pyproject.toml" if config.path is None else  # the file this project uses
                 "`[tool.byok-lsp]` in pyproject.toml" if config.path.name == "pyproject.toml" else f"`{config.path.name}`")
        lines.append(f"- BYOK not recorded (`byok = [\"openai\"]` in {place})")
    tier = config.openai_tier if config.openai_tier is not None else "not recorded"
    verified = {True: "verified", False: "not verified", None: "not recorded"}[config.openai_verified]
    lines.append(f"- OpenAI tier: {tier}; organisation verification: {verified}")
    env, _templates = ctx.ws.env_files_for(ctx.path)
    found = False
    for env_path in env:
        doc = ctx.ws.dotenv(env_path)
        for entry in (doc.entries if doc is not None else []):
            if looks_like_key_name(entry.key) and ("OPENROUTER" in entry.key.upper() or "OPENAI" in entry.key.upper()):
                found = True
                lines.append(f"- `{entry.key}` in `{env_path.name}`: {shown_value(entry.key, entry.value)}, "
                             f"{describe_value(entry.value)}")
    for name in ("OPENROUTER_API_KEY", "OPENAI_API_KEY"):
        value = ctx.ws.environ.get(name)
        if value:
            found = True
            lines.append(f"- `{name}` in the server's environment: `{keys.mask(value)}`, {describe_value(value)}")
    if not found:
        lines.append("- No OpenRouter or OpenAI key found in the .env files serving this file or in the environment")
    lines.extend(_online_lines(ctx))
    return lines


def _online_lines(ctx: HoverContext) -> list[str]:
    report = ctx.online
    if report is None:
        return []
    from ..verify.report import ago  # a report exists: verify/ is loaded already

    checked = ago(report.checked_at) if report.checked_at else None
    lines = [f"- Last online check{f' ({checked})' if checked else ''}: {_scrub(report.summary())}"]
    if report.not_checked_reason and not report.results:
        lines.append(f"  - {_scrub(report.not_checked_reason)}")
    return lines


def _scrub(text: str) -> str:
    return keys.redact(text)


def _next_action(match, ctx: HoverContext) -> str:
    """The one thing to do now: the action of the diagnostic here (its message leads with it), else
    what the recorded setup still lacks."""
    if ctx.findings:
        f = ctx.findings[0]
        page = next((fx for fx in f.fixes if fx.open_url), None)
        return f.message + (f" [{page.title}]({page.open_url})" if page else "")
    entry = match.entry
    config, _err = ctx.ws.config_for(ctx.path)
    cat = catalog_mod.load()
    if entry.byok == "required" and not config.byok_recorded:
        return (f"Add your OpenAI key at [OpenRouter's integrations page]({cat.links['openrouter-byok']}), "
                f"then record `byok = [\"openai\"]` in the project config.")
    return "Nothing to do: BYOK is recorded for this project."


def _steps_done(ctx: HoverContext) -> set[str]:
    """Setup steps this workspace shows done: not repeated in the hover."""
    done = set()
    config, _err = ctx.ws.config_for(ctx.path)
    if config.byok_recorded:
        done.add("record")
    env, _templates = ctx.ws.env_files_for(ctx.path)
    values = [e.value for p in env if (doc := ctx.ws.dotenv(p)) is not None for e in doc.entries
              if "OPENROUTER" in e.key.upper() and looks_like_key_name(e.key)]
    values.append(ctx.ws.environ.get("OPENROUTER_API_KEY"))
    if any(v and keys.kind_of(v.strip()) == "openrouter" and not keys.openrouter_format_problem(v.strip())
           for v in values):
        done.add("openrouter-key")
    return done


def model_markdown(match, ctx: HoverContext) -> str:
    """Summary and the next action first (what fits a small hover window), the details after."""
    entry = match.entry
    cat = catalog_mod.load()
    summary = [f"### {entry.slug}: {explain.model_status(entry)}"]
    if entry.byok == "required" and not ctx.findings:
        summary.append(explain.NEEDS_KEY)
    if entry.byok != "no" or ctx.findings:
        summary.append(f"**Next:** {_next_action(match, ctx)}")
    if ctx.findings[1:]:
        summary.append("Also here: " + "; ".join(f"{f.code} {f.message}" for f in ctx.findings[1:3]))
    if (line := explain.alternatives(entry)) is not None:
        summary.append(line)
    details = ["#### This workspace\n" + "\n".join(_workspace_lines(ctx)),
               "#### About this model\n" + "\n".join(explain.model_about(match))]
    if entry.byok != "no":
        details.append("#### Setup\n" + explain.steps([s for s in explain.SETUP_STEPS if s not in _steps_done(ctx)], cat))
    if entry.sources:
        details.append("#### Sources\n" + explain.sources(entry.sources))
    for f in ctx.findings:
        rule = all_rules().get(f.code)
        if rule is not None:
            details.append(f"Rule [{rule.code} {rule.name}]({rule.url})")
    return "\n\n".join(["\n\n".join(summary), "---", *details])


def env_entry_markdown(entry, ctx: HoverContext) -> str:
    name = entry.key
    parts = [f"### {name}", f"Value: {shown_value(name, entry.value)}"]
    if looks_like_key_name(name):
        parts.append(f"Looks like: {describe_value(entry.value)}.")
    readers = []
    word = re.compile(r"\b" + re.escape(name) + r"\b")
    for display, text in ctx.open_code:
        for lineno, line in enumerate(text.splitlines(), 1):
            if word.search(line):
                readers.append(f"`{display}` line {lineno}")
                break
    if readers:
        parts.append("Read by (open files): " + ", ".join(readers[:10]))
    else:
        parts.append("No open file reads it (only open files are searched).")
    return "\n\n".join(parts)


# ----- entry point ---------------------------------------------------------------------------------
def _model_at(ctx: HoverContext):
    cat = catalog_mod.load()
    token = _token_at(ctx.text_line, ctx.col, _MODEL_TOKEN)
    if token is not None:
        start, end, text = token
        for candidate in (text, text.strip(".:/-@")):
            match = cat.lookup(candidate)
            if match is None:
                continue
            quoted = start > 0 and ctx.text_line[start - 1] in "'\"`"
            if match.form == "bare" and not quoted and not ctx.findings:
                return None
            return match, (start, end)
    for f in ctx.findings:
        slug = f.data.get("model") if isinstance(f.data, dict) else None
        if slug and (entry := cat.model(slug)) is not None:
            return catalog_mod.ModelMatch(entry, "openrouter-slug", slug), (f.span.col, f.span.end_col) if f.span.line == f.span.end_line else None
    return None


def build(ctx: HoverContext) -> tuple[str, tuple[int, int] | None] | None:
    """(markdown, (start col, end col) on the hover line or None) or None when nothing to say."""
    sections: list[str] = []
    span = None
    code = _token_at(ctx.text_line, ctx.col, _CODE_TOKEN)
    in_suppress = any(m.start(1) <= ctx.col <= m.end(1) for m in _SUPPRESS.finditer(ctx.text_line))
    if code is not None and (in_suppress or all_rules().get(code[2].upper())):
        rule = all_rules().get(code[2].upper())
        if rule is not None:
            return explain.rule(rule), (code[0], code[1])
    model = _model_at(ctx)
    if model is not None:
        sections.append(model_markdown(model[0], ctx))
        span = model[1]
    elif ctx.kind == "dotenv":
        doc = parse_dotenv(ctx.document_text)
        for entry in doc.entries:
            s = entry.line_span
            if s.contains(ctx.line, ctx.col) or entry.key_span.contains(ctx.line, ctx.col):
                sections.append(env_entry_markdown(entry, ctx))
                if entry.key_span.line == ctx.line and entry.key_span.contains(ctx.line, ctx.col):
                    span = (entry.key_span.col, entry.key_span.end_col)
                break
    if not sections:
        err = catalog_mod.load().match_error(ctx.text_line)
        if err is not None:
            sections.append(explain.error(err))
    findings = ctx.findings
    if findings:
        if model is not None:
            pass  # the model hover leads with these findings' messages and links their rules
        elif sections:
            sections.append("#### Problems here\n" + "\n".join(
                f"- {md}" for md in (explain.rule_line(f.code) for f in findings) if md))
        else:
            # the diagnostics first (each message leads with its action), the first rule's docs after
            sections.append("\n\n".join(f"**{f.code}** {f.message}" for f in findings[:3]))
            first = all_rules().get(findings[0].code)
            if first is not None:
                sections.append("---\n\n" + explain.rule(first))
            sections.extend(f"- {md}" for md in (explain.rule_line(f.code) for f in findings[1:]) if md)
            f0 = findings[0]
            if f0.span.line == f0.span.end_line == ctx.line:
                span = (f0.span.col, f0.span.end_col)
    if not sections:
        return None
    return "\n\n".join(sections), span
