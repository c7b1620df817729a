#!/usr/bin/env bash
# The include directions written in docs/ARCHITECTURE.md, checked: each grep must find nothing. Then who may read
# the clock and who may decide the language (docs/ARCHITECTURE.md: "The clock is passed in", "Languages").
set -u
cd "$1/src/motivo" || exit 1
bad=0 checks=0
check() { # FOLDER PATTERN
  checks=$((checks + 1))
  if hits=$(grep -rn "$2" "$1"); then
    echo "layer violation in $1:"; echo "$hits"; bad=1
  fi
}
# only WHAT PATTERN FOLDERS ALLOWED...: lines of code (comments aside) that match the extended regex PATTERN in
# FOLDERS are violations, except in the ALLOWED files (paths from src/motivo); FILE=TEXT allows only FILE's lines
# that contain TEXT.
only() {
  local what=$1 pattern=$2 folders=$3 hits allowed
  shift 3
  checks=$((checks + 1))
  # shellcheck disable=SC2086 # FOLDERS is a list
  hits=$(grep -rnE "$pattern" $folders | grep -vE '^[^:]+:[0-9]+:[[:space:]]*//')
  for allowed in "$@"; do
    hits=$(awk -v file="${allowed%%=*}:" -v text="${allowed#*=}" -v whole="${allowed//[^=]/}" \
      'index($0, file) != 1 || (whole != "" && index($0, text) == 0)' <<<"$hits")
  done
  if [[ -n $hits ]]; then
    echo "$what, allowed only in: ${*%%=*}"; echo "$hits"; bad=1
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
checks=$((checks + 1))
if hits=$(grep -rln '#include <httplib\.h>' . | grep -v '^\./server/server\.cpp$'); then
  echo "cpp-httplib outside server/server.cpp:"; echo "$hits"; bad=1
fi

# The network: libcurl in the two clients the user names a server for (fetch's IMAP, sync's LinkedIn API), and those
# clients' headers in their commands' rounds alone (cli/fetch_run.cpp and cli/sync_run.cpp, built into the mail and
# network module). Every other command opens no connection (e2e.no_network runs them).
only "libcurl (the network)" '#include <curl/' "core io store app server cli" io/imap.cpp io/linkedin_api.cpp
only "the network clients" '#include <motivo/io/(imap|linkedin_api)\.hpp>' "core io store app server cli" \
  io/imap.cpp io/linkedin_api.cpp app/sync.hpp app/sync.cpp cli/fetch_run.cpp cli/sync_run.cpp
only "the sync use case" '#include <motivo/app/sync\.hpp>' "core io store app server cli" app/sync.cpp app/json_views.cpp \
  cli/sync_run.cpp

# The clock: only the command line's Context reads it (Context::now, clock, system_time) and MOTIVO_NOW; everything
# else is handed the time. std::chrono::steady_clock stays allowed: it times intervals (the progress bar's redraws)
# and gives no date.
only "reading the clock" '\btime\(|(system|high_resolution|utc|tai|gps|file)_clock::now|\b(gettimeofday|clock_gettime|timespec_get|ftime)\b|std::clock\(|"MOTIVO_NOW"' \
  "core io store app server cli" cli/context.cpp 'cli/cmd_man.cpp=Variable{"'

# The language. (1) The locale environment (LANG, LANGUAGE, LC_*) and the process's locale are read and set by the
# command line's i18n code alone. (The manual page's table of environment variables names them: cli/cmd_man.cpp's
# Variable{"NAME", …} lines, here and in the clock's check.)
only "reading or setting the locale" '"(LANG|LANGUAGE|LC_[A-Z]+)"|\b(set|use|new)locale\b|std::locale(\(|::global)|Locale::(getDefault|setDefault)' \
  "core io store app server cli" cli/i18n.cpp 'cli/cmd_man.cpp=Variable{"'
# (2) Which language to use is decided in the command line's i18n and Context code: nowhere else in the command line,
# the server or the layers between does code test a language (== "es", starts_with("en"), a bool es, `es ? … : …`);
# the texts go through gettext (tr). The web page's language comes with its request (?lang=), decided on that line
# of server/routes_report.cpp; the sign-in page a link opens (no ?lang= there) from Accept-Language, on that line of
# server/signin.cpp. core/ is not checked: a library handed a language writes data-made texts in it (the
# report's sentence, message templates) and knows the languages of notes; it cannot read the environment (check above).
language_test='([=!]= *"(en|es|fr|de|pt|it)"|"(en|es|fr|de|pt|it)" *[=!]=|starts_with\("(en|es|fr|de|pt|it)|\bbool es\b|\bes *\?)'
only "a language decided" "$language_test" "io store app server cli" cli/i18n.cpp cli/context.cpp \
  'server/routes_report.cpp=request.param("lang") == "en" ? "en" : "es"' \
  'server/signin.cpp=if (tag == "es" || tag == "en") return tag;'

((bad == 0)) && echo "layers: $checks passed, 0 failed"
exit $bad
