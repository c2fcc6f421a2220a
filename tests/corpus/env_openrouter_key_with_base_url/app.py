from dotenv import load_dotenv
from openai import OpenAI

load_dotenv()
client = OpenAI()

resp = client.chat.completions.create(model="openai/gpt-5-mini", messages=[{"role": "user", "content": "hi"}])
print(resp.choices[0].message.content)
