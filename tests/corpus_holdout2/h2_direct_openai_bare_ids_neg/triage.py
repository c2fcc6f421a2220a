# We used to route this through OpenRouter; since v0.4 it calls OpenAI directly.
from dotenv import load_dotenv
from openai import OpenAI

load_dotenv()
client = OpenAI()


def classify(issue: str) -> str:
    r = client.chat.completions.create(model="o4-mini", messages=[{"role": "user", "content": f"bug, feature or question?\n{issue}"}])
    return r.choices[0].message.content


def draft_reply(issue: str) -> str:
    r = client.chat.completions.create(model="gpt-4.1", messages=[{"role": "user", "content": f"Draft a reply:\n{issue}"}])
    return r.choices[0].message.content


def check_reply(reply: str) -> str:
    r = client.chat.completions.create(model="o3-mini", reasoning_effort="low", messages=[{"role": "user", "content": f"Any factual errors?\n{reply}"}])
    return r.choices[0].message.content
