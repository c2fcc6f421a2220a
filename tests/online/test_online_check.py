"""Workspace-level verification: which keys are checked, where findings land, what is never sent."""

from __future__ import annotations

import asyncio
import time
from datetime import datetime, timedelta, timezone

from byok_lsp.findings import Confidence
from byok_lsp.verify.online_check import online_findings, probe_plan, verify_workspace
from byok_lsp.verify.report import VerifyReport, ago
from byok_lsp.verify.targets import Secret, build_plan
from byok_lsp.workspace import Workspace

from .conftest import BUDGET, MGMT_KEY, OPENAI_KEY, OR_KEY, assert_no_key, fast_config, make_project
from .fakeapi import FakeApi, fixture


def verify(root, api, management_key=None, environ=None, **cfg):
    ws = Workspace(root, environ=environ or {})
    paths = sorted(p for p in root.rglob("*") if p.is_file())
    return asyncio.run(verify_workspace(ws, paths, fast_config(api, **cfg), management_key))


def line_of(root, name, prefix):
    lines = (root / name).read_text().splitlines()
    return next(i for i, ln in enumerate(lines) if ln.startswith(prefix))


def test_rejected_openrouter_key_is_reported_at_its_env_line(tmp_path, api):
    root = make_project(tmp_path, env=f"# keys\nOPENROUTER_API_KEY={OR_KEY}\n")
    api.answers(key="openrouter/key-401-no-credentials")
    report = verify(root, api)
    (f,) = [f for f in report.findings if f.code == "BYOK401"]
    assert f.path == root / ".env" and f.span.line == 1 and f.span.col == 0
    assert f.confidence is Confidence.VERIFIED and f.data["online"] is True
    assert datetime.fromisoformat(f.data["checked_at"].replace("Z", "+00:00"))
    assert "OPENROUTER_API_KEY" in f.message and len(f.message) <= 140  # one Problems row, action first
    assert f.message.startswith("Create a new OpenRouter key")
    # the check's own words and its time are the evidence: relatedInformation, not the message
    assert f.data["checked_at"] not in f.message
    assert f.related[-1].span == f.span and f.data["checked_at"] in f.related[-1].message
    assert_no_key(f.message + repr(f.data) + repr(report.to_status()))
    assert report.summary() == "BYOK: OpenRouter key rejected (verified)" and report.level == "error"


def test_free_tier_and_exhausted_limit(tmp_path, api):
    root = make_project(tmp_path, env=f"OPENROUTER_API_KEY={OR_KEY}\n")
    api.answers(key="openrouter/key-200-free-tier")
    assert [f.code for f in verify(root, api).findings] == ["BYOK402"]
    from byok_lsp.verify.cache import RESULTS

    RESULTS.clear()
    api.route("GET", "/api/v1/key", fixture("openrouter/key-200-limit-exhausted"))
    report = verify(root, api)
    assert [f.code for f in report.findings] == ["BYOK408"]
    assert report.summary() == "BYOK: key credit limit used up (verified)"


def test_management_key_proves_byok_missing_at_the_model_reference(tmp_path, api):
    root = make_project(tmp_path, env=f"OPENROUTER_API_KEY={OR_KEY}\n")
    api.answers(key="openrouter/key-200-paid", byok="openrouter/byok-200-empty")
    report = verify(root, api, management_key=MGMT_KEY)
    (f,) = report.findings
    assert f.code == "BYOK403" and f.path == root / "app.py" and f.confidence is Confidence.VERIFIED
    text = (root / "app.py").read_text().splitlines()[f.span.line]
    assert text[f.span.col:f.span.end_col] == "openai/o3"
    assert report.summary() == "BYOK: missing (verified)"
    (byok_hit,) = api.hits_for("/api/v1/byok")
    assert byok_hit.headers["authorization"] == f"Bearer {MGMT_KEY}"


def test_registered_byok_gives_verified_status(tmp_path, api):
    root = make_project(tmp_path, env=f"OPENROUTER_API_KEY={OR_KEY}\n")
    api.answers(key="openrouter/key-200-paid", byok="openrouter/byok-200-openai-registered")
    report = verify(root, api, management_key=MGMT_KEY)
    assert report.findings == []
    assert report.summary() == "BYOK: verified just now" and report.level == "ok"
    assert report.to_status()["models"]["openai/o3"][0]["status"] == "ok"


def test_filtered_byok_key(tmp_path, api):
    root = make_project(tmp_path, env=f"OPENROUTER_API_KEY={OR_KEY}\n")
    api.answers(key="openrouter/key-200-paid", byok="openrouter/byok-200-openai-restricted")
    (f,) = verify(root, api, management_key=MGMT_KEY).findings
    assert f.code == "BYOK405" and "openai/gpt-4.1" in f.message


def test_openai_key_without_o3_access_is_reported_at_the_model(tmp_path, api):
    root = make_project(tmp_path, env=f"OPENROUTER_API_KEY={OR_KEY}\nOPENAI_BYOK_KEY={OPENAI_KEY}\n")
    api.answers(key="openrouter/key-200-paid", o3="openai/model-o3-404-no-access")
    report = verify(root, api)
    (f,) = report.findings
    assert f.code == "BYOK404" and f.path == root / "app.py"
    assert f.related and f.related[0].path == root / ".env" and f.related[0].span.line == 1
    assert "OPENAI_BYOK_KEY" in f.message
    assert_no_key(f.message)
    # the walkthrough's steps: the OpenAI key is real (OpenAI answered for it) and the account has
    # credits; its organisation cannot use o3 and nothing proved the BYOK registration
    assert report.steps() == {"openaiKey": True, "byokRegistered": False, "tierAllowsModel": False, "credits": True}


def test_walkthrough_steps_follow_what_the_checks_proved(tmp_path, api):
    root = make_project(tmp_path, env=f"OPENROUTER_API_KEY={OR_KEY}\nOPENAI_BYOK_KEY={OPENAI_KEY}\n")
    api.answers(key="openrouter/key-200-free-tier", o3="openai/model-o3-200", byok="openrouter/byok-200-empty")
    report = verify(root, api, management_key=MGMT_KEY)
    # o3 visible to the key's organisation; no credits bought; no OpenAI key registered at OpenRouter
    assert report.steps() == {"openaiKey": True, "byokRegistered": False, "tierAllowsModel": True, "credits": False}
    assert report.to_status()["steps"] == report.steps()
    assert not any(VerifyReport(root).steps().values())  # nothing checked, nothing proven


def test_catalogue_outdated(tmp_path, api):
    import json

    from .fakeapi import FIXTURES, json_reply

    doc = json.loads((FIXTURES / "openrouter/model-o3-entry.json").read_text())
    doc["body"]["data"][0]["description"] = "o3 is a model."
    root = make_project(tmp_path, env=f"OPENROUTER_API_KEY={OR_KEY}\n")
    api.answers(key="openrouter/key-200-paid", models=json_reply(doc["body"]))
    (f,) = verify(root, api).findings
    assert f.code == "BYOK406" and f.confidence is Confidence.LIKELY and "no longer says" in f.message


def test_every_fault_ends_as_could_not_verify_within_budget(tmp_path, api):
    root = make_project(tmp_path, env=f"OPENROUTER_API_KEY={OR_KEY}\nOPENAI_API_KEY={OPENAI_KEY}\n")
    api.answers(key=fixture("openrouter/key-200-paid", fault="sleep", delay=3),
                o3=fixture("openai/model-o3-200", fault="drip", delay=0.1),
                byok=fixture("openrouter/byok-200-empty", fault="reset"),
                models=fixture("openrouter/model-o3-entry", status=503))
    started = time.monotonic()
    report = verify(root, api, management_key=MGMT_KEY)
    assert time.monotonic() - started < BUDGET + 1.0  # checks run concurrently, each within the budget
    assert report.findings and {f.code for f in report.findings} == {"BYOK407"}
    assert all(f.confidence is Confidence.UNKNOWN and "Could not verify" in f.message for f in report.findings)
    assert all(r.unverified for r in report.results)
    assert report.summary() == "BYOK: could not verify (timeout)"
    assert not any(r.ok for r in report.results)


def test_no_key_means_no_request(tmp_path, api):
    for env in (None, "OPENROUTER_API_KEY=\n", "OPENROUTER_API_KEY=sk-or-v1-your-key-here\n",
                "OPENROUTER_API_KEY=sk-or-v1-abc123\n", "OPENAI_API_KEY=sk-...\n", "OPENROUTER_API_KEY=<your key>\n"):
        sub = tmp_path / f"case{len(api.hits)}-{abs(hash(env))}"
        sub.mkdir()
        root = make_project(sub, env=env)
        report = verify(root, api)
        assert report.results == [] and report.summary() == "BYOK: not checked"
    assert api.hits == []


def test_management_key_in_a_workspace_file_is_ignored(tmp_path, api):
    root = make_project(tmp_path, env=f"OPENROUTER_MANAGEMENT_KEY={MGMT_KEY}\n")
    report = verify(root, api, environ={"OPENROUTER_MANAGEMENT_KEY": MGMT_KEY})
    assert api.hits == [] and any("is ignored" in n for n in report.notes)


def test_workspace_base_url_never_redirects_a_key(tmp_path, api):
    trap = FakeApi()
    try:
        trap.route("GET", "/v1/key", fixture("openrouter/key-200-paid"))
        trap.route("GET", "/api/v1/key", fixture("openrouter/key-200-paid"))
        env = (f"OPENROUTER_API_KEY={OR_KEY}\nOPENAI_API_KEY={OPENAI_KEY}\nOPENAI_BASE_URL={trap.url}/v1\n"
               f"OPENROUTER_BASE_URL={trap.url}/api/v1\nBYOK_LSP_OPENROUTER_API_BASE={trap.url}/api/v1\n")
        app = ("import os\nfrom openai import OpenAI\n"
               f"client = OpenAI(base_url='{trap.url}/api/v1', api_key=os.environ['OPENROUTER_API_KEY'])\n"
               "client.chat.completions.create(model='openrouter/openai/o3', messages=[])\n")
        root = make_project(tmp_path, env=env, app=app)
        api.answers(key="openrouter/key-200-paid", o3="openai/model-o3-200")
        report = verify(root, api)
        assert trap.hits == []
        assert {h.path for h in api.hits} == {"/api/v1/key", "/v1/models/o3", "/api/v1/models"}
        assert report.results and not report.findings
    finally:
        trap.close()


def test_key_only_in_the_environment_is_anchored_at_the_code_read(tmp_path, api):
    root = make_project(tmp_path)
    api.answers(key="openrouter/key-401-missing-auth")
    report = verify(root, api, environ={"OPENROUTER_API_KEY": OR_KEY})
    (f,) = report.findings
    line = (root / "app.py").read_text().splitlines()[f.span.line]
    assert f.code == "BYOK401" and f.path == root / "app.py" and "OPENROUTER_API_KEY" in line[f.span.col:f.span.end_col]


def test_online_findings_sync_entry_point(tmp_path, api):
    root = make_project(tmp_path, env=f"OPENROUTER_API_KEY={OR_KEY}\n")
    api.answers(key="openrouter/key-200-free-tier")
    notes: list[str] = []
    reports: list[VerifyReport] = []
    findings = online_findings([root / "app.py", root / ".env"], lambda p: Workspace(root, environ={}), notes,
                               config=fast_config(api), management_key="", reports=reports)
    assert [f.code for f in findings] == ["BYOK402"]
    assert any("online" in n and "BYOK: no credits (verified)" in n for n in notes)
    assert len(reports) == 1


def test_paid_probe_plan(tmp_path, api):
    root = make_project(tmp_path, env=f"OPENROUTER_API_KEY={OR_KEY}\n")
    api.route("POST", "/api/v1/chat/completions", fixture("openrouter/chat-403-byok-required-o3"))
    plan = build_plan(Workspace(root, environ={}), [root / "app.py"])
    report = asyncio.run(probe_plan(plan, fast_config(api), "openai/o3"))
    (f,) = report.findings
    assert f.code == "BYOK403" and f.path == root / "app.py" and f.confidence is Confidence.VERIFIED
    assert report.summary() == "BYOK: missing (verified)"
    assert len(api.hits) == 1


def test_secret_never_shows_itself():
    s = Secret(OR_KEY)
    assert_no_key(repr(s) + str(s) + f"{s}" + repr([s]))
    assert s.reveal() == OR_KEY


def test_relative_times():
    now = datetime(2026, 11, 26, 12, 0, tzinfo=timezone.utc)
    iso = lambda d: (now - d).isoformat().replace("+00:00", "Z")  # noqa: E731
    assert ago(iso(timedelta(seconds=5)), now) == "just now"
    assert ago(iso(timedelta(minutes=2, seconds=3)), now) == "2 min ago"
    assert ago(iso(timedelta(hours=5)), now) == "5 h ago"
    assert ago("garbage", now) == "at an unknown time"


def test_plan_asks_about_the_models_the_rules_report(tmp_path):
    """build_plan selects model ids with the rules' own selection (rules/usage.gated_refs): an id
    assembled from a vendor prefix is judged by what is sent, as BYOK101 judges it."""
    from byok_lsp import engine

    app = ('import os\nfrom openai import OpenAI\n\nVENDOR = "openai/"\n'
           'client = OpenAI(base_url="https://openrouter.ai/api/v1", api_key=os.getenv("OPENROUTER_API_KEY"))\n'
           'client.chat.completions.create(model=VENDOR + "o3", messages=[])\n')
    root = make_project(tmp_path, env=f"OPENROUTER_API_KEY={OR_KEY}\n", app=app)
    ws = Workspace(root, environ={})
    offline = {f.data.get("model") for f in engine.analyze(ws, root / "app.py").findings if f.code.startswith("BYOK1")}
    plan = build_plan(ws, [root / "app.py"])
    assert "openai/o3" in offline
    assert {m.entry.slug for m in plan.models} == offline - {None}
