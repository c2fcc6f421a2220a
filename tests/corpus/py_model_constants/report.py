"""Nightly report generator: asks a reasoning model to summarise yesterday's tickets."""
import os

from openai import OpenAI

OPENROUTER_BASE = "https://openrouter.ai/api/v1"
REASONING_MODEL = "openai/o3"
FAST_MODEL = "openai/o4-mini"

client = OpenAI(base_url=OPENROUTER_BASE, api_key=os.getenv("OPENROUTER_API_KEY"))


def classify(ticket: str) -> str:
    resp = client.chat.completions.create(
        model=FAST_MODEL,
        messages=[{"role": "user", "content": f"Label this ticket: {ticket}"}],
    )
    return resp.choices[0].message.content.strip()


def summarise(tickets: list[str]) -> str:
    resp = client.chat.completions.create(
        model=REASONING_MODEL,
        messages=[
            {"role": "system", "content": "You write terse incident summaries."},
            {"role": "user", "content": "\n".join(tickets)},
        ],
        reasoning_effort="high",
    )
    return resp.choices[0].message.content
