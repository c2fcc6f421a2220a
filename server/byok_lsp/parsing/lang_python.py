"""Python: string literals with their owner (keyword, dict key, assignment target, call), env
reads, imports of OpenRouter SDKs, dotenv paths, keys outside comments.

One query collects strings, comments and imports; each string then looks a few parents up to
find what owns it. Docstrings (expression-statement strings) only ever quote errors.
"""

from __future__ import annotations

import re

from . import lang_text
from .treesitter import Collector, Joins, assembled_prefix, captures, in_comment, is_code, is_model_name, owner, parse

_QUERY = """
(string) @string
(comment) @comment
(import_statement) @import
(import_from_statement) @import
"""
# Parents a string passes through on the way to its owner: MODELS = ["a", "b"], x = (a if c else b)
_TRANSPARENT = frozenset({
    "concatenated_string", "parenthesized_expression", "list", "tuple", "set", "expression_list",
    "conditional_expression", "boolean_operator", "list_splat", "dictionary_splat",
})
# first positional argument is a model id
_MODEL_CALLS = frozenset({
    "openrouter", "completion", "acompletion", "ChatOpenAI", "ChatOpenRouter", "init_chat_model",
    "LiteLLMModel", "OpenAIModel", "OpenAIChatModel", "OpenAIResponsesModel", "Agent",
})
_ENV_CALLS = frozenset({
    "os.getenv", "getenv", "os.environ.get", "environ.get", "os.environ.setdefault",
    "environ.setdefault", "os.environ.pop", "environ.pop",
})
_DOTENV_CALLS = frozenset({"load_dotenv", "dotenv_values"})
_PROSE_KWARGS = frozenset({"help", "description", "epilog", "usage", "msg", "message", "metavar"})
_PROSE_CALLS = frozenset({
    "print", "debug", "info", "warning", "warn", "error", "exception", "critical", "log",
    "echo", "secho", "write",
})
_OPENROUTER_MODULES = frozenset({"openrouter", "langchain_openrouter"})
_UPPER_NAME = re.compile(r"[A-Z_][A-Z0-9_]*")
_CLASS_USE = re.compile(rb"\b(ChatOpenRouter|OpenRouter)\s*\(")
_IDENT = frozenset({"identifier"})


def extract(c: Collector) -> None:
    root = parse("python", c.src.data).root_node
    extract_nodes(c, root, file_inputs(c.src.data))
    extract_file(c, root)
    resolve(c.facts, c.src, root)


def resolve(facts, src, root) -> None:
    """The flow pass (parsing/flow.py): where each model id goes. After both passes, on the whole file."""
    from .flow import annotate

    annotate(facts, src, root, "python")


# The two halves of ``extract``, apart for the editor (parsing/incremental.py): the node pass
# reads only a node's own statement (its ancestors up to it, siblings within it) and the line
# before it, so it can run over just the statements an edit touched; the file pass reruns whole.
def file_inputs(data: bytes) -> frozenset[tuple[str, str]]:
    """What the node pass needs from the whole file: its vendor-prefix constants (VENDOR = "openai/")."""
    return lang_text.prefix_constants(data)


def extract_nodes(c: Collector, root, inputs: frozenset[tuple[str, str]] = frozenset(),
                  byte_range: tuple[int, int] | None = None) -> None:
    """Comments, imports and strings; with ``byte_range``, only those starting inside it."""
    found = captures("python", _QUERY, root, byte_range, budget=("string", c.literals_left))
    for node in found.get("comment", ()):
        lang_text.comment(c, node.start_byte, node.end_byte)
    for node in found.get("import", ()):
        _import(c, node)
    for node in found.get("string", ()):
        if c.stopped:
            break
        _string(c, node, inputs)


def extract_file(c: Collector, root) -> None:
    """Scans of the whole buffer: OpenRouter classes in code, keys outside comments."""
    for m in lang_text.anchored_finditer(_CLASS_USE, c.src.data, (b"ChatOpenRouter", b"OpenRouter")):
        if is_code(root, m.start(1), m.end(1), _IDENT):
            c.signal("openrouter", m.start(1), m.end(1), f"{m.group(1).decode()}(")
    lang_text.scan_secrets(c, lambda offset: in_comment(root, offset))
    if b"BaseSettings" in c.src.data:
        _settings_classes(c, root)


# pydantic-settings: each field of a BaseSettings class is read from the environment (and the
# env_file) under env_prefix + the field name, case-insensitively, unless an alias names the
# variable: `openrouter_token: SecretStr` with env_prefix="APP_" reads APP_OPENROUTER_TOKEN.
# https://docs.pydantic.dev/latest/concepts/pydantic_settings/ (as of 2026-12)
_PREFIX = re.compile(rb"""\benv_prefix\s*=\s*(?:[rbuRBU]{0,2})["']([^"'\\]*)["']""")
_ALIAS = re.compile(rb"""\b(?:validation_alias|alias)\s*=\s*["']([A-Za-z_][A-Za-z0-9_]*)["']""")


def _settings_classes(c: Collector, root) -> None:
    for node in root.children:
        if node.type == "decorated_definition":
            node = node.child_by_field_name("definition")
        if node is None or node.type != "class_definition":
            continue
        bases = node.child_by_field_name("superclasses")
        body = node.child_by_field_name("body")
        if bases is None or body is None or not re.search(rb"\bBaseSettings\b", bases.text):
            continue
        prefix, fields = "", []
        for stmt in body.children:
            if stmt.type == "class_definition" and stmt.child_by_field_name("name").text == b"Config":
                m = _PREFIX.search(stmt.text)  # pydantic v1 style: class Config: env_prefix = "APP_"
                prefix = m.group(1).decode("utf-8", "replace") if m else prefix
                continue
            assign = stmt.child(0) if stmt.type == "expression_statement" else None
            if assign is None or assign.type != "assignment":
                continue
            left, right = assign.child_by_field_name("left"), assign.child_by_field_name("right")
            if left is None or left.type != "identifier":
                continue
            if left.text == b"model_config":
                m = _PREFIX.search(right.text) if right is not None else None
                prefix = m.group(1).decode("utf-8", "replace") if m else prefix
            elif assign.child_by_field_name("type") is not None:  # an annotated field, not a class constant
                alias = _ALIAS.search(right.text) if right is not None and right.type == "call" else None
                fields.append((left, alias.group(1).decode() if alias else None))
        for left, alias in fields:
            name = alias or prefix + left.text.decode("utf-8", "replace")
            c.env(name.upper(), left.start_byte, left.end_byte)


def _import(c: Collector, node) -> None:
    names = node.children_by_field_name("module_name") or node.children_by_field_name("name")
    for name in names:
        target = name.child_by_field_name("name") if name.type == "aliased_import" else name
        if target is None:
            continue
        module = target.text.decode("utf-8", "replace")
        if module.split(".")[0] in _OPENROUTER_MODULES:
            c.signal("openrouter", target.start_byte, target.end_byte, f"import {module}")


def content(node) -> tuple[int, int, bool]:
    """(start, end, interpolated) of a string node's text between its quotes."""
    count = node.child_count
    first, last = node.child(0), node.child(count - 1)
    start = first.end_byte if first.type == "string_start" else node.start_byte
    end = last.start_byte if last.type == "string_end" else node.end_byte
    # start, content, end: look at the middle child only, unless escapes or pieces make more
    if count <= 3:
        return start, end, count == 3 and node.child(1).type == "interpolation"
    return start, end, any(ch.type == "interpolation" for ch in node.children)


def _text(node) -> str:
    return node.text.decode("utf-8", "replace") if node is not None else ""


def _name_of(node) -> str | None:
    """The name a target or key node stands for: x, self.x, cfg["x"], "x"."""
    if node is None:
        return None
    if node.type == "identifier":
        return _text(node)
    if node.type == "attribute":
        return _text(node.child_by_field_name("attribute"))
    if node.type == "subscript":
        index = node.child_by_field_name("subscript")
        return _name_of(index) if index is not None else None
    if node.type == "string":
        start, end, _ = content(node)
        return node.text[start - node.start_byte : end - node.start_byte].decode("utf-8", "replace")
    return None


def _call_name(call) -> str:
    if call is None or call.type != "call":
        return ""
    return re.sub(r"\s+", "", _text(call.child_by_field_name("function")))


def _positional(args) -> list:
    return [a for a in args.named_children if a.type not in ("keyword_argument", "comment")]


def _kwarg(args, name: str):
    for a in args.named_children:
        if a.type == "keyword_argument" and _text(a.child_by_field_name("name")) == name:
            return a.child_by_field_name("value")
    return None


def _string_value(node) -> str | None:
    if node is None or node.type != "string":
        return None
    start, end, interpolated = content(node)
    return None if interpolated else node.text[start - node.start_byte : end - node.start_byte].decode("utf-8", "replace")


def _streaming(call) -> bool | None:
    name = _call_name(call).rsplit(".", 1)[-1]
    if name in ("stream", "astream"):
        return True
    args = call.child_by_field_name("arguments") if call is not None and call.type == "call" else None
    if args is None:
        return None
    for kw in ("stream", "streaming"):
        value = _kwarg(args, kw)
        if value is not None and value.type in ("true", "false"):
            return value.type == "true"
    return None


def _dict_streaming(dictionary) -> bool | None:
    for pair in dictionary.named_children:
        if pair.type == "pair" and _name_of(pair.child_by_field_name("key")) == "stream":
            value = pair.child_by_field_name("value")
            if value is not None and value.type in ("true", "false"):
                return value.type == "true"
    return None


def _has_model_key(dictionary) -> bool:
    """Does this dict literal have a pair whose key names a model ("model", "openrouter_model")?"""
    if dictionary is None or dictionary.type != "dictionary":
        return False
    return any(pair.type == "pair" and is_model_name(_name_of(pair.child_by_field_name("key")))
               for pair in dictionary.named_children)


def _in_registry(node) -> bool:
    """Is this container bound to a model-ish name, up to three containers out?
    MODELS = {...}, models=[...], {"models": {"fast": {...}}}."""
    for _ in range(3):
        child, parent = owner(node, _TRANSPARENT)
        if parent is None:
            return False
        if parent.type == "keyword_argument":
            return is_model_name(_text(parent.child_by_field_name("name")))
        if parent.type in ("assignment", "augmented_assignment"):
            return is_model_name(_name_of(parent.child_by_field_name("left")))
        if parent.type != "pair" or parent.child_by_field_name("value") != child:
            return False
        if is_model_name(_name_of(parent.child_by_field_name("key"))):
            return True
        node = parent.parent  # the enclosing dictionary
        if node is None:
            return False
    return False


def _nth(node, index: int):
    return node.named_child(index) if index < node.named_child_count else None


# VENDOR + "o3", "openai/" + "o3", f"openai/{'o3-pro' if careful else 'gpt-4.1'}"
_JOINS = Joins(passes=lambda n: n.type in ("conditional_expression", "parenthesized_expression", "boolean_operator"),
               hole="interpolation", literal="string_content", plus="binary_operator", string_value=_string_value)


def _string(c: Collector, node, prefixes: frozenset[tuple[str, str]] = frozenset()) -> None:
    start, end, interpolated = content(node)
    if lang_text.screened_out(c, start, end):
        return
    if end - start <= 40 and not interpolated and b" " not in c.src.data[start:end]:
        prefix = assembled_prefix(node, _JOINS, prefixes)
        if prefix is not None:  # "o3" joined to "openai/": the model id is the joined text
            lang_text.literal(c, start, end, context=True, assembled=prefix + c.src.decode(start, end))
            return
    child, parent = owner(node, _TRANSPARENT)
    kind = parent.type if parent is not None else "module"
    key, context, streaming, mode = None, False, None, "code"

    if kind == "expression_statement" and parent.named_child_count == 1:
        mode = "doc"
    elif kind == "keyword_argument":
        key = _text(parent.child_by_field_name("name"))
        args = parent.parent
        call = args.parent if args is not None else None
        fn = _call_name(call)
        context = is_model_name(key)
        if key in _PROSE_KWARGS:
            mode = "prose"
        elif key == "default" and fn.endswith("add_argument"):
            context = lambda: any("model" in (_string_value(a) or "").lower() for a in _positional(args))  # noqa: E731
        elif key == "dotenv_path" and fn.rsplit(".", 1)[-1] in _DOTENV_CALLS:
            c.dotenv(start, end)
        elif key == "default" and fn in _ENV_CALLS:
            key = _string_value(_nth(args, 0))
            context = is_model_name(key)
        streaming = lambda: _streaming(call)  # noqa: E731 - evaluated only for model ids
    elif kind == "argument_list":
        call = parent.parent
        fn = _call_name(call)
        last = fn.rsplit(".", 1)[-1]
        # named_child(i) is O(i): never enumerate the arguments of a call with 10,000 of them
        index = 0 if _nth(parent, 0) == child else 1 if _nth(parent, 1) == child else -1
        if last in _PROSE_CALLS or re.match(r"(logging|logger|log|warnings)\.", fn) or last.endswith(("Error", "Exception", "Warning")):
            mode = "prose"
        if index == 0 and (fn in _ENV_CALLS or (last == "config" and _UPPER_NAME.fullmatch(_string_value(node) or ""))):
            second = _nth(parent, 1)
            default = _string_value(second if second is not None and second.type != "keyword_argument"
                                    else _kwarg(parent, "default"))
            name = _string_value(node)
            if name:
                c.env(name, start, end, default)
            return
        if index == 0 and last in _DOTENV_CALLS:
            c.dotenv(start, end)
            return
        if index == 1 and fn in _ENV_CALLS:
            key = _string_value(_nth(parent, 0))
            context = is_model_name(key)
        elif index == 0 and (last in _MODEL_CALLS or "openrouter" in last.lower()):
            context = True  # _via_openrouter("openai/o3"): the flow pass checks where it goes
        streaming = lambda: _streaming(call)  # noqa: E731
    elif kind == "pair":
        if parent.child_by_field_name("key") == child:
            return  # a dict key names a slot, not a model: {"o3": 0.5} is a price table
        key = _name_of(parent.child_by_field_name("key"))
        dictionary = parent.parent
        # a registry: MODELS = {"reasoning": "openai/o3"} (the key names a role, the dict models)
        # ... unless this record names its model under a model key of its own ({"id": "o3",
        # "model": "openrouter/openai/o3"}): then the other keys are labels, only that one is sent
        context = True if is_model_name(key) else lambda: _in_registry(dictionary) and not _has_model_key(dictionary)
        streaming = lambda: _dict_streaming(dictionary)  # noqa: E731
    elif kind in ("assignment", "augmented_assignment"):
        key = _name_of(parent.child_by_field_name("left"))
        context = is_model_name(key)
    elif kind in ("default_parameter", "typed_default_parameter"):
        key = _name_of(parent.child_by_field_name("name"))
        context = is_model_name(key)
    elif kind == "subscript":
        if parent.child_by_field_name("subscript") == child and _text(parent.child_by_field_name("value")).endswith("environ"):
            target = parent.parent
            name = _string_value(node)
            if name and not (target is not None and target.type == "assignment" and target.child_by_field_name("left") == parent):
                c.env(name, start, end)
            return
    elif kind == "comparison_operator":
        context = False  # `if "o3" in args.model:` checks a value; it sends nothing
    elif kind == "ERROR" or parent is None:
        # half-typed code: `completion("o3"` has no argument_list yet; `model = "o3" +` no assignment
        paren = child.prev_sibling
        callee = paren.prev_sibling if paren is not None and paren.type == "(" else None
        key = lang_text.owner_before(c, node.start_byte)
        context = is_model_name(key) or (callee is not None and _text(callee).rsplit(".", 1)[-1] in _MODEL_CALLS)

    lang_text.literal(c, start, end, key=key, context=context, streaming=streaming, mode=mode,
                      provider=lang_text.key_provider(key),
                      whole=not interpolated and mode != "doc")
