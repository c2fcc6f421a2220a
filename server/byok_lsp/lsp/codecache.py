"""Start-up: reuse the code objects that attrs, cattrs and dataclasses generate at every start.

Why: pygls needs ``lsprotocol.types``, ~570 attrs classes. For each one attrs writes the source of
``__init__``, ``__repr__``, ``__eq__``… and ``compile()``s it, on every start: about half of that
import's ~270 ms, before the server can answer ``initialize`` (upstream: microsoft/lsprotocol#441).
cattrs then does the same for the (un)structure function of each message type the session meets
(~90 before the first diagnostics, ~14 ms), and dataclasses for byok-lsp's own ~30 classes (~10
ms). Python keeps module bytecode in ``__pycache__``; this keeps that generated code the same way,
in one marshal file per generator in the user cache directory (``$XDG_CACHE_HOME/byok-lsp``,
``~/.cache/byok-lsp``), never in a workspace.

What makes a hit exact: the key is a digest of everything ``compile()`` depends on — the source
text, the file name, the mode, the compiler flags and the optimisation level — and the file holds
the interpreter's bytecode magic, so a cached code object is the one ``compile()`` would return.
A new attrs, cattrs or lsprotocol generates other source, which misses; so does a new Python.

The trade-off: ~170 ms less CPU per start against ~1.5 MB on disk and a patch of a private detail
of each generator: the name ``compile`` that ``attr._make`` and ``cattrs.gen`` look up in their
module globals, and ``exec`` in ``dataclasses`` — attrs' only while lsprotocol.types is imported,
the others for the life of the server, and each only when the module still calls the builtin by
that name. Every failure — no or unwritable cache directory, a corrupt, truncated, foreign or
group-writable file, an interpreter mismatch — falls back silently to the plain builtin;
``BYOK_LSP_CODE_CACHE=off`` turns it all off. The files hold only code generated from class
definitions (lsprotocol's, byok-lsp's), no user data. A file is rewritten (whole, atomically) only
when something missed: attrs' with exactly the entries this start used, so it never grows; the
others with their old entries too (sessions meet different message types) until a file holds
``RUNTIME_MAX_ENTRIES``. Concurrent servers each replace a file with a complete one and the last
one wins. Two environments with different attrs or lsprotocol versions on one Python take turns
rewriting the attrs file (then it only costs its ~6 ms write).
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
import types
from importlib.util import MAGIC_NUMBER
from pathlib import Path

ENV = "BYOK_LSP_CODE_CACHE"  # "off" (or 0/false/no) disables the cache
_HEADER = b"byok-lsp code cache 1\n" + MAGIC_NUMBER
_DIGEST = 32  # sha256 of the payload, checked before marshal reads it

# What import_lsprotocol() did with attrs' code (tests read it; runtime_stats() for the others).
stats: dict = {"enabled": False, "hits": 0, "misses": 0, "wrote": False, "path": None}


def enabled() -> bool:
    return os.environ.get(ENV, "").strip().lower() not in ("off", "0", "false", "no")


def cache_dir() -> Path | None:
    """The user's cache directory for byok-lsp, or None when there is none."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):
        if sys.platform == "win32":
            local = os.environ.get("LOCALAPPDATA", "")
            return Path(local, "byok-lsp", "cache") if os.path.isabs(local) else None
        home = os.path.expanduser("~")
        if not os.path.isabs(home):
            return None
        base = os.path.join(home, "Library", "Caches") if sys.platform == "darwin" else os.path.join(home, ".cache")
    return Path(base, "byok-lsp")


def cache_path(name: str = "attrs") -> Path | None:
    folder = cache_dir()
    return folder / f"{name}-code-{sys.implementation.cache_tag}.bin" if folder is not None else None


def load(path: Path) -> dict[bytes, types.CodeType]:
    """The entries of a cache file; empty when it is missing, unsafe, damaged or from another Python."""
    try:
        with open(path, "rb") as fh:
            if not _trusted(os.fstat(fh.fileno())):
                return {}
            blob = fh.read()
        if not blob.startswith(_HEADER) or len(blob) < len(_HEADER) + _DIGEST:
            return {}
        digest, payload = blob[len(_HEADER):len(_HEADER) + _DIGEST], blob[len(_HEADER) + _DIGEST:]
        if hashlib.sha256(payload).digest() != digest:
            return {}
        entries = marshal.loads(payload)
    except Exception:  # noqa: BLE001 - any problem with the cache means: compile as usual
        return {}
    if not isinstance(entries, dict):
        return {}
    return {k: v for k, v in entries.items() if isinstance(k, bytes) and isinstance(v, types.CodeType)}


def save(path: Path, entries: dict[bytes, types.CodeType]) -> bool:
    """Replace the cache file with ``entries`` (atomically); False when it cannot be written."""
    import tempfile  # only when something missed (the first start, a new attrs or lsprotocol)

    tmp = None
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        payload = marshal.dumps(entries)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(_HEADER + hashlib.sha256(payload).digest() + payload)
        os.replace(tmp, path)
        return True
    except Exception:  # noqa: BLE001 - a read-only or missing cache directory only costs the next start
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        return False


def _trusted(st: os.stat_result) -> bool:
    """Only a file this user owns and nobody else can write may supply code (on POSIX; Windows
    keeps LOCALAPPDATA per user with ACLs that st_mode does not show)."""
    if not hasattr(os, "geteuid"):
        return True
    return st.st_uid == os.geteuid() and not st.st_mode & 0o022


def _key(source: str, filename: str, mode: str, flags: int) -> bytes:
    head = f"{filename}\0{mode}\0{flags}\0{sys.flags.optimize}\0".encode("utf-8", "surrogatepass")
    return hashlib.blake2b(head + source.encode("utf-8", "surrogatepass"), digest_size=20).digest()


class _Hook:
    """Replaces the builtin ``compile`` or ``exec`` in one module's globals with one that takes the
    code objects from, and records them into, one cache file."""

    def __init__(self, module, builtin: str, path: Path, cached: dict[bytes, types.CodeType]):
        self.module, self.builtin, self.path, self.cached = module, builtin, path, cached
        self.used: dict[bytes, types.CodeType] = {}
        self.hits = self.misses = self.saved_misses = 0
        # compile() and exec(str) inherit the __future__ flags of their caller: the module's, not ours.
        self.inherited = _module_flags(module)

        def compile_cached(source, filename, mode, flags=0, dont_inherit=False, optimize=-1, **kwargs):
            if type(source) is str and type(filename) is str and flags == 0 and not dont_inherit and optimize == -1 and not kwargs:
                return self.code(source, filename, mode)
            return compile(source, filename, mode, flags | (0 if dont_inherit else self.inherited), True, optimize, **kwargs)

        def exec_cached(source, globals=None, locals=None, /, **kwargs):
            if globals is None:  # the builtin runs in its caller's namespace
                frame = sys._getframe(1)
                globals, locals = frame.f_globals, frame.f_locals if locals is None else locals
            if type(source) is str:
                source = self.code(source, "<string>", "exec")
            return exec(source, globals, locals, **kwargs)

        self.replacement = compile_cached if builtin == "compile" else exec_cached

    def code(self, source: str, filename: str, mode: str) -> types.CodeType:
        key = _key(source, filename, mode, self.inherited)
        code = self.cached.get(key)
        if code is None:
            code = compile(source, filename, mode, self.inherited, True)
            self.misses += 1
        else:
            self.hits += 1
        self.used[key] = code
        return code

    @classmethod
    def install(cls, module, builtin: str, name: str) -> _Hook | None:
        """Hook ``module`` when it calls ``builtin`` by that name and has no global of that name."""
        path = cache_path(name)
        if path is None or builtin in vars(module) or not _calls(module, builtin) or _module_flags(module) is None:
            return None
        hook = cls(module, builtin, path, load(path))
        setattr(module, builtin, hook.replacement)
        return hook

    def uninstall(self) -> None:
        if vars(self.module).get(self.builtin) is self.replacement:
            delattr(self.module, self.builtin)

    def save(self, max_entries: int) -> bool:
        """Write what this process used when something missed since the last write, with the
        file's other entries while they all fit in ``max_entries``."""
        if self.misses == self.saved_misses:
            return False
        misses, used = self.misses, dict(self.used)  # a copy: analysis threads may add entries meanwhile
        entries = {**self.cached, **used} if len(self.cached) + len(used) <= max_entries else used
        self.saved_misses = misses
        return save(self.path, entries)

    def stats(self) -> dict:
        return {"enabled": True, "hits": self.hits, "misses": self.misses, "path": str(self.path)}


def import_lsprotocol() -> None:
    """Import ``lsprotocol.types``, with attrs' generated code from the cache when possible."""
    if "lsprotocol.types" in sys.modules or not enabled():
        import lsprotocol.types  # noqa: F401
        return
    try:
        import attr._make

        hook = _Hook.install(attr._make, "compile", "attrs")
    except Exception:  # noqa: BLE001 - another attrs: import without the cache
        hook = None
    try:
        import lsprotocol.types  # noqa: F401
    finally:
        if hook is not None:
            hook.uninstall()
    if hook is not None:
        stats.update(hook.stats(), wrote=hook.save(max_entries=0))


# For the life of the server: cattrs generates an (un)structure function per LSP type when a message
# first needs it; dataclasses generate __init__, __repr__, __eq__… as byok-lsp's modules load (~30
# classes, ~10 ms). Both are written by save_runtime().
_runtime_hooks: dict[str, _Hook] = {}
RUNTIME_MAX_ENTRIES = 3000  # lsprotocol has ~1,100 types that cattrs may meet, two functions each


def install_runtime_hooks() -> None:
    if not enabled() or _runtime_hooks:
        return
    for name, builtin in (("cattrs.gen", "compile"), ("dataclasses", "exec")):
        try:
            module = __import__(name, fromlist=["_"])
            hook = _Hook.install(module, builtin, name.split(".")[0])
        except Exception:  # noqa: BLE001 - another version: no cache for it
            hook = None
        if hook is not None:
            _runtime_hooks[name] = hook


def save_runtime() -> bool:
    """Write the runtime hooks' files (at shutdown, and once after start-up); True if one was written."""
    wrote = [hook.save(RUNTIME_MAX_ENTRIES) for hook in list(_runtime_hooks.values())]
    return any(wrote)


def runtime_stats() -> dict:
    return {name: hook.stats() for name, hook in _runtime_hooks.items()}


def _calls(module, builtin: str) -> bool:
    return any(builtin in value.__code__.co_names for value in vars(module).values()
               if getattr(value, "__module__", None) == module.__name__ and hasattr(value, "__code__"))


def _module_flags(module) -> int | None:
    """The ``__future__`` flags of the module's own code (what its compile() calls inherit)."""
    for value in vars(module).values():
        code = getattr(value, "__code__", None)
        if code is not None and getattr(value, "__module__", None) == module.__name__:
            return code.co_flags & _FUTURE_FLAGS
    return None


def _future_flags() -> int:
    import __future__

    flags = 0
    for name in __future__.all_feature_names:
        flags |= getattr(__future__, name).compiler_flag
    return flags


_FUTURE_FLAGS = _future_flags()
