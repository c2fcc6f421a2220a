import os

from dotenv import load_dotenv
from openai import OpenAI

load_dotenv()

client = OpenAI(base_url="https://openrouter.ai/api/v1", api_key=os.environ["OPENROUTER_API_KEY"])


def grade(answer: str, rubric: str) -> str:
    r = client.chat.completions.create(
        model="o3",
        messages=[
            {"role": "system", "content": f"Grade against this rubric:\n{rubric}"},
            {"role": "user", "content": answer},
        ],
    )
    return r.choices[0].message.content


def summarize_feedback(feedback: str) -> str:
    r = client.chat.completions.create(model="o3-mini", messages=[{"role": "user", "content": f"Shorten: {feedback}"}])
    return r.choices[0].message.content
