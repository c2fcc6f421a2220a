"""Drive the real ``byok-lsp serve`` over stdio with random documents, requests and bad frames.

Not a test (the long run takes an hour); ``tests/adversarial/test_server_fuzz.py`` and
``test_framing.py`` are the suite's short versions. Per batch of ``--window`` documents, each in
its own folder of one workspace (so no document's findings depend on another open one):

- open a document of a random kind (.py, .ts, .tsx, .env, .yaml, .json, .toml, .ipynb, .sh,
  Dockerfile, Makefile, .go) whose text is a real sample, mutated, cut short, junk, deeply nested,
  line-end-mangled or empty; then a burst of 0-6 ``didChange`` (incremental or whole, positions
  possibly past the end), applied here with LSP's clamping rules to know the final text;
- interleave random requests (hover, codeAction with the published diagnostics, an unknown
  method, a pull ``textDocument/diagnostic``) and, now and then, a bad frame (wrong lengths,
  lowercase or spaceless headers, garbage, a mutated frame) followed by a ping;
- wait for the publish of each document's final version and compare it with what
  ``engine.analyze`` finds in the final text (every ``--verify-every``-th document).

Counted: crashes (the server exited), hangs (a request or final publish not answered within
``--deadline`` seconds), stale publishes (the last publish for a URI is not its final version, a
publish went back to an older version, or its diagnostics differ from the final text's), and
pings lost after a bad frame. The server is restarted after a crash so the run goes on.

    .venv/bin/python bench/server_fuzz.py --docs 2000 --requests 500 --seed 1 --json out.json
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fuzz_samples import SAMPLES, TextGen  # noqa: E402
from raw_lsp import RawServer, frame  # noqa: E402

MAX_UINT = 2**31 - 1


# ----- LSP text model (the client side of incremental sync) --------------------------------------
def lsp_lines(text: str) -> list[str]:
    return re.split(r"\r\n|\r|\n", text)


def units(s: str) -> int:
    return len(s) if s.isascii() else len(s.encode("utf-16-le", "surrogatepass")) // 2


def offset(text: str, line: int, character: int) -> int:
    starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]
    if line >= len(starts):
        return len(text)
    end = starts[line + 1] if line + 1 < len(starts) else len(text)
    content = text[starts[line]:end].rstrip("\r\n")
    u = col = 0
    for ch in content:
        w = 2 if ord(ch) > 0xFFFF else 1
        if u + w > character:
            break
        u += w
        col += 1
    return starts[line] + col


def apply_change(text: str, rng: dict, new: str) -> str:
    a = offset(text, rng["start"]["line"], rng["start"]["character"])
    b = offset(text, rng["end"]["line"], rng["end"]["character"])
    a, b = min(a, b), max(a, b)
    return text[:a] + new + text[b:]


def client_range(text: str, span) -> tuple:
    lines = lsp_lines(text)

    def pos(line: int, col: int) -> tuple[int, int]:
        line = min(line, len(lines) - 1)
        return line, units(lines[line][:col])

    return pos(span.line, span.col) + pos(span.end_line, span.end_col)


# ----- generators --------------------------------------------------------------------------------
class Gen(TextGen):
    def document(self, name: str) -> str:
        real = SAMPLES[name]
        kind = self.r.randrange(100)
        if kind < 2:  # deep nesting
            depth = self.r.choice([100, 300, 1000, 5000])
            if name.endswith((".json", ".ipynb")):
                return "[" * depth + '"openai/o3"' + "]" * depth
            if name.endswith(".yaml"):
                return "".join(" " * i + "a:\n" for i in range(min(depth, 400))) + " " * 400 + "model: openai/o3\n"
            if name.endswith(".py"):
                return "".join(" " * i + "if x:\n" for i in range(min(depth, 600))) + " " * 600 + "m = 'openai/o3'\n"
            return "(" * depth + '"openai/o3"' + ")" * depth
        if kind < 3 and self.r.random() < 0.3:  # big: repeated sample (to ~3 MB, past the 2 MiB bound)
            return real * self.r.choice([100, 1000, 10_000])
        if kind < 12:
            data = bytes(self.r.randrange(256) for _ in range(self.r.randrange(0, 2000)))
            return data.decode("utf-8", "replace")
        if kind < 20:
            return real[: self.r.randrange(len(real) + 1)] + self.r.choice(['"', "'", '"""', "`", "${", "{", "[", ""])
        if kind < 55:
            return self.mutate(real)
        if kind < 62:
            return real.replace("\n", self.r.choice(["\r\n", "\r", "\n\r", "\u2028\n", "\x0c\n"]))
        if kind < 66:
            return ""
        return real

    def position(self, text: str, wild: bool) -> dict:
        lines = lsp_lines(text)
        if wild and self.r.random() < 0.5:
            return {"line": self.r.choice([len(lines), len(lines) + 5, MAX_UINT, 0]),
                    "character": self.r.choice([0, 1, 10_000, MAX_UINT])}
        line = self.r.randrange(len(lines))
        return {"line": line, "character": self.r.randrange(units(lines[line]) + (3 if wild else 1))}

    def range(self, text: str) -> dict:
        if self.r.random() < 0.7:
            a = self.position(text, wild=False)
            return {"start": a, "end": {"line": a["line"], "character": a["character"] + self.r.choice([0, 0, 1, 2, 5])}}
        a, b = self.position(text, True), self.position(text, True)
        if self.r.random() < 0.8:
            a, b = sorted([a, b], key=lambda p: (p["line"], p["character"]))
        return {"start": a, "end": b}

    def bad_frame(self) -> bytes:
        body = json.dumps({"jsonrpc": "2.0", "id": "bad", "method": "byok-lsp/ping"}).encode()
        r = self.r
        choice = r.randrange(10)
        if choice == 0:
            return b"Content-Length: %d\r\n\r\n" % r.choice([-1, 0, 3, len(body) - 5, len(body) + 30, 10**13]) + body
        if choice == 1:
            return b"content-length:%d\n\n" % len(body) + body
        if choice == 2:
            return bytes(r.randrange(256) for _ in range(r.randrange(1, 3000)))
        if choice == 3:
            return b"Content-Length: abc\r\n\r\n" + body
        if choice == 4:
            return b"X-Long: " + b"x" * r.choice([1000, 70_000]) + b"\r\n\r\n"
        if choice == 5:
            return frame(b'{"jsonrpc": "2.0", "id": "bad", "method": ')
        if choice == 6:
            return frame(b'{"jsonrpc": "1.0", "id": "bad", "method": "x"}')
        if choice == 7:
            return frame(b'{"jsonrpc": "2.0", "id": "bad", "method": "x", "params": "\xff"}')
        data = bytearray(frame(json.loads(body)))
        for _ in range(r.randint(1, 3)):
            pos = r.randrange(len(data) + 1)
            op = r.randrange(3)
            if op == 0 and data:
                data[min(pos, len(data) - 1)] = r.randrange(256)
            elif op == 1:
                del data[pos:pos + r.randint(1, 10)]
            else:
                data[pos:pos] = r.choice([b"\r\n", b"\n", b"\x00", b"Content-Length: 7\r\n"])
        return bytes(data)


# ----- the run -----------------------------------------------------------------------------------
class Run:
    def __init__(self, args):
        self.args = args
        self.rnd = random.Random(args.seed)
        self.g = Gen(self.rnd)
        self.tmp = Path(tempfile.mkdtemp(prefix="byok-server-fuzz-"))
        self.root = self.tmp / "ws"
        (self.root / ".git").mkdir(parents=True)
        (self.root / ".env").write_text("OPENROUTER_API_KEY=\n")
        self.env = {k: v for k, v in os.environ.items()
                    if not k.startswith(("OPENROUTER", "OPENAI", "BYOK_"))}
        self.counts = dict(documents=0, changes=0, requests=0, answered=0, crashes=0, hangs=0,
                           stale_publishes=0, verified=0, diagnostics_compared=0, mismatches=0, bad_frames=0, pings_lost=0,
                           internal_errors=0, restarts=0)
        self.problems: list[str] = []
        self.requests_left = args.requests
        self.request_credit = 0.0
        self.started = time.monotonic()
        self.server: RawServer | None = None
        self.ws = None

    def problem(self, what: str) -> None:
        if len(self.problems) < 200:
            self.problems.append(what)
        print("PROBLEM:", what, flush=True)

    def start_server(self) -> None:
        self.log = self.tmp / f"server-{self.counts['restarts']}.log"
        self.server = RawServer(log_file=self.log, env=self.env)
        if self.server.initialize(self.root, self.args.deadline * 2) is None:
            raise SystemExit("the server did not answer initialize")

    def expected(self, path: Path, text: str) -> list[tuple]:
        from byok_lsp import engine, keys
        from byok_lsp.workspace import Workspace

        if self.ws is None or self.ws_uses > 200:  # a fresh view now and then: bounded caches
            self.ws, self.ws_uses = Workspace(self.root.resolve(), overlay=lambda p: self.overlay.get(p),
                                              environ=self.env), 0
        self.ws_uses += 1
        self.overlay = {path: text}
        result = engine.analyze(self.ws, path, text)
        # The server redacts every message it sends (keys.redact): so does the oracle.
        return sorted((f.code, client_range(text, f.span), keys.redact(f.message))
                      for f in result.findings if f.path == path)

    def ask(self, method: str, params) -> dict | None:
        srv = self.server
        self.counts["requests"] += 1
        answer = srv.request(method, params, self.args.deadline)
        if answer is None:
            if srv.proc.poll() is not None:
                return None
            self.counts["hangs"] += 1
            self.problem(f"no answer to {method} within {self.args.deadline} s")
            return None
        self.counts["answered"] += 1
        if (answer.get("error") or {}).get("code") == -32603:
            self.counts["internal_errors"] += 1
            self.problem(f"{method}: internal error {answer['error'].get('message', '')[:200]}")
        return answer

    def random_request(self, doc: dict) -> None:
        r = self.rnd
        choice = r.randrange(10)
        ident = {"uri": doc["uri"]}
        if choice < 5:
            self.ask("textDocument/hover", {"textDocument": ident, "position": self.g.position(doc["text"], r.random() < 0.3)})
        elif choice < 8:
            published = (self.server.published.get(doc["uri"]) or {}).get("diagnostics") or []
            diags = r.sample(published, k=min(len(published), r.randrange(3)))
            self.ask("textDocument/codeAction", {"textDocument": ident, "range": self.g.range(doc["text"]),
                                                 "context": {"diagnostics": diags}})
        elif choice < 9:
            self.ask("textDocument/diagnostic", {"textDocument": ident})
        else:
            self.ask("byok-lsp/unknown", {})
        self.requests_left -= 1

    def bad_frame(self) -> None:
        srv = self.server
        self.counts["bad_frames"] += 1
        srv.send_bytes(self.g.bad_frame())
        first = srv.request_async("byok-lsp/ping", {})
        second = srv.request_async("byok-lsp/ping", {})
        self.counts["requests"] += 2
        if srv.wait(second, self.args.deadline) is None:
            if srv.proc.poll() is None:
                self.counts["hangs"] += 1
                self.problem("deaf after a bad frame")
            return
        self.counts["answered"] += 1
        if srv.wait(first, 0.5) is None:
            self.counts["pings_lost"] += 1
        else:
            self.counts["answered"] += 1

    def batch(self, first_index: int, size: int) -> None:
        srv, r, g = self.server, self.rnd, self.g
        docs = []
        for i in range(first_index, first_index + size):
            name = r.choice(list(SAMPLES))
            path = (self.root / f"d{i % 5000}" / name).resolve()
            text = g.document(name)
            doc = {"uri": path.as_uri(), "path": path, "text": text, "version": 1, "opened": text, "changes": []}
            srv.notify("textDocument/didOpen", {"textDocument": {"uri": doc["uri"], "languageId": "plaintext",
                                                                  "version": 1, "text": text}})
            docs.append(doc)
            self.counts["documents"] += 1
        request_rate = self.args.requests / max(1, self.args.docs)
        for doc in docs:
            for _ in range(r.choice([0, 0, 1, 2, 3, 6])):
                doc["version"] += 1
                if r.random() < 0.15 or len(doc["text"]) > 200_000:
                    new = g.mutate(doc["text"][:5000]) if len(doc["text"]) > 200_000 else g.mutate(doc["text"])
                    changes = [{"text": new}]
                    doc["text"] = new
                else:
                    changes = []
                    for _ in range(r.choice([1, 1, 2])):
                        rng, piece = g.range(doc["text"]), g.snippet() if r.random() < 0.7 else ""
                        doc["text"] = apply_change(doc["text"], rng, piece)
                        changes.append({"range": rng, "text": piece})
                srv.notify("textDocument/didChange", {"textDocument": {"uri": doc["uri"], "version": doc["version"]},
                                                      "contentChanges": changes})
                doc["changes"].append(changes)
                self.counts["changes"] += 1
            self.request_credit += request_rate  # spreads --requests evenly over --docs
            while self.requests_left > 0 and self.request_credit >= 1:
                self.random_request(doc)
                self.request_credit -= 1
            if r.random() < self.args.bad_frame_rate:
                self.bad_frame()
        for doc in docs:
            self.settle(doc)
        for doc in docs:
            srv.notify("textDocument/didClose", {"textDocument": {"uri": doc["uri"]}})
            srv.published.pop(doc["uri"], None)

    def settle(self, doc: dict) -> None:
        srv = self.server
        deadline = time.monotonic() + self.args.deadline
        uri, version = doc["uri"], doc["version"]
        while True:
            got = srv.published.get(uri)
            if got is not None and got.get("version") == version:
                break
            if srv.proc.poll() is not None:
                return
            if time.monotonic() > deadline:
                self.counts["hangs"] += 1
                self.counts["stale_publishes"] += got is not None
                self.problem(f"{uri}: no publish for version {version} within {self.args.deadline} s "
                             f"(last: {got and got.get('version')})")
                return
            with srv.cond:
                srv.cond.wait(0.05)
        if self.counts["documents"] % self.args.verify_every:
            return
        self.counts["verified"] += 1
        try:
            want = self.expected(doc["path"], doc["text"])
        except Exception as exc:  # noqa: BLE001 - the oracle failing is a finding too
            self.problem(f"{uri}: engine.analyze failed in-process: {exc!r}")
            return
        have = sorted((str(d.get("code")), (d["range"]["start"]["line"], d["range"]["start"]["character"],
                                             d["range"]["end"]["line"], d["range"]["end"]["character"]),
                       d["message"]) for d in got.get("diagnostics", []))
        self.counts["diagnostics_compared"] += len(want)
        if have != want:
            self.dump(doc, have, want)
            self.counts["mismatches"] += 1
            self.counts["stale_publishes"] += 1
            self.problem(f"{uri} v{version}: published {len(have)} diagnostics, the final text has {len(want)}: "
                         f"only published: {sorted(set(have) - set(want))[:3]}; "
                         f"only in the final text: {sorted(set(want) - set(have))[:3]}")

    def dump(self, doc: dict, have, want) -> None:
        """The whole history of a document whose last publish disagrees with its final text
        (opened text, every change, both answers), to replay it: OUT.mismatches.jsonl."""
        if not self.args.json:
            return
        record = {"uri": doc["uri"], "version": doc["version"], "opened": doc["opened"], "changes": doc["changes"],
                  "final": doc["text"], "published": have, "expected": want, "documents_so_far": self.counts["documents"]}
        with open(str(self.args.json) + ".mismatches.jsonl", "a", encoding="utf-8") as fh:
            fh.write(json.dumps(record, ensure_ascii=True) + "\n")

    def run(self) -> dict:
        self.start_server()
        done = 0
        last_report = time.monotonic()
        while done < self.args.docs:
            size = min(self.args.window, self.args.docs - done)
            self.batch(done, size)
            done += size
            if self.server.proc.poll() is not None:
                self.counts["crashes"] += 1
                self.problem(f"the server exited with status {self.server.proc.returncode} "
                             f"(log: {self.log})")
                self.counts["restarts"] += 1
                self.start_server()
            if self.server.regressions:
                self.counts["stale_publishes"] += self.server.regressions
                self.problem(f"{self.server.regressions} publish(es) went back to an older version")
                self.server.regressions = 0
            if time.monotonic() - last_report > self.args.progress_every:
                last_report = time.monotonic()
                self.write(done, final=False)
        status = self.server.close(self.args.deadline)
        if status != 0:
            self.problem(f"shutdown + exit ended with status {status}")
        return self.write(done, final=True)

    def write(self, done: int, final: bool) -> dict:
        elapsed = time.monotonic() - self.started
        out = {"final": final, "seed": self.args.seed, "docs_target": self.args.docs,
               "requests_target": self.args.requests, "elapsed_s": round(elapsed, 1),
               "docs_per_s": round(done / elapsed, 1) if elapsed else None,
               **self.counts, "problems": self.problems[:50]}
        line = ", ".join(f"{k}={v}" for k, v in out.items() if k != "problems")
        print(line, flush=True)
        if self.args.json:
            Path(self.args.json).write_text(json.dumps(out, indent=1) + "\n")
        return out


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--docs", type=int, default=2000)
    p.add_argument("--requests", type=int, default=500)
    p.add_argument("--seed", type=int, default=15)
    p.add_argument("--json", help="write the figures here (also every --progress-every seconds)")
    p.add_argument("--window", type=int, default=16, help="documents open at once")
    p.add_argument("--deadline", type=float, default=30.0, help="seconds for any answer or final publish")
    p.add_argument("--bad-frame-rate", type=float, default=0.02, help="chance of a bad frame after each document")
    p.add_argument("--verify-every", type=int, default=1, help="compare every Nth document with engine.analyze")
    p.add_argument("--progress-every", type=float, default=60.0)
    args = p.parse_args(argv)
    out = Run(args).run()
    bad = out["crashes"] + out["hangs"] + out["stale_publishes"] + out["internal_errors"]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
