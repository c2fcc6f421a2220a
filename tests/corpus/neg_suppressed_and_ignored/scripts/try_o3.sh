#!/bin/sh
curl -sS https://openrouter.ai/api/v1/chat/completions \
  -H "Authorization: Bearer $OPENROUTER_API_KEY" \
  -d '{"model": "openai/o3", "messages": [{"role": "user", "content": "hi"}]}'
