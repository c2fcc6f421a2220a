"""Workspace folders: one core ``Workspace`` and one ``Settings`` per folder.

A document belongs to the nearest workspace folder that contains it; a file outside every folder
gets a folder of its own at ``find_root`` (its project root), with the global settings.
Each folder has an ``epoch``: bumped whenever something every analysis in the folder depends on
changes (a .env, a config, a .gitignore, the settings), so that cached reports computed before it
are recognised as stale even though their document's version did not change.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..workspace import Workspace, find_root
from .settings import Settings


@dataclass(eq=False)
class Folder:
    root: Path
    uri: str | None  # None: not a workspace folder (a file opened outside every folder)
    ws: Workspace
    settings: Settings
    epoch: int = 0

    def contains(self, path: Path) -> bool:
        return path == self.root or self.root in path.parents


class Folders:
    def __init__(self, overlay: Callable[[Path], str | None]):
        self._overlay = overlay
        self.roots: dict[Path, Folder] = {}
        self.loose: dict[Path, Folder] = {}
        self._loose_by_dir: dict[Path, Folder] = {}
        self.global_settings = Settings()

    def _workspace(self, root: Path) -> Workspace:
        return Workspace(root, overlay=self._overlay)

    def set_roots(self, folders: list[tuple[str | None, Path]]) -> None:
        """Replace the workspace folders, keeping the state of folders that stay."""
        new: dict[Path, Folder] = {}
        for uri, root in folders:
            old = self.roots.get(root)
            if old is None:
                # A workspace folder inside a repository (or below a monorepo's manifest) reads
                # .env files and .gitignore rules up to that project root, as `check` run in the
                # folder does (workspace.find_root with the folder as the boundary).
                project = find_root(root, boundary=root).resolve()
                old = Folder(root, uri, self._workspace(project), self.global_settings)
            new[root] = old
        self.roots = new
        self._loose_by_dir.clear()

    def for_path(self, path: Path) -> Folder:
        best = None
        for root, folder in self.roots.items():
            if folder.contains(path) and (best is None or len(root.parts) > len(best.root.parts)):
                best = folder
        if best is not None:
            return best
        parent = path.parent
        folder = self._loose_by_dir.get(parent)
        if folder is None:
            root = find_root(parent).resolve()
            folder = self.loose.get(root)
            if folder is None:
                folder = self.loose[root] = Folder(root, None, self._workspace(root), self.global_settings)
            self._loose_by_dir[parent] = folder
        return folder

    def all(self) -> list[Folder]:
        return [*self.roots.values(), *self.loose.values()]

    def containing(self, path: Path) -> list[Folder]:
        """Every folder whose analyses may read ``path``."""
        return [f for f in self.all() if f.contains(path)]

    def bump(self, folders: list[Folder], path: Path | None = None) -> None:
        for folder in folders:
            folder.ws.invalidate(path)
            folder.epoch += 1
