"""Precision and recall on the labelled corpus (tests/corpus/, evaluated by bench/corpus_eval.py).

Gate: overall precision >= 0.9 and recall >= 0.8, counting every severity except hint. Skipped
until the code parser (server/byok_lsp/parsing/code.py) exists: before that only .env files can
be analysed and the numbers mean nothing.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
EVAL = ROOT / "bench" / "corpus_eval.py"
CODE_PARSER = ROOT / "server" / "byok_lsp" / "parsing" / "code.py"

MIN_PRECISION = 0.9
MIN_RECALL = 0.8

pytestmark = pytest.mark.skipif(not CODE_PARSER.exists(),
                                reason="the code parser (server/byok_lsp/parsing/code.py) does not exist yet")


def _load_eval():
    spec = importlib.util.spec_from_file_location("corpus_eval", EVAL)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def evaluation():
    ev = _load_eval()
    # Isolated (one child process per project): a native parser crash costs that file's findings
    # and is named in the report instead of taking the whole test session down.
    return ev, ev.evaluate(CORPUS, isolate=True)


def test_corpus_is_well_formed(evaluation):
    ev, report = evaluation
    assert len(report.projects) >= 30
    assert not report.label_errors, "\n".join(report.label_errors)
    negatives = [p for p in report.projects if not any(k.project == p for k in report.expected)]
    assert negatives, "the corpus needs negative projects (expected.txt: # none)"


def test_precision_and_recall(evaluation):
    ev, report = evaluation
    assert report.partial is None, report.partial
    overall = report.counts()
    precision = overall["precision"] if overall["precision"] is not None else 0.0
    recall = overall["recall"] if overall["recall"] is not None else 0.0
    if precision < MIN_PRECISION or recall < MIN_RECALL:
        pytest.fail(
            f"precision {precision:.3f} (min {MIN_PRECISION}), recall {recall:.3f} (min {MIN_RECALL})\n\n"
            + ev.format_text(report), pytrace=False)


def test_no_engine_crashes(evaluation):
    _, report = evaluation
    crashes = [n for n in report.notes if "CRASH" in n or "engine raised" in n or "internal error" in n]
    assert not crashes, "the engine crashed on corpus files:\n" + "\n".join(crashes)
