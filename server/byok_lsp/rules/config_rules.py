"""Configuration problems (BYOK0xx)."""

from __future__ import annotations

from ..findings import FixSafety, Severity
from .registry import Rule, register

NOT_ANALYSED = register(Rule(
    "BYOK002", "file-not-analysed", "A file or line over byok-lsp's size limits was not analysed",
    Severity.INFORMATION, FixSafety.DISPLAY_ONLY, "Nothing to fix", applies_to=("limits",), check=None, role_aware=False,
    emitted_by="engine.analyze (the file, line and literal budgets)", docs="""
## What it does
Says where byok-lsp stopped: a file larger than 2 MiB is not analysed at all, a line longer
than 200,000 characters (minified bundles, data blobs) is skipped while the rest of the file is
analysed, and in a file with more than 20,000 string literals (generated data) analysis stops at
the first literal over that budget (a hint in a JSON, YAML or TOML data file; nothing but a note
in generated files, lockfiles and fixtures). A file reports at most 1,000 findings; one more diagnostic
says how many were left out. (A file whose syntax error spans more than 5,000 tokens, such as
thousands of unclosed brackets, is scanned lexically instead of parsed; that only adds a note.)

## Why is this bad?
It is not bad: it is there so that silence is never mistaken for a clean bill. Analysis time and
memory stay bounded on generated files.

## Example
A 3 MB `bundle.js` gets one information diagnostic on its first line; a generated `data.py` with
400,000 string literals gets one at literal 20,001.

## Fix safety
Nothing to fix.

## References
- README.md, section Using it
"""))

INVALID_CONFIG = register(Rule(
    "BYOK001", "invalid-config", "The [tool.byok-lsp] configuration is invalid",
    Severity.ERROR, FixSafety.DISPLAY_ONLY, "Fix the configuration", applies_to=("config",), check=None, role_aware=False,
    emitted_by="engine.analyze (the config file's parse errors, config.py)", docs="""
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
