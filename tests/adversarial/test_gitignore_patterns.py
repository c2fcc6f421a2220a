""".gitignore patterns are matched without catastrophic backtracking, and as pathspec matches them.

A one-line ``*a*a*a*a*a*a*a*a*a*a*b`` beside a file named with 40 ``a`` made ``check`` take 33 s
(12 stars: over 60 s): each ``*`` became ``[^/]*`` and the regex tried every way to split the
name. The walk (``walk.py``) and BYOK302 (``Workspace.gitignore_covers``) both match these
patterns; each run here is a child process stopped past its CPU budget.
"""

from __future__ import annotations

import subprocess
import sys

import pathspec
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from byok_lsp.walk import gitignore_spec
from conftest import OR_KEY, clean_env, cpu_seconds, write_tree

pytestmark = pytest.mark.fuzz

CPU_LIMIT = 5.0


def _run_bounded(cmd: list[str], cwd) -> tuple[subprocess.CompletedProcess | None, float]:
    proc = subprocess.Popen(cmd, cwd=cwd, env=clean_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    used = 0.0
    while proc.poll() is None:
        try:
            used = cpu_seconds(proc.pid)
        except OSError:
            break
        if used > CPU_LIMIT + 2:  # + start-up
            proc.kill()
            proc.wait()
            return None, used
        try:
            proc.wait(0.1)
        except subprocess.TimeoutExpired:
            pass
    out, err = proc.communicate()
    return subprocess.CompletedProcess(cmd, proc.returncode, out, err), used


def test_check_with_a_backtracking_pattern_stays_in_budget(tmp_path):
    stars = "*a" * 12 + "*b"
    write_tree(tmp_path, {".git/HEAD": "ref: refs/heads/main\n", ".gitignore": f"{stars}\n/x/**/{stars}/**/c\n",
                          "a" * 40 + ".py": "x = 1\n", "x/" + "a" * 40 + "/y.py": "y = 2\n",
                          ".env": f"OPENROUTER_API_KEY={OR_KEY}\n"})
    done, used = _run_bounded([sys.executable, "-m", "byok_lsp", "check", "."], tmp_path)
    assert done is not None, f"check used more than {CPU_LIMIT} s of CPU on one .gitignore line"
    assert done.returncode in (0, 1), done.stderr.decode(errors="replace")[-1000:]
    assert b"BYOK302" in done.stdout, "the .env is not ignored: BYOK302 (gitignore_covers) must still say so"


_GLOB = st.lists(st.sampled_from(["a", "b", "*", "?", "**", "[ab]", ".", "\\*"]), min_size=1, max_size=5).map("".join)
_PATTERN = st.builds(lambda neg, lead, segs, trail: ("!" if neg else "") + ("/" if lead else "") + "/".join(segs)
                     + ("/" if trail else ""), st.booleans(), st.booleans(),
                     st.lists(_GLOB, min_size=1, max_size=4), st.booleans())
_PATH = st.lists(st.text("ab.*", min_size=1, max_size=6), min_size=1, max_size=5).map("/".join)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(patterns=st.lists(_PATTERN, min_size=1, max_size=4), paths=st.lists(_PATH, min_size=1, max_size=6),
       is_dir=st.booleans())
def test_same_answers_as_pathspec(patterns, paths, is_dir):
    ours, theirs = gitignore_spec(patterns), pathspec.GitIgnoreSpec.from_lines(patterns)
    for path in paths:
        rel = path + ("/" if is_dir else "")
        assert ours.match_file(rel) == theirs.match_file(rel), (patterns, rel)
