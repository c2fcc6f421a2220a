"""byok-lsp: catch OpenRouter BYOK and OpenAI tier problems before the first failing call."""

__version__ = "0.1.0"
