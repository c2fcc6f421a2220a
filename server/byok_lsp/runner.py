"""``byok-lsp check``: walk, analyze (on all cores for big trees), report, optionally fix."""

from __future__ import annotations

import os
import sys
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from . import edits as edit_helpers
from .engine import Result, analyze, file_kind
from .findings import Finding, FixSafety
from .output import render, summary
from .textio import BOM
from .walk import walk
from .workspace import Workspace, find_root

# Below this many files a process pool costs more than it saves.
PARALLEL_THRESHOLD = 400
_WORKSPACES: dict[Path, Workspace] = {}


def _workspace(path: Path) -> Workspace:
    root = find_root(path)
    ws = _WORKSPACES.get(root)
    if ws is None:
        ws = _WORKSPACES[root] = Workspace(root)
    return ws


def _analyze_paths(paths: list[Path], select, ignore) -> list[Result]:
    return [analyze(_workspace(p), p, select=select, ignore=ignore, with_suppress_fixes=False) for p in paths]


def _analyze_all(files: list[Path], select, ignore, jobs: int) -> list[Result]:
    jobs = jobs or os.cpu_count() or 1
    if jobs <= 1 or len(files) < PARALLEL_THRESHOLD:
        return _analyze_paths(files, select, ignore)
    chunk = max(50, len(files) // (jobs * 8))
    batches = [files[i:i + chunk] for i in range(0, len(files), chunk)]
    out: list[Result] = []
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for results in pool.map(_analyze_paths, batches, [select] * len(batches), [ignore] * len(batches)):
            out.extend(results)
    return out


def _config_errors(files: list[Path]) -> list:
    errors = {}
    for folder in sorted({f.parent for f in files}):
        _cfg, err = _workspace(folder / "_").config_for(folder / "_")
        if err is not None:
            errors[(err.path, err.line, err.key)] = err
    return list(errors.values())


def apply_safe_fixes(findings: list[Finding]) -> dict[Path, int]:
    """Apply every safe fix; returns the number of fixes applied per file."""
    by_file: dict[Path, list] = defaultdict(list)
    applied: dict[Path, int] = defaultdict(int)
    for f in findings:
        for fx in f.fixes:
            if fx.safety is FixSafety.SAFE and fx.edits:
                for e in fx.edits:
                    if e not in by_file[e.path]:
                        by_file[e.path].append(e)
                applied[f.path] += 1
                break
    for path, file_edits in by_file.items():
        creating = all(e.create for e in file_edits) and not path.exists()
        data = b"" if creating else path.read_bytes()
        had_bom = data.startswith(BOM.encode())
        try:
            text = data[3:].decode("utf-8") if had_bom else data.decode("utf-8")
        except UnicodeDecodeError:
            continue  # not UTF-8: rewriting it would replace the undecodable bytes
        try:
            new = edit_helpers.apply(text, file_edits)
        except ValueError:
            continue  # overlapping edits: leave the file alone rather than guess
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes((BOM if had_bom else "").encode() + new.encode("utf-8"))
    return dict(applied)


def run_check(args) -> int:
    cwd = Path.cwd()
    roots = [p if p.is_absolute() else cwd / p for p in args.paths]
    walked = walk(roots, lambda p: file_kind(p)[0])
    config_errors = _config_errors(walked.files)
    results = _analyze_all(walked.files, args.select, args.ignore, args.jobs)
    findings = sorted((f for r in results for f in r.findings), key=Finding.sort_key)
    notes = walked.notes + [n for r in results for n in r.notes]
    if args.online:
        from .verify.online_check import online_findings

        findings.extend(online_findings([r.path for r in results if r.kind], _workspace, notes))
        findings.sort(key=Finding.sort_key)
    if args.fix:
        fixed = apply_safe_fixes(findings)
        if fixed:
            print(f"Applied {sum(fixed.values())} safe fixes in {len(fixed)} files; re-checking.", file=sys.stderr)
            _WORKSPACES.clear()
            results = _analyze_all(walked.files, args.select, args.ignore, args.jobs)
            findings = sorted((f for r in results for f in r.findings), key=Finding.sort_key)
    report = render(findings, args.format, cwd)
    if args.output:
        args.output.write_text(report, encoding="utf-8")
    else:
        sys.stdout.write(report)
    if not args.quiet:
        for note in notes:
            print(f"note: {note}", file=sys.stderr)
        if args.format == "text":
            print(summary(findings, len(walked.files)), file=sys.stderr)
    if config_errors:
        for err in config_errors:
            print(f"error: invalid configuration: {err}", file=sys.stderr)
        return 2
    return 1 if any(f.severity >= args.fail_on for f in findings) else 0
