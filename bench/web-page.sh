#!/usr/bin/env bash
# The page's time to the first card (issue 26), in Debian's Chromium driven by playwright-core (tests/browser's
# node_modules): a generated export of N invitations imported, `motivo serve` on loopback, the queue opened cold
# (a new server: nothing cached) and warm, five times each; the times are those of the page's own
# performance mark 'motivo:first-card' (from the start of the navigation), with where the time went (the page, its
# stylesheet and scripts, DOMContentLoaded, the first page of the list asked and answered). Goal: first card < 300 ms.
# Usage: bench/web-page.sh [BUILD_DIR] [INVITATIONS | DATABASE] [LOCALE]   (default build, 100000; a database already
# imported, such as one of `scripts/gen-export.py --profile team`, is used as it is; LOCALE the browser's, es-ES for
# the page in Spanish, which preloads its catalog too)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
n=${2:-100000}
locale=${3:-}
motivo=$PWD/$build/motivo
out=$PWD/$build/bench/web-page
[[ -x /usr/bin/chromium ]] || { echo "web-page.sh: /usr/bin/chromium not found (scripts/install-deps.sh --tests)" >&2; exit 1; }
[[ -d tests/browser/node_modules/playwright-core ]] || (cd tests/browser && npm ci --no-audit --no-fund >/dev/null)
mkdir -p "$out"
if [[ -f $n ]]; then
  node bench/web_page.mjs "$motivo" "$n" 5 $locale
  exit
fi
if [[ ! -f $out/m-$n.db ]]; then
  python3 scripts/gen-export.py --profile bench --invitations "$n" --messages "$n" --connections $((n / 5)) --out "$out/export-$n" >/dev/null
  "$motivo" --db "$out/m-$n.db" import --quiet "$out/export-$n" >/dev/null
fi
node bench/web_page.mjs "$motivo" "$out/m-$n.db" 5 $locale
