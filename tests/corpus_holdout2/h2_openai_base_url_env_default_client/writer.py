from dotenv import load_dotenv
from openai import OpenAI

load_dotenv()

client = OpenAI()


def outline(topic: str) -> str:
    r = client.chat.completions.create(
        model="openai/o3",
        messages=[{"role": "user", "content": f"Outline a 1500-word article about {topic}."}],
    )
    return r.choices[0].message.content
