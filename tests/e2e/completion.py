#!/usr/bin/env python3
"""Shell completion (issue 25): `motivo completion bash|zsh|fish` written from the command line's own description.
  - bash: the generated script is sourced, `complete -p motivo` names its function, and the function is driven the
    way bash drives it (COMP_WORDS, COMP_CWORD) for commands, options, an option's words (labels, states,
    suggestions, policies), an argument's words (decisions, shells, policy's subcommands) and the invitation ids
    of a test database, by --db, --db=, MOTIVO_DB, and after other arguments; every command `motivo --help` lists
    is offered, so a command added to the table completes without a change to the completions;
  - zsh: the script parses (zsh -n) and loads under compinit with the same tables;
  - fish: `complete -C` on the generated script gives the same commands, words and ids.
zsh and fish are checked when installed (scripts/install-deps.sh --tests), else skipped with the reason printed.
Usage: completion.py MOTIVO_BINARY SOURCE_DIR"""
import os
import re
import shutil
import subprocess
import sys

from checks import Checks, Motivo, gen_export, workdir

check = Checks()
work = workdir("completion")
motivo = Motivo(sys.argv[1], work, now="2026-11-20T18:00:00Z")
source = sys.argv[2]
db = os.path.join(work, "demo.db")
motivo("import", "--quiet", gen_export(source, os.path.join(work, "Basic_LinkedInDataExport_11-20-2026.zip")), db=db)
ids = [f"i{i['id']}" for i in motivo.json("invitations", "--json", db=db)]
scripts = {}
for shell in ("bash", "zsh", "fish"):
    scripts[shell] = os.path.join(work, f"motivo.{shell}")
    with open(scripts[shell], "w", encoding="utf-8") as f:
        f.write(motivo("completion", shell).stdout)


def bash(words, env=None):
    """What the bash completion offers for the command line `words` (the last one being typed)."""
    line = " ".join(f"'{w}'" for w in words)
    script = (f"source '{scripts['bash']}'\nCOMP_WORDS=({line})\nCOMP_CWORD=$((${{#COMP_WORDS[@]}} - 1))\n"
              "_motivo\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n")
    p = subprocess.run(["bash", "--norc", "-c", script], capture_output=True, text=True,
                       env={**motivo.env, **(env or {})})
    return [w for w in p.stdout.split("\n") if w]


def listed_commands():
    """The commands `motivo --help` lists."""
    text = motivo("--help").stdout
    section = text[text.index("Subcommands:"):]
    return set(re.findall(r"^  (\S+)", section, re.M))


# --- bash ----------------------------------------------------------------------------------------------------------
p = subprocess.run(["bash", "--norc", "-c", f"source '{scripts['bash']}'; complete -p motivo"], capture_output=True,
                   text=True)
check(p.returncode == 0 and "-F _motivo" in p.stdout, f"bash: complete -p motivo names _motivo ({p.stdout.strip()})")
binary = motivo.binary
offered = set(bash([binary, ""]))
commands = listed_commands()
check(commands and commands <= offered, f"bash: every command of --help is offered ({sorted(commands - offered)} missing)")
check("complete-ids" not in offered, "bash: the hidden complete-ids is not offered")
check(bash([binary, "dec"]) == ["decide"], "bash: 'dec' completes to decide")
check(set(bash([binary, "invitations", "--la"])) == {"--label"}, "bash: an option of invitations: --label")
check("--db" in bash([binary, "report", "--"]), "bash: the global options after a command: --db")
check(set(bash([binary, "invitations", "--label", ""])) == {"empty", "default", "template", "spam", "personalized"},
      "bash: --label's words are the labels")
check(bash([binary, "invitations", "--state", "re"]) == ["replied"], "bash: --state re -> replied")
check(set(bash([binary, "invitations", "--suggestion", ""])) == {"accept", "ask", "decline", "wait", "check", "none"},
      "bash: --suggestion's words are the suggestions")
check(set(bash([binary, "--policy", ""])) == {"ask", "strict", "open"}, "bash: --policy's words are the policies")
check(set(bash([binary, "completion", ""])) == {"bash", "zsh", "fish"}, "bash: completion's shells")
check(set(bash([binary, "policy", ""])) == {"check", "show"}, "bash: policy's subcommands")
decisions = {"accept", "decline", "spam"}  # decide takes its decision and its ids in either order
check(set(bash([binary, "decide", "--db", db, ""])) == set(ids) | decisions and len(ids) > 10,
      f"bash: decide --db DB offers the database's {len(ids)} invitation ids and the decisions")
check(set(bash([binary, "--db", db, "ask", ""])) == set(ids), "bash: --db before the command too")
check(set(bash([binary, "label", f"--db={db}", ""])) == set(ids), "bash: --db=DB")
check(set(bash([binary, "decide", ""], env={"MOTIVO_DB": db})) == set(ids) | decisions, "bash: the database of MOTIVO_DB")
one = [i for i in ids if i.startswith("i1")]
check(set(bash([binary, "decide", "--db", db, "i1"])) == set(one), f"bash: ids starting with i1 ({len(one)})")
check(set(bash([binary, "decide", "--db", db, ids[0], ""])) == set(ids) | decisions,
      "bash: after an id, more ids and the decisions")
check(set(bash([binary, "decide", "--db", os.path.join(work, "none.db"), ""])) == decisions,
      "bash: no database, no ids (only the decisions) and no error")
check(not os.path.exists(os.path.join(work, "none.db")), "bash: completing ids creates no database")

# --- zsh -----------------------------------------------------------------------------------------------------------
if shutil.which("zsh"):
    p = subprocess.run(["zsh", "-n", scripts["zsh"]], capture_output=True, text=True)
    check(p.returncode == 0, f"zsh: the script parses {p.stderr.strip()}")
    p = subprocess.run(["zsh", "-f", "-c", f"autoload -U compinit; compinit -u -D; source '{scripts['zsh']}'; "
                        "print -r -- ${_motivo_commands[motivo]}; print -r -- ${_comps[motivo]}"],
                       capture_output=True, text=True, env={**motivo.env, "HOME": work})
    lines = p.stdout.split("\n")
    check(p.returncode == 0 and set(lines[0].split()) == offered, "zsh: the same commands as bash")
    check(len(lines) > 1 and lines[1] == "_motivo", "zsh: compdef binds _motivo to motivo")
else:
    print("skipped: zsh is not installed (scripts/install-deps.sh --tests installs it)")

# --- fish ----------------------------------------------------------------------------------------------------------
if shutil.which("fish"):
    path = os.path.dirname(binary) + os.pathsep + os.environ.get("PATH", "")  # the scripts call `motivo complete-ids`

    def fish(line):
        p = subprocess.run(["fish", "--no-config", "-c", f"source '{scripts['fish']}'; complete -C {line!r}"],
                           capture_output=True, text=True, env={**motivo.env, "HOME": work, "PATH": path})
        return {w.split("\t")[0] for w in p.stdout.split("\n") if w}

    check(commands <= fish("motivo "), "fish: every command of --help")
    check(fish("motivo invitations --label ") == {"empty", "default", "template", "spam", "personalized"},
          "fish: --label's words")
    check(fish(f"motivo decide --db {db} ") == set(ids) | decisions, "fish: decide's invitation ids and decisions")
    check(fish(f"motivo decide --db {db} {ids[0]} ") == set(ids) | decisions, "fish: then more ids and the decisions")
else:
    print("skipped: fish is not installed (scripts/install-deps.sh --tests installs it)")

check.exit()
