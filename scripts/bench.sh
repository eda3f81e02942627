#!/usr/bin/env bash
# `npm run bench`: every benchmark prints a ratio against a baseline measured in the same run.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --browser
# One production build serves every Chromium benchmark (BENCH_SKIP_BUILD=1 reuses the one in .next).
if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
  echo "== next build"
  NEXT_TELEMETRY_DISABLED=1 npx next build > /dev/null
fi
export BENCH_SKIP_BUILD=1
for b in bench/*.bench.ts; do
  echo "== $b"
  npx tsx "$b"
done
