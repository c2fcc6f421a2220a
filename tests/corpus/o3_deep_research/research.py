import os

from openai import OpenAI

client = OpenAI(base_url="https://openrouter.ai/api/v1", api_key=os.environ["OPENROUTER_API_KEY"])


def research(topic: str) -> str:
    r = client.chat.completions.create(
        model="openai/o3-deep-research",
        messages=[{"role": "user", "content": f"Write a sourced brief on {topic}."}],
    )
    return r.choices[0].message.content
