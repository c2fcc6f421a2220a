"""In-memory results cache keyed by a salted hash of the key: the key itself is never stored.

The salt is random per process, so a hash that leaks (a log, a crash dump) cannot be compared
with hashes from another run or tested against guessed keys offline.
"""

from __future__ import annotations

import hashlib
import os
import threading
import time
from typing import Any

_SALT = os.urandom(16)


def fingerprint(secret: str | None) -> str:
    """A per-process, salted, one-way token for ``secret`` ("" for no secret)."""
    if not secret:
        return ""
    return hashlib.blake2b(secret.encode("utf-8"), key=_SALT, digest_size=16).hexdigest()


class TtlCache:
    """Thread-safe mapping with a time to live. Holds results, never keys."""

    def __init__(self, clock=time.monotonic):
        self._clock = clock
        self._items: dict[tuple, tuple[float, Any]] = {}
        self._lock = threading.Lock()

    def get(self, key: tuple, ttl: float) -> Any | None:
        with self._lock:
            hit = self._items.get(key)
            if hit is None:
                return None
            stored, value = hit
            if self._clock() - stored > ttl:
                del self._items[key]
                return None
            return value

    def put(self, key: tuple, value: Any) -> None:
        with self._lock:
            self._items[key] = (self._clock(), value)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)


RESULTS = TtlCache()
