import os

from dotenv import load_dotenv
from openai import OpenAI

load_dotenv()

client = OpenAI(
    base_url="https://openrouter.ai/api/v1",
    api_key=os.environ["OPENROUTER_API_KEY"],
)


def summarize(text: str) -> str:
    """Summarize text with a reasoning model."""
    resp = client.chat.completions.create(
        model="openai/o3",
        messages=[{"role": "user", "content": f"Summarize:\n{text}"}],
    )
    return resp.choices[0].message.content


def stream_summary(text: str):
    stream = client.chat.completions.create(
        model="openai/o3",
        messages=[{"role": "user", "content": f"Summarize:\n{text}"}],
        stream=True,
    )
    for chunk in stream:
        delta = chunk.choices[0].delta.content
        if delta:
            yield delta
