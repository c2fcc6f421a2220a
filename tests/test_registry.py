import re

import pytest

from byok_lsp.findings import FixSafety, Severity
from byok_lsp.rules.registry import DOC_SECTIONS, REGISTRY, Rule, all_rules, register


def test_codes_are_grouped_and_names_kebab_case():
    rules = all_rules()
    assert len(rules) >= 15
    for code, rule in rules.items():
        assert re.fullmatch(r"BYOK\d{3}", code)
        assert re.fullmatch(r"[a-z]+(-[a-z0-9]+)*", rule.name)
        assert code[4] in "01234", f"{code} outside the documented hundreds"


def test_every_rule_has_all_doc_sections_with_content():
    for rule in all_rules().values():
        for section in DOC_SECTIONS:
            assert rule.section(section), f"{rule.code} section {section!r} is empty"
        assert isinstance(rule.severity, Severity) and isinstance(rule.fix_safety, FixSafety)
        assert rule.fix_title and rule.summary


def _rule(code="BYOK999", name="some-new-rule", docs=None):
    docs = docs or "".join(f"## {s}\ntext\n" for s in DOC_SECTIONS)
    return Rule(code, name, "s", Severity.WARNING, FixSafety.SAFE, "fix", docs)


def test_duplicate_code_or_name_refused():
    existing = next(iter(all_rules().values()))
    with pytest.raises(ValueError, match="duplicate rule code"):
        register(_rule(code=existing.code, name="fresh-name"))
    with pytest.raises(ValueError, match="duplicate rule name"):
        register(_rule(code="BYOK998", name=existing.name))
    assert "BYOK998" not in REGISTRY


def test_bad_code_name_and_missing_sections_refused():
    with pytest.raises(ValueError, match="three digits"):
        register(_rule(code="BYOK12"))
    with pytest.raises(ValueError, match="kebab-case"):
        register(_rule(name="Bad_Name"))
    with pytest.raises(ValueError, match="lack sections: Fix safety"):
        register(_rule(docs="## What it does\nx\n## Why is this bad?\nx\n## Example\nx\n## References\nx\n"))


def test_rules_without_a_check_name_their_producer():
    silent = {code: rule.emitted_by for code, rule in all_rules().items() if rule.check is None}
    assert silent and all(silent.values()), silent
    docs = "".join(f"## {s}\nx\n" for s in DOC_SECTIONS)
    with pytest.raises(ValueError, match="emitted_by"):
        register(Rule("BYOK999", "nobody-emits-it", "s", Severity.HINT, FixSafety.DISPLAY_ONLY, "t", docs))
