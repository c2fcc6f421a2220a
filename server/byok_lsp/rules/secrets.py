"""Rules on secrets and repository hygiene (BYOK3xx)."""

from __future__ import annotations

import re

from .. import keys
from ..context import FileContext
from ..edits import newline_of
from ..findings import Fix, FixSafety, Severity, Span, TextEdit
from ..parsing.dotenv import parse_dotenv
from ..workspace import is_env_template
from . import fixes
from .registry import Rule, register

_ENV_NAME = {"openrouter": "OPENROUTER_API_KEY", "openai": "OPENAI_API_KEY", "openai-admin": "OPENAI_ADMIN_KEY"}


def _env_expression(language: str, name: str) -> str | None:
    if language == "python":
        return f'os.environ["{name}"]'
    if language in ("javascript", "typescript", "tsx"):
        return f"process.env.{name}"
    return None


def _move_to_env_fix(ctx: FileContext, secret) -> Fix | None:
    language = ctx.facts.language
    name = _ENV_NAME[secret.kind]
    expr = _env_expression(language, name)
    lines = ctx.lines
    if expr is None or secret.span.line != secret.span.end_line or secret.span.line >= len(lines):
        return None
    line = lines[secret.span.line]
    start, end = secret.span.col - 1, secret.span.end_col
    # Only a string literal that is exactly the key can be replaced by an expression.
    if start < 0 or end >= len(line) or line[start] not in "'\"`" or line[end] != line[start]:
        return None
    edits = [TextEdit(ctx.path, Span(secret.span.line, start, secret.span.line, end + 1), expr)]
    if "imports_os" not in ctx.memo:
        ctx.memo["imports_os"] = bool(re.search(r"^import os\b|^from os import|^import .*\bos\b", ctx.text, re.M))
    if language == "python" and not ctx.memo["imports_os"]:
        at, nl = _import_line(lines), newline_of(ctx.text)
        if at < len(lines) or ctx.text.endswith(("\n", "\r")):
            edits.append(TextEdit(ctx.path, Span.point(at, 0), "import os" + nl))
        else:  # after a last line with no line end: (len(lines), 0) is past the end of the file
            edits.append(TextEdit(ctx.path, Span.point(len(lines) - 1, len(lines[-1])), nl + "import os"))
    env_path = ctx.ws.root / ".env"
    env_text = ctx.ws.text_of(env_path) if env_path.exists() else None
    from .. import edits as edit_helpers

    title = f"Move the key to .env as {name} and read it from the environment"
    # A variable .env already has (a placeholder, an empty value) is updated, not added again: a
    # second line would be a duplicate (BYOK205) and the first one a stale finding of its own.
    existing = [e for e in parse_dotenv(env_text).entries if e.key == name] if env_text is not None else []
    if existing:
        last = existing[-1]  # the binding python-dotenv loads
        if (last.value or "").strip().strip("'\"") != secret.value:
            edits.append(TextEdit(env_path, last.value_span, secret.value))
            if last.value and not keys.is_placeholder(last.value):
                title = f"Move the key to .env, replacing the value of {name}, and read it from the environment"
    else:
        edits.append(edit_helpers.append_line(env_path, env_text, f"{name}={secret.value}"))
    return Fix(title, FixSafety.UNSAFE, tuple(edits), sensitive=True)


def _import_line(lines: list[str]) -> int:
    """Where a new top-level import goes: before the first import that is not ``__future__``,
    else after a shebang, encoding line and ``from __future__`` imports."""
    after = 0
    for i, line in enumerate(lines):
        if line.startswith("from __future__"):
            after = i + 1
        elif line.startswith(("import ", "from ")):
            return max(i, after)
        elif i == after and (line.startswith("#!") or re.match(r"^#.*coding[:=]", line)):
            after = i + 1
    return after


def check_hardcoded(ctx: FileContext):
    for secret in ctx.facts.secrets:
        masked = keys.mask(secret.value)
        what = {"openrouter": "An OpenRouter key", "openai": "An OpenAI key", "openai-admin": "An OpenAI admin key"}[secret.kind]
        extra = ""
        if secret.kind == "openrouter":
            problem = keys.openrouter_format_problem(secret.value)
            if problem:
                extra = ", and malformed"
        # (why it matters — anyone who can read the file can spend on it — is in hover and explain)
        msg = f"Revoke this key and move it to .env: {what[0].lower() + what[1:]} ({masked}) is hard-coded{extra}."
        fx = []
        move = _move_to_env_fix(ctx, secret)
        if move:
            fx.append(move)
        page = "openrouter-keys" if secret.kind == "openrouter" else "openai-keys"
        fx.append(fixes.open_page("Open the keys page to revoke it", ctx.catalog.links[page]))
        yield ctx.finding(HARDCODED, secret.span, msg, fixes=tuple(fx), data={"kind": secret.kind})


def check_gitignore(ctx: FileContext):
    if is_env_template(ctx.path) or ctx.dotenv is None:
        return
    real = [e for e in ctx.dotenv.entries if e.value and keys.looks_real(e.value.strip())]
    if not real or ctx.ws.gitignore_covers(ctx.path):
        return
    in_repo = ctx.ws.is_git_repo()
    names = ", ".join(sorted({e.key for e in real}))
    commit = "git add . would commit" if in_repo else "once this is a git repository, git add . would commit"
    msg = f"Add {ctx.path.name} to .gitignore: {commit} its real-looking keys ({names})."
    if len(msg) > 140:
        msg = f"Add {ctx.path.name} to .gitignore: {commit} its {len(real)} real-looking keys."
    gi = ctx.ws.root / ".gitignore"
    gi_text = ctx.ws.text_of(gi) if gi.exists() else None
    try:
        rel = ctx.path.relative_to(ctx.ws.root).as_posix()
    except ValueError:
        rel = ctx.path.name
    pattern = ".env" if rel == ".env" else f"/{rel}" if "/" in rel else rel
    from .. import edits as edit_helpers

    fix = Fix(f"Add {pattern} to .gitignore", FixSafety.SAFE, (edit_helpers.append_line(gi, gi_text, pattern),))
    first = real[0]
    yield ctx.finding(NOT_GITIGNORED, first.key_span, msg, severity=Severity.WARNING if in_repo else Severity.INFORMATION,
                      fixes=(fix,), data={"variables": names})


HARDCODED = register(Rule(
    "BYOK301", "hardcoded-api-key", "An OpenRouter or OpenAI key written into source code or a config",
    Severity.ERROR, FixSafety.UNSAFE, "Move the key to .env and read it from the environment", docs="""
## What it does
Finds OpenRouter (`sk-or-v1-` + 64 hex) and OpenAI (`sk-…T3BlbkFJ…`, `sk-proj-`, `sk-svcacct-`,
`sk-admin-`) keys in source files and configs (not in .env files, where keys belong). Only a masked
form is ever shown.

## Why is this bad?
A committed key is found by scanners within minutes and spent by others; OpenRouter and OpenAI
revoke leaked keys, which then fail with 401.

## Example
```python
client = OpenAI(base_url="https://openrouter.ai/api/v1", api_key="sk-or-v1-3f2…")
```
Use instead:
```python
client = OpenAI(base_url="https://openrouter.ai/api/v1", api_key=os.environ["OPENROUTER_API_KEY"])
```

## Fix safety
Unsafe: it rewrites code, adds `import os` if needed, and writes the key into `.env`. The key stays
exposed in history: revoke it too.

## References
- https://openrouter.ai/settings/keys
- https://platform.openai.com/api-keys
- gitleaks rule openai-api-key; trufflehog detector openrouter
""", check=check_hardcoded, role_aware=False))

NOT_GITIGNORED = register(Rule(
    "BYOK302", "env-file-not-gitignored", "A .env with real-looking keys that .gitignore does not cover",
    Severity.WARNING, FixSafety.SAFE, "Add the file to .gitignore", applies_to=("dotenv",), docs="""
## What it does
Finds .env files (not templates such as `.env.example`) that hold values shaped like OpenRouter or
OpenAI keys and that no `.gitignore` from the project root down (nor `.git/info/exclude`) ignores.

## Why is this bad?
`git add .` commits the file and the keys leak with the next push.

## Example
A `.env` with `OPENROUTER_API_KEY=sk-or-v1-…` and a `.gitignore` without `.env`.
Use instead: add `.env` to `.gitignore`; commit a `.env.example` with empty values.

## Fix safety
Safe: appends one line to `.gitignore` (creating it when missing).

## References
- https://git-scm.com/docs/gitignore
- https://github.com/dotenv-linter/dotenv-linter
""", check=check_gitignore))
