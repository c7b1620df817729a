"""The one helper of the Python end-to-end scripts (tests/e2e/*.py), so that each says only what it tests:

- Checks: counted checks that print ok/FAIL lines, then how many passed, and exit 1 if any failed;
- skip(): CTest's skip, exit 77, with the reason printed;
- workdir(): a temporary folder, removed when the script ends;
- Motivo: the binary under test in an environment of its own (English messages, the user's settings and token
  left out, a fixed clock when asked), run for its text or its JSON, or started without waiting;
- gen_export(): the synthetic exports of scripts/gen-export.py (the Spanish demo, or bench sizes);
- sqlite(), dump(), integrity(): the sqlite3 shell on a database file;
- Server, from Motivo.serve(): `motivo serve` on a free loopback port, started, answering, stopped; its page's
  token and requests to it; request() for one HTTP request to any URL;
- free_port() and wait_until(), for the scripts that start servers of their own.
The scripts import it by name: Python puts a script's own folder first on sys.path."""
import atexit
import http.client
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid


class Checks:
    """Counted checks: `check(condition, what)` prints `ok   what` or `FAIL what` and returns the condition."""

    def __init__(self):
        self.failures = 0
        self.count = 0

    def __call__(self, condition, what):
        self.count += 1
        if condition:
            print(f"ok   {what}")
        else:
            self.failures += 1
            print(f"FAIL {what}")
        return condition

    def exit(self):
        print(f"{self.count - self.failures}/{self.count} checks passed")
        sys.exit(1 if self.failures else 0)


def skip(reason):
    """Ends the script as skipped (CTest's SKIP_RETURN_CODE 77), saying why."""
    print(f"skipped: {reason}")
    sys.exit(77)


def workdir(name, mode=None):
    """A new temporary folder motivo-NAME-*, removed when the script ends however it ends. `mode`: its permissions
    (0o755 where a server runs as another user)."""
    work = tempfile.mkdtemp(prefix=f"motivo-{name}-")
    if mode is not None:
        os.chmod(work, mode)
    atexit.register(shutil.rmtree, work, ignore_errors=True)
    return work


class CommandFailed(RuntimeError):
    """motivo exited with an error where the script needed it to succeed."""


def environment(work=None, now=None, **changes):
    """os.environ for motivo under test: English messages (LANG=C.UTF-8, LANGUAGE=en; LC_ALL and LC_MESSAGES, which
    would win over LANG, unset); with `work`, HOME and XDG_CONFIG_HOME inside it and MOTIVO_CONFIG and MOTIVO_TOKEN
    unset, so that the user's own settings and token stay out; MOTIVO_NOW=now when given. In `changes` a variable
    given None is unset."""
    changes = {"LANG": "C.UTF-8", "LANGUAGE": "en", "LC_ALL": None, "LC_MESSAGES": None, **changes}
    if work:
        changes = {"HOME": work, "XDG_CONFIG_HOME": os.path.join(work, "xdg"), "MOTIVO_CONFIG": None,
                   "MOTIVO_TOKEN": None, **changes}
    if now:
        changes.setdefault("MOTIVO_NOW", now)
    return with_changes(os.environ, changes)


def with_changes(env, changes):
    env = dict(env)
    for name, value in (changes or {}).items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


class Motivo:
    """The binary under test. `motivo(*args)` runs it and waits; `db` (here or on each call) puts `--db DB` first;
    `work`, `now` and the keyword arguments make its environment (see environment())."""

    def __init__(self, binary, work=None, db=None, now=None, **env):
        self.binary = os.path.abspath(binary)
        self.work = work
        self.db = db
        self.env = environment(work, now, **env)

    def command(self, args, db=None):
        db = db or self.db
        return [self.binary, *(["--db", db] if db else []), *args]

    def run(self, *args, db=None, check=True, input=None, text=True, env=None, timeout=None, prefix=()):
        """The CompletedProcess, its output as text (UTF-8) unless text=False; `env` changes the environment for this
        run; `prefix` is a command that runs motivo (such as /usr/bin/time). With check, an exit status other than 0
        raises CommandFailed with motivo's stderr."""
        p = subprocess.run([*prefix, *self.command(args, db)], input=input, capture_output=True,
                           env=with_changes(self.env, env), timeout=timeout, **({"encoding": "utf-8"} if text else {}))
        if check and p.returncode != 0:
            stderr = p.stderr if text else p.stderr.decode("utf-8", "replace")
            raise CommandFailed(f"motivo {' '.join(map(str, args))} exited {p.returncode}: {stderr.strip()}")
        return p

    __call__ = run

    def json(self, *args, **kwargs):
        """What the command prints, read as JSON (the command must succeed)."""
        return json.loads(self.run(*args, **kwargs).stdout)

    def start(self, *args, db=None, env=None, **popen):
        """Starts the command without waiting: a Popen, its output thrown away unless `popen` says otherwise."""
        popen.setdefault("stdout", subprocess.DEVNULL)
        popen.setdefault("stderr", subprocess.DEVNULL)
        return subprocess.Popen(self.command(args, db), env=with_changes(self.env, env), **popen)

    def serve(self, *extra, db=None, env=None):
        """`motivo serve` on a free loopback port, answering: see Server."""
        return Server(self, extra, db, env)


def gen_export(source, out, profile="demo", seed=None, invitations=None, messages=None, connections=None):
    """The synthetic export scripts/gen-export.py writes at `out` (a folder, or a zip archive when the name ends in
    .zip): the Spanish demo, or with profile="bench" the sizes given. Returns `out`."""
    command = [sys.executable, os.path.join(source, "scripts", "gen-export.py"), "--profile", profile, "--out", out]
    for flag, value in (("--seed", seed), ("--invitations", invitations), ("--messages", messages),
                        ("--connections", connections)):
        if value is not None:
            command += [flag, str(value)]
    subprocess.run(command, check=True, capture_output=True)
    return out


def sqlite(db, command):
    """What the sqlite3 shell prints for one SQL statement or dot-command on the database file."""
    return subprocess.run(["sqlite3", db, command], capture_output=True, text=True).stdout


def dump(db):
    """The whole database as SQL text (sqlite3's .dump): equal dumps, the same contents."""
    return sqlite(db, ".dump")


def integrity(db):
    """PRAGMA integrity_check's answer: "ok" for a sound file."""
    return sqlite(db, "PRAGMA integrity_check").strip()


def free_port():
    """A TCP port free on 127.0.0.1 just now, for a server that has to be told its port."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(condition, timeout, interval=0.1):
    """Calls condition() until it returns something true or `timeout` seconds pass; returns its last answer."""
    deadline = time.monotonic() + timeout
    while True:
        answer = condition()
        if answer or time.monotonic() >= deadline:
            return answer
        time.sleep(interval)


def request(url, method="GET", body=None, headers=None, timeout=30):
    """One HTTP request, redirects followed: (status, headers as a dict, body as bytes), error statuses included.
    A body that is not bytes is sent as JSON."""
    data = body if isinstance(body, (bytes, type(None))) else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def multipart(name, data):
    """A form with one file, the "export" field, as the web page uploads it: (body, content type)."""
    boundary = uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"export\"; filename=\"{name}\"\r\n"
            "Content-Type: application/zip\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def page_token(page):
    """The per-process token that the web app's page carries (its meta motivo-token) for state-changing requests."""
    return re.search(r'name="motivo-token" content="([0-9a-f]{64})"', page).group(1)


class Server:
    """`motivo serve --listen 127.0.0.1:0 EXTRA...` on a database (the system picks a free port), from Motivo.serve:
    started, then waited for until it answers HTTP; stop(), or the end of a `with` block, ends it. What it prints
    goes to files in the Motivo's folder: `line` is its first line, `url` its address (http://127.0.0.1:PORT, no
    slash at the end), `log()` its stderr."""

    started = 0

    def __init__(self, motivo, extra, db=None, env=None, timeout=20):
        Server.started += 1
        folder = motivo.work or workdir("serve")
        self.out_file = os.path.join(folder, f"serve{Server.started}.out")
        self.log_file = os.path.join(folder, f"serve{Server.started}.log")
        with open(self.out_file, "w") as out, open(self.log_file, "w") as log:
            self.process = motivo.start("serve", "--listen", "127.0.0.1:0", *extra, db=db, env=env, stdout=out,
                                        stderr=log)
        wait_until(lambda: self.process.poll() is not None or "\n" in self.output(), timeout)
        self.line = self.output().split("\n", 1)[0]
        found = re.search(r"http://(\S+?):(\d+)/?(?=\s|$)", self.line)
        if not found:
            self.stop()
            raise RuntimeError(f"motivo serve did not start: {self.line!r} {self.log().strip()}")
        self.url = found.group(0).rstrip("/")
        self.host, self.port = found.group(1), int(found.group(2))
        if not wait_until(self.answers, timeout):
            self.stop()
            raise RuntimeError(f"motivo serve does not answer at {self.url}: {self.log().strip()}")

    def output(self):
        with open(self.out_file, encoding="utf-8", errors="replace") as f:
            return f.read()

    def log(self):
        with open(self.log_file, encoding="utf-8", errors="replace") as f:
            return f.read()

    def answers(self):
        try:
            return request(self.url + "/", timeout=5)[0] > 0
        except OSError:  # not listening yet (urllib's URLError is an OSError)
            return False

    def request(self, path, method="GET", body=None, headers=None):
        """request() to a path of this server ("/api/report")."""
        return request(self.url + path, method, body, headers)

    def upload(self, name, data, headers):
        """POST /api/import of one file as the form's "export" field: (status, headers, body)."""
        body, content_type = multipart(name, data)
        return self.request("/api/import", "POST", body, dict(headers, **{"Content-Type": content_type}))

    def token(self, headers=None):
        """The token of the page this server gives (with `headers`, as that user)."""
        return page_token(self.request("/", headers=headers)[2].decode())

    def write_headers(self, token, content_type="application/json", **more):
        """The headers a state-changing request from the page carries: its token, its origin, its content type."""
        return {"X-Motivo-Token": token, "Origin": self.url, "Content-Type": content_type, **more}

    def connection(self):
        """A raw HTTP connection to the server (for what urllib does not let a test do: no redirects followed, a
        request sent in parts)."""
        return http.client.HTTPConnection(self.host, self.port, timeout=20)

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def __enter__(self):
        return self

    def __exit__(self, *_):
        self.stop()
