"""Editor settings: one typed tree with defaults, camelCase on the wire.

Sources, later ones winning key by key: the defaults, ``initializationOptions`` (global), the
client's ``workspace/configuration`` answer for section ``byok-lsp`` scoped to each workspace
folder, or — for clients without ``workspace/configuration`` — the ``byok-lsp`` section of
``workspace/didChangeConfiguration``.

Unknown keys are ignored. An invalid value is replaced by its default and reported by
``parse``; the server logs each distinct problem once. Validation is per field (not one
structuring pass for the whole tree) so that one bad value never resets the others.

``onlineChecks`` sends keys over the network, so a cloned repository must not be able to turn it
on: it is read only from ``initializationOptions`` and from unscoped (user-level) configuration,
never from folder-scoped answers, and the server honours it only in a trusted workspace.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..findings import Severity
from ..policy import Selection

SECTION = "byok-lsp"
LOG_LEVELS = ("error", "warning", "info", "debug")
SEVERITY_LEVELS = ("error", "warning", "information", "hint", "off")
MAX_DEBOUNCE_MS = 5000
_CODE = re.compile(r"^BYOK\d{0,3}$")


@dataclass(frozen=True)
class Settings:
    enable: bool = True
    """Analyse documents at all. When false the server publishes no diagnostics."""
    online_checks: bool = False
    """Run the opt-in online checks (user-level only; honoured only in a trusted workspace)."""
    severity_overrides: dict[str, str] = field(default_factory=dict)
    """Rule code or prefix (``BYOK3``) → "error" | "warning" | "information" | "hint" | "off";
    a longer prefix wins over a shorter one."""
    select: tuple[str, ...] = ()
    """Only these codes or prefixes (``BYOK1``); empty: all."""
    ignore: tuple[str, ...] = ()
    """Skip these codes or prefixes."""
    log_level: str = "info"
    """Lowest level forwarded to the client's log (window/logMessage)."""
    debounce_ms: int = 0
    """Delay between the last edit and the analysis of a document (push diagnostics). 0: an
    edit of an idle document is analysed at once and edits during an analysis are coalesced
    into one more (lsp/scheduler.py); typing is seldom faster than an analysis (~2-5 ms)."""

    # ----- what the engine wants -------------------------------------------------------------
    def selection(self) -> Selection:
        """The findings policy's selection (policy.py): ``severityOverrides`` by prefix, the most
        specific prefix winning, expanded to full codes; "off" ignores the code."""
        from ..rules.registry import all_rules

        levels: dict[str, str] = {}
        for prefix in sorted(self.severity_overrides, key=len):
            for code in all_rules():
                if code.startswith(prefix):
                    levels[code] = self.severity_overrides[prefix]
        off = tuple(code for code, level in levels.items() if level == "off")
        overrides = {code: Severity.parse(level) for code, level in levels.items() if level != "off"}
        return Selection(self.select, self.ignore + off, overrides)


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def _bool(value):
    if isinstance(value, bool):
        return value
    raise ValueError("expected true or false")


def _codes(value):
    if isinstance(value, str):
        value = [v for v in value.split(",")]
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise ValueError("expected a list of rule codes or prefixes such as BYOK1 or BYOK201")
    out, bad = [], []
    for item in value:
        code = item.strip().upper()
        if not code:
            continue
        (out if _CODE.match(code) else bad).append(code)
    if bad:
        raise _Partial(tuple(out), f"{', '.join(bad)} is not a rule code or prefix (like BYOK1 or BYOK201)")
    return tuple(out)


def _overrides(value):
    if not isinstance(value, dict):
        raise ValueError('expected an object such as {"BYOK104": "hint"}')
    out, bad = {}, []
    for code, level in value.items():
        key = str(code).strip().upper()
        lvl = level.strip().lower() if isinstance(level, str) else level
        lvl = {"info": "information", "warn": "warning"}.get(lvl, lvl)
        if _CODE.match(key) and lvl in SEVERITY_LEVELS:
            out[key] = lvl
        else:
            bad.append(f"{code}: {level!r}")
    if bad:
        raise _Partial(out, f"ignored {'; '.join(bad)} (expected a code or prefix such as BYOK101 or BYOK3: {' | '.join(SEVERITY_LEVELS)})")
    return out


def _log_level(value):
    if isinstance(value, str):
        lvl = value.strip().lower()
        lvl = {"information": "info", "warn": "warning", "trace": "debug"}.get(lvl, lvl)
        if lvl in LOG_LEVELS:
            return lvl
    raise ValueError(f"expected one of {', '.join(LOG_LEVELS)}")


def _debounce(value):
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= MAX_DEBOUNCE_MS:
        raise ValueError(f"expected a number of milliseconds from 0 to {MAX_DEBOUNCE_MS}")
    return int(value)


class _Partial(ValueError):
    """Part of the value was usable: keep ``value`` but still report the problem."""

    def __init__(self, value, message: str):
        super().__init__(message)
        self.value = value


_FIELDS: dict[str, Callable[[Any], Any]] = {
    "enable": _bool,
    "online_checks": _bool,
    "severity_overrides": _overrides,
    "select": _codes,
    "ignore": _codes,
    "log_level": _log_level,
    "debounce_ms": _debounce,
}
WIRE_NAMES = {_camel(name): name for name in _FIELDS}


def _wire_value(value):
    return list(value) if isinstance(value, tuple) else value


def section_of(raw: Any) -> dict:
    """The settings object inside the shapes clients send: ``{"byok-lsp": {...}}``,
    ``{"settings": {...}}`` or the settings themselves. Anything else is empty."""
    if not isinstance(raw, dict):
        return {}
    for key in (SECTION, "settings"):
        inner = raw.get(key)
        if isinstance(inner, dict):
            return inner
    return raw


def parse(raw: Any, base: Settings | None = None, *, allow_online: bool = True) -> tuple[Settings, list[str]]:
    """Settings from one wire object on top of ``base``; problems as human-readable lines."""
    base = base or Settings()
    problems: list[str] = []
    if raw is None:
        return base, problems
    if not isinstance(raw, dict):
        return base, [f"{SECTION} settings must be an object, not {type(raw).__name__}; using defaults"]
    changes: dict[str, Any] = {}
    for wire, value in raw.items():
        name = WIRE_NAMES.get(wire)
        if name is None or value is None:
            continue  # unknown keys are ignored; null means "not set"
        if name == "online_checks" and not allow_online:
            continue
        try:
            changes[name] = _FIELDS[name](value)
        except _Partial as part:
            changes[name] = part.value
            problems.append(f"{SECTION}.{wire}: {part}")
        except ValueError as exc:
            kept = _wire_value(getattr(base, name))
            problems.append(f"{SECTION}.{wire}: invalid value {value!r} ({exc}); using {kept!r}")
    return dataclasses.replace(base, **changes), problems
