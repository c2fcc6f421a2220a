"""Answer support questions.

We used to call openai/o3 here, but it needs BYOK on OpenRouter, so we moved to openai/o4-mini.
"""
import argparse
import logging
import os

from openai import OpenAI

log = logging.getLogger(__name__)
client = OpenAI(base_url="https://openrouter.ai/api/v1", api_key=os.environ["OPENROUTER_API_KEY"])

# NOTE: switch back to "openai/o3" once BYOK is set up at OpenRouter.
MODEL = "openai/o4-mini"


def answer(question: str) -> str:
    log.debug("answering with %s (openai/o3 is disabled until BYOK)", MODEL)
    r = client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": question}])
    return r.choices[0].message.content


def parse_args():
    p = argparse.ArgumentParser(epilog="Models like openai/o3 need BYOK; see README.")
    p.add_argument("question", help="the question (use --help to see why openai/o3 is not the default)")
    return p.parse_args()


def refuse_model(name: str) -> None:
    if name in {"o3", "o3-pro"}:
        raise SystemExit(f"{name} is not enabled: openai/o3 needs an OpenAI key at OpenRouter (BYOK).")
