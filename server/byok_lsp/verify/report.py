"""The compact status of one verification: "BYOK: verified 2 min ago", "BYOK: missing (verified)"."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from ..findings import Finding
from .checks import OK, CheckResult

# problem status -> (summary words, level); the first present wins
_PROBLEMS = (
    ("byok-registration", "not-registered", "missing (verified)", "error"),
    ("openrouter-probe", "byok-missing", "missing (verified)", "error"),
    ("openrouter-key", "invalid-key", "OpenRouter key rejected (verified)", "error"),
    ("openrouter-probe", "invalid-key", "OpenRouter key rejected (verified)", "error"),
    ("openai-model", "invalid-key", "OpenAI key rejected (verified)", "error"),
    ("openai-probe", "invalid-key", "OpenAI key rejected (verified)", "error"),
    ("openrouter-key", "free-tier", "no credits (verified)", "warning"),
    ("openrouter-key", "limit-reached", "key credit limit used up (verified)", "warning"),
    ("openrouter-probe", "no-credits", "no credits (verified)", "warning"),
    ("byok-registration", "disabled", "key disabled (verified)", "warning"),
    ("byok-registration", "filtered", "key limited to other models (verified)", "warning"),
    ("openai-model", "no-access", "OpenAI organisation cannot use the model (verified)", "warning"),
    ("openrouter-probe", "org-cannot-use", "OpenAI organisation must be verified (verified)", "warning"),
)


def parse_iso(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except (TypeError, ValueError):
        return None


def ago(checked_at: str | None, now: datetime | None = None) -> str:
    """"just now", "2 min ago", "3 h ago", "2 days ago"."""
    when = parse_iso(checked_at or "")
    if when is None:
        return "at an unknown time"
    seconds = ((now or datetime.now(timezone.utc)) - when).total_seconds()
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        return f"{int(seconds // 60)} min ago"
    if seconds < 86400:
        return f"{int(seconds // 3600)} h ago"
    days = int(seconds // 86400)
    return f"{days} day{'s' if days != 1 else ''} ago"


def short_reason(reason: str) -> str:
    """A few words for the status bar from an unverified result's reason."""
    text = reason.lower()
    for needle, words in (("timeout", "timeout"), ("could not connect", "offline"), ("refused to send", "host not allowed"),
                          ("rate limit", "rate limited"), ("http 429", "rate limited"), ("server error", "server error"),
                          ("http 5", "server error"), ("lost", "connection lost"), ("shape", "unexpected answer"),
                          ("management key", "management key rejected"), ("redirect", "redirected")):
        if needle in text:
            return words
    return "see details"


@dataclass
class VerifyReport:
    root: Path | None
    results: list[CheckResult] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    not_checked_reason: str = ""  # why nothing was checked

    @property
    def checked_at(self) -> str | None:
        times = [r.checked_at for r in self.results]
        return max(times) if times else None

    def _problem(self) -> tuple[str, str] | None:
        present = {(r.check, r.status) for r in self.results}
        for check, status, words, level in _PROBLEMS:
            if (check, status) in present:
                return words, level
        return None

    @property
    def level(self) -> str:
        """"error", "warning", "info" or "ok" — for the status bar's colour."""
        problem = self._problem()
        if problem:
            return problem[1]
        return "ok" if self._byok_confirmed() else "info"

    def _byok_confirmed(self) -> bool:
        return any(r.ok and r.check in ("byok-registration", "openrouter-probe") for r in self.results)

    def summary(self, now: datetime | None = None) -> str:
        if not self.results:
            return "BYOK: not checked"
        problem = self._problem()
        if problem:
            return f"BYOK: {problem[0]}"
        if self._byok_confirmed():
            return f"BYOK: verified {ago(self.checked_at, now)}"
        answered = [r for r in self.results if not r.unverified]
        if not answered:
            return f"BYOK: could not verify ({short_reason(self.results[0].data.get('reason', ''))})"
        return f"BYOK: keys OK, registration not verified ({ago(self.checked_at, now)})"

    def tooltip(self) -> str:
        if not self.results:
            return self.not_checked_reason or "Online checks did not run."
        lines = [f"{r.check}{' ' + r.subject if r.subject else ''}: {r.detail}" for r in self.results]
        if not any(r.check == "byok-registration" for r in self.results) and not self._problem():
            lines.append("Whether an OpenAI key is registered at OpenRouter was not checked: give byok-lsp a "
                         "management key (OPENROUTER_MANAGEMENT_KEY or the editor's secret storage), or run the paid probe.")
        return "\n".join(lines)

    def models(self) -> dict[str, list[dict]]:
        """slug -> the results about it, for hover."""
        out: dict[str, list[dict]] = {}
        for r in self.results:
            slug = r.subject if "/" in r.subject else None
            slug = slug or (r.data.get("slug") if isinstance(r.data.get("slug"), str) else None)
            if slug:
                out.setdefault(slug, []).append(result_dict(r))
        return out

    def key_results(self) -> list[dict]:
        return [result_dict(r) for r in self.results if r.check in ("openrouter-key", "openai-model")]

    def steps(self) -> dict[str, bool]:
        """Which setup steps the online checks confirmed, for the editor's walkthrough: a step is
        done when a check proved it, never because the user clicked something."""
        ok = {r.check for r in self.results if r.ok}
        openai_key_valid = any(r.check == "openai-model" and r.status in (OK, "no-access") for r in self.results)
        byok = bool(ok & {"byok-registration", "openrouter-probe"})
        return {
            "openaiKey": openai_key_valid or byok,
            "byokRegistered": byok,
            "tierAllowsModel": bool(ok & {"openai-model", "openrouter-probe"}),
            "credits": "openrouter-key" in ok,
        }

    def to_status(self, now: datetime | None = None) -> dict:
        """A JSON-ready snapshot for the status command and the client (no keys, masked or otherwise hidden)."""
        return {
            "summary": self.summary(now), "tooltip": self.tooltip(), "level": self.level,
            "checked_at": self.checked_at, "models": self.models(), "keys": self.key_results(),
            "notes": list(self.notes), "steps": self.steps(),
        }


def result_dict(r: CheckResult) -> dict:
    return {"check": r.check, "status": r.status, "detail": r.detail, "checked_at": r.checked_at,
            "confidence": r.confidence.value, "subject": r.subject,
            "data": {k: v for k, v in r.data.items() if isinstance(v, (str, int, float, bool, type(None), list))}}
