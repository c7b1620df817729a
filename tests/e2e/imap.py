#!/usr/bin/env python3
"""Issue 7: motivo fetch against a real IMAP server.

Starts Debian's Dovecot with a throwaway configuration on a free loopback port (plain IMAP, one user, Maildir
under a temporary folder), puts mail in with IMAP APPEND, and checks: the first fetch takes LinkedIn's mail only,
a second fetch only what arrived since, \\Seen flags are left alone, a new UIDVALIDITY starts over, a wrong
password fails clearly, and --watch picks up mail as it arrives until interrupted.
Usage: imap.py MOTIVO SOURCE_DIR   (exit 77, skipped, when Dovecot is not installed)
"""
import grp
import imaplib
import json
import os
import pwd
import shutil
import signal
import subprocess
import sys
import time

from checks import Checks, Motivo, free_port, skip, wait_until, workdir

source = sys.argv[2]
dovecot = shutil.which("dovecot") or "/usr/sbin/dovecot"
if not os.access(dovecot, os.X_OK):
    skip("Dovecot is not installed (apt-get install dovecot-imapd; make test installs it)")

fixtures = os.path.join(source, "tests", "data", "mail")
work = workdir("imap", mode=0o755)
port = free_port()
# As root, Dovecot's own unprivileged users run the login and mail processes; otherwise the caller does.
if os.getuid() == 0:
    login_user, internal_user, internal_group, mail_user = "dovenull", "dovecot", "dovecot", "dovecot"
else:
    me = pwd.getpwuid(os.getuid()).pw_name
    login_user = internal_user = mail_user = me
    internal_group = grp.getgrgid(os.getgid()).gr_name
home = os.path.join(work, "home")
os.makedirs(home)
if os.getuid() == 0:
    shutil.chown(home, "dovecot", "dovecot")
with open(os.path.join(work, "users"), "w") as fh:
    fh.write("dana@example.org:{PLAIN}s3cret-pass\n")
config = os.path.join(work, "dovecot.conf")
with open(config, "w") as fh:
    fh.write(f"""
base_dir = {work}/run
state_dir = {work}/state
log_path = {work}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = 1
first_valid_gid = 1
default_login_user = {login_user}
default_internal_user = {internal_user}
default_internal_group = {internal_group}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {work}/users
}}
userdb {{
  driver = static
  args = uid={mail_user} gid={mail_user if os.getuid() == 0 else internal_group} home={home}/%u
}}
mail_location = maildir:~/Maildir
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
""")
os.makedirs(os.path.join(work, "run"))
os.makedirs(os.path.join(work, "state"))
# The daemon keeps whatever it inherits open: give it no pipe to hold.
with open(os.path.join(work, "start.log"), "w") as log:
    started = subprocess.run([dovecot, "-c", config], stdin=subprocess.DEVNULL, stdout=log, stderr=log)
if started.returncode != 0:
    print("FAIL Dovecot did not start:", open(os.path.join(work, "start.log")).read())
    sys.exit(1)

check = Checks()
db = os.path.join(work, "motivo.db")
url = f"imap://127.0.0.1:{port}/INBOX"
motivo = Motivo(sys.argv[1], work, db=db, MOTIVO_IMAP_PASSWORD="s3cret-pass")


def login():
    try:
        m = imaplib.IMAP4("127.0.0.1", port)
        m.login("dana@example.org", "s3cret-pass")
        return m
    except (ConnectionRefusedError, imaplib.IMAP4.error):
        return None


def imap():
    return wait_until(login, 5) or sys.exit("cannot log in to the test Dovecot")


def append(*files, mailbox="INBOX"):
    m = imap()
    for f in files:
        with open(os.path.join(fixtures, f), "rb") as fh:
            m.append(mailbox, None, None, fh.read())  # no flags: the messages are unseen
    m.logout()


def unseen(mailbox="INBOX"):
    m = imap()
    m.select(mailbox, readonly=True)
    _, data = m.uid("search", None, "UNSEEN")
    m.logout()
    return data[0].split()


def fetch(*extra, password=None, mailbox_url=url):
    p = motivo("fetch", "--imap", mailbox_url, "--user", "dana@example.org", "--json", *extra, check=False,
               env={"MOTIVO_IMAP_PASSWORD": password} if password else None, timeout=60)
    if p.returncode != 0:
        return p.returncode, None, p.stderr
    return 0, json.loads(p.stdout.strip().splitlines()[-1]), p.stderr


def incoming():
    return [i for i in motivo.json("invitations", "--json", check=False) if i["direction"] == "incoming"]


try:
    # 1. First fetch: LinkedIn's mail only (the list reply is not searched for), one invitation.
    append("en-2016-plain-and-html.eml", "en-accepted.eml", "unrelated.eml")
    rc, report, err = fetch()
    check(rc == 0, f"first fetch succeeds {err.strip()}")
    check(report and report["messages"] == 2, f"two messages from linkedin.com fetched ({report})")
    check(report and report["new"] == 1, "one invitation stored")
    check(len(unseen()) == 3, "the messages are still unseen: fetching is read-only")

    # 2. New mail arrives: only it is fetched.
    append("es-2016-member-b64-subject.eml", "en-modern-wants-to-connect.eml")
    rc, report, _ = fetch()
    check(report and report["messages"] == 2 and report["new"] == 2, f"the second fetch takes only the new mail ({report})")
    rc, report, _ = fetch()
    check(report and report["messages"] == 0, "a third fetch finds nothing new")
    check(len(incoming()) == 3, "three invitations stored")
    check(any(i["message"].startswith("Me encantó") for i in incoming()), "the Spanish note, decoded")

    # 3. A mailbox recreated under the same name has a new UIDVALIDITY: its UIDs start over and are fetched.
    m = imap()
    m.create("Archive")
    m.logout()
    append("en-default-text.eml", mailbox="Archive")
    archive = f"imap://127.0.0.1:{port}/Archive"
    rc, report, _ = fetch(mailbox_url=archive)
    check(report and report["new"] == 1, "another mailbox is fetched on its own")
    m = imap()
    m.delete("Archive")
    m.create("Archive")
    m.logout()
    append("es-2012-iso-8859-1.eml", mailbox="Archive")
    rc, report, _ = fetch(mailbox_url=archive)
    check(report and report["messages"] == 1 and report["new"] == 1, f"a new UIDVALIDITY starts over ({report})")

    # 4. A wrong password: a clear error, exit 1.
    rc, report, err = fetch(password="wrong")
    check(rc == 1 and "login denied" in err.lower(), f"a wrong password is told ({err.strip()})")
    rc, report, err = fetch(mailbox_url="imap://127.0.0.1:1/INBOX")
    check(rc == 1 and "127.0.0.1:1" in err, f"an unreachable server is named ({err.strip()})")
    # A name that resolves to loopback addresses only is loopback too: plain imap:// without --insecure.
    rc, report, err = fetch(mailbox_url=f"imap://localhost:{port}/INBOX")
    check(rc == 0 and "warning" not in err, f"imap://localhost is loopback ({err.strip()})")

    # 5. --watch: mail that arrives while it runs is fetched; Ctrl-C ends it cleanly.
    watcher = motivo.start("fetch", "--imap", url, "--user", "dana@example.org", "--json", "--watch", "1s",
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(1.5)
    append("en-2011-via-linkedin.eml")
    wait_until(lambda: len(incoming()) >= 6, 20, interval=0.5)
    check(len(incoming()) == 6, "--watch fetched the mail that arrived")
    watcher.send_signal(signal.SIGINT)
    try:
        out, err = watcher.communicate(timeout=10)
        check(watcher.returncode == 0, f"interrupted, it stops cleanly (exit {watcher.returncode}) {err.strip()}")
    except subprocess.TimeoutExpired:
        watcher.kill()
        check(False, "interrupted, it stops")

    # 6. A huge message (issue 20, item 4): read to its end but kept only up to the limit, skipped with a warning
    #    that names it and its whole size.
    with open(os.path.join(fixtures, "en-2016-plain-and-html.eml"), "rb") as fh:
        marta = fh.read()
    huge = marta.replace(b"Great meeting you", b"Great meeting you " + b"la la la =\r\n" * 300000)
    m = imap()
    m.append("INBOX", None, None, huge)
    m.logout()
    rc, report, err = fetch()
    warnings = report["warnings"] if report else []
    check(report and report["skipped"].get("too large for a LinkedIn notification") == 1,
          f"a huge message is skipped ({report})")
    check(any("UID" in w["where"] and int(w["reason"].split(": ")[-1].split()[0]) > 4_000_000 for w in warnings),
          f"its warning names it and its whole size ({warnings})")

    # 7. --exec (issue 21): after each round that stored something new, the command runs with the counts in its
    #    environment (numbers only: a sender's name or note that reads as shell runs nothing), its failure is a
    #    warning and the watch goes on; rounds with nothing new run nothing.
    exec_log = os.path.join(work, "exec.log")
    exec_env = os.path.join(work, "exec.env")
    pwned = os.path.join(work, "pwned")
    # The environment is written first: the test reads it once the log has a line (under ThreadSanitizer the other
    # order lost that race).
    hook = (f'env > {exec_env}; '
            f'printf "%s %s %s\\n" "$MOTIVO_NEW_INVITATIONS" "$MOTIVO_NEW_REPLIES" "$MOTIVO_NEW_MESSAGES" '
            f'>> {exec_log}; '
            f'echo from-the-hook; exit 3')
    rounds = os.path.join(work, "rounds.out")
    with open(rounds, "w") as out, open(os.path.join(work, "rounds.err"), "w") as err:
        watcher = motivo.start("fetch", "--imap", url, "--user", "dana@example.org", "--json", "--watch", "1s",
                               "--exec", hook, stdout=out, stderr=err)

    def invitation_mail(sender, note, invitation_id):
        """A plain-text invitation, as LinkedIn's 2016 layout, from `sender` (a quoted display name)."""
        return (f'From: "{sender}" <invitations@linkedin.com>\r\nMessage-ID: <{invitation_id}@test.invalid>\r\n'
                f"Subject: Dana, please add me to your LinkedIn network\r\nMIME-Version: 1.0\r\n"
                f"Content-Type: text/plain; charset=UTF-8\r\nTo: Dana Whitcombe <dana.whitcombe@example.org>\r\n"
                f"Date: Tue, 9 Apr 2024 17:42:03 +0000\r\n\r\nHi Dana,\r\n{note}\r\n\r\n"
                f"Accept: https://www.linkedin.com/comm/people/invite-accept?invitationId={invitation_id}\r\n"
                ).encode()

    def lines(path):
        return open(path).read().splitlines() if os.path.exists(path) else []

    m = imap()
    m.append("INBOX", None, None, invitation_mail(f"Eve $(touch {pwned}) `touch {pwned}`",
                                                  f"$(touch {pwned}); touch {pwned} && echo", 7100000000000000001))
    m.logout()
    check(wait_until(lambda: len(lines(exec_log)) >= 1, 20, interval=0.2), "--exec ran after the round with news")
    check(lines(exec_log)[:1] == ["1 0 0"], f"the counts in its environment: 1 invitation ({lines(exec_log)})")
    check(not os.path.exists(pwned), "nothing of the mail reached the shell")
    env_seen = open(exec_env).read() if os.path.exists(exec_env) else ""
    check("MOTIVO_NEW_INVITATIONS=1\n" in env_seen and "MOTIVO_IMAP_PASSWORD" not in env_seen,
          "MOTIVO_NEW_* set, the IMAP password not passed on")
    # The command failed (exit 3): a warning, and the watch goes on to fetch the next invitation.
    wait_until(lambda: len(lines(rounds)) >= 3, 20, interval=0.2)  # a few rounds with nothing new
    m = imap()
    m.append("INBOX", None, None, invitation_mail("Zoe Quinn", "Hi, we met in Lisbon", 7100000000000000002))
    m.logout()
    check(wait_until(lambda: len(lines(exec_log)) >= 2, 20, interval=0.2), "the watch went on after a failed command")
    quiet_rounds = len(lines(rounds))
    wait_until(lambda: len(lines(rounds)) >= quiet_rounds + 2, 20, interval=0.2)
    watcher.send_signal(signal.SIGINT)
    watcher.wait(10)
    warnings = open(os.path.join(work, "rounds.err")).read()
    check(warnings.count("motivo: warning: --exec: the command exited with status 3") == 2,
          f"each failure is a warning ({warnings.strip()})")
    check(watcher.returncode == 0, f"interrupted, it stops cleanly (exit {watcher.returncode})")
    check(len(lines(exec_log)) == 2 and len(lines(rounds)) > 4,
          f"rounds with nothing new ran nothing ({len(lines(exec_log))} runs in {len(lines(rounds))} rounds)")
    check(all(json.loads(l)["messages"] >= 0 for l in lines(rounds)) and "from-the-hook" in warnings,
          "the command's output goes to stderr: --json's stdout stays JSON")
finally:
    subprocess.run([dovecot, "-c", config, "stop"], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    time.sleep(0.3)

check.exit()
