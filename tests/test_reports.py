"""lsp/analysis.Reports without a server: open documents, folders and online results only."""

from __future__ import annotations

from types import SimpleNamespace

from byok_lsp.lsp.analysis import Reports
from byok_lsp.lsp.folders import Folders
from byok_lsp.lsp.online_results import OnlineResults
from byok_lsp.lsp.open_documents import OpenDocuments


async def ready():
    return None


def setup(tmp_path):
    texts = {}
    docs = OpenDocuments(lambda uri: texts.get(uri))
    folders = Folders(docs.text_of)
    folders.set_roots([(tmp_path.as_uri(), tmp_path.resolve())])
    reports = Reports(docs, folders, OnlineResults(), encoding=lambda: "utf-16", settings_ready=ready)
    return texts, docs, folders, reports


async def test_a_report_per_version_and_epoch(tmp_path):
    texts, docs, folders, reports = setup(tmp_path)
    env = tmp_path / ".env"
    env.write_text("")
    uri = env.as_uri()
    texts[uri] = SimpleNamespace(source="OPENROUTER_API_KEY=your-key-here\n", version=1)
    docs.open(uri)
    first = await reports.diagnose(uri)
    assert [d.code for d in first.diagnostics] == ["BYOK202"] and first.version == 1
    assert await reports.diagnose(uri) is first  # cached: same version, same epoch
    assert reports.is_current(first)
    texts[uri] = SimpleNamespace(source="# nothing\n", version=2)
    assert not reports.is_current(first)  # never published once the document moved on
    second = await reports.diagnose(uri)
    assert second.version == 2 and second.diagnostics == []
    folders.bump(folders.all())
    assert not reports.is_current(second)  # a .env/config/settings change: a new epoch
    docs.close(uri)
    reports.forget(uri)
    assert uri not in reports.current
    reports.shutdown()


async def test_a_closed_file_is_read_from_disk(tmp_path):
    texts, docs, folders, reports = setup(tmp_path)
    env = tmp_path / ".env"
    env.write_text("OPENROUTER_API_KEY=your-key-here\n")
    report = await reports.diagnose(env.as_uri())  # not open: the disk
    assert report.version is None and [d.code for d in report.diagnostics] == ["BYOK202"]
    assert [r.path for r in await reports.workspace_reports()] == [env.resolve()]
    reports.shutdown()
