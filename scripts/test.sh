#!/usr/bin/env bash
# `npm test`: typecheck, unit + integration tests (vitest, real PostgreSQL), then end-to-end
# tests (Playwright + Debian Chromium against one production build). Ends with one summary line.
set -uo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 TURBO_TELEMETRY_DISABLED=1
mkdir -p .test-results
status=0
start=$(date +%s)

# npm 11 may skip the root postinstall: apply the postgres.js guard explicitly (idempotent).
node scripts/patch-postgres.mjs || exit 1

echo "== typecheck"
npx turbo run typecheck --output-logs=errors-only || status=1

echo "== unit + integration (vitest)"
npx vitest run --reporter=default --reporter=json --outputFile.json=.test-results/vitest.json || status=1

echo "== end-to-end (build + Playwright)"
if [ "${SKIP_E2E:-0}" != "1" ]; then
  npm run test:e2e || status=1
fi

node scripts/test-summary.mjs "$(( $(date +%s) - start ))" || status=1
exit $status
