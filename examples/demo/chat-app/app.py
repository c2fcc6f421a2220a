"""A small chat app that talks to OpenRouter through the OpenAI SDK."""

import os

from openai import OpenAI

client = OpenAI(
    base_url="https://openrouter.ai/api/v1",
    api_key=os.getenv("OPEN_ROUTER_API_KEY"),
)
FALLBACK_KEY = "sk-or-v1-0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

DEFAULT_MODEL = "openai/o3"


def ask(question: str, model: str = DEFAULT_MODEL) -> str:
    reply = client.chat.completions.create(
        model=model,
        messages=[{"role": "user", "content": question}],
    )
    return reply.choices[0].message.content


def ask_quickly(question: str) -> str:
    # OpenRouter wants "openai/o3-mini" here, not OpenAI's bare id.
    reply = client.chat.completions.create(model="o3", messages=[{"role": "user", "content": question}])
    return reply.choices[0].message.content


# Seen in production logs:
# {"error":{"message":"OpenAI is requiring a key to access this model, which you can add in https://openrouter.ai/settings/integrations - you can also switch to o3-mini.","code":403}}
