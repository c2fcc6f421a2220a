"""Lexical scanning: what every extractor looks for inside a literal, and the fallback extractor.

The tree-based extractors decide *where* a literal is (its owner, whether it is a comment or a
docstring); the functions here decide *what* a literal's bytes say: a whole model id, a URL, an
embedded ``${VAR:-openai/o3}`` / ``--model openai/o3`` / ``"model": "openai/o3"``, an upstream
error, a key. ``extract`` is the whole extractor for languages without a grammar (Go, Java,
Rust, Ruby...) and the fallback when a grammar fails: strings and comments by one regex.
"""

from __future__ import annotations

import bisect
import functools
import re

from ..catalog import load
from ..keys import KEY_TOKEN, KEY_TOKEN_CHARS, KEY_TOKEN_KINDS, is_placeholder_token
from .treesitter import Collector, Lazy, is_base_url_name, is_model_name, strip_span


def scan_secrets(c: Collector, skip=None, start: int = 0, end: int | None = None) -> None:
    """Every key-shaped token in [start, end) whose offset ``skip`` does not reject (comments)."""
    data = c.src.data
    for m in KEY_TOKEN.finditer(data, start, len(data) if end is None else end):
        if (m.start() > 0 and data[m.start() - 1] in KEY_TOKEN_CHARS) or (skip is not None and skip(m.start())):
            continue
        value = m.group().decode("ascii")
        if not is_placeholder_token(value):
            c.secret(value, m.start(), m.end(), KEY_TOKEN_KINDS[m.lastindex - 1])


def _split_top(pattern: str) -> list[str]:
    """Split a regex at its top-level ``|``."""
    parts, depth, current, escaped = [], 0, "", False
    for ch in pattern:
        if not escaped and ch == "|" and depth == 0:
            parts.append(current)
            current = ""
            continue
        if not escaped:
            depth += {"(": 1, ")": -1}.get(ch, 0)
        escaped = ch == "\\" and not escaped
        current += ch
    return [*parts, current]


def alternatives(pattern: str) -> list[tuple[str, str]] | None:
    """(a lower-case word every match contains, sub-pattern) per alternative of ``pattern``, or
    None when the pattern is too clever to tell (escapes, classes, optional groups)."""
    if re.search(r"[\[\\]|\)[?*{]|\(\?[^:]", pattern):
        return None
    result = []
    for alt in _split_top(pattern):
        inner = re.fullmatch(r"\((?:\?:)?(.*)\)", alt)
        if inner and "(" not in inner.group(1) and ")" not in inner.group(1):
            sub = alternatives(inner.group(1))
            if sub is None:
                return None
            result += sub
            continue
        outside = re.sub(r"\([^()]*\)", " ", alt)  # words inside a group may be alternatives
        tokens = re.findall(r"[A-Za-z_]{4,}(?![?*{])", outside)
        if not tokens:
            return None
        result.append((max(tokens, key=len).lower(), alt))
    return result


@functools.cache
def _error_scanners() -> tuple[tuple[bytes | None, bool, re.Pattern[bytes]], ...]:
    """(gate word, runs on lower-cased data, bytes regex) per alternative of each catalogued error.

    Python's ``re`` is slow on alternations over a whole file (2 ms per 200 KB even when
    nothing matches); split into single literal-led patterns, each runs only when its word is
    present, case-sensitively on the lower-cased bytes (safe: such patterns have no escapes).
    """
    scanners = []
    for err in load().errors:
        source = err.pattern.pattern
        split = alternatives(source) if source.isascii() else None
        if split is None:
            scanners.append((None, False, re.compile(source.encode("utf-8"), re.IGNORECASE)))
            continue
        for word, sub in split:
            scanners.append((word.encode(), True, re.compile(sub.lower().encode())))
    return tuple(scanners)


def check_error(c: Collector, start: int, end: int, where: str = "string") -> None:
    """Record [start, end) as an ErrorText if it quotes a catalogued upstream error; ``where``
    says what holds it (ErrorText.where)."""
    hits = c.cache.get("error_hits")
    if hits is None:  # one pass per file (or per ``c.window``), then a bisect per literal
        a, b = c.window or (0, len(c.src.data))
        data = c.src.data[a:b]
        lower, found = data.lower(), []
        for word, lowered, pattern in _error_scanners():
            if word is None or word in lower:
                found += (m.start() + a for m in pattern.finditer(lower if lowered else data))
        hits = c.cache["error_hits"] = sorted(found)
    i = bisect.bisect_left(hits, start)
    if i < len(hits) and hits[i] < end and load().match_error(c.src.decode(start, end)) is not None:
        # A docstring or a block comment is many lines: the finding sits on the quoted error's line.
        data = c.src.data
        if data.find(b"\n", start, end) >= 0:
            a = max(start, data.rfind(b"\n", start, hits[i]) + 1)
            b = data.find(b"\n", hits[i], end)
            start, end = a, end if b < 0 else b
        c.error_text(start, end, where)


# Substrings (lower-case) that start a fact. Python's ``re`` is slow on a long case-insensitive
# alternation (50 ms on a 170 KB file with no match, the common case); ``bytes.find`` per needle
# is memchr-fast, and a regex then confirms only around the needles that are present.
# (Admin keys contain t3blbkfj too; "litellm" alone yields no fact, its model ids do.)
_NEEDLES = (b"openrouter", b"openai", b"sk-or-", b"t3blbkfj", b"dotenv", b"env_file", b"loadenvfile",
            b"base_url", b"baseurl", b"api_base", b"apibase", b"basepath")


_NEEDLE_RE = re.compile(b"|".join(re.escape(n) for n in _NEEDLES))


@functools.cache
def _model_ids() -> tuple[tuple[bytes, re.Pattern[bytes]], ...]:
    """(needle, regex) per group of catalogued ids (lower-case, without vendor) sharing a
    prefix: ``o3`` finds o3, o3-pro, o3-mini...; the regex, led by the literal needle (fast in
    ``re``), confirms a whole word-bounded id. From the catalog, so a new model needs no code."""
    catalog = load()
    ids = sorted({s.split("/", 1)[-1].lower() for m in catalog.models for s in (m.slug, *m.forms)}, key=len)
    groups: dict[str, list[str]] = {}
    for i in ids:
        needle = next((n for n in groups if i.startswith(n)), None)
        groups.setdefault(needle or i, []).append(i)
    result = []
    for needle, members in groups.items():
        tails = "|".join(re.escape(m[len(needle):]) for m in sorted(members, key=len, reverse=True) if m != needle)
        body = re.escape(needle) + (f"(?:{tails})?" if tails else "")
        result.append((needle.encode(), re.compile(rf"{body}(?![\w])".encode())))
    return tuple(result)


_WORD = frozenset(b"abcdefghijklmnopqrstuvwxyz0123456789_.")  # (lower-case input)


def _has_model_id(lower: bytes) -> bool:
    for needle, regex in _model_ids():
        if needle in lower:
            for m in regex.finditer(lower):  # the boundary before is checked here: a leading
                if m.start() == 0 or lower[m.start() - 1] not in _WORD:  # lookbehind is 20x slower
                    return True
    return False


def _has_error(chunk: bytes, lower: bytes) -> bool:
    for word, lowered, pattern in _error_scanners():
        if (word is None or word in lower) and pattern.search(lower if lowered else chunk):
            return True
    return False


def mentions(chunk: bytes, errors: bool = True) -> bool:
    """Could ``chunk`` (a file, or one literal) hold anything we report?

    Generous on purpose: a false True costs a parse, a false False loses a finding. Env reads
    of arbitrary names (``process.env.PORT``) alone do not count: without any OpenRouter,
    OpenAI, model, key, base-URL or dotenv mention, nothing in the file concerns us.
    """
    lower = chunk.lower()
    if b"MODEL" in chunk:  # LLM_MODEL, DEFAULT_MODEL
        return True
    if len(chunk) < 512:  # one literal: a single regex beats twelve `in` calls from Python
        if _NEEDLE_RE.search(lower):
            return True
    elif any(n in lower for n in _NEEDLES):
        return True
    return _has_model_id(lower) or (errors and _has_error(chunk, lower))


_URL = re.compile(rb"https?://[^\s\"'<>`\\{}|^]+")
_HOST_MENTION = re.compile(rb"(?i)(?<![\w./-])(openrouter\.ai|api\.openai\.com)(?![\w-])(?:/[^\s\"'<>`\\]*)?")


def url_host(url: bytes) -> str:
    rest = url.split(b"://", 1)[-1]
    host = re.split(rb"[/?#]", rest, maxsplit=1)[0].rsplit(b"@", 1)[-1]
    return host.split(b":", 1)[0].decode("ascii", "replace").lower()


def host_kind(host: str) -> str:
    if host == "openrouter.ai" or host.endswith(".openrouter.ai"):
        return "openrouter"
    if host == "api.openai.com":
        return "openai-direct"
    return "other-gateway"


def _is_api_url(url: bytes) -> bool:
    """openrouter.ai/api/... (an API base or endpoint), not a page such as openrouter.ai/keys."""
    rest = url.split(b"://", 1)[-1]
    path = rest.split(b"/", 1)[1] if b"/" in rest else b""
    return path.lower().startswith(b"api")


def scan_urls(c: Collector, start: int, end: int, key: str | None = None, whole: bool = True) -> None:
    """openrouter.ai / api.openai.com anywhere; another host only as a base-URL key's value."""
    data = c.src.data
    if b"://" not in data[start:end] and b"." not in data[start:end]:
        return
    label = key if is_base_url_name(key) else "url"
    covered = []
    for m in _URL.finditer(data, start, end):
        url_end = m.end()
        while url_end > m.start() and data[url_end - 1] in b".,;:)]":
            url_end -= 1
        url = data[m.start() : url_end]
        kind = host_kind(url_host(url))
        covered.append((m.start(), url_end))
        if kind == "openrouter" and not _is_api_url(url):
            continue  # a link to a page (keys, docs, settings) says nothing about where calls go
        if kind == "other-gateway":
            s, e = strip_span(data, start, end)
            if not (whole and label != "url" and (s, e) == (m.start(), url_end)):
                continue
        c.signal(kind, m.start(), url_end, f'{label} "{url.decode("utf-8", "replace")[:100]}"')
    for m in _HOST_MENTION.finditer(data, start, end):
        if not any(s <= m.start() < e for s, e in covered):
            if m.group(1).lower() == b"openrouter.ai" and not _is_api_url(m.group()):
                continue
            text = m.group().decode("utf-8", "replace")
            c.signal(host_kind(m.group(1).decode().lower()), m.start(), m.end(), f'{label} "{text[:100]}"')


# ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:=default}, ${VAR:?message}; not $${VAR} (escaped)
# (Spring and Docker Compose's `${NAME:default}` too: the `:` alone)
_BRACED = re.compile(rb"(?<![$\\])\$\{([A-Za-z_][A-Za-z0-9_.]*)(?:(:?[-=?+]|:)([^{}]*))?\}")
_SIMPLE = {
    "upper": re.compile(rb"(?<![$\\\w])\$([A-Z_][A-Z0-9_]*)(?![\w{(])"),
    "any": re.compile(rb"(?<![$\\\w])\$([A-Za-z_][A-Za-z0-9_]*)(?![\w{(])"),
}
_LITELLM_ENV = re.compile(rb"\bos\.environ/([A-Za-z_][A-Za-z0-9_]*)")
# --model X, --model=X, --weak-model X, -m X (also quoted), inside a command string
_FLAG = re.compile(rb"(?<![\w-])(--[\w-]*model[\w-]*|-m)(?:=|[ \t]+)([\"']?)([A-Za-z0-9][\w.:/-]*)")
# "model": "X" in a JSON payload, also with escaped quotes inside a Python/JS string
_PAYLOAD = re.compile(rb"\\?[\"']model\\?[\"']\s*:\s*\\?[\"']([A-Za-z0-9][\w.:/-]*)\\?[\"']")
_PAYLOAD_STREAM = re.compile(rb"\\?[\"']stream\\?[\"']\s*:\s*(true|false|True|False)")
_QUOTES = b"\"'"


def scan_embedded(c: Collector, start: int, end: int, env: str | None = None) -> None:
    """Model ids and env reads in the shapes a command or payload string embeds them.

    ``env``: None (no env reads: a Python/JS string is not expanded by a shell), "upper"
    ($VAR only for upper-case names: configs), "any".
    """
    data = c.src.data
    chunk = data[start:end]
    if b"$" in chunk:
        for m in _BRACED.finditer(data, start, end):
            name, op = m.group(1).decode(), m.group(2) or b""
            default = None
            if op in (b"-", b":-", b"=", b":=", b":"):
                d0, d1 = strip_span(data, *m.span(3))
                if d1 - d0 >= 2 and data[d0] in _QUOTES and data[d1 - 1] == data[d0]:
                    d0, d1 = d0 + 1, d1 - 1
                default = c.src.decode(d0, d1)
                c.model(d0, d1, context=is_model_name(name))
            if env:
                c.env(name, m.start(1), m.end(1), default)
        if env:
            for m in _SIMPLE[env].finditer(data, start, end):
                c.env(m.group(1).decode(), m.start(1), m.end(1))
    if env and b"os.environ/" in chunk:
        for m in _LITELLM_ENV.finditer(data, start, end):
            c.env(m.group(1).decode(), m.start(1), m.end(1))
    if b"-m" in chunk:
        for m in _FLAG.finditer(data, start, end):
            c.model(m.start(3), m.end(3), context=True,
                    provider=lambda m=m: command_provider(data, m.start(), m.group(3).decode("utf-8", "replace")))
    if b"model" in chunk:
        flag = _PAYLOAD_STREAM.search(data, start, end)
        streaming = flag.group(1).lower() == b"true" if flag else None
        for m in _PAYLOAD.finditer(data, start, end):
            c.model(m.start(1), m.end(1), context=True, streaming=streaming)


_PROGRAM = re.compile(rb"(?m)(?:^|[;&|(`]|\$\()\s*(?:[A-Z_]+=\S*\s+)*(?:exec\s+|uv run\s+|uvx\s+|npx\s+|python -m\s+)?([\w.-]+)")


def command_provider(data: bytes, flag_at: int, model: str) -> str | None:
    """The provider a CLI's own convention gives `--model ID` (conventions.toml [[command]]):
    `inspect eval t.py --model openai/o3` is OpenAI itself; None for other programs."""
    from ..catalog.conventions import load_conventions

    line_start = data.rfind(b"\n", 0, flag_at) + 1
    while line_start > 1 and data[line_start - 2 : line_start - 1] == b"\\":  # a continued line
        line_start = data.rfind(b"\n", 0, line_start - 2) + 1
    program = None
    for m in _PROGRAM.finditer(data, line_start, flag_at):
        program = m.group(1).decode("utf-8", "replace")
    return load_conventions().command_provider(program, model) if program else None


def anchored_finditer(pattern: re.Pattern[bytes], data: bytes, needles: tuple[bytes, ...]):
    """``pattern.finditer(data)`` for a pattern whose every match starts with one of ``needles``
    (after a ``\\b``, which ``match`` at a position still checks against the byte before it).

    A leading ``\\b`` or alternation keeps ``re`` from skipping ahead to a literal: 1-2 ms per
    regex on a 150 KB file, paid on every keystroke. ``bytes.find`` is memchr-fast."""
    starts = []
    for needle in needles:
        i = data.find(needle)
        while i != -1:
            starts.append(i)
            i = data.find(needle, i + 1)
    end = -1
    for at in sorted(starts):
        if at < end:
            continue
        m = pattern.match(data, at)
        if m is not None:
            end = max(m.end(), at + 1)
            yield m


_ENV_LIKE = re.compile(rb"[A-Z_][A-Z0-9_]*")


def screened_out(c: Collector, start: int, end: int) -> bool:
    """True when the literal [start, end) is empty or can give no fact but a quoted error (which
    this records): the extractor then skips its tree work. Past the file's literal budget
    (``Collector.spend_literal``) every literal is screened out."""
    if end <= start or not c.spend_literal(start):
        return True
    if not might_matter(c, start, end):
        check_error(c, start, end)
        return True
    return False


def might_matter(c: Collector, start: int, end: int) -> bool:
    """Could the literal [start, end) give any fact besides a quoted error? Cheap, and needs no
    tree: extractors ask before looking at a literal's parents, because ``Node.parent`` costs
    O(siblings + depth) in tree-sitter and a generated file can have 100,000 literals."""
    data = c.src.data
    chunk = data[start:end]
    if mentions(chunk, errors=False) or b"$" in chunk or b"://" in chunk or b"os.environ/" in chunk:
        return True
    if _ENV_LIKE.fullmatch(chunk):  # os.getenv("NAME"), env_key = "NAME"
        return True
    before = data[max(0, start - 48) : start].lower()  # load_dotenv("x"), env_file: x, path: "x"
    return b"env" in before or b"path" in before


# A key that names the provider of the model it holds: openrouterModel, openRouterModelId,
# OPENROUTER_MODEL (Roo/Cline/Kilo settings, app model menus).
_OPENROUTER_KEY = re.compile(r"(?i)open_?router.*model|model.*open_?router")


def key_provider(key: str | None) -> str | None:
    return "openrouter" if key and _OPENROUTER_KEY.search(key) else None


# `const VENDOR = "openai/"`: a vendor prefix that code joins to a model name (`VENDOR + "o3"`).
PREFIX_CONSTANT = re.compile(rb"(?m)^\s*(?:export\s+)?(?:const|let|var|final|static)?\s*([A-Za-z_$][\w$]*)\s*(?::\s*str(?:ing)?\s*)?=\s*"
                             rb"[\"'](openrouter/)?(openai|anthropic|google|x-ai|deepseek|meta-llama|mistralai)/[\"']")


def prefix_constants(data: bytes) -> frozenset[tuple[str, str]]:
    """{(NAME, "openai/")} for the vendor-prefix constants of a file (cheap: one regex, only when
    the file holds a quoted "vendor/" at all)."""
    if b'/"' not in data and b"/'" not in data:
        return frozenset()
    return frozenset((m.group(1).decode(), (m.group(2) or b"").decode() + m.group(3).decode() + "/")
                     for m in PREFIX_CONSTANT.finditer(data))


def literal(
    c: Collector,
    start: int,
    end: int,
    *,
    key: str | None = None,
    context: Lazy = False,
    streaming: Lazy = None,
    provider: Lazy = None,
    mode: str = "code",
    env: str | None = None,
    whole: bool = True,
    assembled: str | None = None,
    env_name: str | None = None,
) -> None:
    """Everything one literal's content [start, end) can say.

    mode: "code" (all), "prose" (help texts, log messages: no embedded shapes), "doc"
    (docstrings: only quoted upstream errors). ``whole`` is False for interpolated strings and
    block text, whose content as a whole is no single value.
    """
    if mode != "doc" and might_matter(c, start, end):
        if whole and not c.model(start, end, context=context, streaming=streaming, provider=provider, assembled=assembled,
                                 env_name=env_name):
            delimited(c, start, end, context=context, streaming=streaming, provider=provider)
        scan_urls(c, start, end, key, whole)
        if mode == "code":
            scan_embedded(c, start, end, env)
    check_error(c, start, end, {"doc": "doc", "prose": "prose"}.get(mode, "string"))


_DELIMITER = re.compile(rb"[|,;]")
_PIECE = re.compile(rb"[^|,;\s]+")


def delimited(c: Collector, start: int, end: int, *, context: Lazy, streaming: Lazy = None, provider: Lazy = None) -> None:
    """A value in model context that lists ids: ``MODELS="openai/gpt-4.1|openai/o3"``,
    ``fallback_models: "openai/o3, openai/gpt-4o"``. Each piece that names a model is one (the
    whole value names none). Outside model context a comma is prose: nothing."""
    data = c.src.data
    if end - start > 400 or not _DELIMITER.search(data, start, end) or b"\n" in data[start:end]:
        return
    if not (context() if callable(context) else context):
        return
    for m in _PIECE.finditer(data, start, end):
        c.model(m.start(), m.end(), context=True, streaming=streaming, provider=provider)


_COMMENT_START = re.compile(rb"#+|//+|/\*+|--+|;+|%+|<!--")  # used with .match(data, pos)
_COMMENT_END = re.compile(rb"(?:\*+/|-->)$")


def comment(c: Collector, start: int, end: int) -> None:
    """A comment can only quote an upstream error; the span skips the comment markers."""
    data = c.src.data
    m = _COMMENT_START.match(data, start, end)
    if m:
        start = m.end()
    m = _COMMENT_END.search(data, start, end)
    if m:
        end = m.start()
    check_error(c, start, end, "comment")


# ---- the fallback extractor ---------------------------------------------------------------

_STR = rb'"""[\s\S]*?"""|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
_FAMILIES = {
    "c": re.compile(rb"(?P<c>//[^\n]*|/\*[\s\S]*?(?:\*/|$))|(?P<s>" + _STR + rb"|`[^`]*`)"),
    "hash": re.compile(rb"(?P<c>#[^\n]*)|(?P<s>'''[\s\S]*?'''|" + _STR + rb")"),
    "dash": re.compile(rb"(?P<c>--[^\n]*)|(?P<s>" + _STR + rb"|\[\[[\s\S]*?\]\])"),
    # no '...' strings: lifetimes ('a) would pair up across a line; raw strings r#"..."#
    "rust": re.compile(rb"(?P<c>//[^\n]*|/\*[\s\S]*?(?:\*/|$))|(?P<s>r(?P<h>#*)\"[\s\S]*?\"(?P=h)|\"(?:[^\"\\]|\\.)*\")"),
    "php": re.compile(rb"(?P<c>//[^\n]*|#[^\n]*|/\*[\s\S]*?(?:\*/|$))|(?P<s>" + _STR + rb")"),
}
_OPENER = re.compile(rb'r?#*(?:"""|\'\'\'|"|\'|`|\[\[)')
# the last identifier before a string, on the same line: `model: "..."`, `.model("...")`,
# `"model" => "..."`, `Model = "..."`, `WithModel("...")`
_OWNER = re.compile(rb"([A-Za-z_][\w]*)(?:[^\w\n]{0,6}|[ \t]*(?::=|=>|=|:)[ \t]*)$")
# a typed declaration: `const MODEL: &str = "..."`, `val model: String = "..."`, `model: str = "..."`
_TYPED_OWNER = re.compile(rb"([A-Za-z_]\w*)[ \t]*:[ \t]*[&*'\w<>\[\]., ?]{1,40}?=[ \t]*$")
_ENV_CALL = re.compile(
    rb"(?:\bos\.(?:Getenv|LookupEnv|getenv)|\bSystem\.(?:getenv|get_env)|\bgetenv|\bGetEnvironmentVariable"
    rb"|\benv::var(?:_os)?|\bENV\.fetch|\benv!?|Deno\.env\.get)\s*\(\s*$|\bENV\[\s*$"
)
_ENV_NAME = re.compile(rb"[A-Za-z_][A-Za-z0-9_]*")
# printing and logging calls take prose: no embedded --model shapes from their messages
_PROSE_OWNER = re.compile(r"(?i)(?:s|f|e)?print(?:ln|f)?$|puts$|echo$|(?:log|info|warn|warning|error|debug|fatal)(?:f|ln)?$")


def _first_param_is_model(c: Collector, function: str | None) -> bool:
    """`chat("openai/o3", prompt)` where the file defines `defp chat(model, prompt)` / `func
    chat(model string, ...)` / `def chat(model, ...)`: the argument is a model (the lexical
    languages' stand-in for the flow pass's local-function parameters)."""
    if not function or not function.isidentifier():
        return False
    key = ("first-param", function)
    if key not in c.cache:
        m = re.search(rb"\b(?:defp?|func|function|fun|fn|sub|private|public|static)\s+(?:[\w<>\[\]]+\s+)?"
                      + re.escape(function.encode()) + rb"\s*\(\s*\$?([A-Za-z_]\w*)", c.src.data)
        c.cache[key] = bool(m) and is_model_name(m.group(1).decode())
    return c.cache[key]


def owner_before(c: Collector, offset: int) -> str | None:
    """The last identifier before ``offset`` on its line: what owns a literal in broken code."""
    line_start = c.src.data.rfind(b"\n", 0, offset) + 1
    before = c.src.data[max(line_start, offset - 100) : offset]
    owner = _TYPED_OWNER.search(before) or _OWNER.search(before)
    return owner.group(1).decode() if owner else None


def extract(c: Collector, family: str = "c") -> None:
    """Strings and comments by one regex (leftmost wins, so '//' inside a string stays a string)."""
    data = c.src.data
    comments: list[tuple[int, int]] = []
    for m in _FAMILIES.get(family, _FAMILIES["c"]).finditer(data):
        if m.lastgroup == "c":
            comments.append(m.span())
            comment(c, *m.span())
            continue
        start, end = m.span()
        opener = _OPENER.match(data, start)  # strip the delimiters: """ ' ` [[ r#"
        s0 = opener.end() if opener else start + 1
        closer = len(opener.group()) - (data[start] == ord("r")) if opener else 1
        s1 = max(s0, end - closer)
        line_start = data.rfind(b"\n", 0, start) + 1
        prefix = data[max(line_start, start - 100) : start]
        name = owner_before(c, start)
        if _ENV_CALL.search(prefix) and _ENV_NAME.fullmatch(data, s0, s1):
            c.env(c.src.decode(s0, s1), s0, s1)
            continue
        mode = "prose" if name and _PROSE_OWNER.match(name) else "code"
        context = is_model_name(name) or (prefix.rstrip().endswith(b"(") and _first_param_is_model(c, name))
        literal(c, s0, s1, key=name, context=context, mode=mode)
    starts = [s for s, _ in comments]

    def in_comment(offset: int) -> bool:
        i = bisect.bisect_right(starts, offset) - 1
        return i >= 0 and comments[i][0] <= offset < comments[i][1]

    scan_secrets(c, in_comment)
