import os

from dotenv import load_dotenv
from openai import OpenAI

load_dotenv()
client = OpenAI(base_url="https://openrouter.ai/api/v1", api_key=os.environ["OPENROUTER_API_KEY"])


def plan(task: str) -> str:
    r = client.chat.completions.create(
        model="openai/o3",
        messages=[{"role": "user", "content": task}],
    )
    return r.choices[0].message.content
