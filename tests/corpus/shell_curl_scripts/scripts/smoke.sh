#!/bin/sh
set -e
curl -fsS https://openrouter.ai/api/v1/chat/completions \
  -H "Authorization: Bearer $OPENROUTER_API_KEY" \
  -H "Content-Type: application/json" \
  -d '{"model": "openai/o3", "messages": [{"role": "user", "content": "ping"}]}' >/dev/null
echo "smoke ok"
