"""Start-up of ``byok-lsp serve``: spawn → initialize → first diagnostics, and import time.

- server: spawn the process, ``initialize``, open a small Python file with findings, wait for its
  first ``publishDiagnostics`` (push client); median and p95 over ``--runs`` after one untimed
  start of each (it fills the code cache and the OS file cache), and the server's CPU time (user +
  system) by then, which other load on the machine inflates much less than wall time; ``ruff
  server`` on the same file through the same client for scale. Two more byok-lsp rows: with
  ``BYOK_LSP_CODE_CACHE=off`` (attrs compiles lsprotocol's methods at every start, as before
  lsp/codecache.py), and — when ``PYTHONDONTWRITEBYTECODE`` is set, as on the CI machine, so that
  byok-lsp's own modules are compiled from source at every start — with bytecode kept (in
  ``.bench-tmp/pycache``), as an installed package has it.
- imports: ``python -X importtime -c "import byok_lsp.lsp.server"``, ``import byok_lsp.cli``
  and the whole ``byok-lsp serve`` start until stdin closes (``create_server`` imports more);
  the total, the slowest modules (self and cumulative), and whether the grammars
  (``tree_sitter*``) and ``httpx`` stayed out (they must load lazily), with who imported them.
  Plus the plain wall time of each (importtime itself adds overhead).

    python bench/startup.py [--runs 10] [--no-ruff] [--json out.json] [--smoke]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from editor_latency import BYOK, python_file, ruff_command  # noqa: E402
from lspclient import Session, median_p95  # noqa: E402

PYCACHE = Path(__file__).resolve().parent.parent / ".bench-tmp" / "pycache"
LAZY = ("tree_sitter_python", "tree_sitter_javascript", "tree_sitter_typescript", "tree_sitter_yaml",
        "tree_sitter_toml", "tree_sitter_json", "tree_sitter_bash", "httpx", "httpcore", "anyio", "h11")
SERVE = "byok-lsp serve"
IMPORT_TARGETS = ("byok_lsp.lsp.server", "byok_lsp.cli", SERVE)
_IMPORT_LINE = re.compile(r"^import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)$")


def cpu_seconds(pid: int) -> float:
    """user + system CPU time of a live process so far (robust to other load, unlike wall time)."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return float("nan")


async def first_diagnostics(command: list[str], folder: Path, path: Path,
                            options: dict | None) -> tuple[float, float, float, float]:
    """(spawn → initialize answered, spawn → first diagnostics of the opened file, server CPU by
    then, server peak RSS by then in MiB)."""
    session = Session(command, folder, options=options)
    started = time.perf_counter()
    try:
        init = await session.start()
        await session.open(path, "python")
        first = time.perf_counter() - started
        server = getattr(session.client, "_server", None)
        return init, first, cpu_seconds(server.pid) if server is not None else float("nan"), session.server_peak_rss_mib()
    finally:
        await session.stop()


async def server_runs(runs: int, with_ruff: bool) -> list[dict]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="byok-startup-") as tmp:
        folder = Path(tmp)
        path = folder / "app.py"
        path.write_text(python_file(100))
        options = {"debounceMs": 0}
        servers = [("byok-lsp", BYOK, options), ("byok-lsp, code cache off", ["env", "BYOK_LSP_CODE_CACHE=off", *BYOK], options)]
        if os.environ.get("PYTHONDONTWRITEBYTECODE"):
            servers.append(("byok-lsp, .pyc kept", ["env", "-u", "PYTHONDONTWRITEBYTECODE", f"PYTHONPYCACHEPREFIX={PYCACHE}", *BYOK],
                            options))
        ruff = ruff_command() if with_ruff else None
        if ruff:
            servers.append(("ruff server", ruff, None))
        results: dict[str, list[tuple[float, float, float, float]]] = {name: [] for name, _c, _o in servers}
        for _name, command, options in servers:  # untimed: fills the code cache, the .pyc prefix, the OS file cache
            await first_diagnostics(command, folder, path, options)
        for _ in range(runs):  # interleaved, so that machine noise hits all alike
            for name, command, options in servers:
                results[name].append(await first_diagnostics(command, folder, path, options))
        for name, samples in results.items():
            init_med, init_p95 = median_p95([s[0] for s in samples])
            first_med, first_p95 = median_p95([s[1] for s in samples])
            cpu_med, _ = median_p95([s[2] for s in samples])
            rss = max(s[3] for s in samples)
            rows.append({"server": name, "runs": runs, "initialize_median_ms": round(init_med, 1),
                         "initialize_p95_ms": round(init_p95, 1), "first_diagnostics_median_ms": round(first_med, 1),
                         "first_diagnostics_p95_ms": round(first_p95, 1), "server_cpu_median_ms": round(cpu_med, 1),
                         "server_peak_rss_mib": round(rss, 1)})
            print(f"{name:<26} spawn→initialize {init_med:7.1f} ms (p95 {init_p95:7.1f})   "
                  f"spawn→first diagnostics {first_med:7.1f} ms (p95 {first_p95:7.1f})   "
                  f"server CPU by then {cpu_med:6.1f} ms   peak RSS {rss:5.1f} MiB   n={runs}", flush=True)
    return rows


def import_profile(module: str, top: int = 8) -> dict:
    """``-X importtime`` of ``import module``; for SERVE, of the whole ``byok-lsp serve`` start
    (create_server included) until stdin closes."""
    argv = ["-m", "byok_lsp", "serve"] if module == SERVE else ["-c", f"import {module}"]
    proc = subprocess.run([sys.executable, "-X", "importtime", *argv], capture_output=True, text=True, check=True,
                          stdin=subprocess.DEVNULL, timeout=60)
    entries = []
    for line in proc.stderr.splitlines():
        m = _IMPORT_LINE.match(line)
        if m:
            entries.append((int(m.group(1)), int(m.group(2)), len(m.group(3)) // 2, m.group(4)))
    names = {e[3] for e in entries}
    total = next((cum for _s, cum, _d, name in entries if name == module), sum(e[0] for e in entries))
    chains = {}
    for i, (_s, cum, depth, name) in enumerate(entries):  # who pulled a lazy module in
        if name.split(".")[0] in LAZY and name.split(".")[0] == name and name not in chains:
            chain, d = [name], depth
            for _s2, _c2, d2, n2 in entries[i + 1:]:
                if d2 < d:
                    chain.append(n2)
                    d = d2
            chains[name] = f"{' <- '.join(chain)} ({cum / 1000:.1f} ms)"
    by_self = sorted(entries, reverse=True)[:top]
    ours = sorted((e for e in entries if e[3].startswith("byok_lsp") or e[2] <= 1), key=lambda e: -e[1])[:top]
    return {
        "module": module, "total_ms": round(total / 1000, 1), "modules": len(entries),
        "lazy_loaded_anyway": sorted(chains.values()) or sorted(n for n in names if n.split(".")[0] in LAZY),
        "top_self_ms": [(name, round(s / 1000, 1)) for s, _c, _d, name in by_self],
        "top_cumulative_ms": [(name, round(c / 1000, 1)) for _s, c, _d, name in ours],
    }


def import_wall(module: str, runs: int) -> tuple[float, float]:
    samples = []
    argv = ["-m", "byok_lsp", "serve"] if module == SERVE else ["-c", f"import {module}"]
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, *argv], check=True, stdin=subprocess.DEVNULL, timeout=60)
        samples.append(time.perf_counter() - started)
    return median_p95(samples)


def main(argv: list[str] | None = None) -> dict:
    p = argparse.ArgumentParser(description="byok-lsp start-up: first diagnostics and import time")
    p.add_argument("--runs", type=int, default=10)
    p.add_argument("--no-ruff", action="store_true")
    p.add_argument("--json", type=Path)
    p.add_argument("--smoke", action="store_true", help="one run of each: checks that the benchmark runs")
    args = p.parse_args(argv)
    if args.smoke:
        args.runs = 1
    out = {"loadavg_before": os.getloadavg(), "server": asyncio.run(server_runs(args.runs, not args.no_ruff)), "imports": []}
    baseline = import_wall("sys", args.runs)[0]
    for module in IMPORT_TARGETS:
        prof = import_profile(module)
        prof["wall_median_ms"], prof["wall_p95_ms"] = (round(x, 1) for x in import_wall(module, args.runs))
        prof["bare_python_median_ms"] = round(baseline, 1)
        out["imports"].append(prof)
        print(f"import {module}: {prof['total_ms']} ms by -X importtime ({prof['modules']} modules); "
              f"wall {prof['wall_median_ms']} ms median (bare python {prof['bare_python_median_ms']} ms)")
        print(f"  slowest (self): {', '.join(f'{n} {t}' for n, t in prof['top_self_ms'])}")
        print(f"  slowest (cumulative): {', '.join(f'{n} {t}' for n, t in prof['top_cumulative_ms'])}")
        print(f"  must be lazy but loaded: {prof['lazy_loaded_anyway'] or 'none'}")
    out["loadavg_after"] = os.getloadavg()
    print(f"1/5/15-min load average before {out['loadavg_before']}, after {out['loadavg_after']}")
    if args.json:
        args.json.write_text(json.dumps(out, indent=1))
    return out


if __name__ == "__main__":
    main()
