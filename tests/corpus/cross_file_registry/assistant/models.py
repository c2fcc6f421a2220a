"""Which model each task uses."""

REASONING = "openai/o3"
FAST = "openai/o4-mini"
