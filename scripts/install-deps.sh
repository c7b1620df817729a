#!/usr/bin/env bash
# Installs the Debian 12 packages each goal needs, and nothing more:
#   scripts/install-deps.sh             build and run motivo (make demo, make build)
#   scripts/install-deps.sh --tests     and run its tests: GoogleTest, the servers they start, Chromium, the
#                                       clang tools of .ci/run (make test, make fuzz)
#   scripts/install-deps.sh --bench     and run the benchmarks: Google Benchmark, hyperfine, fastText (make bench)
#   scripts/install-deps.sh --package   and build and check the Debian package: lintian, man (make package)
# The flags combine (.ci/run gives all three). Idempotent: when everything is already installed it only checks and
# returns.
set -euo pipefail

packages=(
  # toolchain
  g++ make cmake ninja-build pkg-config git python3 ca-certificates gettext
  # libraries (see ../shared/DEPENDENCIES.md for how CMake finds each); tzdata for the greetings' local hour
  libsqlite3-dev libzip-dev zipcmp zipmerge ziptool libicu-dev
  nlohmann-json3-dev libcli11-dev libfmt-dev libxxhash-dev libcld2-dev
  libtomlplusplus-dev libkainjow-mustache-dev libcpp-httplib-dev
  libgmime-3.0-dev libxml2-dev libcurl4-openssl-dev libssl-dev libpqxx-dev libpq-dev tzdata
)
# The tests: GoogleTest, the sqlite3 shell and zip tools of the end-to-end scripts, Chromium for the web app's browser
# test (driven by playwright-core from npm), the IMAP and PostgreSQL servers they start on loopback ports, strace
# for e2e.no_network, clang for the libFuzzer targets, clang-format and clang-tidy for .ci/run's checks, and the
# shells whose completion scripts are checked. tests/e2e/imap.sh starts its own dovecot; on a desktop, Debian also
# starts a system-wide one when it is installed, so `make demo` does not ask for it.
test_packages=(libgtest-dev libgmock-dev sqlite3 time zip unzip chromium dovecot-imapd postgresql strace
               clang clang-format clang-tidy zsh fish)
# The benchmarks (bench/): Google Benchmark, hyperfine, fastText (the classifier's baseline), GNU time.
bench_packages=(libbenchmark-dev hyperfine fasttext time)
# The Debian package (make package): dpkg-shlibdeps comes with dpkg-dev, lintian checks the package, man-db and
# groff render the installed manual page.
package_packages=(dpkg-dev fakeroot lintian man-db groff-base file)

tests=false
for flag in "$@"; do
  case $flag in
    --tests) packages+=("${test_packages[@]}"); tests=true ;;
    --bench) packages+=("${bench_packages[@]}") ;;
    --package) packages+=("${package_packages[@]}") ;;
    *) echo "install-deps: unknown flag $flag (--tests, --bench, --package)" >&2; exit 2 ;;
  esac
done

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
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# playwright-core and @axe-core/playwright for the browser tests, from npm at the versions package-lock.json pins (no
# browser download: they drive Debian's Chromium). Without node or the registry the browser test is skipped, not failed.
browser=$(cd "$(dirname "$0")/../tests/browser" && pwd)
if $tests && command -v npm >/dev/null && { [[ ! -d $browser/node_modules/playwright-core ]] ||
                                      [[ ! -d $browser/node_modules/@axe-core/playwright ]]; }; then
  (cd "$browser" && npm ci --no-audit --no-fund >/dev/null 2>&1) ||
    echo "install-deps: npm ci in tests/browser failed: the browser test will be skipped" >&2
fi
exit 0
