import os

from dotenv import load_dotenv
from openai import OpenAI

load_dotenv("config/.env")
client = OpenAI(base_url="https://openrouter.ai/api/v1", api_key=os.environ["OPENROUTER_API_KEY"])
print(client.chat.completions.create(model="openai/o4-mini", messages=[{"role": "user", "content": "hi"}]))
