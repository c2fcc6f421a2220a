"""The open documents: the one owner of didOpen/didClose bookkeeping and of URI ↔ path.

pygls keeps the text and version (its workspace, reached through ``lookup``); this keeps which
file each open URI is, and which URI an open file has, so that the core reads an edited .env
from the editor, not the disk, and so that a file opened twice (a link, two spellings of one
URI) has one owner: the URI opened last, until it closes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .documents import uri_to_path


class OpenDocuments:
    def __init__(self, lookup: Callable[[str], object | None]):
        self._lookup = lookup  # uri -> pygls TextDocument (source, version) or None
        self._paths: dict[str, Path] = {}
        self._uris: dict[Path, str] = {}

    def open(self, uri: str) -> Path | None:
        """Record ``uri`` as open; its resolved path, or None for a URI that is not a file."""
        path = uri_to_path(uri)
        if path is None:
            return None
        self._paths[uri] = path
        self._uris[path] = uri
        return path

    def close(self, uri: str) -> Path | None:
        """Forget ``uri``; the path it had, if it was open."""
        path = self._paths.pop(uri, None)
        if path is not None and self._uris.get(path) == uri:
            del self._uris[path]
            for other, p in self._paths.items():  # the same file still open under another URI
                if p == path:
                    self._uris[path] = other
        return path

    def path_of(self, uri: str) -> Path | None:
        return self._paths.get(uri)

    def uri_of(self, path: Path) -> str | None:
        return self._uris.get(path)

    def document(self, uri: str):
        """pygls' document for an open ``uri`` (text in ``source``, ``version``), else None."""
        return self._lookup(uri) if uri in self._paths else None

    def by_path(self, path: Path) -> tuple[str, str, int | None] | None:
        """(uri, unsaved text, version) of the open document that is ``path``."""
        uri = self._uris.get(path)
        doc = self._lookup(uri) if uri is not None else None
        return (uri, doc.source, doc.version) if doc is not None else None

    def text_of(self, path: Path) -> str | None:
        """The unsaved text of ``path`` if it is open: the core's overlay."""
        opened = self.by_path(path)
        return opened[1] if opened else None

    def items(self) -> list[tuple[str, Path]]:
        """(uri, path) of every open document, a snapshot safe to iterate while documents change."""
        return list(self._paths.items())

    def __len__(self) -> int:
        return len(self._paths)
