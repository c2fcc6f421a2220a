"""Fuzz ``byok-lsp serve`` over stdio with a seeded generator and fixed counts.

Documents of every supported kind (junk bytes decoded with surrogateescape/replace, NULs, a 10 MB
single line, 10,000-level nesting, unterminated strings, half-typed and mutated real files),
random incremental ``didChange`` sequences (ranges past the end, reversed, inside surrogate
pairs, several changes per notification), and requests with wild but well-typed params: hover,
codeAction, resolve, pull diagnostics, executeCommand, unknown methods, unopened and non-file
URIs, ``$/cancelRequest`` for requests in flight.

Asserted: every request gets an answer (a result or a JSON-RPC error) within its deadline, the
server never exits, and every published diagnostic range lies inside the text of the version it
was published for (tracked here by applying the same changes with LSP's clamping rules).

Counts scale with ``BYOK_FUZZ_SCALE`` (default 1: under a minute on 2 cores). Requests whose
params do not even match the LSP types go to ``test_malformed_params_get_an_error``.
"""

from __future__ import annotations

import asyncio
import os
import random
import re
import sys
import time
from pathlib import Path

import pytest
from lsprotocol import types
from pygls.exceptions import JsonRpcException

from conftest import (
    apply_lsp_change,
    change_whole,
    expected_diagnostics,
    lsp_lines,
    lsp_session,
    published,
    push_caps,
    range_inside,
    roundtrip,
    scaled,
    send_raw,
    server_alive,
    units_len,
    wait_for,
    write_tree,
)

# The sample documents and their mutations: one table with bench/server_fuzz.py.
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from fuzz_samples import SAMPLES, TextGen  # noqa: E402

pytestmark = pytest.mark.fuzz

SEED = int(os.environ.get("BYOK_FUZZ_SEED", "20240607"))
ANSWER_TIMEOUT = 30.0
MAX_UINT = 2**31 - 1


# ----- the client-side model of each document ---------------------------------------------------
def apply_change(text: str, rng: types.Range, new: str, encoding: str) -> str:
    return apply_lsp_change(text, (rng.start.line, rng.start.character), (rng.end.line, rng.end.character), new,
                            encoding)


# ----- generators -----------------------------------------------------------------------------------
class Gen(TextGen):
    def __init__(self, rnd: random.Random, encoding: str = "utf-16"):
        super().__init__(rnd)
        self.encoding = encoding

    def junk(self, n: int) -> str:
        data = bytes(self.r.randrange(256) for _ in range(n))
        return data.decode("utf-8", self.r.choice(["surrogateescape", "replace"]))

    def document(self, name: str, special: str | None) -> str:
        real = SAMPLES[name]
        if special == "huge-line":
            return "x = '" + "openai/o3 " * 1_000_000 + "'"  # 10 MB, one line
        if special == "deep":
            depth = 10_000
            if name.endswith(".json") or name.endswith(".ipynb"):
                return "[" * depth + '"openai/o3"' + "]" * depth
            if name.endswith(".yaml"):
                return "".join("  " * min(i, 200) + "- \n" for i in range(200)) + "{a: " * depth + "openai/o3" + "}" * depth
            return "(" * depth + '"openai/o3"' + ")" * depth
        kind = self.r.randrange(7)
        if kind == 0:
            return self.junk(self.r.randrange(1, 3000))
        if kind == 1:
            return real.replace("\n", "\x00\n", self.r.randrange(1, 4))
        if kind == 2:  # unterminated string / half-typed: cut anywhere
            return real[: self.r.randrange(len(real) + 1)] + self.r.choice(['"', "'", '"""', "`", "${", "{", "[", ""])
        if kind == 3:
            return self.mutate(real)
        if kind == 4:
            return real.replace("\n", self.r.choice(["\r\n", "\r", "\n\r", "\u2028\n", "\x0c\n"]))
        if kind == 5:
            return "\ufeff" + real + self.snippet()
        return real

    def position(self, text: str, wild: bool) -> types.Position:
        lines = lsp_lines(text)
        if wild and self.r.random() < 0.5:
            return types.Position(line=self.r.choice([len(lines), len(lines) + 5, MAX_UINT, 0]),
                                  character=self.r.choice([0, 1, 10_000, MAX_UINT]))
        line = self.r.randrange(len(lines))
        width = units_len(lines[line], self.encoding)
        return types.Position(line=line, character=self.r.randrange(width + (3 if wild else 1)))

    def range(self, text: str, wild: bool = True) -> types.Range:
        if self.r.random() < 0.6:  # a local edit (typing, a small deletion): keeps documents meaningful
            a = self.position(text, wild=False)
            b = types.Position(line=a.line, character=a.character + self.r.choice([0, 0, 1, 2, 5]))
            return types.Range(start=a, end=b)
        a, b = self.position(text, wild), self.position(text, wild)
        if self.r.random() < 0.8:
            a, b = sorted([a, b], key=lambda p: (p.line, p.character))
        return types.Range(start=a, end=b)


# ----- requests ---------------------------------------------------------------------------------------
class Tally:
    def __init__(self):
        self.requests = 0
        self.answered = 0
        self.errors: dict[str, int] = {}
        self.cancelled = 0

    async def ask(self, method: str, future, deadline: float = ANSWER_TIMEOUT, *, allow_internal=False):
        self.requests += 1
        try:
            result = await asyncio.wait_for(future, deadline)
        except asyncio.TimeoutError:
            pytest.fail(f"no answer to {method} within {deadline} s")
        except JsonRpcException as exc:
            code = getattr(exc, "code", None)
            self.errors[f"{method} {code}"] = self.errors.get(f"{method} {code}", 0) + 1
            if code == -32800:
                self.cancelled += 1
            elif code == -32603 and not allow_internal:
                pytest.fail(f"{method} failed inside the server (InternalError): {exc}")
            self.answered += 1
            return None
        self.answered += 1
        return result


def request_plan(g: Gen, client, uri: str, text: str, tally: Tally, other_uris: list[str]):
    """One random request (method name, awaitable)."""
    r = g.r
    choice = r.randrange(12)
    target = uri if r.random() < 0.8 else r.choice(other_uris)
    ident = types.TextDocumentIdentifier(uri=target)
    if choice <= 2:
        return "hover", client.text_document_hover_async(types.HoverParams(
            text_document=ident, position=g.position(text, wild=r.random() < 0.3)))
    if choice <= 4:
        published = client.diagnostics.get(uri) or []
        diags = list(r.sample(list(published), k=min(len(published), r.randrange(3)))) if published else []
        if r.random() < 0.3:  # a diagnostic with foreign or garbage data
            diags.append(types.Diagnostic(range=g.range(text), message="x", source="byok-lsp", code="BYOK101",
                                          data=r.choice([None, {"byok": 1, "fixes": [{"edits": [{}]}]}, [1, 2], "s",
                                                         {"byok": 1, "fixes": "nope"}])))
        only = r.choice([None, [types.CodeActionKind.QuickFix], [types.CodeActionKind.SourceFixAll], ["source"]])
        return "codeAction", client.text_document_code_action_async(types.CodeActionParams(
            text_document=ident, range=g.range(text), context=types.CodeActionContext(diagnostics=diags, only=only)))
    if choice == 5:
        data = r.choice([None, {}, {"byok": 1, "action": "ref", "uri": uri, "version": 1, "index": 99, "fix": 0},
                         {"byok": 1, "action": "fixAll", "uri": uri, "version": -1},
                         {"byok": 1, "action": "edits", "edits": []}, "junk", [None]])
        return "codeAction/resolve", client.code_action_resolve_async(types.CodeAction(title="x", data=data))
    if choice == 6:
        return "textDocument/diagnostic", client.text_document_diagnostic_async(types.DocumentDiagnosticParams(
            text_document=ident, previous_result_id=r.choice([None, "", "stale"])))
    if choice == 7:
        command = r.choice(["byok-lsp.explainError", "byok-lsp.showSetupGuide", "byok-lsp.status",
                            "byok-lsp.openUrl", "byok-lsp.applyFix", "byok-lsp.recheckWorkspace", "no.such.command"])
        args = r.choice([None, [], [None], [{"text": g.snippet(), "show": False}], ["file:///etc/passwd"],
                         [{"url": "javascript:alert(1)"}], [{"byok": 1, "action": "fixAll", "uri": uri, "version": 0}],
                         [g.junk(40)], [{"uri": target}], [1, 2, 3]])
        return f"executeCommand {command}", client.workspace_execute_command_async(types.ExecuteCommandParams(
            command=command, arguments=args))
    if choice == 8:
        return "workspace/diagnostic", client.workspace_diagnostic_async(types.WorkspaceDiagnosticParams(
            previous_result_ids=[]))
    if choice == 9:
        return "unknown method", send_raw(client, r.choice(["byok-lsp/nope", "textDocument/nope", "$/nope", ""]),
                                          {"x": 1})
    if choice == 10:  # well-typed requests for things that are not open or not files
        odd = r.choice(["untitled:Untitled-1", "file:///nonexistent/dir/a.py", "http://example.com/a.py",
                        "file://%zz/a.py", "file:///", "", "file:///dev/null"])
        return "hover(odd uri)", client.text_document_hover_async(types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=odd), position=types.Position(line=0, character=0)))
    return "documentSymbol(unsupported)", send_raw(client, types.TEXT_DOCUMENT_DOCUMENT_SYMBOL,
                                                   {"textDocument": {"uri": target}})


# ----- the test ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("encoding,share", [("utf-16", 1.0), ("utf-8", 0.4)])
async def test_fuzz_server(tmp_path, report_counts, encoding, share):
    """UTF-16 positions (the default) and UTF-8 (a client that offers it), on a share of the counts."""
    rnd = random.Random(SEED)
    g = Gen(rnd, encoding)
    write_tree(tmp_path, {".git/HEAD": "ref: refs/heads/main\n", ".gitignore": "server.log\n", **SAMPLES})
    n_docs = max(4, int(scaled(36) * share))
    edits_per_doc = scaled(14)
    specials = {3: "huge-line", 7: "deep", 11: "deep", 15: "deep"}
    names = list(SAMPLES)
    tally = Tally()
    counts = {"documents": 0, "edits": 0, "notifications_malformed": 0, "compared": 0}
    versions: dict[str, dict[int, str]] = {}
    started = time.monotonic()
    log_file = tmp_path / "server.log"
    caps = push_caps()
    caps.general = types.GeneralClientCapabilities(position_encodings=[encoding])
    async with lsp_session(tmp_path, caps, server_args=["--log-file", log_file, "-vv"]) as client:
        negotiated = client.init_result.capabilities.position_encoding
        assert getattr(negotiated, "value", negotiated) in {encoding, None if encoding == "utf-16" else encoding}
        pid_alive = server_alive(client)
        assert pid_alive
        open_uris: list[str] = []
        other_uris = [(tmp_path / "never-opened.py").as_uri(), (tmp_path / "sub" / ".env").as_uri()]
        for d in range(n_docs):
            name = names[d % len(names)] if d not in specials else rnd.choice(["app.py", "settings.json", "config.yaml"])
            folder = f"d{d}"
            path = tmp_path / folder / name
            uri = path.as_uri()
            text = g.document(name, specials.get(d))
            version = rnd.randrange(0, 5)
            versions[uri] = {version: text}
            client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
                uri=uri, language_id="plaintext", version=version, text=text)))
            counts["documents"] += 1
            open_uris.append(uri)
            big = specials.get(d) == "huge-line"
            n_edits = 3 if big else edits_per_doc
            pending = []
            for _ in range(n_edits):
                version += 1
                if rnd.random() < 0.1 and not big:
                    text = g.document(name, None)
                    change_whole(client, uri, text, version)
                else:
                    changes = []
                    for _ in range(1 if rnd.random() < 0.8 else rnd.randrange(2, 5)):
                        rng = g.range(text)
                        new = g.snippet() if rnd.random() < 0.7 else ""
                        changes.append(types.TextDocumentContentChangePartial(range=rng, text=new))
                        text = apply_change(text, rng, new, encoding)
                    client.text_document_did_change(types.DidChangeTextDocumentParams(
                        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                        content_changes=changes))
                versions[uri][version] = text
                counts["edits"] += 1
                if rnd.random() < 0.15:  # a notification that does not match its type: ignored, never fatal
                    send_raw(client, *malformed_notification(rnd, uri), msg_id=False)
                    counts["notifications_malformed"] += 1
                if rnd.random() < 0.7:
                    if rnd.random() < 0.15:
                        # a request cancelled while in flight: the answer is its result or RequestCancelled
                        msg_id = f"cancel-me-{counts['edits']}-{rnd.random()}"
                        pos = g.position(text, wild=False)
                        fut = send_raw(client, types.TEXT_DOCUMENT_HOVER, {
                            "textDocument": {"uri": uri}, "position": {"line": pos.line, "character": pos.character}},
                            msg_id=msg_id)
                        if rnd.random() < 0.7:
                            await asyncio.sleep(rnd.random() * 0.05)
                        client.protocol.notify(types.CANCEL_REQUEST, types.CancelParams(id=msg_id))
                        pending.append(tally.ask("hover(cancelled)", fut))
                    else:
                        method, fut = request_plan(g, client, uri, text, tally, other_uris)
                        pending.append(tally.ask(method, fut, allow_internal=method.startswith("executeCommand")))
            for coro in pending:
                await coro
            # the final version is diagnosed and published (push client)
            final = version
            await wait_for(lambda u=uri, v=final: any(p.uri == u and p.version == v for _, p in client.published),
                           timeout=60 if big else 20, what=f"diagnostics of {name} v{final}")
            assert server_alive(client), f"the server exited after document {d} ({name})"
            if not big:  # the server's text is the model's: its diagnostics are those of the model's text
                first = next(p for _, p in client.published if p.uri == uri and p.version == final)
                want = expected_diagnostics(tmp_path, path, text, {path.resolve(): text}, encoding)
                assert published(first.diagnostics) == want, f"{name} v{final}: diagnostics differ from engine.analyze"
                counts["compared"] += 1
            if len(open_uris) > 3:
                gone = open_uris.pop(0)
                client.text_document_did_close(types.DidCloseTextDocumentParams(
                    text_document=types.TextDocumentIdentifier(uri=gone)))
        await roundtrip(client)
        assert server_alive(client)
        assert client.error is None, client.error
        outside, checked = [], 0
        for _, p in client.published:
            if p.version is None:
                assert not p.diagnostics, "diagnostics published without a version"
                continue
            text = versions[p.uri][p.version]
            for diag in p.diagnostics:
                checked += 1
                if not range_inside(text, diag.range, encoding):
                    outside.append((p.uri.rsplit("/", 2)[-2:], p.version, diag.code, diag.range))
                for rel in diag.related_information or []:
                    if rel.location.uri == p.uri and not range_inside(text, rel.location.range, encoding):
                        outside.append(("related", p.uri.rsplit("/", 2)[-2:], p.version, diag.code, rel.location.range))
        assert not outside, f"{len(outside)} diagnostic ranges outside their document: {outside[:5]}"
    elapsed = time.monotonic() - started
    failures = handler_failures(log_file.read_text(encoding="utf-8", errors="replace"))
    report_counts(encoding=encoding, seed=SEED, documents=counts["documents"], edits=counts["edits"], requests=tally.requests,
                  answered=tally.answered, cancelled=tally.cancelled, malformed_notifications=counts["notifications_malformed"],
                  documents_compared_with_engine=counts["compared"],
                  publishes=len(client.published), diagnostics_checked=checked, errors=tally.errors, seconds=round(elapsed, 1),
                  handler_exceptions=failures)
    assert tally.answered == tally.requests
    unexpected = {k: v for k, v in failures.items() if not any(known in k for known in KNOWN_HANDLER_FAILURES)}
    assert not unexpected, f"exceptions caught by the server's guards: {unexpected}"


# Exceptions a guard catches that are known bugs, each pinned by a strict xfail test elsewhere.
# None today (BYOK206's IndexError, test_fix_edits_props.py::test_corrupted_value_rule_never_raises: fixed).
KNOWN_HANDLER_FAILURES: tuple[str, ...] = ()
RECORD = re.compile(r"^\d{4}-\d\d-\d\d [\d:,]+ (?P<level>[A-Z]+) (?P<logger>\S+): (?P<message>.*)$")


def handler_failures(log: str) -> dict[str, int]:
    """Exceptions the server's guards caught and logged ('<handler> failed'), by handler and
    exception (the last line of the traceback)."""
    out: dict[str, int] = {}
    current, last = None, ""
    for line in log.splitlines() + ["0000-00-00 00:00:00,000 END end: end"]:
        m = RECORD.match(line)
        if m is None:
            if line.strip():
                last = line.strip()
            continue
        if current is not None:
            key = f"{current} → {last[:160]}"
            out[key] = out.get(key, 0) + 1
        current, last = None, ""
        if m["level"] == "ERROR" and m["logger"].startswith("byok_lsp") and "failed" in m["message"]:
            current = m["message"][:120]
    return out


def malformed_notification(rnd: random.Random, uri: str) -> tuple[str, object]:
    """A document notification whose params cannot be structured (so pygls ignores it whole;
    a *valid* stray didClose would close the document under the test's feet)."""
    method = rnd.choice([types.TEXT_DOCUMENT_DID_CHANGE, types.TEXT_DOCUMENT_DID_OPEN, types.TEXT_DOCUMENT_DID_SAVE,
                         types.TEXT_DOCUMENT_DID_CLOSE])
    params = rnd.choice([[], None, {"textDocument": 5}, {"textDocument": [uri]}])
    if method == types.TEXT_DOCUMENT_DID_CHANGE and rnd.random() < 0.5:
        params = {"textDocument": {"uri": uri, "version": "x"}, "contentChanges": [{"range": 3, "text": 1}]}
    return method, params


# ----- params that do not match the LSP types -------------------------------------------------------------
MALFORMED = [
    ("textDocument/hover", {"textDocument": {"uri": "file:///x.py"}, "position": {"line": -1, "character": 0}}),
    ("textDocument/hover", {"textDocument": {"uri": "file:///x.py"}, "position": {"line": "a", "character": None}}),
    ("textDocument/hover", None),
    ("textDocument/hover", [1, 2]),
    ("textDocument/codeAction", {"textDocument": {"uri": "file:///x.py"}}),
    ("textDocument/diagnostic", {"textDocument": 42}),
    ("workspace/executeCommand", {"command": 7}),
    ("codeAction/resolve", {"data": {}}),
]


async def test_malformed_params_get_an_error(tmp_path):
    write_tree(tmp_path, {"x.py": "x = 1\n"})
    async with lsp_session(tmp_path, push_caps()) as client:
        futures = {send_raw(client, method, params): method for method, params in MALFORMED}
        await roundtrip(client)  # every malformed request has been read by now
        done, _pending = await asyncio.wait(futures, timeout=3)
        for fut in done:
            fut.exception()  # a JSON-RPC error is a fine answer; retrieve it
        unanswered = [method for fut, method in futures.items() if fut not in done]
        assert server_alive(client)
        assert not unanswered, f"no answer at all to malformed {unanswered}"


async def test_malformed_params_never_kill_the_server(tmp_path):
    """The half of the malformed-params story that works today: the server survives and keeps
    answering well-formed requests afterwards."""
    write_tree(tmp_path, {".env": "OPENROUTER_API_KEY=your-key-here\n"})
    async with lsp_session(tmp_path, push_caps()) as client:
        for method, params in MALFORMED:
            send_raw(client, method, params)
        for method in (types.TEXT_DOCUMENT_DID_OPEN, types.TEXT_DOCUMENT_DID_CHANGE, "$/cancelRequest", "exit!"):
            send_raw(client, method, {"bogus": True}, msg_id=False)
        send_raw(client, "$/cancelRequest", {"id": "no-such-request"}, msg_id=False)
        uri = (tmp_path / ".env").as_uri()
        client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
            uri=uri, language_id="dotenv", version=1, text="OPENROUTER_API_KEY=your-key-here\n")))
        await wait_for(lambda: any(p.uri == uri and p.version == 1 for _, p in client.published), what="diagnostics")
        hover = await asyncio.wait_for(client.text_document_hover_async(types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=0, character=3))), 10)
        assert hover is None or hover.contents
        assert server_alive(client)


async def test_one_bad_diagnostic_data_does_not_drop_the_other_actions(tmp_path):
    text = "OPENROUTER_API_KEY=your-key-here\n"
    write_tree(tmp_path, {".env": text})
    async with lsp_session(tmp_path, push_caps()) as client:
        uri = (tmp_path / ".env").as_uri()
        client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
            uri=uri, language_id="dotenv", version=1, text=text)))
        await wait_for(lambda: client.diagnostics.get(uri), what="diagnostics")
        good = list(client.diagnostics[uri])
        whole_line = types.Range(start=types.Position(line=0, character=0), end=types.Position(line=0, character=30))
        params = lambda diags: types.CodeActionParams(  # noqa: E731
            text_document=types.TextDocumentIdentifier(uri=uri), range=whole_line,
            context=types.CodeActionContext(diagnostics=diags))
        alone = await client.text_document_code_action_async(params(good))
        assert alone, "the real diagnostics have actions"
        bad = types.Diagnostic(range=whole_line, message="x", source="byok-lsp", code="BYOK202",
                               data={"byok": 1, "fixes": [{"title": "t", "safety": "safe", "edits": [{}]}]})
        mixed = await client.text_document_code_action_async(params([*good, bad]))
        assert len(mixed or []) >= len(alone)
