#!/usr/bin/env python3
"""The manual page and --version (issue 25), from the same command line as --help:
  - `motivo man` is valid roff (groff -ww prints no warning) and has every section a manual page needs;
  - every command `motivo --help` lists, and every option each command's --help lists, is in it: a command or an
    option added to the table is in the manual without a change to the manual's code;
  - every environment variable the sources read (getenv, CLI11's envname) is in its ENVIRONMENT section;
  - `motivo man --lang es`, and `motivo man` under LANG=es_ES.UTF-8, are in Spanish;
  - `motivo --version` names the version of CMakeLists.txt and the git revision it was built from, a commit of this
    checkout (or "unknown" outside one).
Usage: manual.py MOTIVO_BINARY SOURCE_DIR"""
import os
import re
import shutil
import subprocess
import sys

from checks import Checks, Motivo, workdir

check = Checks()
work = workdir("manual")
motivo = Motivo(sys.argv[1], work)
source = sys.argv[2]
SHOW_STATUS_ES = "muestra lo que guarda la base de datos"  # po/es.po's "show what the database holds"


def commands_in_help(*path):
    """The commands (SUBCOMMANDS section) and options `motivo PATH --help` lists."""
    text = motivo(*path, "--help").stdout
    subs = set(re.findall(r"^  (\S+)", text[text.index("Subcommands:"):], re.M)) if "Subcommands:" in text else set()
    options = set(re.findall(r"^\s+(?:-\w,\s*)?(--[a-z][a-z-]*)", text, re.M))
    return subs, options


page = motivo("man", "--lang", "en").stdout
sections = set(re.findall(r'^\.SH "?([A-Z ]+)"?$', page, re.M))
check({"NAME", "SYNOPSIS", "DESCRIPTION", "GLOBAL OPTIONS", "COMMANDS", "ENVIRONMENT", "FILES", "EXIT STATUS",
       "EXAMPLES", "SEE ALSO"} <= sections, f"man: the sections of a manual page ({sorted(sections)})")
if shutil.which("groff"):
    p = subprocess.run(["groff", "-k", "-man", "-Tutf8", "-ww", "-z"], input=page, capture_output=True, text=True)
    check(p.returncode == 0 and not p.stderr, f"man: groff -ww reads it without a warning {p.stderr[:300]}")
else:
    print("skipped: groff is not installed (scripts/install-deps.sh --package installs it)")

commands, _ = commands_in_help()
headed = set(re.findall(r'^\.SS "motivo ([^"]+)"$', page, re.M))
check(commands and commands <= headed, f"man: every command of --help has its section ({sorted(commands - headed)})")
missing = []
for command in sorted(commands):
    subs, options = commands_in_help(command)
    section = page[page.index(f'.SS "motivo {command}"'):]
    for option in options:
        if option.replace("-", "\\-") not in page:
            missing.append(f"{command} {option}")
    for sub in subs:
        if f'.SS "motivo {command} {sub}"' not in page:
            missing.append(f"{command} {sub}")
    del section
check(not missing, f"man: every option and subcommand of each command's --help ({missing[:10]})")

environment = page[page.index(".SH ENVIRONMENT"):page.index(".SH FILES")]
read = set()
for folder, _, files in os.walk(os.path.join(source, "src")):
    for name in files:
        if name.endswith(".cpp"):
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                read |= set(re.findall(r'(?:getenv|envname)\("([A-Z_]+)"\)', f.read()))
undocumented = sorted(v for v in read if f".B {v}\n" not in environment)
check(len(read) > 10 and not undocumented,
      f"man: the {len(read)} environment variables the sources read are documented ({undocumented})")
check("$ motivo ask i42" in page and "$ motivo decide i42 accept" in page, "man: an example session of the protocol")
check(all(f".B {s}\n" in page for s in ("0", "1", "2")), "man: exit statuses 0, 1 and 2")

spanish = motivo("man", "--lang", "es").stdout
check(".SH NOMBRE" in spanish and ".SH ESTADO DE SALIDA" in spanish, "man --lang es: Spanish section names")
check(SHOW_STATUS_ES in spanish and "show what the database holds" not in spanish,
      "man --lang es: the commands described in Spanish")
check(motivo("man", env={"LANGUAGE": None, "LANG": "es_ES.UTF-8"}).stdout == spanish,
      "man: Spanish by default under LANG=es_ES.UTF-8")

# --version: the project's version and the revision of the source it was built from
with open(os.path.join(source, "CMakeLists.txt"), encoding="utf-8") as f:
    version = re.search(r"project\(motivo VERSION (\S+)", f.read()).group(1)
line = motivo("--version").stdout.strip()
m = re.fullmatch(r"motivo (\S+) \(revision (\S+)\)", line)
check(m and m.group(1) == version, f"--version: {line!r} names version {version}")
head = subprocess.run(["git", "-C", source, "rev-parse", "HEAD"], capture_output=True, text=True)
if head.returncode == 0 and m:
    # The commit the binary was built from: this checkout's HEAD, or one before it when a commit followed the build.
    revision = m.group(2).removesuffix("-dirty").rsplit("-g", 1)[-1]
    known = subprocess.run(["git", "-C", source, "merge-base", "--is-ancestor", revision, "HEAD"], capture_output=True)
    check(len(revision) >= 7 and known.returncode == 0, f"--version: the revision is a commit of this checkout ({revision})")
else:
    print("skipped: the source is not a git checkout: the revision is not compared")
check.exit()
