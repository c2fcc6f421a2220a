import os
import tomllib

from openai import OpenAI

with open("config.toml", "rb") as fh:
    cfg = tomllib.load(fh)["llm"]

client = OpenAI(base_url=cfg["base_url"], api_key=os.environ["OPENROUTER_API_KEY"])
