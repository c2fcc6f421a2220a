from dotenv import load_dotenv
from openai import OpenAI

load_dotenv()
client = OpenAI()  # api.openai.com


def draft(topic: str) -> str:
    return client.responses.create(model="gpt-5", input=f"Draft a post about {topic}").output_text


def tidy(text: str) -> str:
    return client.responses.create(model="o4-mini", input=f"Fix typos: {text}").output_text
