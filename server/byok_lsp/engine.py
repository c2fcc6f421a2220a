"""One pass over one file: kind → parse → facts → rules → findings (filtered and suppressed).

This is the single entry point the CLI and the language server share, so both always agree.
"""

from __future__ import annotations

import logging
import operator
import time
from dataclasses import dataclass, field
from dataclasses import replace as _replace
from pathlib import Path

from . import catalog as catalog_mod
from .context import FileContext
from .fence import WriteFence, note_for
from .findings import Finding, Severity, Span
from .policy import Selection, admitted, ignores_file, suppressed
from .rules import fixes as fix_builders
from .rules.registry import all_rules, get
from .textio import MAX_FILE_BYTES, MAX_LINE_CHARS, read_file, shared_line_starts
from .workspace import Workspace, is_config_file, is_env_file, is_env_template

log = logging.getLogger(__name__)



@dataclass
class Result:
    path: Path
    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # skipped parts, parser fallbacks
    kind: str | None = None  # None: not a file byok-lsp reads
    language: str | None = None
    seconds: float = 0.0


def file_kind(path: Path) -> tuple[str | None, str | None]:
    """(kind, language) of a path: ("dotenv", "dotenv"), ("config", "toml"), ("code", lang) or (None, None)."""
    from .parsing.code import language_for

    if is_env_file(path):
        return "dotenv", "dotenv"
    if is_config_file(path):
        return "config", "toml"
    lang = language_for(path)
    if lang is None and "." not in path.name:
        lang = language_for(path, _head(path))  # bin/explain_sql: a #!/usr/bin/env ruby script
    return ("code", lang) if lang else (None, None)


def _head(path: Path) -> bytes:
    try:
        with open(path, "rb") as fh:
            return fh.read(200)
    except OSError:
        return b""


def analyze(ws: Workspace, path: Path, text: str | None = None, *,
            selection: Selection | None = None, select: tuple[str, ...] = (), ignore: tuple[str, ...] = (),
            severity_overrides: dict[str, Severity] | None = None,
            with_suppress_fixes: bool = True, extractor=None, fence: WriteFence | None = None) -> Result:
    """Analyze one file. ``text`` overrides the disk content (an open editor buffer);
    ``selection`` (policy.py; or ``select``/``ignore``/``severity_overrides`` spelled out) is
    the caller's choice of rules, applied with the config and suppression comments;
    ``extractor`` (a ``parsing.incremental.IncrementalExtractor``) reuses the previous analysis
    of the same buffer: the language server passes one per open document. ``fence`` says where
    fixes may write (default: inside the workspace root, never through a link).

    The steps: read → facts → rules → policy → limits → report (each a function below)."""
    started = time.perf_counter()
    if selection is None:
        selection = Selection(tuple(select), tuple(ignore), severity_overrides or {})
    path = Path(path)
    kind, language = file_kind(path)
    result = Result(path, kind=kind, language=language)
    if kind is None:
        return result
    text = _read(ws, path, text, result)
    if text is None:
        return result
    text, long_lines = _blank_long_lines(text)
    config, config_error = ws.config_for(path)
    ctx = FileContext(path=path, text=text, ws=ws, config=config, catalog=catalog_mod.load(), kind=kind)
    findings = list(_config_findings(ctx, config_error)) if kind == "config" else []
    _facts(ctx, language, extractor, result)
    findings += _rules(ctx, result)
    kept = _policy(ctx, findings, selection)
    kept += _limits(ctx, language, long_lines, result)
    kept.sort(key=Finding.sort_key)
    result.findings = _fenced(_report(ctx, language, kept, selection, with_suppress_fixes, result),
                              fence or WriteFence([ws.root]), result)
    result.seconds = time.perf_counter() - started
    return result


def _read(ws: Workspace, path: Path, text: str | None, result: Result) -> str | None:
    """The text to analyse (the editor's, else the disk's); None when there is none (a note says
    why) or when it is over the size limit (a finding says so where the user looks)."""
    if text is None:
        text = ws.text_of(path)
        if text is None:
            reason = read_file(path).skipped or "not readable as text"
            result.notes.append(f"{path}: skipped: {reason}")
            return None
    if len(text) > MAX_FILE_BYTES or len(text.encode("utf-8", "surrogatepass")) > MAX_FILE_BYTES:
        result.findings = [_not_analysed(path, Span(0, 0, 0, 0), f"This file is larger than {MAX_FILE_BYTES // 2**20} MiB: byok-lsp does not analyse it.")]
        return None
    return text


def _facts(ctx: FileContext, language: str | None, extractor, result: Result) -> None:
    """``ctx.facts``: the .env's entries as facts, or the code's (None when the prefilter says the
    file mentions nothing the rules look at)."""
    path, text = ctx.path, ctx.text
    if ctx.kind == "dotenv":
        from .parsing.dotenv_facts import facts_from_dotenv

        ctx.dotenv = ctx.ws.dotenv_for_text(path, text, parse=extractor.dotenv if extractor is not None else None)
        # Values such as LLM_MODEL=openai/o3 or OPENAI_BASE_URL=https://openrouter.ai/api/v1
        # are model usage too: the code rules see them as facts.
        ctx.facts = facts_from_dotenv(ctx.dotenv)
        if is_env_template(path):
            ctx.facts.models.clear()  # a template documents values; nothing is called with them
        return
    from .parsing.code import extract, prefilter

    if prefilter(text.encode("utf-8", "surrogatepass")):
        ctx.facts = extractor.extract(language, text) if extractor is not None else \
            extract(language, text, skip_prefilter=True, filename=ctx.relpath)
        _cap_facts(ctx.facts, result)
        if ctx.facts.note:
            result.notes.append(f"{path}: {ctx.facts.note}")


def _rules(ctx: FileContext, result: Result) -> list[Finding]:
    """Every rule that applies to the file's kind, each isolated from the others' failures."""
    if ctx.facts is None:
        return []
    kind = ctx.kind
    rule_kinds = {"code"} if kind == "config" else {"code", "dotenv"} if kind == "dotenv" else {kind}
    findings: list[Finding] = []
    for rule in all_rules().values():
        if rule.check is None or not rule_kinds.intersection(rule.applies_to):
            continue
        try:
            findings.extend(rule.check(ctx))
        except Exception:  # a rule bug must not take the file's other findings down
            log.exception("rule %s failed on %s", rule.code, ctx.path)
            result.notes.append(f"{ctx.path}: internal error in rule {rule.code} (see log)")
    return findings


def _policy(ctx: FileContext, findings: list[Finding], selection: Selection) -> list[Finding]:
    """The findings policy (policy.py): ignore-file, the role of the place, config and selection,
    suppression comments."""
    lines = ctx.lines  # LSP lines: \n, \r\n, \r only
    if ignores_file(lines):
        findings = [f for f in findings if f.code == "BYOK001"]
    relpath = ctx.relpath
    enabled: dict[str, bool] = {}  # per code: a 2 MB .env of broken lines has 76,000 findings of one code
    kept = []
    for f in _by_role(ctx, findings):
        if f.code not in enabled:
            enabled[f.code] = admitted(f.code, selection, ctx.config, relpath)
        if enabled[f.code] and not suppressed(lines, ctx.memo, f):
            kept.append(f)
    return kept


def _limits(ctx: FileContext, language: str | None, long_lines: list[int], result: Result) -> list[Finding]:
    """Where analysis stopped (too many literals) or skipped a line (too long): a note each, and
    a BYOK002 finding unless the place reports nothing (a cassette, a fixture)."""
    path, out = ctx.path, []
    stopped = ctx.facts.stopped_at if ctx.facts is not None else None
    if stopped is not None:
        from .parsing.treesitter import MAX_LITERALS

        result.notes.append(f"{path}:{stopped.line + 1}: more than {MAX_LITERALS:,} string literals; the rest of the file is not analysed")
        if ctx.role.effect != "none":  # generated code and fixtures: the note above is enough
            stop = _not_analysed(path, stopped, f"This file has more than {MAX_LITERALS:,} string literals: "
                                                f"byok-lsp stopped analysing here (line {stopped.line + 1}).")
            if language in _DATA_LANGUAGES:
                # A data file that size (benchmark results, tool specs) rarely holds the project's
                # model choice: say where analysis stopped without a Problems-panel entry.
                stop = _with(stop, severity=Severity.HINT)
            out.append(stop)
    for line in long_lines:
        result.notes.append(f"{path}:{line + 1}: line longer than {MAX_LINE_CHARS:,} characters; not analysed")
        if ctx.role.effect == "none":
            continue  # a recorded cassette's base64 line: the note above is enough
        out.append(_not_analysed(path, Span(line, 0, line, 0),
                                 f"Line {line + 1} is longer than {MAX_LINE_CHARS:,} characters: byok-lsp did not analyse it."))
    return out


def _report(ctx: FileContext, language: str | None, kept: list[Finding], selection: Selection,
            with_suppress_fixes: bool, result: Result) -> list[Finding]:
    """Deduplicated and capped; then severity overrides and suppression fixes, only for the
    findings that are reported (after the cap), never for BYOK002."""
    out = []
    for f in _cap_findings(_dedupe(kept), result):
        if f.code == "BYOK002":
            out.append(f)
            continue
        f = selection.grade(f)
        if with_suppress_fixes and f.path == ctx.path:
            more = (fix_builders.suppress(ctx, language, f.span.line, f.code), fix_builders.ignore_in_project(ctx, f.code))
            if any(more):
                f = _with(f, fixes=f.fixes + tuple(x for x in more if x is not None))
        out.append(f)
    return out


def _by_role(ctx: FileContext, findings: list[Finding]) -> list[Finding]:
    """Cap role-aware findings by the role of their place (roles.py): a cassette reports nothing,
    a test a hint at most. A finding about another file (a .env) is capped by that file's role."""
    out = []
    roles = {ctx.path: ctx.role}
    for f in findings:
        rule = get(f.code)
        if not rule.role_aware:
            out.append(f)
            continue
        role = roles.get(f.path)
        if role is None:
            from .roles import role_for

            role = roles[f.path] = role_for(ctx.config, ctx.role_path(f.path))
        severity = role.cap(f.severity)
        if severity is None:
            continue
        out.append(f if severity == f.severity else _with(f, severity=severity))
    return out


def _with(f: Finding, **changes) -> Finding:
    return _replace(f, **changes)


def _fenced(findings: list[Finding], fence: WriteFence, result: Result) -> list[Finding]:
    """The findings without the fixes that would write where ``fence`` refuses (fence.py);
    a finding that lost one says why in its message, and a note per file says it once."""
    verdicts: dict[Path, str | None] = {}
    out = []
    for f in findings:
        if not any(fx.edits for fx in f.fixes):
            out.append(f)
            continue
        kept, refused = [], None
        for fx in f.fixes:
            why = None
            for e in fx.edits:
                if e.path not in verdicts:
                    verdicts[e.path] = fence.reason(e.path)
                    if verdicts[e.path]:
                        result.notes.append(note_for(e.path, verdicts[e.path]))
                if why is None and verdicts[e.path]:
                    why = (e.path, verdicts[e.path])
            if why is None:
                kept.append(fx)
            else:
                refused = refused or why
                if fx.open_url:  # the page is still worth opening
                    kept.append(_replace(fx, edits=(), sensitive=False))
        if refused is not None:
            f = _with(f, fixes=tuple(kept), message=f"{f.message} (No fix offered: {refused[0].name} is read-only, "
                                                      f"{refused[1]}.)")
        out.append(f)
    return out


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen, out = set(), []
    for f in findings:
        key = (f.code, f.span, f.message)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def _config_findings(ctx: FileContext, err) -> list[Finding]:
    if err is None or err.path != ctx.path:
        return []
    rule = get("BYOK001")
    lines = ctx.lines
    line = min(err.line, max(len(lines) - 1, 0))
    width = len(lines[line]) if lines else 0
    return [ctx.finding(rule, Span(line, 0, line, width), f"{err.key}: {err.message}", data={"key": err.key})]


# Work per file is bounded: beyond this many model ids or keys in one file (generated data,
# fixtures) the rest are not reported, and a note says so.
MAX_REFS_PER_FILE = 1000


def _cap_facts(facts, result: Result) -> None:
    for name in ("models", "secrets", "error_texts", "env_reads"):
        items = getattr(facts, name)
        if len(items) > MAX_REFS_PER_FILE:
            result.notes.append(f"{result.path}: {len(items)} {name.replace('_', ' ')}; only the first {MAX_REFS_PER_FILE} are checked")
            del items[MAX_REFS_PER_FILE:]


# Findings one file may report (a generated .env with 100,000 broken lines would otherwise send
# as many diagnostics to the editor); one BYOK002 diagnostic says how many more there were.
MAX_FINDINGS_PER_FILE = 1000


def _cap_findings(findings: list[Finding], result: Result) -> list[Finding]:
    if len(findings) <= MAX_FINDINGS_PER_FILE:
        return findings
    rest = len(findings) - MAX_FINDINGS_PER_FILE
    first = findings[MAX_FINDINGS_PER_FILE]
    result.notes.append(f"{result.path}: {len(findings):,} findings; only the first {MAX_FINDINGS_PER_FILE:,} are reported")
    note = _not_analysed(result.path, Span(first.span.line, 0, first.span.line, 0),
                         f"{rest:,} more findings from line {first.span.line + 1} on are not shown: "
                         f"byok-lsp reports at most {MAX_FINDINGS_PER_FILE:,} per file.")
    return [*findings[:MAX_FINDINGS_PER_FILE], note]


def _blank_long_lines(text: str) -> tuple[str, list[int]]:
    """Replace lines longer than MAX_LINE_CHARS with spaces (positions elsewhere unchanged)."""
    if len(text) <= MAX_LINE_CHARS:
        return text, []
    starts = shared_line_starts(text)  # the parser and the editor's index need them too
    ends = starts[1:] + [len(text)]
    if max(map(operator.sub, ends, starts)) <= MAX_LINE_CHARS:  # in C: no line is too long
        return text, []
    long_lines, parts, pos = [], [], 0
    for i, (a, b) in enumerate(zip(starts, ends)):
        if b - a > MAX_LINE_CHARS:
            body = text[a:b].rstrip("\r\n")
            parts.append(text[pos:a])
            parts.append(" " * len(body))
            pos = a + len(body)
            long_lines.append(i)
    if not long_lines:
        return text, []
    parts.append(text[pos:])
    return "".join(parts), long_lines


_DATA_LANGUAGES = frozenset({"json", "jsonc", "yaml", "toml"})


def _not_analysed(path: Path, span: Span, message: str) -> Finding:
    rule = get("BYOK002")
    return Finding(rule.code, rule.name, rule.severity, message, path, span)
