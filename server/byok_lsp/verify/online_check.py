"""Online verification of a workspace: plan → free checks (concurrently, bounded) → findings + status.

``online_findings`` is what ``byok-lsp check --online`` calls; the language server awaits
``verify_workspace`` directly. Both are off unless the user asked (``--online`` or the editor
setting in a trusted workspace); the caller decides that, this module only does what it is asked.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from ..catalog import load as load_catalog
from ..findings import Confidence, Finding, Fix, FixSafety, Related, Span
from ..rules import online_rules as rules
from ..rules.registry import Rule
from ..workspace import Workspace
from . import checks
from .checks import ByokListing, CheckResult, ModelListing
from .http import Api, VerifyConfig
from .report import VerifyReport
from .targets import KeyTarget, Plan, build_plan, process_management_key

log = logging.getLogger(__name__)


def _open(title: str, link: str) -> Fix:
    return Fix(title=title, safety=FixSafety.DISPLAY_ONLY, open_url=load_catalog().links[link])


_FIXES = {
    "BYOK401": (("Open OpenRouter's keys page", "openrouter-keys"),),
    "BYOK402": (("Open OpenRouter's credits page", "openrouter-credits"),),
    "BYOK403": (("Open OpenRouter's BYOK integrations page", "openrouter-byok"),),
    "BYOK404": (("Open OpenAI's organisation verification page", "openai-verify"),
                ("Open OpenAI's limits page (shows the tier)", "openai-limits")),
    "BYOK405": (("Open OpenRouter's BYOK integrations page", "openrouter-byok"),),
    "BYOK408": (("Open OpenRouter's keys page", "openrouter-keys"),),
    "BYOK409": (("Open OpenAI's API keys page", "openai-keys"),),
}
_ADVICE = {
    "BYOK401": "Create a new key at https://openrouter.ai/settings/keys.",
    "BYOK402": "Buy credits at https://openrouter.ai/settings/credits: BYOK's 5% fee is paid from credits.",
    "BYOK408": "Raise the key's limit at https://openrouter.ai/settings/keys, or wait for it to reset.",
    "BYOK409": "Create a new key at https://platform.openai.com/api-keys.",
}
# The message: what to do, in one Problems-panel row. The check's own words, the key checked and
# the time of the check go to relatedInformation (and the hover shows the last check's time).
_ACTION = {
    "BYOK401": "Create a new OpenRouter key for {var}: OpenRouter rejects {key}",
    "BYOK402": "Buy OpenRouter credits for {var}: paid models and BYOK's 5% fee fail with 402 without them",
    "BYOK403": "Add an OpenAI key at OpenRouter (BYOK): none is registered, so {model} fails with 403",
    "BYOK404": "Verify your OpenAI organisation or reach tier 4: {var}'s organisation cannot use {model}",
    "BYOK408": "Raise the credit limit of {var} ({key}) or wait for its reset: requests fail with 402",
    "BYOK409": "Create a new OpenAI key for {var}: OpenAI rejects {key}",
}
MAX_MESSAGE = 140


def _one_row(text: str) -> str:
    return text if len(text) <= MAX_MESSAGE else text[:MAX_MESSAGE - 1].rstrip() + "…"


def _action(code: str, verified: str = "verified online", **fields) -> str:
    return _one_row(f"{_ACTION[code].format(**fields)} ({verified}).")


class _Builder:
    """Turns results into findings anchored at .env lines or model references, without duplicates."""

    def __init__(self, plan: Plan):
        self.plan = plan
        self.findings: list[Finding] = []
        self._seen: set[tuple] = set()

    def add(self, rule: Rule, where: tuple[Path, Span] | None, message: str, result: CheckResult,
            related: tuple[Related, ...] = (), confidence: Confidence | None = None, *,
            detail: str | None = None, **data) -> None:
        where = where or self.plan.fallback
        if where is None:
            return
        path, span = where
        evidence = f"{detail or result.detail} [online check {result.checked_at}]"
        related = (*related, Related(path, span, evidence))
        message = _one_row(message)
        key = (rule.code, path, span, message)
        if key in self._seen:
            return
        self._seen.add(key)
        fixes = tuple(_open(t, link) for t, link in _FIXES.get(rule.code, ()))
        self.findings.append(Finding(
            code=rule.code, name=rule.name, severity=rule.severity,
            message=message, path=path, span=span, fixes=fixes,
            related=related, confidence=confidence or result.confidence,
            data={"checked_at": result.checked_at, "check": result.check, "status": result.status,
                  "online": True, **data}))

    def could_not_verify(self, what: str, result: CheckResult, where: tuple[Path, Span] | None, **data) -> None:
        self.add(rules.COULD_NOT_VERIFY, where, f"Could not verify {what}; the static findings still apply.", result,
                 detail=f"Could not verify {what}: {result.data.get('reason', result.detail)}", **data)


def _key_related(target: KeyTarget, message: str) -> tuple[Related, ...]:
    return tuple(Related(p, s, message) for p, s in target.anchors()[:2])


def _openrouter_key_findings(b: _Builder, target: KeyTarget, r: CheckResult) -> None:
    label = f"{target.variables} ({target.secret.masked})"
    data = {"variable": target.variables, "key": target.secret.masked}
    code = {"invalid-key": rules.OPENROUTER_KEY_REJECTED, "free-tier": rules.OPENROUTER_FREE_TIER,
            "limit-reached": rules.OPENROUTER_KEY_LIMIT_REACHED}.get(r.status)
    for where in target.anchors() or [None]:
        if r.unverified:
            b.could_not_verify(f"the OpenRouter key {label}", r, where, **data)
        elif code is not None:
            b.add(code, where, _action(code.code, var=target.variables, key=target.secret.masked), r,
                  detail=f"{label}: {r.detail}. {_ADVICE[code.code]}", **data)


def _openai_findings(b: _Builder, plan: Plan, target: KeyTarget, slug: str, r: CheckResult) -> None:
    label = f"{target.variables} ({target.secret.masked})"
    data = {"variable": target.variables, "key": target.secret.masked, "model": slug}
    if r.status == "invalid-key":
        for where in target.anchors() or [None]:
            b.add(rules.OPENAI_KEY_REJECTED, where, _action("BYOK409", var=target.variables, key=target.secret.masked), r,
                  detail=f"{label}: {r.detail}. {_ADVICE['BYOK409']}", **{k: v for k, v in data.items() if k != "model"})
    elif r.status == "no-access":
        rel = _key_related(target, f"the OpenAI key checked ({target.variables})")
        for use in plan.uses_of(slug):
            b.add(rules.OPENAI_ORG_CANNOT_SEE_MODEL, (use.path, use.span),
                  _action("BYOK404", var=target.variables, model=f"'{use.text}'"), r, rel,
                  detail=f"{r.detail} (checked with {label}). If this is the key added at OpenRouter for BYOK, "
                         f"OpenRouter's calls fail too.", **data)
    elif r.unverified:
        for where in target.anchors() or [None]:
            b.could_not_verify(f"whether {label} may use {slug}", r, where, **data)


def _byok_findings(b: _Builder, plan: Plan, listing: ByokListing | CheckResult, out: list[CheckResult]) -> None:
    routed = plan.slugs(routed_only=True)
    if isinstance(listing, CheckResult):
        out.append(listing)
        first = plan.routed_models[0]
        b.could_not_verify("whether an OpenAI key is registered at OpenRouter (BYOK)", listing,
                           (first.path, first.span), model=first.slug)
        return
    for slug in routed:
        r = checks.evaluate_byok(listing, slug)
        out.append(r)
        rule = {"not-registered": rules.BYOK_NOT_REGISTERED, "disabled": rules.BYOK_KEY_UNUSABLE,
                "filtered": rules.BYOK_KEY_UNUSABLE}.get(r.status)
        if rule is None:
            continue
        others = re.search(r"limited to other models \(([^)]*)\)", r.detail)
        for use in plan.uses_of(slug, routed_only=True):
            if rule is rules.BYOK_NOT_REGISTERED:
                message = _action("BYOK403", model=f"'{use.text}'")
            elif others:
                message = f"Allow {slug} for your OpenAI key at OpenRouter (BYOK): it is limited to {others.group(1)}."
            else:
                message = f"Enable your OpenAI key at OpenRouter (BYOK): it is disabled, so '{use.text}' fails with 403."
            b.add(rule, (use.path, use.span), message, r, model=slug,
                  detail=f"{r.detail} (checked with the management key); see https://openrouter.ai/settings/integrations")


def _listing_findings(b: _Builder, plan: Plan, listing: ModelListing | CheckResult, out: list[CheckResult]) -> None:
    if isinstance(listing, CheckResult):
        out.append(listing)
        first = plan.routed_models[0]
        b.could_not_verify("OpenRouter's model list", listing, (first.path, first.span), model=first.slug)
        return
    for slug in plan.slugs(routed_only=True):
        use = plan.uses_of(slug, routed_only=True)[0]
        r = checks.evaluate_listing(listing, slug, use.entry.byok)
        out.append(r)
        if r.ok:
            continue
        for use in plan.uses_of(slug, routed_only=True):
            b.add(rules.CATALOGUE_OUTDATED, (use.path, use.span),
                  f"Check https://openrouter.ai/{slug}: {r.detail.split(';')[0]}.", r, model=slug,
                  detail=f"'{use.text}': {r.detail}. byok-lsp keeps using its catalogue (as of {use.entry.checked})")


async def _bounded(coro, config: VerifyConfig, check: str):
    """Every check ends within its budget (a /key → /auth/key fallback makes two requests)."""
    try:
        return await asyncio.wait_for(coro, timeout=config.budget + 0.25)
    except asyncio.TimeoutError:
        return checks.unverified(check, f"timeout (no complete answer within {config.budget:g} s)")


async def verify_plan(plan: Plan, config: VerifyConfig, management_key: str | None = None) -> VerifyReport:
    """Run the free checks ``plan`` calls for. No key → no request at all."""
    report = VerifyReport(plan.root, notes=list(plan.notes))
    routed = plan.routed_models
    if not (plan.openrouter_keys or plan.openai_keys or management_key):
        report.not_checked_reason = "No OpenRouter or OpenAI key found (placeholders and malformed keys are skipped)."
        return report
    openai_slugs = plan.slugs()
    async with Api(config) as api:
        jobs: list[tuple[str, object, object]] = []
        for target in plan.openrouter_keys:
            jobs.append(("openrouter-key", target, checks.check_openrouter_key(api, target.secret.reveal())))
        for target in plan.openai_keys:
            for slug in openai_slugs:
                openai_id = next(m.entry.openai_id for m in plan.models if m.slug == slug)
                jobs.append(("openai-model", (target, slug), checks.check_openai_model(api, target.secret.reveal(), openai_id)))
        if management_key and routed:
            jobs.append(("byok-registration", None, checks.fetch_byok(api, management_key)))
        if routed and (plan.openrouter_keys or management_key):
            jobs.append(("model-listing", None, checks.fetch_models(api)))
        if not jobs:
            report.not_checked_reason = "Nothing to check: no BYOK-gated model is used where these keys serve."
            return report
        answers = await asyncio.gather(*(_bounded(coro, config, name) for name, _, coro in jobs))
    b = _Builder(plan)
    for (name, subject, _), answer in zip(jobs, answers):
        if name == "openrouter-key":
            report.results.append(answer)
            _openrouter_key_findings(b, subject, answer)
        elif name == "openai-model":
            target, slug = subject
            answer = replace(answer, data={**answer.data, "slug": slug})
            report.results.append(answer)
            _openai_findings(b, plan, target, slug, answer)
        elif name == "byok-registration":
            _byok_findings(b, plan, answer, report.results)
        elif name == "model-listing":
            _listing_findings(b, plan, answer, report.results)
    report.findings = sorted(b.findings, key=Finding.sort_key)
    return report


async def probe_plan(plan: Plan, config: VerifyConfig, slug: str) -> VerifyReport:
    """The PAID probe for ``slug`` (the caller has the user's explicit confirmation)."""
    from .probe import probe_openai_tier, probe_openrouter

    report = VerifyReport(plan.root, notes=list(plan.notes))
    entry = load_catalog().model(slug)
    if entry is None:
        report.not_checked_reason = f"{slug} is not a catalogued model; the probe only runs for those."
        return report
    if not plan.openrouter_keys:
        report.not_checked_reason = "No usable OpenRouter key found in this workspace's .env files or the environment."
        return report
    target = plan.openrouter_keys[0]
    async with Api(config) as api:
        jobs = [probe_openrouter(api, target.secret.reveal(), entry.slug)]
        if plan.openai_keys:
            jobs.append(probe_openai_tier(api, plan.openai_keys[0].secret.reveal(), entry.openai_id))
        answers = await asyncio.gather(*(_bounded(j, config, "probe") for j in jobs))
    b = _Builder(plan)
    uses = plan.uses_of(entry.slug) or [None]
    anchors = [(u.path, u.span) if u else None for u in uses]
    for r in answers:
        r = replace(r, data={**r.data, "slug": entry.slug})
        report.results.append(r)
        rule = {"byok-missing": rules.BYOK_NOT_REGISTERED, "no-credits": rules.OPENROUTER_FREE_TIER,
                "org-cannot-use": rules.OPENAI_ORG_CANNOT_SEE_MODEL}.get(r.status)
        if r.status == "invalid-key":
            rule = rules.OPENROUTER_KEY_REJECTED if r.check == "openrouter-probe" else rules.OPENAI_KEY_REJECTED
        for where in anchors:
            if rule is not None:
                action = _ACTION.get(rule.code, "{model}").split(":")[0].format(
                    var="the key", key="the key", model=entry.slug)
                b.add(rule, where, f"{action}: the paid probe of {entry.slug} proved it ({r.status}).", r,
                      model=entry.slug, detail=f"Paid probe of {entry.slug}: {r.detail}")
            elif r.unverified:
                b.could_not_verify(f"{entry.slug} with the paid probe", r, where, model=entry.slug)
    report.findings = sorted(b.findings, key=Finding.sort_key)
    return report


async def verify_workspace(ws: Workspace, paths: list[Path], config: VerifyConfig | None = None,
                           management_key: str | None = None) -> VerifyReport:
    """Plan and verify one workspace. The caller has checked that online checks are allowed."""
    plan = build_plan(ws, paths)
    return await verify_plan(plan, config or VerifyConfig.from_process_env(), management_key)


def run_sync(coro):
    """Run a coroutine from synchronous code, also when this thread already runs an event loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()


def online_findings(paths: list[Path], workspace_for: Callable[[Path], Workspace], notes: list[str], *,
                    config: VerifyConfig | None = None, management_key: str | None = None,
                    reports: list[VerifyReport] | None = None) -> list[Finding]:
    """``byok-lsp check --online``: verify every workspace the paths belong to."""
    config = config or VerifyConfig.from_process_env()
    management_key = management_key if management_key is not None else process_management_key()
    groups: dict[Path, tuple[Workspace, list[Path]]] = {}
    for p in paths:
        ws = workspace_for(p)
        groups.setdefault(ws.root, (ws, []))[1].append(p)

    async def run_all():
        return await asyncio.gather(*(verify_workspace(ws, ps, config, management_key) for ws, ps in groups.values()))

    out: list[Finding] = []
    for report in run_sync(run_all()) if groups else []:
        notes.extend(report.notes)
        notes.append(f"online ({report.root}): {report.summary()}")
        if not report.results and report.not_checked_reason:
            notes.append(f"online ({report.root}): {report.not_checked_reason}")
        out.extend(report.findings)
        if reports is not None:
            reports.append(report)
    return out
