"""A real editor: Vim 9.0 + ALE 3.3 (Debian's ``vim-nox vim-ale``) with the vimrc snippet of
docs/editors.md used verbatim, driven by ``driver.vim`` the way a user works: open a file of a git
repository, read ALE's location list, ``:ALEHover``, pick "Open … page" and a quick fix in
``:ALECodeAction``, ``:write``.

ALE counts byte columns and cannot negotiate: the snippet's ``positionEncoding: 'utf-8'`` must make
the fix land byte-exactly after an emoji and CJK text (it corrupted the line before). Skipped only when
``vim`` is not installed (scripts/test.sh installs ``vim-nox vim-ale``).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from editor_setup import APP_HEAD, BIN, docs_snippet, editor_env, make_repo

VIM = shutil.which("vim")
ALE = Path("/usr/share/vim/vimfiles/pack/dist-bundle/opt/ale")
DRIVER = Path(__file__).with_name("driver.vim")
LINE = 'tag = "🚀日本語"; reply = client.chat.completions.create(model="openai/o3", messages=[])'



@pytest.mark.skipif(VIM is None, reason="vim is not installed (Debian: vim-nox vim-ale; scripts/test.sh installs them)")
def test_ale_with_the_documented_vimrc(tmp_path):
    # with vim present, a missing ALE is a broken setup, not a reason to skip
    assert ALE.exists(), f"vim is installed but Debian's ALE is not ({ALE}): apt-get install vim-ale"
    assert (BIN / "byok-lsp").exists(), "byok-lsp is not installed in this environment"
    repo = make_repo(tmp_path, LINE)
    home = tmp_path / "home"
    home.mkdir()
    vimrc = home / ".vimrc"
    vimrc.write_text(docs_snippet("## Vim (ALE)", "vim"), encoding="utf-8")
    env = editor_env(home, repo)
    proc = subprocess.run([VIM, "-N", "-u", str(vimrc), "-i", "NONE", "-es", "-S", str(DRIVER)],
                          capture_output=True, text=True, timeout=120, env=env, cwd=repo)
    assert proc.stdout.strip(), f"no output (exit {proc.returncode}); stderr: {proc.stderr[-3000:]}"
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out["ok"], json.dumps(out, indent=1, ensure_ascii=False)[:4000]

    # byok_lsp runs beside ALE's default Python linters, not instead of them
    assert {"byok_lsp", "ruff", "flake8", "pyright"} <= set(out["python_linters"])
    # the location list: 1-based byte columns on exactly the model id
    start = len(LINE[:LINE.index("openai/o3")].encode("utf-8"))
    [diag] = [d for d in out["loclist"] if d["code"] == "BYOK101"]
    assert (diag["lnum"], diag["col"], diag["end_col"]) == (6, start + 1, start + len("openai/o3"))
    assert out["hover"].startswith("openai/o3: BYOK required at OpenRouter") and "`" not in out["hover"]
    assert "https://openrouter.ai/settings/integrations" in out["open_page_shown"]
    # the fix ALE applied and :write saved, byte for byte (it wrote 'Mopenai/o3-minipenai/o3"' before)
    assert (repo / "app.py").read_bytes() == (APP_HEAD + LINE + "\n").replace('"openai/o3"', '"openai/o3-mini"').encode("utf-8")
