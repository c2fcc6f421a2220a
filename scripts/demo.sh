#!/usr/bin/env bash
# Set up byok-lsp in .venv and check the bundled example workspace, which shows every rule.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e .
cd examples/demo
# The example is full of problems on purpose, including an invalid config in bad-config/:
# exit status 2 (configuration error, after the full report) is the expected outcome here.
../../.venv/bin/byok-lsp check . || status=$?
[ "${status:-0}" -le 2 ]
