"""stdio for the server, read by the event loop itself.

pygls 2.1's ``start_io`` reads stdin through its thread pool: every header line and every body
is a ``run_in_executor`` call, so one message costs three round trips between the reader thread
and the event loop, each waiting for the GIL (up to ``sys.getswitchinterval()``, 5 ms, while an
analysis thread runs). ``serve_stdio`` reads the same bytes with an ``asyncio.StreamReader`` on
the pipe (epoll) and hands them to pygls' own message loop (``pygls.io_.run_async``): same
framing, same protocol object, no thread hop. Where stdin is not a pipe or a socket (a regular
file, /dev/null, a terminal), on Windows (whose event loop cannot watch an inherited pipe), or
where pygls' internals moved, it falls back to pygls' own reader.
"""

from __future__ import annotations

import asyncio
import logging
import os
import stat
import sys
import threading

log = logging.getLogger(__name__)


class PipeReader:
    """pygls' AsyncReader interface (``readline``, ``readexactly``) over a StreamReader."""

    def __init__(self, stream: asyncio.StreamReader):
        self._stream = stream

    async def readline(self) -> bytes:
        try:
            return await self._stream.readuntil(b"\n")
        except asyncio.IncompleteReadError as exc:  # end of input: what a file's readline gives
            return exc.partial
        except asyncio.LimitOverrunError:  # a header line longer than the limit: not LSP
            return b""

    async def readexactly(self, n: int) -> bytes:
        try:
            return await self._stream.readexactly(n)
        except asyncio.IncompleteReadError as exc:
            return exc.partial


def _watchable(fd: int) -> bool:
    """Pipes and sockets, what editors connect. Not regular files, nor character devices:
    epoll refuses /dev/null (and a terminal is no LSP client)."""
    try:
        mode = os.fstat(fd).st_mode
    except OSError:
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode)


def serve_stdio(server) -> None:
    """Run ``server`` (a pygls LanguageServer) on stdin/stdout until exit."""
    try:
        from pygls.io_ import StdinAsyncReader, StdoutWriter, run_async
    except ImportError:
        run_async = None
    stdin = sys.stdin.buffer
    if run_async is None or os.name != "posix" or not _watchable(stdin.fileno()) or not hasattr(server, "_stop_event"):
        server.start_io()
        return

    async def main() -> None:
        loop = asyncio.get_running_loop()
        stream = asyncio.StreamReader(limit=1 << 16, loop=loop)
        try:
            await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(stream, loop=loop), stdin)
            reader = PipeReader(stream)
        except (OSError, ValueError, NotImplementedError) as exc:  # not watchable after all
            log.debug("stdin cannot be watched (%s): pygls' threaded reader", exc)
            reader = StdinAsyncReader(stdin, server.thread_pool)
        await run_async(stop_event=server._stop_event, reader=reader, protocol=server.protocol,
                        logger=logging.getLogger("pygls.io_"), error_handler=server.report_server_error)

    server._stop_event = threading.Event()
    server.protocol.set_writer(StdoutWriter(sys.stdout.buffer))
    try:
        asyncio.run(main())
    except BrokenPipeError:
        log.error("the client closed the connection; shutting down")
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        server.shutdown()
