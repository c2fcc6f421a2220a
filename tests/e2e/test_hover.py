"""Hover end to end, on one server for the module: model ids, .env keys, rule codes, upstream errors,
and the explain / setup-guide commands."""

from __future__ import annotations

import pytest
import pytest_asyncio
from lsp_e2e import OR_KEY, diagnostics_for, open_doc, push_caps, start, write
from lsprotocol import types

pytestmark = pytest.mark.asyncio(loop_scope="module")

APP = '''import os

from openai import OpenAI

client = OpenAI(base_url="https://openrouter.ai/api/v1", api_key=os.getenv("OPENROUTER_API_KEY"))
reply = client.chat.completions.create(model="openai/o3", messages=[])
# Error: OpenAI is requiring a key to access this model, which you can add in https://openrouter.ai/settings/integrations
retry = client.chat.completions.create(model="openai/o3", messages=[])  # byok-lsp: ignore[BYOK101]
'''
ENV = f"OPENROUTER_API_KEY={OR_KEY}\nOPENAI_API_KEY=your-key-here\n"


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def project(module_client, tmp_path_factory):
    root = write(tmp_path_factory.mktemp("hover"), {".env": ENV, "app.py": APP, ".gitignore": ".env\n",
                                                      "pyproject.toml": "[tool.byok-lsp]\nopenai-tier = 2\n"})
    await start(module_client, root, push_caps())
    app = open_doc(module_client, root / "app.py", language="python")
    env = open_doc(module_client, root / ".env")
    await diagnostics_for(module_client, app, 1)
    await diagnostics_for(module_client, env, 1)
    return {"app": app, "env": env}


async def _hover(client, uri, line, character):
    return await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=line, character=character)))


async def test_model_hover(module_client, project):
    line = APP.splitlines()[5]
    col = line.index("openai/o3")
    hover = await _hover(module_client, project["app"], 5, col + 3)
    assert hover.contents.kind == types.MarkupKind.Markdown
    text = hover.contents.value
    summary, details = text.split("\n---\n", 1)
    # issue 13 item 3: what it is and the one next action first, in a few lines; details after
    assert summary.startswith("### openai/o3: BYOK required at OpenRouter\n")
    assert len(summary.strip().splitlines()) <= 12
    assert "**Next:** Add an OpenAI key at OpenRouter (BYOK) or 'openai/o3' gets 403" in summary
    assert "(https://openrouter.ai/settings/integrations)" in summary
    assert "OpenAI tier: 2" not in summary and "Setup" not in summary
    assert "as of 20" in details and "[Kilo-Org/kilocode#391](https://github.com/" in details  # sources named
    assert "OpenAI access" in text and "tier" in text
    assert "BYOK not recorded" in text and "OpenAI tier: 2" in text
    assert "`sk-or-v1-012…def`, a well-formed OpenRouter key" in text
    assert OR_KEY not in text  # only ever masked
    # setup steps the workspace shows done are not repeated: .env holds a well-formed OpenRouter key
    assert "Create an OpenRouter key" not in details and "1. [Create an OpenAI API key" in details
    assert "(https://openrouter.ai/settings/integrations)" in details
    assert "[BYOK101 byok-not-recorded](" in details  # the rule of the diagnostic under the cursor
    assert hover.range == types.Range(start=types.Position(line=5, character=col),
                                      end=types.Position(line=5, character=col + len("openai/o3")))


async def test_env_key_hover(module_client, project):
    hover = await _hover(module_client, project["env"], 0, 3)
    text = hover.contents.value
    assert text.startswith("### OPENROUTER_API_KEY")
    assert "`sk-or-v1-012…def`" in text and "a well-formed OpenRouter key" in text and OR_KEY not in text
    assert "Read by (open files): `app.py` line 5" in text
    placeholder = await _hover(module_client, project["env"], 1, 20)
    assert "a placeholder, not a key" in placeholder.contents.value
    assert "**BYOK202** placeholder-key" in placeholder.contents.value


async def test_rule_code_in_suppression_comment(module_client, project):
    line = APP.splitlines()[7]
    hover = await _hover(module_client, project["app"], 7, line.index("BYOK101") + 2)
    text = hover.contents.value
    assert text.startswith("### BYOK101 byok-not-recorded")
    for section in ("What it does", "Why is this bad?", "Example", "Fix safety", "References"):
        assert f"#### {section}" in text


async def test_upstream_error_text(module_client, project):
    hover = await _hover(module_client, project["app"], 6, 20)
    text = hover.contents.value
    assert text.startswith("### OpenRouter 403: BYOK required")
    assert "**Cause:**" in text and "**Fix:**" in text and "1. [" in text


async def test_nothing_to_say(module_client, project):
    assert await _hover(module_client, project["app"], 0, 2) is None  # `import os`
    assert await _hover(module_client, project["app"], 400, 9999) is None  # out of range: clamped, no error


async def test_explain_error_command(module_client, project):
    result = await module_client.workspace_execute_command_async(types.ExecuteCommandParams(
        command="byok-lsp.explainError",
        arguments=['{"error":{"message":"OpenAI is requiring a key to access this model","code":403}}']))
    assert result["matched"] is True and result["markdown"].startswith("### OpenRouter 403: BYOK required")
    shown = module_client.messages[-1]
    assert shown.type == types.MessageType.Info and shown.message.startswith("OpenRouter 403: BYOK required")
    assert "**" not in shown.message  # plain text in a message box

    quiet = await module_client.workspace_execute_command_async(types.ExecuteCommandParams(
        command="byok-lsp.explainError", arguments=[{"text": "BYOK206", "show": False}]))
    assert quiet["matched"] is True and quiet["markdown"].startswith("### BYOK206 corrupted-key-value")


async def test_setup_guide_command(module_client, project):
    result = await module_client.workspace_execute_command_async(types.ExecuteCommandParams(
        command="byok-lsp.showSetupGuide", arguments=[{"open": True}]))
    assert result["markdown"].splitlines()[2].startswith("1. [Create an OpenRouter key")
    assert [s["url"] for s in result["steps"]][4] == "https://openrouter.ai/settings/integrations"
    assert result["opened"] is True
    assert module_client.shown_documents[-1].uri == "https://openrouter.ai/settings/integrations"
