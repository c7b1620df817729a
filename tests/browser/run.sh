#!/usr/bin/env bash
# Runs the browser tests (web.mjs, then daily.mjs) when their tools are there; otherwise says why and exits 77 (a
# CTest skip). Exit 1 when either fails. MOTIVO_BROWSER_TESTS names the ones to run instead: the asan test preset runs
# web.mjs alone (the server's routes under the sanitizers; daily.mjs's time there would be Chromium's and axe's).
# Usage: run.sh MOTIVO_BINARY SOURCE_DIR ARTIFACTS
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
command -v node >/dev/null || { echo "skipped: node is not installed"; exit 77; }
[[ -x /usr/bin/chromium ]] || { echo "skipped: /usr/bin/chromium is not installed (scripts/install-deps.sh)"; exit 77; }
if [[ ! -d $here/node_modules/playwright-core || ! -d $here/node_modules/@axe-core/playwright ]]; then
  (cd "$here" && npm ci --no-audit --no-fund >/dev/null 2>&1) || { echo "skipped: npm ci failed (no registry?)"; exit 77; }
fi
status=0
for test in ${MOTIVO_BROWSER_TESTS:-web.mjs daily.mjs}; do
  node "$here/$test" "$@"
  code=$?
  [[ $code -eq 77 ]] && exit 77
  [[ $code -ne 0 ]] && status=1
done
exit $status
