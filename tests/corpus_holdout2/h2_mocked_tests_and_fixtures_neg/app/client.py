import os

from openai import OpenAI

DEFAULT_MODEL = "openai/gpt-4.1-mini"


class OpenRouterClient:
    """Client for interacting with OpenRouter API"""

    def __init__(self, api_key: str | None = None):
        self.client = OpenAI(base_url="https://openrouter.ai/api/v1", api_key=api_key or os.environ["OPENROUTER_API_KEY"])

    def create_completion(self, messages: list, model: str = DEFAULT_MODEL, **kwargs):
        return self.client.chat.completions.create(model=model, messages=messages, **kwargs)
