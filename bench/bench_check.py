"""``byok-lsp check`` on generated trees, against ripgrep (the floor) and detect-secrets (a peer).

    python bench/bench_check.py [--sizes 1000,10000,50000] [--runs 5] [--ds-runs 1]
                                [--skip-detect-secrets] [--no-server] [--json out.json] [--smoke]
                                [--baseline OTHER/server]

Per tree (bench/gen_tree.py, cached in .bench-tmp/), interleaved so that machine noise hits
every tool alike:

- ``byok-lsp check --format json -q .`` (both cores), as shipped: rg screens the files when an
  rg is found (see server/byok_lsp/runner.py);
- the same with ``BYOK_LSP_RIPGREP=off``: the pure-Python fallback;
- ``rg -l -e openrouter -e 'openai/o' -e 'sk-or-v1-' -e OPENROUTER .``: the floor, it reads the
  same bytes and understands nothing;
- ``detect-secrets scan --all-files .`` (1k and 10k only: ~200 s on 10k): the peer;
- with ``--baseline DIR``, the same check with ``PYTHONPATH=DIR`` (another version's
  ``server/`` folder, e.g. ``git archive COMMIT server | tar -x -C /tmp/before``): before and
  after timed in the same interleaved runs.

Wall time: median and p95 over ``--runs``; CPU time (user + system of the whole process tree,
median), which other load on a shared machine inflates much less than wall time. Memory: ``ru_maxrss`` (via GNU time), which is the
peak RSS of the *largest single process* of the tree (main, pool worker or rg), plus, from one
extra sampled run, the peak of the summed PSS of all its processes (shared pages split, so
forked workers are not counted twice; sampled every 5 ms, so a lower bound).
Also ``workspace/diagnostic`` through ``byok-lsp serve`` on the same tree, when the server
answers it, with the server's own peak RSS (VmHWM).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import gen_tree  # noqa: E402
from lspclient import Session, median_p95  # noqa: E402

BIN = Path(sys.executable).parent
RG_FLOOR = ["-l", "-e", "openrouter", "-e", "openai/o", "-e", "sk-or-v1-", "-e", "OPENROUTER", "."]


def tools(skip_ds: bool, baseline: Path | None = None) -> dict[str, tuple[list[str] | None, dict, str]]:
    """name -> (argv or None, extra environment, why missing). ``baseline``: a ``server/`` folder
    of another version (e.g. ``git archive`` of a commit), timed as "byok-lsp (baseline)"."""
    byok = str(BIN / "byok-lsp") if (BIN / "byok-lsp").exists() else shutil.which("byok-lsp")
    rg = shutil.which("rg")
    ds = str(BIN / "detect-secrets") if (BIN / "detect-secrets").exists() else shutil.which("detect-secrets")
    check = [byok, "check", "--format", "json", "-q", "."] if byok else None
    base = {"byok-lsp (baseline)": (check, {"PYTHONPATH": str(baseline)}, "byok-lsp not installed")} if baseline else {}
    return {
        "byok-lsp": (check, {}, "byok-lsp not installed"),
        **base,
        "byok-lsp (no rg)": (check, {"BYOK_LSP_RIPGREP": "off"}, "byok-lsp not installed"),
        "rg": ([rg, *RG_FLOOR] if rg else None, {}, "no rg on PATH (apt-get install ripgrep)"),
        "detect-secrets": (None if skip_ds or not ds else [ds, "scan", "--all-files", "."], {},
                           "--skip-detect-secrets" if skip_ds else "not installed (pip install detect-secrets)"),
    }


GNU_TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None


def timed_run(argv: list[str], cwd: Path, env: dict) -> tuple[float, int, int, float]:
    """(wall seconds, exit status, peak RSS KiB of the largest process of the tree, CPU seconds
    (user + system) of the whole tree: other load on the machine inflates it much less).

    The RSS comes from GNU time when installed (apt-get install time): a child forked from
    this Python inherits its ~50 MB high-water mark up to exec, and Linux folds that into the
    child's ru_maxrss; /usr/bin/time forks from a 2 MB process instead."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as out:
        launcher = [GNU_TIME, "-f", "%M", "-o", out.name] if GNU_TIME else []
        started = time.perf_counter()
        proc = subprocess.Popen([*launcher, *argv], cwd=cwd, env={**os.environ, **env},
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _pid, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - started
        code = os.waitstatus_to_exitcode(status)
        maxrss = usage.ru_maxrss
        if GNU_TIME:
            text = out.read().strip().splitlines()
            maxrss = int(text[-1]) if text and text[-1].isdigit() else maxrss
    return elapsed, code, maxrss, usage.ru_utime + usage.ru_stime


def _pss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _descendants(root: int) -> list[int]:
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        parents.setdefault(ppid, []).append(int(entry))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(parents.get(pid, []))
    return out


def sampled_tree_pss(argv: list[str], cwd: Path, env: dict, every: float = 0.005) -> int:
    """Peak of the summed PSS (KiB) of the process and its descendants, sampled."""
    proc = subprocess.Popen(argv, cwd=cwd, env={**os.environ, **env}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    done = threading.Event()

    def sample():
        nonlocal peak
        while not done.is_set():
            peak = max(peak, sum(_pss_kib(p) for p in _descendants(proc.pid)))
            done.wait(every)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    proc.wait()
    done.set()
    thread.join()
    return peak


async def workspace_diagnostics(tree: Path) -> dict:
    session = Session([sys.executable, "-m", "byok_lsp", "serve"], tree, pull=True, options={"debounceMs": 0})
    try:
        await session.start()
        caps = session.server_info.capabilities.diagnostic_provider if session.server_info else None
        if caps is None or not getattr(caps, "workspace_diagnostics", False):
            return {"skipped": "server does not announce workspace diagnostics"}
        elapsed, result = await session.workspace_diagnostics()
        items = getattr(result, "items", []) or []
        hwm = None
        server = getattr(session.client, "_server", None)
        if server is not None:
            try:
                with open(f"/proc/{server.pid}/status") as fh:
                    hwm = next(int(line.split()[1]) for line in fh if line.startswith("VmHWM:"))
            except (OSError, StopIteration):
                pass
        return {"seconds": elapsed, "reports": len(items), "diagnostics": sum(len(getattr(i, "items", [])) for i in items),
                "server_peak_rss_kib": hwm}
    finally:
        await session.stop()


def bench_tree(tree: Path, files: int, runs: int, ds_runs: int, available: dict, with_server: bool) -> dict:
    row: dict = {"files": files, "tree": str(tree), "bytes": sum(f.stat().st_size for f in tree.rglob("*")
                                                                  if f.is_file() and not f.is_symlink()),
                 "loadavg_before": os.getloadavg()}
    samples: dict[str, list[float]] = {name: [] for name in available}
    cpu: dict[str, list[float]] = {name: [] for name in available}
    rss: dict[str, int] = {name: 0 for name in available}
    codes: dict[str, set[int]] = {name: set() for name in available}
    for name, (argv, env) in available.items():  # one untimed run each: warm the page cache
        if name != "detect-secrets":
            subprocess.run(argv, cwd=tree, env={**os.environ, **env}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for n in range(max(runs, ds_runs)):
        for name, (argv, env) in available.items():
            if n >= (ds_runs if name == "detect-secrets" else runs):
                continue
            elapsed, code, maxrss, cpu_s = timed_run(argv, tree, env)
            samples[name].append(elapsed)
            cpu[name].append(cpu_s)
            rss[name] = max(rss[name], maxrss)
            codes[name].add(code)
    for name, (argv, env) in available.items():
        med, p95 = median_p95(samples[name])
        row[name] = {"runs": len(samples[name]), "median_ms": round(med, 1), "p95_ms": round(p95, 1),
                     "cpu_median_ms": round(median_p95(cpu[name])[0], 1),
                     "max_process_rss_mib": round(rss[name] / 1024, 1), "exit": sorted(codes[name])}
        if name.startswith("byok-lsp"):
            row[name]["tree_pss_mib"] = round(sampled_tree_pss(argv, tree, env) / 1024, 1)
    if with_server:
        row["workspace/diagnostic"] = asyncio.run(workspace_diagnostics(tree))
    row["loadavg_after"] = os.getloadavg()
    return row


def ratios(row: dict) -> dict:
    def median(name):
        r = row.get(name)
        return r["median_ms"] if isinstance(r, dict) and r["median_ms"] else None

    out = {}
    byok, rg, norg, ds = median("byok-lsp"), median("rg"), median("byok-lsp (no rg)"), median("detect-secrets")
    base = median("byok-lsp (baseline)")
    if byok and rg:
        out["byok-lsp / rg"] = round(byok / rg, 2)
    if base and rg:
        out["baseline / rg"] = round(base / rg, 2)
    if byok and base:
        out["baseline / byok-lsp"] = round(base / byok, 2)
    if byok and norg:
        out["no-rg / rg-screened"] = round(norg / byok, 2)
    if byok and ds:
        out["detect-secrets / byok-lsp"] = round(ds / byok, 1)
    return out


def print_row(row: dict) -> None:
    print(f"\n== {row['files']} files, {row['bytes'] / 1e6:.0f} MB: {row['tree']}")
    for name in ("byok-lsp", "byok-lsp (baseline)", "byok-lsp (no rg)", "rg", "detect-secrets"):
        r = row.get(name)
        if isinstance(r, dict):
            pss = f", tree PSS {r['tree_pss_mib']} MiB" if "tree_pss_mib" in r else ""
            print(f"  {name:<19} median {r['median_ms']:9.1f} ms  p95 {r['p95_ms']:9.1f} ms  CPU {r['cpu_median_ms']:9.1f} ms  "
                  f"n={r['runs']}  max process RSS {r['max_process_rss_mib']} MiB{pss}  exit {r['exit']}")
        elif isinstance(r, str):
            print(f"  {name:<19} skipped: {r}")
    if "workspace/diagnostic" in row:
        print(f"  workspace/diagnostic via byok-lsp serve: {row['workspace/diagnostic']}")
    print(f"  ratios: {row['ratios']}   (1/5/15-min load average before {row['loadavg_before']}, "
          f"after {row['loadavg_after']})", flush=True)


def main(argv: list[str] | None = None) -> list[dict]:
    p = argparse.ArgumentParser(description="byok-lsp check vs rg and detect-secrets on generated trees")
    p.add_argument("--sizes", type=lambda s: [int(x) for x in s.split(",")], default=None,
                   help="file counts (default 1000,10000,50000; with --smoke 60)")
    p.add_argument("--runs", type=int, default=5, help="runs of byok-lsp and rg (default 5)")
    p.add_argument("--ds-runs", type=int, default=1, help="runs of detect-secrets (default 1)")
    p.add_argument("--ds-max-files", type=int, default=10000, help="no detect-secrets above this size")
    p.add_argument("--skip-detect-secrets", action="store_true")
    p.add_argument("--no-server", action="store_true", help="skip workspace/diagnostic through the server")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--baseline", type=Path, help="also time the byok-lsp whose server/ folder this is (PYTHONPATH), interleaved")
    p.add_argument("--json", type=Path)
    p.add_argument("--smoke", action="store_true",
                   help="a 60-file tree (without the 2 MiB file) in a temporary folder, one run each")
    args = p.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory(prefix="byok-bench-") as tmp:
        if args.smoke:
            args.sizes, args.runs, args.ds_runs = args.sizes or [60], 1, 1
        args.sizes = args.sizes or [1000, 10000, 50000]
        all_tools = tools(args.skip_detect_secrets, args.baseline.resolve() if args.baseline else None)
        for files in args.sizes:
            tree = (gen_tree.generate(files, args.seed, out=Path(tmp) / f"tree-{files}", big=False) if args.smoke
                    else gen_tree.generate(files, args.seed))
            available = {name: (argv_, env) for name, (argv_, env, _why) in all_tools.items() if argv_}
            if files > args.ds_max_files:
                available.pop("detect-secrets", None)
            row = bench_tree(tree, files, args.runs, args.ds_runs, available, not args.no_server)
            for name, (argv_, _env, why) in all_tools.items():
                if name not in available:
                    row[name] = why if argv_ is None else f"not run above {args.ds_max_files} files"
            row["ratios"] = ratios(row)
            print_row(row)
            rows.append(row)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))
    return rows


if __name__ == "__main__":
    main()
