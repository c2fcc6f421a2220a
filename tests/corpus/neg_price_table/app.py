import os

from openai import OpenAI

from pricing import cost

client = OpenAI(base_url="https://openrouter.ai/api/v1", api_key=os.environ["OPENROUTER_API_KEY"])


def ask(q: str) -> tuple[str, float]:
    r = client.chat.completions.create(model="openai/o4-mini", messages=[{"role": "user", "content": q}])
    return r.choices[0].message.content, cost("openai/o4-mini", r.usage.prompt_tokens, r.usage.completion_tokens)
