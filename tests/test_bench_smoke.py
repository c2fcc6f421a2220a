"""The benchmarks in bench/ still run (tiny sizes, one or two iterations, no thresholds), and
``byok-lsp check`` reports the same with and without its ripgrep screen.

Peers (rg, ruff server, detect-secrets) are skipped with the reason when they are missing.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from byok_lsp import runner
from byok_lsp.catalog import load
from byok_lsp.engine import analyze, file_kind
from byok_lsp.parsing import lang_text
from byok_lsp.parsing.code import _BY_NAME, _BY_SUFFIX, TEXT_FAMILIES, prefilter
from byok_lsp.textio import read_file
from byok_lsp.walk import walk
from byok_lsp.workspace import Workspace

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))

import gen_tree  # noqa: E402

pytestmark = pytest.mark.bench

BYOK = [sys.executable, "-m", "byok_lsp"]
needs_rg = pytest.mark.skipif(runner.ripgrep() is None, reason="no rg (apt-get install ripgrep, or pip install ripgrep)")


@pytest.fixture(scope="module")
def tree(tmp_path_factory) -> Path:
    return gen_tree.generate(80, seed=3, out=tmp_path_factory.mktemp("bench") / "tree")


def _check(tree: Path, *args: str, rg: bool, paths: tuple[str, ...] = (".",)) -> tuple[int, str, str]:
    env = {**os.environ, "BYOK_LSP_RIPGREP": os.environ.get("BYOK_LSP_RIPGREP", "") if rg else "off"}
    if rg and not env["BYOK_LSP_RIPGREP"]:
        del env["BYOK_LSP_RIPGREP"]
    proc = subprocess.run([*BYOK, "check", *args, *paths], cwd=tree, env=env, capture_output=True, text=True,
                          timeout=60, stdin=subprocess.DEVNULL)
    return proc.returncode, proc.stdout, proc.stderr


# ----- check: the rg screen changes nothing but the time ---------------------------------------

@needs_rg
@pytest.mark.parametrize("fmt", ["json", "text"])
def test_check_reports_the_same_with_and_without_rg(tree, fmt):
    with_rg = _check(tree, "--format", fmt, rg=True)
    without = _check(tree, "--format", fmt, rg=False)
    assert with_rg == without
    assert with_rg[0] == 1 and "skipped: larger than 2 MiB" in with_rg[2]  # findings, and the notes


@needs_rg
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_check_with_rg_survives_special_files(tmp_path):
    """rg must never be handed a FIFO or a device to read: not by name, not as a .gitignore."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "app.py").write_text('MODEL = "openai/o3"\nURL = "https://openrouter.ai/api/v1"\n')
    (tmp_path / "sub").mkdir()
    os.mkfifo(tmp_path / "sub" / ".gitignore")
    os.mkfifo(tmp_path / "pipe.py")
    (tmp_path / "zero.env").symlink_to("/dev/zero")
    for paths in ((".",), (".", "pipe.py", "app.py", "zero.env")):
        with_rg = _check(tmp_path, "--format", "json", rg=True, paths=paths)
        assert with_rg == _check(tmp_path, "--format", "json", rg=False, paths=paths)
        assert '"BYOK101"' in with_rg[1]


@needs_rg
def test_rg_screen_runs_and_skips_most_files(tree):
    walked = walk([tree], lambda p: file_kind(p)[0], kind_of_name=runner.kind_of_name)
    items, screened = runner.plan(walked, runner.Screen([tree], 2))
    assert screened, "rg was found but did not screen (pattern or invocation broken: check logs at debug)"
    assert len(items) < len(walked.paths) / 2


@needs_rg
def test_rg_never_screens_out_a_file_python_would_read(tmp_path):
    """Every file that prefilter accepts, or that Python cannot read as text (a note), must
    stay out of rg's clean set: each trigger in each spelling, next to each kind of byte."""
    triggers = [n.decode() for n in lang_text._NEEDLES] + ["MODEL"]
    triggers += sorted({s.split("/", 1)[-1] for m in load().models for s in (m.slug, *m.forms)})
    for err in load().errors:
        for _word, sub in lang_text.alternatives(err.pattern.pattern) or []:
            if re.fullmatch(r"[\w ,.'-]+", sub):
                triggers.append(sub)
    before = ["", " ", "x", ".", "_", "\u00e9", "\n", "\ufeff", "-", "/", "\"", "(", "\r\n"]
    n = 0
    for t in triggers:
        for spelled in {t, t.upper(), t.title()}:
            for b in before:
                (tmp_path / f"f{n}.py").write_bytes(f"{b}{spelled} = 1\n".encode())
                n += 1
    hazards = {
        "nul_late.py": b"a = 1\n" * 2000 + b"\x00", "nul_early.py": b"\x00abc",
        "utf16.ts": "\ufeffexport const m = 'openai/o3';".encode("utf-16-le"),
        "latin1.py": b"caf\xe9o3 = 1\n", "bad_utf8_id.py": b"\xffo3 = 1\n", "bom_id.py": b"\xef\xbb\xbfo3 = 1\n",
        "crlf.py": b"x = 1\r\nMODEL = 2\r\n", "big.json": b"[" + b'"x",' * 600_000 + b'"y"]',
    }
    for name, data in hazards.items():
        (tmp_path / name).write_bytes(data)
    clean = runner.Screen([tmp_path], 2).clean()
    assert clean is not None
    wrongly_clean, rejected = [], set()
    for path in sorted(tmp_path.iterdir()):
        text = read_file(path).text
        if text is None or prefilter(text.encode("utf-8", "surrogatepass")):
            if str(path) in clean:
                wrongly_clean.append(path.name)
        elif path.name.startswith("f"):
            rejected.add(str(path))
    assert not wrongly_clean
    # ... and it does screen: here (a boundary before each id, ASCII folding) exactly as tight
    assert rejected and {p for p in clean if Path(p).name.startswith("f")} == rejected


def test_analyze_finds_nothing_in_a_file_prefilter_rejects(tree):
    """What lets check skip such files without changing its report."""
    ws = Workspace(tree, environ={})
    checked = 0
    for path, kind in zip(*(lambda w: (w.files, w.kinds))(walk([tree], lambda p: file_kind(p)[0]))):
        text = read_file(path).text if kind == "code" else None
        if text is not None and not prefilter(text.encode("utf-8", "surrogatepass")):
            result = analyze(ws, path, with_suppress_fixes=False)
            assert (result.findings, result.notes) == ([], []), path
            checked += 1
    assert checked > 20


def test_walk_by_name_matches_walk_by_path(tree):
    by_path = walk([tree], lambda p: file_kind(p)[0])
    by_name = walk([tree], lambda p: file_kind(p)[0], kind_of_name=runner.kind_of_name)
    assert (by_path.paths, by_path.kinds, by_path.notes) == (by_name.paths, by_name.kinds, by_name.notes)


def test_kind_of_name_matches_file_kind():
    stems = ["app", "a.b", "Dockerfile", "dockerfile", "Makefile", "pyproject", "x.test", "prod", ".hidden", "env"]
    suffixes = [*_BY_SUFFIX, *TEXT_FAMILIES, ".env", ".ENV", ".toml", ".md", ".txt", ".lock", ".", ""]
    names = {s + x for s in stems for x in suffixes} | {x.upper() for x in suffixes}
    names |= set(_BY_NAME) | {n.upper() for n in _BY_NAME} | {"pyproject.toml", ".byok-lsp.toml", ".env", ".env.local",
                                                              "prod.env", ".envrc", "Dockerfile.dev", "Containerfile",
                                                              "GNUmakefile", "makefile.inc", "x.env.example"}
    wrong = {n: (runner.kind_of_name(n), file_kind(Path(n))[0]) for n in sorted(names)
             if runner.kind_of_name(n) != file_kind(Path(n))[0]}
    assert not wrong


# ----- the benchmarks run ------------------------------------------------------------------------

def test_gen_tree_is_deterministic(tmp_path):
    a = gen_tree.generate(30, seed=5, out=tmp_path / "a")
    b = gen_tree.generate(30, seed=5, out=tmp_path / "b")
    files = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file() and not p.is_symlink())
    assert files == sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file() and not p.is_symlink())
    assert all((a / f).read_bytes() == (b / f).read_bytes() for f in files)


def test_bench_check_smoke():
    import bench_check

    rows = bench_check.main(["--smoke", "--skip-detect-secrets"])
    row = rows[0]
    assert row["byok-lsp"]["exit"] == [1] and row["byok-lsp (no rg)"]["exit"] == [1]
    if shutil.which("rg"):
        assert "byok-lsp / rg" in row["ratios"]


def test_bench_check_detect_secrets_smoke():
    import bench_check

    if bench_check.tools(False)["detect-secrets"][0] is None:
        pytest.skip("detect-secrets not installed (pip install detect-secrets): the peer of bench_check.py")
    rows = bench_check.main(["--smoke", "--sizes", "5", "--no-server"])
    assert "detect-secrets / byok-lsp" in rows[0]["ratios"]


def test_editor_latency_smoke():
    import editor_latency

    # Python runs in the ruff test below when ruff is there (a server start costs ~1 s).
    langs = "typescript,dotenv" if editor_latency.ruff_command() else "python,typescript,dotenv"
    rows = editor_latency.main(["--smoke", "--no-ruff", "--langs", langs])
    cases = {(r["lang"], r["mode"], r["what"]) for r in rows}
    for lang in langs.split(","):
        assert {(lang, "push", "edit"), (lang, "pull", "edit"), (lang, "push", "hover")} <= cases


def test_editor_latency_ruff_smoke():
    import editor_latency

    if editor_latency.ruff_command() is None:
        pytest.skip("ruff not installed (pip install ruff): the reference of editor_latency.py")
    rows = editor_latency.main(["--smoke", "--langs", "python"])
    assert all("ruff_median_ms" in r for r in rows if r["what"] in ("open", "edit"))
    assert {(r["mode"], r["what"]) for r in rows} >= {("push", "edit"), ("pull", "edit"), ("push", "code_action")}


def test_startup_smoke():
    import startup

    out = startup.main(["--smoke", "--no-ruff"])
    assert out["server"][0]["first_diagnostics_median_ms"] > 0
    assert {i["module"] for i in out["imports"]} == {"byok_lsp.lsp.server", "byok_lsp.cli", "byok-lsp serve"}


def test_server_fuzz_smoke(tmp_path):
    import json

    import server_fuzz

    out = tmp_path / "fuzz.json"
    assert server_fuzz.main(["--docs", "40", "--requests", "20", "--seed", "3", "--bad-frame-rate", "0.2",
                             "--json", str(out)]) == 0
    figures = json.loads(out.read_text())
    assert figures["documents"] == 40 and figures["verified"] == 40 and figures["bad_frames"] > 0
    assert figures["crashes"] == figures["hangs"] == figures["stale_publishes"] == 0
