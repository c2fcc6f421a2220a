import os

import httpx

from .models import DEFAULT_MODEL, OPENROUTER_MODELS


async def complete(prompt: str, model: str | None = None) -> str:
    model = model or DEFAULT_MODEL
    if model not in OPENROUTER_MODELS:
        raise ValueError(f"unknown model {model}")
    async with httpx.AsyncClient(timeout=120) as http:
        r = await http.post(
            "https://openrouter.ai/api/v1/chat/completions",
            headers={"Authorization": f"Bearer {os.environ['OPENROUTER_API_KEY']}"},
            json={"model": model, "messages": [{"role": "user", "content": prompt}]},
        )
        r.raise_for_status()
        return r.json()["choices"][0]["message"]["content"]
