"""The rule registry: every rule is data (code, name, severity, docs) plus one check function.

Codes are ``BYOK`` and three digits, grouped by hundreds: 0xx configuration, 1xx model usage in
code, 2xx .env files, 3xx secrets and repository hygiene, 4xx online results. A code is never
reused; registering a duplicate code or name fails at import.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..findings import FixSafety, Severity

DOC_SECTIONS = ("What it does", "Why is this bad?", "Example", "Fix safety", "References")
_CODE = re.compile(r"^BYOK\d{3}$")
_NAME = re.compile(r"^[a-z]+(-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Rule:
    code: str
    name: str  # kebab-case, names the bad pattern
    summary: str  # one line, for tables
    severity: Severity  # default severity
    fix_safety: FixSafety  # the safety of its main fix
    fix_title: str
    docs: str  # markdown with the DOC_SECTIONS headings
    # (ctx) -> iterable of Finding; None for rules whose findings another pass produces
    # (configuration errors, online results).
    check: Callable | None = None
    applies_to: tuple[str, ...] = ("code",)  # file kinds: "code", "dotenv", "config"
    # The place's role (roles.py: test, fixture, docs...) caps this rule's findings. False for
    # rules whose finding is as true in a test as anywhere (a real key written into a file).
    role_aware: bool = True
    # Where the findings of a rule without ``check`` come from (a module and what runs it).
    emitted_by: str = ""

    @property
    def url(self) -> str:
        # GitHub's heading anchor for "## BYOK101 byok-not-recorded" in docs/rules.md.
        return f"{DOCS_URL}#{self.code.lower()}-{self.name}"

    def section(self, title: str) -> str:
        """The text of one docs section (without its heading)."""
        m = re.search(r"^## " + re.escape(title) + r"\n(.*?)(?=^## |\Z)", self.docs, re.M | re.S)
        return m.group(1).strip() if m else ""


DOCS_URL = "https://github.com/byok-lsp/byok-lsp/blob/main/docs/rules.md"
REGISTRY: dict[str, Rule] = {}


def register(rule: Rule) -> Rule:
    if not _CODE.match(rule.code):
        raise ValueError(f"rule code {rule.code!r} must be BYOK and three digits")
    if not _NAME.match(rule.name):
        raise ValueError(f"rule name {rule.name!r} must be kebab-case")
    if rule.code in REGISTRY:
        raise ValueError(f"duplicate rule code {rule.code}")
    if any(r.name == rule.name for r in REGISTRY.values()):
        raise ValueError(f"duplicate rule name {rule.name}")
    missing = [s for s in DOC_SECTIONS if f"## {s}\n" not in rule.docs]
    if missing:
        raise ValueError(f"{rule.code} docs lack sections: {', '.join(missing)}")
    if rule.check is None and not rule.emitted_by:
        raise ValueError(f"{rule.code} has no check: say which producer emits it (emitted_by)")
    REGISTRY[rule.code] = rule
    return rule


def get(code: str) -> Rule:
    return all_rules()[code.upper()]


def all_rules() -> dict[str, Rule]:
    """Every rule by code (rules/__init__ imported every rule module before this module ran)."""
    return dict(sorted(REGISTRY.items()))
