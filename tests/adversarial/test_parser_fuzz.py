"""No input crashes or stalls a parser: nesting bounds (parsing/nesting.py) and a fast subset of
the structure-aware fuzzing in bench/fuzz_parsers.py, every input in a child process under the
CPU and memory budget (5 s, 200 MB).

- The issue's crashes: YAML with 253 levels of block nesting and Python with 511 nested blocks
  killed ``check`` and the server (SIGSEGV in tree-sitter's external scanners). Now the lexical
  scan reads them, with a note, and the model id is still found.
- The margin: the raw grammars survive twice each limit (and crash at their thresholds, so the
  shapes still measure what they claim).
- The editor: an edit that nests a document past the limit takes the lexical scan too, without
  rescanning the buffer on every keystroke below it.
- Every shape of every parser at small and large depths, and random mixes.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from byok_lsp.parsing import nesting
from conftest import SCALE, lsp_session, open_doc, push_caps, server_alive, wait_for, write_tree

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))
import fuzz_parsers  # noqa: E402
import fuzz_shapes  # noqa: E402

pytestmark = pytest.mark.fuzz

# (quoted: the lexical scan reads string literals)
ISSUE_YAML = ('base_url: "https://openrouter.ai/api/v1"\n' + "".join(" " * i + "a:\n" for i in range(253))
              + " " * 253 + 'model: "openai/o3"\n')
ISSUE_PY = (fuzz_shapes.PY_HEAD + "".join(" " * i + "if x:\n" for i in range(511)) + " " * 511
            + 'm = client.chat.completions.create(model="openai/o3")\n')


def _analyse_in_child(name: str, text: str) -> subprocess.CompletedProcess:
    child = textwrap.dedent("""
        import pathlib, sys, tempfile
        from byok_lsp import engine
        from byok_lsp.workspace import Workspace
        root = pathlib.Path(tempfile.mkdtemp()); (root / ".git").mkdir()
        result = engine.analyze(Workspace(root, environ={}), root / sys.argv[1], sys.stdin.read())
        print(sorted({f.code for f in result.findings}), result.notes)
    """)
    return subprocess.run([sys.executable, "-c", child, name], input=text, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("name,text", [("c.yaml", ISSUE_YAML), ("deep.py", ISSUE_PY)])
def test_issue_files_get_the_lexical_scan_instead_of_a_crash(name, text):
    proc = _analyse_in_child(name, text)
    assert proc.returncode == 0, f"exit {proc.returncode}: {proc.stderr[-1000:]}"
    assert "lexical scan" in proc.stdout and "levels" in proc.stdout, proc.stdout
    assert "BYOK10" in proc.stdout, f"the model id is no longer found: {proc.stdout}"


def test_check_reports_the_issue_files(tmp_path):
    write_tree(tmp_path, {".git/HEAD": "ref: refs/heads/main\n", "c.yaml": ISSUE_YAML, "deep.py": ISSUE_PY})
    # (the lexical scan decides a provider at file level at best: information, hence --fail-on)
    proc = subprocess.run([sys.executable, "-m", "byok_lsp", "check", "--fail-on", "information", "."], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1, f"exit {proc.returncode}: {proc.stderr[-1000:]}"
    assert "c.yaml" in proc.stdout and "deep.py" in proc.stdout, proc.stdout
    assert proc.stderr.count("lexical scan") == 2, proc.stderr


async def test_server_survives_opening_the_issue_files(tmp_path):
    write_tree(tmp_path, {".git/HEAD": "ref: refs/heads/main\n"})
    async with lsp_session(tmp_path, push_caps()) as client:
        uris = [open_doc(client, tmp_path / "c.yaml", ISSUE_YAML), open_doc(client, tmp_path / "deep.py", ISSUE_PY)]
        await wait_for(lambda: all(u in client.diagnostics for u in uris), timeout=60, what="diagnostics of both")
        assert server_alive(client)


# ----- the limits keep a margin below the grammars' crash thresholds -------------------------------------------
MARGIN_CASES = [  # shape, the nesting measure it drives, depth per unit of that measure, crash depth
    ("py-if", "indents", 1, 511), ("py-def-tabs", "indents", 1, 511), ("yaml-map", "blocks", 1, 253),
    ("yaml-seq-compact", "blocks", 1, 254), ("yaml-map-seq", "blocks", 2, 127),
]


def _raw_parse_crashes(shape: str, depth: int) -> bool:
    module, func = fuzz_parsers.THRESHOLD_SHAPES[shape]
    s = fuzz_shapes.SHAPES[shape]
    data = (s.head + s.group(depth, 1)).encode()
    proc = subprocess.run([sys.executable, "-c", fuzz_parsers.PROBE, module, func], input=data, capture_output=True,
                          timeout=120)
    return proc.returncode < 0


@pytest.mark.parametrize("shape,measure,per_level,crash", MARGIN_CASES, ids=[c[0] for c in MARGIN_CASES])
def test_limits_keep_a_margin_below_the_crash(shape, measure, per_level, crash):
    limit = nesting.LIMITS[measure]
    margin_depth = 2 * limit // per_level  # twice the deepest text the limit lets through
    assert margin_depth < crash
    assert not _raw_parse_crashes(shape, margin_depth), f"{shape}: the raw grammar crashes at {margin_depth}"
    assert _raw_parse_crashes(shape, crash), f"{shape}: no crash at {crash}: the shape no longer measures it"
    s = fuzz_shapes.SHAPES[shape]
    language = "python" if shape.startswith("py-") else "yaml"
    within = nesting.measure(language, (s.head + s.group(limit // per_level - 2, 1)).encode())
    assert nesting.over(within) is None, within  # a text at the limit still reaches the grammar


def test_python_limit_survives_the_worst_string_nesting():
    """255 nested f-strings (the most the scanner keeps) leave the least room for indentation."""
    fstrings = 'y = ' + 'f"{' * 255 + "1" + '}"' * 255
    text = "".join(" " * i + "if x:\n" for i in range(2 * nesting.PYTHON_MAX_INDENTS - 1))
    proc = subprocess.run([sys.executable, "-c", fuzz_parsers.PROBE, "tree_sitter_python", "language"],
                          input=(text + " " * 383 + fstrings + "\n").encode(), capture_output=True, timeout=120)
    assert proc.returncode == 0, proc.returncode


# ----- the editor: an edit past the limit ------------------------------------------------------------------
def test_editor_edit_past_the_limit_takes_the_lexical_scan():
    child = textwrap.dedent("""
        from byok_lsp.parsing.incremental import IncrementalExtractor
        head = 'import openai\\nopenai.base_url = "https://openrouter.ai/api/v1"\\nm = "openai/o3"\\n'
        blocks = lambda n: "".join(" " * i + "if x:\\n" for i in range(n)) + " " * n + "y = 1\\n"
        ex = IncrementalExtractor()
        first = ex.extract("python", head + blocks(100))
        second = ex.extract("python", head + blocks(100) + "z = 2\\n")  # bounded from the first: no rescan
        deep = ex.extract("python", head + blocks(600))
        back = ex.extract("python", head + blocks(100))
        print(first.note, "|", second.note, "|", deep.note, "|", back.note, "|", len(deep.models), ex.incremental_runs)
    """)
    proc = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, f"exit {proc.returncode}: {proc.stderr[-1000:]}"
    first, second, deep, back, counts = (p.strip() for p in proc.stdout.split("|"))
    models, incremental = map(int, counts.split())
    assert first == second == back == "None", proc.stdout
    assert "indentation levels" in deep and "lexical scan" in deep and models == 1, proc.stdout
    assert incremental >= 1, "the small edit was not incremental"


# ----- a fast subset of bench/fuzz_parsers.py ----------------------------------------------------------------
def _check(jobs: list[dict]) -> None:
    results = fuzz_parsers.run_jobs(jobs, workers=2)
    assert len(results) == len(jobs)
    bad = fuzz_parsers.violations(results)
    assert not bad, [(r["shape"], r.get("depth"), r.get("failure") or (r["cpu"], r["mb"])) for r in bad]


def test_every_shape_of_every_parser_within_budget(report_counts):
    jobs = fuzz_parsers.grid_jobs([1, 130, 300, 1_024], [1, 20], [0])
    _check(jobs)
    report_counts(inputs=len(jobs), shapes=len(fuzz_shapes.SHAPES))


def test_random_mixes_within_budget(report_counts):
    count = max(10, int(24 * SCALE))
    _check(fuzz_parsers.random_jobs(count, seed=15, max_size=120_000))
    report_counts(inputs=count)
