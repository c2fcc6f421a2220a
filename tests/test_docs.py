"""The README's rule table and docs/rules.md are generated from the registry; fail when stale."""

from pathlib import Path

from byok_lsp.docs import rules_markdown, update_readme

ROOT = Path(__file__).resolve().parent.parent


def test_readme_rules_table_is_current():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert update_readme(text) == text, "run: .venv/bin/python -m byok_lsp.docs ."


def test_rules_md_is_current():
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == rules_markdown(), "run: .venv/bin/python -m byok_lsp.docs ."
