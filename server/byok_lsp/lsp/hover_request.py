"""``textDocument/hover``: the context at the position (from the server's state) in, an LSP
``Hover`` out. ``hover.py`` builds the text and knows nothing of LSP or of the server."""

from __future__ import annotations

from lsprotocol import types

from .. import explain, keys
from ..textio import MAX_LINE_CHARS, too_large
from . import failures
from .analysis import file_kind_of
from .positions import LineIndex


async def hover_at(ls, params: types.HoverParams) -> types.Hover | None:
    from . import hover  # on the first hover, not before the first diagnostics

    uri = params.text_document.uri
    doc, path = ls.open_document(uri), ls.path_of(uri)
    if doc is None or path is None:
        return None
    report = await failures.report_within(ls, uri)  # at most REQUEST_WAIT: then from the text
    if report is not None and report.version != doc.version:
        report = None  # an edit arrived meanwhile: position and findings would not match
    index = report.index if report is not None else LineIndex(doc.source)
    line, col = index.from_client(params.position, ls.encoding)
    built = hover.build(_context(ls, path, doc, index, report, line, col))
    return None if built is None else _to_lsp(ls, index, line, *built)


def _context(ls, path, doc, index: LineIndex, report, line: int, col: int):
    """What hover.build needs from the server's state. Hover reads no more than analysis does
    (issue 15 item 13: a 60 MB .env took 26 s CPU per hover): a document over the size limit is
    not read at all (its findings, the "not analysed" note, still show), nor a line over the line
    limit, nor an oversized open file when looking for the code that reads a .env key."""
    from .hover import HoverContext

    too_big = too_large(doc.source)
    text_line = index.line(line)
    folder = ls.folders.for_path(path)
    return HoverContext(
        path=path, text_line="" if len(text_line) > MAX_LINE_CHARS else text_line, line=line, col=col,
        kind=None if too_big else file_kind_of(path), ws=folder.ws,
        findings=[f for _i, f in report.findings_at(line, col)] if report else [],
        document_text="" if too_big else index.text, online=ls.online.report_for(folder.root),
        open_code=_open_code(ls))


def _open_code(ls) -> list[tuple[str, str]]:
    """(name, text) of the open code documents within the size limit: where a .env key is read."""
    out = []
    for uri, path in ls.documents.items():
        doc = ls.documents.document(uri)
        if doc is not None and file_kind_of(path) == "code" and not too_large(doc.source):
            out.append((path.name, doc.source))
    return out


def _to_lsp(ls, index: LineIndex, line: int, markdown: str, cols: tuple[int, int] | None) -> types.Hover:
    """Markdown, or plain text for clients that render none; never a whole key; the range in the
    client's position encoding."""
    markdown = keys.redact(markdown)
    contents = (types.MarkupContent(kind=types.MarkupKind.Markdown, value=markdown) if ls.support.markdown_hover
                else types.MarkupContent(kind=types.MarkupKind.PlainText, value=explain.plain(markdown)))
    rng = None
    if cols is not None:
        rng = types.Range(start=index.position(line, cols[0], ls.encoding), end=index.position(line, cols[1], ls.encoding))
    return types.Hover(contents=contents, range=rng)
