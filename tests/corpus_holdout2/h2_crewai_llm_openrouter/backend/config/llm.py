from crewai import LLM
import os
from dotenv import load_dotenv

load_dotenv()

analyst_llm = LLM(
    model="openrouter/openai/o3",
    base_url="https://openrouter.ai/api/v1",
    api_key=os.environ["OPENROUTER_API_KEY"],
)

writer_llm = LLM(
    model="openrouter/google/gemini-2.0-flash-001",
    base_url="https://openrouter.ai/api/v1",
    api_key=os.environ["OPENROUTER_API_KEY"],
    temperature=0.01,
)
