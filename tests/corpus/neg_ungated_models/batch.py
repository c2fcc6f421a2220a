from litellm import batch_completion

def grade_all(prompts):
    return batch_completion(model="openrouter/openai/o4-mini", messages=[[{"role": "user", "content": p}] for p in prompts])
