"""``byok-lsp check``: walk, pick the files worth analysing, analyze them (on all cores), report.

Most files of a big tree mention nothing byok-lsp looks at, and ``analyze`` on such a file does
nothing but find that out (``parsing.code.prefilter`` says no). Finding that out is most of the
cost of ``check`` on a large tree (reading and scanning every byte in Python), so it is done
natively when ripgrep is available (``screen.py``): while Python walks, rg lists the files
under the roots it read whole without a match of a pattern built to match wherever
``prefilter`` could say yes, or a NUL byte (binary files get a note). Such a file is small,
regular, readable, NUL-free and mentions nothing: it is skipped. Every other code file (rg
hit, or not read by rg: other suffix, symlink, FIFO, oversized, unreadable, or no rg at all)
goes through ``prefilter`` then ``analyze`` as before, so the report is the same with or
without rg (``tests/test_bench_smoke.py`` compares both on a generated tree).
``BYOK_LSP_RIPGREP`` names the rg binary to use, or ``off``.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import sys
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from functools import cache
from pathlib import Path

from . import edits as edit_helpers
from .config import CONFIG_FILES
from .engine import Result, analyze, file_kind
from .fence import WriteFence, note_for
from .findings import Finding, FixSafety
from .keys import redact
from .output import render, summary
from .policy import Selection, apply_to
from .screen import Screen, rg_pattern, ripgrep  # noqa: F401  (runner.Screen, runner.ripgrep: the bench and tests)
from .snapshot import SnapshotWorkspace
from .textio import BOM, read_file
from .walk import WalkResult, walk
from .workspace import RootFacts, Workspace, folder_facts

log = logging.getLogger(__name__)

# Below this many files a process pool costs more than it saves. A file rg selected is likely
# parsed (milliseconds); without rg most files are read and rejected by the prefilter
# (a tenth of a millisecond), hence the two thresholds.
PARALLEL_THRESHOLD = 40
PARALLEL_THRESHOLD_UNSCREENED = 400
_WORKSPACES: dict[Path, Workspace] = {}
_FACTS: dict[str, RootFacts] = {}  # folder -> what its and its ancestors' root markers say
_SCAN_ROOTS: list[str] = []  # the folders this run checks (a checked file: its folder)

# What to do with a walked file.
ANALYZE, PREFILTER = "analyze", "prefilter"


_LISTED: dict[str, frozenset[str]] = {}  # WalkResult.markers of this run: folder -> names held


def _exists(folder: str, name: str) -> bool:
    """``os.path.exists(folder/name)``, without a stat when the walk listed ``folder`` without it."""
    listed = _LISTED.get(folder)
    if listed is not None and name.lower() not in listed:
        return False
    return os.path.exists(os.path.join(folder, name))


def _facts(folder: str) -> RootFacts:
    """``folder``'s RootFacts, memoised per folder (find_root's walk, shared by siblings)."""
    try:
        return _FACTS[folder]
    except KeyError:
        pass
    parent = os.path.dirname(folder)
    facts = folder_facts(folder, RootFacts() if parent == folder else _facts(parent), _exists)
    _FACTS[folder] = facts
    return facts


def _boundary(folder: str) -> str | None:
    """The outermost checked folder that holds ``folder``."""
    best = None
    for root in _SCAN_ROOTS:
        if (folder == root or folder.startswith(root.rstrip(os.sep) + os.sep)) and (best is None or len(root) < len(best)):
            best = root
    return best


def _root_of(folder: str) -> str | None:
    """``find_root`` for the files in ``folder`` (with this run's checked folders as the
    boundary); None: no marker above and no checked folder holds it."""
    return _facts(folder).root(_boundary(folder))


def _workspace(path: Path) -> Workspace:
    return _workspace_of_folder(str(path) if path.is_dir() else os.path.dirname(path))


def _workspace_of_folder(folder: str) -> Workspace:
    """The workspace of the files in ``folder``: find_root(folder/_) == Path(_root_of(folder) or folder)."""
    root = Path(_root_of(folder) or folder)
    ws = _WORKSPACES.get(root)
    if ws is None:
        ws = _WORKSPACES[root] = SnapshotWorkspace(root)
    return ws


def _analyze_one(path: Path, how: str, select, ignore, fence: WriteFence | None = None) -> Result | None:
    """``analyze``; a PREFILTER (code) file that ``prefilter`` rejects is skipped (None): for such
    a file ``analyze`` would find nothing and note nothing, only cost a ``find_root``."""
    text = None
    if how == PREFILTER:
        from .parsing.code import prefilter

        text = read_file(path).text  # what Workspace.text_of reads (no overlay in the CLI)
        if text is not None and not prefilter(text.encode("utf-8", "surrogatepass")):
            return None
    # A walked path is never a folder: no stat to find out.
    ws = _workspace_of_folder(os.path.dirname(path))
    return analyze(ws, path, text, select=select, ignore=ignore, with_suppress_fixes=False, fence=fence)


def _analyze_paths(items: list[tuple[str, str]], select, ignore, fence: WriteFence | None = None) -> list[Result]:
    out = []
    for path, how in items:
        result = _analyze_one(Path(path), how, select, ignore, fence)
        if result is not None:
            out.append(result)
    return out


def _analyze_all(items: list[tuple[str, str]], select, ignore, jobs: int, screened: bool = False,
                 fence: WriteFence | None = None) -> list[Result]:
    jobs = jobs or os.cpu_count() or 1
    if jobs <= 1 or len(items) < (PARALLEL_THRESHOLD if screened else PARALLEL_THRESHOLD_UNSCREENED):
        return _analyze_paths(items, select, ignore, fence)
    # Small batches: an analyzed file costs milliseconds, a prefiltered one microseconds.
    chunk = max(4, len(items) // (jobs * 8))
    batches = [items[i:i + chunk] for i in range(0, len(items), chunk)]
    out: list[Result] = []
    # Forked workers start with what this process has loaded (modules, grammars, compiled
    # queries, the catalogue, the workspaces' folder answers): see _prewarm. Elsewhere (macOS,
    # Windows) the platform's default start method.
    context = multiprocessing.get_context("fork") if sys.platform.startswith("linux") else None
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        n = len(batches)
        for results in pool.map(_analyze_paths, batches, [select] * n, [ignore] * n, [fence] * n):
            out.extend(results)
    return out


# ----- which files are worth analysing ------------------------------------------------------

def kind_of_name(name: str) -> str | None:
    """``file_kind(Path(name))[0]``, memoised by suffix for ordinary names (19 µs -> 0.3 µs)."""
    dot = name.rfind(".")
    if dot <= 0 or dot == len(name) - 1 or _special_name(name):
        return file_kind(Path(name))[0]
    suffix = name[dot:]
    try:
        return _SUFFIX_KINDS[suffix]
    except KeyError:
        kind = _SUFFIX_KINDS[suffix] = file_kind(Path("byok-lsp-probe" + suffix))[0]
        return kind


_SUFFIX_KINDS: dict[str, str | None] = {}


@cache
def _special_prefixes() -> tuple[str, ...]:
    """Names whose kind is not decided by their suffix alone (``file_kind`` reads the whole name)."""
    from .config import CONFIG_FILES
    from .parsing.code import _BY_NAME

    stems = {n.split(".")[0] for n in (*_BY_NAME, *(c.lower() for c in CONFIG_FILES))}
    return tuple(sorted(s for s in stems | {"dockerfile", "containerfile", "makefile", "gnumakefile"} if s))


def _special_name(name: str) -> bool:
    lower = name.lower()
    return lower.startswith(".") or lower.endswith(".env") or lower.startswith(_special_prefixes())


def plan(walked: WalkResult, screen: Screen) -> tuple[list[tuple[str, str]], bool]:
    """The walked files to analyze (ANALYZE) or to prefilter first (PREFILTER), in walk order,
    and whether rg screened them."""
    clean = screen.clean()
    screened = clean is not None
    clean = clean or set()
    items = []
    for path, kind in zip(walked.paths, walked.kinds):
        if kind != "code":
            items.append((path, ANALYZE))  # .env files, configs: always read
        elif path not in clean:
            items.append((path, PREFILTER))  # rg hit, or not read by rg (symlink, FIFO, too big, no rg)
    return items, screened


def _analyze_walked(walked: WalkResult, screen: Screen, select, ignore, jobs: int,
                    fence: WriteFence | None = None) -> list[Result]:
    _prewarm(walked)  # while rg is still reading
    items, screened = plan(walked, screen)
    return _analyze_all(items, select, ignore, jobs, screened, fence)


_SAMPLES = {"json": b'{"a": "openai"}', "python": b'a = "openai"\n', "javascript": b'a = "openai"\n',
            "typescript": b'a = "openai"\n', "tsx": b'a = "openai"\n', "yaml": b'a: "openai"\n', "toml": b'a = "openai"\n'}


def _prewarm(walked: WalkResult) -> None:
    """Load once, here, what each pool worker would load on its first files: the extractors,
    grammars and compiled queries of the languages walked (Python, TypeScript, JavaScript and
    YAML: 39 ms on the shared 2-core machine, 2026-12-05), the rules. The forked workers inherit them; without this each loads
    its own. It runs while the main process would wait for rg; the files of a language rg
    then clears make it cost a few ms for nothing."""
    languages, seen = set(), set()
    for path, kind in zip(walked.paths, walked.kinds):
        if kind != "code":
            continue
        dot = path.rfind(".")
        suffix = path[dot:].lower() if dot > path.rfind(os.sep) else ""
        if suffix not in seen:
            seen.add(suffix)
            languages.add(file_kind(Path(path))[1])
    from .parsing.code import extract
    from .rules.registry import all_rules

    all_rules()
    disabled = logging.root.manager.disable
    logging.disable(logging.WARNING)  # an extractor's fallback warning belongs to real files only
    try:
        for language in sorted(languages & _SAMPLES.keys()):
            extract(language, _SAMPLES[language].decode(), skip_prefilter=True)
    except Exception:  # noqa: BLE001 - only a head start; the analysis proper reports its own failures
        log.debug("prewarm failed", exc_info=True)
    finally:
        logging.disable(disabled)


def _config_errors(walked: WalkResult) -> list:
    errors = {}
    memo: dict[str, object] = {}
    for folder in sorted(Path(d) for d in set(walked.dirs)):  # the folders of walked.paths
        err = _config_error(str(folder), memo)
        if err is not None:
            errors[(err.path, err.line, err.key)] = err
    return list(errors.values())


def _config_error(folder: str, memo: dict[str, object]):
    """``config_for(folder/_)``'s error. A folder without a config file of its own, inside its
    workspace, answers like its parent (``Workspace.folders_up``): ask once per config, not
    once per folder (a tree of 560 folders: 130 ms -> 10 ms when this was written;
    bench/bench_check.py measures check as a whole)."""
    if folder in memo:
        return memo[folder]
    ws = _workspace_of_folder(folder)
    root = str(ws.root)
    parent = os.path.dirname(folder)
    if (folder != root and parent != folder and folder.startswith(root.rstrip("/") + "/")
            and not any(_exists(folder, name) for name in CONFIG_FILES)):
        err = _config_error(parent, memo)
    else:
        err = ws.config_for(Path(folder) / "_")[1]
    memo[folder] = err
    return err


def check_fence(roots: list[Path]) -> WriteFence:
    """Fixes of ``check`` stay inside the checked folders (a checked file: its folder)."""
    return WriteFence(r if r.is_dir() else r.parent for r in roots)


def apply_safe_fixes(findings: list[Finding], fence: WriteFence | None = None) -> dict[Path, int]:
    """Apply every safe fix (inside ``fence`` only); returns the number of fixes applied per file."""
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
        refused = fence.reason(path) if fence is not None else None
        if refused:  # the analysis dropped such fixes; the file system may have changed since
            print(f"note: {note_for(path, refused)}", file=sys.stderr)
            continue
        creating = all(e.create for e in file_edits) and not os.path.lexists(path)
        if not creating and not path.is_file():
            # A FIFO, folder or dangling link named .gitignore/.env: reading it would block or
            # fail; leave it alone and say so.
            print(f"note: {path}: not a regular file; its fix was not applied", file=sys.stderr)
            continue
        try:
            data = b"" if creating else path.read_bytes()
        except OSError as exc:
            print(f"note: {path}: cannot read ({exc.strerror}); its fix was not applied", file=sys.stderr)
            continue
        had_bom = data.startswith(BOM.encode())
        try:
            text = data[3:].decode("utf-8") if had_bom else data.decode("utf-8")
        except UnicodeDecodeError:
            continue  # not UTF-8: rewriting it would replace the undecodable bytes
        try:
            new = edit_helpers.apply(text, file_edits)
        except ValueError:
            continue  # overlapping edits: leave the file alone rather than guess
        try:
            _write_no_follow(path, (BOM if had_bom else "").encode() + new.encode("utf-8"), creating)
        except OSError as exc:
            print(f"note: {path}: cannot write ({exc.strerror}); its fix was not applied", file=sys.stderr)
    return dict(applied)


def _write_no_follow(path: Path, data: bytes, creating: bool) -> None:
    """Write ``path`` in place, refusing a symbolic link in its last component (O_NOFOLLOW) and,
    when creating, a file that appeared meanwhile (O_EXCL). Its folder must exist: a fix creates
    a file beside the files it read, never a folder."""
    flags = os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0) | (os.O_CREAT | os.O_EXCL if creating else os.O_TRUNC)
    fd = os.open(path, flags, 0o644)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)


def _through_policy(found: list[Finding], selection: Selection) -> list[Finding]:
    """Findings made outside ``analyze`` (the online checks) through the same findings policy:
    each file's config and suppression comments, ``--select``/``--ignore``."""
    by_ws: dict[int, tuple[object, list[Finding]]] = {}
    for f in found:
        ws = _workspace(f.path)
        by_ws.setdefault(id(ws), (ws, []))[1].append(f)
    return [kept for ws, group in by_ws.values() for kept in apply_to(group, selection, ws)]


def run_check(args) -> int:
    cwd = Path.cwd()
    roots = [p if p.is_absolute() else cwd / p for p in args.paths]
    missing = [p for p in roots if not os.path.lexists(p)]
    if missing:  # a mistyped path in CI must not pass silently
        for p in missing:
            print(f"error: {p}: no such file or folder", file=sys.stderr)
        return 2
    jobs = args.jobs or os.cpu_count() or 1
    fence = check_fence(roots)
    screen = Screen(roots, jobs)  # rg works while Python walks
    try:
        walked = walk(roots, lambda p: file_kind(p)[0], kind_of_name=kind_of_name)
        _LISTED.update(walked.markers)
        _SCAN_ROOTS[:] = [str(r if r.is_dir() else r.parent) for r in roots]
        config_errors = _config_errors(walked)
        results = _analyze_walked(walked, screen, args.select, args.ignore, jobs, fence)
    finally:
        screen.close()
    findings = sorted((f for r in results for f in r.findings), key=Finding.sort_key)
    notes = list(dict.fromkeys(walked.notes + [n for r in results for n in r.notes]))  # one note per read-only file
    if args.online:
        from .verify.online_check import online_findings

        read = [Path(p) for p, kind in zip(walked.paths, walked.kinds) if kind]
        findings.extend(_through_policy(online_findings(read, _workspace, notes), Selection(tuple(args.select), tuple(args.ignore))))
        findings.sort(key=Finding.sort_key)
    if args.fix:
        fixed = apply_safe_fixes(findings, fence)
        if fixed:
            print(f"Applied {sum(fixed.values())} safe fixes in {len(fixed)} files; re-checking.", file=sys.stderr)
            _WORKSPACES.clear()
            results = _analyze_walked(walked, Screen(roots, jobs), args.select, args.ignore, jobs, fence)
            findings = sorted((f for r in results for f in r.findings), key=Finding.sort_key)
    report = render(findings, args.format, cwd)
    if args.output:
        # File names that are not UTF-8 come back as surrogates: write them escaped, never crash.
        args.output.write_bytes(report.encode("utf-8", "backslashreplace"))
    else:
        sys.stdout.write(report)
    if not args.quiet:
        for note in notes:
            print(f"note: {redact(note)}", file=sys.stderr)
        if args.format == "text":
            print(summary(findings, len(walked.paths)), file=sys.stderr)
    if config_errors:
        for err in config_errors:
            print(f"error: invalid configuration: {err}", file=sys.stderr)
        return 2
    return 1 if any(f.severity >= args.fail_on for f in findings) else 0
