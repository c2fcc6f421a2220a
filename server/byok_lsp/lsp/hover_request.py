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
    doc = ls.open_document(uri)
    path = ls.path_of(uri)
    if doc is None or path is None:
        return None
    report = await failures.report_within(ls, uri)  # at most REQUEST_WAIT: then from the text
    if report is not None and report.version != doc.version:
        report = None  # an edit arrived meanwhile: position and findings would not match
    index = report.index if report is not None else LineIndex(doc.source)
    line, col = index.from_client(params.position, ls.encoding)
    folder = ls.folders.for_path(path)
    # Hover reads no more than analysis does (issue 15 item 13: a 60 MB .env took 26 s CPU per
    # hover): a document over the size limit is not read at all (its findings, the "not
    # analysed" note, still show), nor a line over the line limit, nor an oversized open file
    # when looking for the code that reads a .env key.
    too_big = too_large(doc.source)
    text_line = index.line(line)
    if len(text_line) > MAX_LINE_CHARS:
        text_line = ""
    open_code = []
    for other_uri, other_path in ls.documents.items():
        other = ls.documents.document(other_uri)
        if other is not None and file_kind_of(other_path) == "code" and not too_large(other.source):
            open_code.append((other_path.name, other.source))
    ctx = hover.HoverContext(
        path=path, text_line=text_line, line=line, col=col, kind=None if too_big else file_kind_of(path),
        ws=folder.ws, findings=[f for _i, f in report.findings_at(line, col)] if report else [],
        document_text="" if too_big else index.text, online=ls.online.report_for(folder.root), open_code=open_code)
    built = hover.build(ctx)
    if built is None:
        return None
    markdown, cols = built
    markdown = keys.redact(markdown)
    contents = (types.MarkupContent(kind=types.MarkupKind.Markdown, value=markdown) if ls.support.markdown_hover
                else types.MarkupContent(kind=types.MarkupKind.PlainText, value=explain.plain(markdown)))
    rng = None
    if cols is not None:
        rng = types.Range(start=index.position(line, cols[0], ls.encoding), end=index.position(line, cols[1], ls.encoding))
    return types.Hover(contents=contents, range=rng)
