def parse_slug(slug: str) -> tuple[str, str, str]:
    """('openrouter', 'openai', 'o3') for 'openrouter/openai/o3'; router is '' when absent."""
    parts = slug.replace(":", "/").split("/")
    if len(parts) == 3:
        return parts[0], parts[1], parts[2]
    if len(parts) == 2:
        return "", parts[0], parts[1]
    return "", "", parts[0]
