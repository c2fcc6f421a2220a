from crewai import Agent

from backend.config.llm import analyst_llm, writer_llm

analyst = Agent(
    role="Research analyst",
    goal="Find the three strongest arguments in the sources",
    backstory="You read papers for a living.",
    llm=analyst_llm,
)

writer = Agent(
    role="Writer",
    goal="Turn the analysis into a short brief",
    backstory="You write plain English.",
    llm=writer_llm,
)
