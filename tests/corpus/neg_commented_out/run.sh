#!/bin/sh
# MODEL=openai/o3 ./run.sh   (needs BYOK)
MODEL="${MODEL:-openai/gpt-5-mini}" node src/chat.js
