"""What the real-editor tests (tests/emacs, tests/vim) share: the docs snippet a user copies, and
a repository with an OpenRouter client on a line with emoji and CJK text before the model id."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent  # the virtual environment's bin/, which holds byok-lsp
OR_KEY = "sk-or-v1-" + "ab" * 32
APP_HEAD = ('import os\n\nfrom openai import OpenAI\n\n'
            'client = OpenAI(base_url="https://openrouter.ai/api/v1", api_key=os.getenv("OPENROUTER_API_KEY"))\n')


def docs_snippet(heading: str, language: str) -> str:
    """The first ``language`` code block under ``heading`` in docs/editors.md, as a user copies it."""
    text = (ROOT / "docs" / "editors.md").read_text(encoding="utf-8")
    section = text[text.index(heading):]
    return re.search(rf"^```{language}\n(.*?)^```$", section, re.S | re.M).group(1)


def make_repo(tmp_path: Path, line: str) -> Path:
    """A git repository with a .env holding the key (ignored) and app.py ending with ``line``."""
    repo = tmp_path / "repo"
    repo.mkdir()
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    (repo / ".env").write_text(f"OPENROUTER_API_KEY={OR_KEY}\n")
    (repo / ".gitignore").write_text(".env\n")
    (repo / "app.py").write_text(APP_HEAD + line + "\n", encoding="utf-8")
    return repo


def editor_env(home: Path, repo: Path) -> dict[str, str]:
    """The editor's environment: its own HOME, the file to open, byok-lsp on PATH (as the docs say)."""
    return {**os.environ, "HOME": str(home), "FILE": str(repo / "app.py"),
            "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
