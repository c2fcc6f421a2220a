"""The editor's incremental extraction (parsing/incremental.py) equals a full extraction.

After every edit, ``IncrementalExtractor.extract`` must return exactly what ``code.extract``
returns for the new text. Edits are seeded-random: whole lines inserted, duplicated or deleted,
text typed into comments and strings, lines typed character by character (broken code on the
way), random snippets (quotes, brackets, line breaks of all three kinds, keys, non-ASCII), each
followed by its undo. Each run must also take the incremental path often, or it proves nothing.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest
import tree_sitter

from byok_lsp.parsing import code
from byok_lsp.parsing.incremental import IncrementalExtractor

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
import editor_latency  # noqa: E402 - the benchmark's generated documents

KEY = "sk-or-v1-" + "3f2a9c1b7d4e" * 5 + "9c1d"
LINES = {
    "python": [
        'x = 1', 'model = "openai/o3"', 'MODEL = "openrouter/openai/o3-pro"  # 403 Forbidden',
        'client = OpenAI(base_url="https://openrouter.ai/api/v1", api_key=os.getenv("OPENROUTER_API_KEY"))',
        '# "openai/o3" in a comment', f'KEY = "{KEY}"', 'resp = completion(model="openrouter/openai/o3", stream=True)',
        'load_dotenv(".env.local")', 'MODELS = {"fast": "openai/o3-pro", "cheap": "o3"}', 'print("done")',
        'from openrouter import OpenRouter', 'def f(model="o3"):\n    return model', '"""doc: openai/o3"""',
    ],
    "js": [
        'const x = 1;', 'const model = "openai/o3";', '// "openai/o3" in a comment, 403',
        'await client.chat.completions.create({ model: "openai/o3", stream: true });',
        'const key = process.env.OPENROUTER_API_KEY ?? "none";', f'const k = "{KEY}";',
        'export const MODELS = { fast: "openai/o3-pro" };', 'const t = `openai/${name}`;',
        'const provider = createOpenRouter({ apiKey: process.env.OPENROUTER_API_KEY });',
        'function f(model = "o3") { return model; }', 'import { OpenAI } from "openai";',
    ],
}
SNIPPETS = ['"', "'", "`", "(", ")", "[", "{", "}", "\n", "\r\n", "\r", "#", "//", "/*", '"""', "${", "\\",
            "é", "😀", " ", "\t", "openai/o3", KEY, "model=", "stream: true,"]


def _lines_for(language: str) -> list[str]:
    return LINES["python" if language == "python" else "js"]


def _indent_at(text: str, offset: int) -> str:
    end = offset
    while end < len(text) and text[end] in " \t":
        end += 1
    return text[offset:end]


def _line_starts(text: str) -> list[int]:
    return [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]


def edits(rng: random.Random, text: str, language: str, count: int):
    """Yield ``count`` successive texts."""
    produced = 0
    while produced < count:
        starts = _line_starts(text)
        kind = rng.random()
        if kind < 0.25:  # a whole line, indented like the line it goes before
            at = rng.choice(starts)
            line = rng.choice(_lines_for(language))
            indent = _indent_at(text, at)
            text = text[:at] + indent + line.replace("\n", "\n" + indent) + "\n" + text[at:]
        elif kind < 0.35:  # delete or duplicate a line
            i = rng.randrange(len(starts))
            a, b = starts[i], starts[i + 1] if i + 1 < len(starts) else len(text)
            text = text[:a] + text[b:] if rng.random() < 0.5 else text[:b] + text[a:b] + text[b:]
        elif kind < 0.55:  # type into a comment or a string: after a '#'/'//' or a quote
            # after a comment marker, or an opening quote (one a letter follows)
            marks = [i for i, ch in enumerate(text) if ch == "#" or text.startswith("//", i)
                     or (ch in "\"'" and text[i + 1 : i + 2].isalpha())]
            if not marks:
                continue
            at = rng.choice(marks) + 1
            word = rng.choice(["openai/o3", "x", "403 Forbidden", "é", "o3-pro", "model"])
            text = text[:at] + word + text[at:]
        elif kind < 0.62:  # type a short line character by character (broken on the way)
            at = rng.choice(starts)
            line = min(rng.sample(_lines_for(language), 3), key=len) + "\n"
            for i in range(1, len(line) + 1):
                if produced >= count:
                    return
                produced += 1
                yield text[:at] + line[:i] + text[at:]
            text = text[:at] + line + text[at:]
            continue
        else:  # a random snippet or deletion, then undone (an editor's undo: the full text comes back)
            a = rng.randint(0, len(text))
            b = min(len(text), a + rng.randint(0, 30))
            produced += 1
            yield text[:a] + (rng.choice(SNIPPETS) if rng.random() < 0.7 else "") + text[b:]
        produced += 1
        yield text


def _sources() -> list[tuple[str, str, str]]:
    out = []
    for p in sorted((ROOT / "tests").rglob("*")):
        if {"corpus", "fixtures"} & set(p.parts) and p.suffix in (".py", ".js", ".ts", ".tsx", ".mjs"):
            language = code.language_for(p)
            if language in ("python", "javascript", "typescript", "tsx"):
                out.append((p.relative_to(ROOT).as_posix(), language, p.read_text(errors="surrogateescape")))
    out.append(("generated.py", "python", editor_latency.python_file(400)))
    out.append(("generated.ts", "typescript", editor_latency.typescript_file(400)))
    out.append(("generated-crlf.py", "python", editor_latency.python_file(200).replace("\n", "\r\n")))
    return out


SOURCES = _sources()


def _diff(got, want) -> str:
    out = []
    for name in ("models", "env_reads", "signals", "secrets", "error_texts", "dotenv_paths", "note", "stopped_at"):
        g, w = getattr(got, name), getattr(want, name)
        if g != w:
            out.append(f"{name}:\n  incremental {g}\n  full        {w}")
    return "\n".join(out)


@pytest.mark.parametrize("seed", range(3))
def test_incremental_extraction_equals_full_extraction(seed):
    rng = random.Random(seed)
    steps = incremental = 0
    for name, language, text in SOURCES:
        ex = IncrementalExtractor()
        ex.extract(language, text)
        prev = text
        for new in edits(rng, text, language, 40):
            got = ex.extract(language, new)
            want = code.extract(language, new, skip_prefilter=True)
            assert got == want, f"{name}, edit {steps}: {_diff(got, want)}\n--- before ---\n{prev}\n--- after ---\n{new}"
            prev = new
            steps += 1
        incremental += ex.incremental_runs
    assert steps >= 40 * len(SOURCES)
    # valid code goes the incremental way; broken code (typing, snippets) the full way
    assert incremental > steps * 0.3, f"only {incremental} of {steps} edits were incremental"


def test_an_edit_reextracts_only_around_it():
    """The incremental path really skips work: a comment edit in the middle of a 5,000-line file
    re-runs the node pass over a few lines, not the file (literal budget counts the difference)."""
    text = editor_latency.python_file(5000)
    ex = IncrementalExtractor()
    first = ex.extract("python", text)
    at = text.index("# note 400")
    edited = text[:at] + "# note 400 (edited)" + text[at + len("# note 400"):]
    second = ex.extract("python", edited)
    assert ex.incremental_runs == 1 and ex.full_runs == 1
    assert second == code.extract("python", edited, skip_prefilter=True) and second == first
    state = ex._state
    assert len(state.literals) > 2000  # the whole file's literals are still accounted for


EDGE_IDS = ["unclosed-string", "lone-cr-added", "crlf-to-cr", "statement-over-lines", "straddles-start",
            "straddles-end", "js-alias-appears", "delete-all", "from-empty", "non-ascii"]


@pytest.mark.parametrize("language,before,after", [
    # an unclosed string swallows the rest of the file: errors, the full path, and the fact goes
    ("python", 'a = 1\nmodel = "openai/o3"\n', 'a = "1\nmodel = "openai/o3"\n'),
    # the line break kinds: a lone \r starts a line for LSP, not for tree-sitter
    ("python", 'a = 1\r\nmodel = "openai/o3"\r\n', 'a = 1\rb = 2\r\nmodel = "openai/o3"\r\n'),
    ("python", 'a = 1\r\nmodel = "openai/o3"\r\n', 'a = 1\rmodel = "openai/o3"\r\n'),
    # a createOpenRouter alias appears: every call through it changes meaning (file_inputs)
    ("typescript", 'const a = x({});\nconst m = a("openai/o3");\n', 'const a = createOpenRouter({});\nconst m = a("openai/o3");\n'),
    # a statement over many lines: the stream flag, edited far below the model id, is its fact
    ("python", 'r = client.chat.completions.create(\n    model="openai/o3",\n' + "    messages=[],  # padding\n" * 8
     + "    stream=True,\n)\n", 'r = client.chat.completions.create(\n    model="openai/o3",\n'
     + "    messages=[],  # padding\n" * 8 + "    stream=False,\n)\n"),
    # a string that straddles the start of the edited line: its fact on that line is kept whole
    ("python", 'import openai\nx = """\nnotes\nsee https://openrouter.ai/api/v1 """; y = 1\n',
     'import openai\nx = """\nnotes\nsee https://openrouter.ai/api/v1 """; y = 12\n'),
    # ...and one that straddles the end of the range (100 bytes after the edit): not counted twice
    ("python", 'import openai\ny = 1; x = """' + "pad " * 30 + '\nsee https://openrouter.ai/api/v1\n"""\n',
     'import openai\ny = 12; x = """' + "pad " * 30 + '\nsee https://openrouter.ai/api/v1\n"""\n'),
    # everything deleted, then back
    ("python", 'model = "openai/o3"\n', ''),
    ("python", '', 'model = "openai/o3"\n'),
    # non-ASCII before the fact: columns in code points
    ("python", 'x = "é"\nmodel = "openai/o3"\n', 'x = "éé😀"\nmodel = "openai/o3"\n'),
], ids=EDGE_IDS)
def test_edge_edits(language, before, after):
    ex = IncrementalExtractor()
    ex.extract(language, before)
    assert ex.extract(language, after) == code.extract(language, after, skip_prefilter=True)
    assert ex.extract(language, before) == code.extract(language, before, skip_prefilter=True)


@pytest.mark.parametrize("language", ["python", "typescript"])
def test_over_the_literal_budget_the_editor_says_what_check_says(monkeypatch, language):
    """A file over the literal budget runs the node pass over the whole file on every edit; it
    must still equal ``code.extract`` (where extraction stopped, the facts before it, the file
    pass, the flow pass), and reuse the previous tree: one incremental parse per edit, not two
    fresh ones (the code before: a full parse, then code.extract's)."""
    from byok_lsp.parsing import incremental, treesitter

    monkeypatch.setattr(treesitter, "MAX_LITERALS", 40)
    monkeypatch.setattr(incremental, "MAX_LITERALS", 40)
    text = (editor_latency.python_file(120) if language == "python" else
            editor_latency.typescript_file(60) + "".join(f'const label{i} = "v{i}";\n' for i in range(80)))
    parses = []
    real_parse = tree_sitter.Parser.parse
    monkeypatch.setattr(tree_sitter, "Parser", _CountingParser(real_parse, parses))
    ex = IncrementalExtractor()
    rng = random.Random(7)
    stopped, one_parse = 0, 0
    for new in edits(rng, text, language, 12):
        parses.clear()
        got = ex.extract(language, new)
        by_extractor = len(parses)
        want = code.extract(language, new, skip_prefilter=True)
        assert got == want, _diff(got, want)
        if got.stopped_at is not None:
            stopped += 1
            # one incremental parse from the previous tree; a fresh parse too only when the
            # reparsed tree has errors (half-typed code), as for any file
            assert by_extractor <= 2, f"{by_extractor} parses for one edit"
            one_parse += by_extractor == 1
    assert stopped >= 6 and one_parse >= 1, (stopped, one_parse)  # the code before: 0 (always two)
    assert ex.incremental_runs == 0  # the node pass never runs on a part of an over-budget file


class _CountingParser:
    """tree_sitter.Parser whose ``parse`` calls the extractor's parsers make are counted."""

    def __init__(self, real_parse, calls: list) -> None:
        self.real_parse, self.calls = real_parse, calls
        self.cls = tree_sitter.Parser

    def __call__(self, *args, **kwargs):
        parser = self.cls(*args, **kwargs)
        calls, real_parse = self.calls, self.real_parse

        class Counting:
            def parse(self, data, *a, **k):
                calls.append(len(data))
                return real_parse(parser, data, *a, **k)
        return Counting()


def test_other_languages_take_the_full_path():
    ex = IncrementalExtractor()
    text = "model: openai/o3\nbase_url: https://openrouter.ai/api/v1\n"
    assert ex.extract("yaml", text) == code.extract("yaml", text, skip_prefilter=True)
    assert ex.incremental_runs == 0


# ----- .env: parse_dotenv_incremental equals parse_dotenv ----------------------------------------
ENV_PIECES = ["KEY=value\n", "export A=1\n", "# comment\n", "\n", "\r\n", "\r", 'Q="multi\nline"\n', "S='x'\n",
              'OPENROUTER_API_KEY=sk-or-v1-' + "ab12" * 16 + "\n", "BAD LINE\n", 'U="unterminated\n', "K= spaced # c\n",
              "A=${B:-d}\n", "é=ü\n", '"', "'", "#", "=", " ", "\t", "\\", "x"]


def _env_text(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(ENV_PIECES[:12]) for _ in range(n))


@pytest.mark.parametrize("seed", range(4))
def test_incremental_dotenv_parse_equals_full_parse(seed):
    from byok_lsp.parsing.dotenv import parse_dotenv, parse_dotenv_incremental

    rng = random.Random(seed)
    reused = 0
    for _ in range(25):
        text = _env_text(rng, rng.randint(0, 60))
        doc, state = parse_dotenv_incremental(None, text)
        for _ in range(30):
            a = rng.randint(0, len(text))
            b = min(len(text), a + rng.choice([0, 0, 1, 3, 20]))
            text = text[:a] + rng.choice(ENV_PIECES + [""]) + text[b:]
            before = len(state.items)
            doc, state = parse_dotenv_incremental(state, text)
            assert doc == parse_dotenv(text), text
            reused += before > 0 and len(state.items) > 0
    assert reused > 300


def test_incremental_dotenv_reuses_the_statements_after_the_edit():
    from byok_lsp.parsing.dotenv import parse_dotenv_incremental

    text = editor_latency.dotenv_file(5000)
    _doc, state = parse_dotenv_incremental(None, text)
    at = text.index("APP_SETTING_2501=") + len("APP_SETTING_2501=")
    edited = text[:at] + "x" + text[at:]
    doc, new_state = parse_dotenv_incremental(state, edited)
    same = sum(1 for a, b in zip(state.items[-2000:], new_state.items[-2000:]) if a is b)
    assert same > 1900  # the statements after the edit are the old objects (line shift 0)
    assert [e.value for e in doc.entries if e.key == "APP_SETTING_2501"] == ["xvalue-2501"]
