#!/usr/bin/env python3
"""Notes and names are other people's words: printed on a terminal they cannot move the cursor, retitle the window
or clear the screen (control characters other than newline and tab, C1 ones included, become U+FFFD); printed to a
pipe they are the bytes stored. Usage: terminal.py MOTIVO_BINARY"""
import os
import pty
import sys

from checks import Checks, Motivo, workdir

check = Checks()
work = workdir("terminal")
motivo = Motivo(sys.argv[1], work, db=os.path.join(work, "m.db"), now="2026-11-20T12:00:00Z")

export = os.path.join(work, "export")
os.makedirs(export)
hostile_name = "Evil\x1b[31mRed Person"
hostile_note = "Hola\x1b]0;PWNED\x07\x1b[2J\x1b[H caf\u00e9\u009b31m\rfin\x7f"
with open(os.path.join(export, "Invitations.csv"), "w", encoding="utf-8", newline="") as f:
    f.write("From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\r\n")
    f.write(f'"{hostile_name}",Ana Owner,"11/19/26, 9:00 AM","{hostile_note}",INCOMING,,\r\n')
    f.write('Ana Owner,Bob Otro,"11/18/26, 9:00 AM",,OUTGOING,,\r\n')
motivo("import", "--quiet", export)


def on_terminal(*args):
    main, side = pty.openpty()
    p = motivo.start(*args, stdout=side)
    os.close(side)
    out = b""
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the other side closed
            break
        if not chunk:
            break
        out += chunk
    p.wait()
    os.close(main)
    return p.returncode, out.decode("utf-8", "replace")


for args in (["invitations"], ["invitations", "--incoming"], ["people", "--search", "Evil"], ["ask", "1", "--dry-run"]):
    code, out = on_terminal(*args)
    shown = out.replace("\r\n", "\n")  # the terminal's own line ends
    controls = [c for c in shown if (ord(c) < 0x20 and c not in "\n\t") or 0x7F <= ord(c) <= 0x9F]
    check(code == 0 and "Evil" in shown and not controls, f"{args} on a terminal: no control characters ({controls!r})")
    if args[0] == "ask":  # the ask greets by the given name, letters only: nothing of the sequence is left
        check(", Evil. " in shown and "\ufffd" not in shown, f"{args} on a terminal: greets 'Evil' ({shown[:40]!r})")
    else:
        check("\ufffd" in shown, f"{args} on a terminal: replaced, not dropped")

piped = motivo("invitations", text=False, check=False)
check(hostile_name.encode() in piped.stdout and "\u009b31m".encode() in piped.stdout, "a pipe gets the bytes stored")

# Standard error quotes stored and imported text too (here the name in forget's refusal without a terminal to ask
# on): guarded like a terminal's standard output, whether it is a terminal, a pipe or a log file.
p = motivo("forget", "i1", text=False, check=False, input=b"")
err = p.stderr.decode("utf-8", "replace")
controls = [c for c in err if (ord(c) < 0x20 and c not in "\n\t") or 0x7F <= ord(c) <= 0x9F]
check(p.returncode == 2 and "Evil\ufffd[31mRed Person" in err and not controls,
      f"stderr has no control characters ({err.strip()!r})")

check.exit()
