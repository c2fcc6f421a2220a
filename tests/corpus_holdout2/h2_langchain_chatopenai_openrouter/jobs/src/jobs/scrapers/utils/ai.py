import os

from langchain_openai import ChatOpenAI

llm = ChatOpenAI(
    model="openai/gpt-4o-mini",
    temperature=0.0,
    max_tokens=2048,
    timeout=30,
    api_key=os.getenv("OPENROUTER_API_KEY"),
    base_url="https://openrouter.ai/api/v1",
)

classifier = ChatOpenAI(
    model="openai/o3",
    timeout=120,
    api_key=os.getenv("OPENROUTER_API_KEY"),
    base_url="https://openrouter.ai/api/v1",
)


def classify_posting(text: str) -> str:
    return classifier.invoke(f"Is this a senior engineering role? Answer yes/no.\n\n{text}").content
