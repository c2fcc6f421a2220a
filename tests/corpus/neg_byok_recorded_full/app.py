import os

from openai import OpenAI

client = OpenAI(base_url="https://openrouter.ai/api/v1", api_key=os.environ["OPENROUTER_API_KEY"])


def stream(prompt: str):
    for chunk in client.chat.completions.create(
        model="openai/o3",
        messages=[{"role": "user", "content": prompt}],
        stream=True,
    ):
        yield chunk.choices[0].delta.content or ""


def deep(prompt: str) -> str:
    r = client.chat.completions.create(model="openai/o3-pro", messages=[{"role": "user", "content": prompt}])
    return r.choices[0].message.content
