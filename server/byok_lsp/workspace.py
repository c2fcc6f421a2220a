"""The cross-file view: which .env files, templates, configs and .gitignore rules serve a file.

The language server hands in an overlay (open documents' unsaved text); the CLI reads disk.
Everything parsed is cached by path and invalidated explicitly (``invalidate``) or by the
file's (mtime, size) on disk, so a re-check after an edit re-reads only what changed.
"""

from __future__ import annotations

import functools
import logging
import os
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .config import CONFIG_FILES, ConfigError, ProjectConfig, parse_config
from .filenames import TEMPLATE_SUFFIXES, is_env_name, is_env_template_name  # noqa: F401  (re-exported)
from .textio import read_file

log = logging.getLogger(__name__)

# Which folder is a file's project root (the top of its .env layering and .gitignore reading).
# Three kinds of marker, strongest first: a byok-lsp config declares a project; a repository's
# top holds it; an ecosystem's manifest marks an app, but apps nest (a monorepo's root
# package.json or pyproject.toml above apps/web/package.json), so the OUTERMOST manifest wins.
DECLARED_MARKERS = (".byok-lsp.toml",)
REPOSITORY_MARKERS = (".git", ".hg")
ECOSYSTEM_MARKERS = ("pyproject.toml", "package.json", "go.mod", "Cargo.toml", "Gemfile", "composer.json",
                     "mix.exs", "pom.xml", "build.gradle", "build.gradle.kts", "pubspec.yaml", "Package.swift",
                     "deno.json", "deno.jsonc")
ROOT_MARKERS = (*DECLARED_MARKERS, *REPOSITORY_MARKERS, *ECOSYSTEM_MARKERS)


@dataclass(frozen=True)
class RootFacts:
    """What the markers of a folder and its ancestors say (each a folder path, or None)."""
    declared: str | None = None   # the nearest folder holding .byok-lsp.toml
    repository: str | None = None  # the nearest repository top
    manifest: str | None = None    # the outermost folder holding an ecosystem manifest

    def root(self, boundary: str | None = None) -> str | None:
        """The project root these facts give; ``boundary`` is the scan root or workspace folder
        (an ancestor of the file, or None): without a declared or repository root, the root is
        the outermost of it and the outermost manifest, so a scan root's .env serves a nested
        app outside any repository (as the editor's workspace folder does)."""
        if self.declared or self.repository:
            return self.declared or self.repository
        if boundary is None:
            return self.manifest
        if self.manifest is None:
            return boundary
        return self.manifest if len(self.manifest) < len(boundary) else boundary


def _home() -> str | None:
    try:
        return os.path.realpath(os.path.expanduser("~"))
    except (OSError, RuntimeError):
        return None


_HOME = _home()


def folder_facts(folder: str, parent: RootFacts, exists: Callable[[str, str], bool]) -> RootFacts:
    """``folder``'s RootFacts from its parent's and the markers it holds. A manifest in the home
    folder or above it (a stray ~/package.json) marks no project."""
    declared = parent.declared
    repository = parent.repository
    manifest = parent.manifest
    if any(exists(folder, m) for m in DECLARED_MARKERS):
        declared = folder  # the nearest config declares the project
    if any(exists(folder, m) for m in REPOSITORY_MARKERS):
        repository = folder  # the nearest: a nested repository (a submodule) is its own project
    if (manifest is None and _below_home(folder)
            and any(exists(folder, m) for m in ECOSYSTEM_MARKERS)):
        manifest = folder
    return RootFacts(declared, repository, manifest)


def _below_home(folder: str) -> bool:
    if os.path.dirname(folder) == folder:
        return False  # the filesystem root
    return _HOME is None or not (_HOME == folder or _HOME.startswith(folder.rstrip(os.sep) + os.sep))


def _exists(folder: str, name: str) -> bool:
    return os.path.exists(os.path.join(folder, name))


def is_env_file(path: Path) -> bool:
    return is_env_name(path.name)


def is_env_template(path: Path) -> bool:
    return is_env_template_name(path.name)


def is_config_file(path: Path) -> bool:
    return path.name in CONFIG_FILES


def find_root(start: Path, boundary: Path | None = None,
              exists: Callable[[str, str], bool] = _exists) -> Path:
    """The project root of the files in ``start`` (a folder, or a file: its folder).

    The nearest folder with a .byok-lsp.toml, else the nearest repository top, else the
    outermost of ``boundary`` (the scan root or workspace folder, when it holds ``start``) and
    the outermost ecosystem manifest below the home folder; ``start`` itself when none.
    The CLI (runner._root_of, memoised per folder) and the server (Folders) both ask this."""
    start = start if start.is_dir() else start.parent
    chain = [str(start), *map(str, start.parents)]
    facts = RootFacts()
    for folder in reversed(chain):  # from the filesystem root down: nearest markers come last
        facts = folder_facts(folder, facts, exists)
    bound = str(boundary) if boundary is not None and (boundary == start or boundary in start.parents) else None
    root = facts.root(bound)
    return Path(root) if root is not None else start


@dataclass
class _Cached:
    stamp: object
    value: object


class Workspace:
    """A project rooted at ``root``. Thread-safe for concurrent reads (the server's worker)."""

    def __init__(self, root: Path, overlay: Callable[[Path], str | None] | None = None,
                 environ: dict[str, str] | None = None):
        self.root = root.resolve()
        self._overlay = overlay or (lambda _p: None)
        # The process environment counts as a source of keys (the key may live in the shell
        # or the CI secret store, not in a .env); only presence is ever read, never printed.
        self.environ = dict(os.environ) if environ is None else environ
        self._cache: dict[tuple[str, Path], _Cached] = {}
        self._indexes: dict[tuple[Path, ...], tuple[tuple, dict]] = {}
        self._lock = threading.RLock()
        # Bumped on every invalidation: answers that depend on many files (crossfile.py) are
        # valid for one generation.
        self.generation = 0

    # ----- reading with cache -------------------------------------------------------------
    def _stamp(self, path: Path) -> object:
        text = self._overlay(path)
        if text is not None:
            return ("overlay", hash(text))
        try:
            st = os.stat(path)
            return (st.st_mtime_ns, st.st_size)
        except OSError:
            return None

    def text_of(self, path: Path) -> str | None:
        text = self._overlay(path)
        if text is not None:
            return text
        return read_file(path).text

    def _cached(self, kind: str, path: Path, build: Callable[[str | None], object]) -> object:
        stamp = self._stamp(path)
        with self._lock:
            hit = self._cache.get((kind, path))
            if hit is not None and hit.stamp == stamp:
                return hit.value
        value = build(self.text_of(path) if stamp is not None else None)
        with self._lock:
            self._cache[(kind, path)] = _Cached(stamp, value)
        return value

    def invalidate(self, path: Path | None = None) -> None:
        with self._lock:
            self.generation += 1
            if path is None:
                self._cache.clear()
            else:
                # The file itself, and the listing of its folder (it may be new or deleted).
                for key in [k for k in self._cache if k[1] == path or (k[0] == "listdir" and k[1] == path.parent)]:
                    del self._cache[key]

    # ----- configuration ------------------------------------------------------------------
    def folders_up(self, path: Path) -> list[Path]:
        """``path``'s folder and its ancestors up to the root (nearest first)."""
        folder = path.parent
        out = []
        while True:
            out.append(folder)
            if folder == self.root or folder == folder.parent or self.root not in folder.parents:
                break
            folder = folder.parent
        return out

    def config_for(self, path: Path) -> tuple[ProjectConfig, ConfigError | None]:
        """The nearest config between ``path`` and the root; defaults (and the error) if invalid."""
        for folder in self.folders_up(path):
            for name in CONFIG_FILES:
                cfg_path = folder / name
                result = self._cached("config", cfg_path, lambda t, p=cfg_path: _parse_config_safe(p, t))
                if result is None:
                    continue
                cfg, err = result
                if err is not None:
                    return ProjectConfig(), err
                if cfg is not None:
                    return cfg, None
        return ProjectConfig(), None

    # ----- env files ----------------------------------------------------------------------
    def dotenv(self, path: Path):
        """The parsed .env at ``path`` or None when missing/unreadable."""
        from .parsing.dotenv import parse_dotenv

        return self._cached("dotenv", path, lambda t: None if t is None else parse_dotenv(t))

    def _dotenv_stamped(self, path: Path, stamp: object):
        """``dotenv(path)`` when ``stamp`` was just taken: no second stat."""
        with self._lock:
            hit = self._cache.get(("dotenv", path))
        if hit is not None and hit.stamp == stamp:
            return hit.value
        return self.dotenv(path)

    def dotenv_for_text(self, path: Path, text: str, parse=None):
        """Parse ``text`` of the .env at ``path``, sharing the cache when it is the open buffer
        (the engine and the rules then parse an edited .env once, not twice). ``parse`` stands in
        for ``parse_dotenv`` (the editor's incremental parser)."""
        from .parsing.dotenv import parse_dotenv

        parse = parse or parse_dotenv
        if self._stamp(path) == ("overlay", hash(text)):
            return self._cached("dotenv", path, lambda t: None if t is None else parse(t))
        return parse(text)

    def env_index_for(self, path: Path, extra: tuple[str, ...] = (), templates: bool = False,
                      serving: tuple[list[Path], list[Path]] | None = None) -> dict[str, list]:
        """``env_index`` of the .env files (or templates) that serve ``path`` (``serving``: what
        ``env_files_for(path, extra)`` answered, when the caller has it)."""
        env, tpl = serving or self.env_files_for(path, list(extra))
        return self.env_index(tuple(tpl if templates else env))

    def env_index(self, paths: tuple[Path, ...]) -> dict[str, list]:
        """Variable name -> [(path, the entry python-dotenv loads)] over the .env files ``paths``,
        in their order. Rules ask for a few names each, and every file of a folder with 4,000
        ``.env.*`` siblings is served by all of them: asking each file per name was quadratic
        (4,000 files: 56 s). Rebuilt when a file's stamp changes (one stat per file, not per name)."""
        stamps = tuple(map(self._stamp, paths))
        with self._lock:
            hit = self._indexes.get(paths)
        if hit is not None and hit[0] == stamps:
            return hit[1]
        index = _index_of(self, paths, stamps)
        with self._lock:
            self._indexes[paths] = (stamps, index)
            while len(self._indexes) > 64:  # one per folder (and extra paths) in use
                del self._indexes[next(iter(self._indexes))]
        return index

    def _listdir(self, folder: Path) -> list[str]:
        return self._listing(folder)[0]

    def _listing(self, folder: Path) -> tuple[list[str], frozenset[str]]:
        """(sorted names, the names that are folders): cached per folder (every file of a big tree
        asks for each of its ancestors), the folders told by the listing itself, not a stat each."""
        with self._lock:
            hit = self._cache.get(("listdir", folder))
        if hit is not None:
            return hit.value
        names, dirs = [], set()
        try:
            with os.scandir(folder) as entries:
                for entry in entries:
                    names.append(entry.name)
                    try:
                        if entry.is_dir():
                            dirs.add(entry.name)
                    except OSError:
                        pass
        except OSError:
            pass
        listing = (sorted(names), frozenset(dirs))
        with self._lock:
            self._cache[("listdir", folder)] = _Cached(None, listing)
        return listing

    def env_files_for(self, path: Path, extra: list[str] = ()) -> tuple[list[Path], list[Path]]:
        """(.env files that serve ``path``, .env templates beside them), nearest first.

        Serving: every non-template .env* in the file's folder and its ancestors up to the root,
        the config's ``env-files`` (relative to the config's folder), and ``extra`` paths the
        code loads explicitly (relative to the file's folder, then to the root).
        """
        # Every file of a folder is served by the same files: answer once per folder and
        # generation (the listings it rests on are invalidated the same way).
        key = ("env-files-for", path.parent, tuple(extra))
        with self._lock:
            hit = self._cache.get(key)
        if hit is not None and hit.stamp == self.generation:
            return list(hit.value[0]), list(hit.value[1])
        env, templates = self._env_files_for(path, extra)
        with self._lock:
            self._cache[key] = _Cached(self.generation, (tuple(env), tuple(templates)))
        return env, templates

    def _env_files_for(self, path: Path, extra: list[str]) -> tuple[list[Path], list[Path]]:
        env, templates = [], []
        for folder in self.folders_up(path):
            here, here_templates = self._env_files_in(folder)
            env += here
            templates += here_templates
        cfg, _ = self.config_for(path)
        base = cfg.path.parent if cfg.path else self.root
        wanted = [base / f for f in cfg.env_files]
        for rel in extra:
            wanted.extend([path.parent / rel, self.root / rel])
        for p in wanted:
            p = Path(os.path.normpath(p))
            if p not in env and p.is_file():
                env.append(p)
        return env, templates

    def _env_files_in(self, folder: Path) -> tuple[list[Path], list[Path]]:
        """(.env files, .env templates) directly in ``folder``, sorted by name."""
        env, templates = [], []
        names, dirs = self._listing(folder)
        for name in names:
            if (".env" not in name and not name.startswith(".dev.vars")) or name in dirs:  # no Path for names that cannot be
                continue
            p = folder / name
            if is_env_file(p):
                (templates if is_env_template(p) else env).append(p)
        return env, templates

    # ----- git ----------------------------------------------------------------------------
    def gitignore_covers(self, path: Path) -> bool:
        """Would git ignore ``path``? Reads .gitignore files from the root down (not global ones)."""
        rel_parts = path.relative_to(self.root).parts if self.root in path.parents else (path.name,)
        folder = self.root
        ignored = False
        for depth in range(len(rel_parts)):
            spec = self._cached("gitignore", folder / ".gitignore", _parse_gitignore)
            if spec is not None:
                sub = "/".join(rel_parts[depth:])
                if spec.match_file(sub):
                    ignored = True
            folder = folder / rel_parts[depth]
        exclude = self._cached("gitignore", self.root / ".git" / "info" / "exclude", _parse_gitignore)
        if exclude is not None and exclude.match_file("/".join(rel_parts)):
            ignored = True
        return ignored

    def is_git_repo(self) -> bool:
        return any((f / ".git").exists() for f in (self.root, *self.root.parents))


def _index_of(ws: Workspace, paths: tuple[Path, ...], stamps: tuple | None = None) -> dict[str, list]:
    index: dict[str, list] = {}
    for i, p in enumerate(paths):
        doc = ws.dotenv(p) if stamps is None else ws._dotenv_stamped(p, stamps[i])
        if doc is None:
            continue
        last = {entry.key: entry for entry in doc.entries}  # the last binding wins, as in DotenvDoc.get
        for name, entry in last.items():
            index.setdefault(name, []).append((p, entry))
    return index


def _parse_config_safe(path: Path, text: str | None):
    if text is None:
        return None
    try:
        return parse_config(path, text), None
    except ConfigError as err:
        return None, err
    except Exception as exc:  # noqa: BLE001 - a reader bug must not fail every analysis of the project
        log.exception("reading %s failed", path)
        return None, ConfigError(path, 0, "(syntax)", f"could not be read ({type(exc).__name__}; see the log)")


def _parse_gitignore(text: str | None):
    if text is None:
        return None
    from .gitignore import gitignore_spec

    return gitignore_spec(text.splitlines())


# OPENROUTER_API_KEY, OPENAI_KEY, MY_APIKEY, HF_TOKEN, CLIENT_SECRET — not MONKEY or KEYBOARD.
_KEY_NAME = re.compile(r"(?:^|_)(?:API_?)?KEY$|APIKEY$|TOKEN$|SECRET$", re.IGNORECASE)


@functools.lru_cache(maxsize=1 << 16)  # asked per entry per edit of a .env, per rule
def looks_like_key_name(name: str) -> bool:
    return bool(_KEY_NAME.search(name))
