#!/usr/bin/env bash
# Installs every Debian 12 package motivo needs to build and benchmark; with --tests, also the servers its
# tests start (make test passes it).
# Idempotent: when everything is already installed it only checks and returns.
set -euo pipefail

packages=(
  # toolchain
  g++ make cmake ninja-build pkg-config git python3 ca-certificates gettext
  # libraries (see ../shared/DEPENDENCIES.md for how CMake finds each)
  libsqlite3-dev sqlite3 libzip-dev zipcmp zipmerge ziptool libicu-dev
  nlohmann-json3-dev libcli11-dev libfmt-dev libxxhash-dev libcld2-dev
  libtomlplusplus-dev libkainjow-mustache-dev libcpp-httplib-dev
  libgmime-3.0-dev libxml2-dev libcurl4-openssl-dev libssl-dev libpqxx-dev libpq-dev
  # the classifier's baseline (bench/classify.sh)
  fasttext
  # tests and benchmarks (Chromium for the web app's browser test, driven by playwright-core from npm)
  libgtest-dev libgmock-dev libbenchmark-dev hyperfine time zip unzip tzdata chromium
)
# Only for `make test` and `make fuzz` (--tests): the IMAP test server, clang for the libFuzzer targets, clang-format
# and clang-tidy for .ci/run's checks. tests/e2e/imap.sh starts its own on a loopback port;
# on a desktop, Debian also starts a system-wide dovecot when it is installed, so `make demo` does not ask for it.
test_packages=(dovecot-imapd clang clang-format clang-tidy strace postgresql)
[[ ${1:-} == --tests ]] && packages+=("${test_packages[@]}")

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]} > 0)); then
  echo "install-deps: installing ${missing[*]}" >&2
  sudo=""
  [[ $(id -u) -eq 0 ]] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${packages[@]}"
fi

# playwright-core for the browser test, from npm at the version package-lock.json pins (no browser download:
# it drives Debian's Chromium). Without node or the registry the browser test is skipped, not failed.
browser=$(cd "$(dirname "$0")/../tests/browser" && pwd)
if command -v npm >/dev/null && [[ ! -d $browser/node_modules/playwright-core ]]; then
  (cd "$browser" && npm ci --no-audit --no-fund >/dev/null 2>&1) ||
    echo "install-deps: npm ci in tests/browser failed: the browser test will be skipped" >&2
fi
exit 0
