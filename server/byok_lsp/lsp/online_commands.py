"""Server commands for the opt-in online checks: verifyKeys, runPaidProbe, status, setManagementKey.

Thin handlers: resolve the workspace, refuse unless the workspace is trusted and online checks
are on, call ``verify/``, store the report in ``server.online`` (``online_results.OnlineResults``,
read by hover and merged into diagnostics) and tell the client through ``server.notify_status``.

What this module uses of the server (``state.ByokServer``; tests pass a small fake):
``trusted``, ``settings_for(uri).online_checks``, ``workspace_for(uri)``, ``online``,
``notify_status(text, tooltip, level)`` and ``folder_uris()`` (the workspace folders, for a
command that names none).
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from ..keys import redact

if TYPE_CHECKING:  # verify/ (and httpx with it) is imported when a command first runs, not at start-up
    from ..verify.http import VerifyConfig
    from ..verify.report import VerifyReport

log = logging.getLogger(__name__)

VERIFY_KEYS = "byok-lsp.verifyKeys"
RUN_PAID_PROBE = "byok-lsp.runPaidProbe"
STATUS = "byok-lsp.status"
SET_MANAGEMENT_KEY = "byok-lsp.setManagementKey"
COMMANDS = (VERIFY_KEYS, RUN_PAID_PROBE, STATUS, SET_MANAGEMENT_KEY)


def _first_arg(args: list) -> object:
    return args[0] if args else None


def _uri_from(arg: object) -> str | None:
    if isinstance(arg, str) and arg:
        return arg
    if isinstance(arg, dict):
        for name in ("uri", "folder", "root"):
            if isinstance(arg.get(name), str):
                return arg[name]
    return None


def _to_path(uri: str) -> Path:
    from pygls.uris import to_fs_path

    return Path(to_fs_path(uri) or uri)


def _folder_uris(server, arg: object) -> list[str]:
    uri = _uri_from(arg)
    return [uri] if uri else server.folder_uris()


def _refusal(server, uri: str) -> str | None:
    """Why online checks may not run for ``uri`` now, or None when they may."""
    if server.trusted is not True:
        return "online checks never run in an untrusted workspace"
    if server.settings_for(uri).online_checks is not True:
        return "online checks are turned off (enable them in the byok-lsp settings)"
    return None


def _notify(server, report_or_text, tooltip: str = "", level: str = "info") -> None:
    from ..verify.report import VerifyReport

    if isinstance(report_or_text, VerifyReport):
        report_or_text, tooltip, level = report_or_text.summary(), report_or_text.tooltip(), report_or_text.level
    try:
        server.notify_status(report_or_text, tooltip, level)
    except Exception:  # the status bar must not break a command
        log.exception("notify_status failed")


def _store(server, report: VerifyReport) -> dict:
    """Save ``report`` where hover and diagnostics find it; returns the JSON-ready status."""
    server.online.put(report)
    return report.to_status()


def _config(server) -> VerifyConfig:
    from ..verify.http import VerifyConfig

    return server.online.config or VerifyConfig.from_process_env()


def _management_key(server) -> str | None:
    from ..verify.targets import process_management_key

    held = server.online.management_key
    return held.reveal() if held is not None else process_management_key()


async def _plan(server, uri: str):
    from ..engine import file_kind
    from ..verify.targets import build_plan
    from ..walk import walk

    ws = server.workspace_for(uri)
    if ws is None:
        raise LookupError(f"no workspace for {uri}")
    root = Path(ws.root)
    walked = await asyncio.to_thread(walk, [root], lambda p: file_kind(p)[0])
    return await asyncio.to_thread(build_plan, ws, walked.files)


async def verify_keys(server, args: list) -> dict:
    """``byok-lsp.verifyKeys [{"uri": folder}]``: the free checks for one folder, or for every folder."""
    uris = _folder_uris(server, _first_arg(args))
    if not uris:
        return {"ok": False, "error": "no workspace folder to check"}
    out = [await _verify_folder(server, uri) for uri in uris]
    return out[0] if len(out) == 1 else {"ok": all(o["ok"] for o in out), "folders": out}


async def _verify_folder(server, uri: str) -> dict:
    """The free checks of one folder (one at a time per folder), stored and shown."""
    from ..verify.online_check import verify_plan

    refusal = _refusal(server, uri)
    if refusal:
        return {"ok": False, "uri": uri, "error": refusal}
    async with server.online.lock(_to_path(uri)):
        _notify(server, "BYOK: checking…", "Online checks are running.", "info")
        try:
            plan = await _plan(server, uri)
        except LookupError as exc:
            _notify(server, "BYOK: not checked", str(exc), "info")
            return {"ok": False, "uri": uri, "error": str(exc)}
        report = await verify_plan(plan, _config(server), _management_key(server))
        status = _store(server, report)
        _notify(server, report)
    return {"ok": True, "uri": uri, **status, "findings": len(report.findings)}


async def run_paid_probe(server, args: list) -> dict:
    """``byok-lsp.runPaidProbe {"model": "openai/o3", "confirmed": bool, "uri"?: folder}``.

    Without ``confirmed: true`` nothing is sent: the answer is the cost statement to show the user.
    """
    arg = _first_arg(args)
    arg = arg if isinstance(arg, dict) else {}
    slug, uri, error = _probe_target(server, arg)
    if error:
        return {"ok": False, "ran": False, "error": error}
    if arg.get("confirmed") is not True:
        return _cost_answer(server, slug)
    async with server.online.lock(_to_path(uri)):
        try:
            plan = await _plan(server, uri)
        except LookupError as exc:
            return {"ok": False, "ran": False, "error": str(exc)}
        probe, status = await _probe_and_store(server, plan, slug)
    return {"ok": bool(probe.results), "ran": bool(probe.results), "model": slug, **status,
            "error": probe.not_checked_reason or None}


def _probe_target(server, arg: dict) -> tuple[str, str, str | None]:
    """(model slug, folder uri, why not) for a paid probe request."""
    from ..catalog import load as load_catalog

    requested = str(arg.get("model") or "openai/o3")
    match = load_catalog().lookup(requested)
    if match is None:
        return "", "", f"{redact(requested)[:120]!r} is not a catalogued model"
    uris = _folder_uris(server, arg)
    if not uris:
        return "", "", "no workspace folder"
    return match.entry.slug, uris[0], _refusal(server, uris[0])


def _cost_answer(server, slug: str) -> dict:
    """What a probe of ``slug`` would cost, and the argument that confirms it: nothing is sent."""
    from ..verify.checks import cached_models
    from ..verify.probe import cost_statement

    listing = cached_models(_config(server))  # prices, if a free check fetched them; never fetches
    return {"ok": True, "ran": False, "model": slug, "cost": cost_statement(slug, listing),
            "confirm": {"model": slug, "confirmed": True}}


async def _probe_and_store(server, plan, slug: str):
    """Run the paid probe and keep its results beside the folder's last free checks."""
    from ..verify.online_check import probe_plan
    from ..verify.report import VerifyReport

    probe = await probe_plan(plan, _config(server), slug)
    previous = server.online.report(plan.root)
    merged = VerifyReport(plan.root, (previous.results if previous else []) + probe.results,
                          (previous.findings if previous else []) + probe.findings, probe.notes,
                          probe.not_checked_reason)
    status = _store(server, merged)
    _notify(server, merged)
    return probe, status


async def status(server, args: list) -> dict:
    """``byok-lsp.status [{"uri"}]``: text, tooltip, level, last check time, the setup steps the
    checks confirmed, and whether a check may run now (never runs one)."""
    from ..verify.report import VerifyReport

    uris = _folder_uris(server, _first_arg(args))
    report = None
    for uri in uris:
        report = server.online.report(_to_path(uri))
        if report is not None:
            break
    if report is None and not _uri_from(_first_arg(args)):
        report = server.online.any_report()
    refusal = _refusal(server, uris[0]) if uris else "no workspace folder"
    allowed = refusal is None  # whether a verification would run now (the client waits for it)
    if report is None:
        return {"text": "BYOK: not checked", "tooltip": refusal or "Run 'byok-lsp: Verify keys online'.",
                "level": "info", "checked_at": None, "steps": VerifyReport(None).steps(), "onlineChecks": allowed}
    return {"text": report.summary(), "tooltip": report.tooltip(), "level": report.level,
            "checked_at": report.checked_at, "steps": report.steps(), "onlineChecks": allowed}


async def set_management_key(server, args: list) -> dict:
    """``byok-lsp.setManagementKey "sk-or-v1-…"`` (or {"key": …}); empty or null forgets it. Memory only."""
    from ..verify.targets import Secret, classify

    arg = _first_arg(args)
    value = arg.get("key") if isinstance(arg, dict) else arg
    online = server.online
    if value in (None, ""):
        online.management_key = None
        return {"ok": True, "stored": False}
    if not isinstance(value, str) or classify(value) != "openrouter":
        return {"ok": False, "stored": False, "error": "not an OpenRouter key (sk-or-v1- followed by 64 hex characters)"}
    online.management_key = Secret(value.strip())
    return {"ok": True, "stored": True, "key": online.management_key.masked}


HANDLERS = {
    VERIFY_KEYS: verify_keys,
    RUN_PAID_PROBE: run_paid_probe,
    STATUS: status,
    SET_MANAGEMENT_KEY: set_management_key,
}
