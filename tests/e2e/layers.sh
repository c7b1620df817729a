#!/usr/bin/env bash
# The include directions written in docs/ARCHITECTURE.md, checked: each grep must find nothing.
set -u
cd "$1/src/motivo" || exit 1
bad=0
check() { # FOLDER PATTERN
  if hits=$(grep -rn "$2" "$1"); then
    echo "layer violation in $1:"; echo "$hits"; bad=1
  fi
}
check core '#include <motivo/\(io\|store\|app\|cli\|server\)/'
check io '#include <motivo/\(store\|app\|cli\|server\)/'
check store '#include <motivo/\(io\|app\|cli\|server\)/'
check app '#include <motivo/\(cli\|store/sqlite\|store/postgres\|server\)/'
check server '#include <motivo/\(cli\|store/sqlite\|store/postgres\)/'
check server '#include <\(sqlite3\|zip\)\.h>'
check cli '#include <httplib\.h>'
check core '#include <\(sqlite3\|zip\|CLI/\)'
check app '#include <\(sqlite3\|zip\)\.h>'
check cli '#include <\(sqlite3\|zip\)\.h>'
for folder in core io app server cli store/sqlite; do check "$folder" '#include <pqxx/'; done
# cpp-httplib in server/server.cpp only: the routes see plain requests and answers (server/routes.hpp).
if hits=$(grep -rln '#include <httplib\.h>' . | grep -v '^\./server/server\.cpp$'); then
  echo "cpp-httplib outside server/server.cpp:"; echo "$hits"; bad=1
fi
((bad == 0)) && echo "layers: 17 passed, 0 failed"
exit $bad
