#!/usr/bin/env python3
"""Issue 20, item 11: motivo fetch never sends the IMAP password in clear to a host that is not loopback unless
--insecure is given, and says so.

A minimal IMAP server (no STARTTLS, records every byte it receives) listens on one of this machine's own
addresses that is not loopback, so nothing leaves the machine. Without --insecure motivo must stop before any
login and name --insecure; with it, it warns and logs in.
Usage: imap_cleartext.py MOTIVO   (exit 77, skipped, when the machine has no address but loopback)
"""
import ipaddress
import socket
import subprocess
import sys
import threading

from checks import Checks, Motivo, skip, workdir


def own_address():
    """An IPv4 address of this machine that is not loopback, or None."""
    try:
        out = subprocess.run(["hostname", "-I"], capture_output=True, text=True, timeout=10).stdout.split()
    except (OSError, subprocess.SubprocessError):
        out = []
    for a in out:
        try:
            ip = ipaddress.ip_address(a)
        except ValueError:
            continue
        if ip.version == 4 and not ip.is_loopback:
            return a
    return None


address = own_address()
if not address:
    skip("no non-loopback IPv4 address on this machine")

received = []


def serve(conn):
    with conn:
        conn.sendall(b"* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN LOGIN] fake server ready\r\n")
        data = b""
        while True:
            chunk = conn.recv(4096)
            if not chunk:
                return
            received.append(chunk)
            data += chunk
            while b"\r\n" in data:
                line, data = data.split(b"\r\n", 1)
                tag = line.split(b" ", 1)[0]
                upper = line.upper()
                if b" CAPABILITY" in upper:
                    conn.sendall(b"* CAPABILITY IMAP4rev1 AUTH=PLAIN LOGIN\r\n" + tag + b" OK done\r\n")
                elif b" STARTTLS" in upper:
                    conn.sendall(tag + b" BAD no TLS here\r\n")
                elif b" AUTHENTICATE" in upper or b" LOGIN" in upper:
                    conn.sendall(tag + b" NO [AUTHENTICATIONFAILED] wrong\r\n")
                elif b" LOGOUT" in upper:
                    conn.sendall(b"* BYE\r\n" + tag + b" OK bye\r\n")
                    return
                elif line:
                    conn.sendall(tag + b" BAD unknown\r\n")


listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
listener.bind((address, 0))
listener.listen(4)
port = listener.getsockname()[1]


def accept_loop():
    while True:
        try:
            conn, _ = listener.accept()
        except OSError:
            return
        threading.Thread(target=serve, args=(conn,), daemon=True).start()


threading.Thread(target=accept_loop, daemon=True).start()

check = Checks()
work = workdir("imap-cleartext")
motivo = Motivo(sys.argv[1], work=work, db=f"{work}/m.db")
url = f"imap://{address}:{port}/INBOX"
password = "s3cret-pass-7781"


def fetch(*extra):
    return motivo("fetch", "--imap", url, "--user", "dana@example.org", *extra, check=False,
                  env={"MOTIVO_IMAP_PASSWORD": password}, timeout=60)


def seen():
    return b"".join(received)


p = fetch()
check(p.returncode == 1, f"without --insecure, imap:// to {address} fails (exit {p.returncode})")
check("--insecure" in p.stderr and "STARTTLS" in p.stderr, f"and says why and what to do ({p.stderr.strip()})")
check(b"LOGIN" not in seen().upper() and b"AUTHENTICATE" not in seen().upper(), "no login was attempted")

received.clear()
p = fetch("--insecure")
check("not a loopback address" in p.stderr, f"with --insecure, a warning says the password crosses in clear "
      f"({p.stderr.strip()})")
check(b"LOGIN" in seen().upper() or b"AUTHENTICATE" in seen().upper(), "and it logs in without TLS")
check(p.returncode == 1 and "login denied" in p.stderr.lower(), f"the fake server's refusal is told ({p.stderr.strip()})")

listener.close()
check.exit()
