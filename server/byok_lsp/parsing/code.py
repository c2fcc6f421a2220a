"""Source text → ``CodeFacts``: pick the language, skip files that cannot matter, extract.

``extract`` never raises: when a grammar-based extractor fails, the lexical scanner of
``lang_text`` runs instead and ``CodeFacts.note`` says so.
"""

from __future__ import annotations

import logging
import re
from pathlib import PurePath

from ..filenames import is_env_name
from . import lang_text
from .facts import CodeFacts
from .treesitter import Collector, Source, TreeTooBroken

log = logging.getLogger(__name__)

LANGUAGES = frozenset({
    "python", "javascript", "typescript", "tsx", "yaml", "toml", "json", "shell", "dockerfile",
    "makefile", "notebook", "text", "hcl", "fish", "batch", "powershell", "markdown", "properties",
    "plain", "keys",
})
_BY_SUFFIX = {
    ".py": "python", ".pyi": "python", ".pyw": "python",
    ".js": "javascript", ".mjs": "javascript", ".cjs": "javascript", ".jsx": "javascript",
    ".ts": "typescript", ".mts": "typescript", ".cts": "typescript", ".tsx": "tsx",
    ".yaml": "yaml", ".yml": "yaml", ".toml": "toml",
    ".json": "json", ".jsonc": "json", ".json5": "json", ".code-workspace": "json",
    ".sh": "shell", ".bash": "shell", ".zsh": "shell", ".ksh": "shell",
    ".dockerfile": "dockerfile", ".containerfile": "dockerfile", ".mk": "makefile", ".ipynb": "notebook",
    ".tf": "hcl", ".tfvars": "hcl", ".hcl": "hcl", ".fish": "fish", ".bat": "batch", ".cmd": "batch",
    ".ps1": "powershell", ".psm1": "powershell", ".psd1": "powershell",
    ".md": "markdown", ".markdown": "markdown", ".mdx": "markdown",
    # key=value / key: value files with sections (Spring, setup.cfg, tox.ini, my.cnf)
    ".properties": "properties", ".ini": "properties", ".cfg": "properties", ".cnf": "properties",
}
# lexical family (comment syntax) of the languages without a grammar
TEXT_FAMILIES = {
    **dict.fromkeys((".go", ".java", ".kt", ".kts", ".cs", ".swift", ".scala", ".sc", ".dart", ".c",
                     ".h", ".cc", ".cpp", ".hpp", ".m", ".mm", ".groovy", ".gradle", ".vue",
                     ".svelte", ".astro", ".zig", ".sol", ".fs", ".fsx", ".v"), "c"),
    ".rs": "rust",
    **dict.fromkeys((".rb", ".ex", ".exs", ".pl", ".pm", ".r", ".jl", ".cr", ".nim", ".tcl",
                     ".rake", ".gemspec"), "hash"),
    **dict.fromkeys((".lua", ".sql", ".hs", ".elm"), "dash"),
    ".php": "php",
}
_BY_NAME = {
    "dockerfile": "dockerfile", "containerfile": "dockerfile",
    "makefile": "makefile", "gnumakefile": "makefile",
    ".bashrc": "shell", ".zshrc": "shell", ".profile": "shell",
    "rakefile": "text", "gemfile": "text",
}
_SHEBANG = re.compile(rb"^#![^\n]*?\b(python[\d.]*|node|deno|bun|bash|sh|zsh|ksh|dash|ruby|perl|elixir|php|Rscript)\b")
_SHEBANG_LANG = {"node": "javascript", "deno": "typescript", "bun": "typescript", "ruby": "text", "perl": "text",
                 "elixir": "text", "php": "text", "Rscript": "text"}
_SHEBANG_FAMILY = {"ruby": "hash", "perl": "hash", "elixir": "hash", "Rscript": "hash", "php": "php"}


def text_family(suffix: str, head: bytes) -> str:
    """The comment syntax of a file without a grammar: by suffix, else by its shebang (bin/tool),
    else by the comment markers its lines start with (``head``: the file's first bytes)."""
    if suffix in TEXT_FAMILIES:
        return TEXT_FAMILIES[suffix]
    m = _SHEBANG.match(head[:200])
    if m:
        return _SHEBANG_FAMILY.get(m.group(1).decode(), "c")
    return sniff_family(head)


# Templates, backups and logs: copies of some other file or recorded output, not what runs.
# Only keys are looked for there (a real key in config.yaml.example leaks like any other).
KEYS_ONLY_SUFFIXES = frozenset((".example", ".sample", ".template", ".tmpl", ".tpl", ".dist", ".orig", ".bak",
                                ".rej", ".log", ".old"))
# Files that are not text: never read as "plain" (any other file is, when it has no NUL byte).
# Lock files and checksums are text, but generated: they list package names, never keys or models.
BINARY_SUFFIXES = frozenset((
    ".png", ".jpg", ".jpeg", ".gif", ".bmp", ".ico", ".icns", ".webp", ".tif", ".tiff", ".psd", ".heic", ".avif",
    ".woff", ".woff2", ".ttf", ".otf", ".eot", ".zip", ".gz", ".tgz", ".bz2", ".xz", ".7z", ".rar", ".tar", ".zst",
    ".lz4", ".jar", ".war", ".ear", ".whl", ".egg", ".apk", ".aab", ".ipa", ".dmg", ".iso", ".deb", ".rpm", ".msi",
    ".cab", ".exe", ".dll", ".so", ".dylib", ".a", ".o", ".obj", ".lib", ".bin", ".dat", ".class", ".pyc", ".pyo",
    ".pyd", ".wasm", ".node", ".mp3", ".mp4", ".m4a", ".wav", ".ogg", ".flac", ".mov", ".avi", ".mkv", ".webm",
    ".aac", ".opus", ".mid", ".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".odt", ".ods", ".odp",
    ".epub", ".sqlite", ".sqlite3", ".db", ".parquet", ".arrow", ".feather", ".avro", ".orc", ".pkl", ".pickle",
    ".npy", ".npz", ".h5", ".hdf5", ".pt", ".pth", ".onnx", ".safetensors", ".ckpt", ".tflite", ".pb", ".mdb",
    ".jks", ".keystore", ".p12", ".pfx", ".der", ".ds_store", ".lock", ".sum", ".swp", ".swo",
))


def language_for(path: PurePath | str, head: bytes | None = None) -> str | None:
    """The language of ``path`` by name; ``head`` (the first bytes) lets a shebang decide."""
    name = PurePath(path).name
    lower = name.lower()
    if is_env_name(lower) or lower.endswith(".env"):
        return None  # the dotenv grammar's (workspace.is_env_file); a stray .x.env is no code either
    if lower in _BY_NAME:
        return _BY_NAME[lower]
    if lower.startswith(("dockerfile.", "dockerfile-", "containerfile.")):
        return "dockerfile"
    if lower.startswith("makefile."):
        return "makefile"
    suffix = PurePath(lower).suffix
    if suffix in _BY_SUFFIX:
        return _BY_SUFFIX[suffix]
    if suffix in TEXT_FAMILIES:
        return "text"
    if head:
        m = _SHEBANG.match(head)
        if m:
            word = m.group(1).decode()
            return "python" if word.startswith("python") else _SHEBANG_LANG.get(word, "shell")
    if suffix in BINARY_SUFFIXES or lower == ".ds_store":
        return None
    if suffix in KEYS_ONLY_SUFFIXES:
        return "keys"
    # Any other file is read as text when it is text (no NUL byte: textio.decode): keys leak
    # from READMEs, notes and configs of every kind; lang_plain reads a shebang first.
    return "plain"


# Parsing is linear, but querying a tree full of error nodes is not (10 MB of junk: minutes).
MAX_PARSE_BYTES = 2_000_000
_CONTROL = bytes([*range(0x00, 0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20)])  # not \t\n\v\f\r, ESC


class _Skip(Exception):
    """The file is not worth a parse (too big, binary); the lexical scanner reads it."""


BINARY_SAMPLE = 65536


def looks_binary(data: bytes) -> bool:
    """More than 1 % control characters or undecodable bytes in the first 64 KB: not source code.
    (Undecodable: U+FFFD from errors="replace", or lone surrogates \udc80-\udcff from
    "surrogateescape", which Source encodes as ED B2 xx / ED B3 xx.)"""
    sample = data[:BINARY_SAMPLE]
    bad = len(sample) - len(sample.translate(None, _CONTROL))
    bad += sample.count(b"\xef\xbf\xbd") + sample.count(b"\xed\xb2") + sample.count(b"\xed\xb3")
    return bad > len(sample) // 100 + 1


def not_parseable(data: bytes) -> str | None:
    """Why a grammar should not parse ``data`` (too big to query in bounded time, binary), or None."""
    if len(data) > MAX_PARSE_BYTES:
        return f"{len(data) / 1e6:.1f} MB file"
    if looks_binary(data):
        return "binary content"
    return None


def prefilter(data: bytes) -> bool:
    """Cheap: could this file hold anything we report? False means extract() finds nothing."""
    return lang_text.mentions(data)



def _run(language: str, src: Source, suffix: str, filename: str = "") -> CodeFacts:
    c = Collector(src, language)  # extractors (and their grammars) are imported on first use
    c.filename = filename  # tool conventions by file name (.aider.conf.yml, CrewAI agents.yaml)
    if language == "python":
        from . import lang_python
        lang_python.extract(c)
    elif language in ("javascript", "typescript", "tsx"):
        from . import lang_js
        lang_js.extract(c, language)
    elif language in ("yaml", "toml", "json"):
        from . import lang_config
        lang_config.extract(c, language)
    elif language in ("shell", "dockerfile", "makefile"):
        from . import lang_shell
        lang_shell.extract(c, language)
    elif language == "notebook":
        from . import lang_notebook
        lang_notebook.extract(c)
    elif language == "hcl":
        from . import lang_hcl
        lang_hcl.extract(c)
    elif language in ("batch", "powershell"):
        from . import lang_winshell
        lang_winshell.extract(c, language)
    elif language == "fish":
        from . import lang_fish
        lang_fish.extract(c)
    elif language == "markdown":
        from . import lang_markdown
        lang_markdown.extract(c)
    elif language == "keys":
        lang_text.scan_secrets(c)
    elif language in ("properties", "plain"):
        from . import lang_plain
        shebang = lang_plain.shebang_language(src.data) if language == "plain" else None
        if shebang is not None:  # bin/tool without a suffix: the language its first line names
            return _run(shebang, src, suffix, filename)
        lang_plain.extract(c, language)
    else:
        lang_text.extract(c, text_family(suffix, src.data[:BINARY_SAMPLE]))
    return c.finish()


# The comment syntax of a file whose suffix is unknown here (the editor calls ``extract`` with the
# language name alone; a file without a suffix or shebang): a Ruby or Elixir file read with C's
# comments would take `# model: "openai/o3"` for code. Line-leading markers in the first 64 KB decide.
_HASH_LINE = re.compile(rb"(?m)^[ \t]*#(?:[ \t!#]|$)")  # not #include, #[derive], #region
_SLASH_LINE = re.compile(rb"(?m)^[ \t]*(?://|/\*)")
_DASH_LINE = re.compile(rb"(?m)^[ \t]*--[ \t]")


def sniff_family(data: bytes) -> str:
    head = data[:BINARY_SAMPLE]
    counts = {family: len(regex.findall(head)) for family, regex in
              (("c", _SLASH_LINE), ("hash", _HASH_LINE), ("dash", _DASH_LINE))}
    if head.startswith(b"<?php"):
        return "php"
    best = max(counts, key=lambda family: counts[family])
    return best if counts[best] > counts["c"] else "c"


_GRAMMAR_LANGUAGES = frozenset({"python", "javascript", "typescript", "tsx", "yaml", "toml", "json", "shell",
                                "notebook", "hcl", "batch", "powershell", "markdown", "properties", "plain", "fish",
                                "keys"})
_FALLBACK_FAMILY = {"python": "hash", "yaml": "hash", "toml": "hash", "shell": "hash",
                    "dockerfile": "hash", "makefile": "hash", "hcl": "hash", "fish": "hash", "powershell": "hash"}
# languages whose fallback is the plain-text scan (no quoting or comment syntax to rely on)
_PLAIN_FALLBACK = frozenset({"batch", "markdown", "properties", "plain"})


def extract(path_or_language: PurePath | str, text: str, *, skip_prefilter: bool = False, filename: str = "") -> CodeFacts:
    """The facts in ``text``. ``path_or_language`` is a path or a name from ``LANGUAGES``;
    ``filename`` names the file when a language is given (tool conventions by file name).

    Files that fail the prefilter come back empty without a parse (``skip_prefilter`` parses
    anyway: the tests use it to prove the prefilter never hides a fact).
    """
    suffix = PurePath(filename).suffix.lower() if filename else ""
    if isinstance(path_or_language, str) and path_or_language in LANGUAGES:
        language: str | None = path_or_language
    else:
        path = PurePath(path_or_language)
        suffix, filename = path.suffix.lower(), path.as_posix()
        language = language_for(path, text[:200].encode("utf-8", "replace"))
    if language is None:
        return CodeFacts("text", note="no extractor for this file type")
    src = Source(text)
    if not skip_prefilter and not lang_text.mentions(src.data):
        return CodeFacts(language)
    try:
        reason = not_parseable(src.data) if language in _GRAMMAR_LANGUAGES else None
        if reason:
            raise _Skip(reason)
        return _run(language, src, suffix, filename)
    except (_Skip, TreeTooBroken) as skip:
        note = f"{skip}: lexical scan only"
    except Exception as exc:  # noqa: BLE001 - a parser bug must not take the server down
        log.warning("extractor for %s failed (%s: %s); lexical scan instead", language, type(exc).__name__, exc)
        note = f"{language} extractor failed ({type(exc).__name__}); lexical scan only"
    try:
        c = Collector(src, language)
        if language == "keys":
            lang_text.scan_secrets(c)
        elif language in _PLAIN_FALLBACK:
            from . import lang_plain
            lang_plain.extract(c, "plain")
        else:
            family = text_family(suffix, src.data[:BINARY_SAMPLE]) if language == "text" else _FALLBACK_FAMILY.get(language, "c")
            lang_text.extract(c, family)
        c.facts.note = note
        return c.finish()
    except Exception as exc:  # noqa: BLE001
        log.warning("lexical scan failed too (%s)", exc)
        return CodeFacts(language, note=f"{note}; lexical scan failed ({type(exc).__name__})")
