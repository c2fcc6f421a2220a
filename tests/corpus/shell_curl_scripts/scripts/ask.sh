#!/usr/bin/env bash
# Ask a question from the terminal via OpenRouter.
# Usage: ./scripts/ask.sh "why is the sky blue?"
set -euo pipefail

MODEL="${MODEL:-openai/o3-pro}"
: "${OPENROUTER_API_KEY:?set OPENROUTER_API_KEY}"

curl -sS https://openrouter.ai/api/v1/chat/completions \
  -H "Authorization: Bearer ${OPENROUTER_API_KEY}" \
  -H "Content-Type: application/json" \
  -d "$(jq -n --arg m "$MODEL" --arg q "$1" '{model: $m, messages: [{role: "user", content: $q}]}')" \
  | jq -r '.choices[0].message.content'
