"""Where a model id goes, and what the call it reaches says about the provider.

The flow pass runs after extraction, over the whole file (never per statement: a changed base URL
far above must change the answer). For each model id it follows the value — through lists,
dicts, variables, class fields, default parameters, a local function's parameter and a function's
return value — to the calls that receive it, and reads each call's evidence: the receiver client
and how that client was built, a URL or base URL in the same request, a provider object or a
factory such as ``createOpenRouter``, a tool's convention (LiteLLM reads ``openai/`` as OpenAI).

Language differences live in ``Syntax`` tables (``flow_syntax.py``); the walk here is shared.
Every walk is bounded (depth, calls per id, name occurrences scanned), so a generated file costs
a bounded amount per model id.
"""

from __future__ import annotations

import dataclasses
import re

from ..catalog.conventions import load_conventions
from .facts import CodeFacts, Evidence, ModelRef, Signal
from .flow_syntax import JS, PYTHON, Syntax
from .lang_text import host_kind, url_host
from .treesitter import Source, ancestors

MAX_DEPTH = 4  # hops through names, parameters and returns
MAX_CALLS = 12  # calls followed per model id (the nearest decide; more only cost time per keystroke)
MAX_OCCURRENCES = 200  # occurrences of one name looked at
MAX_ARG_NODES = 400  # nodes of one call's arguments searched for URLs and keys
MAX_REFS = 1000  # model ids followed per file
MAX_STEPS = 20_000  # value steps per file (a generated file of 1,000 `m = "..."` lines)
MAX_USES = 24  # uses of one name followed
MAX_CLIMB = 40  # parents climbed from a model id (hand-written code nests far less)

_URL = re.compile(rb"^\s*https?://")
_OPENROUTER_NAME = re.compile(r"OPEN_?ROUTER", re.IGNORECASE)
# `provider="openrouter"` in a call (pydantic-ai's OpenAIModel, CrewAI, LangChain init_chat_model)
_PROVIDER_ARGS = frozenset({"provider", "model_provider", "modelProvider", "apiProvider", "api_provider"})


def evidence_in(text: str, language: str, name: str, keys: tuple[str, ...], ref_text: str) -> list[Evidence]:
    """``_Flow.evidence_of_name`` for a whole other file (crossfile.py): parse, then follow."""
    from .treesitter import parse

    syntax = syntax_for(language)
    if syntax is None:
        return []
    src = Source(text)
    grammar = {"python": "python", "javascript": "javascript", "typescript": "typescript", "tsx": "tsx"}[language]
    root = parse(grammar, src.data).root_node
    return _Flow(src, root, syntax, language).evidence_of_name(name, keys, ref_text)


def syntax_for(language: str) -> Syntax | None:
    return PYTHON if language == "python" else JS if language in ("javascript", "typescript", "tsx") else None


def annotate(facts: CodeFacts, src: Source, root, language: str) -> None:
    """Fill ``sites``, ``scopes``, ``container`` and ``reached_call`` of every model id in ``facts``."""
    syntax = syntax_for(language)
    if syntax is None or not facts.models:
        return
    flow = _Flow(src, root, syntax, language)
    # Bounded like the rules (engine.MAX_REFS_PER_FILE): a generated file of 100,000 ids gets
    # its first ids followed, the rest are left as found.
    facts.models[:MAX_REFS] = [flow.annotate(ref) for ref in facts.models[:MAX_REFS]]
    seen = {(s.kind, s.span) for s in facts.signals}
    for signal in flow.client_signals():
        if (signal.kind, signal.span) not in seen:
            seen.add((signal.kind, signal.span))
            facts.signals.append(signal)
    facts.signals.sort(key=lambda s: (s.span.line, s.span.col, s.span.end_line, s.span.end_col))


def _text(node) -> str:
    return node.text.decode("utf-8", "replace") if node is not None else ""


@dataclasses.dataclass
class _Reach:
    calls: list  # [(call node, dynamic)]
    seen: set
    exported: list = dataclasses.field(default_factory=list)  # [(module-level name, keys)]


class _Flow:
    def __init__(self, src: Source, root, syntax: Syntax, language: str) -> None:
        self.src, self.root, self.sx, self.language = src, root, syntax, language
        self.conv = load_conventions()
        self._occ: dict[bytes, list] = {}
        self._bindings: dict[tuple, list] = {}
        self._evidence: dict[tuple, tuple[Evidence, ...]] = {}
        self.steps = MAX_STEPS
        self._joined_ok = False

    # ----- clients in the file ------------------------------------------------------------------
    def client_signals(self) -> list[Signal]:
        """A default OpenAI client (no base URL) or one whose base URL comes from a variable is
        provider evidence too: a file holding one next to an OpenRouter client is mixed, and no
        file-wide guess may be made for the ids in it that reach neither."""
        names = sorted({n for c in self.conv.clients if c.provider == "openai-default" for n in c.names}, key=len, reverse=True)
        out = []
        # The OpenAI Agents SDK's process-wide client: every Agent(model=...) without its own uses it.
        for occ in self._occurrences("set_default_openai_client"):
            call = self.sx.call_with_callee(occ) or _member_call(self.sx, occ)
            args = self.sx.arguments_of(call) if call is not None else None
            first = args.named_children[0] if args is not None and args.named_children else None
            if first is not None and first.type in self.sx.identifiers:
                for value in self._bindings_of(_text(first), call):
                    inner = self.sx.unwrap_await(value)
                    if inner is not None and inner.type in self.sx.calls:
                        for ev in self._call_evidence(inner, ""):
                            if ev.provider in ("openrouter", "other-gateway", "openai-direct"):
                                out.append(Signal(ev.provider, self._span(occ), f"default client {ev.detail}"))
        for name in names:
            for occ in self._occurrences(name):
                call = self.sx.call_with_callee(occ) or _member_call(self.sx, occ)
                if call is None:
                    continue
                for ev in self._call_evidence(call, ""):
                    if ev.provider == "openai-default":
                        out.append(Signal("openai-default", ev.span, ev.detail))
                    elif ev.provider == "env-url":
                        out.append(Signal("env-url", ev.span, f"{ev.detail}|{ev.variable}"))
        return out

    # ----- per model id -----------------------------------------------------------------------
    def annotate(self, ref: ModelRef) -> ModelRef:
        start, end = self.src.byte_range(ref.span)
        node = self.root.descendant_for_byte_range(start, max(start, end - 1))
        node = next((n for n in ancestors(node, MAX_CLIMB) if n.type in self.sx.strings), None)
        if node is None:
            return ref
        reach = _Reach([], set())
        # An id assembled from pieces (`openai/${x ? "o3-pro" : y}`, VENDOR + "o3") is the value
        # of the whole template or sum; any other id stops where it becomes part of a longer text.
        self._joined_ok = ref.sent_as is not None and ref.sent_as != ref.text
        self._reach(node, reach, 0, (), False)
        sites: list[Evidence] = []
        for call, dynamic in reach.calls[:MAX_CALLS]:
            for ev in self._call_evidence(call, ref.text):
                ev = dataclasses.replace(ev, dynamic=dynamic) if dynamic and not ev.dynamic else ev
                if ev not in sites:
                    sites.append(ev)
        sent = {e.sent_as for e in sites}
        if len(sent) == 1 and None not in sent:
            ref = dataclasses.replace(ref, sent_as=sent.pop())
        scopes = tuple(self.src.span(s.start_byte, s.end_byte) for s in self._scopes(node))
        container = self._container(node)
        return dataclasses.replace(
            ref, sites=tuple(sites), scopes=scopes, reached_call=bool(reach.calls),
            container=self.src.span(container.start_byte, container.end_byte) if container is not None else None,
            binding=reach.exported[0] if reach.exported and not sites else None)

    def evidence_of_name(self, name: str, keys: tuple[str, ...], ref_text: str) -> list[Evidence]:
        """Evidence of the calls ``name`` (imported from another module) reaches in this file:
        ``client.create(model=REASONING)``, ``MODELS["planner"]``, ``models.REASONING``."""
        reach = _Reach([], set())
        for occ in self._occurrences(name):
            if self.sx.import_source(occ) is not None:
                continue  # the import itself
            node = occ
            parent = occ.parent
            if parent is not None and parent.type in self.sx.members and self.sx.member_property(parent) == occ:
                node = parent  # models.REASONING
            self._reach(node, reach, 1, keys, False)
        out: list[Evidence] = []
        for call, dynamic in reach.calls[:MAX_CALLS]:
            for ev in self._call_evidence(call, ref_text):
                ev = dataclasses.replace(ev, dynamic=dynamic) if dynamic and not ev.dynamic else ev
                if ev not in out:
                    out.append(ev)
        return out

    def _scopes(self, node) -> list:
        out = []
        # Node.parent walks down from the root: climbing a 50,000-deep nest to the top would be
        # quadratic. Hand-written code nests a few dozen levels; past MAX_CLIMB the rest is ignored.
        for _ in range(MAX_CLIMB):
            if node is None:
                break
            if node.type in self.sx.functions or node.type in self.sx.classes:
                out.append(node)
            node = node.parent
        return out

    def _container(self, node):
        """The outermost list/dict/object holding ``node`` (through nested collections)."""
        outer = None
        child, parent = node, node.parent
        for _ in range(MAX_CLIMB):
            if parent is None:
                break
            if parent.type in self.sx.collections:
                outer = parent
            elif parent.type in self.sx.pairs and self.sx.pair_value(parent) == child:
                pass
            elif parent.type not in self.sx.transparent:
                break
            child, parent = parent, parent.parent
        return outer

    # ----- following a value ------------------------------------------------------------------
    def _reach(self, node, reach: _Reach, depth: int, keys: tuple[str, ...], dynamic: bool) -> None:
        """Add the calls ``node``'s value flows into. ``keys``: the dict/object keys under which
        the original id sits inside ``node``'s value (innermost first)."""
        if depth > MAX_DEPTH or len(reach.calls) >= MAX_CALLS or self.steps <= 0:
            return
        self.steps -= 1
        mark = (node.start_byte, node.end_byte, node.type, keys)
        if mark in reach.seen:
            return
        reach.seen.add(mark)
        sx = self.sx
        child, parent = node, node.parent
        for _ in range(MAX_CLIMB):
            if parent is None:
                return
            kind = parent.type
            if not self._joined_ok and (kind in sx.joins or (
                    kind == "binary_expression" and _text(parent.child_by_field_name("operator")) == "+")):
                return  # `${FAMILY}-mini`, FAMILY + "-mini": a longer text than the id is sent
            if kind in sx.transparent or kind in sx.collections:
                child, parent = parent, parent.parent
                continue
            if kind in sx.pairs:
                if sx.pair_value(parent) != child:
                    return  # a key names a slot; it is not sent
                obj = parent.parent
                key = sx.key_text(sx.pair_key(parent))
                if obj is not None and obj.parent is not None and obj.parent.type in sx.arguments:
                    # {model: "openai/o3"} passed to a call: like a keyword argument
                    call = sx.call_of_arguments(obj.parent)
                    if call is not None and self._record(call, reach, dynamic):
                        self._through_wrapper(call, reach, depth, keys, dynamic)
                    return
                keys = (*keys, key or "")
                child, parent = obj, obj.parent if obj is not None else None
                continue
            if kind in sx.keyword_args:
                call = sx.call_of_arguments(parent.parent)
                if call is not None and self._record(call, reach, dynamic):
                    self._through_wrapper(call, reach, depth, keys, dynamic)
                    self._into_local_function(call, sx.keyword_name(parent), None, reach, depth, keys, dynamic)
                return
            if kind in sx.arguments:
                call = sx.call_of_arguments(parent)
                if call is not None and self._record(call, reach, dynamic):
                    self._through_wrapper(call, reach, depth, keys, dynamic)
                    index = sum(1 for n in parent.named_children[:64] if n.end_byte <= child.start_byte
                                and n.type not in sx.keyword_args and n.type not in ("comment",))
                    self._into_local_function(call, None, index, reach, depth, keys, dynamic)
                return
            if kind in sx.subscripts and sx.subscript_object(parent) == child:
                key = sx.subscript_key(parent)
                if keys:
                    if key is None:
                        self._reach(parent, reach, depth, keys[:-1], True)
                    elif key == keys[-1]:
                        self._reach(parent, reach, depth, keys[:-1], dynamic)
                    return
                child, parent = parent, parent.parent
                continue
            target = sx.assigned_name(parent, child)
            if target is not None:
                for use in self._uses(target, parent):
                    self._reach(use, reach, depth + 1, keys, dynamic)
                if "." not in target and sx.at_module_level(parent):
                    reach.exported.append((target, keys))  # other modules may import it
                return
            param = sx.default_param(parent, child)
            if param is not None:
                name, function = param
                body = sx.function_body(function)
                if body is not None:
                    for use in self._uses(name, body, within=body):
                        self._reach(use, reach, depth + 1, keys, dynamic)
                return
            function = sx.returned_from(parent, child)
            if function is not None:
                for call in self._calls_of(function):
                    self._reach(call, reach, depth + 1, keys, dynamic)
                return
            return

    def _record(self, call, reach: _Reach, dynamic: bool) -> bool:
        """Keep ``call`` as a place the value reaches, unless it only prints or logs it."""
        name = self.sx.callee_name(call)
        last = name.rsplit(".", 1)[-1]
        if last in self.sx.prose_calls or name.split(".", 1)[0] in ("logging", "logger", "log", "console", "warnings") \
                or last.endswith(("Error", "Exception", "Warning")):
            return False
        reach.calls.append((call, dynamic))
        return True

    def _through_wrapper(self, call, reach: _Reach, depth: int, keys, dynamic) -> None:
        """json.dumps({...}) / JSON.stringify({...}) / dict(...): the value goes on with the call."""
        if self.sx.callee_name(call).rsplit(".", 1)[-1] in self.sx.wrappers:
            self._reach(call, reach, depth, keys, dynamic)

    def _into_local_function(self, call, keyword: str | None, index: int | None, reach: _Reach, depth, keys, dynamic) -> None:
        """``_via_openrouter("openai/o3")``: follow the parameter inside the local function's body."""
        name = self.sx.callee_name(call)
        if not name or depth >= MAX_DEPTH:
            return
        function = self._local_function(name, call)
        if function is None:
            return
        params = self.sx.parameters(function)
        if keyword is not None:
            param = keyword if keyword in params else None
        else:
            offset = 1 if params[:1] in (["self"], ["cls"]) and "." in name else 0
            param = params[index + offset] if index is not None and index + offset < len(params) else None
        body = self.sx.function_body(function)
        if param and body is not None:
            for use in self._uses(param, body, within=body):
                self._reach(use, reach, depth + 1, keys, dynamic)

    # ----- names ------------------------------------------------------------------------------
    def _occurrences(self, name: str) -> list:
        """Identifier-like nodes spelled ``name`` (the last part of a dotted name), in order."""
        word = name.rsplit(".", 1)[-1].encode()
        if word in self._occ:
            return self._occ[word]
        data, out, i = self.src.data, [], 0
        while len(out) < MAX_OCCURRENCES:
            i = data.find(word, i)
            if i < 0:
                break
            j = i + len(word)
            if (i == 0 or not _ident_byte(data[i - 1])) and (j >= len(data) or not _ident_byte(data[j])):
                node = self.root.descendant_for_byte_range(i, j)
                if node is not None and node.start_byte == i and node.end_byte == j and node.type in self.sx.identifiers:
                    out.append(node)
            i = j
        self._occ[word] = out
        return out

    def _matches(self, node, name: str) -> bool:
        """Does the identifier ``node`` stand for ``name`` (``x``, or ``self.x`` / ``this.x``)?"""
        parent = node.parent
        if "." not in name:
            # x, not obj.x (the property of another object)
            return not (parent is not None and parent.type in self.sx.members and self.sx.member_property(parent) == node)
        obj, _, _ = name.rpartition(".")
        if parent is not None and obj in ("this", "self") and parent.type in self.sx.fields:
            return True  # class Svc { ai = new OpenAI(...) }: read as this.ai
        return (parent is not None and parent.type in self.sx.members and self.sx.member_property(parent) == node
                and _text(self.sx.member_object(parent)).replace(" ", "") == obj)

    def _uses(self, name: str, binding, within=None) -> list:
        """Nodes that read ``name`` (the whole ``self.x`` for a dotted name), other than its binding."""
        scope = within if within is not None else self._scope_of(name, binding)
        out = []
        for occ in self._occurrences(name):
            if scope is not None and not (scope.start_byte <= occ.start_byte < scope.end_byte):
                continue
            if binding.start_byte <= occ.start_byte < binding.end_byte and self._is_target(occ, binding):
                continue
            if not self._matches(occ, name):
                continue
            if occ.parent.type in self.sx.fields:
                continue  # the field's own definition
            out.append(occ.parent if "." in name else occ)
            if len(out) >= MAX_USES:
                break
        return out

    def _is_target(self, occ, binding) -> bool:
        for node in ancestors(occ, 8):
            if node == binding:
                return False
            if node.parent == binding:
                return self.sx.is_binding_target(binding, node)
        return False

    def _scope_of(self, name: str, binding):
        """Where a binding is visible: its function, or its class for self.x / this.x, else the file."""
        want = self.sx.classes if "." in name else self.sx.functions
        return next((n for n in ancestors(binding.parent, MAX_CLIMB) if n.type in want), None)

    def _binding_candidates(self, name: str) -> list:
        """(value node, enclosing function's byte range or None) of every assignment to ``name``;
        once per name (an edit re-runs the flow pass over the whole file on every keystroke)."""
        if name in self._bindings:
            return self._bindings[name]
        out = []
        for occ in self._occurrences(name):
            if not self._matches(occ, name):
                continue
            target = occ.parent if "." in name and occ.parent.type not in self.sx.fields else occ
            value = self.sx.binding_value(target)
            if value is not None:
                function = next((n for n in ancestors(value.parent, MAX_CLIMB) if n.type in self.sx.functions), None)
                out.append((value, (function.start_byte, function.end_byte) if function is not None else None))
        self._bindings[name] = out
        return out

    def _bindings_of(self, name: str, at) -> list:
        """Value nodes assigned to ``name``, nearest scope first: in a function that also holds
        ``at``, then at file level, then elsewhere."""
        def distance(item) -> int:
            span = item[1]
            if span is None:
                return 1
            return 0 if span[0] <= at.start_byte < span[1] else 2

        return [v for v, _ in sorted(self._binding_candidates(name), key=distance)[:4]]

    def _local_function(self, callee: str, at):
        name = callee.rsplit(".", 1)[-1]
        if callee.count(".") > 1 or (callee.count(".") == 1 and callee.split(".", 1)[0] not in ("self", "this", "cls")):
            return None
        for occ in self._occurrences(name):
            function = self.sx.function_named(occ)
            if function is not None:
                return function
        return None

    def _calls_of(self, function) -> list:
        name = self.sx.function_name(function)
        if not name:
            return []
        out = []
        for occ in self._occurrences(name):
            call = self.sx.call_with_callee(occ)
            if call is not None:
                out.append(call)
        return out

    # ----- evidence ---------------------------------------------------------------------------
    def _call_evidence(self, call, ref_text: str, depth: int = 0) -> tuple[Evidence, ...]:
        key = (call.start_byte, call.end_byte, ref_text, depth)
        if key not in self._evidence:
            self._evidence[key] = tuple(self._call_evidence_uncached(call, ref_text, depth))
        return self._evidence[key]

    def _call_evidence_uncached(self, call, ref_text: str, depth: int) -> list[Evidence]:
        sx, conv = self.sx, self.conv
        name = sx.callee_name(call)
        out: list[Evidence] = []
        urls = self._argument_evidence(call)
        convention = conv.call(name, self.language) if name else None
        if convention is not None and not any(e.provider in ("openrouter", "other-gateway", "openai-direct") for e in urls):
            provider = conv.provider_of(convention.spelling, ref_text)
            if provider is not None:
                out.append(Evidence(provider, f"{name.rsplit('.', 1)[-1]}() reads '{ref_text.split('/', 1)[0]}/' as "
                                              f"{_PROVIDER_WORDS[provider]}", self._span(sx.callee(call))))
        elif convention is not None and convention.spelling == "litellm" and ref_text[:7].lower() == "openai/":
            # LiteLLM's "openai/" means "OpenAI-compatible": with an api_base it sends the rest of the id there
            urls = [dataclasses.replace(e, sent_as=ref_text[7:]) for e in urls]
        client = conv.client(name) if name else None
        if client is not None:
            out.extend(self._client_evidence(call, client, urls))
        else:
            out.extend(urls)
            if depth < 2:
                out.extend(self._receiver_evidence(call, ref_text, depth))
        return out

    def _client_evidence(self, call, client, urls: list[Evidence]) -> list[Evidence]:
        name = self.sx.callee_name(call).rsplit(".", 1)[-1]
        if client.provider == "openrouter":
            return [Evidence("openrouter", f"{name}(…)", self._span(self.sx.callee(call)))]
        if client.provider == "other-gateway":
            return [Evidence("other-gateway", f"{name}(…)", self._span(self.sx.callee(call)))]
        if urls:
            return urls
        return [Evidence("openai-default", f"{name}(…) with no base URL", self._span(self.sx.callee(call)),
                         variable=client.base_url_var)]

    def _receiver_evidence(self, call, ref_text: str, depth: int) -> list[Evidence]:
        """client.chat.completions.create(...), self.client..., openrouter("openai/o3"), llm.invoke(...)."""
        sx = self.sx
        root = sx.receiver_root(sx.callee(call))
        if root is None:
            return []
        name = _text(root).replace(" ", "")
        out: list[Evidence] = []
        for value in self._bindings_of(name, call):
            inner = sx.unwrap_await(value)
            if inner is not None and inner.type in sx.calls:
                evidence = self._call_evidence(inner, ref_text, depth + 1)
                out.extend(dataclasses.replace(e, detail=f'"{name}" = {e.detail}') for e in evidence)
            if out:
                return out
        module = self._imported_from(name.split(".", 1)[0])
        if module is not None and ("openrouter" in module.lower()):
            return [Evidence("openrouter", f'"{name}" from {module}', self._span(root))]
        client = self.conv.client(name)
        if client is not None and client.provider == "openrouter" and root.type in sx.identifiers:
            return [Evidence("openrouter", f"{name}(…)", self._span(root))]  # openrouter.chat("openai/o3")
        # openai.base_url = "https://openrouter.ai/api/v1" (a module-level client configured by attribute)
        for arg in sorted(self.conv.base_url_args):
            for value in self._bindings_of(f"{name}.{arg}", call):
                out.extend(self._url_evidence(value, f"{name}.{arg}"))
        return out

    def _imported_from(self, name: str) -> str | None:
        for occ in self._occurrences(name):
            module = self.sx.import_source(occ)
            if module is not None:
                return module
        return None

    def _argument_evidence(self, call) -> list[Evidence]:
        """URLs, base URLs, OpenRouter key reads and provider names in the call's arguments."""
        sx = self.sx
        args = sx.arguments_of(call)
        if args is None:
            return []
        out: list[Evidence] = []
        # (argument, key): a keyword's or object key's name; "url" for the first positional
        # argument (requests.post(URL, ...), fetch(URL, ...)); None elsewhere.
        direct = [a for a in args.named_children if a.type != "comment"]
        # the first positional argument is the request's URL only for request functions
        first_is_url = name.rsplit(".", 1)[-1] in _REQUEST_CALLS if (name := sx.callee_name(call)) else False
        stack = [(a, "url" if i == 0 and first_is_url and a.type not in sx.keyword_args else None)
                 for i, a in enumerate(direct)][::-1]
        seen = 0
        while stack and seen < MAX_ARG_NODES:
            node, key = stack.pop()
            seen += 1
            if node.type in sx.strings:
                text = self._string_value(node)
                if text is None and key is not None and (key == "url" or _is_base_url_key(key)):
                    text = sx.string_prefix(node)  # f"https://gateway.ai.cloudflare.com/v1/{acct}/..."
                if text is not None and _URL.match(text.encode()):
                    evidence = self._url_evidence(node, key or "url", text)
                    # another host counts only as a base URL or the request's own URL (not a
                    # Referer header or a link in a message)
                    out.extend(e for e in evidence if e.provider != "other-gateway" or
                               (key is not None and (key == "url" or _is_base_url_key(key))))
                elif key in _PROVIDER_ARGS and text is not None:
                    provider = _named_provider(text)
                    if provider:
                        out.append(Evidence(provider, f'{key}="{text}"', self._span(node)))
                continue
            env = sx.env_read(node)
            if env is not None:
                var, default = env
                if _OPENROUTER_NAME.search(var):
                    out.append(Evidence("openrouter", f"reads {var}", self._span(node)))
                elif key is not None and _is_base_url_key(key):
                    if default is not None and _URL.match(default.encode()):
                        out.extend(self._url_evidence(node, key, default))
                    else:
                        out.append(Evidence("env-url", f"{key} from {var}", self._span(node), variable=var))
                continue
            if node.type in sx.calls and node != call:
                client = self.conv.client(sx.callee_name(node))
                if client is not None and client.provider in ("openrouter", "other-gateway"):
                    out.extend(self._client_evidence(node, client, []))
                    continue
            if node.type in sx.identifiers:
                if node.type == "shorthand_property_identifier":  # new OpenAI({ baseURL })
                    key = _text(node)
                if key is not None and (key == "url" or _is_base_url_key(key)):
                    for value in self._bindings_of(_text(node), call):
                        out.extend(self._url_evidence(value, key))
                elif key is not None and ("client" in key.lower() or key in _PROVIDER_ARGS):
                    # OpenAIChatCompletionsModel(model=..., openai_client=openrouter): that client decides
                    for value in self._bindings_of(_text(node), call):
                        inner = sx.unwrap_await(value)
                        if inner is not None and inner.type in sx.calls and inner != call:
                            out.extend(dataclasses.replace(e, detail=f'"{_text(node)}" = {e.detail}')
                                       for e in self._call_evidence(inner, "", 1))
                continue
            if node.type in sx.pairs or node.type in sx.keyword_args:
                value = sx.pair_value(node) if node.type in sx.pairs else _field_value(node)
                name = sx.key_text(sx.pair_key(node)) if node.type in sx.pairs else sx.keyword_name(node)
                if value is not None:
                    stack.append((value, name))
                continue
            inner_key = None if node.type in sx.calls else key
            stack.extend((ch, inner_key) for ch in reversed(node.named_children))
        return out

    def _url_evidence(self, node, key: str, text: str | None = None) -> list[Evidence]:
        if text is None:
            inner = self.sx.unwrap_await(node)
            if inner is not None and inner.type in self.sx.strings:
                text = self._string_value(inner)
                if text is None:
                    text = self.sx.string_prefix(inner)
            else:
                env = self.sx.env_read(inner) if inner is not None else None
                if env is not None:
                    var, default = env
                    if default is not None and _URL.match(default.encode()):
                        text = default
                    else:
                        return [Evidence("env-url", f"{key} from {var}", self._span(node), variable=var)]
        if text is None or not _URL.match(text.encode()):
            return []
        host = url_host(text.strip().encode())
        kind = host_kind(host)
        if kind == "openrouter" and "/api" not in text:
            return []  # a link to a page (keys, docs), not an API base
        return [Evidence(kind, f"{key} {host}", self._span(node))]

    def _string_value(self, node) -> str | None:
        return self.sx.string_value(node)

    def _span(self, node):
        return self.src.span(node.start_byte, node.end_byte)


# Functions whose first argument is the URL of the request they send.
_REQUEST_CALLS = frozenset({"fetch", "post", "put", "patch", "request", "urlopen", "Request", "ofetch", "got", "ky"})

_PROVIDER_WORDS = {"openrouter": "OpenRouter", "openai-direct": "OpenAI itself", "other-gateway": "another gateway",
                   "openai-default": "OpenAI"}


def _named_provider(text: str) -> str | None:
    low = text.strip().lower()
    if low in ("openrouter", "open_router", "open-router"):
        return "openrouter"
    if low in ("openai",):
        return "openai-direct"
    return None


def _is_base_url_key(key: str) -> bool:
    k = key.lower().replace("_", "").replace("-", "")
    return any(part in k for part in ("baseurl", "apibase", "endpoint", "basepath", "urlbase"))


def _member_call(sx: Syntax, occ):
    """``openai.OpenAI(...)``: the call whose callee is ``module.Name`` with ``occ`` the name."""
    parent = occ.parent
    if parent is not None and parent.type in sx.members and sx.member_property(parent) == occ:
        grand = parent.parent
        if grand is not None and grand.type in sx.calls and sx.callee(grand) == parent:
            return grand
    return None


def _field_value(node):
    return node.child_by_field_name("value")


def _ident_byte(b: int) -> bool:
    return b == 0x5F or 0x30 <= b <= 0x39 or 0x41 <= b <= 0x5A or 0x61 <= b <= 0x7A or b == 0x24 or b >= 0x80
