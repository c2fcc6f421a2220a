import os

from dotenv import load_dotenv
from pydantic_ai import Agent
from pydantic_ai.models.openrouter import OpenRouterModel
from pydantic_ai.providers.openrouter import OpenRouterProvider

load_dotenv()

provider = OpenRouterProvider(api_key=os.environ["OPENROUTER_API_KEY"])

review_model = OpenRouterModel("openai/o3-pro", provider=provider)

reviewer = Agent(review_model, system_prompt="Review the diff. List real bugs only.")
labeler = Agent("openrouter:openai/o4-mini", system_prompt="Label the PR: feature, fix, chore or docs.")


def review(diff: str) -> tuple[str, str]:
    label = labeler.run_sync(diff).output
    notes = reviewer.run_sync(diff).output
    return label, notes
