"""JavaScript, TypeScript, TSX: strings and template literals with their owner (object key,
variable, call such as ``openrouter("openai/o3")``), ``process.env`` reads with ``??``/``||``
defaults, ``@openrouter/*`` imports, ``dotenv.config({ path })``, keys outside comments.

Env reads and ``createOpenRouter(`` are found by byte regex, then confirmed against the tree
(the match must be code, not inside a string or comment): cheaper than walking every member
expression of the file.
"""

from __future__ import annotations

import dataclasses
import re

from . import lang_text
from .treesitter import Collector, Joins, assembled_prefix, captures, in_comment, is_code, is_model_name, owner, parse

_QUERY = """
(string) @string
(template_string) @string
(comment) @comment
"""
_GRAMMAR = {"javascript": "javascript", "typescript": "typescript", "tsx": "tsx"}
_TRANSPARENT = frozenset({
    "parenthesized_expression", "array", "ternary_expression", "as_expression",
    "satisfies_expression", "non_null_expression", "union_type", "literal_type",
    "type_annotation", "type_assertion", "await_expression", "sequence_expression",
})
_PROSE_KEYS = frozenset({"description", "help", "message", "msg", "title", "label", "placeholder", "summary", "text"})
_PROVIDER_FUNCS = frozenset({"openrouter", "openai"})
_PROVIDER_METHODS = frozenset({"chat", "completion", "languageModel", "responses", "chatModel"})
_FACTORIES = frozenset({"createOpenRouter", "createOpenAI"})
_NAMES = {"pair": "key", "variable_declarator": "name", "assignment_expression": "left",
          "assignment_pattern": "left", "public_field_definition": "name",
          "field_definition": "property", "type_alias_declaration": "name",
          "property_signature": "name"}

_ENV = re.compile(
    rb"\b(process\.env|import\.meta\.env|Bun\.env)(?:\s*\.\s*([A-Za-z_$][\w$]*)|\s*\[\s*([\"'`])([A-Za-z_][\w]*)\3\s*\])"
    rb"|\b(Deno)\.env\.get\(\s*([\"'])([A-Za-z_]\w*)\6"
)
_ENV_DEFAULT = re.compile(rb"\s*\)?\s*(?:\?\?|\|\|)\s*([\"'`])([^\"'`\n$]*)\1")
_DESTRUCTURE = re.compile(rb"\{([^{}]*)\}\s*=\s*(?:process\.env|import\.meta\.env|Bun\.env)\b")
_DESTRUCTURED = re.compile(rb"([A-Za-z_$][\w$]*)(?:\s*:\s*[\w$]+)?(?:\s*=\s*([\"'`])([^\"'`\n]*)\2)?")
_ALIAS = re.compile(rb"(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*(?:await\s+)?(?:createOpenRouter|createOpenAI)\s*\(")
_CLASS_USE = re.compile(rb"\b(createOpenRouter|ChatOpenRouter|OpenRouter)\s*\(")
_LITERALS = frozenset({"comment", "string", "string_fragment", "template_string", "escape_sequence", "regex_pattern"})


def extract(c: Collector, language: str) -> None:
    root = parse(_GRAMMAR[language], c.src.data).root_node
    extract_nodes(c, root, file_inputs(c.src.data))
    extract_file(c, root)
    resolve(c.facts, c.src, root)


def resolve(facts, src, root) -> None:
    """The flow pass (parsing/flow.py): where each model id goes. After both passes, on the whole file."""
    from .flow import annotate

    annotate(facts, src, root, facts.language)


# The two halves of ``extract``, apart for the editor (parsing/incremental.py): the node pass
# reads only a node's own statement and the line before it (plus ``file_inputs``), so it can
# run over just the statements an edit touched; the file pass reruns whole.
@dataclasses.dataclass(frozen=True)
class FileInputs:
    """What the node pass needs from the whole file (compared after each edit: a change takes
    the full path): names bound to createOpenRouter(...), vendor-prefix constants."""

    aliases: frozenset[str] = frozenset()
    prefixes: frozenset[tuple[str, str]] = frozenset()


def file_inputs(data: bytes) -> FileInputs:
    aliases = frozenset(m.group(1).decode() for m in _ALIAS.finditer(data)) if b"createOpen" in data else frozenset()
    return FileInputs(aliases, lang_text.prefix_constants(data))


def extract_nodes(c: Collector, root, inputs: FileInputs, byte_range: tuple[int, int] | None = None) -> None:
    """Comments and strings; with ``byte_range``, only those starting inside it."""
    grammar = _GRAMMAR[c.facts.language]
    found = captures(grammar, _QUERY, root, byte_range)
    for node in found.get("comment", ()):
        lang_text.comment(c, node.start_byte, node.end_byte)
    for node in found.get("string", ()):
        if c.stopped:
            break
        _string(c, node, inputs)


def extract_file(c: Collector, root) -> None:
    """Scans of the whole buffer: OpenRouter factories in code, env reads, keys outside comments."""
    data = c.src.data
    for m in lang_text.anchored_finditer(_CLASS_USE, data, (b"createOpenRouter", b"ChatOpenRouter", b"OpenRouter")):
        if is_code(root, m.start(1), m.end(1), frozenset({"identifier"})):
            c.signal("openrouter", m.start(1), m.end(1), f"{m.group(1).decode()}(")
    _env_reads(c, root)
    lang_text.scan_secrets(c, lambda offset: in_comment(root, offset))


def _is_code(root, offset: int) -> bool:
    node = root.descendant_for_byte_range(offset, offset + 1)
    return node is not None and node.type not in _LITERALS and node.parent is not None and node.parent.type not in _LITERALS


def _env_reads(c: Collector, root) -> None:
    data = c.src.data
    for m in lang_text.anchored_finditer(_ENV, data, (b"process", b"import", b"Bun", b"Deno")):
        if not _is_code(root, m.start()):
            continue
        group = 2 if m.group(2) else 4 if m.group(4) else 7
        d = _ENV_DEFAULT.match(data, m.end())
        c.env(m.group(group).decode(), m.start(group), m.end(group), d.group(2).decode("utf-8", "replace") if d else None)
    for m in _destructures(data):
        if not _is_code(root, m.start()):
            continue
        for item in _DESTRUCTURED.finditer(data, m.start(1), m.end(1)):
            default = item.group(3).decode("utf-8", "replace") if item.group(3) is not None else None
            c.env(item.group(1).decode(), item.start(1), item.end(1), default)


_ENV_OBJECTS = (b"process.env", b"import.meta.env", b"Bun.env")


def _destructures(data: bytes):
    """``_DESTRUCTURE.finditer(data)``, from each env object back to the ``{`` before it: the
    regex alone tries every ``{`` of the file (0.8 ms per 150 KB, on every keystroke)."""
    found = []
    for needle in _ENV_OBJECTS:
        i = data.find(needle)
        while i != -1:
            brace = data.rfind(b"{", 0, i)
            m = _DESTRUCTURE.match(data, brace) if brace != -1 else None
            if m is not None and m.end() == i + len(needle):
                found.append(m)
            i = data.find(needle, i + 1)
    found.sort(key=lambda m: m.start())
    return found


def _text(node) -> str:
    return node.text.decode("utf-8", "replace") if node is not None else ""


def content(node) -> tuple[int, int, bool]:
    """(start, end, interpolated) between the quotes of a string or template literal."""
    count = node.child_count
    start, end = node.start_byte, node.end_byte
    first = node.child(0) if count else None
    last = node.child(count - 1) if count > 1 else None
    if first is not None and first.type in ('"', "'", "`"):
        start = first.end_byte
    if last is not None and last.type == first.type and not last.is_missing:
        end = last.start_byte
    # quote, fragment, quote: look at the middle child only, unless escapes or pieces make more
    if count <= 3:
        return start, end, count == 3 and node.child(1).type == "template_substitution"
    return start, end, any(ch.type == "template_substitution" for ch in node.children)


def _name(node) -> str | None:
    """The name a key or target stands for: x, obj.x, "x", [x]."""
    if node is None:
        return None
    if node.type in ("identifier", "property_identifier", "shorthand_property_identifier", "type_identifier",
                     "private_property_identifier"):
        return _text(node)
    if node.type in ("member_expression", "subscript_expression"):
        return _name(node.child_by_field_name("property") or node.child_by_field_name("index"))
    if node.type in ("string", "template_string"):
        start, end, _ = content(node)
        return node.text[start - node.start_byte : end - node.start_byte].decode("utf-8", "replace")
    return None


def _in_registry(node) -> bool:
    """Is this object bound to a model-ish name, up to three objects out?
    const MODELS = {...}, { models: { fast: {...} } }."""
    for _ in range(3):
        child, parent = owner(node, _TRANSPARENT)
        if parent is None or parent.type not in _NAMES:
            return False
        target = parent.child_by_field_name(_NAMES[parent.type])
        if target == child:
            return False
        if is_model_name(_name(target)):
            return True
        if parent.type != "pair":
            return False
        node = parent.parent
    return False


def _has_model_key(obj) -> bool:
    """Does this object literal have a pair whose key names a model (model, openrouterModel)?"""
    if obj is None or obj.type != "object":
        return False
    return any(pair.type == "pair" and is_model_name(_name(pair.child_by_field_name("key"))) for pair in obj.named_children)


def _callee(call):
    return call.child_by_field_name("function") or call.child_by_field_name("constructor")


def _is_model_call(fn, aliases: frozenset[str]) -> bool:
    if fn is None:
        return False
    if fn.type == "identifier":
        # viaOpenRouter("o3", ...), askOpenRouter(...): the first argument of a function named for
        # OpenRouter is its model (the flow pass then checks where it goes)
        return _text(fn) in _PROVIDER_FUNCS or _text(fn) in aliases or "openrouter" in _text(fn).lower()
    if fn.type == "member_expression":
        obj, prop = _text(fn.child_by_field_name("object")), _text(fn.child_by_field_name("property"))
        return (obj in _PROVIDER_FUNCS or obj in aliases) and prop in _PROVIDER_METHODS
    if fn.type == "call_expression":  # createOpenRouter({...})("openai/o3")
        return _text(fn.child_by_field_name("function")) in _FACTORIES
    return False


def _object_streaming(obj) -> bool | None:
    for pair in obj.named_children if obj is not None else ():
        if pair.type == "pair" and _name(pair.child_by_field_name("key")) == "stream":
            value = pair.child_by_field_name("value")
            if value is not None and value.type in ("true", "false"):
                return value.type == "true"
    return None


def _pair_streaming(obj) -> bool | None:
    flag = _object_streaming(obj)
    return flag if flag is not None else _call_streaming(obj)


def _call_streaming(node) -> bool | None:
    """streamText / streamObject (Vercel AI SDK) stream; generateText / generateObject do not."""
    for _ in range(8):
        node = node.parent
        if node is None:
            return None
        if node.type == "call_expression":
            name = _text(_callee(node)).rsplit(".", 1)[-1]
            if re.match(r"stream(?:[A-Z]|$)", name):
                return True
            if re.match(r"generate[A-Z]", name):
                return False
    return None


# `VENDOR + "o3"`, `"openai/" + "o3"`, `` `openai/${careful ? "o3-pro" : "gpt-4.1"}` ``
_JOINS = Joins(
    passes=lambda n: n.type in ("ternary_expression", "parenthesized_expression") or (
        n.type == "binary_expression" and _text(n.child_by_field_name("operator")) in ("??", "||")),
    hole="template_substitution", literal="string_fragment", plus="binary_expression", string_value=_name)


def _string(c: Collector, node, inputs: FileInputs) -> None:
    aliases = inputs.aliases
    start, end, interpolated = content(node)
    if lang_text.screened_out(c, start, end):
        return
    prefix = None
    if end - start <= 40 and not interpolated and b" " not in c.src.data[start:end] and inputs.prefixes is not None:
        prefix = assembled_prefix(node, _JOINS, inputs.prefixes)
    if prefix is not None:  # "o3" joined to "openai/": the model id is the joined text
        lang_text.literal(c, start, end, context=True, assembled=prefix + c.src.decode(start, end),
                          streaming=lambda: _call_streaming(node))
        return
    child, parent = node, node.parent
    context = False
    for _ in range(32):
        if parent is None:
            break
        if parent.type == "binary_expression" and _text(parent.child_by_field_name("operator")) in ("??", "||"):
            context = context or is_model_name(_text(parent.child_by_field_name("left")))
        elif parent.type not in _TRANSPARENT:
            break
        child, parent = parent, parent.parent
    kind = parent.type if parent is not None else "program"
    key, streaming, mode = None, None, "code"
    text = c.src.decode(start, end)

    if kind in ("import_statement", "export_statement") or (
        kind == "arguments" and _text(_callee(parent.parent)) in ("require", "import")
    ):
        if text.startswith("@openrouter/"):
            c.signal("openrouter", start, end, f"import {text}")
        return
    if kind in _NAMES:
        target = parent.child_by_field_name(_NAMES[kind])
        if target == child:
            return  # a key or name, not a value
        key = _name(target)
        if kind == "pair":
            obj = parent.parent
            if not is_model_name(key):  # a registry: const MODELS = { reasoning: "openai/o3" }
                # ... unless this record names its model under a model key of its own
                # ({id: "o3", name: "o3", openrouterModel: "openai/o3"}): then `id` and `name`
                # are the app's menu labels and only that key's value is sent.
                context = context or (lambda: _in_registry(obj) and not _has_model_key(obj))
            streaming = lambda: _pair_streaming(obj)  # noqa: E731 - evaluated only for model ids
            if key in _PROSE_KEYS:
                mode = "prose"
            args = obj.parent if obj is not None else None
            if key == "path" and args is not None and args.type == "arguments" and _text(_callee(args.parent)).endswith("config"):
                c.dotenv(start, end)
                return
    elif kind == "jsx_attribute":
        key = _text(parent.named_children[0]) if parent.named_children else None
    elif kind == "arguments":
        call = parent.parent
        fn = _callee(call)
        fn_text = _text(fn)
        first = parent.named_child_count > 0 and parent.named_child(0) == child  # O(1), unlike enumerating the arguments
        if fn_text.endswith("loadEnvFile") and first:
            c.dotenv(start, end)
            return
        if re.match(r"(console|logger|log)\.", fn_text) or (call.type == "new_expression" and fn_text.endswith("Error")):
            mode = "prose"
        context = context or (first and _is_model_call(fn, aliases))
        streaming = lambda: _call_streaming(child)  # noqa: E731
    elif kind == "binary_expression":
        comparison = _text(parent.child_by_field_name("operator")) in ("===", "!==", "==", "!=", "<", ">", "in", "instanceof")
        context = not comparison and any(is_model_name(_name(n)) for n in parent.named_children if n != child)
    elif kind == "ERROR":  # half-typed: `openrouter.chat("openai/o3"` has no arguments node yet
        paren = child.prev_sibling
        callee = paren.prev_sibling if paren is not None and paren.type == "(" else None
        owner = lang_text.owner_before(c, node.start_byte)
        context = context or _is_model_call(callee, aliases) or is_model_name(owner)

    lang_text.literal(c, start, end, key=key, context=is_model_name(key) or context, provider=lang_text.key_provider(key),
                      streaming=streaming, mode=mode, whole=not interpolated)
