import os

from openai import OpenAI

client = OpenAI(base_url="https://openrouter.ai/api/v1", api_key=os.environ["OPENROUTER_API_KEY"])

ROUTES = {
    "math": "openai/o3-mini-high",
    "code": "openai/o4-mini-high",
    "chat": "openai/gpt-5-chat",
    "tiny": "openai/gpt-5-nano",
}


def run(kind: str, prompt: str) -> str:
    model = ROUTES.get(kind, "openai/o3-mini")
    r = client.chat.completions.create(model=model, messages=[{"role": "user", "content": prompt}], stream=False)
    return r.choices[0].message.content


def quick(prompt: str) -> str:
    r = client.chat.completions.create(model="openai/o4-mini", messages=[{"role": "user", "content": prompt}])
    return r.choices[0].message.content
