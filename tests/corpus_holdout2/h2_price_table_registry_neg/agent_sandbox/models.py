"""Models offered in the model picker (prices in USD per million tokens)."""

OPENROUTER_MODELS = {
    "anthropic/claude-sonnet-4": {"name": "Claude Sonnet 4", "context": 200_000, "input": 3.0, "output": 15.0},
    "anthropic/claude-3.5-haiku": {"name": "Claude 3.5 Haiku", "context": 200_000, "input": 0.8, "output": 4.0},
    "openai/o3": {"name": "OpenAI o3", "context": 200_000, "input": 2.0, "output": 8.0},
    "openai/o3-pro": {"name": "OpenAI o3 Pro", "context": 200_000, "input": 20.0, "output": 80.0},
    "openai/o4-mini": {"name": "OpenAI o4-mini", "context": 200_000, "input": 1.1, "output": 4.4},
    "openai/gpt-4.1": {"name": "GPT-4.1", "context": 1_047_576, "input": 2.0, "output": 8.0},
    "google/gemini-2.5-pro": {"name": "Gemini 2.5 Pro", "context": 1_048_576, "input": 1.25, "output": 10.0},
    "deepseek/deepseek-r1": {"name": "DeepSeek R1", "context": 163_840, "input": 0.55, "output": 2.19},
    "qwen/qwen-2.5-coder-32b-instruct:free": {"name": "Qwen 2.5 Coder 32B (Free)", "context": 32_768, "input": 0.0, "output": 0.0},
    "meta-llama/llama-3.3-70b-instruct:free": {"name": "Llama 3.3 70B (Free)", "context": 131_072, "input": 0.0, "output": 0.0},
}

DEFAULT_MODEL = "anthropic/claude-sonnet-4"


def price(model_id: str, tokens_in: int, tokens_out: int) -> float:
    m = OPENROUTER_MODELS[model_id]
    return (tokens_in * m["input"] + tokens_out * m["output"]) / 1_000_000
