from dotenv import load_dotenv
from openai import OpenAI

load_dotenv()
client = OpenAI()  # OPENAI_BASE_URL / OPENAI_API_KEY come from .env


def think(prompt: str) -> str:
    r = client.chat.completions.create(
        model="openai/o3",
        messages=[{"role": "user", "content": prompt}],
    )
    return r.choices[0].message.content
