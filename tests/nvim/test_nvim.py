"""A real editor: headless Neovim (Debian's 0.7.2) runs ``smoke.lua`` against the server.

Neovim converts our UTF-16 ranges to its byte columns and applies the resolved edit to its buffer
itself, so the line under test holds an emoji and a CJK character outside the BMP.
Skipped when ``nvim`` is not installed (CI installs Debian's ``neovim``).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

NVIM = shutil.which("nvim")
SCRIPT = Path(__file__).with_name("smoke.lua")
LINE = 'note = "🎉 𠮷"; reply = client.chat.completions.create(model="openai/o3", messages=[])'
APP = ('import os\n\nfrom openai import OpenAI\n\n'
       'client = OpenAI(base_url="https://openrouter.ai/api/v1", api_key=os.getenv("OPENROUTER_API_KEY"))\n'
       + LINE + "\n")


@pytest.mark.skipif(NVIM is None, reason="nvim is not installed")
def test_neovim_diagnostics_hover_and_fix(tmp_path):
    (tmp_path / ".env").write_text("OPENROUTER_API_KEY=sk-or-v1-" + "ab" * 32 + "\n")
    (tmp_path / ".gitignore").write_text(".env\n")
    (tmp_path / "app.py").write_text(APP, encoding="utf-8")
    env = {**os.environ, "PYTHON": sys.executable, "FILE": str(tmp_path / "app.py"),
           "XDG_CACHE_HOME": str(tmp_path / "cache"), "XDG_STATE_HOME": str(tmp_path / "state"),
           "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    proc = subprocess.run([NVIM, "--headless", "-u", "NONE", "-i", "NONE", "-n", "-c", f"luafile {SCRIPT}"],
                          capture_output=True, text=True, timeout=90, env=env, cwd=tmp_path)
    assert proc.stdout.strip(), f"no output; stderr: {proc.stderr[-2000:]}"
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out["ok"], json.dumps(out, indent=1, ensure_ascii=False)[:4000]
    assert proc.returncode == 0

    col = LINE.index("openai/o3")
    assert out["offset_encoding"] == "utf-16"
    diag = next(d for d in out["lsp_diagnostics"] if d["code"] == "BYOK101")
    assert diag["range"]["start"] == {"line": 5, "character": len(LINE[:col].encode("utf-16-le")) // 2}
    # Neovim's own conversion to byte columns lands exactly on the model id.
    vim_diag = next(d for d in out["vim_diagnostics"] if d["code"] == "BYOK101")
    assert (vim_diag["lnum"], vim_diag["col"]) == (5, len(LINE[:col].encode("utf-8")))
    assert vim_diag["end_col"] == vim_diag["col"] + len("openai/o3")

    assert out["hover"]["kind"] == "markdown" and out["hover"]["value"].startswith("### openai/o3")
    assert "Switch to openai/o3-mini (needs no BYOK) (BYOK101)" in out["action_titles"]
    # "Open … page" without window/showDocument: Neovim shows the URL (window/showMessage)
    assert any("https://openrouter.ai/settings/integrations" in m for m in out["open_page_shown"])
    assert out["after_fix"]["text"] + "\n" == APP.replace('"openai/o3"', '"openai/o3-mini"')
    assert "BYOK101" not in out["after_fix"]["codes"]


@pytest.mark.skipif(NVIM is None, reason="nvim is not installed")
def test_neovim_with_the_documented_snippet(tmp_path):
    """docs/editors.md's Neovim 0.7 snippet, copied verbatim into init.lua, with byok-lsp on PATH
    as the docs say: opening app.py starts the server, diagnostics land on the model id after an
    emoji and a CJK character, and the repository's .env joins the same client."""
    from editor_setup import docs_snippet, editor_env, make_repo

    repo = make_repo(tmp_path, LINE)
    (repo / ".env").write_text("OPENROUTER_API_KEY=sk-or-v1-" + "ab" * 32 + "\nOPENROUTER_API_KEY=\n")  # BYOK205
    init = tmp_path / "init.lua"
    init.write_text(docs_snippet("## Neovim", "lua"), encoding="utf-8")
    env = {**editor_env(tmp_path / "home", repo), **{k: str(tmp_path / k.lower()) for k in
                                                     ("XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME")}}
    proc = subprocess.run([NVIM, "--headless", "-u", str(init), "-i", "NONE", "-n", str(repo / "app.py"),
                           "-c", f"luafile {SCRIPT.with_name('snippet_check.lua')}"],
                          capture_output=True, text=True, timeout=90, env=env, cwd=tmp_path)
    assert proc.stdout.strip(), f"no output; stderr: {proc.stderr[-2000:]}"
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out["ok"], json.dumps(out, indent=1, ensure_ascii=False)[:4000]
    col = LINE.index("openai/o3")
    byok101 = next(d for d in out["app_diagnostics"] if d["code"] == "BYOK101")
    assert (byok101["lnum"], byok101["col"]) == (5, len(LINE[:col].encode("utf-8")))
    assert byok101["end_col"] == byok101["col"] + len("openai/o3")
    assert out["env_client"] == out["app_client"] and out["clients"] == 1  # one server per repository
    assert any(d["code"] == "BYOK205" for d in out["env_diagnostics"])
