import asyncio
import os

import httpx

OPENROUTER_KEY = os.environ["OPENROUTER_API_KEY"]


async def main() -> None:
    async with httpx.AsyncClient(base_url="https://openrouter.ai/api/v1", timeout=60) as http:
        r = await http.post(
            "/chat/completions",
            headers={"Authorization": f"Bearer {OPENROUTER_KEY}"},
            json={
                "model": "openai/gpt-5",
                "messages": [{"role": "user", "content": "Write a haiku about queues."}],
            },
        )
        r.raise_for_status()
        print(r.json()["choices"][0]["message"]["content"])


if __name__ == "__main__":
    asyncio.run(main())
