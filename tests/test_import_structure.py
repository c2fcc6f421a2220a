"""The structure drawn from the imports of server/byok_lsp has no cycle, counting imports inside
functions too (a lazy import still ties two modules together), and the layering holds: only
lsp/ imports pygls or lsprotocol, only verify/http.py imports httpx."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "server" / "byok_lsp"


def _modules() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


def _imports(name: str, path: Path, modules: dict[str, Path]) -> tuple[set[str], set[str]]:
    """(modules of the package, top-level names of other packages) that ``path`` imports."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    inside, outside = set(), set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                (inside if alias.name in modules else outside).add(alias.name if alias.name in modules
                                                                   else alias.name.split(".")[0])
        elif isinstance(node, ast.ImportFrom) and node.module != "__future__":
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parts + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            if not base.startswith("byok_lsp"):
                outside.add(base.split(".")[0])
                continue
            for alias in node.names:
                full = f"{base}.{alias.name}"
                inside.add(full if full in modules else base)
    inside.discard(name)
    return {m for m in inside if m in modules}, outside


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    index, low, stack, on, found, counter = {}, {}, [], set(), [], [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in graph:
        if v not in index:
            visit(v)
    return found


def test_no_import_cycle_and_the_layers_hold():
    modules = _modules()
    graph, external = {}, {}
    for name, path in modules.items():
        graph[name], external[name] = _imports(name, path, modules)
    assert _cycles(graph) == []
    for name, names in external.items():
        if {"pygls", "lsprotocol"} & names:
            assert name.startswith("byok_lsp.lsp"), f"{name} imports pygls/lsprotocol"
        if "httpx" in names:
            assert name == "byok_lsp.verify.http", f"{name} imports httpx"


def test_a_cycle_is_found():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


HANDLER_LINES = 22  # "no handler over ~20 lines" (issue 14): a handler fetches, calls one function, converts


def _code_lines(func) -> int:
    """Lines of a function that are neither blank, comments nor its docstring."""
    import inspect
    import textwrap

    tree = ast.parse(textwrap.dedent(inspect.getsource(inspect.unwrap(func))))
    node = tree.body[0]
    doc = node.body[0] if node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant) else None
    skip = set(range(doc.lineno, doc.end_lineno + 1)) if doc else set()
    lines = textwrap.dedent(inspect.getsource(inspect.unwrap(func))).splitlines()
    return sum(1 for i, line in enumerate(lines, 1)
               if i not in skip and line.strip() and not line.strip().startswith(("#", "@")))


def test_no_request_or_command_handler_is_long():
    from byok_lsp.lsp import code_actions, commands, hover_request, server

    features = [f for f in vars(server).values() if callable(f) and getattr(f, "__module__", "") == server.__name__
                and hasattr(f, "__wrapped__")]
    assert len(features) >= 14, "the guarded LSP handlers of lsp/server.py were not found"
    handlers = [*features, server.code_action_resolve, *commands.HANDLERS.values(), hover_request.hover_at,
                code_actions.code_actions, code_actions.resolve]
    long = {f"{h.__module__}.{h.__name__}": n for h in handlers if (n := _code_lines(h)) > HANDLER_LINES}
    assert not long, f"handlers over {HANDLER_LINES} lines (split them): {long}"
