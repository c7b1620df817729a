"""A local fake of LinkedIn's Member Data Portability API for tests: stdlib http.server on a free loopback port.

It serves tests/data/linkedin_api/member.json in the documented shapes (tests/data/linkedin_api/README.md cites
where each comes from): memberSnapshotData in pages of `page_size` rows chained by `rel=next` links, the page after
INBOX's last answered 404 as LinkedIn does; memberChangeLogs from `events`, filtered by startTime. What a test
sets on `behaviour` makes it misbehave: a wrong token (401), a member who may not use the API (403), a snapshot
not ready, 429 with Retry-After, a row missing a field, an endless or foreign next link, a huge body.
"""
import http.server
import json
import threading
import urllib.parse

TOKEN = "AQX-fake-token-Zm9vYmFy.s3cr3t"
PAGE_SIZE = 3


def error(status, message, code):
    """LinkedIn's error body: {message, serviceErrorCode, status}."""
    return status, {"message": message, "serviceErrorCode": code, "status": status}


class FakeLinkedIn:
    def __init__(self, member):
        self.member = member
        self.events = []  # memberChangeLogs elements
        self.behaviour = {}
        self.requests = []  # (path, headers) of every request
        self.lock = threading.Lock()
        fake = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                status, body, headers = fake.answer(self.path, self.headers)
                data = body if isinstance(body, bytes) else json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()

    def paths(self, prefix):
        return [p for p, _ in self.requests if p.startswith(prefix)]

    def answer(self, path, headers):
        with self.lock:
            self.requests.append((path, dict(headers)))
            b = self.behaviour
            if headers.get("Authorization") != f"Bearer {TOKEN}":
                return (*error(401, "Invalid access token", 65600), {})
            if not headers.get("LinkedIn-Version"):
                return (*error(400, "A version must be present", 100), {})
            if b.get("forbidden"):
                return (*error(403, "Not enough permissions to access: memberSnapshotData.FINDER-criteria", 100), {})
            url = urllib.parse.urlsplit(path)
            query = dict(urllib.parse.parse_qsl(url.query))
            key = (url.path, query.get("domain"), query.get("start", "0"))
            limited = b.get("rate_limited", {})
            if key in limited and limited[key] > 0:
                limited[key] -= 1
                return (*error(429, "Resource level throttle limit exceeded", 101),
                        {"Retry-After": str(b.get("retry_after", 1))})
            if url.path == "/rest/memberSnapshotData":
                return (*self.snapshot(query), {})
            if url.path == "/rest/memberChangeLogs":
                return (*self.changes(query), {})
            return (*error(404, "Not found", 404), {})

    def snapshot(self, query):
        domain = query.get("domain", "")
        start = int(query.get("start", "0"))
        b = self.behaviour
        if query.get("q") != "criteria":
            return error(400, "q must be criteria", 100)
        if domain == "PROFILE" and b.get("not_ready", 0) > 0:
            b["not_ready"] -= 1
            return error(404, "No data found for this domain and memberId", 404)
        if b.get("huge") == domain:
            return 200, b"{\"elements\": [" + b" " * (17 << 20) + b"]}"
        rows = [dict(r) for r in self.member.get(domain, [])]
        if not rows and start == 0:
            return error(404, "No data found for this domain and memberId", 404)
        page = rows[start:start + PAGE_SIZE]
        if not page:
            return error(404, "No data found for this domain and memberId", 404)
        missing = b.get("missing")  # (domain, page number, field)
        if missing and missing[0] == domain and start == (missing[1] - 1) * PAGE_SIZE:
            page[0].pop(missing[2], None)
        body = {"paging": {"start": start, "count": PAGE_SIZE, "links": [], "total": len(rows)},
                "elements": [{"snapshotDomain": domain, "snapshotData": page}]}
        # INBOX's last page links on to a page that answers 404; the others end without a next link.
        if start + PAGE_SIZE < len(rows) or domain == "INBOX":
            nxt = f"/rest/memberSnapshotData?count={PAGE_SIZE}&domain={domain}&q=criteria&start={start + PAGE_SIZE}"
            if b.get("loop") == domain:
                nxt = f"/rest/memberSnapshotData?q=criteria&domain={domain}"
            if b.get("foreign") == domain:
                nxt = "https://attacker.example" + nxt
            body["paging"]["links"].append({"type": "application/json", "rel": "next", "href": nxt})
        return 200, body

    def changes(self, query):
        if query.get("q") != "memberAndApplication":
            return error(400, "q must be memberAndApplication", 100)
        since = int(query.get("startTime", "0"))
        start = int(query.get("start", "0"))
        count = int(query.get("count", "10"))
        events = [e for e in self.events if e["processedAt"] >= since]
        page = events[start:start + count]
        return 200, {"paging": {"start": start, "count": count, "links": []}, "elements": page}


def message_event(member, new, processed_at, thread=None):
    """A memberChangeLogs event: `new` (member.json's new_message) written by its author, in its thread or `thread`."""
    created = new["created_at_ms"]
    thread = thread or new["thread"]
    return {
        "id": 7001, "capturedAt": created, "processedAt": processed_at, "configVersion": 1,
        "owner": member["owner_urn"], "actor": new["author_urn"],
        "resourceName": "messages", "resourceId": "2-TWFyY05vdGU=_msg1",
        "resourceUri": "/messages/2-TWFyY05vdGU=_msg1", "method": "CREATE",
        "activity": {"id": "msg1", "owner": new["author_urn"], "author": new["author_urn"], "thread": thread,
                     "createdAt": created, "deliveredAt": created,
                     "content": {"format": "TEXT", "formatVersion": 1, "fallback": new["row"]["CONTENT"]},
                     "attachments": []},
        "processedActivity": {}, "siblingActivities": [], "parentSiblingActivities": [],
        "activityId": "call-msg1", "activityStatus": "SUCCESS",
    }


def other_event(member, processed_at):
    """An event motivo does not read (a reaction): counted, its time kept for the cursor."""
    return {"id": 7002, "capturedAt": processed_at, "processedAt": processed_at, "configVersion": 1,
            "owner": member["owner_urn"], "actor": member["owner_urn"], "resourceName": "socialActions/likes",
            "resourceId": "urn:li:activity:1", "resourceUri": "/socialActions/likes", "method": "CREATE",
            "activity": {"reactionType": "LIKE"}, "activityId": "call-like1", "activityStatus": "SUCCESS"}


if __name__ == "__main__":
    # fake_linkedin.py MEMBER_JSON: serves it until killed, after printing its address and token on one line.
    import sys
    import time
    with open(sys.argv[1], encoding="utf-8") as f:
        fake = FakeLinkedIn(json.load(f))
    print(fake.url, TOKEN, flush=True)
    while True:
        time.sleep(3600)
