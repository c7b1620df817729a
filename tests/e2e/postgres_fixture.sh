#!/usr/bin/env bash
# CTest's `postgres` fixture: starts a throwaway PostgreSQL server for the tests that need one and writes its URL
# to DIR/url (start), or stops it and removes DIR (stop). Exits 77 (skipped) when PostgreSQL is not installed.
set -euo pipefail
cmd=$1 dir=$2 root=$3
case $cmd in
start)
  "$root/scripts/pg-throwaway.sh" stop "$dir" # a server left by an interrupted run
  url=$("$root/scripts/pg-throwaway.sh" start "$dir") || exit $?
  echo "$url" >"$dir/url"
  echo "PostgreSQL test server: $url"
  ;;
stop)
  "$root/scripts/pg-throwaway.sh" stop "$dir"
  ;;
esac
