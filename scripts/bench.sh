#!/usr/bin/env bash
# `npm run bench`: every benchmark prints a ratio against a baseline measured in the same run.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
for b in bench/*.bench.ts; do
  echo "== $b"
  npx tsx "$b"
done
