"""The one result type shared by the CLI and the language server.

Positions are 0-based lines and 0-based columns counted in Unicode code points of the
decoded text (Python ``str`` indices within the line). Only ``lsp/`` converts them to
UTF-16 or UTF-8 for a client; the CLI prints them 1-based.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from pathlib import Path


class Severity(enum.IntEnum):
    """Ordered so that a larger value is more severe (``--fail-on`` compares them)."""

    HINT = 1
    INFORMATION = 2
    WARNING = 3
    ERROR = 4

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        aliases = {"info": "information", "warn": "warning"}
        key = aliases.get(text.strip().lower(), text.strip().lower())
        for member in cls:
            if member.label == key:
                return member
        raise ValueError(f"unknown severity {text!r} (expected error, warning, information or hint)")


class FixSafety(enum.Enum):
    SAFE = "safe"  # applied by source.fixAll and `check --fix`
    UNSAFE = "unsafe"  # changes behaviour (another model, new files): only on request
    DISPLAY_ONLY = "display-only"  # opens a page or explains; edits nothing


class Confidence(enum.Enum):
    VERIFIED = "verified"  # proven by an online check
    LIKELY = "likely"  # static evidence points this way
    UNKNOWN = "unknown"  # static evidence is weak (provider unclear, status unknown)


@dataclass(frozen=True, order=True)
class Span:
    line: int
    col: int
    end_line: int
    end_col: int

    @classmethod
    def point(cls, line: int, col: int) -> Span:
        return cls(line, col, line, col)

    def contains(self, line: int, col: int) -> bool:
        return (self.line, self.col) <= (line, col) <= (self.end_line, self.end_col)

    def moved(self, lines: int) -> Span:
        """The same columns, ``lines`` further down (text inserted or deleted above it)."""
        return Span(self.line + lines, self.col, self.end_line + lines, self.end_col)


@dataclass(frozen=True)
class TextEdit:
    """Replace ``span`` of ``path`` with ``new_text``. ``create`` means the file does not exist yet."""

    path: Path
    span: Span
    new_text: str
    create: bool = False


@dataclass(frozen=True)
class Fix:
    title: str
    safety: FixSafety
    edits: tuple[TextEdit, ...] = ()
    open_url: str | None = None  # a page to open instead of (or besides) editing
    # The edits hold a secret (moving a hard-coded key to .env): never serialise them into a
    # diagnostic or a report; the server resolves them from its cache on codeAction/resolve.
    sensitive: bool = False


@dataclass(frozen=True)
class Related:
    path: Path
    span: Span
    message: str


@dataclass(frozen=True)
class Finding:
    code: str
    name: str
    severity: Severity
    message: str
    path: Path
    span: Span
    fixes: tuple[Fix, ...] = ()
    related: tuple[Related, ...] = ()
    confidence: Confidence = Confidence.LIKELY
    # Extra machine-readable facts (model slug, env var name...) for hover and JSON output.
    # Never holds a whole key.
    data: dict = field(default_factory=dict, compare=False, hash=False)

    def sort_key(self) -> tuple:
        return (str(self.path), self.span, self.code)
