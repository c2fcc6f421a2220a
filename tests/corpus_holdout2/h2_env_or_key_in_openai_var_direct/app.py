import os

from dotenv import load_dotenv
from openai import OpenAI

load_dotenv()

client = OpenAI()  # api.openai.com, OPENAI_API_KEY from .env
MODEL = os.getenv("DEFAULT_MODEL", "gpt-4o-mini")


def chat(history: list[dict]) -> str:
    r = client.chat.completions.create(model=MODEL, messages=history)
    return r.choices[0].message.content
