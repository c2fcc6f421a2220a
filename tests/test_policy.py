"""policy.py: the one findings policy every producer applies (engine, check --online, the server's
online merge). The online producers are exercised end to end in tests/online/test_cli_online.py."""

from __future__ import annotations

from byok_lsp import engine, policy
from byok_lsp.findings import Finding, Severity, Span
from byok_lsp.lsp.settings import Settings
from byok_lsp.workspace import Workspace

KEY = "sk-or-v1-" + "3f" * 32


def online_finding(path, code="BYOK401", line=0):
    return Finding(code, "online", Severity.ERROR, "the key was refused", path, Span(line, 0, line, 5))


def test_apply_to_uses_each_files_config_suppressions_and_selection(tmp_path):
    (tmp_path / ".byok-lsp.toml").write_text('[per-file-ignores]\n"legacy/*" = ["BYOK404"]\n')
    env = tmp_path / ".env"
    env.write_text(f"OPENROUTER_API_KEY={KEY}\nOPENAI_API_KEY=x  # byok-lsp: ignore[BYOK409]\n")
    (tmp_path / "legacy").mkdir()
    old = tmp_path / "legacy" / "app.py"
    old.write_text("x = 1\n")
    ws = Workspace(tmp_path, environ={})
    found = [online_finding(env), online_finding(env, "BYOK409", 1), online_finding(old, "BYOK404"),
             online_finding(old, "BYOK403")]
    kept = policy.apply_to(found, policy.ALL, ws)
    assert [(f.code, f.path.name) for f in kept] == [("BYOK401", ".env"), ("BYOK403", "app.py")]
    assert policy.apply_to(found, policy.Selection(ignore=("BYOK4",)), ws) == []
    assert [f.code for f in policy.apply_to(found, policy.Selection(select=("BYOK403",)), ws)] == ["BYOK403"]
    graded = policy.apply_to(found, policy.Selection(severity={"BYOK401": Severity.WARNING}), ws)
    assert graded[0].severity == Severity.WARNING and graded[1].severity == Severity.ERROR


def test_ignore_file_keeps_only_config_errors(tmp_path):
    env = tmp_path / ".env"
    env.write_text("# byok-lsp: ignore-file\nA=1\n")
    ws = Workspace(tmp_path, environ={})
    assert policy.apply_to([online_finding(env, line=1), online_finding(env, "BYOK001", 1)], policy.ALL, ws) \
        == [online_finding(env, "BYOK001", 1)]


def test_editor_settings_become_one_selection():
    settings = Settings(select=("BYOK",), ignore=("BYOK3",), severity_overrides={"BYOK2": "information", "BYOK202": "off",
                                                                                    "BYOK201": "error"})
    sel = settings.selection()
    assert sel.select == ("BYOK",) and "BYOK3" in sel.ignore and "BYOK202" in sel.ignore
    assert sel.severity["BYOK201"] == Severity.ERROR  # the most specific prefix wins
    assert sel.severity["BYOK205"] == Severity.INFORMATION and not sel.selects("BYOK202")


def test_engine_and_online_merge_agree(tmp_path):
    """The same selection gives the engine's and the online producers' findings the same fate."""
    env = tmp_path / ".env"
    env.write_text("OPENROUTER_API_KEY=your-key-here\n")
    ws = Workspace(tmp_path, environ={})
    sel = policy.Selection(severity={"BYOK202": Severity.HINT})
    (mine,) = [f for f in engine.analyze(ws, env, selection=sel).findings if f.code == "BYOK202"]
    assert mine.severity == Severity.HINT
    assert policy.apply_to([online_finding(env, "BYOK202")], sel, ws)[0].severity == Severity.HINT
    assert not [f for f in engine.analyze(ws, env, selection=policy.Selection(ignore=("BYOK202",))).findings
                if f.code == "BYOK202"]
