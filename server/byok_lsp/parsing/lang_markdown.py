"""Markdown: YAML (``---``) or TOML (``+++``) front matter as config, the body for keys only.

Agent definitions are Markdown files whose front matter is the agent's configuration (OpenCode
``.opencode/agent/*.md``, Claude Code ``.claude/agents/*.md``, CrewAI-style ``agents/*.md``):
``model: openrouter/openai/o3`` there is a model choice, read by ``lang_config`` with the same
key rules as any YAML file. The body is prose, a prompt or documentation: ids and URLs in it are
not usage (a fenced example of a config is an example), but a key pasted into it still leaks.

The front matter is parsed on its own: a ``Source`` of the text from the line after the opening
fence, whose facts move down by that many lines (columns are unchanged: it starts a line).
"""

from __future__ import annotations

import re

from ..findings import Span
from . import lang_text
from .treesitter import Collector, Source

_OPEN = re.compile(rb"(---|\+\+\+)[ \t]*\r?\n")


def front_matter(data: bytes) -> tuple[str, int, int] | None:
    """(language, start, end) of the front matter's text (between the fence lines), or None."""
    m = _OPEN.match(data)
    if m is None:
        return None
    fence = re.escape(m.group(1))
    close = re.compile(rb"(?m)^(?:" + fence + (rb"|\.\.\." if m.group(1) == b"---" else b"") + rb")[ \t]*\r?$")
    end = close.search(data, m.end())
    if end is None:
        return None
    return ("yaml" if m.group(1) == b"---" else "toml"), m.end(), end.start()


def extract(c: Collector) -> None:
    data = c.src.data
    found = front_matter(data)
    body = 0
    if found is not None:
        language, start, end = found
        _config(c, language, start, end)
        body = end
    lang_text.scan_secrets(c, None, body)


def _config(c: Collector, language: str, start: int, end: int) -> None:
    from . import lang_config

    first_line = c.src.pos(start)[0]
    sub = Collector(Source(c.src.decode(start, end)), c.facts.language)
    sub.filename = c.filename  # tool conventions by file name hold for the front matter too (.opencode/agent/*.md)
    sub.literals_left = c.literals_left
    lang_config.extract(sub, language)
    c.literals_left = sub.literals_left

    def moved(span: Span) -> Span:
        return Span(span.line + first_line, span.col, span.end_line + first_line, span.end_col)

    facts, found = c.facts, sub.facts
    facts.add_moved(found, moved)
    if found.stopped_at is not None and facts.stopped_at is None:
        facts.stopped_at = moved(found.stopped_at)
