from openai import OpenAI

# TODO: move to env before release
client = OpenAI(
    base_url="https://openrouter.ai/api/v1",
    api_key="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",
)
OPENAI_FALLBACK_KEY = "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"


def hello() -> str:
    r = client.chat.completions.create(model="openai/o4-mini", messages=[{"role": "user", "content": "hello"}])
    return r.choices[0].message.content
