#!/usr/bin/env bash
# The admin page's browser tests drive Debian's Chromium (Playwright cannot download its own browser here).
# Installs it when missing and we may (root with apt); otherwise says what to do.
set -euo pipefail
chromium_path="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [[ -x "$chromium_path" ]]; then
  exit 0
fi
if [[ "$(id -u)" == "0" ]] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "Chromium is missing at $chromium_path: install it (sudo apt-get install chromium) or set CHROMIUM_PATH." >&2
exit 1
