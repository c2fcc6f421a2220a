"""Model ids defined in one module and sent from another (issue 12, "data flow across files").

``settings.py`` holds ``DEFAULT_MODEL = "openai/o3"``; ``client.py`` does ``from settings import
DEFAULT_MODEL`` and passes it to an OpenRouter client. The flow pass of ``settings.py`` finds no
call for the id and records its module-level binding (``ModelRef.binding``); this module finds the
project's files that import that name from that module and runs their flow pass from the
imported name (``parsing.flow.evidence_in``), so the id gets the evidence of the calls it reaches
there. Python and JavaScript/TypeScript (ES imports and ``require``).

Bounded: at most MAX_FILES files of the language family are looked at, only those whose text holds
the name and an import of the module are parsed, and answers are cached per workspace generation
(a changed file makes the next question look again).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from .parsing.facts import Evidence
from .textio import call_text

MAX_FILES = 3000
_FAMILIES = {
    "python": (".py",),
    "javascript": (".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".cts", ".tsx"),
}
_LANGUAGE_OF = {".py": "python", ".js": "javascript", ".mjs": "javascript", ".cjs": "javascript", ".jsx": "javascript",
                ".ts": "typescript", ".mts": "typescript", ".cts": "typescript", ".tsx": "tsx"}


def _family(language: str) -> str | None:
    return "python" if language == "python" else "javascript" if language in ("javascript", "typescript", "tsx") else None


def _module_name(path: Path) -> str:
    """What importers call the module: its stem, or its folder for __init__.py / index.ts."""
    stem = path.stem
    return path.parent.name if stem in ("__init__", "index") else stem


def _imports(text: str, family: str, module: str, name: str) -> bool:
    m, n = re.escape(module), re.escape(name)
    if family == "python":
        return bool(re.search(rf"^\s*from\s+[\w.]*\b{m}\s+import\s+[^\n#]*\b{n}\b", text, re.M)
                    or re.search(rf"^\s*from\s+[\w.]*\s+import\s+[^\n#]*\b{m}\b", text, re.M) and re.search(rf"\b{m}\.{n}\b", text)
                    or re.search(rf"^\s*import\s+[\w.]*\b{m}\b", text, re.M) and re.search(rf"\b{m}\.{n}\b", text))
    return bool(re.search(rf"import\s*(?:type\s*)?\{{[^}}]*\b{n}\b[^}}]*\}}\s*from\s*[\"'][^\"']*\b{m}(?:\.\w+)?[\"']", text)
                or re.search(rf"import\s+\*\s+as\s+\w+\s+from\s*[\"'][^\"']*\b{m}(?:\.\w+)?[\"']", text)
                or re.search(rf"require\(\s*[\"'][^\"']*\b{m}(?:\.\w+)?[\"']\s*\)", text))


def _per_generation(ws, key: tuple, build):
    """``build()``'s answer, cached in the workspace under ``key`` for its current generation:
    every answer here depends on many files, and any invalidation bumps the generation."""
    generation = getattr(ws, "generation", 0)
    hit = ws._cache.get(key)
    if hit is not None and hit.stamp == generation:
        return hit.value
    from .workspace import _Cached

    value = build()
    ws._cache[key] = _Cached(generation, value)
    return value


def _files_under(root: Path, suffixes: str | tuple[str, ...]) -> list[Path]:
    """The first MAX_FILES files under ``root`` whose names end with ``suffixes``, in walk order,
    skipping SKIP_DIRS and hidden folders."""
    from .walk import SKIP_DIRS

    out: list[Path] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d not in SKIP_DIRS and not d.startswith(".")]
        for name in files:
            if name.endswith(suffixes):
                out.append(Path(folder) / name)
                if len(out) >= MAX_FILES:
                    return out
    return out


def _project_files(ws, family: str) -> list[Path]:
    """Code files of ``family`` under the workspace root (cached per generation)."""
    return _per_generation(ws, ("crossfile-listing", ws.root / family),
                           lambda: _files_under(ws.root, _FAMILIES[family]))


def importer_evidence(ws, path: Path, language: str, binding: tuple[str, tuple[str, ...]], ref_text: str) -> list[tuple[Path, Evidence]]:
    """(importing file, evidence) for the calls the module-level ``binding`` of ``path`` reaches
    in the project's other files."""
    family = _family(language)
    if family is None:
        return []
    name, keys = binding
    return _per_generation(ws, ("crossfile", path, name, keys, ref_text),
                           lambda: _importer_evidence(ws, path, family, name, keys, ref_text))


def _importer_evidence(ws, path: Path, family: str, name: str, keys: tuple[str, ...], ref_text: str):
    from .parsing.flow import evidence_in

    module = _module_name(path)
    out: list[tuple[Path, Evidence]] = []
    for other in _project_files(ws, family):
        if other == path:
            continue
        text = ws.text_of(other)
        if not text or name not in text or module not in text or not _imports(text, family, module, name):
            continue
        try:
            found = evidence_in(text, _LANGUAGE_OF[other.suffix], name, keys, ref_text)
        except Exception:  # noqa: BLE001 - another file's parse must not take this one's findings down
            continue
        out.extend((other, ev) for ev in found)
    return out


_OPENAI_CLIENT = re.compile(r"\b(?:new\s+)?(OpenAI|AsyncOpenAI|ChatOpenAI|createOpenAI|OpenAIChatModel|OpenAIProvider)\s*\(")
_KEY_ARG = re.compile(r"\b(api_?[kK]ey|apiKey|openai_api_key)\s*[:=]")


def clients_reading_openai_key_on_openrouter(ws) -> list[Path]:
    """Project files that build an OpenAI-compatible client on OpenRouter's base URL without a
    key argument: the SDK then sends OPENAI_API_KEY to OpenRouter (BYOK204). Cached per generation."""
    return _per_generation(ws, ("crossfile-openai-key", ws.root), lambda: _clients_reading_openai_key(ws))


def _clients_reading_openai_key(ws) -> list[Path]:
    out: list[Path] = []
    for family in _FAMILIES:
        for path in _project_files(ws, family):
            text = ws.text_of(path)
            if not text or "openrouter.ai" not in text:
                continue
            for m in _OPENAI_CLIENT.finditer(text):
                call = call_text(text, m.start(), 800)
                if "openrouter.ai" in call and not _KEY_ARG.search(call):
                    out.append(path)
                    break
    return out


# ----- languages without a grammar (Go, Java, Kotlin, C#, Ruby, PHP, Elixir, Swift, Dart, Rust) ----------
_OWNER_OF_LITERAL = re.compile(r"([A-Za-z_]\w*)\s*(?::=|=|\(|:)\s*[\"'`]?$")
_CONTAINER = re.compile(r"^\s*(?:package|(?:public\s+|internal\s+|export\s+)?(?:enum|class|object|struct|module|defmodule|mod)|"
                        r"(?:sealed\s+|data\s+)?(?:class|interface))\s+([A-Z]?[A-Za-z_][\w.]*)", re.M)


def text_usage_evidence(ws, path: Path, text: str, line: int, col: int):
    """(file, Signal) of OpenRouter evidence where another file uses the constant holding the id
    at (line, col): `ReviewModel.DEEP` in OpenRouterReviewer.java for `DEEP("openai/o3")`,
    `models.Deep` in cmd/digest/main.go, then the package it calls (`llm.Complete(...)` → llm/)."""
    lines = text.splitlines()
    if line >= len(lines):
        return []
    owner = _OWNER_OF_LITERAL.search(lines[line][:col])
    if owner is None:
        return []
    name = owner.group(1)
    before = "\n".join(lines[:line])
    containers = [m.group(1).rsplit(".", 1)[-1] for m in _CONTAINER.finditer(before)]
    if not containers:
        return []
    qualifier = containers[-1]
    return _per_generation(ws, ("crossfile-text", path, qualifier, name),
                           lambda: _text_usage_evidence(ws, path, qualifier, name))


def _text_usage_evidence(ws, path: Path, qualifier: str, name: str):
    use = re.compile(rf"\b{re.escape(qualifier)}(?:\.|::){re.escape(name)}\b")
    out = []
    files = _text_files(ws, path.suffix)
    for other in files:
        if other == path:
            continue
        other_text = ws.text_of(other)
        if not other_text or name not in other_text:
            continue
        found = [m for m in use.finditer(other_text)]
        if not found:
            continue
        out.extend((other, s) for s in _openrouter_signals(other, other_text))
        if out:
            break
        # one hop more: the package the use line calls (`llm.Complete(models.Deep, ...)`)
        for m in found[:3]:
            start = other_text.rfind("\n", 0, m.start()) + 1
            end = other_text.find("\n", m.end())
            for q in set(re.findall(r"\b([a-z]\w*)\.[A-Z]\w*\s*\(", other_text[start:end if end >= 0 else None])):
                for candidate in files:
                    if candidate.parent.name == q and candidate != other:
                        out.extend((candidate, s) for s in _openrouter_signals(candidate, ws.text_of(candidate) or ""))
        if out:
            break
    return out[:3]


def _openrouter_signals(path: Path, text: str) -> list:
    if "openrouter" not in text.lower():
        return []
    from .parsing.code import extract

    try:
        return [s for s in extract(path, text).signals if s.kind == "openrouter"]
    except Exception:  # noqa: BLE001 - another file must not take this one down
        return []


def _text_files(ws, suffix: str) -> list[Path]:
    return _per_generation(ws, ("crossfile-listing", ws.root / ("text" + suffix)),
                           lambda: _files_under(ws.root, suffix))


def env_reader_evidence(ws, variable: str):
    """(file, Signal) of OpenRouter evidence in the project's code that reads ``variable``
    (`os.environ["MODEL"]`, `process.env.MODEL`, a Worker's `env.MODEL`): where a value set in a
    .env, wrangler.toml [vars] or a workflow's env: is sent. Cached per generation."""
    return _per_generation(ws, ("crossfile-env", ws.root / variable), lambda: _env_reader_evidence(ws, variable))


def _env_reader_evidence(ws, variable: str):
    reads = re.compile(rf"\b{re.escape(variable)}\b")
    out = []
    for family in _FAMILIES:
        for path in _project_files(ws, family):
            text = ws.text_of(path)
            if not text or variable not in text or not reads.search(text):
                continue
            from .parsing.code import extract

            try:
                facts = extract(path, text)
            except Exception:  # noqa: BLE001
                continue
            if not any(r.name == variable for r in facts.env_reads) and not re.search(
                    rf"\benv\.{re.escape(variable)}\b|\benv\[[\"']{re.escape(variable)}[\"']\]", text):
                continue
            found = [s for s in facts.signals if s.kind == "openrouter"]
            out.extend((path, s) for s in found[:2])
            if out:
                break
        if out:
            break
    return out
