import os

from openai import OpenAI

from assistant.models import FAST, REASONING

client = OpenAI(base_url="https://openrouter.ai/api/v1", api_key=os.environ["OPENROUTER_API_KEY"])


def ask(prompt: str, hard: bool = False) -> str:
    r = client.chat.completions.create(
        model=REASONING if hard else FAST,
        messages=[{"role": "user", "content": prompt}],
    )
    return r.choices[0].message.content
