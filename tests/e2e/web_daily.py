#!/usr/bin/env python3
"""Issue 26, the server's side of the web app as a daily tool: the queue read in pages (a cursor and a Link header),
the decided view, versions on every invitation and 409 for a write from a stale page, cheap compression, a second
server on a port in use, parameters with a NUL byte, POSTs without a length, and signing in from a link in team
mode (a confirmation page, then a same-origin POST; the cookie Secure behind https; what the user may do).
Usage: web_daily.py MOTIVO_BINARY SOURCE_DIR"""
import gzip
import json
import os
import re
import subprocess
import sys
import urllib.parse

from checks import Checks, Motivo, free_port, gen_export, request, wait_until, workdir

check = Checks()
work = workdir("web-daily")
db = os.path.join(work, "m.db")
motivo = Motivo(sys.argv[1], work, db=db, now="2026-11-20T18:00:00Z")
motivo("import", "--quiet", gen_export(sys.argv[2], os.path.join(work, "export")))


def get(server, path, headers=None):
    status, answer_headers, body = server.request(path, headers=headers)
    return status, answer_headers, json.loads(body) if body.startswith((b"[", b"{")) else body


def next_link(headers):
    """The address of rel="next" in a Link header, or None."""
    found = re.fullmatch(r'<([^>]+)>; rel="next"', headers.get("Link", ""))
    return found.group(1) if found else None


def all_pages(server, path):
    """Every row of a list read page by page through its Link headers, and the number of pages."""
    rows, pages, link = [], 0, path
    while link:
        status, headers, page = get(server, link)
        if status != 200:
            return None, pages
        rows += page
        pages += 1
        link = next_link(headers)
    return rows, pages


with motivo.serve() as server:
    token = server.token()
    write = server.write_headers(token)

    # 1. Pages: the same rows as the whole list, in the same order, a few at a time, filters kept in the links.
    for filters in ("", "direction=incoming", "direction=incoming&undecided=1", "label=personalized",
                    "state=pending"):
        whole = get(server, "/api/invitations?" + filters)[2]
        rows, pages = all_pages(server, f"/api/invitations?{filters}&limit=3")
        check(rows is not None and [x["id"] for x in rows] == [x["id"] for x in whole],
              f"pages of 3 give the whole list in order ({filters or 'no filter'}: {len(whole)} rows)")
        check(pages == max(1, -(-len(whole) // 3)), f"and a Link only while rows follow ({pages} pages)")
    status, headers, first = get(server, "/api/invitations?direction=incoming&limit=2")
    link = next_link(headers)
    check(status == 200 and len(first) == 2 and link and "direction=incoming" in link and "cursor=" in link,
          f"the next page keeps the filters: {headers.get('Link')}")
    status, _, body = get(server, "/api/invitations?limit=2&cursor=bogus")
    check(status == 400 and "cursor" in body["error"] and "bogus" in body["error"], f"a malformed cursor: 400 ({body})")
    cursor = urllib.parse.parse_qs(urllib.parse.urlparse(link).query)["cursor"][0]
    status, _, body = get(server, f"/api/invitations?decided=1&limit=2&cursor={cursor}")
    check(status == 400 and "cursor" in body["error"], "a cursor of another list: 400")
    status, _, sliced = get(server, "/api/invitations?direction=incoming&limit=2&offset=2")
    whole = get(server, "/api/invitations?direction=incoming")[2]
    check([x["id"] for x in sliced] == [x["id"] for x in whole[2:4]], "offset still works")
    status, _, body = get(server, "/api/invitations?limit=x")
    check(status == 400 and "limit" in body["error"], "a limit that is not a number: 400")

    # 2. Versions and decided_at on every invitation, in the list, the detail and the answers of writes.
    queue = get(server, "/api/invitations?direction=incoming&undecided=1")[2]
    check(all(isinstance(x["version"], str) and x["version"] and x["decided_at"] is None for x in queue),
          "each invitation has a version; decided_at null while undecided")
    a, b, c, d = (x for x in queue[:4])
    detail = get(server, f"/api/invitations/{a['id']}")[2]
    check(detail["version"] == a["version"], "the detail has the list's version")

    # Two tabs: the first decides with the version it saw; the second, stale, is refused and told what is now.
    status, _, decided = server.request(f"/api/invitations/{a['id']}/decision", "POST",
                                        {"decision": "accept", "version": a["version"]}, write)
    decided = json.loads(decided)
    check(status == 200 and decided["decision"] == "accept" and decided["version"] != a["version"]
          and decided["decided_at"] == "2026-11-20T18:00:00Z", f"a decision with the current version: {status}")
    status, _, stale = server.request(f"/api/invitations/{a['id']}/decision", "POST",
                                      {"decision": "spam", "version": a["version"]}, write)
    stale = json.loads(stale)
    check(status == 409 and stale.get("code") == "stale" and stale["invitation"]["decision"] == "accept"
          and stale["invitation"]["version"] == decided["version"],
          f"a stale tab's decision: 409 with the invitation as it is ({status} {stale.get('error')})")
    check(get(server, f"/api/invitations/{a['id']}")[2]["decision"] == "accept", "and nothing was written")
    for path, body in ((f"/api/invitations/{a['id']}/undo", {"version": a["version"]}),
                       (f"/api/invitations/{b['id']}/ask", {"version": "0000000000000000"}),
                       (f"/api/invitations/{b['id']}/reply", {"version": "0000000000000000"}),
                       ("/api/invitations/decisions", {"decision": "decline", "ids": [c["id"], b["id"]],
                                                       "version": {str(b["id"]): "0000000000000000"}})):
        status, _, answer = server.request(path, "POST", body, write)
        check(status == 409 and json.loads(answer).get("code") == "stale", f"{path} with a stale version: 409")
    check([get(server, f"/api/invitations/{x['id']}")[2]["version"] for x in (b, c)] == [b["version"], c["version"]],
          "none of those wrote anything")
    status, _, asked = server.request(f"/api/invitations/{b['id']}/ask", "POST", {"version": b["version"]}, write)
    check(status == 200 and json.loads(asked)["recorded"], "ask takes a JSON body with the version")
    status, _, _ = server.request(f"/api/invitations/{b['id']}/ask", "POST", {"version": b["version"]}, write)
    check(status == 409, "a second ask from the same page is stale (the first changed the invitation)")
    status, _, _ = server.request(f"/api/invitations/{c['id']}/decision", "POST", {"decision": "decline"}, write)
    check(status == 200, "without a version, as before")
    status, _, undone = server.request(f"/api/invitations/{a['id']}/undo", "POST", {"version": decided["version"]},
                                       write)
    check(status == 200 and json.loads(undone)["invitation"]["decision"] is None, "undo with the current version")
    current = get(server, f"/api/invitations/{d['id']}")[2]["version"]
    status, _, bulk = server.request("/api/invitations/decisions", "POST",
                                     {"decision": "decline", "ids": [d["id"]], "version": {str(d["id"]): current}},
                                     write)
    check(status == 200 and json.loads(bulk)["applied"], "decisions on ids with their versions")

    # 2b. A note kept from an invitation (POST …/note) is logged on it: undo takes it back like a decision, an ask
    # or a reply ("kind": "note"), and it carries versions and 409 as every write.
    e = queue[4]
    status, _, body = server.request(f"/api/invitations/{e['id']}/note", "POST",
                                     {"note": "nos presentó Marta zarandajas", "version": e["version"]}, write)
    noted = json.loads(body)
    check(status == 200 and noted["id"] == e["id"] and noted["version"] != e["version"],
          f"a note kept: the invitation with a new version ({status} {body[:120]})")
    notes_of = lambda: get(server, f"/api/invitations/{e['id']}")[2]["notes"]
    check(notes_of() == ["nos presentó Marta zarandajas"], "the note is on the invitation's person")
    check(any(p["id"] == e["person"] for p in get(server, "/api/people?search=zarandajas")[2]), "and found by search")
    status, _, body = server.request(f"/api/invitations/{e['id']}/note", "POST",
                                     {"note": "otra", "version": e["version"]}, write)
    check(status == 409 and json.loads(body).get("code") == "stale" and notes_of() == ["nos presentó Marta zarandajas"],
          f"a note from a stale page: 409, nothing kept ({status})")
    for body, expected in (({"note": "  "}, 400), ({}, 400), ({"note": 3}, 400)):
        status, _, _ = server.request(f"/api/invitations/{e['id']}/note", "POST", body, write)
        check(status == expected, f"note {body}: {expected} ({status})")
    status, _, _ = server.request("/api/invitations/99999999/note", "POST", {"note": "nadie"}, write)
    check(status == 404, f"a note on an unknown invitation: 404 ({status})")
    status, _, body = server.request(f"/api/invitations/{e['id']}/undo", "POST", {"version": noted["version"]}, write)
    undone = json.loads(body)
    check(status == 200 and undone["undone"]["kind"] == "note" and undone["undone"]["text"] == "nos presentó Marta zarandajas"
          and undone["undone"]["at"] == "2026-11-20T18:00:00Z" and undone["invitation"]["version"] == e["version"],
          f"undo takes the note back: {body[:200]}")
    check(notes_of() == [] and not any(p["id"] == e["person"] for p in get(server, "/api/people?search=zarandajas")[2]),
          "the note is gone from the person and the search")
    status, _, body = server.request(f"/api/invitations/{e['id']}/undo", "POST", {}, write)
    check(status == 409 and "note" in json.loads(body)["error"], f"then nothing to undo: 409 ({status})")
    server.request(f"/api/invitations/{e['id']}/note", "POST", {"note": "de la PyConES"}, write)
    undone_cli = json.loads(motivo("decide", f"i{e['id']}", "--undo", "--json").stdout)
    check(undone_cli["undone"]["kind"] == "note" and notes_of() == [], "motivo decide --undo takes back a note kept on the page")

    # 3. The decided view: most recently decided first, each with when.
    motivo("decide", str(a["id"]), "spam", env={"MOTIVO_NOW": "2026-11-20T19:00:00Z"})
    decided_list = get(server, "/api/invitations?decided=1")[2]
    check([x["id"] for x in decided_list[:3]] == [a["id"], d["id"], c["id"]]
          and decided_list[0]["decided_at"] == "2026-11-20T19:00:00Z" and all(x["decision"] for x in decided_list),
          f"decided=1: the most recently decided first ({[(x['id'], x['decided_at']) for x in decided_list]})")
    rows, pages = all_pages(server, "/api/invitations?decided=1&limit=1")
    check([x["id"] for x in rows] == [x["id"] for x in decided_list] and pages == len(decided_list),
          "the decided view in pages")

    # 4. Compression: never Brotli at a high level; gzip when accepted, the same JSON.
    status, headers, body = server.request("/api/invitations", headers={"Accept-Encoding": "br, gzip"})
    check(status == 200 and headers.get("Content-Encoding") == "gzip"
          and json.loads(gzip.decompress(body)) == get(server, "/api/invitations")[2],
          f"gzip, not br: {headers.get('Content-Encoding')}")
    status, headers, body = server.request("/app.js", headers={"Accept-Encoding": "br"})
    check(status == 200 and "Content-Encoding" not in headers and b"function" in body, "no Brotli for the assets")

    # 5. A NUL byte in a parameter: 400, said cleanly, no path; a POST without a body or a length: 411.
    for path in ("/api/people?search=a%00b", "/api/invitations?label=x%00", "/api/report?since=%00"):
        status, _, body = server.request(path)
        check(status == 400 and b"NUL" in body and db.encode() not in body and work.encode() not in body,
              f"{path}: 400 naming the NUL byte, no path ({status} {body[:100]})")
    conn = server.connection()
    conn.putrequest("POST", f"/api/invitations/{b['id']}/undo")
    for name, value in write.items():
        conn.putheader(name, value)
    conn.endheaders()
    answer = conn.getresponse()
    check(answer.status == 411 and b"Content-Length" in answer.read(), f"no body, no length: 411 ({answer.status})")
    status, _, _ = server.request(f"/api/invitations/{b['id']}/undo", "POST", b"", write)
    check(status == 200, "an empty body with Content-Length: 0 is fine")

    # 6. A second server on the port in use refuses, and the first goes on.
    port = free_port()
    first = motivo.start("serve", "--listen", f"127.0.0.1:{port}")

    def answers():
        try:
            return request(f"http://127.0.0.1:{port}/api/me", timeout=5)[0] == 200
        except OSError:
            return False

    check(wait_until(answers, 20), "a server on a chosen port")
    try:
        second = motivo("serve", "--listen", f"127.0.0.1:{port}", check=False, timeout=20)
        check(second.returncode == 1 and "port in use" in second.stderr,
              f"a second serve on a port in use: exit 1, 'port in use' ({second.returncode} {second.stderr.strip()})")
    except subprocess.TimeoutExpired:
        check(False, "a second serve on a port in use started anyway")
    check(first.poll() is None and request(f"http://127.0.0.1:{port}/api/me")[0] == 200, "the first still answers")
    first.terminate()
    first.wait(10)

# 7. Team mode: a link with a token asks before signing in; the cookie is set by a same-origin POST only.
team_db = os.path.join(work, "team.db")
tokens = {name: motivo("users", "add", name, db=team_db).stdout.split()[0] for name in ("ana", "bob")}
tokens["carla"] = motivo("users", "add", "carla", "--admin", db=team_db).stdout.split()[0]
with motivo.serve(db=team_db) as team:
    conn = team.connection()
    conn.request("GET", f"/?token={tokens['ana']}", headers={"Accept-Language": "es-ES,es;q=0.9,en;q=0.8"})
    answer = conn.getresponse()
    page = answer.read().decode()
    check(answer.status == 200 and not answer.getheader("Set-Cookie") and "¿Entrar como ana?" in page
          and 'method="post"' in page, f"a link asks first, in Spanish, and sets nothing ({answer.status})")
    # Under no-referrer a browser would send the form with "Origin: null", refused as cross-origin.
    check(answer.getheader("Referrer-Policy") == "same-origin" and "form-action 'self'" in
          answer.getheader("Content-Security-Policy"), "the page's form may post, with its origin")
    action = re.search(r'action="([^"]+)"', page).group(1).replace("&amp;", "&")
    check(action.startswith("/signin?") and "csrf=" in action, f"the form posts to /signin: {action}")
    conn = team.connection()
    conn.request("POST", action, body=b"", headers={"Origin": "http://evil.example", "Content-Length": "0"})
    answer = conn.getresponse()
    check(answer.status == 403 and not answer.getheader("Set-Cookie"), "the form from another site: 403")
    conn = team.connection()
    conn.request("POST", action.split("&csrf=")[0], body=b"", headers={"Origin": team.url, "Content-Length": "0"})
    answer = conn.getresponse()
    check(answer.status == 403 and not answer.getheader("Set-Cookie"), "without this process's token: 403")
    conn = team.connection()
    conn.request("POST", action, body=b"", headers={"Origin": team.url, "Content-Length": "0"})
    answer = conn.getresponse()
    cookie = answer.getheader("Set-Cookie") or ""
    check(answer.status == 303 and answer.getheader("Location") == "/" and f"motivo_token_{team.port}=" in cookie
          and "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Secure" not in cookie,
          f"the confirmation sets the cookie: {answer.status} {cookie}")
    session = {"Cookie": cookie.split(";")[0]}
    status, _, me = get(team, "/api/me", session)
    check(status == 200 and me["name"] == "ana" and me["can"] == {"decide": True, "notes": True, "import": True,
                                                                    "people": False, "team_report": True},
          f"/api/me says what a member may do: {me}")
    check(get(team, "/api/me", {"Authorization": "Bearer " + tokens["carla"]})[2]["can"]["people"],
          "an admin searches people")
    conn = team.connection()
    conn.request("GET", f"/?token={tokens['bob']}", headers={**session, "Accept-Language": "en"})
    answer = conn.getresponse()
    page = answer.read().decode()
    check(answer.status == 200 and not answer.getheader("Set-Cookie") and "signed in as ana" in page
          and "Switch to bob" in page, "another account's link says so and asks to switch")
    conn = team.connection()
    conn.request("GET", f"/?token={tokens['ana']}", headers=session)
    answer = conn.getresponse()
    check(answer.status == 303 and not answer.getheader("Set-Cookie"), "the same account's link just opens the page")
    conn = team.connection()
    conn.request("GET", "/?token=not-a-token-at-all-0000")
    check(conn.getresponse().status == 401, "a wrong token: 401")
with motivo.serve("--public-url", "https://motivo.example", db=team_db) as team:
    conn = team.connection()
    conn.request("GET", f"/?token={tokens['ana']}")
    page = conn.getresponse().read().decode()
    action = re.search(r'action="([^"]+)"', page).group(1).replace("&amp;", "&")
    conn = team.connection()
    conn.request("POST", action, body=b"", headers={"Origin": "https://motivo.example", "Content-Length": "0"})
    cookie = conn.getresponse().getheader("Set-Cookie") or ""
    check("Secure" in cookie and "HttpOnly" in cookie, f"behind https the cookie is Secure: {cookie}")

check.exit()
