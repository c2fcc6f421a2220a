"""Hover text: a model id, a .env key, a rule code, a quoted upstream error, a diagnostic.

Everything is built as Markdown; ``plain`` turns it into readable plain text for clients that
do not render Markdown. Key values are only ever shown through ``keys.mask``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .. import catalog as catalog_mod
from .. import keys
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
_FORMS = {
    "openrouter-slug": "OpenRouter's id (LiteLLM alone would read it as direct OpenAI)",
    "litellm-openrouter": "LiteLLM's OpenRouter spelling: the call goes through OpenRouter",
    "prefixed-openrouter": "an `openrouter:` prefix: the call goes through OpenRouter",
    "prefixed-openai": "an `openai:` prefix: the call goes to OpenAI directly",
    "bare": "OpenAI's own id: OpenRouter expects the `openai/` prefix",
}
MODEL_STEPS = ("openrouter-key", "openai-key", "openai-tier", "openai-verify", "openrouter-byok",
               "openrouter-credits", "record")


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
def rule_markdown(code: str, full: bool = True) -> str | None:
    rule = all_rules().get(code.upper())
    if rule is None:
        return None
    head = f"### {rule.code} {rule.name}\n{rule.summary}\n\nDefault severity: {rule.severity.label}. Fix: {rule.fix_title} ({rule.fix_safety.value})."
    if not full:
        return f"**{rule.code}** {rule.name}: {rule.summary} ([docs]({rule.url}))"
    docs = re.sub(r"^## ", "#### ", rule.docs.strip(), flags=re.M)
    return f"{head}\n\n{docs}\n\n[Rule documentation]({rule.url})"


def steps_markdown(step_ids, cat=None) -> str:
    cat = cat or catalog_mod.load()
    lines = [f"{i}. [{s.title}]({s.url})" for i, s in
             enumerate((cat.steps[sid] for sid in step_ids if sid in cat.steps), 1)]
    return "\n".join(lines)


def error_markdown(err, cat=None) -> str:
    cat = cat or catalog_mod.load()
    sources = "\n".join(f"- {s}" for s in err.sources)
    return (f"### {err.title}\n**Cause:** {err.cause}\n\n**Fix:** {err.fix}\n\n#### Steps\n"
            f"{steps_markdown(err.steps, cat)}\n\n#### Sources\n{sources}")


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


def model_markdown(match, ctx: HoverContext) -> str:
    entry = match.entry
    cat = catalog_mod.load()
    status = {"required": "**BYOK required** at OpenRouter: without your own OpenAI key added there, every call fails with 403",
              "no": "No BYOK needed at OpenRouter",
              "unknown": "BYOK status at OpenRouter unknown"}.get(entry.byok, entry.byok)
    parts = [f"### {entry.slug}", f"{status} (as of {entry.checked})."]
    if entry.note:
        parts.append(entry.note)
    access = entry.access
    if access.id != "none":
        parts.append(f"**OpenAI access** (checked {access.checked}): {access.summary}")
    parts.append(f"Written as `{match.text}`: {_FORMS.get(match.form, match.form)}.")
    if entry.alternatives:
        parts.append("Needs no BYOK instead: " + ", ".join(f"`{a}`" for a in entry.alternatives))
    if entry.sources:
        parts.append("Sources: " + " · ".join(f"[{i}]({s})" for i, s in enumerate(entry.sources, 1)))
    parts.append("#### This workspace\n" + "\n".join(_workspace_lines(ctx)))
    if entry.byok != "no":
        parts.append("#### Setup\n" + steps_markdown(MODEL_STEPS, cat))
    return "\n\n".join(parts)


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
        md = rule_markdown(code[2])
        if md:
            return md, (code[0], code[1])
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
            sections.append(error_markdown(err))
    findings = ctx.findings
    if findings:
        if sections:
            sections.append("#### Problems here\n" + "\n".join(
                f"- {md}" for md in (rule_markdown(f.code, full=False) for f in findings) if md))
        else:
            first = rule_markdown(findings[0].code)
            if first:
                sections.append(first)
            sections.extend(f"- {md}" for md in (rule_markdown(f.code, full=False) for f in findings[1:]) if md)
            f0 = findings[0]
            if f0.span.line == f0.span.end_line == ctx.line:
                span = (f0.span.col, f0.span.end_col)
    if not sections:
        return None
    return "\n\n".join(sections), span


def plain(markdown: str) -> str:
    text = re.sub(r"\[([^\]]+)\]\(([^)]+)\)", lambda m: m.group(2) if m.group(1) == m.group(2) else f"{m.group(1)} <{m.group(2)}>", markdown)
    text = re.sub(r"^#{1,6} ", "", text, flags=re.M)
    text = text.replace("**", "")
    text = re.sub(r"^```\w*\n?", "", text, flags=re.M)
    return text
