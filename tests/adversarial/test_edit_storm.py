"""Edit storms: 1,000 ``didChange`` in one burst.

- The diagnostics published last are those of the final text: equal (code, UTF-16 range,
  message) to ``engine.analyze`` on that text, computed here in the test process.
- Every publish names a version, versions only grow, and each published version's diagnostics
  are those of *that* version's text (nothing computed for one version is published under
  another); the debounce keeps the number of publishes small.
- After the last publish the server goes idle: under 5 % of a core over one second
  (``/proc/<pid>/stat`` utime + stime).
- A storm on ``.env`` while ``app.py`` is open: app.py's final diagnostics follow the final
  unsaved .env text (cross-file re-diagnosis with epochs, never a stale epoch).
"""

from __future__ import annotations

import asyncio
import random
import time

import pytest

from conftest import (
    OR_KEY,
    apply_lsp_change,
    change_range,
    cpu_seconds,
    lsp_lines,
    lsp_session,
    open_doc,
    published,
    push_caps,
    server_pid,
    utf16_len,
    wait_for,
    write_tree,
)
from conftest import (
    expected_diagnostics as expected,
)

pytestmark = pytest.mark.fuzz

STORM = 1000
APP = ('import os\nfrom openai import OpenAI\n\nclient = OpenAI(base_url="https://openrouter.ai/api/v1", '
       'api_key=os.getenv("OPENROUTER_API_KEY"))\n')
TYPED = ('r = client.chat.completions.create(model="openai/o3", stream=True, messages=[])  # 😀 中文\n'
         'k = "sk-or-v1-0123"\nm2 = "openrouter:o3"\n')


def storm_edits(rnd: random.Random, text: str, target: str, count: int):
    """``count`` one-character edits: type ``target`` at the end, then insert a character at a
    random place and delete it again, pair after pair. Yields (start, end, new, text after)."""
    def end_of(t: str) -> tuple[int, int]:
        lines = lsp_lines(t)
        return len(lines) - 1, utf16_len(lines[-1])

    sent = 0
    for ch in target:
        pos = end_of(text)
        text = apply_lsp_change(text, pos, pos, ch)
        sent += 1
        yield pos, pos, ch, text
    while sent < count:
        if count - sent == 1:
            pos = end_of(text)
            text = apply_lsp_change(text, pos, pos, "\n")
            yield pos, pos, "\n", text
            return
        lines = lsp_lines(text)
        line = rnd.randrange(len(lines))
        col = utf16_len(lines[line][:rnd.randrange(len(lines[line]) + 1)])
        ch = rnd.choice("x #'\"")
        text = apply_lsp_change(text, (line, col), (line, col), ch)
        yield (line, col), (line, col), ch, text
        text = apply_lsp_change(text, (line, col), (line, col + 1), "")
        yield (line, col), (line, col + 1), "", text
        sent += 2


async def test_storm_of_1000_changes(tmp_path, report_counts):
    rnd = random.Random(7)
    write_tree(tmp_path, {".git/HEAD": "ref: refs/heads/main\n", ".env": "OTHER=1\n", "app.py": APP})
    path = tmp_path / "app.py"
    async with lsp_session(tmp_path, push_caps()) as client:
        uri = open_doc(client, path, APP, version=1, language="python")
        await wait_for(lambda: any(p.version == 1 for _, p in client.published), what="first diagnostics")
        texts = {1: APP}
        version = 1
        sent_at = time.monotonic()
        for start, end, new, after in storm_edits(rnd, APP, TYPED, STORM):
            version += 1
            change_range(client, uri, version, start, end, new)
            texts[version] = after
        burst = time.monotonic() - sent_at
        final = version
        await wait_for(lambda: any(p.uri == uri and p.version == final for _, p in client.published), timeout=30,
                       what=f"diagnostics of the final version {final}")
        last_publish = time.monotonic()
        await asyncio.sleep(0.6)  # any stray publish after the final one would arrive here
        storm = [(t, p) for t, p in client.published if p.uri == uri and p.version and p.version > 1]
        versions = [p.version for _, p in storm]
        assert versions == sorted(set(versions)), f"versions published out of order or twice: {versions}"
        assert versions[-1] == final, f"the last publish is for v{versions[-1]}, not the final v{final}"
        assert len(storm) <= 20, f"{len(storm)} publishes for one burst: the debounce does not hold"
        for _, p in storm:
            assert published(p.diagnostics) == expected(tmp_path, path, texts[p.version]), \
                f"v{p.version}'s diagnostics are not those of v{p.version}'s text"
        assert {d[0] for d in published(storm[-1][1].diagnostics)} >= {"BYOK101", "BYOK105"}

        # The same again, paced around the 200 ms debounce: chunks of 50 edits with pauses of
        # 0-300 ms, so analyses start mid-storm and newer edits arrive while they run.
        base = texts[final]
        paced_from = final
        chunk = []
        for start, end, new, after in storm_edits(rnd, base, "\n# more 😀\n", STORM):
            version += 1
            chunk.append((version, start, end, new))
            texts[version] = after
            if len(chunk) == 50:
                for v, s_, e_, n_ in chunk:
                    change_range(client, uri, v, s_, e_, n_)
                chunk = []
                await asyncio.sleep(rnd.random() * 0.3)
        for v, s_, e_, n_ in chunk:
            change_range(client, uri, v, s_, e_, n_)
        final = version
        await wait_for(lambda: any(p.uri == uri and p.version == final for _, p in client.published), timeout=30,
                       what=f"diagnostics of the final paced version {final}")
        last_publish = time.monotonic()
        await asyncio.sleep(0.6)
        paced = [(t, p) for t, p in client.published if p.uri == uri and p.version and p.version > paced_from]
        paced_versions = [p.version for _, p in paced]
        assert paced_versions == sorted(set(paced_versions)), f"out of order or twice: {paced_versions}"
        assert paced_versions[-1] == final
        for _, p in paced:
            assert published(p.diagnostics) == expected(tmp_path, path, texts[p.version]), \
                f"v{p.version}'s diagnostics are not those of v{p.version}'s text"

        pid = server_pid(client)
        await asyncio.sleep(max(0.0, last_publish + 0.5 - time.monotonic()))
        before = cpu_seconds(pid)
        await asyncio.sleep(1.0)
        busy = cpu_seconds(pid) - before
        assert busy < 0.05, f"the server used {busy:.2f} s of CPU in the second after the storm"
    report_counts(edits=2 * STORM, burst_seconds=round(burst, 2), burst_publishes=versions,
                  paced_publishes=len(paced_versions), idle_cpu_seconds=round(busy, 3))


async def test_env_storm_rediagnoses_open_code(tmp_path, report_counts):
    """1,000 edits to an open .env: every open code file's final diagnostics follow the final
    .env text (not the disk, not an intermediate version), published for its current version."""
    env_text = "OTHER=1\n"
    app = APP + 'r = client.chat.completions.create(model="openai/o3", messages=[])\n'
    write_tree(tmp_path, {".git/HEAD": "ref: refs/heads/main\n", ".env": env_text, "app.py": app})
    env_path, app_path = tmp_path / ".env", tmp_path / "app.py"
    async with lsp_session(tmp_path, push_caps()) as client:
        app_uri = open_doc(client, app_path, app, version=1, language="python")
        env_uri = open_doc(client, env_path, env_text, version=1, language="dotenv")
        await wait_for(lambda: {p.uri for _, p in client.published} >= {app_uri, env_uri}, what="first diagnostics")
        assert "BYOK201" in {str(d.code) for d in client.diagnostics[app_uri]}
        version, text = 1, env_text
        target = f"OPENROUTER_API_KEY={OR_KEY}\n"
        rnd = random.Random(11)
        for start, end, new, after in storm_edits(rnd, env_text, target, STORM):
            version += 1
            change_range(client, env_uri, version, start, end, new)
            text = after
        assert text.rstrip("\n") == (env_text + target).rstrip("\n")
        final = version
        await wait_for(lambda: any(p.uri == env_uri and p.version == final for _, p in client.published), timeout=30,
                       what="final .env diagnostics")
        overlay = {env_path.resolve(): text}
        want = expected(tmp_path, app_path, app, overlay)
        assert "BYOK201" not in {c for c, *_ in want}

        def app_settled():
            mine = [p for _, p in client.published if p.uri == app_uri]
            return mine and published(mine[-1].diagnostics) == want

        await wait_for(app_settled, timeout=20, what="app.py re-diagnosed against the final .env")
        await asyncio.sleep(0.6)
        mine = [p for _, p in client.published if p.uri == app_uri]
        assert published(mine[-1].diagnostics) == want, "a stale re-diagnosis of app.py was published last"
        assert all(p.version == 1 for p in mine), "app.py published for a version it never had"
        assert published(client.diagnostics[env_uri]) == expected(tmp_path, env_path, text, overlay)
    report_counts(env_edits=STORM, app_publishes=len(mine))
