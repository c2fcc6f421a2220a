import os

from dotenv import load_dotenv
from openai import OpenAI

load_dotenv()
client = OpenAI(base_url="https://openrouter.ai/api/v1", api_key=os.environ["OPENROUTER_API_KEY"])


def solve(problem: str) -> str:
    r = client.chat.completions.create(model="openai/o3", messages=[{"role": "user", "content": problem}])
    return r.choices[0].message.content


def solve_live(problem: str):
    stream = client.chat.completions.create(
        model="openai/o3",
        messages=[{"role": "user", "content": problem}],
        stream=True,
    )
    for chunk in stream:
        yield chunk.choices[0].delta.content or ""
