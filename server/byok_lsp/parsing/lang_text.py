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
from .treesitter import Collector, is_base_url_name, is_model_name, strip_span

# Keys: OpenRouter (well-formed is 64 hex; >= 20 alphanumerics also caught so rules can judge a
# malformed one), OpenAI admin, OpenAI (legacy, proj, svcacct, None, service). Admin first: the
# generic OpenAI branch would also match it.
SECRET = re.compile(
    rb"(?<![A-Za-z0-9_-])(?:(sk-or-v1-[A-Za-z0-9]{20,})"
    rb"|(sk-admin-[A-Za-z0-9_-]{10,}T3BlbkFJ[A-Za-z0-9_-]{10,})"
    rb"|(sk-(?:proj-|svcacct-|None-|service-)?[A-Za-z0-9_-]{10,}T3BlbkFJ[A-Za-z0-9_-]{10,}))"
)
_SECRET_KINDS = ("openrouter", "openai-admin", "openai")
_PLACEHOLDER = re.compile(r"(?i)x{4}|your|example|placeholder|dummy|redacted|replace|insert|(.)\1{7}")


def is_placeholder(token: str) -> bool:
    body = re.sub(r"^sk-(?:or-v1-|proj-|svcacct-|None-|service-|admin-)?", "", token)
    return bool(_PLACEHOLDER.search(body)) or len(set(body)) < 6


def scan_secrets(c: Collector, skip=None, start: int = 0, end: int | None = None) -> None:
    """Every key-shaped token in [start, end) whose offset ``skip`` does not reject (comments)."""
    data = c.src.data
    for m in SECRET.finditer(data, start, len(data) if end is None else end):
        if skip is not None and skip(m.start()):
            continue
        value = m.group().decode("ascii")
        if not is_placeholder(value):
            c.secret(value, m.start(), m.end(), _SECRET_KINDS[m.lastindex - 1])


@functools.cache
def _error_prefilter() -> re.Pattern[bytes]:
    """All catalogued upstream-error patterns as one bytes regex (then confirmed by the catalog)."""
    parts = []
    for err in load().errors:
        try:
            parts.append(b"(?:" + err.pattern.pattern.encode("ascii") + b")")
        except UnicodeEncodeError:  # a non-ASCII pattern: fall back to its first ASCII word
            parts.append(re.escape(err.pattern.pattern.split()[0].encode("ascii", "ignore")))
    return re.compile(b"|".join(parts) or b"(?!)", re.IGNORECASE)


def check_error(c: Collector, start: int, end: int) -> None:
    if _error_prefilter().search(c.src.data, start, end):
        if load().match_error(c.src.decode(start, end)) is not None:
            c.error_text(start, end)


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
        if kind == "other-gateway":
            s, e = strip_span(data, start, end)
            if not (whole and label != "url" and (s, e) == (m.start(), url_end)):
                continue
        c.signal(kind, m.start(), url_end, f'{label} "{url.decode("utf-8", "replace")[:100]}"')
    for m in _HOST_MENTION.finditer(data, start, end):
        if not any(s <= m.start() < e for s, e in covered):
            text = m.group().decode("utf-8", "replace")
            c.signal(host_kind(m.group(1).decode().lower()), m.start(), m.end(), f'{label} "{text[:100]}"')


# ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:=default}, ${VAR:?message}; not $${VAR} (escaped)
_BRACED = re.compile(rb"(?<![$\\])\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-=?+])([^{}]*))?\}")
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
            if op in (b"-", b":-", b"=", b":="):
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
            c.model(m.start(3), m.end(3), context=True)
    if b"model" in chunk:
        flag = _PAYLOAD_STREAM.search(data, start, end)
        streaming = flag.group(1).lower() == b"true" if flag else None
        for m in _PAYLOAD.finditer(data, start, end):
            c.model(m.start(1), m.end(1), context=True, streaming=streaming)


def literal(
    c: Collector,
    start: int,
    end: int,
    *,
    key: str | None = None,
    context: bool = False,
    streaming: bool | None = None,
    mode: str = "code",
    env: str | None = None,
    whole: bool = True,
) -> None:
    """Everything one literal's content [start, end) can say.

    mode: "code" (all), "prose" (help texts, log messages: no embedded shapes), "doc"
    (docstrings: only quoted upstream errors). ``whole`` is False for interpolated strings and
    block text, whose content as a whole is no single value.
    """
    if mode != "doc":
        if whole:
            c.model(start, end, context=context, streaming=streaming)
        scan_urls(c, start, end, key, whole)
        if mode == "code":
            scan_embedded(c, start, end, env)
    check_error(c, start, end)


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
    check_error(c, start, end)


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
_OWNER = re.compile(rb"([A-Za-z_][\w]*)[^\w\n]{0,6}$")
_ENV_CALL = re.compile(
    rb"(?:\bos\.(?:Getenv|LookupEnv|getenv)|\bSystem\.(?:getenv|get_env)|\bgetenv|\bGetEnvironmentVariable"
    rb"|\benv::var(?:_os)?|\bENV\.fetch|\benv!?|Deno\.env\.get)\s*\(\s*$|\bENV\[\s*$"
)
_ENV_NAME = re.compile(rb"[A-Za-z_][A-Za-z0-9_]*")


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
        owner = _OWNER.search(prefix)
        name = owner.group(1).decode() if owner else None
        if _ENV_CALL.search(prefix) and _ENV_NAME.fullmatch(data, s0, s1):
            c.env(c.src.decode(s0, s1), s0, s1)
            continue
        literal(c, s0, s1, key=name, context=is_model_name(name))
    starts = [s for s, _ in comments]

    def in_comment(offset: int) -> bool:
        i = bisect.bisect_right(starts, offset) - 1
        return i >= 0 and comments[i][0] <= offset < comments[i][1]

    scan_secrets(c, in_comment)
