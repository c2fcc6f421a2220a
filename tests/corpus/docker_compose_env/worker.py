import os
import time

import redis
from openai import OpenAI

client = OpenAI(api_key=os.environ["OPENROUTER_API_KEY"], base_url=os.environ["OPENAI_BASE_URL"])
MODEL = os.environ.get("MODEL", "openai/o4-mini")
queue = redis.Redis(host="redis")

while True:
    job = queue.blpop("jobs", timeout=5)
    if job is None:
        time.sleep(1)
        continue
    resp = client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": job[1].decode()}])
    queue.rpush("results", resp.choices[0].message.content)
