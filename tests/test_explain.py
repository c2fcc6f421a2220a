"""One explanation everywhere: `byok-lsp explain`, the hover, the rules docs and the server's
explainError command (VS Code's "Explain Error") render rules, errors and models through
``byok_lsp.explain``, so the same question gets the same answer in each."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path

import pytest

from byok_lsp import catalog, explain
from byok_lsp.docs import rules_markdown
from byok_lsp.lsp import commands, hover
from byok_lsp.rules.registry import all_rules
from byok_lsp.workspace import Workspace

FORBIDDEN_403 = '{"error":{"message":"OpenAI is requiring a key to access this model, which you can add in https://openrouter.ai/settings/integrations - you can also switch to o3-mini","code":403}}'


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "byok_lsp", "explain", *args], cwd=cwd, text=True,
                          capture_output=True, timeout=60)


def _command(text) -> dict:
    return asyncio.run(commands.explain_error(None, [{"text": text, "show": False}]))


@pytest.mark.parametrize("text,kind", [("BYOK206", "rule"), ("corrupted-key-value", "rule"), ("openai/o3", "model"),
                                       ("o3-pro", "model"), (FORBIDDEN_403, "error")])
def test_cli_and_server_command_give_the_same_explanation(tmp_path, text, kind):
    found = explain.explain(text)
    assert found is not None and found.kind == kind
    proc = _cli(text, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == explain.plain(found.markdown) + "\n"
    answer = _command(text)
    assert answer == {"matched": True, "kind": kind, "markdown": found.markdown}


def test_unknown_text_is_refused_the_same_way(tmp_path):
    proc = _cli("no such thing", cwd=tmp_path)
    assert proc.returncode == 2 and proc.stdout == ""
    assert explain.plain(explain.UNKNOWN) in proc.stderr
    assert _command("no such thing") == {"matched": False, "kind": None, "markdown": explain.UNKNOWN}
    assert _command(42)["matched"] is False


def test_docs_render_each_rule_as_explain_does():
    text = rules_markdown()
    for rule in all_rules().values():
        section = explain.rule(rule, level=2, link=False)
        assert section in text
        # the hover's and the CLI's version is the same text one heading level down, with the link
        assert explain.rule(rule).replace("### ", "## ", 1).replace("#### ", "### ") \
            .startswith(section.split("\n\n### ", 1)[0])


def test_rules_without_a_check_say_who_emits_them():
    silent = [r for r in all_rules().values() if r.check is None]
    assert silent, "expected rules emitted by another rule's check or by the engine"
    for rule in silent:
        assert f"Emitted by {rule.emitted_by}." in explain.rule(rule)


def _hover(tmp_path: Path, line: str, col: int, findings=()):
    ctx = hover.HoverContext(path=tmp_path / "app.py", text_line=line, line=0, col=col, kind="code",
                             ws=Workspace(tmp_path), findings=list(findings), document_text=line, online=None, open_code=[])
    return hover.build(ctx)


def test_hover_on_a_rule_code_is_the_rule_explained(tmp_path):
    line = "key = os.environ['X']  # byok-lsp: ignore[BYOK201]"
    built = _hover(tmp_path, line, line.index("BYOK201") + 2)
    assert built is not None and built[0] == explain.explain("BYOK201").markdown


def test_hover_on_a_model_carries_the_catalogue_facts_explain_gives(tmp_path):
    line = 'client.chat.completions.create(model="openai/o3")'
    built = _hover(tmp_path, line, line.index("openai/o3") + 3)
    assert built is not None
    match = catalog.load().lookup("openai/o3")
    assert "\n".join(explain.model_about(match)) in built[0]
    assert explain.model_about(match)[0] in explain.explain("openai/o3").markdown


def test_plain_text_keeps_every_link_and_drops_markup():
    md = "### Title\n**Fix:** 1. [Record the setup in [tool.byok-lsp]](https://example.org/a) and `code` [x](https://example.org/b)"
    out = explain.plain(md)
    assert out == "Title\nFix: 1. Record the setup in [tool.byok-lsp] <https://example.org/a> and code x <https://example.org/b>"
    for step in catalog.load().steps.values():
        assert f"<{step.url}>" in explain.plain(explain.steps([step.id]))
