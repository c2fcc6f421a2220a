from openai import OpenAI
from dotenv import load_dotenv
import os

load_dotenv()

client = OpenAI(
  base_url="https://openrouter.ai/api/v1",
  api_key=os.getenv("OPENROUTER_API_KEY"),
)

HEADERS = {"HTTP-Referer": "https://github.com/example/ask", "X-Title": "ask"}


def ask_deep(question: str) -> str:
    completion = client.chat.completions.create(
      extra_headers=HEADERS,
      model="openai/o3",
      max_tokens=3000,
      messages=[{"role": "user", "content": question}],
    )
    return completion.choices[0].message.content


def ask_cheap(question: str) -> str:
    completion = client.chat.completions.create(
      extra_headers=HEADERS,
      model="openai/gpt-4o",
      temperature=0.7,
      messages=[{"role": "user", "content": question}],
    )
    return completion.choices[0].message.content


if __name__ == "__main__":
    print(ask_deep("What is openrouter.ai?"))
