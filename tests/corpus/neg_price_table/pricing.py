# USD per million tokens (input, output), from openrouter.ai/models, 2025-07.
PRICES_PER_MTOK = {
    "openai/o3": (2.00, 8.00),
    "openai/o3-pro": (20.00, 80.00),
    "openai/o3-mini": (1.10, 4.40),
    "openai/o4-mini": (1.10, 4.40),
    "openai/gpt-5": (1.25, 10.00),
}


def cost(model: str, prompt_tokens: int, completion_tokens: int) -> float:
    pin, pout = PRICES_PER_MTOK[model]
    return (prompt_tokens * pin + completion_tokens * pout) / 1_000_000
