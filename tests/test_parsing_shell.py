"""Shell scripts, Dockerfiles, Makefiles."""

from __future__ import annotations

from test_parsing_positions import OR_KEY, envs, models, parsed, signals, span_of

facts = parsed


def test_shell_script():
    src = f'''#!/usr/bin/env bash
# OpenAI is requiring a key to access this model (seen 2025-05)
set -euo pipefail
: "${{FAST_MODEL:=openai/o3-mini}}"
MODEL="${{MODEL:-openai/o3}}"
export OPENAI_BASE_URL=https://openrouter.ai/api/v1
out=/tmp/answer.json
aider --model "$MODEL" --weak-model=openai/o4-mini -m o3 --yes
llm -m 'openai/gpt-5' "Explain why o3 needs BYOK"
curl -s https://openrouter.ai/api/v1/chat/completions \\
  -H "Authorization: Bearer $OPENROUTER_API_KEY" \\
  -d '{{"model": "openai/o3-pro", "stream": true}}' > "$out"
cat <<EOF | python -
{{"model": "openrouter/openai/o1"}}
EOF
echo "use o3 for prose"   # not a model: prose in an echo
KEY={OR_KEY}
# OLD={OR_KEY}
'''
    f = facts(src, "shell")
    assert models(f) == [
        ("openai/o3-mini", True, None),
        ("openai/o3", True, None),
        ("openai/o4-mini", True, None),
        ("o3", True, None),
        ("openai/gpt-5", True, None),
        ("openai/o3-pro", True, True),
        ("openrouter/openai/o1", True, None),
    ]
    assert f.models[2].span == span_of(src, "openai/o4-mini")
    # $MODEL is read after MODEL="${MODEL:-...}" (not a literal): still the environment's value
    assert envs(f) == [("FAST_MODEL", "openai/o3-mini"), ("MODEL", "openai/o3"), ("MODEL", None),
                       ("OPENROUTER_API_KEY", None)]
    assert ("openrouter", 'OPENAI_BASE_URL "https://openrouter.ai/api/v1"') in signals(f)
    assert ("openrouter", 'url "https://openrouter.ai/api/v1/chat/completions"') in signals(f)
    assert [s.value for s in f.secrets] == [OR_KEY]
    assert f.secrets[0].span == span_of(src, OR_KEY, 0)
    assert [e.text for e in f.error_texts] == ["OpenAI is requiring a key to access this model (seen 2025-05)"]


def test_shell_locals_are_not_env_reads():
    src = 'key_file=/tmp/k\nNAME=literal\necho "$key_file $NAME $OPENROUTER_API_KEY $1"\n'
    f = facts(src, "shell")
    assert envs(f) == [("OPENROUTER_API_KEY", None)]


def test_dockerfile():
    src = '''# syntax=docker/dockerfile:1
FROM python:3.12-slim
ARG MODEL=openai/o3
ENV OPENAI_BASE_URL=https://openrouter.ai/api/v1 \\
    LLM_MODEL="openai/gpt-5" \\
    OPENROUTER_API_KEY=${OPENROUTER_API_KEY}
ENV DEFAULT_MODEL openai/o3-pro
# RUN aider --model openai/o1
RUN pip install aider-chat && \\
    aider --model openrouter/openai/o3 --yes
CMD ["aider", "--model", "openai/o3-mini", "--yes"]
ENTRYPOINT python app.py --model=o4-mini --weak "$LLM_MODEL" --key "$OPENAI_API_KEY"
'''
    f = facts(src, "dockerfile")
    assert models(f) == [
        ("openai/o3", True, None),
        ("openai/gpt-5", True, None),
        ("openai/o3-pro", True, None),
        ("openrouter/openai/o3", True, None),
        ("openai/o3-mini", True, None),
        ("o4-mini", True, None),
    ]
    assert f.models[3].span == span_of(src, "openrouter/openai/o3")
    # $LLM_MODEL is set by ENV above; $OPENAI_API_KEY comes from outside the image
    assert envs(f) == [("OPENROUTER_API_KEY", None), ("OPENAI_API_KEY", None)]
    assert f.env_reads[0].span == span_of(src, "OPENROUTER_API_KEY", 1)
    assert ("openrouter", 'OPENAI_BASE_URL "https://openrouter.ai/api/v1"') in signals(f)


def test_dockerfile_heredoc_run():
    src = '''FROM alpine
RUN <<EOF
curl https://openrouter.ai/api/v1/chat/completions -d '{"model": "openai/o3"}'
EOF
'''
    f = facts(src, "dockerfile")
    assert models(f) == [("openai/o3", True, None)]


def test_makefile():
    src = '''MODEL ?= openai/o3
OPENAI_BASE_URL := https://openrouter.ai/api/v1  # the gateway
export OPENROUTER_API_KEY
# OpenAI is requiring a key to access this model
# FAST_MODEL = openai/o1
run:
\taider --model $(MODEL) --weak-model openai/o4-mini
\tcurl -H "Authorization: Bearer $$OPENROUTER_API_KEY" $(OPENROUTER_BASE_URL)/chat $(OTHER)
'''
    f = facts(src, "makefile")
    assert models(f) == [("openai/o3", True, None), ("openai/o4-mini", True, None)]
    assert envs(f) == [("OPENROUTER_API_KEY", None), ("OPENROUTER_BASE_URL", None)]
    assert ("openrouter", 'OPENAI_BASE_URL "https://openrouter.ai/api/v1"') in signals(f)
    assert [e.text for e in f.error_texts] == ["OpenAI is requiring a key to access this model"]
