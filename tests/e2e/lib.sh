# Sourced by the shell end-to-end scripts: English messages whatever the machine says (tests that want Spanish set
# LANG themselves), a temporary folder $work removed at exit, and counted checks (ok, fail, summary).
set -uo pipefail
unset LC_ALL LC_MESSAGES LANGUAGE
export LANG=C.UTF-8
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }
# summary NAME: prints the counts; its status, the script's last, is 0 when nothing failed.
summary() {
  echo "$1: $passed passed, $failed failed"
  ((failed == 0))
}
