#!/usr/bin/env bash
# Installs what is missing, and nothing else: node_modules from the lockfile, and (for the browser
# tests) Debian's Chromium. Idempotent: a second run does nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 NEXT_TELEMETRY_DISABLED=1

need_install=0
if [ ! -d node_modules ] || [ ! -f node_modules/.package-lock.json ]; then
  need_install=1
elif [ package-lock.json -nt node_modules/.package-lock.json ]; then
  need_install=1
fi
if [ "$need_install" = 1 ]; then
  echo "setup: installing npm dependencies (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi

if [ "${1:-}" = "--browser" ]; then
  if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
    if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
      echo "setup: installing Debian's chromium for the browser tests"
      apt-get update -qq >/dev/null
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-liberation >/dev/null
    else
      echo "setup: Chromium is missing at ${CHROMIUM_PATH:-/usr/bin/chromium}." >&2
      echo "       Install it (Debian: sudo apt-get install chromium) or set CHROMIUM_PATH to a Chromium binary." >&2
      exit 1
    fi
  fi
fi
