"""The bundled demo workspace shows every offline rule (README: the first command)."""

import json
import subprocess
import sys
from pathlib import Path

from byok_lsp.rules.registry import all_rules

DEMO = Path(__file__).resolve().parent.parent / "examples" / "demo"


def test_demo_shows_every_offline_rule():
    proc = subprocess.run([sys.executable, "-m", "byok_lsp", "check", "--format", "json", "."],
                          cwd=DEMO, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2, proc.stderr  # bad-config/ holds an invalid configuration on purpose
    codes = {f["code"] for f in json.loads(proc.stdout)}
    offline = {code for code in all_rules() if not code.startswith("BYOK4")}
    assert offline <= codes, f"the demo no longer shows: {sorted(offline - codes)}"
