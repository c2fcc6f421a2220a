"""A real editor: Emacs 28 + eglot 1.9 (Debian's ``emacs-nox elpa-eglot``) with the init snippet of
docs/editors.md loaded verbatim, driven by ``driver.el`` the way a user works: open a file of a git
repository, read flymake's diagnostics, hover, pick "Open … page" and a quick fix from
``eglot-code-actions``, save, open ``.env``.

The model id sits after an emoji and CJK text outside the BMP: eglot converts the server's UTF-16
columns to buffer characters itself. Skipped only when ``emacs`` is not installed (scripts/test.sh
installs Debian's ``emacs-nox elpa-eglot``).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from editor_setup import APP_HEAD, BIN, docs_snippet, editor_env, make_repo

EMACS = shutil.which("emacs")
DRIVER = Path(__file__).with_name("driver.el")
LINE = 'note = "🎉 𠮷日本語"; reply = client.chat.completions.create(model="openai/o3", messages=[])'



def _eglot_installed() -> bool:
    if EMACS is None:
        return False
    probe = subprocess.run([EMACS, "--batch", "--eval", "(princ (if (locate-library \"eglot\") \"yes\" \"no\"))"],
                           capture_output=True, text=True, timeout=60)
    return probe.stdout.strip() == "yes"


@pytest.mark.skipif(EMACS is None, reason="emacs is not installed (Debian: emacs-nox elpa-eglot; scripts/test.sh installs them)")
def test_eglot_with_the_documented_snippet(tmp_path):
    # with emacs present, a missing eglot is a broken setup, not a reason to skip
    assert _eglot_installed(), "emacs is installed but eglot is not: apt-get install elpa-eglot"
    assert (BIN / "byok-lsp").exists(), "byok-lsp is not installed in this environment"
    repo = make_repo(tmp_path, LINE)
    home = tmp_path / "home"
    (home / ".emacs.d").mkdir(parents=True)
    init = home / ".emacs.d" / "init.el"
    init.write_text(docs_snippet("## Emacs (eglot)", "elisp"), encoding="utf-8")
    env = editor_env(home, repo)
    proc = subprocess.run([EMACS, "--batch", "-l", str(init), "-l", str(DRIVER)],
                          capture_output=True, text=True, timeout=120, env=env, cwd=repo)
    assert proc.stdout.strip(), f"no output; stderr: {proc.stderr[-3000:]}"
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out.get("ok"), json.dumps(out, indent=1, ensure_ascii=False)[:4000] + proc.stderr[-2000:]

    # flymake shows the diagnostic on exactly the model id (buffer columns are characters)
    col = LINE.index("openai/o3")
    [diag] = [d for d in out["flymake"] if "BYOK101" in d["text"]]
    assert (diag["line"], diag["col"], diag["end_col"]) == (5, col, col + len("openai/o3"))
    # hover: eglot 1.9 without markdown-mode asks for plain text, and gets no Markdown
    hover = out["hover"]["contents"]
    assert hover["kind"] == "plaintext" and hover["value"].startswith("openai/o3: BYOK required at OpenRouter")
    assert "`" not in hover["value"] and "**" not in hover["value"] and "###" not in hover["value"]
    # "Open … page" is visible: the URL in the echo area
    assert any("https://openrouter.ai/settings/integrations" in m for m in out["messages"])
    # the quick fix, applied by eglot and saved: byte for byte
    assert (repo / "app.py").read_bytes() == (APP_HEAD + LINE + "\n").replace('"openai/o3"', '"openai/o3-mini"').encode("utf-8")
    # .env is managed by the same server: one server for the repository
    assert out["env_mode"] == "conf-unix-mode" and out["env_same_server"] is True
    assert out["server_count"] == 1
