"""Workspace hazards for ``byok-lsp check`` (a subprocess, always with a timeout) and for the
server's ``workspace/diagnostic``: symlink loops, FIFOs and folders where files should be,
unreadable files, 10,000 (or, with ``-m slow``, 100,000) files, files deleted mid-scan,
names that are not UTF-8, and the exit codes.

"The output is right" means: the findings on the hazardous tree equal the findings on the same
tree without the hazards. Tests that depend on ripgrep run with and without it
(``BYOK_LSP_RIPGREP=off``).
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import sys
import threading
import time
from pathlib import Path

import pytest
from lsprotocol import types

from conftest import (
    IS_ROOT,
    OR_KEY,
    USAGE_PY,
    clean_env,
    lsp_session,
    make_tree,
    pull_caps,
    run_cli,
    server_alive,
    write_tree,
)

HAVE_RG = shutil.which("rg") is not None
RG_MODES = [pytest.param("on", marks=pytest.mark.skipif(not HAVE_RG, reason="ripgrep is not installed")), "off"]


def cli_env(rg: str) -> dict:
    return clean_env(**({"BYOK_LSP_RIPGREP": "off"} if rg == "off" else {}))


def findings_of(root: Path, rg: str = "off", *paths: str, timeout: float = 60, extra=()) -> tuple[int, list, str]:
    proc = run_cli("check", *(paths or (".",)), "--format", "json", *extra, cwd=root, timeout=timeout, env=cli_env(rg))
    stderr = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in stderr, stderr[-3000:]
    assert proc.returncode in (0, 1, 2), stderr[-3000:]
    return proc.returncode, json.loads(proc.stdout.decode("utf-8")), stderr


def summary(findings: list) -> list[tuple]:
    return sorted((f["path"], f["line"], f["column"], f["code"]) for f in findings)


BASE = {
    ".git/HEAD": "ref: refs/heads/main\n",
    "app.py": USAGE_PY,
    "sub/agent.py": USAGE_PY.replace("openai/o3", "openai/o3-pro"),
    "sub/.env.example": "OPENROUTER_API_KEY=\n",
    ".env": f"OPENROUTER_API_KEY={OR_KEY}\n",
    ".gitignore": ".env\n",
}


def add_hazards(root: Path) -> list[str]:
    """Symlink loops, dangling links, FIFOs and folders named like the files byok-lsp reads."""
    os.symlink(".", root / "loop")  # root/loop/loop/... forever, if followed
    os.symlink("..", root / "sub" / "up")
    os.symlink("self", root / "self")  # a link to itself: ELOOP on stat
    os.symlink("nowhere.py", root / "dead.py")
    os.symlink(root / "sub", root / "sub_link")  # a symlinked folder: not followed, not a loop
    (root / "d1").mkdir()
    os.mkfifo(root / "d1" / ".env")  # opening a FIFO for reading blocks until a writer appears
    os.mkfifo(root / "d1" / "app.py")
    os.mkfifo(root / "d1" / "pyproject.toml")
    (root / "d2" / ".env").mkdir(parents=True)  # a folder named .env, with a file inside
    (root / "d2" / ".env" / "inner.txt").write_text("x\n")
    (root / "d2" / ".byok-lsp.toml").mkdir()
    (root / "d2" / ".env.local").mkdir()
    os.symlink("/dev/zero", root / "d2" / ".env.production")  # endless, and not a regular file
    return ["loop", "sub/up", "self", "dead.py", "d1/.env", "d1/app.py", "d2/.env", "/dev/zero"]


@pytest.mark.parametrize("rg", RG_MODES)
def test_check_survives_links_fifos_and_folders(tmp_path, rg):
    clean_root, hazard_root = tmp_path / "clean", tmp_path / "hazard"
    write_tree(clean_root, BASE)
    write_tree(hazard_root, BASE)
    add_hazards(hazard_root)
    code_clean, clean, _ = findings_of(clean_root, rg)
    started = time.monotonic()
    code, found, stderr = findings_of(hazard_root, rg, timeout=60)
    elapsed = time.monotonic() - started
    assert summary(found) == summary(clean), "the hazards changed the findings"
    assert code == code_clean
    assert elapsed < 30, f"{elapsed:.1f} s"


@pytest.mark.parametrize("rg", RG_MODES)
def test_check_with_special_files_named_explicitly(tmp_path, rg):
    write_tree(tmp_path, BASE)
    add_hazards(tmp_path)
    code, found, _ = findings_of(tmp_path, rg, "app.py", "d1/.env", "d1/app.py", "d2/.env.production", "self",
                                 "dead.py", "d2/.env", timeout=30)
    assert [f["path"] for f in found if f["code"] == "BYOK101"] == ["app.py"]


@pytest.mark.parametrize("rg", RG_MODES)
def test_check_with_a_fifo_named_gitignore(tmp_path, rg):
    write_tree(tmp_path, BASE)
    (tmp_path / "sub2").mkdir()
    os.mkfifo(tmp_path / "sub2" / ".gitignore")
    (tmp_path / "sub2" / "x.py").write_text(USAGE_PY)
    proc = _run_or_timeout(tmp_path, cli_env(rg), timeout=30)
    assert proc is not None, "check hung on a FIFO named .gitignore"
    assert proc.returncode in (0, 1)
    assert "sub2/x.py" in {f["path"] for f in json.loads(proc.stdout)}


def _run_or_timeout(root: Path, env: dict, timeout: float = 20, args=("check", ".", "--format", "json")):
    """Like run_cli, but a hang is a plain None (the xfail case must fail, not error)."""
    import subprocess

    try:
        return subprocess.run([sys.executable, "-m", "byok_lsp", *args], cwd=root, env=env,
                              capture_output=True, timeout=timeout, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return None


@pytest.mark.parametrize("kind", ["fifo", "folder"])
def test_check_fix_with_a_special_gitignore(tmp_path, kind):
    write_tree(tmp_path, {".git/HEAD": "ref: refs/heads/main\n", ".env": f"OPENROUTER_API_KEY={OR_KEY}\n"})
    if kind == "fifo":
        os.mkfifo(tmp_path / ".gitignore")
    else:
        (tmp_path / ".gitignore").mkdir()
    proc = _run_or_timeout(tmp_path, cli_env("off"), timeout=6, args=("check", "--fix", "."))
    assert proc is not None, "check --fix hung"
    assert b"Traceback" not in proc.stderr, proc.stderr.decode(errors="replace")[-1500:]
    assert proc.returncode in (0, 1)


@pytest.mark.skipif(IS_ROOT, reason="running as root: chmod 000 does not stop reads (the FIFO/folder cases cover it)")
@pytest.mark.parametrize("rg", RG_MODES)
def test_check_with_unreadable_files(tmp_path, rg):
    write_tree(tmp_path, {**BASE, "locked/app.py": USAGE_PY, "locked2/x.py": USAGE_PY, "secret.py": USAGE_PY})
    os.chmod(tmp_path / "secret.py", 0)
    os.chmod(tmp_path / "locked", 0)
    try:
        code, found, stderr = findings_of(tmp_path, rg)
    finally:
        os.chmod(tmp_path / "secret.py", 0o644)
        os.chmod(tmp_path / "locked", 0o755)
    paths = {f["path"] for f in found}
    assert "app.py" in paths and "locked2/x.py" in paths
    assert "secret.py" not in paths and "secret.py" in stderr, "an unreadable file is skipped with a note"
    assert code == 1 or code == 0


async def test_workspace_diagnostic_survives_hazards(tmp_path):
    write_tree(tmp_path, BASE)
    add_hazards(tmp_path)
    os.mkfifo(tmp_path / "sub" / ".gitignore")
    async with lsp_session(tmp_path, pull_caps()) as client:
        report = await asyncio.wait_for(client.workspace_diagnostic_async(
            types.WorkspaceDiagnosticParams(previous_result_ids=[])), 30)
        uris = {item.uri.rsplit("/", 2)[-2] + "/" + item.uri.rsplit("/", 1)[-1] for item in report.items}
        assert any(u.endswith("/.env") for u in uris), uris
        assert not any("/d1/" in item.uri or "/d2/" in item.uri for item in report.items), uris
        again = await asyncio.wait_for(client.workspace_diagnostic_async(
            types.WorkspaceDiagnosticParams(previous_result_ids=[])), 30)
        assert len(again.items) == len(report.items)
        assert server_alive(client)


# ----- many files --------------------------------------------------------------------------------------
@pytest.mark.parametrize("rg", RG_MODES)
def test_check_10k_files(tree_10k, rg, report_counts):
    root, users = tree_10k
    started = time.monotonic()
    code, found, stderr = findings_of(root, rg, timeout=120)
    elapsed = time.monotonic() - started
    byok101 = [f for f in found if f["code"] == "BYOK101"]
    assert len(byok101) == users, f"{len(byok101)} BYOK101 findings for {users} files using openai/o3"
    assert {f["path"].split("/")[0] for f in byok101} == {f"pkg{i // 100:04d}" for i in range(0, 10_000, 50)}
    assert elapsed < 60, f"10k files took {elapsed:.1f} s"
    report_counts(files=10_000, rg=rg, findings=len(found), seconds=round(elapsed, 1))


@pytest.mark.slow  # 100,000 files
def test_check_100k_files(tmp_path, report_counts):
    users = make_tree(tmp_path, 100_000, every=500)
    started = time.monotonic()
    code, found, _ = findings_of(tmp_path, "on" if HAVE_RG else "off", timeout=180)
    elapsed = time.monotonic() - started
    assert len([f for f in found if f["code"] == "BYOK101"]) == users
    assert elapsed < 120, f"100k files took {elapsed:.1f} s"
    report_counts(files=100_000, seconds=round(elapsed, 1))


# ----- files deleted (or replaced) while check runs ----------------------------------------------------
def test_files_deleted_between_walk_and_analysis(tmp_path, monkeypatch, capsys):
    """Deterministic: the walk returns, then a third of its files vanish, one becomes a folder
    and one a FIFO, before analysis reads them."""
    from byok_lsp import cli, runner

    users = 600 // 25
    real_walk = runner.walk
    gone: list[str] = []

    def walk_then_delete(*args, **kwargs):
        result = real_walk(*args, **kwargs)
        files = [p for p in result.files if p.suffix == ".py"]
        for i, path in enumerate(files):
            if i % 3 == 0:
                path.unlink()
                gone.append(os.path.relpath(path))
        files[1].unlink()
        files[1].mkdir()
        files[2].unlink()
        os.mkfifo(files[2])
        gone.extend(os.path.relpath(p) for p in files[1:3])
        return result

    monkeypatch.setattr(runner, "walk", walk_then_delete)
    monkeypatch.setenv("BYOK_LSP_RIPGREP", "off")
    for jobs in ("1", "2"):
        root = tmp_path / f"j{jobs}"
        make_tree(root, 600, every=25)
        monkeypatch.chdir(root)
        gone.clear()
        code = cli.main(["check", ".", "--format", "json", "-j", jobs])
        out = capsys.readouterr()
        assert code in (0, 1), out.err[-2000:]
        found = json.loads(out.out)
        reported = {f["path"] for f in found}
        assert not reported & set(gone), "a deleted file was reported"
        kept = sum(1 for f in found if f["code"] == "BYOK101")
        assert 0 < kept <= users


def test_files_deleted_while_check_runs(tmp_path, report_counts):
    """Racy, repeated: a thread deletes files in random order while check walks and reads."""
    import random
    import subprocess

    rounds = 3
    for r in range(rounds):
        root = tmp_path / f"r{r}"
        make_tree(root, 3000, every=10)
        files = [p for p in root.rglob("m*.*")]
        random.Random(r).shuffle(files)
        stop = threading.Event()

        def delete(files=files, stop=stop):
            for path in files[: len(files) * 2 // 3]:
                if stop.is_set():
                    return
                try:
                    path.unlink()
                except OSError:
                    pass

        proc = subprocess.Popen([sys.executable, "-m", "byok_lsp", "check", ".", "--format", "json"], cwd=root,
                                env=cli_env("on" if r % 2 == 0 else "off"), stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
        thread = threading.Thread(target=delete)
        thread.start()
        try:
            out, err = proc.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            pytest.fail("check hung while files were deleted")
        finally:
            stop.set()
            thread.join()
        assert b"Traceback" not in err, err.decode(errors="replace")[-3000:]
        assert proc.returncode in (0, 1), err.decode(errors="replace")[-2000:]
        json.loads(out)
    report_counts(rounds=rounds, files_per_round=3000)


# ----- names that are not UTF-8 --------------------------------------------------------------------------
def _bytes_tree(root: Path) -> list[bytes]:
    names = [b"caf\xe9.py", b"d\xff\xfe/app.py", b"d\xff\xfe/.env"]
    made = []
    for name in names:
        full = os.fsencode(root) + b"/" + name
        try:
            os.makedirs(os.path.dirname(full), exist_ok=True)
            with open(full, "wb") as fh:
                fh.write(USAGE_PY.encode() if name.endswith(b".py") else b"OPENROUTER_API_KEY=your-key-here\n")
        except (OSError, UnicodeError) as exc:
            pytest.skip(f"this file system refuses non-UTF-8 names ({exc})")
        made.append(name)
    return made


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_check_with_non_utf8_names(tmp_path, fmt):
    write_tree(tmp_path, BASE)
    _bytes_tree(tmp_path)
    proc = run_cli("check", ".", "--format", fmt, cwd=tmp_path, timeout=60)
    err = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err, err[-3000:]
    assert proc.returncode in (0, 1)
    out = proc.stdout.decode("utf-8")  # the report itself is valid UTF-8
    if fmt in ("json", "sarif"):
        json.loads(out)
    # each odd file is either reported or skipped with a note naming it
    for marker in ("caf", "d\\xff\\xfe/app.py", "d\\xff\\xfe/.env"):
        stem = marker.split("\\")[0]
        assert stem in out or stem in err, f"{marker}: neither reported nor noted"


def test_check_output_file_with_non_utf8_names(tmp_path):
    write_tree(tmp_path, BASE)
    _bytes_tree(tmp_path)
    proc = run_cli("check", ".", "--format", "json", "--output", "report.json", cwd=tmp_path, timeout=60)
    assert b"Traceback" not in proc.stderr, proc.stderr.decode(errors="replace")[-2000:]
    assert proc.returncode in (0, 1)
    json.loads((tmp_path / "report.json").read_bytes().decode("utf-8"))


async def test_workspace_diagnostic_with_non_utf8_names(tmp_path):
    write_tree(tmp_path, BASE)
    _bytes_tree(tmp_path)
    async with lsp_session(tmp_path, pull_caps()) as client:
        report = await asyncio.wait_for(client.workspace_diagnostic_async(
            types.WorkspaceDiagnosticParams(previous_result_ids=[])), 30)
        names = {item.uri.rsplit("/", 1)[-1] for item in report.items}
        assert ".env" in names and ".env.example" in names, names


# ----- exit codes ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("files,args,expected", [
    ({"README.md": "nothing here\n"}, (), 0),
    ({".env": "OPENROUTER_API_KEY=your-key-here\n"}, (), 1),  # BYOK202: warning
    ({".env": "OPENROUTER_API_KEY=your-key-here\n"}, ("--fail-on", "error"), 0),
    ({".env": "OPENROUTER_API_KEY=sk-or-v1-abc\n"}, ("--fail-on", "error"), 1),  # BYOK203: error
    ({".byok-lsp.toml": 'openai-tier = "x"\n', "a.py": "x = 1\n"}, (), 2),
    ({"a.py": "x = 1\n"}, ("--fail-on", "bogus"), 2),
    ({"a.py": "x = 1\n"}, ("--format", "xml"), 2),
])
def test_exit_codes(tmp_path, files, args, expected):
    write_tree(tmp_path, files)
    proc = run_cli("check", ".", *args, cwd=tmp_path, timeout=60)
    assert b"Traceback" not in proc.stderr
    assert proc.returncode == expected, proc.stderr.decode(errors="replace")[-1500:]


def test_exit_code_for_a_missing_path(tmp_path):
    proc = run_cli("check", "no-such-dir", cwd=tmp_path, timeout=60)
    assert proc.returncode == 2
