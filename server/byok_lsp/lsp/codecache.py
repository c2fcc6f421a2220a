"""Start-up: reuse the code objects attrs compiles while ``lsprotocol.types`` is imported.

Why: pygls needs ``lsprotocol.types``, ~570 attrs classes. For each one attrs writes the source of
``__init__``, ``__repr__``, ``__eq__``… and ``compile()``s it, on every start: about half of that
import's ~270 ms, before the server can answer ``initialize`` (upstream: microsoft/lsprotocol#441).
Python keeps module bytecode in ``__pycache__``; this keeps attrs' generated code the same way, in
one marshal file in the user cache directory (``$XDG_CACHE_HOME/byok-lsp``, ``~/.cache/byok-lsp``),
never in a workspace.

What makes a hit exact: the key is a digest of everything ``compile()`` depends on — the source
text, the file name, the mode, the compiler flags and the optimisation level — and the file holds
the interpreter's bytecode magic, so a cached code object is the one ``compile()`` would return.
A new attrs or lsprotocol generates other source, which misses; so does a new Python.

The trade-off: ~150 ms less CPU per start against ~1.2 MB on disk and a patch of a private detail
of attrs (the name ``compile`` that ``attr._make`` looks up in its module globals), active only
during that one import and only when ``attr._make`` still calls ``compile`` by that name. Every
failure — no or unwritable cache directory, a corrupt, truncated, foreign or group-writable file, an
interpreter mismatch — falls back silently to plain ``compile()``; ``BYOK_LSP_CODE_CACHE=off``
turns it off. The file holds only code generated from lsprotocol's class definitions, no user
data. It is rewritten (whole, atomically) only when this start compiled something, with exactly
the entries this start used, so it never grows; concurrent starts each replace it with a complete
file and the last one wins. Two environments with different attrs or lsprotocol versions on one
Python take turns rewriting it (then the cache only costs its ~6 ms write).
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
import tempfile
import types
from importlib.util import MAGIC_NUMBER
from pathlib import Path

ENV = "BYOK_LSP_CODE_CACHE"  # "off" (or 0/false/no) disables the cache
_HEADER = b"byok-lsp attrs code cache 1\n" + MAGIC_NUMBER
_DIGEST = 32  # sha256 of the payload, checked before marshal reads it

# What the last import_lsprotocol() did (tests and bench/startup.py read it).
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


def cache_path() -> Path | None:
    folder = cache_dir()
    return folder / f"attrs-code-{sys.implementation.cache_tag}.bin" if folder is not None else None


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
    tmp = None
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        payload = marshal.dumps(entries)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".attrs-code-", suffix=".tmp")
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
    """Only a file this user owns and nobody else can write may supply code."""
    if hasattr(os, "geteuid") and st.st_uid != os.geteuid():
        return False
    return not st.st_mode & 0o022


def _key(source: str, filename: str, mode: str, flags: int) -> bytes:
    head = f"{filename}\0{mode}\0{flags}\0{sys.flags.optimize}\0".encode("utf-8", "surrogatepass")
    return hashlib.blake2b(head + source.encode("utf-8", "surrogatepass"), digest_size=20).digest()


def import_lsprotocol() -> None:
    """Import ``lsprotocol.types``, with attrs' generated code from the cache when possible."""
    if "lsprotocol.types" in sys.modules or not enabled():
        import lsprotocol.types  # noqa: F401
        return
    try:
        import attr._make as attr_make

        # compile() inherits the __future__ flags of its caller: attr._make's, not ours.
        inherited = attr_make._compile_and_eval.__code__.co_flags & _FUTURE_FLAGS
        hookable = "compile" in attr_make._compile_and_eval.__code__.co_names and "compile" not in vars(attr_make)
        path = cache_path()
    except Exception:  # noqa: BLE001 - another attrs: import without the cache
        hookable = False
    if not hookable or path is None:
        import lsprotocol.types  # noqa: F401
        return

    cached = load(path)
    used: dict[bytes, types.CodeType] = {}
    counts = {"hits": 0, "misses": 0}
    builtin_compile = compile

    def compile_cached(source, filename, mode, flags=0, dont_inherit=False, optimize=-1, **kwargs):
        if not (type(source) is str and type(filename) is str and flags == 0 and not dont_inherit
                and optimize == -1 and not kwargs):
            return builtin_compile(source, filename, mode, flags | (0 if dont_inherit else inherited), True, optimize, **kwargs)
        key = _key(source, filename, mode, inherited)
        code = cached.get(key)
        if code is None:
            code = builtin_compile(source, filename, mode, inherited, True)
            counts["misses"] += 1
        else:
            counts["hits"] += 1
        used[key] = code
        return code

    attr_make.compile = compile_cached
    try:
        import lsprotocol.types  # noqa: F401
    finally:
        if vars(attr_make).get("compile") is compile_cached:
            del attr_make.compile
    wrote = save(path, used) if counts["misses"] else False
    stats.update(enabled=True, wrote=wrote, path=str(path), **counts)


def _future_flags() -> int:
    import __future__

    flags = 0
    for name in __future__.all_feature_names:
        flags |= getattr(__future__, name).compiler_flag
    return flags


_FUTURE_FLAGS = _future_flags()
