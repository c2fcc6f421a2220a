"""Where ``byok-lsp check`` spends its time on a tree, phase by phase, in one process.

    python bench/check_phases.py [--files 10000] [--runs 3] [--jobs 2]

Phases as ``runner.run_check`` runs them: imports, rg started (``Screen``), ``walk``, config
errors, prewarm (first run only: it loads once per process), waiting for rg (``plan``),
analysis (process pool), report; each with its wall time, the main process' CPU and the CPU of
the children waited for in it (rg's two runs in "wait for rg", the pool's workers in
"analyze"). Then the analysed files by kind with their CPU time in one process (``--jobs 1``
pass), the slowest files, and the cost of the same tree without rg. Medians over ``--runs``.
Not a test.
"""

from __future__ import annotations

import argparse
import collections
import os
import resource
import statistics
import sys
import time
from pathlib import Path

started = time.perf_counter()
from byok_lsp import runner  # noqa: E402
from byok_lsp.engine import file_kind  # noqa: E402
from byok_lsp.findings import Finding  # noqa: E402
from byok_lsp.output import render  # noqa: E402
from byok_lsp.parsing.treesitter import parse  # noqa: E402
from byok_lsp.textio import read_file  # noqa: E402
from byok_lsp.walk import walk  # noqa: E402

IMPORTS = time.perf_counter() - started
GRAMMARS = {"python": "python", "javascript": "javascript", "typescript": "typescript", "tsx": "tsx",
            "yaml": "yaml", "toml": "toml", "json": "json"}

sys.path.insert(0, str(Path(__file__).resolve().parent))
import gen_tree  # noqa: E402


def _clock() -> tuple[float, float, float]:
    """(wall, CPU of this process, CPU of its waited-for children: rg, pool workers)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.perf_counter(), time.process_time(), children.ru_utime + children.ru_stime


def one_run(tree: Path, jobs: int) -> dict[str, float]:
    runner._WORKSPACES.clear()
    runner._FACTS.clear()
    runner._LISTED.clear()
    t = [_clock()]
    screen = runner.Screen([tree], jobs)
    t.append(_clock())
    walked = walk([tree], lambda p: file_kind(p)[0], kind_of_name=runner.kind_of_name)
    t.append(_clock())
    runner._LISTED.update(walked.markers)
    runner._config_errors(walked)
    t.append(_clock())
    runner._prewarm(walked)  # loads once per process: only the first run pays it
    t.append(_clock())
    items, screened = runner.plan(walked, screen)
    t.append(_clock())
    results = runner._analyze_all(items, (), (), jobs, screened)
    t.append(_clock())
    findings = sorted((f for r in results for f in r.findings), key=Finding.sort_key)
    render(findings, "json", tree)
    t.append(_clock())
    names = ["start rg", "walk", "config errors", "prewarm", "wait for rg + plan", "analyze (pool)", "report"]
    out: dict[str, object] = {}
    for i, name in enumerate(names):
        (w0, m0, c0), (w1, m1, c1) = t[i], t[i + 1]
        out[name] = (w1 - w0, m1 - m0, c1 - c0)
    # rg's CPU is counted when it is waited for (in "wait for rg + plan")
    (w0, m0, c0), (w1, m1, c1) = t[0], t[-1]
    out["total"] = (w1 - w0, m1 - m0, c1 - c0)
    out["files walked"], out["files analyzed or prefiltered"] = len(walked.paths), len(items)
    out["screened"] = screened
    return out


def per_file(tree: Path) -> None:
    walked = walk([tree], lambda p: file_kind(p)[0], kind_of_name=runner.kind_of_name)
    items, _ = runner.plan(walked, runner.Screen([tree], 1))
    by_kind: dict[str, list[float]] = collections.defaultdict(list)
    parsing: dict[str, float] = collections.defaultdict(float)
    slow = []
    for path, how in items:
        t0 = time.process_time()
        result = runner._analyze_one(Path(path), how, (), ())
        spent = time.process_time() - t0
        kind = "skipped by prefilter" if result is None else (result.language or result.kind or "?")
        by_kind[kind].append(spent)
        slow.append((spent, path))
        text = read_file(Path(path)).text if kind in GRAMMARS else None  # (not a FIFO's open)
        if text is not None:  # the tree-sitter parse alone, again: the C part of the analysis
            data = text.encode("utf-8", "surrogatepass")
            t0 = time.process_time()
            parse(GRAMMARS[kind], data)
            parsing[kind] += time.process_time() - t0
    total = sum(sum(v) for v in by_kind.values())
    print(f"\nCPU per analysed file, one process, --jobs 1 ({len(items)} files, {total:.2f} s total; "
          f"of which a tree-sitter parse {sum(parsing.values()):.2f} s):")
    for kind, spent in sorted(by_kind.items(), key=lambda kv: -sum(kv[1])):
        parsed = f"  parse {parsing[kind]:5.2f} s" if kind in parsing else ""
        print(f"  {kind:<22} {len(spent):5d} files  {sum(spent):6.2f} s  median {statistics.median(spent) * 1000:6.1f} ms"
              f"  ({100 * sum(spent) / total:4.1f} %){parsed}")
    print("  slowest: " + ", ".join(f"{os.path.relpath(p, tree)} {s * 1000:.0f} ms" for s, p in sorted(slow)[-5:]))


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description="byok-lsp check, phase by phase")
    p.add_argument("--files", type=int, default=10000)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = p.parse_args(argv)
    tree = gen_tree.generate(args.files)
    print(f"imports (byok_lsp.runner and what check needs before walking): {IMPORTS * 1000:.0f} ms")
    for label, env in (("with rg", None), ("without rg (BYOK_LSP_RIPGREP=off)", "off")):
        if env:
            os.environ["BYOK_LSP_RIPGREP"] = env
        runs = [one_run(tree, args.jobs) for _ in range(args.runs)]
        os.environ.pop("BYOK_LSP_RIPGREP", None)
        print(f"\n{label}: {args.files} files, --jobs {args.jobs}, median of {args.runs} (load {os.getloadavg()})")
        print(f"  {'phase':<30} {'wall':>9} {'main CPU':>10} {'children CPU':>13}   (median ms; children: rg, pool workers)")
        for key in runs[0]:
            values = [r[key] for r in runs]
            if isinstance(values[0], tuple):
                wall, main, children = (statistics.median(v[k] for v in values) * 1000 for k in range(3))
                print(f"  {key:<30} {wall:9.1f} {main:10.1f} {children:13.1f}")
            else:
                print(f"  {key:<30} {values[0]}")
    per_file(tree)


if __name__ == "__main__":
    main()
