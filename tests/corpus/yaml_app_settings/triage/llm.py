import os
from pathlib import Path

import yaml
from openai import OpenAI

CFG = yaml.safe_load((Path(__file__).parent.parent / "config" / "settings.yaml").read_text())["llm"]

client = OpenAI(base_url=CFG["base_url"], api_key=os.environ[CFG["api_key_env"]])


def triage(ticket: str) -> str:
    resp = client.chat.completions.create(
        model=CFG["model"],
        messages=[{"role": "user", "content": f"Route this ticket: {ticket}"}],
    )
    return resp.choices[0].message.content
