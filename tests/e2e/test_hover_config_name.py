"""The model hover names the config file the project uses when it says how to record BYOK:
`.byok-lsp.toml` in a project that has one, not `[tool.byok-lsp]` (issue 13, VS Code bullet)."""

from __future__ import annotations

import pytest
from lsp_e2e import diagnostics_for, open_doc, push_caps, start, write
from lsprotocol import types

APP = '''from openai import OpenAI
client = OpenAI(base_url="https://openrouter.ai/api/v1")
reply = client.chat.completions.create(model="openai/o3", messages=[])
'''


@pytest.mark.parametrize(("files", "named", "not_named"), [
    ({".byok-lsp.toml": "openai-tier = 2\n"}, "in `.byok-lsp.toml`", "[tool.byok-lsp]"),
    ({"pyproject.toml": "[tool.byok-lsp]\nopenai-tier = 2\n"}, "in `[tool.byok-lsp]` in pyproject.toml", ".byok-lsp.toml"),
])
async def test_hover_names_the_projects_config_file(client, tmp_path, files, named, not_named):
    root = write(tmp_path, {"app.py": APP, ".env": "OPENROUTER_API_KEY=\n", **files})
    await start(client, root, push_caps())
    uri = open_doc(client, root / "app.py", language="python")
    await diagnostics_for(client, uri, 1)
    line = APP.splitlines()[2]
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        position=types.Position(line=2, character=line.index("openai/o3") + 3)))
    text = hover.contents.value
    assert "BYOK not recorded" in text
    assert named in text and not_named not in text.split("BYOK not recorded", 1)[1].split("\n", 1)[0]
