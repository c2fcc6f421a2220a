"""``check``'s SnapshotWorkspace answers exactly like the server's Workspace on a tree at rest."""

from __future__ import annotations

from pathlib import Path

import pytest

from byok_lsp.engine import analyze, file_kind
from byok_lsp.snapshot import SnapshotWorkspace
from byok_lsp.walk import walk
from byok_lsp.workspace import Workspace

ROOT = Path(__file__).resolve().parent.parent
TREES = sorted([*(ROOT / "tests" / "corpus").iterdir(), *(ROOT / "tests" / "fixtures" / "rules").iterdir(),
                ROOT / "examples" / "demo"])
TREES = [t for t in TREES if t.is_dir()]


def _findings(result):
    return [(f.code, f.path, f.span, f.message, f.severity, f.fixes, f.related, f.confidence) for f in result.findings]


def _config(answer):
    cfg, err = answer
    return cfg, None if err is None else (err.path, err.line, err.key, str(err))


@pytest.mark.parametrize("tree", TREES, ids=[f"{t.parent.name}/{t.name}" for t in TREES])
def test_snapshot_answers_like_workspace(tree: Path):
    files = walk([tree], lambda p: file_kind(p)[0]).files
    assert files
    live, snap = Workspace(tree, environ={}), SnapshotWorkspace(tree, environ={})
    for path in files:
        for extra in ((), (".env.local", "config/.env", "../.env")):
            assert snap.env_files_for(path, list(extra)) == live.env_files_for(path, list(extra)), path
        assert _config(snap.config_for(path)) == _config(live.config_for(path)), path
        assert snap.folders_up(path) == live.folders_up(path), path
        assert _findings(analyze(snap, path)) == _findings(analyze(live, path)), path
        assert snap.dotenv(path) == live.dotenv(path) if file_kind(path)[0] == "dotenv" else True


def test_answers_are_copies(tmp_path: Path):
    (tmp_path / ".env").write_text("OPENROUTER_API_KEY=x\n")
    (tmp_path / "a.py").write_text("")
    ws = SnapshotWorkspace(tmp_path, environ={})
    env, _ = ws.env_files_for(tmp_path / "a.py")
    env.append(Path("/elsewhere/.env"))
    assert ws.env_files_for(tmp_path / "a.py")[0] == [tmp_path / ".env"]
