import os

from openrouter import OpenRouter


def ask(question: str) -> str:
    with OpenRouter(api_key=os.getenv("OPENROUTER_API_KEY")) as client:
        res = client.chat.send(
            model="openai/gpt-5",
            messages=[{"role": "user", "content": question}],
        )
        return res.choices[0].message.content
