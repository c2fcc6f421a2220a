import argparse
import json
import time
from pathlib import Path

from litellm import completion

QUESTIONS = [json.loads(l) for l in Path("data/questions.jsonl").read_text().splitlines()]


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("models", nargs="+", help="LiteLLM model strings, e.g. openrouter/<vendor>/<model>")
    args = p.parse_args()
    out = Path("results/runs")
    out.mkdir(parents=True, exist_ok=True)
    for m in args.models:
        with (out / f"{m.replace('/', '_')}.jsonl").open("w") as f:
            for q in QUESTIONS:
                t = time.time()
                r = completion(m, [{"role": "user", "content": q["question"]}], max_tokens=512)
                f.write(json.dumps({"model": m, "id": q["id"], "answer": r.choices[0].message.content, "s": time.time() - t}) + "\n")


if __name__ == "__main__":
    main()
