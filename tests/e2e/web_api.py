#!/usr/bin/env python3
"""API tests of `motivo serve` against the real server on a free loopback port (issue 6): the JSON shapes, the
per-process token and same-origin checks on every state-changing request, the access token, hostile notes
returned as data, the upload, errors as JSON, and the refusal to listen beyond loopback without a token.
Usage: web_api.py MOTIVO_BINARY SOURCE_DIR"""
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import urllib.request
import uuid
import zipfile

from checks import Checks, Motivo, gen_export, page_token, workdir

src = sys.argv[2]
check = Checks()
work = workdir("web-api")
db = os.path.join(work, "m.db")
motivo = Motivo(sys.argv[1], work, db=db, now="2026-11-20T18:00:00Z")



# A demo export with one hostile note added.
export = gen_export(src, os.path.join(work, "export"))
with open(os.path.join(export, "Invitations.csv"), "a", encoding="utf-8") as f:
    f.write('Mallory Evil,Lucía Fernández Ortega,"11/19/26, 9:00 AM","<script>alert(1)</script><img src=x onerror=alert(2)>",INCOMING,,\n')
motivo("import", "--quiet", export)

with motivo.serve() as server:
    status, headers, body = server.request("/")
    page = body.decode()
    check(status == 200 and "Content-Security-Policy" in headers and "script-src 'self'" in headers["Content-Security-Policy"], "the page and its policy")
    check(all(" src=" in tag for tag in re.findall(r"<script\b[^>]*>", page)), "no inline script in the page")
    check('<script type="module" src="/app.js">' in page, "the page's script is a module")
    # The page's modules are all served; the first page of the queue (and the Spanish catalog) are asked for while
    # they load, in the browser's language.
    modules = re.findall(r'(?:src|href)="/([a-z]+\.js)"', page)
    check(len(modules) >= 2 and all(server.request("/" + m)[0] == 200 for m in modules),
          f"every module the page names is served ({modules})")
    check(server.request("/nothing.js")[0] == 404, "an unknown script: 404")
    preload = '<link rel="preload" as="fetch" crossorigin href="/api/invitations?direction=incoming&amp;undecided=1&amp;lang={}&amp;limit=50">'
    spanish = server.request("/", headers={"Accept-Language": "es-ES,es;q=0.9,en;q=0.8"})[2].decode()
    english = server.request("/", headers={"Accept-Language": "en-GB,es;q=0.5"})[2].decode()
    check(preload.format("es") in spanish and 'href="/catalog/es.json"' in spanish, "the first page preloaded in Spanish")
    check(preload.format("en") in english and "/catalog/" not in english, "and in English, without a catalog")
    token = page_token(page)
    ok_headers = server.write_headers(token)

    status, _, body = server.request("/api/invitations?direction=incoming&undecided=1")
    queue = json.loads(body)
    check(status == 200 and queue and all({"id", "state", "suggestion", "label", "reasons", "from"} <= set(x) for x in queue), "the queue")
    hostile = [x for x in queue if x["from"] == "Mallory Evil"]
    check(hostile and hostile[0]["message"].startswith("<script>"), "a hostile note comes back as data, unchanged")
    status, _, body = server.request("/api/invitations?label=spam")
    check(status == 200 and all(x["label"] == "spam" for x in json.loads(body)), "filter by label")
    status, _, body = server.request("/api/invitations?state=bogus")
    check(status == 400 and "error" in json.loads(body), "a bad filter is a JSON 400")

    target = next(x for x in queue if x["suggestion"] == "ask")["id"]
    status, _, body = server.request(f"/api/invitations/{target}/decision", "POST", {"decision": "accept"})
    check(status == 403, "no token: 403")
    status, _, _ = server.request(f"/api/invitations/{target}/decision", "POST", {"decision": "accept"},
                                  {"X-Motivo-Token": token, "Origin": "http://evil.example"})
    check(status == 403, "another origin: 403")
    status, _, body = server.request(f"/api/invitations/{target}/ask", "POST", {}, ok_headers)
    asked = json.loads(body)
    check(status == 200 and asked["message"] and asked["language"] in ("es", "en"), "ask returns the rendered message")
    # Every answer holding an invitation gives its reasons in the page's language (?lang=es): the reply's, the
    # note's, the undo's (the page shows the card as the answer gives it).
    status, _, body = server.request(f"/api/invitations/{target}/reply?lang=es", "POST", {}, ok_headers)
    replied = json.loads(body)
    check(status == 200 and replied["suggestion_reason"] == "política ask: respondió, aceptar",
          f"a reply's answer in Spanish: {replied.get('suggestion_reason')}")
    status, _, body = server.request(f"/api/invitations/{target}/undo?lang=es", "POST", {}, ok_headers)
    undone = json.loads(body)["invitation"]
    check(status == 200 and undone["suggestion_reason"] == "política ask: preguntada, esperando la respuesta",
          f"an undo's answer in Spanish: {undone.get('suggestion_reason')}")
    status, _, body = server.request(f"/api/invitations/{target}/reply", "POST", {}, ok_headers)
    check(status == 200 and json.loads(body)["suggestion_reason"] == "ask policy: they replied, accept", "and English without ?lang")
    status, _, body = server.request(f"/api/invitations/{target}/decision", "POST", {"decision": "accept"}, ok_headers)
    check(status == 200 and json.loads(body)["state"] == "accepted", "decide: accepted")
    status, _, body = server.request("/api/invitations?direction=incoming&undecided=1")
    check(all(x["id"] != target for x in json.loads(body)), "a decided invitation leaves the queue")
    status, _, body = server.request(f"/api/invitations/{target}/decision", "POST", {"decision": "maybe"}, ok_headers)
    check(status == 400 and "must be accept" in json.loads(body)["error"], "a bad decision is a JSON 400")
    status, _, body = server.request("/api/invitations/999999/ask", "POST", {}, ok_headers)
    check(status == 404, "an unknown invitation: 404")

    status, _, body = server.request("/api/report?since=2026-01-01&until=2026-12-31")
    report = json.loads(body)
    check(status == 200 and report["period"]["since"] == "2026-01-01" and report["incoming"]["received"] > 0, "the report")
    with urllib.request.urlopen(server.url + "/report.html?lang=en", timeout=20) as r:
        policies = r.headers.get_all("Content-Security-Policy")
        body = r.read()
    check(b"<svg" in body and policies == [policies[0]] and "unsafe-inline" in policies[0] and "script-src" not in policies[0], f"the HTML report, one policy without scripts: {policies}")

    status, _, body = server.request("/api/people?search=" + urllib.request.quote("Mallory"))
    people = json.loads(body)
    check(status == 200 and people and people[0]["name"] == "Mallory Evil", "people by name")
    notes = f"/api/people/{people[0]['id']}/notes"
    status, _, _ = server.request(notes, "POST", {"note": "nos vimos en la PyCon"}, ok_headers)
    status, _, body = server.request("/api/people?search=pycon")
    check(json.loads(body)[0]["notes"] == ["nos vimos en la PyCon"], "a note is kept and found")

    # DNS rebinding: another site's name pointed at 127.0.0.1 gets nothing; loopback names work, writes included.
    port = server.port
    status, _, body = server.request("/api/invitations", headers={"Host": f"attacker.example:{port}"})
    check(status == 421 and "Lucía".encode() not in body, f"a foreign Host is refused: {status}")
    status, _, body = server.request("/", headers={"Host": f"attacker.example:{port}"})
    check(status == 421 and token.encode() not in body, "a foreign Host gets no page and no token")
    local = dict(ok_headers, Origin=f"http://localhost:{port}", Host=f"localhost:{port}")
    status, _, _ = server.request(f"/api/invitations/{target}/decision", "POST", {"decision": "accept"}, local)
    check(status == 200, f"the page opened as http://localhost:PORT may write: {status}")
    status, _, _ = server.request(f"/api/invitations/{target}/decision", "POST", {"decision": "accept"},
                                  dict(local, Origin=f"http://127.0.0.1:{port}"))
    check(status == 403, "an Origin other than the Host the browser used: 403")
    # Bad requests are 4xx, never 500.
    status, _, body = server.request("/api/invitations/99999999999999999999999/messages")
    check(status == 404, f"an id too large for any row: 404 ({status} {body[:80]})")
    status, _, body = server.request(f"/api/invitations/{target}/decision", "POST", {"decision": 5}, ok_headers)
    check(status == 400, f"a field of the wrong type: 400 ({status} {body[:80]})")
    for path in ("report.html?since=garbage", "api/report/team?since=garbage", "api/report?since=2026-11-30&until=2026-11-01"):
        status, _, body = server.request("/" + path)
        check(status == 400, f"{path}: 400 ({status})")
    status, _, _ = server.request("/api/report", headers={"Cookie": f"motivo_token_{port}=left-over",
                                                          "Authorization": "Bearer stale"})
    check(status == 200, f"an open server ignores a token left over from another: {status}")
    status, _, body = server.request(notes, "POST", {"note": "x" * (80 << 10)}, ok_headers)
    check(status == 413, f"a JSON body over 64 KiB is refused before it is read: {status}")
    status, _, body = server.request("/api/people?search=" + "x" * 20)
    check(status == 200 and all("x" * 100 not in n for p in json.loads(body) for n in p["notes"]), "and nothing of it is stored")

    status, _, _ = server.request("/../../etc/passwd")
    check(status in (400, 404), "no path traversal")
    status, headers, body = server.request("/nothing/here")
    check(status == 404 and json.loads(body)["status"] == 404, "errors are JSON")

    # The upload, into a fresh database behind a second server.
    zipped = gen_export(src, os.path.join(work, "demo.zip"))
    with motivo.serve(db=os.path.join(work, "fresh.db")) as second:
        token2 = second.token()
        status, _, out = second.upload("demo.zip", open(zipped, "rb").read(), second.write_headers(token2))
        result = json.loads(out)
        check(status == 200 and any(f["kind"] == "invitations" and f["new"] > 0 for f in result["files"]), f"upload and import: {status} {out[:200]}")
        status, _, out = second.request("/api/import", "POST", b"--x--\r\n",
                                        second.write_headers(token2, "multipart/form-data; boundary=x"))
        check(status == 400, "an upload without the file: 400")
        # Errors carry a message id: English, or the language the request asks for (the page's, ?lang=es).
        status, _, out = second.upload("broken.zip", b"not a zip", second.write_headers(token2))
        check(status == 400 and json.loads(out)["error"].startswith("broken.zip: nothing to import"), f"an upload that is not an export: {out[:200]}")
        boundary = uuid.uuid4().hex
        broken = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"export\"; filename=\"broken.zip\"\r\n"
                  "Content-Type: application/zip\r\n\r\nnot a zip\r\n" f"--{boundary}--\r\n").encode()
        status, _, out = second.request("/api/import?lang=es", "POST", broken,
                                        second.write_headers(token2, f"multipart/form-data; boundary={boundary}"))
        check(status == 400 and json.loads(out)["error"].startswith("broken.zip: nada que importar"), f"the same error in Spanish with ?lang=es: {out[:200]}")
        status, _, out = second.request("/catalog/es.json")
        catalog = json.loads(out)
        check(status == 200 and catalog["messages"]["Queue"] == "Cola" and catalog["messages"]["{} to decide"] == ["{} por decidir", "{} por decidir"]
              and catalog["messages"]["state\u0004replied"] == "respondió" and catalog["plural_forms"] == "nplurals=2; plural=(n != 1);",
              "the page's catalog, po/es.po as JSON")
        check(second.request("/catalog/xx.json")[0] == 404, "no catalog for a language without a po file: 404")
    # An upload over the limit: 413, and nothing imported.
    with motivo.serve("--max-upload", "1", db=os.path.join(work, "small.db")) as small:
        # Announce 3 MiB and send only the headers: the server answers at once, before any byte of the file.
        conn = small.connection()
        conn.putrequest("POST", "/api/import")
        for k, v in small.write_headers(small.token(), f"multipart/form-data; boundary={uuid.uuid4().hex}",
                                        **{"Content-Length": str(3 << 20)}).items():
            conn.putheader(k, v)
        conn.endheaders()
        answer = conn.getresponse()
        status, out = answer.status, answer.read()
        check(status == 413, f"an upload over the limit: {status} {out[:120]}")

# The server and the command line writing to one database at once: nothing lost.
with motivo.serve() as server:
    headers = server.write_headers(server.token())
    # Pending ones: a decision on one accepted or withdrawn is refused (409) whoever writes it.
    ids = [x["id"] for x in json.loads(server.request("/api/invitations?direction=incoming")[2]) if x["outcome"] is None]
    web_ids, cli_ids = ids[0::2][:12], ids[1::2][:12]
    results = []

    def web():
        for i in web_ids:
            status, _, _ = server.request(f"/api/invitations/{i}/decision", "POST", {"decision": "decline"}, headers)
            results.append(status)
    # A larger export imported by the command line meanwhile (one transaction of a few seconds; WAL, since the
    # server has the database open: the server's writes wait for it).
    later = gen_export(src, os.path.join(work, "later"), "bench", seed=5, invitations=3000, messages=15000,
                       connections=500)
    for name in os.listdir(later):  # the same account's (a database holds one): the bench owner renamed
        path = os.path.join(later, name)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        with open(path, "w", encoding="utf-8") as f:
            f.write(text.replace("Sam,Rivera", "Lucía,Fernández Ortega").replace("Sam Rivera", "Lucía Fernández Ortega")
                    .replace("sam-rivera-0b7a21c4", "luciafernandezortega"))
    before_import = motivo.json("status", "--json")
    importing = motivo.start("import", "--quiet", later, stderr=subprocess.PIPE, text=True)
    thread = threading.Thread(target=web)
    thread.start()
    # Spam, not accept: the newer export may find them gone (withdrawn), where only an accept would be refused.
    cli_status = [motivo("decide", str(i), "spam", check=False).returncode for i in cli_ids]
    thread.join()
    import_error = importing.communicate()[1]
    check(results == [200] * len(web_ids) and cli_status == [0] * len(cli_ids), f"concurrent writes succeed: {results} {cli_status}")
    after_import = motivo.json("status", "--json")
    check(importing.returncode == 0 and after_import["messages"] == before_import["messages"] + 15000,
          f"an import by the command line at the same time stores everything ({importing.returncode} {import_error.strip()})")
    after = {x["id"]: x["decision"] for x in json.loads(server.request("/api/invitations?direction=incoming")[2])}
    check(all(after[i] == "decline" for i in web_ids) and all(after[i] == "spam" for i in cli_ids),
          "every write of both is there, and the server sees the CLI's")

# With an access token: 401 without it, fine with it.
# A token shorter than 16 characters guards nothing: refused however it is given.
for given in (["--token", "s3cret"], ["--token", " " * 20]):
    r = motivo("serve", "--listen", "127.0.0.1:0", *given, check=False, timeout=20)
    check(r.returncode == 2 and "16 characters" in r.stderr, f"a short token is refused: {r.returncode} {r.stderr}")

with motivo.serve("--token", "s3cret-token-of-24-chars") as tokened:
    status, _, body = tokened.request("/api/report")
    check(status == 401 and "token" in json.loads(body)["error"], "a token is required on every request")
    status, _, _ = tokened.request("/api/report", headers={"Authorization": "Bearer s3cret-token-of-24-chars"})
    check(status == 200, "the token as a bearer")
    conn = tokened.connection()
    conn.request("GET", "/?token=s3cret-token-of-24-chars")
    answer = conn.getresponse()
    action = re.search(r'action="([^"]+)"', answer.read().decode()).group(1).replace("&amp;", "&")
    check(answer.status == 200 and not answer.getheader("Set-Cookie"), "the token in the first URL asks first")
    conn = tokened.connection()
    conn.request("POST", action, body=b"", headers={"Origin": tokened.url, "Content-Length": "0"})
    answer = conn.getresponse()
    cookie = answer.getheader("Set-Cookie") or ""
    check(answer.status == 303 and f"motivo_token_{tokened.port}=" in cookie and "HttpOnly" in cookie,
          "and its confirmation sets a cookie named after the port")
    status, _, _ = tokened.request("/", headers={"Cookie": cookie.split(";")[0]})
    check(status == 200, "the cookie opens the page")

# Team mode: each LinkedIn account belongs to one user. Bob uploading an export that names Ana's account as its
# owner is refused, and sees nothing of hers; nothing of hers changes.
team_db = os.path.join(work, "team.db")
tokens = {name: motivo("users", "add", name, db=team_db).stdout.split()[0] for name in ("ana", "bob")}
tokens["carla"] = motivo("users", "add", "carla", "--admin", db=team_db).stdout.split()[0]
# Two namesakes, two people (their profiles differ), who sent Ana's account an invitation each.
namesakes = os.path.join(work, "namesakes")
shutil.copytree(export, namesakes)
with open(os.path.join(namesakes, "Invitations.csv"), "a", encoding="utf-8") as f:
    for day, slug in ((17, "ana-garcia-sevilla"), (18, "ana-garcia-bilbao")):
        f.write(f'Ana García,Lucía Fernández Ortega,"11/{day}/26, 9:00 AM",,INCOMING,'
                f'https://www.linkedin.com/in/{slug},\n')
motivo("--as", "ana", "import", "--quiet", namesakes, db=team_db)
ana_before = motivo("--as", "ana", "invitations", "--json", db=team_db).stdout
with motivo.serve(db=team_db) as team:
    # The "why we connected" note goes to the invitation's person (its id in the JSON), never to a name: with two
    # namesakes each note lands on its own; a member keeps notes on the people of her invitations only.
    ana = {"Authorization": "Bearer " + tokens["ana"]}
    carla = {"Authorization": "Bearer " + tokens["carla"]}
    anas = sorted((x for x in json.loads(team.request("/api/invitations", headers=ana)[2]) if x["from"] == "Ana García"),
                  key=lambda x: x["sent_at"])
    check(len(anas) == 2 and all(isinstance(x["person"], int) for x in anas) and anas[0]["person"] != anas[1]["person"],
          f"each namesake's invitation carries its own person id: {[x.get('person') for x in anas]}")
    status, _, out = team.request(f"/api/people/{anas[1]['person']}/notes", "POST", {"note": "de la charla de Bilbao"},
                                  team.write_headers(team.token(ana), **ana))
    check(status == 200, f"a member keeps a note on the sender of her invitation: {status} {out[:120]}")
    status, _, out = team.request(f"/api/people/{anas[0]['person']}/notes", "POST", {"note": "vecina de Sevilla"},
                                  team.write_headers(team.token(carla), **carla))
    check(status == 200, f"an admin keeps a note on anyone: {status} {out[:120]}")
    status, _, out = team.request("/api/people?search=" + urllib.request.quote("Ana García"), headers=carla)
    notes = {p["id"]: p["notes"] for p in json.loads(out)}
    check(notes.get(anas[1]["person"]) == ["de la charla de Bilbao"] and notes.get(anas[0]["person"]) == ["vecina de Sevilla"],
          f"each note is on its namesake: {notes}")
    bob = {"Authorization": "Bearer " + tokens["bob"]}
    status, _, out = team.request(f"/api/people/{anas[0]['person']}/notes", "POST", {"note": "no es mía"},
                                  team.write_headers(team.token(bob), **bob))
    check(status == 404, f"another member's contact is not found for Bob: {status} {out[:120]}")
    status, _, out = team.request("/api/people/99999999/notes", "POST", {"note": "nadie"},
                                  team.write_headers(team.token(carla), **carla))
    check(status == 404, f"nobody with that id: 404 ({status})")
    check(team.request("/api/people?search=a", headers=ana)[0] == 403, "searching people stays for admins")
    craft = os.path.join(work, "craft.zip")
    with zipfile.ZipFile(craft, "w") as z:
        z.writestr("Invitations.csv", "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
                   "Mallory X,Lucía Fernández Ortega,\"11/19/26, 9:00 AM\",hola,INCOMING,,"
                   "https://www.linkedin.com/in/luciafernandezortega\n")
    status, _, out = team.upload("craft.zip", open(craft, "rb").read(), team.write_headers(team.token(bob), **bob))
    check(status == 400 and b"belongs to one user" in out and b"/tmp/motivo-upload" not in out,
          f"another user's account is refused, naming the upload: {status} {out[:200]}")
    status, _, out = team.request("/api/invitations", headers=bob)
    check(status == 200 and json.loads(out) == [], "Bob sees none of Ana's invitations")
ana_after = motivo("--as", "ana", "invitations", "--json", db=team_db).stdout
# The versions moved with the notes Ana and Carla kept on her people (a version follows the notes): the rest stays.
without_versions = lambda text: [{k: v for k, v in x.items() if k != "version"} for x in json.loads(text)]
check(without_versions(ana_after) == without_versions(ana_before), "nothing of Ana's changed")

# Beyond loopback without a token: refused, and it says why.
r = motivo("serve", "--listen", "0.0.0.0:0", check=False, timeout=20)
check(r.returncode == 2 and "token" in r.stderr, f"no token beyond loopback: {r.returncode} {r.stderr}")

check.exit()
