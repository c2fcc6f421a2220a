from pydantic_ai import Agent

researcher = Agent(
    "openrouter:openai/o3",
    system_prompt="Research the question and cite sources.",
)
summarizer = Agent("openrouter:openai/o4-mini", system_prompt="Summarize in three bullets.")


async def run(question: str) -> str:
    notes = await researcher.run(question)
    summary = await summarizer.run(notes.output)
    return summary.output
