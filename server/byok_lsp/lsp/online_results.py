"""The online checks' results, one typed store the server, hover and the commands read.

Per project root: the last ``VerifyReport``. From it: the findings about one file (merged into
that file's diagnostics by the analyzer, through the findings policy), the report that serves a
folder (hover, the status command), and a change counter. Also what the online commands keep
between calls and never send anywhere: the management key, one lock per root, the HTTP config.

``verify/`` (and httpx with it) is imported when a command first runs, not at start-up: this
module only names its types.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..findings import Finding
    from ..verify.http import VerifyConfig
    from ..verify.report import VerifyReport
    from ..verify.targets import Secret


class OnlineResults:
    def __init__(self, changed: Callable[[Path], None] | None = None):
        self._reports: dict[Path, VerifyReport] = {}
        self.generation = 0  # bumped by every stored report
        self.changed = changed  # called with the root whose report was replaced
        self.management_key: Secret | None = None  # memory only; never logged, never written
        self.locks: dict[Path, asyncio.Lock] = {}
        self.config: VerifyConfig | None = None  # None: from the process environment

    def put(self, report: VerifyReport) -> None:
        root = Path(report.root) if report.root is not None else Path("/")
        self._reports[root] = report
        self.generation += 1
        if self.changed is not None:
            self.changed(root)

    def report(self, root: Path) -> VerifyReport | None:
        """The last report of exactly ``root``."""
        return self._reports.get(Path(root))

    def report_for(self, path: Path) -> VerifyReport | None:
        """The report of the innermost root that contains ``path`` (a folder or a file)."""
        path = Path(path)
        best = None
        for root, report in self._reports.items():
            if (root == path or root in path.parents) and (best is None or len(root.parts) > len(best[0].parts)):
                best = (root, report)
        return best[1] if best else None

    def findings_for(self, path: Path) -> list[Finding]:
        """Every stored finding about ``path`` (a .env holding the key, a file using the model)."""
        return [f for report in list(self._reports.values()) for f in report.findings if f.path == path]

    def any_report(self) -> VerifyReport | None:
        return next(iter(self._reports.values()), None)

    def lock(self, root: Path) -> asyncio.Lock:
        return self.locks.setdefault(Path(root), asyncio.Lock())

    def __len__(self) -> int:
        return len(self._reports)
