#!/usr/bin/env bash
# `npm test`: install what is missing (Chromium included), then the type check, the linter, the unit
# tests and the browser tests. Ends with one plain line `total: N passed, N failed` and exits non-zero
# on any failure, since CI reads neither Vitest's nor Playwright's own summary.
set -uo pipefail
cd "$(dirname "$0")/.."
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 NEXT_TELEMETRY_DISABLED=1
mkdir -p reports

if ! bash scripts/setup.sh --browser; then
  echo "total: 0 passed, 1 failed"
  exit 1
fi

passed=0
failed=0
step() { # name, command...
  local name=$1; shift
  echo "== $name"
  if "$@"; then passed=$((passed + 1)); echo "$name: passed"; else failed=$((failed + 1)); echo "$name: FAILED"; fi
}

# The type check and the linter only read the sources and are single-threaded, so on CI's two cores they
# run side by side; each one's output is printed whole once both are done.
started=$SECONDS
npx tsc --noEmit > reports/typecheck.log 2>&1 &
typecheck_pid=$!
npx eslint . --max-warnings=0 > reports/lint.log 2>&1 &
lint_pid=$!
for name in typecheck lint; do
  pid_var="${name}_pid"
  echo "== $name"
  if wait "${!pid_var}"; then ok=1; else ok=0; fi
  cat "reports/$name.log"
  if [ "$ok" = 1 ]; then passed=$((passed + 1)); echo "$name: passed"; else failed=$((failed + 1)); echo "$name: FAILED"; fi
  # The browser tests' `next build` then skips its own, second type check (next.config.ts).
  if [ "$name" = typecheck ] && [ "$ok" = 1 ]; then export CACHELAB_TYPECHECKED=1; fi
done
echo "typecheck and lint: $((SECONDS - started)) s"

# Unit tests: counted from Vitest's JSON report.
npx vitest run --reporter=default --reporter=json --outputFile=reports/vitest.json
unit_rc=$?
read -r up uf < <(node -e '
  try { const r = require("./reports/vitest.json"); console.log(r.numPassedTests, r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0)); }
  catch { console.log("0 1"); }')
if [ "$unit_rc" != 0 ] && [ "$uf" = 0 ]; then uf=1; fi
echo "unit: $up passed, $uf failed"

# The production build the browser tests run against, as its own step: a slow machine then waits for
# it as long as it takes, and Playwright's web server only has to start it (playwright.config.ts).
step build npx next build
export E2E_PREBUILT=1

# Browser tests: counted from Playwright's JSON report.
PLAYWRIGHT_JSON_OUTPUT_NAME=reports/playwright.json npx playwright test --reporter=list,json
e2e_rc=$?
read -r ep ef es < <(node -e '
  try { const s = require("./reports/playwright.json").stats; console.log(s.expected + s.flaky, s.unexpected, s.skipped); }
  catch { console.log("0 1 0"); }')
if [ "$e2e_rc" != 0 ] && [ "$ef" = 0 ]; then ef=1; fi
# A skipped test printed its reason above (e.g. the network-namespace tests need root and `ip`).
echo "e2e: $ep passed, $ef failed${es:+, $es skipped}"

# After the browser tests' production build: nothing secret or server-only reached the client bundle.
step client-bundle node scripts/check-bundle.mjs

total_passed=$((passed + up + ep))
total_failed=$((failed + uf + ef))
echo "total: $total_passed passed, $total_failed failed"
[ "$total_failed" = 0 ]
