import os

from dotenv import load_dotenv
from litellm import completion

load_dotenv()
os.environ.setdefault("OR_SITE_URL", "https://caliinda.app")


def quick_parse(messages):
    return completion(
        model="openrouter/google/gemini-2.0-flash-001",
        messages=messages,
    )


def plan_week(messages):
    return completion(
        model="openrouter/openai/o3-pro",
        messages=messages,
        reasoning_effort="high",
    )


def reformat(messages):
    return completion(model="openrouter/openai/o4-mini", messages=messages)
