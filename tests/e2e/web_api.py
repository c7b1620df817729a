#!/usr/bin/env python3
"""API tests of `motivo serve` against the real server on a free loopback port (issue 6): the JSON shapes, the
per-process token and same-origin checks on every state-changing request, the access token, hostile notes
returned as data, the upload, errors as JSON, and the refusal to listen beyond loopback without a token.
Usage: web_api.py MOTIVO_BINARY SOURCE_DIR"""
import json, os, re, subprocess, sys, tempfile, time, urllib.error, urllib.request, uuid

motivo, src = sys.argv[1], sys.argv[2]
work = tempfile.mkdtemp()
env = dict(os.environ, HOME=work, XDG_CONFIG_HOME=os.path.join(work, "xdg"), MOTIVO_NOW="2026-11-20T18:00:00Z")
env.pop("MOTIVO_CONFIG", None)
env.pop("MOTIVO_TOKEN", None)
passed = failed = 0


def check(cond, what):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL:", what, file=sys.stderr)


def start(db, *extra):
    p = subprocess.Popen([motivo, "--db", db, "serve", "--listen", "127.0.0.1:0", *extra], env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = p.stdout.readline()
    url = re.search(r"http://\S+", line).group(0)
    return p, url


def request(url, method="GET", body=None, headers=None):
    data = body if isinstance(body, (bytes, type(None))) else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=20) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


# A demo export with one hostile note added.
export = os.path.join(work, "export")
subprocess.run([sys.executable, os.path.join(src, "scripts/gen-export.py"), "--profile", "demo", "--out", export],
               check=True, capture_output=True)
with open(os.path.join(export, "Invitations.csv"), "a", encoding="utf-8") as f:
    f.write('Mallory Evil,Lucía Fernández Ortega,"11/19/26, 9:00 AM","<script>alert(1)</script><img src=x onerror=alert(2)>",INCOMING,,\n')
db = os.path.join(work, "m.db")
subprocess.run([motivo, "--db", db, "import", "--quiet", export], env=env, check=True, capture_output=True)

server, url = start(db)
try:
    origin = url.rstrip("/")
    status, headers, body = request(url)
    page = body.decode()
    check(status == 200 and "Content-Security-Policy" in headers and "script-src 'self'" in headers["Content-Security-Policy"], "the page and its policy")
    check("<script>" not in page.replace('<script src="/app.js" defer></script>', ""), "no inline script in the page")
    token = re.search(r'name="motivo-token" content="([0-9a-f]+)"', page).group(1)
    ok_headers = {"X-Motivo-Token": token, "Origin": origin, "Content-Type": "application/json"}

    status, _, body = request(url + "api/invitations?direction=incoming&undecided=1")
    queue = json.loads(body)
    check(status == 200 and queue and all({"id", "state", "suggestion", "label", "reasons", "from"} <= set(x) for x in queue), "the queue")
    hostile = [x for x in queue if x["from"] == "Mallory Evil"]
    check(hostile and hostile[0]["message"].startswith("<script>"), "a hostile note comes back as data, unchanged")
    status, _, body = request(url + "api/invitations?label=spam")
    check(status == 200 and all(x["label"] == "spam" for x in json.loads(body)), "filter by label")
    status, _, body = request(url + "api/invitations?state=bogus")
    check(status == 400 and "error" in json.loads(body), "a bad filter is a JSON 400")

    target = next(x for x in queue if x["suggestion"] == "ask")["id"]
    status, _, body = request(url + f"api/invitations/{target}/decision", "POST", {"decision": "accept"})
    check(status == 403, "no token: 403")
    status, _, _ = request(url + f"api/invitations/{target}/decision", "POST", {"decision": "accept"},
                           {"X-Motivo-Token": token, "Origin": "http://evil.example"})
    check(status == 403, "another origin: 403")
    status, _, body = request(url + f"api/invitations/{target}/ask", "POST", {}, ok_headers)
    asked = json.loads(body)
    check(status == 200 and asked["message"] and asked["language"] in ("es", "en"), "ask returns the rendered message")
    status, _, body = request(url + f"api/invitations/{target}/decision", "POST", {"decision": "accept"}, ok_headers)
    check(status == 200 and json.loads(body)["state"] == "accepted", "decide: accepted")
    status, _, body = request(url + "api/invitations?direction=incoming&undecided=1")
    check(all(x["id"] != target for x in json.loads(body)), "a decided invitation leaves the queue")
    status, _, body = request(url + f"api/invitations/{target}/decision", "POST", {"decision": "maybe"}, ok_headers)
    check(status == 400 and "must be accept" in json.loads(body)["error"], "a bad decision is a JSON 400")
    status, _, body = request(url + "api/invitations/999999/ask", "POST", {}, ok_headers)
    check(status == 404, "an unknown invitation: 404")

    status, _, body = request(url + "api/report?since=2026-01-01&until=2026-12-31")
    report = json.loads(body)
    check(status == 200 and report["period"]["since"] == "2026-01-01" and report["incoming"]["received"] > 0, "the report")
    with urllib.request.urlopen(url + "report.html?lang=en", timeout=20) as r:
        policies = r.headers.get_all("Content-Security-Policy")
        body = r.read()
    check(b"<svg" in body and policies == [policies[0]] and "unsafe-inline" in policies[0] and "script-src" not in policies[0], f"the HTML report, one policy without scripts: {policies}")

    status, _, body = request(url + "api/people?search=" + urllib.request.quote("Mallory"))
    people = json.loads(body)
    check(status == 200 and people and people[0]["name"] == "Mallory Evil", "people by name")
    status, _, _ = request(url + f"api/people/{people[0]['id']}/notes", "POST", {"note": "nos vimos en la PyCon"}, ok_headers)
    status, _, body = request(url + "api/people?search=pycon")
    check(json.loads(body)[0]["notes"] == ["nos vimos en la PyCon"], "a note is kept and found")

    # DNS rebinding: another site's name pointed at 127.0.0.1 gets nothing; loopback names work, writes included.
    port = re.match(r"http://[^:]+:(\d+)/", url).group(1)
    status, _, body = request(url + "api/invitations", headers={"Host": f"attacker.example:{port}"})
    check(status == 421 and "Lucía".encode() not in body, f"a foreign Host is refused: {status}")
    status, _, body = request(url, headers={"Host": f"attacker.example:{port}"})
    check(status == 421 and token.encode() not in body, "a foreign Host gets no page and no token")
    local = {"X-Motivo-Token": token, "Origin": f"http://localhost:{port}", "Host": f"localhost:{port}",
             "Content-Type": "application/json"}
    status, _, _ = request(url + f"api/invitations/{target}/decision", "POST", {"decision": "accept"}, local)
    check(status == 200, f"the page opened as http://localhost:PORT may write: {status}")
    status, _, _ = request(url + f"api/invitations/{target}/decision", "POST", {"decision": "accept"},
                           dict(local, Origin=f"http://127.0.0.1:{port}"))
    check(status == 403, "an Origin other than the Host the browser used: 403")
    # Bad requests are 4xx, never 500.
    status, _, body = request(url + "api/invitations/99999999999999999999999/messages")
    check(status == 404, f"an id too large for any row: 404 ({status} {body[:80]})")
    status, _, body = request(url + f"api/invitations/{target}/decision", "POST", {"decision": 5}, ok_headers)
    check(status == 400, f"a field of the wrong type: 400 ({status} {body[:80]})")
    for path in ("report.html?since=garbage", "api/report/team?since=garbage", "api/report?since=2026-11-30&until=2026-11-01"):
        status, _, body = request(url + path)
        check(status == 400, f"{path}: 400 ({status})")
    status, _, _ = request(url + "api/report", headers={"Cookie": f"motivo_token_{port}=left-over", "Authorization": "Bearer stale"})
    check(status == 200, f"an open server ignores a token left over from another: {status}")
    status, _, body = request(url + f"api/people/{people[0]['id']}/notes", "POST", {"note": "x" * (80 << 10)}, ok_headers)
    check(status == 413, f"a JSON body over 64 KiB is refused before it is read: {status}")
    status, _, body = request(url + "api/people?search=" + "x" * 20)
    check(status == 200 and all("x" * 100 not in n for p in json.loads(body) for n in p["notes"]), "and nothing of it is stored")

    status, _, _ = request(url + "../../etc/passwd")
    check(status in (400, 404), "no path traversal")
    status, headers, body = request(url + "nothing/here")
    check(status == 404 and json.loads(body)["status"] == 404, "errors are JSON")

    # The upload, into a fresh database behind a second server.
    zipped = os.path.join(work, "demo.zip")
    subprocess.run([sys.executable, os.path.join(src, "scripts/gen-export.py"), "--profile", "demo", "--out", zipped], check=True, capture_output=True)
    db2 = os.path.join(work, "fresh.db")
    second, url2 = start(db2)
    try:
        page2 = request(url2)[2].decode()
        token2 = re.search(r'content="([0-9a-f]{64})"', page2).group(1)
        boundary = uuid.uuid4().hex
        data = open(zipped, "rb").read()
        body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"export\"; filename=\"demo.zip\"\r\n"
                "Content-Type: application/zip\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()
        status, _, out = request(url2 + "api/import", "POST", body, {"X-Motivo-Token": token2, "Origin": url2.rstrip("/"),
                                 "Content-Type": f"multipart/form-data; boundary={boundary}"})
        result = json.loads(out)
        check(status == 200 and any(f["kind"] == "invitations" and f["new"] > 0 for f in result["files"]), f"upload and import: {status} {out[:200]}")
        status, _, out = request(url2 + "api/import", "POST", b"--x--\r\n", {"X-Motivo-Token": token2, "Origin": url2.rstrip("/"), "Content-Type": "multipart/form-data; boundary=x"})
        check(status == 400, "an upload without the file: 400")
    finally:
        second.terminate()
        second.wait()
    # An upload over the limit: 413, and nothing imported.
    small, url4 = start(os.path.join(work, "small.db"), "--max-upload", "1")
    try:
        page4 = request(url4)[2].decode()
        token4 = re.search(r'content="([0-9a-f]{64})"', page4).group(1)
        # Announce 3 MiB and send only the headers: the server answers at once, before any byte of the file.
        import http.client
        host, port = re.match(r"http://([^:]+):(\d+)/", url4).groups()
        conn = http.client.HTTPConnection(host, int(port), timeout=20)
        conn.putrequest("POST", "/api/import")
        for k, v in {"X-Motivo-Token": token4, "Origin": url4.rstrip("/"), "Content-Length": str(3 << 20),
                     "Content-Type": f"multipart/form-data; boundary={boundary}"}.items():
            conn.putheader(k, v)
        conn.endheaders()
        answer = conn.getresponse()
        status, out = answer.status, answer.read()
        check(status == 413, f"an upload over the limit: {status} {out[:120]}")
    finally:
        small.terminate()
        small.wait()
finally:
    server.terminate()
    server.wait()

# The server and the command line writing to one database at once: nothing lost.
server, url = start(db)
try:
    page = request(url)[2].decode()
    token = re.search(r'name="motivo-token" content="([0-9a-f]+)"', page).group(1)
    headers = {"X-Motivo-Token": token, "Origin": url.rstrip("/"), "Content-Type": "application/json"}
    ids = [x["id"] for x in json.loads(request(url + "api/invitations?direction=incoming")[2])]
    web_ids, cli_ids = ids[0::2][:12], ids[1::2][:12]
    import threading
    results = []
    def web():
        for i in web_ids:
            results.append(request(url + f"api/invitations/{i}/decision", "POST", {"decision": "decline"}, headers)[0])
    # A larger export imported by the command line meanwhile (one transaction of a few seconds; WAL, since the
    # server has the database open: the server's writes wait for it).
    later = os.path.join(work, "later")
    subprocess.run([sys.executable, os.path.join(src, "scripts/gen-export.py"), "--profile", "bench", "--seed", "5",
                    "--invitations", "3000", "--messages", "15000", "--connections", "500", "--out", later],
                   check=True, capture_output=True)
    before_import = json.loads(subprocess.run([motivo, "--db", db, "status", "--json"], env=env, capture_output=True,
                                              text=True).stdout)
    importing = subprocess.Popen([motivo, "--db", db, "import", "--quiet", later], env=env, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.PIPE, text=True)
    thread = threading.Thread(target=web)
    thread.start()
    cli_status = [subprocess.run([motivo, "--db", db, "decide", str(i), "accept"], env=env, capture_output=True).returncode for i in cli_ids]
    thread.join()
    import_error = importing.communicate()[1]
    check(results == [200] * len(web_ids) and cli_status == [0] * len(cli_ids), f"concurrent writes succeed: {results} {cli_status}")
    after_import = json.loads(subprocess.run([motivo, "--db", db, "status", "--json"], env=env, capture_output=True,
                                             text=True).stdout)
    check(importing.returncode == 0 and after_import["messages"] == before_import["messages"] + 15000,
          f"an import by the command line at the same time stores everything ({importing.returncode} {import_error.strip()})")
    after = {x["id"]: x["decision"] for x in json.loads(request(url + "api/invitations?direction=incoming")[2])}
    check(all(after[i] == "decline" for i in web_ids) and all(after[i] == "accept" for i in cli_ids),
          "every write of both is there, and the server sees the CLI's")
finally:
    server.terminate()
    server.wait()

# With an access token: 401 without it, fine with it.
# A token shorter than 16 characters guards nothing: refused however it is given.
for given in (["--token", "s3cret"], ["--token", " " * 20]):
    r = subprocess.run([motivo, "--db", db, "serve", "--listen", "127.0.0.1:0", *given], env=env, capture_output=True,
                       text=True, timeout=20)
    check(r.returncode == 2 and "16 characters" in r.stderr, f"a short token is refused: {r.returncode} {r.stderr}")

tokened, url3 = start(db, "--token", "s3cret-token-of-24-chars")
try:
    status, _, body = request(url3 + "api/report")
    check(status == 401 and "token" in json.loads(body)["error"], "a token is required on every request")
    status, _, _ = request(url3 + "api/report", headers={"Authorization": "Bearer s3cret-token-of-24-chars"})
    check(status == 200, "the token as a bearer")
    import http.client
    host, port = re.match(r"http://([^:]+):(\d+)/", url3).groups()
    conn = http.client.HTTPConnection(host, int(port), timeout=20)
    conn.request("GET", "/?token=s3cret-token-of-24-chars")
    answer = conn.getresponse()
    cookie = answer.getheader("Set-Cookie") or ""
    check(answer.status == 302 and f"motivo_token_{port}=" in cookie and "HttpOnly" in cookie, "the token in the first URL sets a cookie named after the port")
    status, _, _ = request(url3, headers={"Cookie": cookie.split(";")[0]})
    check(status == 200, "the cookie opens the page")
finally:
    tokened.terminate()
    tokened.wait()

# Team mode: each LinkedIn account belongs to one user. Bob uploading an export that names Ana's account as its
# owner is refused, and sees nothing of hers; nothing of hers changes.
team_db = os.path.join(work, "team.db")
tokens = {}
for name in ("ana", "bob"):
    r = subprocess.run([motivo, "--db", team_db, "users", "add", name], env=env, capture_output=True, text=True, check=True)
    tokens[name] = r.stdout.split()[0]
subprocess.run([motivo, "--db", team_db, "--as", "ana", "import", "--quiet", export], env=env, check=True, capture_output=True)
ana_before = subprocess.run([motivo, "--db", team_db, "--as", "ana", "invitations", "--json"], env=env,
                            capture_output=True, text=True, check=True).stdout
team, url5 = start(team_db)
try:
    bob = {"Authorization": "Bearer " + tokens["bob"]}
    page5 = request(url5, headers=bob)[2].decode()
    token5 = re.search(r'content="([0-9a-f]{64})"', page5).group(1)
    craft = os.path.join(work, "craft.zip")
    import zipfile
    with zipfile.ZipFile(craft, "w") as z:
        z.writestr("Invitations.csv", "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
                   "Mallory X,Lucía Fernández Ortega,\"11/19/26, 9:00 AM\",hola,INCOMING,,"
                   "https://www.linkedin.com/in/luciafernandezortega\n")
    boundary = uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"export\"; filename=\"craft.zip\"\r\n"
            "Content-Type: application/zip\r\n\r\n").encode() + open(craft, "rb").read() + f"\r\n--{boundary}--\r\n".encode()
    status, _, out = request(url5 + "api/import", "POST", body, dict(bob, **{"X-Motivo-Token": token5, "Origin": url5.rstrip("/"),
                             "Content-Type": f"multipart/form-data; boundary={boundary}"}))
    check(status == 400 and b"belongs to one user" in out and b"/tmp/motivo-upload" not in out,
          f"another user's account is refused, naming the upload: {status} {out[:200]}")
    status, _, out = request(url5 + "api/invitations", headers=bob)
    check(status == 200 and json.loads(out) == [], "Bob sees none of Ana's invitations")
finally:
    team.terminate()
    team.wait()
ana_after = subprocess.run([motivo, "--db", team_db, "--as", "ana", "invitations", "--json"], env=env,
                           capture_output=True, text=True, check=True).stdout
check(ana_after == ana_before, "nothing of Ana's changed")

# Beyond loopback without a token: refused, and it says why.
r = subprocess.run([motivo, "--db", db, "serve", "--listen", "0.0.0.0:0"], env=env, capture_output=True, text=True, timeout=20)
check(r.returncode == 2 and "token" in r.stderr, f"no token beyond loopback: {r.returncode} {r.stderr}")

print(f"e2e.web_api: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
