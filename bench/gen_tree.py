"""Generate a deterministic project tree for the ``check`` benchmarks.

    python bench/gen_tree.py 10000            # -> .bench-tmp/tree-10000-s1 (reused when present)
    python bench/gen_tree.py 1000 --seed 7 --force

A realistic mix (.py .ts .js .yaml .json .md .go, ~10 KB each), about 3 % of the files use
OpenRouter (``openai/o3`` via ``base_url`` openrouter.ai, ``sk-or-v1-`` keys), about 1.5 % touch
OpenAI or .env loading without OpenRouter, .env files are sprinkled (git-ignored), and there is
a ``.git/``, a ``node_modules/``, a git-ignored ``dist/`` and a handful of hazards (binary,
oversized, BOM, UTF-16, invalid UTF-8, symlinks, a venv, a nested .gitignore with a negation)
that a walker must skip or note. ``--files`` counts the files a checker should consider; the
skipped folders come on top.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
from pathlib import Path

GENERATOR_VERSION = 3
REPO = Path(__file__).resolve().parent.parent
CACHE = REPO / ".bench-tmp"

MIX = [(".py", 30), (".ts", 20), (".js", 14), (".yaml", 8), (".json", 8), (".md", 12), (".go", 8)]
OPENROUTER_SHARE = 0.03
OTHER_HIT_SHARE = 0.015  # direct OpenAI, dotenv loading, MODEL env vars: parsed, usually no finding
FILES_PER_DIR = 18

WORDS = ("account billing cache catalog checkout client config core data event export feature gateway "
         "graph health import index inventory invoice job ledger loader mailer metrics notify order "
         "parser payment pipeline profile query queue report router search session settings shipping "
         "storage sync task tenant token upload user util webhook worker").split()
VERBS = "build fetch load parse render save send sync update validate compute resolve merge apply".split()


def _name(rng: random.Random, parts: int = 2) -> str:
    return "_".join(rng.choice(WORDS) for _ in range(parts))


def _camel(rng: random.Random) -> str:
    a, b = rng.choice(VERBS), rng.choice(WORDS)
    return a + b.capitalize()


# ----- ordinary code blocks (no word the prefilter looks for) ---------------------------------

def _py_block(rng: random.Random) -> str:
    fn, arg, other = _camel(rng), _name(rng, 1), _name(rng, 1)
    n = rng.randint(2, 40)
    return (f"\n\ndef {fn}_{rng.randint(0, 999)}({arg}: dict, limit: int = {n}) -> list[str]:\n"
            f'    """Return the {other} entries of ``{arg}`` that pass the {rng.choice(WORDS)} check."""\n'
            f"    out: list[str] = []\n"
            f"    for key, value in sorted({arg}.items()):\n"
            f"        if len(out) >= limit:\n"
            f"            break\n"
            f"        if isinstance(value, str) and value.startswith('{other[:3]}'):\n"
            f"            out.append(f'{{key}}={{value}}')\n"
            f"        elif value is None:\n"
            f"            logger.debug('skipping %s in {fn}', key)\n"
            f"    return out\n")


def _py_class(rng: random.Random) -> str:
    cls = _camel(rng).capitalize()
    return (f"\n\nclass {cls}{rng.randint(0, 99)}:\n"
            f"    retries = {rng.randint(1, 9)}\n\n"
            f"    def __init__(self, {_name(rng, 1)}_id: int, name: str = '{rng.choice(WORDS)}'):\n"
            f"        self.ident = {_name(rng, 1)}_id if False else 0\n"
            f"        self.name = name\n\n"
            f"    def __repr__(self) -> str:\n"
            f"        return f'<{cls} {{self.name}}>'\n")


def _ts_block(rng: random.Random, ts: bool) -> str:
    fn, arg = _camel(rng), _name(rng, 1)
    typ = ": Record<string, number>" if ts else ""
    ret = ": number" if ts else ""
    return (f"\nexport function {fn}{rng.randint(0, 999)}({arg}{typ}, limit{': number' if ts else ''} = {rng.randint(2, 50)}){ret} {{\n"
            f"  let total = 0;\n"
            f"  for (const [key, value] of Object.entries({arg})) {{\n"
            f"    if (key.startsWith(\"{rng.choice(WORDS)}\") && value > limit) {{\n"
            f"      total += value * {rng.randint(2, 9)};\n"
            f"    }} else {{\n"
            f"      console.debug(`skip ${{key}} in {fn}`);\n"
            f"    }}\n"
            f"  }}\n"
            f"  return total;\n"
            f"}}\n")


def _go_block(rng: random.Random) -> str:
    fn = _camel(rng).capitalize()
    return (f"\nfunc {fn}{rng.randint(0, 999)}(items map[string]int, limit int) (int, error) {{\n"
            f"\ttotal := 0\n"
            f"\tfor key, value := range items {{\n"
            f"\t\tif value > limit {{\n"
            f"\t\t\treturn 0, fmt.Errorf(\"{rng.choice(WORDS)}: %s over %d\", key, limit)\n"
            f"\t\t}}\n"
            f"\t\ttotal += value * {rng.randint(2, 9)}\n"
            f"\t}}\n"
            f"\treturn total, nil\n"
            f"}}\n")


def _yaml_block(rng: random.Random) -> str:
    svc = _name(rng, 1)
    return (f"{svc}-{rng.randint(0, 999)}:\n"
            f"  image: registry.example.com/{svc}:{rng.randint(1, 30)}.{rng.randint(0, 9)}\n"
            f"  replicas: {rng.randint(1, 6)}\n"
            f"  env:\n"
            f"    - name: {svc.upper()}_TIMEOUT\n"
            f"      value: \"{rng.randint(1, 120)}\"\n"
            f"    - name: LOG_LEVEL\n"
            f"      value: {rng.choice(['info', 'debug', 'warn'])}\n"
            f"  ports: [{rng.randint(3000, 9000)}]\n")


def _json_entry(rng: random.Random) -> str:
    return (f'  "{_name(rng)}_{rng.randint(0, 9999)}": {{"enabled": {rng.choice(["true", "false"])}, '
            f'"weight": {rng.randint(0, 100)}, "tags": ["{rng.choice(WORDS)}", "{rng.choice(WORDS)}"], '
            f'"owner": "{rng.choice(WORDS)}-team"}}')


def _md_block(rng: random.Random) -> str:
    return (f"\n## {rng.choice(WORDS).capitalize()} {rng.choice(WORDS)}\n\n"
            f"The {rng.choice(WORDS)} service keeps {rng.randint(2, 90)} {rng.choice(WORDS)} records per tenant and "
            f"retries a failed {rng.choice(VERBS)} up to {rng.randint(2, 9)} times. Run `make {rng.choice(VERBS)}` "
            f"before a release; see the {rng.choice(WORDS)} runbook for the on-call steps.\n\n"
            f"- {rng.choice(VERBS)} the {rng.choice(WORDS)} table\n- {rng.choice(VERBS)} the {rng.choice(WORDS)} cache\n")


# ----- snippets with something byok-lsp looks at ------------------------------------------------

def _key(rng: random.Random) -> str:
    return "sk-or-v1-" + "".join(rng.choice("0123456789abcdef") for _ in range(64))


def _openrouter(ext: str, rng: random.Random) -> str:
    model = rng.choice(["openai/o3", "openai/o3", "openai/o3-pro", "openai/o3-mini", "openai/o4-mini"])
    key = _key(rng) if rng.random() < 0.2 else None
    if ext == ".py":
        api_key = f'"{key}"' if key else 'os.environ["OPENROUTER_API_KEY"]'
        return (f"\n\nimport os\n\nfrom openai import OpenAI\n\n"
                f"llm = OpenAI(base_url=\"https://openrouter.ai/api/v1\", api_key={api_key})\n\n\n"
                f"def ask_{_name(rng, 1)}(question: str) -> str:\n"
                f"    reply = llm.chat.completions.create(model=\"{model}\", messages=[{{\"role\": \"user\", \"content\": question}}])\n"
                f"    return reply.choices[0].message.content\n")
    if ext in (".ts", ".js"):
        api_key = f'"{key}"' if key else "process.env.OPENROUTER_API_KEY"
        return (f"\nimport OpenAI from \"openai\";\n\n"
                f"const llm = new OpenAI({{ baseURL: \"https://openrouter.ai/api/v1\", apiKey: {api_key} }});\n\n"
                f"export async function ask{_camel(rng)}(question) {{\n"
                f"  const reply = await llm.chat.completions.create({{ model: \"{model}\", messages: [{{ role: \"user\", content: question }}] }});\n"
                f"  return reply.choices[0].message.content;\n"
                f"}}\n")
    if ext == ".go":
        return (f"\nconst openRouterURL = \"https://openrouter.ai/api/v1\"\n"
                f"const reasoningModel = \"{model}\"\n")
    if ext == ".yaml":
        return (f"model_list:\n  - model_name: {_name(rng, 1)}\n    litellm_params:\n"
                f"      model: openrouter/{model}\n      api_key: os.environ/OPENROUTER_API_KEY\n")
    if ext == ".json":
        return f'  "assistant": {{"provider": "openrouter", "model": "{model}", "apiBase": "https://openrouter.ai/api/v1"}}'
    return f"\nWe call `{model}` through OpenRouter (`https://openrouter.ai/api/v1`); set OPENROUTER_API_KEY.\n"


def _other_hit(ext: str, rng: random.Random) -> str:
    if ext == ".py":
        return rng.choice([
            "\n\nfrom dotenv import load_dotenv\n\nload_dotenv()\n",
            "\n\nimport openai\n\nclient = openai.OpenAI()\nSUMMARY = client.chat.completions.create(model=\"gpt-4o-mini\", messages=[])\n",
            "\n\nDEFAULT_MODEL = os.environ.get(\"LLM_MODEL\", \"local-7b\")\n",
        ])
    if ext in (".ts", ".js"):
        return rng.choice(["\nimport \"dotenv/config\";\n",
                           "\nconst baseUrl = process.env.API_BASE_URL ?? \"http://localhost:8080\";\n"])
    if ext == ".yaml":
        return "env_file: .env.shared\n"
    if ext == ".json":
        return '  "baseUrl": "https://api.example.com"'
    return "\nThe MODEL variable selects the on-prem ranking model.\n"


# ----- file assembly -------------------------------------------------------------------------

def _target_size(rng: random.Random) -> int:
    return int(min(40_000, max(1_500, rng.lognormvariate(9.1, 0.45))))  # median ~9 KB, mean ~10 KB


def make_file(ext: str, rng: random.Random, hit: str | None) -> str:
    size = _target_size(rng)
    snippet = None
    if hit == "openrouter":
        snippet = _openrouter(ext, rng)
    elif hit == "other":
        snippet = _other_hit(ext, rng)
    if ext == ".json":
        entries = []
        while sum(len(e) for e in entries) < size:
            entries.append(_json_entry(rng))
        if snippet:
            entries.insert(rng.randint(0, len(entries)), snippet)
        return "{\n" + ",\n".join(entries) + "\n}\n"
    header = {".py": "import logging\n\nlogger = logging.getLogger(__name__)\n",
              ".go": "package main\n\nimport \"fmt\"\n",
              ".md": f"# The {rng.choice(WORDS)} service\n"}.get(ext, "")
    blocks = [header]
    total = len(header)
    while total < size:
        if ext == ".py":
            b = _py_class(rng) if rng.random() < 0.25 else _py_block(rng)
        elif ext in (".ts", ".js"):
            b = _ts_block(rng, ext == ".ts")
        elif ext == ".go":
            b = _go_block(rng)
        elif ext == ".yaml":
            b = _yaml_block(rng)
        else:
            b = _md_block(rng)
        blocks.append(b)
        total += len(b)
    if snippet:
        blocks.insert(rng.randint(1, len(blocks)), snippet)
    return "".join(blocks)


def _dotenv(rng: random.Random) -> str:
    lines = [f"# local settings ({rng.choice(WORDS)})", f"LOG_LEVEL={rng.choice(['info', 'debug'])}"]
    roll = rng.random()
    if roll < 0.6:
        lines.append(f"OPENROUTER_API_KEY={_key(rng)}")
    elif roll < 0.8:
        lines.append("OPENROUTER_API_KEY=your-key-here")
    lines.append(f"DATABASE_URL=postgres://app:app@localhost:{rng.randint(5000, 6000)}/app")
    return "\n".join(lines) + "\n"


def _write(path: Path, data: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)


def _dirs(rng: random.Random, n_dirs: int) -> list[str]:
    out, i = [], 0
    while len(out) < n_dirs:
        top = f"services/{WORDS[i % len(WORDS)]}{i // len(WORDS) or ''}"
        for sub in ("src", "src/" + rng.choice(WORDS), "tests", "config", "docs", "src/" + _name(rng, 1) + "/impl"):
            out.append(f"{top}/{sub}")
        i += 1
    return out[:n_dirs]


def _hazards(root: Path, rng: random.Random, big: bool = True) -> None:
    """Files a walker must skip or note, and folders it must not enter (``big``: with a 2.4 MB
    JSON file and a 200 KB git pack, which dominate a tiny tree for a slow peer)."""
    _write(root / ".gitignore", "node_modules/\n.env\n.env.local\ndist/\nbuild/\n*.log\n__pycache__/\n")
    _write(root / "pyproject.toml", "[project]\nname = \"bench-monorepo\"\nversion = \"0.0.0\"\n")
    _write(root / ".env.example", "OPENROUTER_API_KEY=\nLOG_LEVEL=info\n")
    _write(root / ".github/workflows/ci.yml",
           "on: push\njobs:\n  eval:\n    runs-on: ubuntu-latest\n    env:\n      OPENROUTER_API_KEY: ${{ secrets.OPENROUTER_API_KEY }}\n"
           "      EVAL_MODEL: openai/o3\n    steps:\n      - run: make eval\n")
    # git internals: never read
    _write(root / ".git/HEAD", "ref: refs/heads/main\n")
    _write(root / ".git/config", "[core]\n\trepositoryformatversion = 0\n\tbare = false\n")
    _write(root / ".git/objects/pack/pack-1.pack", bytes(rng.getrandbits(8) for _ in range(200_000 if big else 2_000)))
    _write(root / ".git/COMMIT_EDITMSG", "use openai/o3 via openrouter\n")
    # git-ignored build output and a venv: never read, though they mention OpenRouter
    for i in range(5):
        _write(root / f"dist/bundle-{i}.js", _openrouter(".js", rng) * 20)
    _write(root / "tools/.venv-bench/pyvenv.cfg", "home = /usr/bin\n")
    _write(root / "tools/.venv-bench/lib/site.py", _openrouter(".py", rng))
    _write(root / "rust/target/debug/gen.ts", _openrouter(".ts", rng))
    _write(root / "build/.env", f"OPENROUTER_API_KEY={_key(rng)}\n")  # inside an ignored folder: skipped
    # a nested .gitignore with a negation
    _write(root / "services/gen/.gitignore", "*.gen.ts\n!keep.gen.ts\n")
    _write(root / "services/gen/a.gen.ts", _openrouter(".ts", rng))
    _write(root / "services/gen/keep.gen.ts", _openrouter(".ts", rng))
    _write(root / "services/gen/.env.local", "OPENROUTER_API_KEY=sk-or-v1-short\n")  # ignored but always read
    # encodings and binaries
    _write(root / "assets/logo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(rng.getrandbits(8) for _ in range(4000)))
    _write(root / "legacy/packed.py", b"# generated\n\x00\x01\x02" + _openrouter(".py", rng).encode())
    _write(root / "legacy/late_nul.py", (make_file(".py", rng, None) * 2).encode() + b"\x00")
    _write(root / "legacy/latin1.py", "# caf\xe9 r\xe9sum\xe9\n".encode("latin-1") + _openrouter(".py", rng).encode())
    _write(root / "web/bom.ts", b"\xef\xbb\xbf" + _openrouter(".ts", rng).encode())
    _write(root / "web/utf16.ts", "\ufeff".encode("utf-16-le") + _openrouter(".ts", rng).encode("utf-16-le"))
    _write(root / "web/utf16_plain.ts", "\ufeff// plain\nexport const a = 1;\n".encode("utf-16-le"))
    _write(root / "web/caf\u00e9.ts", "// accent before the id: \u00e9o3\nexport const m = \"\u00e9o3\";\n")
    _write(root / "web/crlf.ts", _openrouter(".ts", rng).replace("\n", "\r\n"))
    if big:
        _write(root / "data/huge.json", "[" + ",".join(['"x"'] * 800_000) + "]\n")  # > 2 MiB: noted
    _write(root / "data/UPPER.PY", "BASE = 'https://OPENROUTER.ai/api/v1'\nMODEL_ID = 'openai/O3'\n")
    _write(root / "docs/notes.txt", "openrouter mention in a file type nobody reads\n")
    (root / "services/linked").mkdir(parents=True, exist_ok=True)
    for link, target in (("services/linked/link.py", "../gen/keep.gen.ts"), ("services/linked/loop", "..")):
        p = root / link
        if not p.is_symlink():
            os.symlink(target, p)
    fifo = root / "data/pipe.py"
    if hasattr(os, "mkfifo") and not fifo.exists():
        os.mkfifo(fifo)


def generate(n_files: int, seed: int = 1, out: Path | None = None, force: bool = False, big: bool = True) -> Path:
    """Build (or reuse) the tree and return its root (``big``: see ``_hazards``)."""
    root = out or CACHE / f"tree-{n_files}-s{seed}"
    stamp = root.parent / (root.name + ".done")
    want = {"version": GENERATOR_VERSION, "files": n_files, "seed": seed, **({} if big else {"big": False})}
    if not force and stamp.exists() and root.is_dir():
        try:
            if json.loads(stamp.read_text()) == want:
                return root
        except ValueError:
            pass
    if root.exists():
        shutil.rmtree(root)
    stamp.unlink(missing_ok=True)
    rng = random.Random(seed)
    root.mkdir(parents=True)
    _hazards(root, rng, big)
    exts = [e for e, _w in MIX]
    weights = [w for _e, w in MIX]
    dirs = _dirs(rng, max(1, n_files // FILES_PER_DIR))
    for i in range(n_files):
        folder = dirs[i % len(dirs)]
        ext = rng.choices(exts, weights)[0]
        roll = rng.random()
        hit = "openrouter" if roll < OPENROUTER_SHARE else "other" if roll < OPENROUTER_SHARE + OTHER_HIT_SHARE else None
        name = f"{_name(rng)}_{i}{ext}"
        _write(root / folder / name, make_file(ext, rng, hit))
        if i % 97 == 0:
            _write(root / folder / (".env" if i % 2 else ".env.local"), _dotenv(rng))
    # node_modules: 5 % of the tree on top, some mentioning OpenRouter, never read
    for i in range(max(20, n_files // 20)):
        pkg = f"node_modules/{rng.choice(WORDS)}-{i // 10}/lib"
        hit = "openrouter" if i % 10 == 0 else None
        _write(root / pkg / f"index{i}.js", make_file(".js", rng, hit))
    stamp.write_text(json.dumps(want))
    return root


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("files", type=int, nargs="+", help="file counts, e.g. 1000 10000 50000")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--force", action="store_true", help="regenerate even when cached")
    args = p.parse_args(argv)
    for n in args.files:
        root = generate(n, args.seed, force=args.force)
        size = sum(f.stat().st_size for f in root.rglob("*") if f.is_file() and not f.is_symlink())
        print(f"{root}  ({size / 1e6:.0f} MB)", file=sys.stderr)
        print(root)
    return 0


if __name__ == "__main__":
    sys.exit(main())
