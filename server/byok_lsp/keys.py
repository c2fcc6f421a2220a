"""Key formats, placeholders, masking and redaction.

- OpenRouter: ``sk-or-v1-`` + 64 lowercase hex (73 chars) — trufflehog's detector
  (trufflesecurity/trufflehog, pkg/detectors/openrouter/openrouter.go) and the sample key of
  OpenRouter's OpenAPI spec (OpenRouterTeam/docs, openapi/openapi.yaml).
- OpenAI: ``sk-[proj|svcacct|admin|None-]…T3BlbkFJ…`` ("T3BlbkFJ" is base64 of "OpenAI") —
  gitleaks' rule ``openai-api-key`` (gitleaks/gitleaks, config/gitleaks.toml) and trufflehog's,
  widened to the ``sk-None-`` form neither matches.
"""

from __future__ import annotations

import functools
import logging
import re
import unicodedata

OPENROUTER_KEY = re.compile(r"sk-or-v1-[0-9a-f]{64}")
OPENAI_KEY = re.compile(r"sk-(?:(?:proj|svcacct|service|None)-)?[A-Za-z0-9_-]{16,}T3BlbkFJ[A-Za-z0-9_-]{16,}")
OPENAI_ADMIN_KEY = re.compile(r"sk-admin-[A-Za-z0-9_-]{40,}T3BlbkFJ[A-Za-z0-9_-]{40,}")
# Newer OpenAI project keys seen without the T3BlbkFJ marker: same prefix, long, no spaces.
OPENAI_PREFIXED = re.compile(r"sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,}")

_PLACEHOLDER = re.compile(
    r"""^(?:
        |.*\b(?:your|my|insert|replace|enter|put|add)[-_ ]?(?:[a-z]+[-_ ]?){0,3}(?:key|token|secret).*
        |.*(?:changeme|change[-_]me|replace[-_]?me|placeholder|dummy|example|todo|fixme|redacted|xxxx|\*\*\*\*|\.\.\.|…).*
        |<[^>]*>|\{\{[^}]*\}\}|\$\{[^}]*\}
        |sk-or-v1-(?:x+|0+|\.+|your.*)
        |sk-(?:x+|\.\.\.|your.*|proj-(?:x+|\.\.\.))
        |none|null|nil|test|fake|secret|key|api[-_]?key|string
    )$""",
    re.IGNORECASE | re.VERBOSE,
)


# Any key of a format above, as a whole token: not part of a longer run of key characters
# (``sk-or-v1-`` + 65 hex is no OpenRouter key). Admin before the others: it is the longest form.
_TOKEN_CHARS = "A-Za-z0-9_-"
KNOWN_KEY = re.compile(
    rf"(?<![{_TOKEN_CHARS}])(?:{OPENROUTER_KEY.pattern}|{OPENAI_ADMIN_KEY.pattern}|{OPENAI_KEY.pattern}"
    rf"|{OPENAI_PREFIXED.pattern})(?![{_TOKEN_CHARS}])")


# Key-shaped tokens in raw bytes, for the text scanner (parsing/lang_text.scan_secrets):
# OpenRouter (well-formed is 64 hex; >= 20 alphanumerics also caught so rules can judge a
# malformed one), OpenAI admin, OpenAI (legacy, proj, svcacct, None, service). Admin first: the
# generic OpenAI branch would also match it.
# The literal "sk-" comes first so that the regex engine can skip ahead to it; the boundary
# before it is checked in scan_secrets (a leading lookbehind makes the scan 5x slower).
KEY_TOKEN = re.compile(
    rb"sk-(?:(or-v1-[A-Za-z0-9]{20,})"
    rb"|(admin-[A-Za-z0-9_-]{10,}T3BlbkFJ[A-Za-z0-9_-]{10,})"
    rb"|((?:proj-|svcacct-|None-|service-)?[A-Za-z0-9_-]{10,}T3BlbkFJ[A-Za-z0-9_-]{10,}))"
)
KEY_TOKEN_CHARS = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
KEY_TOKEN_KINDS = ("openrouter", "openai-admin", "openai")

def find_keys(text: str):
    """The keys of a known format in ``text`` (``re.Match`` objects), each a whole token."""
    return KNOWN_KEY.finditer(text)


def kind_of(value: str) -> str | None:
    """"openrouter", "openai", "openai-admin", or None for anything else."""
    if value.startswith("sk-or-"):
        return "openrouter"
    if OPENAI_ADMIN_KEY.fullmatch(value):
        return "openai-admin"
    if OPENAI_KEY.fullmatch(value) or OPENAI_PREFIXED.fullmatch(value):
        return "openai"
    return None


def is_placeholder(value: str) -> bool:
    value = value.strip()
    if OPENROUTER_KEY.fullmatch(value) or OPENAI_KEY.fullmatch(value):
        return False  # a well-formed key may contain "todo" or "fake" by chance
    return bool(_PLACEHOLDER.match(value))


_TOKEN_PLACEHOLDER = re.compile(r"(?i)x{4}|your|example|placeholder|dummy|redacted|replace|insert|(.)\1{7}")


def is_placeholder_token(token: str) -> bool:
    """A key-shaped token found in free text (a README, a YAML value) that only looks like a
    key: a placeholder word or a run of one character in its secret part, or too few distinct
    characters. Stricter than ``is_placeholder``, which judges a value someone assigned (a
    well-formed key there is taken as real); in prose ``sk-or-v1-aaaa…`` is an example."""
    m = _PUBLIC_PREFIX.match(token)
    body = token[m.end():] if m else token
    return bool(_TOKEN_PLACEHOLDER.search(body)) or len(set(body)) < 6


def openrouter_format_problem(value: str) -> str | None:
    """Why a ``sk-or-`` value is not a well-formed OpenRouter key, or None when it is."""
    if OPENROUTER_KEY.fullmatch(value):
        return None
    if not value.startswith("sk-or-v1-"):
        return "an OpenRouter key starts with 'sk-or-v1-'"
    body = value[len("sk-or-v1-"):]
    if len(body) != 64:
        return f"{len(body)} of 64 hex characters after 'sk-or-v1-'"
    return "not lower-case hex after 'sk-or-v1-'"


# The public part of a key: shown whole by ``mask``; only what follows is secret.
_PUBLIC_PREFIX = re.compile(r"sk-(?:or-v1-|proj-|svcacct-|admin-|none-|service-)?", re.IGNORECASE)


def mask(value: str) -> str:
    """A key (or any secret) shown to a person: its public prefix (``sk-or-v1-``) and at most three
    characters of the secret at each end — fewer for short values, none below 12 secret
    characters (``sk-or-v1-3f2a9c``, a key copied in part, shows as ``sk-or-v1-…``)."""
    value = value.strip()
    if not value:
        return ""
    m = _PUBLIC_PREFIX.match(value)
    prefix = m.group(0) if m else ""
    secret = value[len(prefix):].strip()  # "sk-or-v1- 3f2…": the blank is not a secret character to count
    shown = 3 if len(secret) >= 24 else 1 if len(secret) >= 12 else 0
    return f"{prefix}{secret[:shown]}…{secret[-shown:]}" if shown else f"{prefix}…"


def looks_real(value: str) -> bool:
    """A value that is probably a live key: a known kind, long enough, not a placeholder."""
    return kind_of(value) is not None and len(value) >= 40 and not is_placeholder(value)


# ----- redaction: every text that leaves byok-lsp goes through ``redact`` --------------------------
# Key shapes are matched in a normalised copy of the text (``_normalise``): lower case, any dash
# or underscore read as "-", full-width letters folded, percent- and backslash-escapes decoded.
# An API answer or a config may spell a key ``sk-or-v1-…``, ``SK_OR_V1_…``, ``sk%2Dor%2Dv1%2D…``,
# ``sk–or–v1–…`` (en dashes), ``sk\u002dor…``, or echo only its 64 hex characters: all are masked.
#
# Cost: redact runs on every message, log line and hover, so each shape is looked for only where
# a literal says it can be (``str.find`` of "sk-" and "t3blbkfj", one regex search for a hex run),
# and a match is expanded from there: a line without any costs a few microseconds.
_KEY_PREFIXES = ("or-v1-", "proj-", "svcacct-", "admin-", "none-", "service-")
_TOKEN = re.compile(r"[a-z0-9-]*")
# (anchored at a token start, so each token is scanned once: linear in the text)
_MARKED = re.compile(r"(?<![a-z0-9-])[a-z0-9-]*t3blbkfj[a-z0-9-]*")
_HEX_RUN = re.compile(r"(?<![0-9a-f])[0-9a-f]{32,}")
_DASHES = frozenset("_\u00ad\u2010\u2011\u2012\u2013\u2014\u2015\u2043\u2212\ufe58\ufe63\uff0d\uff3f")
_ESCAPE = re.compile(r"%([0-9a-fA-F]{2})|\\u([0-9a-fA-F]{4})|\\x([0-9a-fA-F]{2})")


@functools.lru_cache(maxsize=1024)
def _fold(ch: str) -> str:
    """One character as ``_normalise`` reads it (one character, so positions stay put)."""
    if ch in _DASHES:
        return "-"
    if ch.isascii():
        return ch.lower()
    folded = unicodedata.normalize("NFKC", ch)
    if len(folded) == 1 and folded.isascii():
        return "-" if folded in _DASHES else folded.lower()
    return ch


def _normalise(text: str) -> tuple[str, list[int] | None]:
    """(the normalised text, for each of its characters the offset in ``text`` where it starts and
    one more for its end — None when each character stayed where it was)."""
    if not _ESCAPE.search(text):  # one character for one: a translation table, in C
        lower = text.lower()
        if lower.isascii():
            return lower.replace("_", "-"), None
        table = {ord(c): f for c in set(lower) if not c.isascii() and (f := _fold(c)) != c}
        return (lower.translate(table) if table else lower).replace("_", "-"), None
    out, starts, i, n = [], [], 0, len(text)
    while i < n:
        ch, j = text[i], i + 1
        if ch in "%\\":
            m = _ESCAPE.match(text, i)
            if m:
                ch, j = chr(int(m.group(1) or m.group(2) or m.group(3), 16)), m.end()
        out.append(_fold(ch))
        starts.append(i)
        i = j
    starts.append(n)
    return "".join(out), starts


def _shapes(norm: str) -> list[tuple[int, int]]:
    """(start, end) of every key-shaped token in a normalised text, in order, not overlapping."""
    found = []
    at = norm.find("sk-")
    while at >= 0:
        nxt = at + 3
        if at == 0 or not (norm[at - 1].isalnum() and norm[at - 1].isascii()):
            body = at + 3
            end = nxt = _TOKEN.match(norm, body).end()  # the rest of this token is judged here, once
            prefix = next((p for p in _KEY_PREFIXES if norm.startswith(p, body)), "")
            # a key's own prefix and anything after it (a key copied in part too), or "sk-" and a
            # long token (an older OpenAI key); never a token that is already a mask
            if not norm.startswith("…", end) and end - body - len(prefix) >= (1 if prefix else 16):
                found.append((at, end))
        at = norm.find("sk-", nxt)
    if "t3blbkfj" in norm:  # an OpenAI key body: "T3BlbkFJ" is base64 of "OpenAI"
        found.extend(m.span() for m in _MARKED.finditer(norm))
    found.extend(m.span() for m in _HEX_RUN.finditer(norm))  # a hex body alone (OpenRouter's 64)
    found.sort()
    merged: list[tuple[int, int]] = []
    for a, b in found:
        if merged and a < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def redact(text: str) -> str:
    """``text`` with every key-shaped token, in any spelling, replaced by its ``mask``."""
    if not text:
        return text
    if len(text) <= 4096:  # messages and log lines repeat (every edit re-sends the same diagnostics)
        return _redact_short(text)
    return _redact(text)


@functools.lru_cache(maxsize=4096)
def _redact_short(text: str) -> str:
    return _redact(text)


def _redact(text: str) -> str:
    norm, starts = _normalise(text)
    spans = _shapes(norm)
    if not spans:
        return text
    out, pos = [], 0
    for a, b in spans:
        token = norm[a:b]
        if starts is not None:
            a, b = starts[a], starts[b]
        elif text[a:b].lower() == token:
            token = text[a:b]  # the key as written: its mask keeps its case
        out.append(text[pos:a])
        out.append(mask(token))
        pos = b
    out.append(text[pos:])
    return "".join(out)


def redacted(value):
    """``value`` (str, or lists, tuples and dicts of them: a command's result) with ``redact``
    applied to every string in it, keys of dicts included."""
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {redacted(k): redacted(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(redacted(v) for v in value)
    return value


class RedactingFormatter(logging.Formatter):
    """Log lines through ``redact``: a message, its arguments and a traceback may quote any text."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))
