#!/usr/bin/env python3
"""One language for every output (issue 19, item 14): the command line's messages, --help (CLI11's own words too),
its usage errors, the invitations table's words, the report and its HTML (legend and column heads), all Spanish or
all English by one rule (cli/i18n.cpp): the settings file's `language`, else LANGUAGE's first entry, else LC_ALL,
LC_MESSAGES, LANG — Spanish when that language is es, English otherwise (C, POSIX, C.UTF-8, fr_FR.UTF-8). Counts
take their plural forms (1 recibida, 2 enviadas; Read 1 message).
Usage: language.py MOTIVO_BINARY SOURCE_DIR"""
import os
import re
import sys

from checks import Checks, Motivo, workdir

src = sys.argv[2]
check = Checks()
work = workdir("language")
motivo = Motivo(sys.argv[1], work, now="2026-11-27T12:00:00Z")
db = os.path.join(work, "m.db")

# One invitation received, two sent: a count of 1 and a count of 2.
export = os.path.join(work, "export")
os.makedirs(export)
with open(os.path.join(export, "Invitations.csv"), "w", encoding="utf-8") as f:
    f.write("From,To,Sent At,Message,Direction\n"
            "Ana Uno,Lucía Dueña,\"11/20/26, 9:00 AM\",,INCOMING\n"
            "Lucía Dueña,Bea Dos,\"11/21/26, 9:00 AM\",,OUTGOING\n"
            "Lucía Dueña,Carl Tres,\"11/22/26, 9:00 AM\",,OUTGOING\n")
motivo("import", "--quiet", export, db=db)
mail = os.path.join(src, "tests", "data", "mail", "en-modern-wants-to-connect.eml")
mail_db = os.path.join(work, "mail.db")

SPANISH = {"LANG": "es_ES.UTF-8", "LANGUAGE": None}
ENGLISH_CASES = {
    "LANG=C.UTF-8": {"LANG": "C.UTF-8", "LANGUAGE": None},
    "LANG=fr_FR.UTF-8": {"LANG": "fr_FR.UTF-8", "LANGUAGE": None},
    "LANG=C": {"LANG": "C", "LANGUAGE": None},
    "LANGUAGE=fr:es, LANG=es_ES.UTF-8": {"LANG": "es_ES.UTF-8", "LANGUAGE": "fr:es"},
}
SPANISH_CASES = {
    "LANG=es_ES.UTF-8": SPANISH,
    "LANGUAGE=es:en, LANG=C": {"LANG": "C", "LANGUAGE": "es:en"},
    "LC_ALL=es_ES.UTF-8, LANG=C.UTF-8": {"LANG": "C.UTF-8", "LANGUAGE": None, "LC_ALL": "es_ES.UTF-8"},
    "LC_MESSAGES=es_MX.UTF-8": {"LANG": "C.UTF-8", "LANGUAGE": None, "LC_MESSAGES": "es_MX.UTF-8"},
}
CLI11_ENGLISH = ["Usage:", "Options:", "Positionals:", "REQUIRED", "Print this help message", "TEXT", "Subcommands:"]


def outputs(env, config=None):
    """What a user reads: status, the invitations table, the report, its HTML, --help, a usage error, a mail import."""
    first = ["--config", config] if config else []
    run = lambda *args, **kw: motivo(*first, *args, env=env, **kw)
    html = os.path.join(work, "r.html")
    run("report", "--html", html, db=db)
    for fresh in (mail_db, os.path.join(work, "again.db")):
        if os.path.exists(fresh):
            os.remove(fresh)
    with open(html, encoding="utf-8") as f:
        page = f.read()
    return {
        "status": run("status", db=db).stdout,
        "table": run("invitations", db=db).stdout,
        "report": run("report", db=db).stdout,
        "html": page,
        "help": run("--help").stdout,
        "import help": run("import", "--help").stdout,
        "fetch help": run("fetch", "--help").stdout,
        "forget help": run("forget", "--help").stdout,
        "decide help": run("decide", "--help").stdout,
        "import summary": run("import", export, db=os.path.join(work, "again.db")).stdout,
        "usage error": run("decide", db=db, check=False).stderr,
        "extra argument": run("status", "surplus", db=db, check=False).stderr,
        "no command": run(check=False).stderr,
        "mail": run("import", mail, db=mail_db).stdout,
    }


def english(name, out):
    check("1 incoming, 2 outgoing" in out["status"], f"{name}: status in English, with plurals: "
          + re.sub(r"\s+", " ", out["status"])[:120])
    check("pending" in out["table"] and "→ ask" in out["table"], f"{name}: the table's words in English")
    check("1 invitation:" in out["report"] and "not personalised" in out["report"],
          f"{name}: the report in English: " + out["report"][-120:])
    check('<html lang="en">' in out["html"] and "<th>empty</th>" in out["html"] and "<th>period</th>" in out["html"],
          f"{name}: the HTML report in English, its column heads too")
    check("Usage:" in out["import help"] and "Options:" in out["fetch help"] and "Usage:" in out["forget help"],
          f"{name}: --help in English")
    check("is required" in out["usage error"] and "Run with --help" in out["usage error"],
          f"{name}: CLI11's usage error in English: {out['usage error'].strip()}")
    check("was not expected: surplus" in out["extra argument"], f"{name}: an extra argument, in English")
    check(out["no command"].startswith("a command is required"), f"{name}: no command, in English")
    check(out["mail"].startswith("Read 1 message from"), f"{name}: 'Read 1 message': {out['mail'][:40]}")
    check(re.search(r"\d+ empty", out["import summary"]), f"{name}: the import's labels in English")


def spanish(name, out):
    check("1 recibida, 2 enviadas" in out["status"] and "invitaciones" in out["status"],
          f"{name}: status in Spanish, with plurals: " + re.sub(r"\s+", " ", out["status"])[:120])
    check("pendiente" in out["table"] and "→ preguntar" in out["table"] and "pending" not in out["table"]
          and "→ ask" not in out["table"], f"{name}: the table's words in Spanish")
    check("1 invitación:" in out["report"] and "1 invitaciones" not in out["report"], f"{name}: the report in Spanish")
    check('<html lang="es">' in out["html"] and "<th>sin nota</th>" in out["html"] and "<th>empty</th>" not in out["html"]
          and ">plantilla</span>" in out["html"], f"{name}: the HTML report in Spanish, legend and column heads too")
    helps = "".join(out[k] for k in ("help", "import help", "fetch help", "forget help", "decide help"))
    english_words = [w for w in CLI11_ENGLISH if re.search(r"\b" + re.escape(w) + r"\b", helps)]
    check("Uso:" in helps and "Opciones:" in helps and not english_words,
          f"{name}: --help in Spanish, CLI11's words too (English left: {english_words})")
    check("importa una exportación" in out["import help"] and "el buzón" in out["fetch help"]
          and "solo dice qué se borraría" in out["forget help"], f"{name}: import, fetch and forget described in Spanish")
    check("obligatorio" in out["usage error"] and "Usa --help" in out["usage error"],
          f"{name}: CLI11's usage error in Spanish: {out['usage error'].strip()}")
    check("sobra: surplus" in out["extra argument"], f"{name}: an extra argument, in Spanish")
    check(out["no command"].startswith("falta la orden"), f"{name}: no command, in Spanish")
    check(out["mail"].startswith("Leído 1 mensaje de"), f"{name}: 'Leído 1 mensaje': {out['mail'][:40]}")
    check("sin nota" in out["import summary"] and " empty" not in out["import summary"],
          f"{name}: the import's labels in Spanish: {out['import summary'].strip().splitlines()[-1]}")


for name, env in ENGLISH_CASES.items():
    english(name, outputs(env))
for name, env in SPANISH_CASES.items():
    spanish(name, outputs(env))

# The settings file overrides the environment, both ways, from its default place or --config.
xdg = os.path.join(work, "xdg", "motivo")
os.makedirs(xdg)
with open(os.path.join(xdg, "config.toml"), "w") as f:
    f.write('language = "en"\n')
english("settings language = en under LANG=es_ES.UTF-8", outputs(SPANISH))
os.remove(os.path.join(xdg, "config.toml"))
spanish_file = os.path.join(work, "es.toml")
with open(spanish_file, "w") as f:
    f.write('language = "es"\n')
spanish("--config with language = es under LANG=C.UTF-8", outputs({"LANG": "C.UTF-8", "LANGUAGE": None}, spanish_file))
spanish("MOTIVO_CONFIG with language = es under LANG=C.UTF-8",
        outputs({"LANG": "C.UTF-8", "LANGUAGE": None, "MOTIVO_CONFIG": spanish_file}))

# A wrong settings file is still reported, in the environment's language, and changes nothing.
bad = os.path.join(work, "bad.toml")
with open(bad, "w") as f:
    f.write('language = "fr"\n')
p = motivo("--config", bad, "invitations", db=db, env=SPANISH, check=False)
check(p.returncode == 1 and "bad.toml:1" in p.stderr and 'language must be es or en ("fr")' in p.stderr,
      f"a wrong language in the settings is an error at FILE:LINE: {p.stderr.strip()}")

# Every command's --help: under Spanish no description is left as in English.
names = re.findall(r"^  (\w+)\s", motivo("--help", env={"LANG": "C.UTF-8", "LANGUAGE": None}).stdout, re.M)
left = []
for command in names:
    en = motivo(command, "--help", env={"LANG": "C.UTF-8", "LANGUAGE": None}).stdout
    es = motivo(command, "--help", env=SPANISH).stdout
    descriptions = {m.strip() for m in re.findall(r"^\s+\S+(?: [A-Z.:{}\[\],a-z_-]+)?\s{2,}(.*[a-z].*)$", en, re.M)}
    left += [f"{command}: {d}" for d in descriptions if len(d.split()) >= 3 and d in es]
check(len(names) >= 20 and not left, f"{len(names)} commands' --help in Spanish, nothing left in English: {left[:5]}")
check.exit()
