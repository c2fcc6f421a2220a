import pytest

from slugs import parse_slug


@pytest.mark.parametrize(
    "slug, expected",
    [
        ("openai/o3", ("", "openai", "o3")),
        ("openrouter/openai/o3", ("openrouter", "openai", "o3")),
        ("openai:o3", ("", "openai", "o3")),
        ("o3", ("", "", "o3")),
    ],
)
def test_parse_slug(slug, expected):
    assert parse_slug(slug) == expected
