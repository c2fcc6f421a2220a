from dotenv import load_dotenv
from litellm import completion

load_dotenv()  # OPENAI_API_KEY


def solve(problem: str) -> str:
    # LiteLLM's "openai/" prefix = OpenAI's own API with OPENAI_API_KEY.
    resp = completion(
        model="openai/o3",
        messages=[{"role": "user", "content": problem}],
        reasoning_effort="medium",
    )
    return resp.choices[0].message.content
