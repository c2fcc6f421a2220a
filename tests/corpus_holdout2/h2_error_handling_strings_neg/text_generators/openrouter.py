import logging
import os

from openai import APIError, AsyncOpenAI, PermissionDeniedError, RateLimitError

_LOG = logging.getLogger(__name__)

BYOK_HINT = "requiring a key to access this model"
MODEL = "openai/gpt-4o"


class ByokRequired(RuntimeError):
    pass


class OutOfCredits(RuntimeError):
    pass


_client = AsyncOpenAI(base_url="https://openrouter.ai/api/v1", api_key=os.getenv("OPENROUTER_API_KEY"))


async def generate(prompt: str) -> str:
    try:
        r = await _client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": prompt}])
    except PermissionDeniedError as e:
        if BYOK_HINT in str(e):
            raise ByokRequired("Add your OpenAI key under OpenRouter > Settings > Integrations.") from e
        raise
    except APIError as e:
        if getattr(e, "code", None) == 402:
            raise OutOfCredits("Insufficient credits: top up your OpenRouter account.") from e
        raise
    except RateLimitError:
        _LOG.warning("rate limited by OpenRouter, retry later")
        raise
    return r.choices[0].message.content
