"""Content-Encoding decoded with a bound on every layer.

httpx decodes ``Content-Encoding: gzip, gzip`` by handing each wire chunk through both layers
whole: zlib's ``decompress`` has no output limit there, so a 1.8 KB answer (a gzip of a gzip of
zeros) became 5 GB in one call, before ``http.py`` could count a byte (issue 15, item 12).
``BoundedDecoder`` decodes the raw bytes itself, layer by layer, asking zlib for at most
``limit + 1`` bytes per call (``max_length``) and carrying the rest (``unconsumed_tail``) to the
next call: no layer ever holds more than ``limit`` decoded bytes, and the first byte over the
limit ends the read with ``TooLarge``.

Only the encodings byok-lsp asks for (``Accept-Encoding: gzip, deflate``) and ``identity`` are
read; anything else is refused rather than passed through undecoded.
"""

from __future__ import annotations

import zlib

ACCEPT_ENCODING = "gzip, deflate"


class TooLarge(Exception):
    pass


class UnsupportedEncoding(Exception):
    pass


class _Layer:
    def __init__(self, name: str, limit: int):
        self.name = name
        self.limit = limit
        self.total = 0
        self._deflate_guess = name == "deflate"  # zlib-wrapped, or raw as some servers send it
        self._obj = zlib.decompressobj(zlib.MAX_WBITS | 16 if name == "gzip" else zlib.MAX_WBITS)
        self._fed = False

    def _take(self, produced: bytes) -> bytes:
        self.total += len(produced)
        if self.total > self.limit:
            raise TooLarge(f"more than {self.limit} bytes once decoded ({self.name})")
        return produced

    def feed(self, data: bytes) -> bytes:
        out = []
        while data:
            try:
                produced = self._obj.decompress(data, self.limit - self.total + 1)
            except zlib.error:
                if self._deflate_guess and not self._fed:  # not zlib-wrapped: raw deflate
                    self._deflate_guess = False
                    self._obj = zlib.decompressobj(-zlib.MAX_WBITS)
                    continue
                raise
            self._fed = True
            out.append(self._take(produced))
            if self._obj.eof:
                # gzip allows several members back to back; anything after the end is dropped
                # the way httpx does (it is not part of this layer's content).
                rest = self._obj.unused_data
                if rest and self.name == "gzip" and rest[:2] == b"\x1f\x8b":
                    self._obj = zlib.decompressobj(zlib.MAX_WBITS | 16)
                    data = rest
                    continue
                break
            data = self._obj.unconsumed_tail
        return b"".join(out)

    def flush(self) -> bytes:
        return self._take(self._obj.flush(self.limit - self.total + 1))


class BoundedDecoder:
    """Raw body chunks in, decoded chunks out, for one ``Content-Encoding`` header value."""

    def __init__(self, content_encoding: str | None, limit: int):
        names = [n.strip().lower() for n in (content_encoding or "").split(",") if n.strip()]
        layers = []
        for name in reversed(names):  # the last encoding applied is the first to undo
            if name == "identity":
                continue
            if name in ("gzip", "x-gzip"):
                layers.append(_Layer("gzip", limit))
            elif name == "deflate":
                layers.append(_Layer("deflate", limit))
            else:
                raise UnsupportedEncoding(f"Content-Encoding {name!r} (byok-lsp asks for {ACCEPT_ENCODING})")
        self._layers = layers
        self.limit = limit
        self.raw_total = 0

    def feed(self, chunk: bytes) -> bytes:
        self.raw_total += len(chunk)
        if self.raw_total > self.limit:
            raise TooLarge(f"more than {self.limit} bytes on the wire")
        for layer in self._layers:
            chunk = layer.feed(chunk)
        return chunk

    def flush(self) -> bytes:
        data = b""
        for layer in self._layers:
            data = layer.feed(data) + layer.flush() if data else layer.flush()
        return data
