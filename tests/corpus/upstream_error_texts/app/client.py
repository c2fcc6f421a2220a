import os

from openai import OpenAI

client = OpenAI(base_url="https://openrouter.ai/api/v1", api_key=os.environ["OPENROUTER_API_KEY"])

# Streaming failed for us with:
# Error code: 400 - {'error': {'message': 'Provider returned error', 'code': 400, 'metadata': {'raw': '{ "error": { "message": "Your organization must be verified to stream this model. Please go to: https://platform.openai.com/settings/organization/general and click on Verify Organization." } }'}}}
STREAM = False


def ask(q: str) -> str:
    r = client.chat.completions.create(model="openai/o4-mini", messages=[{"role": "user", "content": q}], stream=STREAM)
    return r.choices[0].message.content
