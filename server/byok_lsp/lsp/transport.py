"""stdio for the server: our own message loop around pygls' protocol object.

pygls 2.1's ``start_io`` reads stdin through its thread pool (three thread hops per message, each
waiting for the GIL while an analysis runs) and its loop (``pygls.io_.run_async``) goes deaf after
one bad frame, drops invalid messages without an answer and turns every ``exit`` into status 0.
``serve_stdio`` replaces both and keeps the rest of pygls (structuring, dispatch, handlers):

- stdin is read by the event loop itself where it is a pipe or a socket (what editors connect);
  anything else (a file, /dev/null, a terminal, Windows) is read by one thread that feeds the same
  ``asyncio.StreamReader``, so there is one framing code path;
- ``framing.FrameReader`` cuts frames and resynchronises after bad ones (logged);
- ``lifecycle`` answers what pygls would leave unanswered (parse errors, invalid requests, requests
  before ``initialize`` or after ``shutdown``);
- the status of ``exit`` (0 after ``shutdown``, else 1) becomes the process's exit status.
"""

from __future__ import annotations

import asyncio
import logging
import os
import stat
import sys
import threading

from .framing import FrameReader, split_unreadable
from .lifecycle import Lifecycle, Refusal, parse_body

log = logging.getLogger(__name__)


class StdoutWriter:
    """pygls' writer interface over stdout (one flush per message)."""

    def __init__(self, stdout):
        self._stdout = stdout

    def close(self) -> None:
        self._stdout.close()

    def write(self, data: bytes) -> None:
        self._stdout.write(data)
        self._stdout.flush()


def _watchable(fd: int) -> bool:
    """Pipes and sockets, what editors connect. Not regular files, nor character devices:
    epoll refuses /dev/null (and a terminal is no LSP client)."""
    try:
        mode = os.fstat(fd).st_mode
    except OSError:
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode)


async def _open_stdin(stdin) -> asyncio.StreamReader:
    loop = asyncio.get_running_loop()
    stream = asyncio.StreamReader(limit=1 << 16, loop=loop)
    if os.name == "posix" and _watchable(stdin.fileno()):
        try:
            await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(stream, loop=loop), stdin)
            return stream
        except (OSError, ValueError, NotImplementedError) as exc:  # not watchable after all
            log.debug("stdin cannot be watched (%s): reading it in a thread", exc)

    def feed() -> None:
        fd = stdin.fileno()
        while True:
            try:
                data = os.read(fd, 1 << 16)
            except OSError:
                data = b""
            if not data:
                loop.call_soon_threadsafe(stream.feed_eof)
                return
            loop.call_soon_threadsafe(stream.feed_data, data)

    threading.Thread(target=feed, name="byok-stdin", daemon=True).start()
    return stream


def _answer(protocol, refusal: Refusal) -> None:
    if refusal.code is None:
        return
    log.warning("answered a message with error %d: %s", refusal.code, refusal.message)
    protocol._send_data(refusal.response())


def _dispatch(server, lifecycle: Lifecycle, message: dict) -> None:
    refusal = lifecycle.admit(message)
    if refusal is not None:
        _answer(server.protocol, refusal)
        return
    try:
        structured = server.protocol.structure_message(message)
    except Exception as exc:  # params that do not fit the LSP types: ByokProtocol has answered
        log.warning("could not read %s: %s", message.get("method", "a response"), exc)
        if message.get("method") == "initialize":  # not initialized: the client may try again
            lifecycle.initialized = False
        return
    server.protocol.handle_message(structured)


async def serve_messages(server, stream: asyncio.StreamReader) -> int:
    """Read and dispatch messages until ``exit`` (its status), the end of input (0) or a stop."""
    frames = FrameReader(stream)
    lifecycle = Lifecycle()
    failures_in_a_row = 0
    while not server._stop_event.is_set():
        try:
            body = await frames.next_body()
            failures_in_a_row = 0
        except Exception:  # a reader bug must cost the bytes it holds, not the server
            failures_in_a_row += 1
            log.exception("reading stdin failed; dropping the %d buffered byte(s)", frames.buffered)
            if failures_in_a_row >= 3:  # the stream itself is broken (a read error repeats)
                log.error("stdin cannot be read; exiting")
                return 1
            frames.clear()
            continue
        if body is None:
            log.info("end of input: the client closed the connection")
            return 0
        message, refusal = parse_body(body)
        if refusal is not None and refusal.code == -32700 and refusal.msg_id is None:
            head, rest = split_unreadable(body)
            if rest:  # the announced length ran into the next frame: give that frame back
                frames.unread(rest)
                log.warning("framing: a Content-Length of %d ran %d byte(s) into the next frame",
                            len(body), len(rest))
                message, refusal = parse_body(head)
        if refusal is not None:
            _answer(server.protocol, refusal)
            continue
        try:
            _dispatch(server, lifecycle, message)
        except SystemExit as exc:  # pygls' exit handler
            return exc.code if isinstance(exc.code, int) else 1
        except BrokenPipeError:
            raise
        except Exception as exc:
            log.exception("unable to handle a %s message", message.get("method", "response"))
            server._report_server_error(exc, type(exc))
    return 0


def serve_stdio(server) -> int:
    """Run ``server`` (a pygls LanguageServer) on stdin/stdout until exit; the exit status."""
    stdin = sys.stdin.buffer

    async def main() -> int:
        return await serve_messages(server, await _open_stdin(stdin))

    server._stop_event = threading.Event()
    server.protocol.set_writer(StdoutWriter(sys.stdout.buffer))
    status = 0
    try:
        status = asyncio.run(main())
    except BrokenPipeError:
        log.error("the client closed the connection; shutting down")
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
    return status
