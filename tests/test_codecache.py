"""lsp/codecache.py: attrs' and cattrs' generated code for lsprotocol, cached between server starts.

Each case imports ``byok_lsp.lsp`` in a fresh interpreter (this one has lsprotocol loaded already)
with its own ``XDG_CACHE_HOME``, and compares every attrs-generated method with a start that has
the cache off: a cached start must define exactly the same code.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import types
from pathlib import Path

import pytest

from byok_lsp.lsp import codecache

DESCRIBE = textwrap.dedent("""
    import json, hashlib
    import byok_lsp.lsp
    import attr
    import lsprotocol.types as t
    from byok_lsp.lsp import codecache

    def describe(code):
        parts = [code.co_code, code.co_names, code.co_varnames, code.co_freevars, code.co_cellvars,
                 code.co_filename, code.co_name, code.co_qualname, code.co_firstlineno, code.co_linetable,
                 code.co_exceptiontable, code.co_flags, code.co_argcount, code.co_posonlyargcount,
                 code.co_kwonlyargcount, code.co_stacksize,
                 tuple(describe(c) if hasattr(c, "co_code") else repr(c) for c in code.co_consts)]
        return hashlib.sha256(repr(parts).encode()).hexdigest()
""")

PROBE = DESCRIBE + textwrap.dedent("""
    methods = {}
    for name, cls in sorted(vars(t).items()):
        if isinstance(cls, type) and attr.has(cls):
            for attr_name, value in vars(cls).items():
                code = getattr(value, "__code__", None)
                if code is not None and code.co_filename.startswith("<attrs generated"):
                    methods[f"{name}.{attr_name}"] = [describe(code), repr(getattr(value, "__annotations__", None))]
    print(json.dumps({"stats": codecache.stats, "methods": methods}))
""")


# cattrs' (un)structure functions for what a session converts first, the methods dataclasses
# generate for byok-lsp's own classes, then save_runtime() as at shutdown.
RUNTIME_PROBE = DESCRIBE + textwrap.dedent("""
    import dataclasses
    import byok_lsp.lsp.server, byok_lsp.engine, byok_lsp.catalog, byok_lsp.findings
    from byok_lsp.lsp.protocol import converter

    c = converter()
    codes = {}
    for cls in (t.InitializeParams, t.InitializeResult, t.PublishDiagnosticsParams, t.CodeAction, t.Hover):
        codes[cls.__name__ + ".structure"] = describe(c.get_structure_hook(cls).__code__)
        codes[cls.__name__ + ".unstructure"] = describe(c.get_unstructure_hook(cls).__code__)
    for module in (byok_lsp.findings, byok_lsp.catalog, byok_lsp.engine):
        for name, cls in vars(module).items():
            if dataclasses.is_dataclass(cls) and cls.__module__ == module.__name__:
                for attr_name, value in vars(cls).items():
                    if getattr(value, "__code__", None) is not None and value.__code__.co_filename == "<string>":
                        codes[f"{module.__name__}.{name}.{attr_name}"] = describe(value.__code__)
    saved = codecache.save_runtime()
    print(json.dumps({"stats": codecache.runtime_stats(), "saved": saved, "methods": codes}))
""")


def start(cache_home: Path | str, *, off: bool = False, probe: str = PROBE) -> dict:
    env = {k: v for k, v in os.environ.items() if k != codecache.ENV}
    env["XDG_CACHE_HOME"] = str(cache_home)
    if off:
        env[codecache.ENV] = "off"
    proc = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


@pytest.fixture(scope="module")
def uncached(tmp_path_factory) -> dict:
    home = tmp_path_factory.mktemp("off")
    result = start(home, off=True)
    assert result["stats"]["enabled"] is False and not (home / "byok-lsp").exists()
    assert len(result["methods"]) > 1000
    return result["methods"]


def cache_file(home: Path, name: str = "attrs") -> Path:
    return home / "byok-lsp" / f"{name}-code-{sys.implementation.cache_tag}.bin"


def test_cold_and_warm_starts_define_the_same_code(tmp_path, uncached):
    cold = start(tmp_path)
    assert cold["stats"]["hits"] == 0 and cold["stats"]["misses"] > 500 and cold["stats"]["wrote"] is True
    assert cold["methods"] == uncached
    assert cache_file(tmp_path).stat().st_mode & 0o077 == 0

    warm = start(tmp_path)
    assert warm["stats"]["misses"] == 0 and warm["stats"]["hits"] == cold["stats"]["misses"]
    assert warm["stats"]["wrote"] is False
    assert warm["methods"] == uncached


def test_cattrs_and_dataclass_functions_are_cached_too(tmp_path):
    uncached = start(tmp_path / "off", off=True, probe=RUNTIME_PROBE)
    assert uncached["stats"] == {} and uncached["saved"] is False
    assert sum(".structure" in k for k in uncached["methods"]) == 5 and sum(".Span." in k for k in uncached["methods"]) >= 3
    cold = start(tmp_path, probe=RUNTIME_PROBE)
    assert set(cold["stats"]) == {"cattrs.gen", "dataclasses"} and cold["saved"] is True
    for stats in cold["stats"].values():
        assert stats["misses"] > 10 and stats["hits"] == 0
    warm = start(tmp_path, probe=RUNTIME_PROBE)
    assert warm["saved"] is False
    for name, stats in warm["stats"].items():
        assert stats["misses"] == 0 and stats["hits"] == cold["stats"][name]["misses"]
    assert cold["methods"] == warm["methods"] == uncached["methods"]
    for name in ("cattrs", "dataclasses"):
        assert cache_file(tmp_path, name).stat().st_mode & 0o077 == 0


@pytest.mark.parametrize("damage", ["truncated", "flipped", "garbage", "empty", "other-python", "group-writable"])
def test_a_damaged_or_unsafe_cache_is_ignored_and_replaced(tmp_path, uncached, damage):
    start(tmp_path)
    path = cache_file(tmp_path)
    blob = path.read_bytes()
    if damage == "truncated":
        path.write_bytes(blob[: len(blob) // 2])
    elif damage == "flipped":
        path.write_bytes(blob[:-100] + bytes([blob[-100] ^ 0x55]) + blob[-99:])
    elif damage == "garbage":
        path.write_bytes(os.urandom(5000))
    elif damage == "empty":
        path.write_bytes(b"")
    elif damage == "other-python":
        header = codecache._HEADER
        path.write_bytes(header[:-4] + b"\x00\x00\r\n" + blob[len(header):])
    else:
        path.chmod(0o666)
    result = start(tmp_path)
    assert result["stats"]["hits"] == 0 and result["stats"]["wrote"] is True
    assert result["methods"] == uncached
    assert start(tmp_path)["stats"]["misses"] == 0  # replaced by a good file


def test_an_unwritable_cache_directory_only_costs_the_cache(tmp_path, uncached):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")  # mkdir under it fails even for root
    result = start(blocker)
    assert result["stats"]["enabled"] is True and result["stats"]["wrote"] is False
    assert result["methods"] == uncached


def test_relative_cache_home_falls_back_to_home(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")
    monkeypatch.setenv("HOME", str(tmp_path))
    if sys.platform.startswith("linux"):
        assert codecache.cache_dir() == tmp_path / ".cache" / "byok-lsp"


def test_concurrent_cold_starts(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != codecache.ENV}
    env["XDG_CACHE_HOME"] = str(tmp_path)
    code = "import byok_lsp.lsp; from byok_lsp.lsp import codecache; print(codecache.stats['misses'])"
    procs = [subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE, text=True) for _ in range(4)]
    for proc in procs:
        out, _ = proc.communicate(timeout=120)
        assert proc.returncode == 0
    assert start(tmp_path)["stats"]["misses"] == 0
    assert [p.name for p in (tmp_path / "byok-lsp").iterdir()] == [cache_file(tmp_path).name]  # no temp files left


def test_save_and_load(tmp_path):
    path = tmp_path / "sub" / "cache.bin"
    code = compile("x = 1", "<test>", "exec")
    assert codecache.save(path, {b"k": code})
    assert codecache.load(path) == {b"k": code}
    assert codecache.load(tmp_path / "missing.bin") == {}
    assert codecache.save(path, {b"k": "not code", "str-key": code})
    assert codecache.load(path) == {}
    assert isinstance(code, types.CodeType)


GENERATOR = '''
from __future__ import annotations


def run_exec(text, ns):
    exec(text, ns)
    return ns


def run_exec_here(text):
    x = 1
    exec(text)
    return locals()


def run_compile(text):
    return compile(text, "<gen>", "exec")
'''


def _generator_module(name: str) -> types.ModuleType:
    module = types.ModuleType(name)
    exec(compile(GENERATOR, f"<{name}>", "exec", dont_inherit=True), vars(module))
    return module


@pytest.mark.parametrize("builtin", ["exec", "compile"])
def test_a_hooked_builtin_behaves_like_the_builtin(monkeypatch, tmp_path, builtin):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    plain, hooked = _generator_module("plain_gen"), _generator_module("hooked_gen")
    for attempt in ("miss", "hit"):
        hook = codecache._Hook.install(hooked, builtin, "test")
        assert hook is not None and hook.inherited & 0x1000000  # the module's `from __future__ import annotations`
        try:
            for module in (plain, hooked):
                code = module.run_compile("def f(a: int): pass")
                assert code.co_flags & 0x1000000
                ns = module.run_exec("def f(a: int): pass", {})
                assert ns["f"].__annotations__ == {"a": "int"}
                here = module.run_exec_here("y = x + 1")
                assert here["y"] == 2
        finally:
            hook.uninstall()
        assert builtin not in vars(hooked)
        if attempt == "miss":
            assert hook.misses >= 1 and hook.hits == 0 and hook.save(0)
        else:
            assert hook.hits >= 1 and hook.misses == 0
