"""lsp/scheduler.py without a server: when an open document's analysis runs.

A fake analysis records the document version it saw and can be held open, so that edits
arrive while it runs; no wall-clock assertions, only the order of events.
"""

from __future__ import annotations

import asyncio

from byok_lsp.lsp.scheduler import Scheduler


class Doc:
    """A document's current version and the analyses that ran, with what they published."""

    def __init__(self):
        self.version = 1
        self.analysed: list[int] = []
        self.published: list[int] = []
        self.gate: asyncio.Event | None = None  # set: analyses wait for it (a slow analysis)
        self.started = asyncio.Event()

    async def run(self, uri: str) -> None:
        seen = self.version
        self.analysed.append(seen)
        self.started.set()
        if self.gate is not None:
            await self.gate.wait()
        if seen == self.version:  # what the Analyzer's publish checks: never a stale version
            self.published.append(seen)


async def settle() -> None:
    for _ in range(20):
        await asyncio.sleep(0)


async def test_an_idle_edit_is_analysed_at_once():
    doc = Doc()
    sched = Scheduler(doc.run)
    sched.request("u")
    assert sched.busy("u")
    await settle()  # no timer: the next turns of the event loop
    assert doc.analysed == [1] and doc.published == [1] and not sched.busy("u")


async def test_a_burst_is_one_analysis_of_the_last_version():
    doc = Doc()
    sched = Scheduler(doc.run)
    for v in range(1, 30):  # edits handled in one turn of the loop (one read from the client)
        doc.version = v
        sched.request("u")
    await settle()
    assert doc.analysed == [29] and doc.published == [29]


async def test_edits_during_an_analysis_are_coalesced_and_stale_never_published():
    doc = Doc()
    doc.gate = asyncio.Event()
    sched = Scheduler(doc.run)
    sched.request("u")
    await doc.started.wait()
    for v in range(2, 10):  # typed while version 1 is being analysed
        doc.version = v
        sched.request("u")
    await settle()
    assert doc.analysed == [1]  # no second analysis in parallel
    doc.gate.set()
    await settle()
    assert doc.analysed == [1, 9]  # one more, of the latest version
    assert doc.published == [9]  # version 1's result was stale when it finished


async def test_a_longer_delay_does_not_postpone_a_pending_edit():
    doc = Doc()
    sched = Scheduler(doc.run)
    sched.request("u", 0)
    sched.request("u", 60_000)  # a dependent re-check after a .env edit
    await settle()
    assert doc.analysed == [1]


async def test_a_newer_edit_restarts_a_debounce_wait():
    doc = Doc()
    sched = Scheduler(doc.run)
    sched.request("u", 60_000)
    sched.request("u", 0)  # the shorter wait wins
    await settle()
    assert doc.analysed == [1]
    sched.request("u", 60_000)
    await settle()
    assert doc.analysed == [1] and sched.busy("u")  # still waiting
    sched.forget("u")
    await settle()
    assert doc.analysed == [1] and not sched.busy("u")


async def test_a_failing_analysis_does_not_stop_the_next(caplog):
    calls = []

    async def run(uri):
        calls.append(uri)
        if len(calls) == 1:
            raise ValueError("boom")

    sched = Scheduler(run)
    sched.request("u")
    await settle()
    sched.request("u")
    await settle()
    assert calls == ["u", "u"]
    assert "diagnostics for u failed" in caplog.text


async def test_documents_are_independent():
    doc = Doc()
    doc.gate = asyncio.Event()
    seen = []

    async def other(uri):
        seen.append(uri)

    sched = Scheduler(lambda uri: doc.run(uri) if uri == "slow" else other(uri))
    sched.request("slow")
    await doc.started.wait()
    sched.request("fast")
    await settle()
    assert seen == ["fast"]  # not held behind the slow document
    doc.gate.set()
    await settle()
    sched.shutdown()
