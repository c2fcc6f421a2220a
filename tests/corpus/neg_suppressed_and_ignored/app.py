import os

from openai import OpenAI

client = OpenAI(base_url="https://openrouter.ai/api/v1", api_key=os.environ["OPENROUTER_API_KEY"])
r = client.chat.completions.create(model="openai/o3", messages=[])  # byok-lsp: ignore[BYOK101]
