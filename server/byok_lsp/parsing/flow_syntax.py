"""The grammar-specific half of the flow pass: node types and small accessors, for Python and for
JavaScript/TypeScript/TSX (one table serves all three tree-sitter grammars)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .treesitter import ancestors

_WS = re.compile(r"\s+")
_JS_ENV = re.compile(r"(?:process\.env|import\.meta\.env|Bun\.env|env|c\.env|context\.env)\.([A-Za-z_]\w*)"
                     r"|(?:process\.env|import\.meta\.env|Bun\.env)\[[\"'`]([A-Za-z_]\w*)[\"'`]\]"
                     r"|Deno\.env\.get\([\"']([A-Za-z_]\w*)[\"']\)")


def _text(node) -> str:
    return node.text.decode("utf-8", "replace") if node is not None else ""


def _field(node, name: str):
    return node.child_by_field_name(name) if node is not None else None


@dataclass(frozen=True)
class Syntax:
    name: str
    strings: frozenset[str]
    identifiers: frozenset[str]
    transparent: frozenset[str]
    collections: frozenset[str]
    pairs: frozenset[str]
    keyword_args: frozenset[str]
    arguments: frozenset[str]
    subscripts: frozenset[str]
    members: frozenset[str]
    calls: frozenset[str]
    functions: frozenset[str]
    classes: frozenset[str]
    wrappers: frozenset[str] = field(default_factory=frozenset)
    fields: frozenset[str] = field(default_factory=frozenset)  # class field definitions (JS)
    # nodes that join a value into a longer text (templates, concatenation, f-strings)
    joins: frozenset[str] = frozenset({"template_substitution", "template_string", "interpolation", "binary_operator"})
    # calls that only show a value to a person: print("openai/o3") is not usage
    prose_calls: frozenset[str] = frozenset({
        "print", "pprint", "echo", "secho", "write", "writeln", "log", "debug", "info", "warn", "warning",
        "error", "exception", "critical", "fatal", "trace", "puts", "printf", "println", "format", "markdown",
        "add_argument", "Field", "help", "title", "caption", "text", "header", "subheader", "alert", "confirm",
    })

    # ----- pairs and keyword arguments ----------------------------------------------------------
    def pair_key(self, pair):
        return _field(pair, "key")

    def pair_value(self, pair):
        return _field(pair, "value")

    def key_text(self, node) -> str | None:
        if node is None:
            return None
        if node.type in self.strings:
            return self.string_value(node)
        return _text(node)

    def keyword_name(self, kwarg) -> str | None:
        return _text(_field(kwarg, "name")) or None

    # ----- calls ---------------------------------------------------------------------------------
    def call_of_arguments(self, args):
        parent = args.parent if args is not None else None
        return parent if parent is not None and parent.type in self.calls else None

    def callee(self, call):
        return _field(call, "function") or _field(call, "constructor")

    def callee_name(self, call) -> str:
        node = self.callee(call)
        if node is None:
            return ""
        if node.type in self.calls:  # createOpenRouter({...})("openai/o3")
            return self.callee_name(node)
        return _WS.sub("", _text(node))

    def arguments_of(self, call):
        return _field(call, "arguments")

    def receiver_root(self, callee):
        """``client`` of client.chat.completions.create; ``self.client`` of self.client.x.y;
        ``openrouter`` of openrouter(...) (a callee that is itself a bound name)."""
        node = callee
        if node is None:
            return None
        if node.type in self.identifiers:
            return node
        for _ in range(16):
            if node.type not in self.members:
                return None
            obj = self.member_object(node)
            if obj is None:
                return None
            if obj.type in self.identifiers:
                return obj
            if obj.type in self.members and _text(self.member_object(obj)) in ("self", "this", "cls"):
                return obj
            if obj.type in self.calls:  # OpenAI(...).chat.completions.create(...)
                return obj
            node = obj
        return None

    def unwrap_await(self, node):
        while node is not None and node.type in ("await", "await_expression", "parenthesized_expression"):
            node = node.named_children[-1] if node.named_children else None
        return node

    # ----- functions -----------------------------------------------------------------------------
    def returned_from(self, parent, child):
        """The function whose ``return`` statement ``parent`` is (None when it is not one)."""
        if parent.type != "return_statement":
            return None
        return next((n for n in ancestors(parent.parent, 40) if n.type in self.functions), None)

    def function_body(self, function):
        return _field(function, "body")

    # ----- members and subscripts ----------------------------------------------------------------
    def member_object(self, node):
        return _field(node, "object")

    def member_property(self, node):
        return _field(node, "attribute") or _field(node, "property")

    def subscript_object(self, node):
        return _field(node, "value") or _field(node, "object")

    def subscript_key(self, node) -> str | None:
        if node.type in self.members:  # MODELS.fast (JS objects)
            prop = self.member_property(node)
            return _text(prop) if prop is not None else None
        index = _field(node, "subscript") or _field(node, "index")
        if index is not None and index.type in self.strings:
            return self.string_value(index)
        return None

    # ----- strings -------------------------------------------------------------------------------
    def string_prefix(self, node) -> str:
        """The literal text before the first interpolation: f"https://host/{x}/v1" → "https://host/"."""
        parts = []
        for ch in node.children:
            if ch.type in ("string_start", "string_end", '"', "'", "`"):
                continue
            if ch.type in ("interpolation", "template_substitution"):
                break
            parts.append(_text(ch))
        return "".join(parts)

    def string_value(self, node) -> str | None:
        """The literal text between the quotes, or None when it is interpolated."""
        parts = []
        for ch in node.children:
            if ch.type in ("string_start", "string_end", '"', "'", "`"):
                continue
            if ch.type in ("interpolation", "template_substitution"):
                return None
            parts.append(_text(ch))
        return "".join(parts)


class _PythonSyntax(Syntax):
    def at_module_level(self, assignment) -> bool:
        statement = assignment.parent
        return statement is not None and statement.parent is not None and statement.parent.type == "module"

    def call_of_arguments(self, args):
        node = args
        if node is not None and node.type == "keyword_argument":
            node = node.parent
        return super().call_of_arguments(node)

    def assigned_name(self, parent, child) -> str | None:
        if parent.type in ("assignment", "augmented_assignment", "annotated_assignment") and _field(parent, "right") == child:
            name = _dotted(_field(parent, "left"))
            statement = parent.parent
            block = statement.parent if statement is not None else None
            if name and "." not in name and block is not None and block.parent is not None \
                    and block.parent.type == "class_definition":
                return f"self.{name}"  # a class attribute: read as self.x in the methods
            return name
        if parent.type == "named_expression" and _field(parent, "value") == child:
            return _text(_field(parent, "name"))
        return None

    def default_param(self, parent, child):
        if parent.type in ("default_parameter", "typed_default_parameter") and _field(parent, "value") == child:
            params = parent.parent
            function = params.parent if params is not None else None
            if function is not None and function.type in self.functions:
                return _text(_field(parent, "name")), function
        return None

    def parameters(self, function) -> list[str]:
        out = []
        for p in (_field(function, "parameters").named_children if _field(function, "parameters") else ()):
            if p.type == "identifier":
                out.append(_text(p))
            elif p.type in ("default_parameter", "typed_default_parameter", "typed_parameter"):
                name = _field(p, "name") or (p.named_children[0] if p.named_children else None)
                out.append(_text(name))
        return out

    def function_name(self, function) -> str | None:
        return _text(_field(function, "name")) or None

    def function_named(self, occ):
        parent = occ.parent
        return parent if parent is not None and parent.type == "function_definition" and _field(parent, "name") == occ else None

    def call_with_callee(self, occ):
        node = occ
        if node.parent is not None and node.parent.type == "attribute" and _field(node.parent, "attribute") == node:
            node = node.parent  # self.default_model()
        parent = node.parent
        return parent if parent is not None and parent.type == "call" and _field(parent, "function") == node else None

    def is_binding_target(self, binding, node) -> bool:
        return _field(binding, "left") == node or _field(binding, "name") == node

    def binding_value(self, target):
        parent = target.parent
        if parent is not None and parent.type in ("assignment", "annotated_assignment") and _field(parent, "left") == target:
            return _field(parent, "right")
        if parent is not None and parent.type == "named_expression" and _field(parent, "name") == target:
            return _field(parent, "value")
        return None

    def env_read(self, node):
        """os.getenv("X", d), os.environ.get("X"), os.environ["X"], config("X") → (X, d)."""
        if node.type == "call":
            name = _WS.sub("", _text(_field(node, "function")))
            if name in ("os.getenv", "getenv", "os.environ.get", "environ.get", "env", "config", "os.environ.setdefault"):
                args = [a for a in _field(node, "arguments").named_children if a.type != "comment"]
                if args and args[0].type == "string":
                    var = self.string_value(args[0])
                    default = None
                    for a in args[1:]:
                        value = _field(a, "value") if a.type == "keyword_argument" else a
                        if value is not None and value.type == "string":
                            default = self.string_value(value)
                            break
                    if var and re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", var):
                        return var, default
        if node.type == "subscript" and _text(_field(node, "value")).endswith("environ"):
            key = _field(node, "subscript")
            if key is not None and key.type == "string":
                var = self.string_value(key)
                return (var, None) if var else None
        return None

    def import_source(self, occ) -> str | None:
        for node in ancestors(occ.parent, 4):
            if node.type == "import_from_statement":
                return _text(_field(node, "module_name"))
            if node.type == "import_statement":
                return _text(occ)
        return None


class _JsSyntax(Syntax):
    def at_module_level(self, declarator) -> bool:
        node = declarator.parent  # lexical_declaration / variable_declaration / expression_statement
        for _ in range(3):
            if node is None:
                return False
            if node.type == "program":
                return True
            if node.type not in ("lexical_declaration", "variable_declaration", "export_statement", "expression_statement"):
                return False
            node = node.parent
        return False

    def keyword_name(self, kwarg) -> str | None:
        return None

    def assigned_name(self, parent, child) -> str | None:
        if parent.type == "variable_declarator" and _field(parent, "value") == child:
            name = _field(parent, "name")
            return _text(name) if name is not None and name.type == "identifier" else None
        if parent.type == "assignment_expression" and _field(parent, "right") == child:
            return _dotted(_field(parent, "left"))
        if parent.type in ("public_field_definition", "field_definition") and _field(parent, "value") == child:
            name = _field(parent, "name") or _field(parent, "property")
            return f"this.{_text(name)}" if name is not None else None
        return None

    def default_param(self, parent, child):
        if parent.type in ("required_parameter", "optional_parameter", "assignment_pattern") and \
                (_field(parent, "value") == child or _field(parent, "right") == child):
            name = _field(parent, "pattern") or _field(parent, "left")
            function = parent.parent.parent if parent.parent is not None else None
            if name is not None and name.type == "identifier" and function is not None and function.type in self.functions:
                return _text(name), function
        return None

    def returned_from(self, parent, child):
        if parent.type == "arrow_function" and _field(parent, "body") == child:
            return parent  # (x) => "openai/o3": the body is the returned value
        return super().returned_from(parent, child)

    def parameters(self, function) -> list[str]:
        params = _field(function, "parameters") or _field(function, "parameter")
        if params is None:
            return []
        if params.type == "identifier":
            return [_text(params)]
        out = []
        for p in params.named_children:
            name = _field(p, "pattern") or _field(p, "left") or p
            out.append(_text(name) if name.type == "identifier" else "")
        return out

    def function_name(self, function) -> str | None:
        name = _field(function, "name")
        if name is not None:
            return _text(name)
        parent = function.parent  # const ask = (...) => ...
        if parent is not None and parent.type == "variable_declarator":
            return _text(_field(parent, "name")) or None
        return None

    def function_named(self, occ):
        parent = occ.parent
        if parent is None:
            return None
        if parent.type in ("function_declaration", "generator_function_declaration", "method_definition") and _field(parent, "name") == occ:
            return parent
        if parent.type == "variable_declarator" and _field(parent, "name") == occ:
            value = _field(parent, "value")
            if value is not None and value.type in ("arrow_function", "function_expression", "function"):
                return value
        return None

    def call_with_callee(self, occ):
        node = occ
        if node.parent is not None and node.parent.type == "member_expression" and _field(node.parent, "property") == node:
            node = node.parent
        parent = node.parent
        return parent if parent is not None and parent.type == "call_expression" and _field(parent, "function") == node else None

    def is_binding_target(self, binding, node) -> bool:
        return node in (_field(binding, "name"), _field(binding, "left"), _field(binding, "property"))

    def binding_value(self, target):
        parent = target.parent
        if parent is None:
            return None
        if parent.type == "variable_declarator" and _field(parent, "name") == target:
            return _field(parent, "value")
        if parent.type == "assignment_expression" and _field(parent, "left") == target:
            return _field(parent, "right")
        if parent.type in ("public_field_definition", "field_definition") and \
                (_field(parent, "name") == target or _field(parent, "property") == target):
            return _field(parent, "value")
        if target.type == "member_expression" and _text(_field(target, "object")) == "this":
            grand = target.parent
            if grand is not None and grand.type == "assignment_expression" and _field(grand, "left") == target:
                return _field(grand, "right")
        return None

    def env_read(self, node):
        """process.env.X (?? "d"), process.env["X"], import.meta.env.X, Deno.env.get("X") → (X, d)."""
        target, default = node, None
        if node.type == "binary_expression" and _text(_field(node, "operator")) in ("??", "||"):
            right = _field(node, "right")
            if right is not None and right.type in self.strings:
                default = self.string_value(right)
            target = _field(node, "left")
        if target is None:
            return None
        if target.type not in ("member_expression", "subscript_expression", "call_expression"):
            return None
        text = _WS.sub("", _text(target))
        m = _JS_ENV.fullmatch(text)
        return (next(g for g in m.groups() if g), default) if m else None

    def import_source(self, occ) -> str | None:
        for node in ancestors(occ.parent, 5):
            if node.type == "import_statement":
                source = _field(node, "source")
                return self.string_value(source) if source is not None else None
            if node.type == "variable_declarator":  # const { x } = require("m")
                value = _field(node, "value")
                if value is not None and value.type == "call_expression" and _text(_field(value, "function")) == "require":
                    args = _field(value, "arguments")
                    first = args.named_children[0] if args is not None and args.named_children else None
                    return self.string_value(first) if first is not None and first.type in self.strings else None
                return None
        return None


def _dotted(node) -> str | None:
    """x, self.x, this.x, settings.model → their text; anything else (a[0], tuples) → None."""
    if node is None:
        return None
    text = re.sub(r"\s+", "", _text(node))
    return text if re.fullmatch(r"[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)?", text) else None


PYTHON = _PythonSyntax(
    name="python",
    strings=frozenset({"string"}),
    identifiers=frozenset({"identifier"}),
    transparent=frozenset({"parenthesized_expression", "conditional_expression", "boolean_operator",
                           "concatenated_string", "list_splat", "dictionary_splat", "expression_list", "await",
                           "binary_operator", "interpolation", "string"}),
    collections=frozenset({"list", "tuple", "set", "dictionary"}),
    pairs=frozenset({"pair"}),
    keyword_args=frozenset({"keyword_argument"}),
    arguments=frozenset({"argument_list"}),
    subscripts=frozenset({"subscript"}),
    members=frozenset({"attribute"}),
    calls=frozenset({"call"}),
    functions=frozenset({"function_definition", "lambda"}),
    classes=frozenset({"class_definition"}),
    wrappers=frozenset({"dumps", "dict", "copy", "deepcopy"}),
)

JS = _JsSyntax(
    name="js",
    strings=frozenset({"string", "template_string"}),
    identifiers=frozenset({"identifier", "property_identifier", "shorthand_property_identifier"}),
    transparent=frozenset({"parenthesized_expression", "ternary_expression", "as_expression", "satisfies_expression",
                           "non_null_expression", "await_expression", "spread_element", "binary_expression",
                           "type_assertion", "sequence_expression", "template_substitution", "template_string"}),
    collections=frozenset({"array", "object"}),
    pairs=frozenset({"pair"}),
    keyword_args=frozenset(),
    arguments=frozenset({"arguments"}),
    subscripts=frozenset({"subscript_expression", "member_expression"}),
    members=frozenset({"member_expression"}),
    calls=frozenset({"call_expression", "new_expression"}),
    functions=frozenset({"function_declaration", "function_expression", "function", "arrow_function",
                         "method_definition", "generator_function_declaration"}),
    classes=frozenset({"class_declaration", "class"}),
    wrappers=frozenset({"stringify", "assign", "structuredClone"}),
    fields=frozenset({"public_field_definition", "field_definition"}),
)
