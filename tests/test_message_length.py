"""Issue 13 item 2: every diagnostic message fits one Problems-panel row.

Each message says what is wrong and what to do in at most 140 characters (median at most 100);
evidence goes to relatedInformation, dates and sources to hover and ``explain``. Measured over
every finding (all severities) of the demo projects and every labelled corpus (tests/corpus*).
"""

from __future__ import annotations

import statistics
from pathlib import Path

from byok_lsp.engine import analyze, file_kind
from byok_lsp.walk import walk
from byok_lsp.workspace import Workspace

ROOT = Path(__file__).resolve().parent.parent
MAX_LEN = 140
MAX_MEDIAN = 100


def _projects() -> list[Path]:
    projects = [p for p in sorted((ROOT / "examples" / "demo").iterdir()) if p.is_dir()]
    for corpus in sorted(p for p in (ROOT / "tests").glob("corpus*") if p.is_dir()):  # corpus, _v2, _holdout...
        projects += [p for p in sorted(corpus.iterdir()) if p.is_dir()]
    return projects


def all_messages() -> list[tuple[str, str, str]]:
    """(code, file, message) of every finding byok-lsp reports on the demo and the corpora."""
    out = []
    for project in _projects():
        ws = Workspace(project, environ={})
        for path in walk([project], lambda p: file_kind(p)[0]).files:
            for f in analyze(ws, path).findings:
                out.append((f.code, str(path.relative_to(ROOT)), f.message))
    return out


def test_messages_are_one_short_line():
    messages = all_messages()
    assert len(messages) > 300  # the corpora really were analysed
    lengths = [len(m) for _, _, m in messages]
    too_long = sorted({(len(m), c, m) for c, _, m in messages if len(m) > MAX_LEN}, reverse=True)
    listing = "\n".join(f"{n} {c}: {m}" for n, c, m in too_long[:20])
    assert not too_long, f"messages over {MAX_LEN} characters:\n{listing}"
    assert statistics.median(lengths) <= MAX_MEDIAN, statistics.median(lengths)
    assert not [m for _, _, m in messages if "\n" in m]


if __name__ == "__main__":  # figures for commit messages: python tests/test_message_length.py
    msgs = all_messages()
    lens = sorted(len(m) for _, _, m in msgs)
    print(f"{len(msgs)} messages, longest {lens[-1]}, median {statistics.median(lens)}, "
          f"over {MAX_LEN}: {sum(n > MAX_LEN for n in lens)}")
