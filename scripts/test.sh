#!/usr/bin/env bash
# Set up everything the tests need on a fresh Debian 12 machine, then run every test.
# Idempotent: a second run reuses .venv and skips installed packages.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages: Neovim, Emacs + eglot and Vim + ALE (real-editor tests), ripgrep (benchmark floor).
need=()
command -v nvim >/dev/null 2>&1 || need+=(neovim)
command -v emacs >/dev/null 2>&1 || need+=(emacs-nox)
ls -d /usr/share/emacs/site-lisp/elpa/eglot-* >/dev/null 2>&1 || need+=(elpa-eglot)
vim --version 2>/dev/null | grep '+job' >/dev/null || need+=(vim-nox)   # ALE needs jobs: not vim-tiny
[ -d /usr/share/vim/vimfiles/pack/dist-bundle/opt/ale ] || need+=(vim-ale)
command -v rg >/dev/null 2>&1 || need+=(ripgrep)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  fi
fi

# Python: one virtual environment with the package (editable) and its test extras.
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test]'

# The VS Code extension: install, lint, bundle and package (when present).
if [ -f client-vscode/package.json ] && [ -x client-vscode/scripts/build.sh ]; then
  client-vscode/scripts/build.sh
fi

# The VS Code end-to-end test's browser and code-server (tests/vscode/.deps), installed before
# the suite starts: with several workers, npm writing thousands of files under tests/ while other
# tests walk tests/ would race. The test runs the script again (about a second when installed).
bash tests/vscode/install.sh

lint_paths=(server tests)
[ -d bench ] && lint_paths+=(bench)
.venv/bin/python -m ruff check "${lint_paths[@]}"
# One worker per core, at most 4 (xdist): the suite spends much of its time waiting on servers,
# editors and the VS Code window, so two workers on two cores cut its wall time from ~190 s to ~115 s (2026-12-05).
# BYOK_TEST_WORKERS=0 runs in one process (no xdist), e.g. to read a failure's output in order.
workers=${BYOK_TEST_WORKERS:-auto}
if [ "$workers" = 0 ]; then
  .venv/bin/python -m pytest -q "$@"
else
  .venv/bin/python -m pytest -q -n "$workers" --maxprocesses 4 "$@"
fi
