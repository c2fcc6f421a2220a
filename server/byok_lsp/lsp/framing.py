"""LSP base-protocol framing that survives bad frames: ``Content-Length: N\\r\\n\\r\\n`` + N bytes.

pygls 2.1's reader (``pygls.io_.run_async``) only knows the exact spelling ``Content-Length: N\\r\\n``:
a lowercase name, a missing space, LF-only line ends, a negative or non-numeric length, a body
shorter or longer than announced or a run of binary garbage leave it waiting for a header that never
matches, so the server runs on and answers nothing (issue 15, item 9); a header line over 64 KB
ended it silently. ``FrameReader`` reads the same frames and, where they are bad, drops what it cannot
read, logs how many bytes and why (with a redacted excerpt), and resynchronises on the next
``Content-Length`` header wherever it starts. What it accepts beyond the strict spelling is what
HTTP-style headers allow anyway (any case, optional spaces, bare LF), so every valid frame reads the
same as before.

A body announced longer than it is runs into the next frame, or leaves the reader waiting for
bytes the client will never send (it waits for our answer). The next frame's header is found as
the body arrives (a ``Content-Length: N`` line cannot occur in valid JSON) and the body ends
there. When the stream stays silent for ``STALL_SECONDS`` and the bytes so far already are one
complete JSON value, that value is the message: a well-formed body cannot be a complete JSON
value followed by more non-blank bytes, so nothing valid is ever cut short.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re

log = logging.getLogger(__name__)

MAX_HEADER_LINE = 1 << 16  # a header line past this is not LSP: dropped, not a reason to stop
MAX_HEADER_LINES = 32  # a block with more header lines is not LSP
MAX_BODY = 1 << 30  # 1 GiB: far above any document an editor sends; a larger length is garbage
STALL_SECONDS = 1.0  # silence mid-body after which a complete JSON value is taken as the message
CHUNK = 1 << 16

_HEADER_TOKEN = re.compile(rb"content-length", re.IGNORECASE)
_HEADER_LINE = re.compile(rb"[ \t]*([!#$%&'*+.^_`|~0-9A-Za-z-]+)[ \t]*:[ \t]*(.*?)[ \t]*")
_HEADER_SIGNATURE = re.compile(rb"content-length[ \t]*:[ \t]*[0-9]+[ \t]*\r?\n", re.IGNORECASE)
_LENGTH = re.compile(rb"[0-9]{1,10}")
_TOKEN_LEN = len(b"content-length")


def excerpt(data: bytes, limit: int = 60) -> str:
    """A short, printable look at dropped bytes (the log formatter redacts keys)."""
    text = bytes(data[:limit]).decode("utf-8", "backslashreplace")
    return repr(text) + ("…" if len(data) > limit else "")


class FrameReader:
    """Bodies of LSP frames from an ``asyncio.StreamReader``; ``None`` at the end of input."""

    def __init__(self, stream: asyncio.StreamReader, stall_seconds: float = STALL_SECONDS):
        self._stream = stream
        self._buf = bytearray()
        self._eof = False
        self._stall = stall_seconds
        self.dropped_bytes = 0  # totals, for the log and the tests
        self.dropped_frames = 0
        self._run: list | None = None  # [bytes, pieces, first reason, first excerpt] not yet logged

    # ----- input -------------------------------------------------------------------------------
    async def _fill(self, timeout: float | None = None) -> bool:
        """Read more bytes; False at end of input or (with ``timeout``) after that much silence."""
        if self._eof:
            return False
        try:
            if timeout is None:
                data = await self._stream.read(CHUNK)
            else:
                data = await asyncio.wait_for(self._stream.read(CHUNK), timeout)
        except asyncio.TimeoutError:
            return False
        if not data:
            self._eof = True
            return False
        self._buf += data
        return True

    @property
    def buffered(self) -> int:
        return len(self._buf)

    def clear(self) -> None:
        self._buf.clear()
        self._run = None

    def unread(self, data: bytes) -> None:
        """Put bytes back in front of the input (the start of a frame found inside a body)."""
        self._buf[:0] = data

    def _drop(self, n: int, reason: str) -> None:
        """Drop ``n`` bytes. One log line per run of drops (written when the next frame is found
        or the input ends), not one per piece: a flood of garbage must not flood the log and
        the client's window/logMessage."""
        if n <= 0:
            return
        if self._run is None:
            self._run = [0, 0, reason, excerpt(self._buf[:n])]
        self._run[0] += n
        self._run[1] += 1
        self.dropped_bytes += n
        self.dropped_frames += 1
        del self._buf[:n]

    def _log_drops(self) -> None:
        if self._run is not None:
            size, pieces, reason, first = self._run
            self._run = None
            log.warning("framing: dropped %d byte(s) in %d piece(s); the first: %s: %s", size, pieces, reason, first)

    def _resync(self, start: int, reason: str) -> bool:
        """Drop everything before the next ``Content-Length`` at or after ``start``; False when
        none is buffered yet (then all but a possible token prefix is dropped)."""
        match = _HEADER_TOKEN.search(self._buf, start)
        if match:
            self._drop(match.start(), reason)
            return True
        keep = min(len(self._buf), _TOKEN_LEN - 1)
        self._drop(len(self._buf) - keep, reason)
        return False

    # ----- frames ------------------------------------------------------------------------------
    async def next_body(self) -> bytes | None:
        while True:
            length = await self._read_headers()
            self._log_drops()
            if length is None:
                if self._buf:
                    self._drop(len(self._buf), "end of input inside a header")
                    self._log_drops()
                return None
            body = await self._read_body(length)
            if body is not None:
                return body
            if self._eof:
                return None

    async def _read_headers(self) -> int | None:
        """Consume one header block; its Content-Length, or None at end of input."""
        while True:
            lines, end, problem = self._scan_header_block()
            if end is None:  # need more bytes
                if problem and self._resync(1, problem):  # an overlong line: not a header
                    continue
                if not await self._fill():
                    return None
                continue
            if not lines:  # blank lines between frames: harmless
                del self._buf[:end]
                continue
            length, problem = _content_length(lines)
            if problem is None:
                del self._buf[:end]
                return length
            # A bad header block: what follows is a body we cannot delimit. Resync on the next
            # Content-Length after the block's first byte, not after the block: a frame cut short
            # may have its neighbour's header glued to its last line ("Content-Length: 1Content-
            # Length: 80"), and that frame is intact.
            if not self._resync(1, problem):
                if not await self._fill():
                    return None

    def _scan_header_block(self) -> tuple[list[tuple[bytes, bytes]], int | None, str | None]:
        """(header lines, end offset of the block, problem). ``end`` None: incomplete block."""
        lines: list[tuple[bytes, bytes]] = []
        pos = 0
        buf = self._buf
        while True:
            nl = buf.find(b"\n", pos, pos + MAX_HEADER_LINE + 1)
            if nl < 0:
                if len(buf) - pos > MAX_HEADER_LINE:
                    return lines, None, f"a header line longer than {MAX_HEADER_LINE} bytes"
                return lines, None, None
            start = pos
            raw = bytes(buf[pos:nl]).rstrip(b"\r")
            pos = nl + 1
            if not raw.strip():
                return lines, pos, None
            glued = _HEADER_TOKEN.search(raw, 1)
            if glued is not None:
                # A frame starts inside this line (a body cut short, then the next frame): what
                # comes before it is no header of that frame, whatever it looks like.
                self._drop(start + glued.start(), "bytes before a Content-Length inside a header line")
                return [], 0, None
            match = _HEADER_LINE.fullmatch(raw)
            if match is None:
                # Not a header: garbage (or a body whose header was lost). Drop up to the next
                # Content-Length, which may be glued to the garbage (a body cut short).
                token = _HEADER_TOKEN.search(buf, 1, pos)
                self._drop(token.start() if token is not None else pos, "bytes that are not a header")
                return [], 0, None  # an empty block: the caller goes round again
            lines.append((match.group(1).lower(), match.group(2)))
            if len(lines) > MAX_HEADER_LINES:  # LSP has two headers; bounds the rescans above
                self._drop(pos, f"more than {MAX_HEADER_LINES} header lines")
                return [], 0, None

    async def _read_body(self, length: int) -> bytes | None:
        scanned = 0
        while len(self._buf) < length:
            # The next frame's header inside the announced body: the length was too long (a
            # header line cannot occur in valid JSON, see split_overlong). Only new bytes are
            # scanned, so a large body costs one pass.
            found = _HEADER_SIGNATURE.search(self._buf, max(0, scanned - 40))
            scanned = len(self._buf)
            if found is not None:
                return self._cut_body(length, found.start())
            if await self._fill(self._stall):
                continue
            if self._eof:
                self._drop(len(self._buf), f"end of input inside a body of {length} announced bytes")
                self._log_drops()
                return None
            # Silence mid-body: the client waits for us. One complete JSON value so far means the
            # announced length was too long.
            if self._buf.rstrip()[-1:] in (b"}", b"]") and _is_one_json_value(self._buf):
                return self._cut_body(length, len(self._buf))
        body = bytes(self._buf[:length])
        del self._buf[:length]
        return body

    def _cut_body(self, length: int, end: int) -> bytes:
        log.warning("framing: Content-Length %d but the body ended after %d byte(s)", length, end)
        body = bytes(self._buf[:end])
        del self._buf[:end]
        return body


def _content_length(lines: list[tuple[bytes, bytes]]) -> tuple[int, str | None]:
    values = {value for name, value in lines if name == b"content-length"}
    if not values:
        return 0, "a header block without Content-Length"
    if len(values) > 1:
        return 0, "Content-Length given twice with different values"
    value = values.pop()
    if not _LENGTH.fullmatch(value):
        return 0, f"Content-Length {value[:20]!r} is not a length"
    length = int(value)
    if length > MAX_BODY:
        return 0, f"Content-Length {length} is over the {MAX_BODY}-byte limit"
    return length, None


def _is_one_json_value(data: bytes) -> bool:
    try:
        json.loads(data)
    except ValueError:
        return False
    return True


def split_overlong(body) -> tuple[bytes, bytes]:
    """A body announced too long runs into the next frame: (the bytes before that frame's header,
    the header and what follows); (body, b"") when it holds none. The header's signature, a
    ``Content-Length: <digits>`` line ended by a raw line break, cannot occur anywhere in valid
    JSON (not even inside a string, where a line break is escaped), so cutting there never
    cuts a valid message."""
    match = _HEADER_SIGNATURE.search(body)
    if match is None:
        return bytes(body), b""
    return bytes(body[:match.start()]), bytes(body[match.start():])


_PARTIAL_HEADER = re.compile(rb"content-length[ \t]*:[ \t]*[0-9]*[ \t]*\r?", re.IGNORECASE)


def split_unreadable(body: bytes) -> tuple[bytes, bytes]:
    """``split_overlong`` for a body that did not parse, plus one more case: a body announced a
    few bytes too long ends in the first bytes of the next frame's header ("...}Conte"). Those
    are given back, so that frame is still read (the body is lost either way)."""
    head, rest = split_overlong(body)
    if rest:
        return head, rest
    for n in range(min(len(body), 40), 0, -1):
        tail = body[-n:]
        if _HEADER_TOKEN.pattern.startswith(tail.lower()) or _PARTIAL_HEADER.fullmatch(tail):
            return body[:-n], body[-n:]
    return body, b""
