"""Project roots: which folder tops a file's .env layering, in the CLI and the server alike.

The nearest .byok-lsp.toml declares a project; else the nearest repository top; else the
outermost of the scan root (or workspace folder) and the outermost ecosystem manifest below
the home folder (issue 12, item 4: a root .env serves a nested app, and `check` and the
editor agree)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from byok_lsp import runner, workspace
from byok_lsp.lsp.folders import Folders
from byok_lsp.workspace import find_root

KEY = "sk-or-v1-" + "3f2a" * 16


def make(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        if rel.endswith("/"):
            p.mkdir(exist_ok=True)
        else:
            p.write_text(text)
    return root


@pytest.fixture(autouse=True)
def _home_elsewhere(monkeypatch, tmp_path):
    # tmp_path may sit below the real home folder: put "home" beside the trees under test.
    monkeypatch.setattr(workspace, "_HOME", str(tmp_path / "home"))
    runner._FACTS.clear()
    yield
    runner._FACTS.clear()
    runner._SCAN_ROOTS.clear()


def test_repository_top_beats_a_nested_manifest(tmp_path):
    t = make(tmp_path / "r", {".git/": "", ".env": "", "apps/web/package.json": "{}", "apps/web/src/a.ts": ""})
    assert find_root(t / "apps/web/src/a.ts") == t
    assert find_root(t / "apps/web/src") == t


def test_nearest_repository_wins(tmp_path):
    t = make(tmp_path / "r", {".git/": "", "vendor/lib/.git/": "", "vendor/lib/x.py": ""})
    assert find_root(t / "vendor/lib/x.py") == t / "vendor/lib"


def test_declared_config_wins_over_the_repository(tmp_path):
    t = make(tmp_path / "r", {".git/": "", "svc/.byok-lsp.toml": "", "svc/deep/x.py": ""})
    assert find_root(t / "svc/deep/x.py") == t / "svc"


def test_outermost_manifest_without_a_repository(tmp_path):
    t = make(tmp_path / "m", {"pyproject.toml": "", "apps/api/pyproject.toml": "", "apps/api/x.py": ""})
    assert find_root(t / "apps/api/x.py") == t


@pytest.mark.parametrize("manifest", ["Gemfile", "Cargo.toml", "go.mod", "composer.json", "mix.exs", "pom.xml",
                                      "build.gradle.kts", "pubspec.yaml", "Package.swift", "deno.json"])
def test_each_ecosystem_marks_a_project(tmp_path, manifest):
    t = make(tmp_path / "e", {f"app/{manifest}": "", "app/src/x": ""})
    assert find_root(t / "app/src/x") == t / "app"


def test_the_boundary_reaches_above_a_nested_manifest(tmp_path):
    t = make(tmp_path / "b", {".env": "", "app/package.json": "{}", "app/x.js": ""})
    assert find_root(t / "app/x.js") == t / "app"
    assert find_root(t / "app/x.js", boundary=t) == t
    assert find_root(t / "app/x.js", boundary=tmp_path / "elsewhere") == t / "app"  # not an ancestor: ignored


def test_a_manifest_in_the_home_folder_marks_no_project(tmp_path, monkeypatch):
    home = make(tmp_path / "home", {"package.json": "{}", "code/tool/x.py": ""})
    assert find_root(home / "code/tool/x.py") == home / "code/tool"


def test_cli_and_server_agree_on_every_folder(tmp_path):
    t = make(tmp_path / "w", {
        ".env": "", "a/package.json": "{}", "a/src/x.ts": "", "b/go.mod": "", "b/cmd/x.go": "",
        "c/.git/": "", "c/pyproject.toml": "", "c/pkg/x.py": "", "d/.byok-lsp.toml": "", "d/e/x.py": "", "f/x.py": ""})
    runner._SCAN_ROOTS[:] = [str(t)]
    folders = Folders(lambda _p: None)
    folders.set_roots([("file://" + str(t), t)])
    for folder in ["a/src", "b/cmd", "c/pkg", "d/e", "f", "a", "."]:
        cli = runner._root_of(str(t / folder))
        server = folders.for_path(t / folder / "x").ws.root
        editor_alone = find_root(t / folder, boundary=t)
        assert Path(cli) == server.resolve() or folder in ("c/pkg", "d/e"), folder
        assert Path(cli) == editor_alone, folder
    # The server keeps one workspace per workspace folder: a nested repository or declared
    # project inside it is read up to the folder (recorded here so a change is deliberate).
    assert folders.for_path(t / "c/pkg/x").ws.root == t.resolve()


def test_a_workspace_folder_inside_a_repository_reads_up_to_its_top(tmp_path):
    t = make(tmp_path / "r", {".git/": "", ".env": "", "apps/web/package.json": "{}"})
    folders = Folders(lambda _p: None)
    folders.set_roots([("file://" + str(t / "apps/web"), t / "apps/web")])
    folder = folders.for_path(t / "apps/web/x.ts")
    assert folder.root == t / "apps/web"
    assert folder.ws.root == t.resolve()


def _check(cwd: Path, *paths: str) -> list[dict]:
    env = {**os.environ, "HOME": str(cwd.parent / "home")}
    env.pop("OPENROUTER_API_KEY", None)
    proc = subprocess.run([sys.executable, "-m", "byok_lsp", "check", "--format", "json", "--fail-on", "error", *paths],
                          cwd=cwd, capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


APP = ('import os\nfrom openai import OpenAI\n'
       'client = OpenAI(base_url="https://openrouter.ai/api/v1", api_key=os.environ["OPENROUTER_API_KEY"])\n'
       'client.chat.completions.create(model="openai/gpt-4o-mini", messages=[])\n')


@pytest.mark.parametrize("layout", ["no-repository", "repository"])
def test_check_serves_a_parent_env_to_a_nested_app(tmp_path, layout):
    files = {".env": f"OPENROUTER_API_KEY={KEY}\n", ".gitignore": ".env\n",
             "app/pyproject.toml": "[project]\nname='x'\n", "app/main.py": APP,
             "app/.env": "DEBUG=1\n"}  # the app's own .env lacks the key: only the parent's has it
    if layout == "repository":
        files[".git/"] = ""
    t = make(tmp_path / "w", files)
    from_top = _check(t, ".")
    assert not [f for f in from_top if f["code"] == "BYOK201"], from_top
    if layout == "repository":  # checked from inside the app: the repository top still serves
        inside = _check(t / "app", ".")
        assert not [f for f in inside if f["code"] == "BYOK201"], inside
