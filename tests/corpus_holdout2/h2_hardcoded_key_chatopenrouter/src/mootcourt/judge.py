from .openrouter import ChatOpenRouter

judge_llm = ChatOpenRouter(model_name="openai/o3", temperature=1)
clerk_llm = ChatOpenRouter(model_name="meta-llama/llama-3.3-70b-instruct")


def rule(arguments: str) -> str:
    return judge_llm.invoke(f"As the presiding judge, rule on:\n{arguments}").content
