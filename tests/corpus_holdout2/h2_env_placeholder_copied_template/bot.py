import os

from dotenv import load_dotenv
from openai import OpenAI

load_dotenv()

client = OpenAI(
    base_url=os.getenv("AI_BASE_URL", "https://openrouter.ai/api/v1"),
    api_key=os.environ["OPENROUTER_API_KEY"],
)


def reply(message: str) -> str:
    r = client.chat.completions.create(
        model=os.getenv("AI_MODEL", "deepseek/deepseek-chat-v3-0324:free"),
        messages=[{"role": "user", "content": message}],
    )
    return r.choices[0].message.content
