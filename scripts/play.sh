#!/usr/bin/env bash
# `npm run play`: install what is missing, build, and serve the playground on the emulator at
# http://127.0.0.1:3000 (loopback only; HOST/PORT override it) through CacheLab's server entry, which
# refuses a non-loopback HOST without CACHELAB_ACCESS_TOKEN (docs/security.md).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export NEXT_TELEMETRY_DISABLED=1
npx next build
exec node server/main.mjs -H "${HOST:-127.0.0.1}" -p "${PORT:-3000}"
