"""Tiny wrapper around OpenRouter's REST API (no SDK)."""
import os

import requests

API_URL = "https://openrouter.ai/api/v1/chat/completions"


def _headers() -> dict:
    return {
        "Authorization": f"Bearer {os.environ.get('OPENROUTER_API_KEY', '')}",
        "HTTP-Referer": "https://github.com/acme/research-bot",
        "X-Title": "research-bot",
    }


def ask(question: str, model: str = "openai/o3") -> str:
    payload = {
        "model": model,
        "messages": [{"role": "user", "content": question}],
    }
    r = requests.post(API_URL, headers=_headers(), json=payload, timeout=120)
    r.raise_for_status()
    return r.json()["choices"][0]["message"]["content"]


def title(text: str) -> str:
    payload = {"model": "openai/o4-mini", "messages": [{"role": "user", "content": f"Title for: {text}"}]}
    r = requests.post(API_URL, headers=_headers(), json=payload, timeout=30)
    r.raise_for_status()
    return r.json()["choices"][0]["message"]["content"]
