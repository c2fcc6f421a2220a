#!/usr/bin/env bash
# Vendor the server into bundled/libs with a Python that has pip (see bundle_server.py).
# BYOK_BUNDLE_PYTHON overrides the choice; BYOK_BUNDLE_SERVER=0 skips bundling (a universal .vsix
# that needs `pip install byok-lsp` in the user's interpreter).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

if [ "${BYOK_BUNDLE_SERVER:-1}" = 0 ]; then
  echo "[bundle-server] BYOK_BUNDLE_SERVER=0: not bundling the server" >&2
  rm -rf "$here/../bundled/libs" "$here/../bundled/.stamp" "$here/../bundled/manifest.json"
  exit 0
fi

has_pip() { "$1" -m pip --version >/dev/null 2>&1; }
python=
for candidate in "${BYOK_BUNDLE_PYTHON:-}" "$repo/.venv/bin/python" python3; do
  if [ -n "$candidate" ] && command -v "$candidate" >/dev/null 2>&1 && has_pip "$candidate"; then
    python="$candidate"
    break
  fi
done
if [ -z "$python" ]; then
  # e.g. Debian's python3 without python3-pip: a throwaway venv brings its own pip
  tmpvenv="$(mktemp -d)"
  trap 'rm -rf "$tmpvenv"' EXIT
  python3 -m venv "$tmpvenv"
  python="$tmpvenv/bin/python"
fi
exec "$python" "$here/bundle_server.py"
