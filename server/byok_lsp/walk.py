"""Which files ``byok-lsp check`` reads: .gitignore respected, heavy folders skipped, .env always read.

Never follows symlinked folders (no loops), never raises on unreadable folders, files deleted
mid-walk or non-UTF-8 names: each skip becomes a note with its reason.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .workspace import is_env_file

SKIP_DIRS = {".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv", ".tox", ".nox",
             ".mypy_cache", ".pytest_cache", ".ruff_cache", "site-packages", ".next", ".turbo", ".cache",
             "bower_components", ".gradle", "target", ".idea", ".terraform"}


@dataclass
class WalkResult:
    files: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


class _Ignores:
    """Stack of .gitignore specs from the root down, each relative to its own folder."""

    def __init__(self):
        self.specs: dict[Path, object] = {}

    def load(self, folder: Path) -> None:
        gi = folder / ".gitignore"
        try:
            text = gi.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return
        import pathspec

        self.specs[folder] = pathspec.GitIgnoreSpec.from_lines(text.splitlines())

    def ignored(self, path: Path, is_dir: bool) -> bool:
        for folder, spec in self.specs.items():
            if folder == path or folder not in path.parents:
                continue
            rel = path.relative_to(folder).as_posix() + ("/" if is_dir else "")
            if spec.match_file(rel):
                return True
        return False


def _is_venv(folder: Path) -> bool:
    return (folder / "pyvenv.cfg").exists()


def walk(paths: list[Path], kind_of) -> WalkResult:
    """Files under ``paths`` that ``kind_of(path)`` says byok-lsp reads (not None)."""
    out = WalkResult()
    seen: set[Path] = set()
    for root in paths:
        if not root.exists():
            out.notes.append(f"{root}: does not exist")
            continue
        if root.is_file():
            if root not in seen:
                seen.add(root)
                out.files.append(root)
            continue
        ignores = _Ignores()
        # .gitignore files above the checked folder apply too, up to the repository's top.
        chain = [root]
        for parent in root.resolve().parents:
            if (chain[-1] / ".git").exists():
                break
            chain.append(parent)
        if (chain[-1] / ".git").exists():
            for parent in reversed(chain):
                ignores.load(parent)
        else:
            ignores.load(root)

        def onerror(err: OSError) -> None:
            out.notes.append(f"{err.filename}: skipped: {err.strerror}")

        for dirpath, dirnames, filenames in os.walk(root, onerror=onerror, followlinks=False):
            folder = Path(dirpath)
            if folder != root:
                ignores.load(folder)
            keep = []
            for d in sorted(dirnames):
                sub = folder / d
                if d in SKIP_DIRS or _is_venv(sub):
                    continue
                if os.path.islink(sub):
                    continue
                if ignores.ignored(sub, True):
                    continue
                keep.append(d)
            dirnames[:] = keep
            for name in sorted(filenames):
                path = folder / name
                env = is_env_file(path)
                if not env and ignores.ignored(path, False):
                    continue
                if kind_of(path) is None:
                    continue
                if path not in seen:
                    seen.add(path)
                    out.files.append(path)
    return out
