#!/usr/bin/env bash
# Build the VS Code extension from a fresh clone: install (npm ci), lint, typecheck, bundle,
# package → client-vscode/byok-lsp-<version>.vsix. Needs node >= 20 and npm; python3 with pip
# (or the repo's .venv) to vendor the server. No global npm packages.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '[client-vscode] %s\n' "$*" >&2; }
t0=$(date +%s)

# npm ci deletes and re-extracts node_modules (~200 MB, 40-70 s here): skip it when node_modules was
# installed by npm ci from this very lockfile.
lock_hash="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ "${BYOK_FORCE_NPM_CI:-0}" != 1 ] && [ -f node_modules/.byok-lock-hash ] \
   && [ "$(cat node_modules/.byok-lock-hash)" = "$lock_hash" ]; then
  step "node_modules matches package-lock.json (BYOK_FORCE_NPM_CI=1 reinstalls)"
else
  step "npm ci"
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
  echo "$lock_hash" > node_modules/.byok-lock-hash
fi

step "lint (eslint)"
npm run --silent lint

step "typecheck (tsc --noEmit)"
npm run --silent typecheck

step "bundle (esbuild → dist/extension.js)"
npm run --silent bundle:production

step "package (vendor the server, vsce)"
npm run --silent package

step "done in $(( $(date +%s) - t0 ))s: $(ls byok-lsp-*.vsix)"
