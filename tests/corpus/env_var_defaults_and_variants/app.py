import os

from dotenv import load_dotenv
from openai import OpenAI

load_dotenv()

MODEL = os.environ.get("MODEL", "openai/o3:nitro")
JUDGE_MODEL = os.getenv("JUDGE_MODEL", "openai/o3-2025-04-16")

client = OpenAI(
    base_url=os.environ["OPENROUTER_BASE_URL"],
    api_key=os.environ["OPENROUTER_API_KEY"],
)


def run(prompt: str) -> str:
    answer = client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": prompt}])
    verdict = client.chat.completions.create(
        model=JUDGE_MODEL,
        messages=[{"role": "user", "content": f"Is this correct? {answer.choices[0].message.content}"}],
    )
    return verdict.choices[0].message.content
