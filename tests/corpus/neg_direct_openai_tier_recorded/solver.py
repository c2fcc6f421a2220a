import os

from openai import OpenAI

client = OpenAI(base_url="https://api.openai.com/v1", api_key=os.environ["OPENAI_API_KEY"])


def solve(problem: str) -> str:
    return client.responses.create(model="o3", input=problem).output_text


def audit(problem: str) -> str:
    return client.responses.create(model="o3-pro", input=problem).output_text
