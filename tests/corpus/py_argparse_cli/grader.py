"""Command-line batch grader.

Runs every prompt in a JSONL file through a judge model on OpenRouter, e.g. openai/o3.
"""
import argparse
import json
import logging
import os

from openai import OpenAI

log = logging.getLogger("grader")


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description="Grade answers with an LLM judge (default judge: openai/o3).")
    p.add_argument(
        "--model",
        default="openai/o3",
        help="OpenRouter model id, e.g. openai/o3 or openai/o4-mini",
    )
    p.add_argument("--input", required=True)
    return p


def main() -> None:
    args = build_parser().parse_args()
    client = OpenAI(base_url="https://openrouter.ai/api/v1", api_key=os.environ["OPENROUTER_API_KEY"])
    log.info("grading with %s (note: openai/o3 needs BYOK on OpenRouter)", args.model)
    with open(args.input, encoding="utf-8") as fh:
        for line in fh:
            item = json.loads(line)
            resp = client.chat.completions.create(
                model=args.model,
                messages=[{"role": "user", "content": item["prompt"]}],
            )
            print(json.dumps({"id": item["id"], "grade": resp.choices[0].message.content}))


if __name__ == "__main__":
    main()
