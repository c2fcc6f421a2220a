import os

from openai import OpenAI

client = OpenAI(base_url="https://openrouter.ai/api/v1", api_key=os.environ["OPENROUTER_API_KEY"])


def answer(q: str) -> str:
    r = client.chat.completions.create(model="openai/o3", messages=[{"role": "user", "content": q}])
    return r.choices[0].message.content


def answer_stream(q: str):
    for chunk in client.chat.completions.create(
        model="openai/o3",
        messages=[{"role": "user", "content": q}],
        stream=True,
    ):
        yield chunk.choices[0].delta.content or ""
