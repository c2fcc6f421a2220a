import argparse
import json
import os

import requests

URL = "https://openrouter.ai/api/v1/chat/completions"


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--model", required=True)
    args = p.parse_args()
    headers = {"Authorization": f"Bearer {os.environ['OPENROUTER_API_KEY']}"}
    with open("cases.jsonl", encoding="utf-8") as fh:
        cases = [json.loads(line) for line in fh]
    passed = 0
    for case in cases:
        body = {"model": args.model, "messages": [{"role": "user", "content": case["q"]}]}
        r = requests.post(URL, headers=headers, json=body, timeout=300)
        passed += case["a"] in r.json()["choices"][0]["message"]["content"]
    print(f"{args.model}: {passed}/{len(cases)}")


if __name__ == "__main__":
    main()
