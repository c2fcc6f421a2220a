"""The sample documents and text pieces the server fuzzers start from, and the mutations they share.

One table for ``bench/server_fuzz.py`` (the long run) and ``tests/adversarial/test_server_fuzz.py``
(the suite's short version), so that both fuzz the same kinds of file from the same real texts.
"""

from __future__ import annotations

import json
import random

OR_KEY = "sk-or-v1-" + "0123456789abcdef" * 4  # well-formed, not a real key

# One real-looking text per kind of document the server reads.
SAMPLES = {
    "app.py": ('import os\nfrom openai import OpenAI\n\nclient = OpenAI(base_url="https://openrouter.ai/api/v1",\n'
               '                api_key=os.getenv("OPENROUTER_API_KEY"))\nMODEL = "openai/o3"\n'
               'r = client.chat.completions.create(model=MODEL, stream=True, messages=[{"role": "user", "content": "hi 😀"}])\n'),
    ".env": (f'OPENROUTER_API_KEY={OR_KEY}\nexport OPENAI_BASE_URL=https://openrouter.ai/api/v1\nLLM_MODEL="openai/o3"\n'
             'MULTI="a\nb"\nSESSION_SECRET="correct horse"\nBAD LINE\n'),
    "agent.ts": ('import { createOpenRouter } from "@openrouter/ai-sdk-provider";\nconst or = createOpenRouter({ apiKey: '
                 'process.env.OPENROUTER_API_KEY });\nconst m = or("openai/o3-pro");\nconst s = `tmpl ${m} 中文`;\n'),
    "config.yaml": ("model_list:\n  - model_name: reasoning\n    litellm_params:\n      model: openrouter/openai/o3\n"
                    "      api_key: os.environ/OPENROUTER_API_KEY\n"),
    "settings.json": '{"models": [{"provider": "openrouter", "model": "openai/o3", "apiKey": "x"}], "é": "😀"}\n',
    "pyproject.toml": '[project]\nname = "demo"\n[tool.byok-lsp]\nopenai-tier = 2\nbyok = ["openai"]\n',
    "nb.ipynb": json.dumps({"cells": [{"cell_type": "code", "source": ["import litellm\n",
                            "litellm.completion(model=\"openrouter/openai/o3\")\n"], "outputs": []}],
                            "metadata": {}, "nbformat": 4, "nbformat_minor": 5}),
    "Dockerfile": "FROM python:3.12\nENV MODEL=openai/o3 OPENAI_BASE_URL=https://openrouter.ai/api/v1\nRUN echo hi\n",
    "run.sh": '#!/bin/sh\nexport OPENROUTER_API_KEY="$1"\ncurl https://openrouter.ai/api/v1/chat -d \'{"model": "openai/o3"}\'\n',
    "main.go": 'package main\n// uses openai/o3\nvar model = "openai/o3" // via openrouter.ai/api/v1\n',
    "Chat.tsx": ('import { createOpenRouter } from "@openrouter/ai-sdk-provider";\n'
                 'export const Chat = () => <Model id={"openai/o3"} label="o3 😀" />;\n'),
    "Makefile": 'MODEL ?= openai/o3\nrun:\n\tOPENAI_BASE_URL=https://openrouter.ai/api/v1 python app.py --model $(MODEL)\n',
    "opencode.toml": '[provider.openrouter]\nmodel = "openai/o3"\nbase_url = "https://openrouter.ai/api/v1"\n',
}
# What a mutation inserts: ids, key shapes, line ends, quotes and brackets, characters that are
# wide or unpaired in UTF-16 (a lone surrogate, "\udcff"), NUL, BOM, a suppression comment.
PIECES = ["openai/o3", "sk-or-v1-", OR_KEY, "OPENROUTER_API_KEY=", "\n", "\r\n", "\r", '"', "'", "`", "${", "{", "}",
          "[", "]", "#", "//", "/*", "😀", "中文", "e\u0301", "\u2028", "\x00", "\ufeff", "\t", " " * 7, "=", ":",
          "https://openrouter.ai/api/v1", "byok-lsp: ignore", "\udcff", "\ufffd", "openrouter/openai/o3-pro"]


class TextGen:
    """The mutations both fuzzers apply to a sample, from one seeded ``random.Random``."""

    def __init__(self, rnd: random.Random):
        self.r = rnd

    def snippet(self) -> str:
        return "".join(self.r.choice(PIECES) if self.r.random() < 0.5 else self.r.choice("abc xyz=._-\n")
                       for _ in range(self.r.randrange(1, 12)))

    def mutate(self, text: str) -> str:
        chars = list(text)
        for _ in range(self.r.randrange(1, 8)):
            i = self.r.randrange(len(chars) + 1)
            op = self.r.random()
            if op < 0.4 and chars:
                j = min(i, len(chars) - 1)
                del chars[j:j + self.r.randrange(1, 6)]
            elif op < 0.8:
                chars[i:i] = list(self.snippet())
            elif chars:
                chars[min(i, len(chars) - 1)] = self.r.choice(PIECES)
        return "".join(chars)
