from openai import OpenAI

from config import settings

client = OpenAI(base_url="https://openrouter.ai/api/v1", api_key=settings.OPENROUTER_API_KEY)


def think(prompt: str) -> str:
    r = client.chat.completions.create(model=settings.MODEL, messages=[{"role": "user", "content": prompt}])
    return r.choices[0].message.content
