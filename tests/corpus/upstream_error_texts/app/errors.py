BYOK_MARKER = "OpenAI is requiring a key to access this model"


def explain(err) -> str:
    text = str(err)
    if BYOK_MARKER in text:
        return "Add your OpenAI key at https://openrouter.ai/settings/integrations (BYOK)."
    if "verify" in text.lower():
        return "Verify your OpenAI organisation."
    if "402" in text:
        return "Buy OpenRouter credits."
    return text
