"""When an open document is analysed for push diagnostics.

- An edit of an idle document is analysed at once: the analysis task starts after the handlers
  of the messages already read, so the edits of a burst that arrives together are one analysis.
- Edits while the document's analysis runs are coalesced: when it ends, one more analysis of
  the document's then-current version follows (the running one is not cancelled: its work
  is shared with pull requests, and a worker thread cannot be stopped anyway).
- ``delay_ms`` > 0 (the ``debounceMs`` setting, the dependents of an edited .env) waits that
  long first; a newer request with the same or a shorter delay restarts the wait, a longer
  one leaves the shorter wait alone (a dependent re-check never delays the user's own edit).

The scheduler knows nothing of LSP: ``run(uri)`` analyses and publishes, and is the one to
decide that a result is stale (the document's version or its folder's epoch moved on).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

log = logging.getLogger(__name__)


@dataclass
class _Wait:
    task: asyncio.Task
    delay_ms: int


class Scheduler:
    def __init__(self, run: Callable[[str], Awaitable[None]]):
        self._run = run
        self._waiting: dict[str, _Wait] = {}
        self._running: dict[str, asyncio.Task] = {}
        self._again: dict[str, int] = {}  # the delay of the run that follows the running one

    def request(self, uri: str, delay_ms: int = 0) -> None:
        """Analyse ``uri`` after ``delay_ms``, or once its running analysis ends."""
        if uri in self._running:
            previous = self._again.get(uri)
            self._again[uri] = delay_ms if previous is None else min(previous, delay_ms)
            return
        waiting = self._waiting.get(uri)
        if waiting is not None:
            if delay_ms > waiting.delay_ms:
                return
            waiting.task.cancel()
        self._waiting[uri] = _Wait(asyncio.ensure_future(self._wait_then_run(uri, delay_ms)), delay_ms)

    def busy(self, uri: str) -> bool:
        """An analysis of ``uri`` is waiting or running."""
        return uri in self._waiting or uri in self._running

    async def _wait_then_run(self, uri: str, delay_ms: int) -> None:
        if delay_ms > 0:
            try:
                await asyncio.sleep(delay_ms / 1000)
            except asyncio.CancelledError:
                return
        me = asyncio.current_task()
        waiting = self._waiting.get(uri)
        if waiting is None or waiting.task is not me:
            return  # replaced or forgotten while its first step was queued
        del self._waiting[uri]
        self._running[uri] = me
        try:
            await self._run(uri)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("diagnostics for %s failed", uri)
        finally:
            if self._running.get(uri) is me:
                del self._running[uri]
            again = self._again.pop(uri, None)
            if again is not None:
                self.request(uri, again)

    def forget(self, uri: str) -> None:
        """The document closed: drop what waits (a running analysis will not be published)."""
        waiting = self._waiting.pop(uri, None)
        if waiting is not None:
            waiting.task.cancel()
        self._again.pop(uri, None)

    def shutdown(self) -> None:
        for waiting in self._waiting.values():
            waiting.task.cancel()
        for task in self._running.values():
            task.cancel()
        self._waiting.clear()
        self._running.clear()
        self._again.clear()
