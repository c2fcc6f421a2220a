import os

from dotenv import load_dotenv
from openai import OpenAI

load_dotenv()
client = OpenAI()
MODEL = os.environ["LLM_MODEL"]


def ask(q: str) -> str:
    r = client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": q}])
    return r.choices[0].message.content
