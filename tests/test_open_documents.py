"""lsp/open_documents.py without a server: open/close and URI <-> path."""

from __future__ import annotations

from types import SimpleNamespace

from byok_lsp.lsp.open_documents import OpenDocuments


def make(tmp_path):
    texts = {}
    docs = OpenDocuments(lambda uri: texts.get(uri))
    return docs, texts


def test_open_close_and_lookups(tmp_path):
    docs, texts = make(tmp_path)
    env = tmp_path / ".env"
    uri = env.as_uri()
    texts[uri] = SimpleNamespace(source="A=1\n", version=3)
    assert docs.open(uri) == env.resolve()
    assert docs.path_of(uri) == env.resolve() and docs.uri_of(env.resolve()) == uri
    assert docs.by_path(env.resolve()) == (uri, "A=1\n", 3)
    assert docs.text_of(env.resolve()) == "A=1\n" and len(docs) == 1
    assert docs.close(uri) == env.resolve()
    assert docs.path_of(uri) is None and docs.uri_of(env.resolve()) is None and docs.text_of(env.resolve()) is None
    assert docs.document(uri) is None  # pygls may still hold it: closed is closed
    assert docs.close(uri) is None  # a second close is harmless


def test_not_a_file_uri_is_not_opened(tmp_path):
    docs, _ = make(tmp_path)
    assert docs.open("untitled:Untitled-1") is None and len(docs) == 0


def test_one_file_under_two_uris(tmp_path):
    (tmp_path / "real").mkdir()
    env = tmp_path / "real" / ".env"
    env.write_text("A=1\n")
    (tmp_path / "link").symlink_to(tmp_path / "real")
    docs, texts = make(tmp_path)
    first, second = env.as_uri(), (tmp_path / "link" / ".env").as_uri()
    texts[first] = SimpleNamespace(source="first", version=1)
    texts[second] = SimpleNamespace(source="second", version=1)
    docs.open(first)
    docs.open(second)
    path = env.resolve()
    assert docs.uri_of(path) == second  # the one opened last owns the path
    docs.close(second)
    assert docs.uri_of(path) == first and docs.text_of(path) == "first"  # still open under the other
    docs.close(first)
    assert docs.uri_of(path) is None
