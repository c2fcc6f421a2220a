from dotenv import load_dotenv
from litellm import Router

load_dotenv()

router = Router(
    model_list=[
        {"model_name": "think", "litellm_params": {"model": "openrouter/openai/o3-pro"}},
        {"model_name": "quick", "litellm_params": {"model": "openrouter/o3"}},
        {"model_name": "cheap", "litellm_params": {"model": "openrouter/openai/gpt-5-mini"}},
    ],
    num_retries=2,
)


async def think(prompt: str) -> str:
    r = await router.acompletion(model="think", messages=[{"role": "user", "content": prompt}])
    return r.choices[0].message.content
