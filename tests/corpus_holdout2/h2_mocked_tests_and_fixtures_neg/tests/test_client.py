import json
from pathlib import Path
from unittest.mock import MagicMock, patch

from app.client import OpenRouterClient

FIXTURES = Path(__file__).parent / "fixtures"


def test_passes_model_through(fake_key):
    with patch("app.client.OpenAI") as openai_cls:
        client = OpenRouterClient()
        client.create_completion([{"role": "user", "content": "hi"}], model="openai/o3")
        openai_cls.return_value.chat.completions.create.assert_called_once_with(
            model="openai/o3", messages=[{"role": "user", "content": "hi"}]
        )


def test_parses_recorded_response(fake_key):
    recorded = json.loads((FIXTURES / "openrouter_o3pro_completion.json").read_text())
    client = OpenRouterClient()
    client.client = MagicMock()
    client.client.chat.completions.create.return_value = recorded
    out = client.create_completion([{"role": "user", "content": "x"}], model="openai/o3-pro")
    assert out["model"] == "openai/o3-pro"
