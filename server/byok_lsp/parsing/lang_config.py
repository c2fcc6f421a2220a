"""YAML, TOML, JSON: scalar values with the keys above them (aider, Continue, LiteLLM, Codex,
compose, CI workflows, package.json, MCP server configs).

Every value is classified by its key path, nearest first: ``model: openai/o3`` and the items
of ``models: [...]`` are model context; ``env_file`` holds dotenv paths; ``*provider:
openrouter`` is a signal; base-URL keys name a gateway; ``stream`` beside the value sets
streaming. Keys themselves never name a model (a price table is keyed by model ids).
"""

from __future__ import annotations

import bisect
import functools
import re

from . import lang_text
from .treesitter import Collector, ancestors, captures, in_comment, is_base_url_name, is_model_name, parse

_QUERIES = {
    "yaml": """
(plain_scalar) @value
(double_quote_scalar) @value
(single_quote_scalar) @value
(block_scalar) @value
(comment) @comment
""",
    "toml": "(string) @value (comment) @comment (bare_key) @key (quoted_key) @key",
    "json": "(string) @value (comment) @comment",
}
_PAIRS = frozenset({"block_mapping_pair", "flow_pair", "pair"})
_MAPPINGS = frozenset({"block_mapping", "flow_mapping", "object", "inline_table", "table", "table_array_element"})
_SEQUENCES = frozenset({"block_sequence_item", "flow_sequence", "array"})
_PROSE_KEYS = frozenset({
    "description", "help", "summary", "title", "name", "message", "msg", "comment", "note",
    "notes", "text", "content", "prompt", "label",
})
_ENV_NAME_KEYS = frozenset({"env_key", "api_key_env", "api_key_env_var", "env_var", "envkey"})
# The keys whose value gives a fact by the key alone (``_value``: a dotenv path, a variable
# name; ``path:`` counts only under ``env_file:``); the screen in ``extract`` looks at every
# scalar under them.
_KEYED = frozenset({"env_file"}) | _ENV_NAME_KEYS
_ENV_ITEM = re.compile(rb"([A-Za-z_][A-Za-z0-9_]*)=")
_MODEL_FLAG = re.compile(r"--[\w-]*model[\w-]*|-m")
_UPPER = re.compile(rb"[A-Z_][A-Z0-9_]*")
_ENV_VAR_NAME = re.compile(r"[A-Z][A-Z0-9_]*")  # MODEL, EVAL_MODEL: a key that names an environment variable


def extract(c: Collector, language: str) -> None:
    root = parse(language, c.src.data).root_node
    c.cache["config-root"] = (root, language)
    found = captures(language, _QUERIES[language], root)
    for node in found.get("comment", ()):
        lang_text.comment(c, node.start_byte, node.end_byte)
    for node in found.get("key", ()):  # TOML keys and table headers: [model_providers.openrouter]
        _key(c, node.start_byte, node.end_byte)
    values = found.get("value", ())
    budget = getattr(c, "literals_left", None)  # the Collector's literal budget, when it has one
    screen = _offsets(c) if SCREEN and (budget is None or len(values) <= budget) else None
    if screen is None:
        walker = _Ancestors(root)
        for node in sorted(values, key=lambda n: n.start_byte):  # document order: the walker's moves add up to one pass
            _value(c, language, node, lambda node=node: walker.of(node))
    else:
        warm = _warm(c, language, root, values, *screen)
        for node, ancestors in warm:
            _value(c, language, node, ancestors)
        if budget is not None:
            c.literals_left -= len(values) - len(warm)  # as if screened out: all fit the budget
    _drop_offered(c)
    lang_text.scan_secrets(c, lambda offset: in_comment(root, offset))


def _drop_offered(c: Collector) -> None:
    """A provider's list of the models it offers (claude-code-router `Providers[].models`) is not
    the choice of model when a route in the same file selects one ("openrouter,openai/o3"): the
    route is reported, the offer list is not."""
    routed = c.cache.get("routed")
    offered = c.cache.get("offered")
    if not routed or not offered:
        return
    c.facts.models[:] = [m for m in c.facts.models if not (m.span in offered and m.text.lower() in routed)]


# A data file has a scalar every few bytes and few of them matter (a 10 KB compose file: ~1,000
# scalars; a package.json: ~900 strings, 1 % pass ``lang_text.might_matter``). Looking at each
# in Python costs 5-30 µs (``screened_out``, then a walk up through ``Node.parent``, which
# searches down from the root each time); one pass over the file finds the offsets where
# something can matter, and a bisect per scalar skips those that cannot give a fact:
#
# 1. ``screened_out`` says True and ``check_error`` records nothing: ``might_matter(chunk)``
#    needs one of these substrings in the chunk (case folded: ``MODEL``, the ``_NEEDLES``,
#    model ids, ``$``, ``://``, ``os.environ/``), or "env" / "path" in the _BEFORE bytes before
#    it, or an upper-case name as the chunk (its first byte is then in _ENV_FIRST);
#    ``check_error`` records only where a catalogued error pattern matched.
# 2. ``_value`` would pass ``screened_out`` and record nothing: without one of those substrings
#    (or an error match) inside the chunk, no model id, URL, interpolation, payload, provider
#    name, key or error can be in it, and what is left depends on the key above it: a dotenv
#    path or a variable name under one of _KEYED keys. Those pairs are found from the "env"
#    in their keys, and every scalar inside them is looked at.
#
# tests/test_config_screen.py holds both to ``_value`` scalar by scalar and the facts to those
# without the screen.
SCREEN = True  # tests turn it off to compare
_BEFORE = 48
_ENV_FIRST = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ_")
_KEY_NEEDLE = b"env"  # every one of _KEYED holds it


@functools.cache
def _hot_needles() -> tuple[bytes, ...]:
    needles = {*lang_text._NEEDLES, *(n for n, _ in lang_text._model_ids()),
               b"model", b"$", b"://", b"os.environ/", _KEY_NEEDLE, b"path"}
    # an occurrence of a needle holds one of any needle it contains: keep the shortest
    return tuple(sorted(n for n in needles if not any(o != n and o in n for o in needles)))


def _offsets(c: Collector) -> tuple[list[int], list[int]] | None:
    """(sorted offsets of every needle and error match, of "env"); None: no screen."""
    lang_text.check_error(c, 0, 0)  # finds the file's error matches once (records nothing at 0..0)
    hits = c.cache.get("error_hits")
    if not isinstance(hits, list):
        return None
    lower = c.src.data.lower()
    hot, names = list(hits), []
    for needle in _hot_needles():
        at = lower.find(needle)
        while at >= 0:
            hot.append(at)
            if needle == _KEY_NEEDLE:
                names.append(at)
            at = lower.find(needle, at + 1)
    hot.sort()
    names.sort()
    return hot, names


def _warm(c: Collector, language: str, root, values, hot: list[int], names: list[int]) -> list:
    """(scalar, ancestors getter) for the scalars the screen cannot skip, in document order
    (captures come grouped by pattern; a scalar's facts are its own, so order changes none)."""
    data, walker = c.src.data, _Ancestors(root)
    keyed = _keyed_ranges(c, root, walker, names)
    warm = []
    for node in values:
        start, end, _ = content(node, language)
        if end <= start:
            continue
        j = bisect.bisect_left(hot, start)
        if j == len(hot) or hot[j] >= end:  # nothing inside
            if not keyed or not any(a <= start and end <= b for a, b in keyed):
                continue  # 2.
            if bisect.bisect_left(hot, start - _BEFORE, 0, j) == j and data[start] not in _ENV_FIRST:
                continue  # 1.
        warm.append(node)
    warm.sort(key=lambda node: node.start_byte)
    return [(node, lambda node=node: walker.of(node)) for node in warm]


def _keyed_ranges(c: Collector, root, walker, names: list[int]) -> list[tuple[int, int]]:
    """Byte ranges of the pairs (and TOML tables) whose key is one of _KEYED: each such key
    holds an "env" at one of ``names``, and that pair is the nearest above it."""
    out = []
    for at in names:
        node = root.descendant_for_byte_range(at, at + 1)
        if node is None:
            continue
        for above in walker.of(node) or _parents(node):
            if above.type in _PAIRS:
                key = _pair_parts(above)[0]
            elif above.type == "table":
                key = above.named_child(0) if above.named_child_count else None
            else:
                continue
            text = _key_text(c, key)
            if text is not None and text.lower() in _KEYED:
                out.append((above.start_byte, above.end_byte))
            break
    return out


_SETS_OPENROUTER = re.compile(r"OPEN_?ROUTER_[A-Z0-9_]+")


def _key(c: Collector, start: int, end: int) -> None:
    text = c.src.decode(start, end).strip("\"'")
    if text.lower() == "openrouter" or text.startswith("@openrouter/"):
        c.signal("openrouter", start, end, f"key {text}")
    elif _SETS_OPENROUTER.fullmatch(text):  # env: OPENROUTER_API_KEY: ${{ secrets... }} sets it for the job
        c.signal("openrouter", start, end, f"sets {text}")


def content(node, language: str) -> tuple[int, int, bool]:
    """(start, end, whole) of a scalar's text; block scalars are text, not one value."""
    start, end = node.start_byte, node.end_byte
    if node.type == "block_scalar":
        newline = node.text.find(b"\n")
        return (end, end, False) if newline < 0 else (start + newline + 1, end, False)
    if node.type in ("double_quote_scalar", "single_quote_scalar") or language == "json":
        return start + 1, max(start + 1, end - 1), True
    if language == "toml":
        raw = node.text
        quote = 3 if raw[:3] in (b'"""', b"'''") else 1
        return start + quote, max(start + quote, end - quote), True
    return start, end, True


def _pair_parts(pair):
    """(key node, value node) of a YAML/JSON pair (fields) or a TOML pair (positions)."""
    key = pair.child_by_field_name("key")
    if key is not None:
        return key, pair.child_by_field_name("value")
    named = [ch for ch in pair.named_children if ch.type != "comment"]
    return (named[0], named[-1]) if len(named) >= 2 else (None, None)


def _key_text(c: Collector, node) -> str | None:
    if node is None:
        return None
    text = c.src.decode(node.start_byte, node.end_byte).strip()
    if node.type == "dotted_key":
        text = text.rsplit(".", 1)[-1]
    return text.strip("\"'")


def _scalar_text(c: Collector, node) -> str:
    return c.src.decode(node.start_byte, node.end_byte).strip().strip("\"'") if node is not None else ""


def _per_mapping(func):
    """``func(c, mapping)`` once per mapping: every model id of a mapping asks about its pairs, so
    a mapping of 1,000 ``key: openai/o3`` pairs read its pairs 1,000 times each (22 KB: 60 s)."""
    def cached(c: Collector, mapping):
        if mapping is None:
            return None
        memo = c.cache.setdefault(func.__name__, {})
        key = (mapping.start_byte, mapping.end_byte, mapping.type)
        if key not in memo:
            memo[key] = func(c, mapping)
        return memo[key]
    return cached


@_per_mapping
def _stream_flag(c: Collector, mapping) -> bool | None:
    for pair in mapping.named_children if mapping is not None else ():
        if pair.type in _PAIRS:
            key, value = _pair_parts(pair)
            if _key_text(c, key) == "stream" and value is not None:
                flag = _scalar_text(c, value).lower()
                if flag in ("true", "false"):
                    return flag == "true"
    return None


# Provider names a config entry may give (`provider:`, `apiProvider:`, GOOSE_PROVIDER...).
_GATEWAY_WORDS = ("requesty", "vercel", "ai-gateway", "github", "copilot", "azure", "bedrock", "vertex", "groq",
                  "together", "fireworks", "ollama", "lmstudio", "lm-studio", "deepinfra", "cloudflare", "glama",
                  "litellm", "unbound", "helicone", "portkey", "chutes", "nebius", "deepseek", "anthropic", "gemini",
                  "mistral", "xai", "perplexity", "cerebras", "sambanova", "huggingface", "openai-compatible")
# Keys that name the provider of the model they hold (Roo/Cline/Kilo settings): openRouterModelId.
_KEY_PROVIDER = re.compile(r"(?i)(open_?router)|(requesty|vercel|glama|litellm|unbound|lmstudio|ollama|bedrock|vertex|"
                           r"azure|github|copilot|deepseek|anthropic|gemini|mistral|groq|xai|openai)(?=.*model)")
_HOST_KEY = re.compile(r"(?i)(^|_|-)(host|url|base|endpoint)$")


def provider_of_name(text: str) -> str | None:
    """What a provider name in a config means: openrouter, OpenAI itself, or another gateway."""
    low = text.strip().lower()
    if "openrouter" in low or low in ("or", "open-router", "open_router"):
        return "openrouter"
    if low in ("openai", "openai-direct", "open_ai"):
        return "openai-direct"
    if any(w in low for w in _GATEWAY_WORDS):
        return "other-gateway"
    return None


def _url_kind(text: str) -> str | None:
    if "://" not in text:
        return None
    rest = text.split("://", 1)[1]
    host = rest.split("/", 1)[0].split(":", 1)[0].lower()
    kind = lang_text.host_kind(host)
    if kind == "other-gateway" and "/openrouter" in rest.lower():
        return "openrouter"  # Cloudflare AI Gateway's .../openrouter path forwards to OpenRouter
    return kind


# Files whose model ids follow LiteLLM's spelling (openai/... = OpenAI itself, openrouter/... =
# OpenRouter): aider's config, CrewAI's agent definitions (catalog/conventions.toml [[call]] litellm).
_LITELLM_FILES = re.compile(r"(^|/)\.aider\.conf\.ya?ml$|(^|/)config/agents\.ya?ml$|(^|/)litellm[\w.-]*\.ya?ml$")
# Files whose model ids follow OpenCode's spelling "<provider id>/<model id>": its config
# (opencode.json / opencode.jsonc) and everything under .opencode/ (agent and command Markdown
# files, whose front matter says `model: openai/o3`). The first segment is OpenCode's provider,
# so "openai/o3" is its built-in `openai` provider (OpenAI itself, OPENAI_API_KEY) and OpenRouter
# is "openrouter/openai/o3" (https://opencode.ai/docs/models/, https://opencode.ai/docs/agents/;
# checked 2026-12-05). A provider the file itself defines with a base URL still decides first.
_OPENCODE_FILES = re.compile(r"(^|/)opencode\.jsonc?$|(^|/)\.opencode/")
_ROUTE = re.compile(r"^([A-Za-z0-9_.@-]+)[,/]([^\s,]+)$")


def named_providers(c: Collector) -> dict[str, str]:
    """Providers a config defines by name with a base URL (OpenCode `provider: {or: {options:
    {baseURL}}}`, claude-code-router `Providers: [{name, api_base_url}]`, LibreChat endpoints):
    name → openrouter / openai-direct / other-gateway."""
    if "named-providers" in c.cache:
        return c.cache["named-providers"]
    out: dict[str, str] = {}
    root, _ = c.cache.get("config-root", (None, None))
    data = c.src.data
    if root is not None and b"://" in data:
        for m in re.finditer(rb"https?://[^\s\"'<>]+", data):
            node = root.descendant_for_byte_range(m.start(), m.end())
            pair = next((n for n in ancestors(node, 8) if n.type in _PAIRS), None)
            entry = pair.parent if pair is not None else None
            if entry is None or entry.type not in _MAPPINGS:
                continue
            key = _key_text(c, _pair_parts(pair)[0]) or ""
            if not (is_base_url_name(key) or _HOST_KEY.search(key)):
                continue
            kind = _url_kind(m.group().decode("utf-8", "replace"))
            names = [_scalar_text(c, _pair_parts(p)[1]) for p in entry.named_children
                     if p.type in _PAIRS and (_key_text(c, _pair_parts(p)[0]) or "").lower() in ("name", "id", "provider")]
            holder = next((n for n in ancestors(entry.parent, 6) if n.type in _PAIRS), None)
            for outer in (names or [_key_text(c, _pair_parts(holder)[0]) if holder is not None else None]):
                if outer and kind:
                    out.setdefault(outer, kind)
    c.cache["named-providers"] = out
    return out


@_per_mapping
def _entry_provider(c: Collector, mapping) -> tuple[str | None, bool]:
    """(provider, LiteLLM-style api_base) from one entry's own keys. A base URL decides before a
    provider name (Continue's `provider: openai` beside `apiBase: https://openrouter.ai/...` means
    "OpenAI-compatible"). The second value: the base URL is LiteLLM's/aider's `api_base`, to which
    LiteLLM sends the id without its `openai/` prefix."""
    named = None
    for pair in mapping.named_children if mapping is not None else ():
        if pair.type not in _PAIRS:
            continue
        key, value = _pair_parts(pair)
        name = _key_text(c, key) or ""
        text = _scalar_text(c, value)
        if "://" in text and (is_base_url_name(name) or _HOST_KEY.search(name)):
            kind = _url_kind(text)
            if kind is not None:
                litellm = name.lower().replace("-", "_") in ("api_base", "openai_api_base")
                return kind, litellm
        if name.lower().endswith("provider") and named is None:
            named = provider_of_name(text)
    return named, False


def _provider_flag(c: Collector, mappings, text: str):
    """The provider for an id in ``mappings`` (its entry first, then the entries around it),
    with the id the provider receives when LiteLLM rewrites it: a str, or (provider, sent_as)."""
    for mapping in mappings:
        provider, litellm = _entry_provider(c, mapping)
        if provider is not None:
            if litellm and provider == "openrouter" and text.lower().startswith("openai/"):
                return provider, text[len("openai/"):]
            return provider
    if text.lower().startswith("openai/") and (_LITELLM_FILES.search(c.filename) or
                                               any(_has_key(c, m, "litellm_params") for m in mappings[:3])):
        return "openai-direct"  # LiteLLM's openai/ prefix with no api_base: OpenAI itself
    if text.lower().startswith("openai/") and _OPENCODE_FILES.search(c.filename):
        return named_providers(c).get("openai", "openai-direct")  # OpenCode's built-in openai provider
    return None


def _route(c: Collector, start: int, end: int, text: str, key: str | None) -> bool:
    """"openrouter,openai/o3" (claude-code-router routes), "or/openai/o3" (OpenCode: a provider
    the file defines), aider's alias "smart:openrouter/openai/o3": the id after the provider
    name, with that provider. True when ``text`` was such a route."""
    from ..catalog import lookup_model

    if key and key.lower() in ("alias", "aliases") and ":" in text:
        name, _, model = text.partition(":")
        offset = len(name) + 1
        if lookup_model(model) is not None:
            c.model(start + offset, end, context=True)
            return True
    m = _ROUTE.match(text)
    if m is None or m.group(1).lower() == "openai" or lookup_model(text) is not None or lookup_model(m.group(2)) is None:
        return False  # ("openai/openai/o3" is LiteLLM's OpenAI-compatible spelling: _provider_flag reads it)
    provider = named_providers(c).get(m.group(1)) or provider_of_name(m.group(1))
    if provider is None:
        return False
    offset = len(c.src.data[start:].decode("utf-8", "replace")[: m.start(2)].encode("utf-8"))
    if c.model(start + offset, end, context=True, provider=provider):
        c.cache.setdefault("routed", set()).add(m.group(2).lower())
    return True

# Ancestors a scalar's facts may depend on: its key path (three keys), lists and tables between.
NEAREST = 64


class _Ancestors:
    """The nearest ancestors of scalars, from one cursor that moves from scalar to scalar.

    ``Node.parent`` searches down from the root on every call: a walk up from a scalar in a
    long YAML list rescans the top-level entries once per level (~25 µs per scalar in a 20 KB
    compose file), and a walk to the root from a scalar 50,000 levels deep asks it 50,000
    times (quadratic: 100 KB of nested brackets took 45 s). The cursor keeps the path, climbs
    only to the nearest common ancestor of the next scalar and descends from there: over
    scalars in document order its moves add up to one walk of the tree. Only the NEAREST
    ancestors are handed out, so a deep scalar costs no copy of its whole path."""

    def __init__(self, root):
        self.cursor = root.walk()
        self.path = [root]  # the cursor's node and its ancestors, root first

    def of(self, node) -> list | None:
        """``node``'s ancestors, parent first (None: not found; the caller asks Node.parent)."""
        path, cursor = self.path, self.cursor
        start, end = node.start_byte, node.end_byte
        while len(path) > 1 and not (path[-1].start_byte <= start and end <= path[-1].end_byte):
            cursor.goto_parent()
            path.pop()
        while True:
            if path[-1] == node:
                return path[-2:-NEAREST - 2:-1]
            if cursor.goto_first_child_for_byte(start) is None:
                return None
            child = cursor.node
            path.append(child)
            if child.start_byte > start or child.end_byte < end:  # no child holds it
                return None
        return None


def _parents(node) -> list:
    """The NEAREST ancestors through ``Node.parent`` (each call a search from the root): only
    where the cursor cannot find ``node``."""
    out, parent = [], node.parent
    while parent is not None and len(out) < NEAREST:
        out.append(parent)
        parent = parent.parent
    return out


def _value(c: Collector, language: str, node, ancestors=None) -> None:
    start, end, whole = content(node, language)
    if lang_text.screened_out(c, start, end):
        return
    # walk up: key path (nearest first), whether the value is itself a list item, its mapping
    chain = [node, *((ancestors() if ancestors is not None else None) or _parents(node))]
    keys: list[str | None] = []
    item, prev, mapping = False, None, None
    mappings = [p for p in chain[1:12] if p.type in _MAPPINGS]  # the entry first, then around it
    crossed = False  # a list between the nearest key and the next one: `models: [{name: o3}]`
    at = 1 if language == "yaml" else 0  # YAML wraps scalars in flow/block nodes
    child = chain[at] if at < len(chain) else None
    for _ in range(64):
        parent = chain[at + 1] if child is not None and at + 1 < len(chain) else None
        if parent is None or len(keys) == 3:
            break
        if parent.type in _PAIRS:
            key, _ = _pair_parts(parent)
            if key == child:
                _key(c, start, end)
                return
            keys.append(_key_text(c, key))
            mapping = mapping or (chain[at + 2] if at + 2 < len(chain) else None)
        elif parent.type == "table" and keys:
            header = parent.named_child(0) if parent.named_child_count else None  # [models] before its pairs
            keys.append(_key_text(c, header) if header is not None and header.type.endswith("key") else None)
        elif parent.type in _SEQUENCES and not keys:
            item, prev = True, (parent if parent.type == "block_sequence_item" else child)
        elif parent.type in _SEQUENCES and len(keys) == 1:
            crossed = True
        child, at = parent, at + 1
    key = keys[0] if keys else None
    lower = (key or "").lower()

    if item and _ENV_ITEM.match(c.src.data, start, end):  # compose: - MODEL=openai/o3
        m = _ENV_ITEM.match(c.src.data, start, end)
        key, lower, start = m.group(1).decode(), m.group(1).decode().lower(), m.end()
    text = c.src.decode(start, end).strip()
    # Facts given by the key alone: their keys must be in _KEYED (the screen in extract).
    if lower == "env_file" or (lower == "path" and keys[1:2] == ["env_file"]):
        c.dotenv(start, end)
        return
    if lower in _ENV_NAME_KEYS and _UPPER.fullmatch(text.encode()):
        c.env(text, start, end)  # Codex: env_key = "OPENROUTER_API_KEY" names the variable read
        return
    if lower.endswith("provider") and text.lower() in ("openrouter", "openai"):
        kind = "openrouter" if text.lower() == "openrouter" else "openai-direct"
        c.signal(kind, start, end, f"{key}: {text}")
    if lower == "model_name" and any(_has_key(c, m, "litellm_params") for m in mappings[:1]):
        return  # a LiteLLM proxy's public alias, not the id it sends upstream
    key_provider = _KEY_PROVIDER.search(key or "") if key else None
    if key_provider is not None:  # openRouterModelId, requestyModelId
        hint = "openrouter" if key_provider.group(1) else provider_of_name(key_provider.group(2)) or "other-gateway"
        provider = lambda: hint  # noqa: E731
    else:
        provider = lambda: _provider_flag(c, mappings, text)  # noqa: E731
    if ("," in text or "/" in text or ":" in text) and whole and _route(c, start, end, text, key):
        return
    if item and lower == "models" and mappings and _entry_provider(c, mappings[0])[0] is not None:
        c.cache.setdefault("offered", set()).add(c.src.span(*lang_text.strip_span(c.src.data, start, end)))
    # a registry: `models: {reasoning: openai/o3}`, [models] fast = "o3" (not a list of
    # records, whose `name:` is a display name)
    registry = not item and not crossed and len(keys) > 1 and is_model_name(keys[1]) and lower not in _PROSE_KEYS
    # (LibreChat `models: {default: ["openai/o3", ...]}`: a list one key below a model key)
    in_context = is_model_name(key) or registry or (item and any(is_model_name(k) for k in keys[1:2]))
    mode = "prose" if lower in _PROSE_KEYS else "code"
    lang_text.literal(c, start, end, key=key, context=lambda: in_context or _after_model_flag(c, prev),
                      streaming=lambda: _stream_flag(c, mapping), provider=provider,
                      mode=mode, env="upper", whole=whole,
                      env_name=key if key and _ENV_VAR_NAME.fullmatch(key) else None)


def _has_key(c: Collector, mapping, name: str) -> bool:
    for pair in mapping.named_children if mapping is not None else ():
        if pair.type in _PAIRS and _key_text(c, _pair_parts(pair)[0]) == name:
            return True
    return False


def _after_model_flag(c: Collector, item) -> bool:
    """The list item before this one is --model / -m: args: ["--model", "openai/o3"]."""
    sibling = item.prev_named_sibling if item is not None else None  # O(siblings): only for ids
    if sibling is not None and sibling.type == "block_sequence_item":
        sibling = sibling.named_children[0] if sibling.named_children else None
    return sibling is not None and _MODEL_FLAG.fullmatch(_scalar_text(c, sibling)) is not None
