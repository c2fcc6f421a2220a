"""Helpers for the end-to-end tests: starting a session, the e2e key and app, waiting for
diagnostics. The rest lives in the shared harness (``tests/lsp_harness.py``) and is re-exported
here under the names the e2e tests have always imported."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from lsprotocol import types
from pytest_lsp import LanguageClient

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from lsp_harness import (  # noqa: E402, F401 - re-exported for the e2e tests
    SERVER,
    apply_text_edits,
    apply_workspace_edit,
    change_range,
    codes,
    eager_caps,
    open_doc,
    pull_caps,
    push_caps,
    send_raw,
    wait_for,
)
from lsp_harness import change_whole as replace_all  # noqa: E402, F401
from lsp_harness import write_tree as write  # noqa: E402, F401

OR_KEY = "sk-or-v1-" + "0123456789abcdef" * 4  # well-formed, not a real key
APP_PY = '''import os

from openai import OpenAI

client = OpenAI(base_url="https://openrouter.ai/api/v1", api_key=os.getenv("OPENROUTER_API_KEY"))
reply = client.chat.completions.create(model="openai/o3", messages=[{"role": "user", "content": "hi"}])
'''


async def start(client: LanguageClient, root: Path | list[Path], caps: types.ClientCapabilities | None = None,
                options: dict | None = None) -> types.InitializeResult:
    """initialize + initialized with ``root`` (or several roots) as the workspace folders."""
    roots = root if isinstance(root, list) else [root]
    uris = [r.resolve().as_uri() for r in roots]
    return await client.initialize_session(types.InitializeParams(
        capabilities=caps or push_caps(),
        root_uri=uris[0],
        workspace_folders=[types.WorkspaceFolder(uri=u, name=r.name) for u, r in zip(uris, roots)],
        initialization_options=options,
    ))


def raw_request(client: LanguageClient, method: str, params) -> asyncio.Future:
    """Send ``params`` exactly as given (typed methods cannot send malformed params)."""
    return send_raw(client, method, params)


async def diagnostics_for(client: LanguageClient, uri: str, version: int | None = None, timeout: float = 10.0):
    """Published diagnostics of ``uri`` (for ``version`` when given)."""
    def ready():
        if uri not in client.diagnostics:
            return None
        if version is not None and client.published_versions.get(uri) != version:
            return None
        return True
    await wait_for(ready, timeout, f"diagnostics of {uri}")
    return list(client.diagnostics[uri])
