from pydantic_ai import Agent

# Uses OPENAI_API_KEY against api.openai.com.
checker = Agent("openai:o3", system_prompt="Check the proof step by step.")
