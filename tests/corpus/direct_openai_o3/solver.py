from dotenv import load_dotenv
from openai import OpenAI

load_dotenv()
client = OpenAI()  # api.openai.com, OPENAI_API_KEY from .env


def solve(problem: str) -> str:
    resp = client.responses.create(model="o3", input=problem, reasoning={"effort": "high"})
    return resp.output_text


def solve_streaming(problem: str):
    with client.responses.stream(model="o3", input=problem) as stream:
        for event in stream:
            if event.type == "response.output_text.delta":
                yield event.delta


def solve_chat_stream(problem: str):
    for chunk in client.chat.completions.create(
        model="o3",
        messages=[{"role": "user", "content": problem}],
        stream=True,
    ):
        yield chunk.choices[0].delta.content or ""
