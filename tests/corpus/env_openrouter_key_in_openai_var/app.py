from dotenv import load_dotenv
from openai import OpenAI

load_dotenv()
client = OpenAI()

print(client.chat.completions.create(model="gpt-4.1-mini", messages=[{"role": "user", "content": "hi"}]))
