"""Fixtures for the online tests: a fake API on 127.0.0.1, fast timeouts, test keys, workspaces."""

from __future__ import annotations

import hashlib
import logging
import textwrap

import pytest

from byok_lsp.verify.cache import RESULTS
from byok_lsp.verify.http import VerifyConfig

from .fakeapi import FakeApi

# Well-formed, made-up keys (never real): they pass keys.py's format checks.
OR_KEY = "sk-or-v1-" + hashlib.sha256(b"byok-lsp test openrouter key").hexdigest()
OR_KEY_2 = "sk-or-v1-" + hashlib.sha256(b"byok-lsp second openrouter key").hexdigest()
MGMT_KEY = "sk-or-v1-" + hashlib.sha256(b"byok-lsp test management key").hexdigest()
OPENAI_KEY = "sk-proj-" + "Qw3rTy7uIo9pAs2dFg5hJk8l" * 3 + "T3BlbkFJ" + "Zx1cVb4nMm6kLj8hGf0dSa3p" * 3
ALL_KEYS = (OR_KEY, OR_KEY_2, MGMT_KEY, OPENAI_KEY)

# Small timeouts so the fault tests stay fast: the budget is what elapsed time is checked against.
BUDGET = 1.2


def fast_config(api: FakeApi | None = None, **overrides) -> VerifyConfig:
    base = {"openrouter_base": api.openrouter_base, "openai_base": api.openai_base} if api else {}
    return VerifyConfig(**{"connect_timeout": 0.5, "read_timeout": 0.5, "budget": BUDGET, "retries": 2,
                           "backoff": 0.05, "retry_after_cap": 0.3, **base, **overrides})


def secret_fragments(key: str) -> list[str]:
    """Pieces of a key that must never be printed: its body in overlapping 16-character slices."""
    body = key.split("-", 2)[-1] if key.startswith("sk-or-v1-") else key[8:]
    return [body[i:i + 16] for i in range(0, max(1, len(body) - 15), 8)]


def assert_no_key(text: str) -> None:
    for key in ALL_KEYS:
        assert key not in text
        for frag in secret_fragments(key):
            assert frag not in text, f"a fragment of a key leaked: {frag[:4]}…"


@pytest.fixture(autouse=True)
def _clean_cache():
    RESULTS.clear()
    yield
    RESULTS.clear()


@pytest.fixture(autouse=True)
def _no_ambient_keys(monkeypatch):
    """The developer's own shell must not leak keys or bases into the tests."""
    for name in ("OPENROUTER_API_KEY", "OPENAI_API_KEY", "OPENROUTER_MANAGEMENT_KEY",
                 "BYOK_LSP_OPENROUTER_API_BASE", "BYOK_LSP_OPENAI_API_BASE"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def api():
    server = FakeApi()
    yield server
    server.close()


@pytest.fixture
def debug_logs(caplog):
    caplog.set_level(logging.DEBUG)
    return caplog


APP_PY = textwrap.dedent('''\
    import os
    from openai import OpenAI

    client = OpenAI(base_url="https://openrouter.ai/api/v1", api_key=os.environ["OPENROUTER_API_KEY"])
    reply = client.chat.completions.create(model="openai/o3", messages=[{"role": "user", "content": "hi"}])
''')


def make_project(tmp_path, env: str | None = None, app: str = APP_PY, extra: dict | None = None):
    """A project folder with pyproject.toml, app.py and (optionally) a .env."""
    root = tmp_path / "proj"
    root.mkdir()
    (root / "pyproject.toml").write_text("[project]\nname = 'demo'\n", encoding="utf-8")
    (root / "app.py").write_text(app, encoding="utf-8")
    if env is not None:
        (root / ".env").write_text(env, encoding="utf-8")
    for name, text in (extra or {}).items():
        (root / name).write_text(text, encoding="utf-8")
    return root
