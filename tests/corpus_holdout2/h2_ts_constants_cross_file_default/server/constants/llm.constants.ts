/** OpenRouter API key — set in .env as OPENROUTER_API_KEY. */
export const OPENROUTER_API_KEY = process.env.OPENROUTER_API_KEY;

export const OPENROUTER_URL = "https://openrouter.ai/api/v1/chat/completions";

/** Default model to use when none is specified. */
export const DEFAULT_LLM_MODEL = "openai/o3";

export const MAX_TURNS = 12;
