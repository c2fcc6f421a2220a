"""Command line: ``byok-lsp check``, ``explain``, ``rules``, ``serve``.

Exit status of ``check``: 0 clean, 1 findings at or above ``--fail-on``, 2 usage or
configuration error.
"""

from __future__ import annotations

import argparse
import logging
import re
import sys
from pathlib import Path

from . import __version__

log = logging.getLogger("byok_lsp")


def _severity(text: str):
    from .findings import Severity

    try:
        return Severity.parse(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _codes(text: str) -> tuple[str, ...]:
    return tuple(c.strip().upper() for c in text.split(",") if c.strip())


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="byok-lsp", description="Catch OpenRouter BYOK and OpenAI tier problems before the first failing call.")
    p.add_argument("--version", action="version", version=f"byok-lsp {__version__}")
    sub = p.add_subparsers(dest="command")

    c = sub.add_parser("check", help="check files and folders (default: .)")
    c.add_argument("paths", nargs="*", type=Path, default=[Path(".")])
    c.add_argument("--format", choices=("text", "json", "sarif", "github"), default="text")
    c.add_argument("--select", type=_codes, default=(), help="only these codes or prefixes (comma-separated)")
    c.add_argument("--ignore", type=_codes, default=(), help="skip these codes or prefixes (comma-separated)")
    c.add_argument("--fail-on", type=_severity, default="warning", help="exit 1 when a finding is at least this severe (default: warning)")
    c.add_argument("--fix", action="store_true", help="apply safe fixes in place")
    c.add_argument("--online", action="store_true", help="also verify keys online (see README: Online checks)")
    c.add_argument("--jobs", "-j", type=int, default=0, help="worker processes (default: number of cores)")
    c.add_argument("--output", "-o", type=Path, help="write the report to this file")
    c.add_argument("-q", "--quiet", action="store_true", help="no summary or notes on stderr")

    e = sub.add_parser("explain", help="a rule, a model id, a pasted upstream error, or the evidence behind a place's findings")
    e.add_argument("what", nargs="+", help="a rule code (BYOK101), a rule name, error text, or FILE[:LINE]")

    r = sub.add_parser("rules", help="list every rule")
    r.add_argument("--catalog", action="store_true",
                   help="list the model catalogue instead: BYOK status, certainty, age and sources of each entry")

    s = sub.add_parser("serve", help="run the language server on stdio")
    s.add_argument("--stdio", action="store_true", help="accepted for vscode-languageclient; stdio is the default")
    s.add_argument("--log-file", type=Path)
    s.add_argument("-v", "--verbose", action="count", default=0)
    return p


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="backslashreplace")
        sys.stderr.reconfigure(errors="backslashreplace")
    args = build_parser().parse_args(argv)
    if args.command in (None, "serve"):
        from .lsp.server import run

        return run(log_file=getattr(args, "log_file", None), verbosity=getattr(args, "verbose", 0)) or 0
    if args.command == "rules":
        return _catalog() if args.catalog else _rules()
    if args.command == "explain":
        return _explain(" ".join(args.what))
    return _check(args)


def _rules() -> int:
    from .rules.registry import all_rules

    for rule in all_rules().values():
        print(f"{rule.code}  {rule.name:<30} {rule.severity.label:<12} {rule.summary}")
    return 0


def _catalog() -> int:
    """The catalogue as data a maintainer re-verifies: an entry older than max_age_days, or
    contradicted, is "unknown" to the rules (information at most) until someone checks it again."""
    from .catalog import catalog_today, load

    cat, today = load(), catalog_today()
    print(f"Model catalogue as of {cat.as_of}; ages measured on {today.isoformat()}.")
    print(f"{'slug':<30} {'byok':<9} {'certainty':<13} {'checked':<11} {'age':>5}  sources")
    for m in cat.models:
        state = m.certainty(today)
        extra = f" (contradicted {m.contradicted})" if m.contradicted else ""
        print(f"{m.slug:<30} {m.byok:<9} {state:<13} {m.checked:<11} {m.age_days(today):>4}d  "
              f"{m.sources[0] if m.sources else '-'}{extra}")
    print()
    print(f"{'OpenAI access rule':<30} {'min tier':<9} {'certainty':<13} {'checked':<11}")
    for rule in cat.access.values():
        print(f"{rule.id:<30} {rule.min_tier:<9} {rule.certainty(today):<13} {rule.checked:<11}")
    return 0


def _explain_place(target: str) -> int | None:
    """`explain src/app.py:12`: the place's role and, for each finding on that line, the evidence
    behind it (the chain that the one-line message only names). None: not a path."""
    path_text, _, line_text = target.rpartition(":") if re.search(r":\d+$", target) else (target, "", "")
    path = Path(path_text)
    if not path.is_file():
        return None
    from .engine import analyze
    from .workspace import Workspace, find_root

    path = path.resolve()
    ws = Workspace(find_root(path))
    result = analyze(ws, path)
    from .context import FileContext  # noqa: F401  (role_for needs the config)
    from .roles import role_for

    cfg, _ = ws.config_for(path)
    try:
        rel = path.relative_to(ws.root).as_posix()
    except ValueError:
        rel = path.as_posix()
    role = role_for(cfg, rel)
    why = f" (matches {role.because})" if role.because else ""
    print(f"{rel}: role {role.name}{why}: {role.description}; findings here are capped at: {role.effect}.")
    wanted = int(line_text) if line_text else None
    shown = 0
    for f in result.findings:
        if wanted is not None and f.span.line + 1 != wanted:
            continue
        shown += 1
        print(f"\n{rel}:{f.span.line + 1}:{f.span.col + 1}: {f.code} [{f.severity.label}] {f.message}")
        for key in ("model", "provider", "evidence", "because", "certainty", "byok"):
            if key in f.data:
                print(f"  {key}: {f.data[key]}")
        for r in f.related:
            print(f"  - {r.path.name}:{r.span.line + 1}: {r.message}")
    if not shown:
        print("No finding" + (f" on line {wanted}." if wanted else "."))
    return 0


def _explain(what: str) -> int:
    from .explain import UNKNOWN, explain, plain

    place = _explain_place(what.strip())
    if place is not None:
        return place
    found = explain(what)
    if found is not None:
        print(plain(found.markdown))  # the same text as the hover and the explainError command
        return 0
    from .keys import redact

    print(f"byok-lsp: {redact(what)[:200]!r}: {plain(UNKNOWN)}", file=sys.stderr)
    return 2


def _check(args) -> int:
    from .keys import RedactingFormatter
    from .runner import run_check

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(RedactingFormatter("byok-lsp: %(message)s"))
    logging.basicConfig(level=logging.WARNING, handlers=[handler])
    return run_check(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
