from pathlib import Path

import yaml
from litellm import completion

CONFIG = yaml.safe_load((Path(__file__).parent.parent / "config" / "app.yaml").read_text())


def answer(q: str) -> str:
    r = completion(model=CONFIG["model"], temperature=CONFIG["temperature"], messages=[{"role": "user", "content": q}])
    return r.choices[0].message.content
