"""The findings policy: which findings are reported, and how severe.

One place for what every producer applies — ``engine.analyze`` (the rules), the online checks
in ``check --online`` (runner.py) and in the language server (lsp/analysis.py):

- the project's config (``select``/``ignore``/``per-file-ignores`` of .byok-lsp.toml or
  pyproject) for the finding's file;
- the caller's ``Selection``: ``--select``/``--ignore`` on the command line, the editor's
  ``select``/``ignore``/``severityOverrides`` settings;
- ``# byok-lsp: ignore[...]`` on the finding's line and ``byok-lsp: ignore-file`` in the first
  ten lines of its file;
- severity overrides (never for BYOK002, the literal budget: it says analysis stopped).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from dataclasses import replace as _replace
from pathlib import Path

from .config import code_selected
from .findings import Finding, Severity

_SUPPRESS = re.compile(r"byok-lsp:\s*ignore(?:\[(?P<codes>[A-Za-z0-9 ,]*)\])?(?!-)")
_SUPPRESS_FILE = re.compile(r"byok-lsp:\s*ignore-file")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
FILE_SUPPRESSION_LINES = 10  # ``ignore-file`` counts in the first lines only
NEVER_REGRADED = frozenset({"BYOK002"})


@dataclass(frozen=True, eq=True)
class Selection:
    """The caller's choice of rules: codes or prefixes; an empty ``select`` selects every rule.
    ``severity`` maps full codes to the severity they are reported with."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict, hash=False)

    def selects(self, code: str) -> bool:
        return code_selected(code, self.select, self.ignore)

    def grade(self, finding: Finding) -> Finding:
        level = self.severity.get(finding.code)
        if level is None or level == finding.severity or finding.code in NEVER_REGRADED:
            return finding
        return _replace(finding, severity=level)


ALL = Selection()


def suppressions(lines: list[str], memo: dict, line: int) -> set[str] | None:
    """The codes suppressed on ``line`` ({"*"} for all), or None; once per line, not per finding."""
    key = ("suppress", line)
    if key not in memo:
        m = _SUPPRESS.search(lines[line]) if line < len(lines) and "byok-lsp" in lines[line] else None
        if m is None:
            memo[key] = None
        elif m.group("codes") is None:
            memo[key] = {"*"}
        else:
            memo[key] = {c.strip().upper() for c in m.group("codes").split(",") if c.strip()}
    return memo[key]


def suppressed(lines: list[str], memo: dict, finding: Finding) -> bool:
    wanted = suppressions(lines, memo, finding.span.line)
    return wanted is not None and ("*" in wanted or finding.code in wanted or finding.name.upper() in wanted)


def ignores_file(lines: list[str]) -> bool:
    """``byok-lsp: ignore-file`` in the first lines: only BYOK001 (a config error) is reported."""
    return any(_SUPPRESS_FILE.search(ln) for ln in lines[:FILE_SUPPRESSION_LINES])


def admitted(code: str, selection: Selection, config, relpath: str | None) -> bool:
    """The project's config and the caller's selection both report ``code`` in ``relpath``."""
    return config.enabled(code, relpath) and selection.selects(code)


def apply_to(findings: Iterable[Finding], selection: Selection, ws) -> list[Finding]:
    """The policy for findings made outside ``engine.analyze`` (the online checks): each one
    through its own file's config, suppression comments and the selection, then re-graded."""
    out = []
    per_file: dict[Path, tuple[object, str, list[str], dict]] = {}
    for f in findings:
        if f.path not in per_file:
            config, _error = ws.config_for(f.path)
            try:
                relpath = f.path.relative_to(ws.root).as_posix()
            except ValueError:
                relpath = f.path.as_posix()
            text = ws.text_of(f.path) or ""
            per_file[f.path] = (config, relpath, _LINE_BREAK.split(text), {})
        config, relpath, lines, memo = per_file[f.path]
        if f.code != "BYOK001" and ignores_file(lines):
            continue
        if not admitted(f.code, selection, config, relpath) or suppressed(lines, memo, f):
            continue
        out.append(selection.grade(f))
    return out
