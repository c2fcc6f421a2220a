"""One document's failed analysis: logged, told to the user once, never the server's end.

How one document is kept from taking the server down, and why this way (issue 15, item 5):

- **Exceptions** stop at the document. ``Reports._compute`` (analysis.py) catches whatever one analysis
  raises (a parser, a rule, the conversion to diagnostics); ``report`` logs it with its
  traceback (the log formatter redacts keys) and shows one ``window/showMessage`` per document
  per session, with the exception redacted, saying the other files are still checked. The
  document keeps its last diagnostics; every other document and request is served as before.
- **Native crashes** (a grammar's stack overflow) cannot be caught in-process; they are prevented
  before a parser runs: size and line limits, the nesting pre-scan (``parsing/nesting.py``) and
  the parsers' recursion guards turn such input into a lexical scan with a note.
- **Time**: requests that need a report (hover, code actions) wait for it at most
  ``REQUEST_WAIT`` seconds and then answer from the text alone, so a slow analysis in a worker
  thread delays its own diagnostics, not the answers. (An edit whose previous analysis took
  under 8 ms is analysed on the event loop, ``analysis.INLINE_MS``; should that one turn slow,
  it holds the loop for its duration.) There is no hard deadline on the analysis itself: a Python thread
  cannot be stopped, and running each analysis in a child process (which could be killed) would
  add a process hop and a copy of the document to every keystroke and lose the incremental parse
  state that makes an edit cost ~2 ms. The pathological-input budgets (every input ≤ 5 s CPU,
  ``bench/fuzz_parsers.py``) bound the time instead.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from pathlib import Path

from lsprotocol import types

from .. import keys

log = logging.getLogger(__name__)

REQUEST_WAIT = 5.0  # seconds hover / code actions wait for a document's report

_lock = threading.Lock()


def report(server, uri: str, path: Path | None, exc: BaseException) -> None:
    """Log ``exc`` (with traceback) and tell the user once per document. Any thread."""
    name = path.name if path is not None else uri
    log.error("analysis of %s failed; its diagnostics are not updated", name, exc_info=exc)
    with _lock:
        told = server.__dict__.setdefault("_failures_told", set())
        if uri in told:
            return
        told.add(uri)
    detail = keys.redact(f"{type(exc).__name__}: {exc}")[:300]
    message = (f"byok-lsp could not analyse {name} ({detail}). Other files are still checked; "
               "the log has the details. Please report it with that file's shape (not its keys).")
    loop = getattr(server, "loop", None)
    if loop is None or loop.is_closed():
        return
    params = types.ShowMessageParams(type=types.MessageType.Warning, message=message)
    try:
        loop.call_soon_threadsafe(_show, server, params)
    except RuntimeError:  # the loop closed while shutting down
        pass


def _show(server, params: types.ShowMessageParams) -> None:
    try:
        server.window_show_message(params)
    except Exception:
        log.debug("could not show the failure message", exc_info=True)


async def report_within(ls, uri: str):
    """The document's report, or None when its analysis takes longer than ``REQUEST_WAIT``: the
    request is answered from the text alone (the analysis goes on and publishes when done)."""
    task = asyncio.ensure_future(ls.analyzer.diagnose(uri))
    try:
        return await asyncio.wait_for(asyncio.shield(task), REQUEST_WAIT)
    except asyncio.TimeoutError:
        task.add_done_callback(lambda t: t.cancelled() or t.exception())  # its failure is logged there
        log.warning("the analysis of %s takes over %g s: answered without its findings", uri, REQUEST_WAIT)
        return None
