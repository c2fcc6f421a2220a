import os

from openai import OpenAI

BASE_URL = os.getenv("OPENAI_BASE_URL", "https://openrouter.ai/api/v1")
client = OpenAI(base_url=BASE_URL, api_key=os.environ["OPENAI_API_KEY"])


def review(diff: str) -> str:
    completion = client.chat.completions.create(
        model="openai/o3-pro",
        messages=[
            {"role": "system", "content": "You are a strict code reviewer."},
            {"role": "user", "content": diff},
        ],
    )
    return completion.choices[0].message.content
