"""``byok-lsp check --online`` as a subprocess against the fake API: findings, and no key anywhere."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import MGMT_KEY, OPENAI_KEY, OR_KEY, assert_no_key, make_project
from .fakeapi import FakeApi, Reply, fixture

SERVER_DIR = Path(__file__).resolve().parents[2] / "server"


def run_cli(root: Path, api: FakeApi, *args: str, management_key: str | None = MGMT_KEY) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("OPENROUTER", "OPENAI", "BYOK_LSP", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY",
                                "http_proxy", "https_proxy", "all_proxy"))}
    env.update({"PYTHONPATH": str(SERVER_DIR), "BYOK_LSP_OPENROUTER_API_BASE": api.openrouter_base,
                "BYOK_LSP_OPENAI_API_BASE": api.openai_base, "NO_PROXY": "*"})
    if management_key:
        env["OPENROUTER_MANAGEMENT_KEY"] = management_key
    return subprocess.run([sys.executable, "-m", "byok_lsp", "check", *args, "."], cwd=root, env=env,
                          capture_output=True, text=True, timeout=60)


@pytest.fixture
def project(tmp_path, api):
    root = make_project(tmp_path, env=f"OPENROUTER_API_KEY={OR_KEY}\nOPENAI_API_KEY={OPENAI_KEY}\n")
    api.answers(key="openrouter/key-401-no-credentials",
                o3="openai/model-o3-404-no-access",
                byok="openrouter/byok-200-empty")
    return root


def test_online_is_off_by_default(project, api):
    done = run_cli(project, api, "--format", "json")
    assert done.returncode in (0, 1), done.stderr
    assert api.hits == []
    assert not any(f["code"].startswith("BYOK4") for f in json.loads(done.stdout))


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_online_findings_in_every_format_without_any_key(project, api, fmt):
    done = run_cli(project, api, "--online", "--format", fmt)
    assert done.returncode == 1, done.stderr
    for code in ("BYOK401", "BYOK403", "BYOK404"):
        assert code in done.stdout
    assert_no_key(done.stdout)
    assert_no_key(done.stderr)
    paths = {h.path for h in api.hits}
    assert paths == {"/api/v1/key", "/v1/models/o3", "/api/v1/byok", "/api/v1/models"}
    if fmt == "json":
        found = {f["code"]: f for f in json.loads(done.stdout)}
        assert found["BYOK401"]["path"] == ".env" and found["BYOK401"]["confidence"] == "verified"
        assert found["BYOK403"]["path"] == "app.py"
    if fmt == "text":
        assert "online (" in done.stderr and "BYOK: missing (verified)" in done.stderr


def test_online_findings_obey_select_ignore_config_and_suppressions(project, api):
    """One findings policy: --ignore, --select, the project's config and a suppression comment
    apply to the online checks' findings as to every other finding."""
    done = run_cli(project, api, "--online", "--ignore", "BYOK4", "--format", "json")
    assert done.returncode in (0, 1), done.stderr
    assert {h.path for h in api.hits} >= {"/api/v1/key"}  # the checks ran; their findings were dropped
    assert not [f["code"] for f in json.loads(done.stdout) if f["code"].startswith("BYOK4")]
    done = run_cli(project, api, "--online", "--ignore", "BYOK403", "--format", "json")
    codes = {f["code"] for f in json.loads(done.stdout)}
    assert "BYOK403" not in codes and {"BYOK401", "BYOK404"} <= codes
    done = run_cli(project, api, "--online", "--select", "BYOK401", "--format", "json")
    assert {f["code"] for f in json.loads(done.stdout)} == {"BYOK401"}
    (project / ".byok-lsp.toml").write_text('ignore = ["BYOK404"]\n')
    env = (project / ".env").read_text().splitlines()
    (project / ".env").write_text("\n".join(
        [f"{line}  # byok-lsp: ignore[BYOK401]" if line.startswith("OPENROUTER_API_KEY") else line for line in env]) + "\n")
    done = run_cli(project, api, "--online", "--format", "json")
    codes = {f["code"] for f in json.loads(done.stdout)}
    assert "BYOK403" in codes and not {"BYOK401", "BYOK404"} & codes, codes
    assert_no_key(done.stdout + done.stderr)


def test_cli_could_not_verify_is_not_a_failure_of_the_key(project, api):
    # 500 is not retried, so the default (slow) backoff of the CLI does not slow the suite down
    api.answers(key=fixture("openrouter/key-200-paid", status=500),
                o3=fixture("openai/model-o3-200", status=500),
                byok=fixture("openrouter/byok-200-empty", status=500),
                models=Reply(200, b"{not json"))
    done = run_cli(project, api, "--online", "--format", "json", "--fail-on", "error")
    found = [f for f in json.loads(done.stdout) if f["code"].startswith("BYOK4")]
    assert found and {f["code"] for f in found} == {"BYOK407"}
    assert all(f["confidence"] == "unknown" for f in found)
    assert_no_key(done.stdout + done.stderr)
