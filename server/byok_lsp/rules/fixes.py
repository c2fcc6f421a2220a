"""Fix builders shared by rules: each returns a ``Fix`` whose edits are computed here, once,
from the text the rule saw — code actions read them back and never recompute."""

from __future__ import annotations

import re
from pathlib import Path

from .. import edits
from ..context import FileContext
from ..findings import Fix, FixSafety, Span, TextEdit


def open_page(title: str, url: str) -> Fix:
    return Fix(title=title, safety=FixSafety.DISPLAY_ONLY, open_url=url)


def replace_text(ctx: FileContext, title: str, span: Span, new_text: str, safety=FixSafety.UNSAFE) -> Fix:
    return Fix(title=title, safety=safety, edits=(TextEdit(ctx.path, span, new_text),))


def add_env_line(ctx: FileContext, target: Path, line: str, title: str, safety=FixSafety.SAFE) -> Fix:
    text = ctx.ws.text_of(target) if target.exists() else None
    return Fix(title=title, safety=safety, edits=(edits.append_line(target, text, line),))


def config_target(ctx: FileContext) -> tuple[Path, str | None, bool]:
    """(file to record settings in, its text or None, whether it already has our table)."""
    if ctx.config.path is not None:
        return ctx.config.path, ctx.ws.text_of(ctx.config.path), True
    root = ctx.ws.root
    py = root / "pyproject.toml"
    if py.exists():
        return py, ctx.ws.text_of(py), False
    return root / ".byok-lsp.toml", None, False


_TABLE_HEADER = re.compile(r'^\s*\[tool\.(?:byok-lsp|"byok-lsp")\]\s*(?:#.*)?$')


def record_setting(ctx: FileContext, key: str, value: str, title: str) -> Fix:
    """Set ``key = value`` in the project config: replace the key's line, add it under the
    table header, append a table, or create .byok-lsp.toml — whichever applies."""
    path, text, has_table = config_target(ctx)
    line = f"{key} = {value}"
    if text is None:
        return Fix(title, FixSafety.UNSAFE, (TextEdit(path, Span.point(0, 0), line + "\n", create=True),))
    lines = text.splitlines()
    is_pyproject = path.name == "pyproject.toml"
    if has_table:
        key_line = ctx.config.key_lines.get(key)
        if key_line is not None and key_line < len(lines):
            old = lines[key_line]
            return Fix(title, FixSafety.UNSAFE, (TextEdit(path, Span(key_line, 0, key_line, len(old)), line),))
        if is_pyproject:
            header = next((i for i, ln in enumerate(lines) if _TABLE_HEADER.match(ln)), None)
            if header is not None:
                return Fix(title, FixSafety.UNSAFE, (edits.insert_line_after(path, text, header, line),))
        else:
            first_table = next((i for i, ln in enumerate(lines) if ln.lstrip().startswith("[")), None)
            if first_table is not None:
                return Fix(title, FixSafety.UNSAFE, (TextEdit(path, Span.point(first_table, 0), line + edits.newline_of(text)),))
        return Fix(title, FixSafety.UNSAFE, (edits.append_line(path, text, line),))
    # pyproject.toml without our table: append one, separated by a blank line.
    nl = edits.newline_of(text)
    block = f"{nl}[tool.byok-lsp]{nl}{line}"
    return Fix(title, FixSafety.UNSAFE, (edits.append_line(path, text, block.lstrip("\r\n") if not text.strip() else block),))


# Line comment syntax per language, for "suppress on this line".
COMMENT_PREFIX = {
    "python": "#", "shell": "#", "dockerfile": "#", "makefile": "#", "yaml": "#", "toml": "#",
    "dotenv": "#", "javascript": "//", "typescript": "//", "tsx": "//", "text": None,
    "json": None, "notebook": None,
}
TEXT_COMMENT = {".go": "//", ".java": "//", ".kt": "//", ".cs": "//", ".rs": "//", ".swift": "//",
                ".scala": "//", ".php": "//", ".rb": "#", ".ex": "#", ".exs": "#", ".lua": "--", ".r": "#"}


def suppress(ctx: FileContext, language: str, line: int, code: str) -> Fix | None:
    prefix = COMMENT_PREFIX.get(language)
    if language == "text":
        prefix = TEXT_COMMENT.get(ctx.path.suffix.lower())
    if prefix is None:
        return None
    lines = edits.splitlines_keepends(ctx.text)
    if line >= len(lines):
        return None
    content = lines[line].rstrip("\r\n")
    existing = re.search(r"byok-lsp:\s*ignore\[([A-Z0-9, ]*)\]", content)
    if existing:  # extend the existing list instead of adding a second comment
        start, end = existing.span(1)
        codes = [c.strip() for c in existing.group(1).split(",") if c.strip()]
        new = ", ".join(codes + [code])
        return Fix(f"Suppress {code} on this line", FixSafety.UNSAFE,
                   (TextEdit(ctx.path, Span(line, start, line, end), new),))
    if language == "dotenv" and not content.strip().startswith("#"):
        # An inline comment after an unquoted .env value needs whitespace before '#'.
        pass
    return Fix(f"Suppress {code} on this line", FixSafety.UNSAFE,
               (TextEdit(ctx.path, Span.point(line, len(content)), f"  {prefix} byok-lsp: ignore[{code}]"),))
