import os

from openai import OpenAI

client = OpenAI(base_url="https://openrouter.ai/api/v1", api_key=os.environ["OPENROUTER_API_KEY"])
# resp = client.chat.completions.create(model="openai/o3", messages=msgs, stream=True)
resp = client.chat.completions.create(model="openai/o4-mini", messages=[{"role": "user", "content": "ping"}])
