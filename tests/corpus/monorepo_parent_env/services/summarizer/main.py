from openai import OpenAI

client = OpenAI()


def summarize(text: str) -> str:
    r = client.chat.completions.create(
        model="o3-pro",
        messages=[{"role": "user", "content": text}],
    )
    return r.choices[0].message.content
