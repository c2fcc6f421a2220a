import os

from fastapi import FastAPI
from openai import OpenAI

app = FastAPI()
client = OpenAI()
MODEL = os.environ.get("OPENAI_MODEL", "gpt-4o-mini")


@app.post("/screen")
def screen(cv: dict) -> dict:
    r = client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": f"Screen this CV: {cv}"}])
    return {"verdict": r.choices[0].message.content}
