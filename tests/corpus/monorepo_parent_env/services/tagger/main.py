from openai import OpenAI

client = OpenAI()


def tag(text: str) -> str:
    r = client.chat.completions.create(model="openai/o4-mini", messages=[{"role": "user", "content": text}])
    return r.choices[0].message.content
