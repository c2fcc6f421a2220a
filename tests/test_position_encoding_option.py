"""``initializationOptions.positionEncoding``: what it accepts (issue 13 item 4; the effect on a
session is tested end to end in tests/e2e/test_editor_fallbacks.py)."""

from __future__ import annotations

import pytest
from lsprotocol import types

from byok_lsp.lsp.protocol import forced_encoding


@pytest.mark.parametrize("options, expected", [
    ({"positionEncoding": "utf-8"}, types.PositionEncodingKind.Utf8),
    ({"positionEncoding": "UTF-32"}, types.PositionEncodingKind.Utf32),
    ({"settings": {"positionEncoding": "utf-16"}}, types.PositionEncodingKind.Utf16),
    ({}, None),
    (None, None),
    ("utf-8", None),
])
def test_accepted_values(options, expected):
    assert forced_encoding(options) == expected


@pytest.mark.parametrize("bad", ["latin-1", 8, ["utf-8"], ""])
def test_a_bad_value_is_logged_and_negotiation_stays(bad, caplog):
    assert forced_encoding({"positionEncoding": bad}) is None
    assert "positionEncoding" in caplog.text
