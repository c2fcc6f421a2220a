"""Configuration problems (BYOK0xx)."""

from __future__ import annotations

from ..findings import FixSafety, Severity
from .registry import Rule, register

INVALID_CONFIG = register(Rule(
    "BYOK001", "invalid-config", "The [tool.byok-lsp] configuration is invalid",
    Severity.ERROR, FixSafety.DISPLAY_ONLY, "Fix the configuration", applies_to=("config",), check=None, docs="""
## What it does
Reports a `[tool.byok-lsp]` table (pyproject.toml) or `.byok-lsp.toml` that is not valid TOML or has
an unknown key or a value of the wrong type, with the file, the line and the key.

## Why is this bad?
An invalid configuration is not half-applied: byok-lsp falls back to defaults for that project until
it is fixed (and `byok-lsp check` exits with status 2).

## Example
```toml
[tool.byok-lsp]
openai-tier = "four"
```
Use instead: `openai-tier = 4`.

## Fix safety
Display only.

## References
- README.md, section Configuration
"""))
