import argparse
from pathlib import Path

from litellm import completion


def main() -> None:
    p = argparse.ArgumentParser(prog="summarize")
    p.add_argument("path")
    p.add_argument("--model", default="openrouter/openai/gpt-4o-mini")
    args = p.parse_args()
    text = Path(args.path).read_text()
    r = completion(model=args.model, messages=[{"role": "user", "content": f"Summarize:\n{text}"}])
    print(r.choices[0].message.content)
