import litellm
from dotenv import load_dotenv
from litellm import completion

load_dotenv()
litellm.drop_params = True


def plan(goal: str) -> str:
    resp = completion(
        model="openrouter/openai/o3",
        messages=[{"role": "user", "content": f"Break this goal into steps: {goal}"}],
    )
    return resp.choices[0].message.content


def tag(text: str) -> list[str]:
    resp = completion(
        model="openrouter/openai/o3-mini",
        messages=[{"role": "user", "content": f"Comma-separated tags for: {text}"}],
    )
    return [t.strip() for t in resp.choices[0].message.content.split(",")]
