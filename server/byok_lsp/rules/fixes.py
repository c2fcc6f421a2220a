"""Fix builders shared by rules: each returns a ``Fix`` whose edits are computed here, once,
from the text the rule saw — code actions read them back and never recompute."""

from __future__ import annotations

import re
from pathlib import Path

from .. import edits
from ..config import code_selected
from ..context import FileContext
from ..findings import Fix, FixSafety, Span, TextEdit


def open_page(title: str, url: str) -> Fix:
    return Fix(title=title, safety=FixSafety.DISPLAY_ONLY, open_url=url)


def replace_text(ctx: FileContext, title: str, span: Span, new_text: str, safety=FixSafety.UNSAFE) -> Fix:
    return Fix(title=title, safety=safety, edits=(TextEdit(ctx.path, span, new_text),))


def add_env_line(ctx: FileContext, target: Path, line: str, title: str, safety=FixSafety.SAFE) -> Fix:
    text = ctx.ws.text_of(target) if target.exists() else None
    return Fix(title=title, safety=safety, edits=(edits.append_line(target, text, line),))


def config_target(ctx: FileContext) -> tuple[Path, str | None]:
    """The file to record settings in (and its text, None when it must be created).

    The nearest config file even when it is invalid (the fix must edit it, not add a second
    table), else the root's pyproject.toml, else a new .byok-lsp.toml at the root.
    """
    if ctx.config.path is not None:
        return ctx.config.path, ctx.ws.text_of(ctx.config.path)
    # The same answer for every file of a folder (BYOK101 offers it on each gated id).
    key = ("config-target", ctx.path.parent)
    hit = ctx.ws._cache.get(key)
    if hit is not None and hit.stamp == ctx.ws.generation:
        return hit.value
    from ..workspace import _Cached

    answer = _config_target(ctx)
    ctx.ws._cache[key] = _Cached(ctx.ws.generation, answer)
    return answer


def _config_target(ctx: FileContext) -> tuple[Path, str | None]:
    for folder in ctx.ws.folders_up(ctx.path):
        dedicated = folder / ".byok-lsp.toml"
        if dedicated.is_file():
            return dedicated, ctx.ws.text_of(dedicated)
        py = folder / "pyproject.toml"
        text = ctx.ws.text_of(py) if py.is_file() else None
        if text is not None and any(_TABLE_HEADER.match(ln) for ln in _lines(text)):
            return py, text
    py = ctx.ws.root / "pyproject.toml"
    if py.is_file():
        return py, ctx.ws.text_of(py)
    return ctx.ws.root / ".byok-lsp.toml", None


_TABLE_HEADER = re.compile(r'^\s*\[tool\.(?:byok-lsp|"byok-lsp")\]\s*(?:#.*)?$')


def _lines(text: str) -> list[str]:
    return [ln.rstrip("\r\n") for ln in edits.splitlines_keepends(text)]


def record_setting(ctx: FileContext, key: str, value: str, title: str) -> Fix:
    """Set ``key = value`` in the project config: replace the key's line(s), add it to the
    table, append a table, or create .byok-lsp.toml — whichever applies. Text-based, so it
    also repairs an invalid config without duplicating keys or tables."""
    path, text = config_target(ctx)
    line = f"{key} = {value}"
    if text is None:
        return Fix(title, FixSafety.UNSAFE, (TextEdit(path, Span.point(0, 0), line + "\n", create=True),))
    lines = _lines(text)
    if path.name == "pyproject.toml" and not any(_TABLE_HEADER.match(ln) for ln in lines):
        nl = edits.newline_of(text)  # no table yet: append one, separated by a blank line
        block = f"[tool.byok-lsp]{nl}{line}" if not text.strip() else f"{nl}[tool.byok-lsp]{nl}{line}"
        return Fix(title, FixSafety.UNSAFE, (edits.append_line(path, text, block),))
    first, last = _table_lines(path, lines)
    key_re = re.compile(r"^\s*[\"']?" + re.escape(key) + r"[\"']?\s*=")
    for i in range(first, last):
        if key_re.match(lines[i]):
            end = i
            depth = lines[i].count("[") - lines[i].count("]")
            while depth > 0 and end + 1 < last:  # a value spread over several lines
                end += 1
                depth += lines[end].count("[") - lines[end].count("]")
            return Fix(title, FixSafety.UNSAFE, (TextEdit(path, Span(i, 0, end, len(lines[end])), line),))
    if path.name == "pyproject.toml":
        return Fix(title, FixSafety.UNSAFE, (edits.insert_line_after(path, text, first - 1, line),))
    if last < len(lines):  # top-level keys must come before the first table
        return Fix(title, FixSafety.UNSAFE, (TextEdit(path, Span.point(last, 0), line + edits.newline_of(text)),))
    return Fix(title, FixSafety.UNSAFE, (edits.append_line(path, text, line),))


_IGNORE_KEY = re.compile(r"^\s*[\"']?ignore[\"']?\s*=\s*\[")


def ignore_in_project(ctx: FileContext, code: str) -> Fix | None:
    """"Ignore BYOKnnn in this project": ``code`` added to the ``ignore`` list of the config that
    serves the file. The code goes in right after the list's ``[`` so that the rest of the list,
    its comments and its layout stay as they are; without a list, the key is added (as a recorded
    setting is). None when the config is invalid (a text edit could make it worse) or already
    ignores the code."""
    key = ("ignore-in-project", code)
    if key not in ctx.memo:  # once per code and file: every finding of the code gets the same fix
        ctx.memo[key] = _ignore_in_project(ctx, code)
    return ctx.memo[key]


def _ignore_in_project(ctx: FileContext, code: str) -> Fix | None:
    config, err = ctx.ws.config_for(ctx.path)
    if err is not None or not code_selected(code, (), config.ignore):
        return None
    path, text = config_target(ctx)
    fix = _ignore_edit(ctx, path, text, code)
    # Checked, not assumed: the edited config must parse and ignore exactly one more code (a
    # dotted `tool.byok-lsp.ignore` key or other layouts the text edit does not know are left alone).
    from ..config import ConfigError, parse_config

    try:
        after = parse_config(path, edits.apply(text or "", fix.edits))
    except ConfigError:
        return None
    before = config.ignore if config.path == path else ()
    return fix if after is not None and set(after.ignore) == {*before, code} else None


def _ignore_edit(ctx: FileContext, path: Path, text: str | None, code: str) -> Fix:
    title = f"Ignore {code} in this project ({path.name})"
    lines = _lines(text) if text is not None else []
    first, last = _table_lines(path, lines)
    for i in range(first, last):
        m = _IGNORE_KEY.match(lines[i])
        if m:
            rest = lines[i][m.end():]
            after = rest.strip()
            new = f'"{code}"' if after.startswith("]") else f'"{code}",' if not after else f'"{code}", '
            return Fix(title, FixSafety.UNSAFE, (TextEdit(path, Span.point(i, m.end()), new),))
    return record_setting(ctx, "ignore", f'["{code}"]', title)


def _table_lines(path: Path, lines: list[str]) -> tuple[int, int]:
    """The lines of our settings in ``path``: after ``[tool.byok-lsp]`` in pyproject.toml (none
    when it has no such table), the top-level keys of .byok-lsp.toml; up to the next table."""
    if path.name == "pyproject.toml":
        header = next((i for i, ln in enumerate(lines) if _TABLE_HEADER.match(ln)), None)
        if header is None:
            return 0, 0
        first = header + 1
    else:
        first = 0
    last = next((i for i in range(first, len(lines)) if lines[i].lstrip().startswith("[") and "=" not in lines[i]), len(lines))
    return first, last


# Line comment syntax per language, for "suppress on this line".
COMMENT_PREFIX = {
    "python": "#", "shell": "#", "dockerfile": "#", "makefile": "#", "yaml": "#", "toml": "#",
    "dotenv": "#", "javascript": "//", "typescript": "//", "tsx": "//", "text": None,
    "json": None, "notebook": None, "hcl": "#", "fish": "#", "powershell": "#",
}
TEXT_COMMENT = {".go": "//", ".java": "//", ".kt": "//", ".cs": "//", ".rs": "//", ".swift": "//",
                ".scala": "//", ".php": "//", ".rb": "#", ".ex": "#", ".exs": "#", ".lua": "--", ".r": "#"}


def suppress(ctx: FileContext, language: str, line: int, code: str) -> Fix | None:
    prefix = COMMENT_PREFIX.get(language)
    if language == "text":
        prefix = TEXT_COMMENT.get(ctx.path.suffix.lower())
    if prefix is None:
        return None
    lines = ctx.lines
    if line >= len(lines):
        return None
    content = lines[line]
    existing = re.search(r"byok-lsp:\s*ignore\[([A-Z0-9, ]*)\]", content)
    if existing:  # extend the existing list instead of adding a second comment
        start, end = existing.span(1)
        codes = [c.strip() for c in existing.group(1).split(",") if c.strip()]
        new = ", ".join(codes + [code])
        return Fix(f"Suppress {code} on this line", FixSafety.UNSAFE,
                   (TextEdit(ctx.path, Span(line, start, line, end), new),))
    # The two spaces before the comment also make it a comment after an unquoted .env value.
    return Fix(f"Suppress {code} on this line", FixSafety.UNSAFE,
               (TextEdit(ctx.path, Span.point(line, len(content)), f"  {prefix} byok-lsp: ignore[{code}]"),))
