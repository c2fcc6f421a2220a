import os
from typing import Optional

from dotenv import load_dotenv
from openai import OpenAI


class OpenRouterClient:
    """Unified client for all OpenRouter models."""

    def __init__(self):
        load_dotenv()
        self.api_key = os.environ.get("OPENROUTER_API_KEY")
        self.model = os.environ.get("OPENROUTER_MODEL", "meta-llama/llama-3.3-70b-instruct")
        self.client = OpenAI(base_url="https://openrouter.ai/api/v1", api_key=self.api_key)

    def generate_text(self, prompt: str) -> Optional[str]:
        r = self.client.chat.completions.create(model=self.model, messages=[{"role": "user", "content": prompt}])
        return r.choices[0].message.content
