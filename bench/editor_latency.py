"""Editor latency of ``byok-lsp serve``, with ``ruff server`` on the same Python files for scale.

For each language (Python, TypeScript, .env) and size (100, 5,000, 50,000 lines), through the
same pygls client (bench/lspclient.py):

- push: didChange → publishDiagnostics of that version (client without pull capability);
- pull: didChange → answer of the ``textDocument/diagnostic`` sent right after it;
- hover on a model id (ruff: on a ``# noqa`` code), and codeAction on the first diagnostic.

Each edit types or deletes one character at the end of a comment line in the middle of the
file ("edit"), then as many in code in the middle of the file ("edit_code": inside a dict key,
an identifier, a .env value), each keeping the file valid. byok-lsp runs with the settings
users get (no initialization options) unless ``--debounce-ms N`` sends ``debounceMs: N``;
ruff server has no debounce.

    python bench/editor_latency.py [--edits 50] [--sizes 100,5000,50000] [--langs python,typescript,dotenv]
                                   [--debounce-ms N] [--no-ruff] [--json out.json] [--smoke]

Prints median and p95 per case and the byok-lsp / ruff ratio. Not a test.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lspclient import Session, edit_at_end, median_p95  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
BYOK = [sys.executable, "-m", "byok_lsp", "serve"]
MODEL_LINE = 'MODEL = "openai/o3"'


def ruff_command() -> list[str] | None:
    exe = Path(sys.executable).with_name("ruff")
    found = str(exe) if exe.exists() else shutil.which("ruff")
    return [found, "server"] if found else None


# ----- generated documents -------------------------------------------------------------------

def python_file(lines: int) -> str:
    head = ["import json  # noqa: F401", "import os", "import sys", "", "from openai import OpenAI", "",
            'client = OpenAI(base_url="https://openrouter.ai/api/v1", api_key=os.getenv("OPENROUTER_API_KEY"))',
            MODEL_LINE, ""]
    return _fill(head, lines, "# end", lambda i: [
        f"def handler_{i}(messages, temperature=0.{i % 10}):",
        f"    # note {i}: retry once on timeout",
        f'    payload = {{"id": {i}, "messages": messages, "temperature": temperature}}',
        "    return client.chat.completions.create(model=MODEL, **payload)" if i % 40 == 0 else "    return payload",
        "", ""])


def _fill(head: list[str], lines: int, pad: str, block) -> str:
    """``head``, then whole ``block(i)``s while they fit, then ``pad`` lines: exactly ``lines``."""
    out, i = list(head), 0
    while True:
        nxt = block(i)
        if len(out) + len(nxt) > lines:
            break
        out += nxt
        i += 1
    out += [pad] * (lines - len(out))
    return "\n".join(out[:lines]) + "\n"


def typescript_file(lines: int) -> str:
    head = ['import OpenAI from "openai";', "",
            'const client = new OpenAI({ baseURL: "https://openrouter.ai/api/v1", apiKey: process.env.OPENROUTER_API_KEY });',
            'const MODEL = "openai/o3";', ""]
    return _fill(head, lines, "// end", lambda i: [
        f"export async function handler{i}(messages: string[], temperature = 0.{i % 10}) {{",
        f"  // note {i}: retry once on timeout",
        f"  const payload = {{ id: {i}, messages, temperature }};",
        "  return client.chat.completions.create({ model: MODEL, ...payload });" if i % 40 == 0 else "  return payload;",
        "}", ""])


def dotenv_file(lines: int) -> str:
    head = ["OPENROUTER_API_KEY=your-key-here", "OPENAI_BASE_URL=https://openrouter.ai/api/v1", "LLM_MODEL=openai/o3"]
    return _fill(head, lines, "# end", lambda i: [f"# note {i}: tuning" if i % 5 == 0 else f"APP_SETTING_{i}=value-{i}"])


LANGS = {  # name: (suffix, languageId, generator, hover target (line text contains, needle))
    "python": (".py", "python", python_file, (MODEL_LINE, "openai/o3")),
    "typescript": (".ts", "typescript", typescript_file, ('const MODEL = "openai/o3";', "openai/o3")),
    "dotenv": (".env", "dotenv", dotenv_file, ("LLM_MODEL=openai/o3", "openai/o3")),
}


def _edit_line(text: str, marker: str) -> tuple[int, int]:
    """(line, end column) of the comment line nearest the middle of the file."""
    lines = text.splitlines()
    middle = len(lines) // 2
    for offset in range(len(lines)):
        for n in (middle + offset, middle - offset):
            if 0 <= n < len(lines) and marker in lines[n]:
                return n, len(lines[n])
    raise ValueError("no comment line to edit")


# An edit in code that keeps the file valid: a character typed at the end of ``anchor`` on the
# line with ``line_has`` nearest the middle (inside a string key, an identifier, a value).
CODE_EDITS = {
    "python": ('payload = {"id"', '"messages'),  # "messages" -> "messagesx": a dict key
    "typescript": ("const payload = {", "temperature"),  # shorthand property -> another name
    "dotenv": ("APP_SETTING_", None),  # the end of a value
}


def _code_edit_point(text: str, lang: str) -> tuple[int, int]:
    line_has, anchor = CODE_EDITS[lang]
    lines = text.splitlines()
    middle = len(lines) // 2
    for offset in range(len(lines)):
        for n in (middle + offset, middle - offset):
            if 0 <= n < len(lines) and line_has in lines[n]:
                return n, len(lines[n]) if anchor is None else lines[n].rindex(anchor) + len(anchor)
    raise ValueError(f"no {line_has!r} line to edit")


def _position(text: str, line_has: str, needle: str) -> tuple[int, int]:
    for n, line in enumerate(text.splitlines()):
        if line_has in line:
            return n, line.index(needle) + 1
    raise ValueError(f"{line_has!r} not in document")


# ----- one case ------------------------------------------------------------------------------

async def run_case(command: list[str], folder: Path, path: Path, language_id: str, *, pull: bool, edits: int,
                   options: dict | None, hover_at: tuple[int, int] | None, marker: str,
                   code_at: tuple[int, int] | None = None) -> dict:
    session = Session(command, folder, pull=pull, options=options)
    out: dict = {}
    try:
        await session.start()
        text = path.read_text()
        uri = path.as_uri()
        out["open"] = await session.open(path, language_id, text)
        line, col = _edit_line(text, marker)
        samples = []
        for n in range(edits):
            samples.append(await session.change(uri, n + 2, edit_at_end(line, col, insert=n % 2 == 0)))
            await asyncio.sleep(0.01)
        out["edit"] = samples
        if code_at is not None:  # then the same number of edits in code
            samples = []
            for n in range(edits):
                change = edit_at_end(*code_at, insert=n % 2 == 0)
                samples.append(await session.change(uri, edits + n + 2, change))
                await asyncio.sleep(0.01)
            out["edit_code"] = samples
        if not pull:
            diags = session.published.get(uri) or []
            out["diagnostics"] = len(diags)
            if hover_at is not None:
                timed = [await session.hover(uri, *hover_at) for _ in range(edits)]
                out["hover"] = [t for t, _ in timed]
                out["hover_empty"] = sum(r is None for _, r in timed)
            if diags:
                timed = [await session.code_action(uri, diags[0]) for _ in range(edits)]
                out["code_action"] = [t for t, _ in timed]
                out["code_action_empty"] = sum(not r for _, r in timed)
        out["peak_rss_mib"] = session.server_peak_rss_mib()  # after the edits, hovers and code actions
    finally:
        await session.stop()
    return out


async def run(args) -> list[dict]:
    rows = []
    ruff = None if args.no_ruff else ruff_command()
    byok_options = None if args.debounce_ms is None else {"debounceMs": args.debounce_ms}
    with tempfile.TemporaryDirectory(prefix="byok-latency-") as tmp:
        folder = Path(tmp)
        for lang in args.langs:
            suffix, language_id, generate, (line_has, needle) = LANGS[lang]
            for size in args.sizes:
                name = f"doc{size}{suffix}" if lang != "dotenv" else f"doc{size}.env"
                path = folder / name
                text = generate(size)
                path.write_text(text)
                hover_at = _position(text, line_has, needle)
                marker = "# note" if lang != "typescript" else "// note"
                code_at = _code_edit_point(text, lang)
                for pull in (False, True):
                    mode = "pull" if pull else "push"
                    byok = await run_case(BYOK, folder, path, language_id, pull=pull, edits=args.edits,
                                          options=byok_options, hover_at=hover_at, marker=marker, code_at=code_at)
                    ref = None
                    if ruff and lang == "python":
                        noqa = _position(text, "# noqa: F401", "F401")
                        ref = await run_case(ruff, folder, path, language_id, pull=pull, edits=args.edits,
                                             options=None, hover_at=noqa, marker=marker, code_at=code_at)
                    for what in ("open", "edit", "edit_code", "hover", "code_action"):
                        if what not in byok:
                            continue
                        mine = byok[what] if isinstance(byok[what], list) else [byok[what]]
                        theirs = None
                        if ref is not None and what in ref:
                            theirs = ref[what] if isinstance(ref[what], list) else [ref[what]]
                        rows.append(_row(lang, size, mode, what, mine, theirs, byok.get("diagnostics")))
                        empty = [n for n, res in (("byok-lsp", byok), ("ruff", ref or {})) if res.get(what + "_empty")]
                        if empty:
                            rows[-1]["empty_answers"] = empty
                            print(f"  (empty {what} answers from {', '.join(empty)})")
                        _print_row(rows[-1])
                    rss = {"byok_peak_rss_mib": round(byok.get("peak_rss_mib", float("nan")), 1)}
                    if ref is not None:
                        rss["ruff_peak_rss_mib"] = round(ref.get("peak_rss_mib", float("nan")), 1)
                    rows.append({"lang": lang, "lines": size, "mode": mode, "what": "peak_rss", **rss})
                    print(f"{lang:<10} {size:>6} {mode:<4} server peak RSS: " + ", ".join(f"{k.split('_')[0]} {v} MiB" for k, v in rss.items()),
                          flush=True)
                path.unlink()
    return rows


def _row(lang, size, mode, what, mine, theirs, diagnostics) -> dict:
    med, p95 = median_p95(mine)
    row = {"lang": lang, "lines": size, "mode": mode, "what": what, "n": len(mine),
           "byok_median_ms": round(med, 2), "byok_p95_ms": round(p95, 2), "diagnostics": diagnostics}
    if theirs:
        rmed, rp95 = median_p95(theirs)
        row.update(ruff_median_ms=round(rmed, 2), ruff_p95_ms=round(rp95, 2), ratio=round(med / rmed, 2) if rmed else None)
    return row


def _print_row(r: dict) -> None:
    ref = (f"   ruff {r['ruff_median_ms']:8.2f} / {r['ruff_p95_ms']:8.2f} ms   ratio {r['ratio']}"
           if "ruff_median_ms" in r else "")
    print(f"{r['lang']:<10} {r['lines']:>6} {r['mode']:<4} {r['what']:<11} n={r['n']:<3} "
          f"byok-lsp {r['byok_median_ms']:8.2f} / {r['byok_p95_ms']:8.2f} ms (median / p95){ref}", flush=True)


def main(argv: list[str] | None = None) -> list[dict]:
    p = argparse.ArgumentParser(description="didChange/hover/codeAction latency: byok-lsp serve vs ruff server")
    p.add_argument("--edits", type=int, default=50)
    p.add_argument("--sizes", type=lambda s: [int(x) for x in s.split(",")], default=[100, 5000, 50000])
    p.add_argument("--langs", type=lambda s: s.split(","), default=list(LANGS))
    p.add_argument("--debounce-ms", type=int, help="send debounceMs (default: no option, the server's default)")
    p.add_argument("--no-ruff", action="store_true")
    p.add_argument("--json", type=Path, help="also write the rows as JSON")
    p.add_argument("--smoke", action="store_true", help="100-line files, 2 edits: checks that the benchmark runs")
    args = p.parse_args(argv)
    if args.smoke:
        args.sizes, args.edits = [100], 2
    load_before = os.getloadavg()
    rows = asyncio.run(run(args))
    print(f"1/5/15-min load average before {load_before}, after {os.getloadavg()}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))
    return rows


if __name__ == "__main__":
    main()
