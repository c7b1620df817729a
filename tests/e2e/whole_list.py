#!/usr/bin/env python3
"""The whole list (`GET /api/invitations` without `limit`) against the real server (issue 23): streamed in chunks,
read from the store a page at a time, the same rows in the same order as the pages read by cursor, gzipped as
the same bytes, small lists still sent whole, and clients that leave mid-stream leave the server answering.
Usage: whole_list.py MOTIVO_BINARY SOURCE_DIR"""
import gzip
import json
import socket
import sys

from checks import Checks, Motivo, gen_export, workdir

src = sys.argv[2]
check = Checks()
work = workdir("whole-list")
motivo = Motivo(sys.argv[1], work, db=f"{work}/m.db", now="2026-11-20T18:00:00Z")
# Enough invitations that the list (about 10 MB) outgrows the sockets' buffers.
export = gen_export(src, f"{work}/export", profile="bench", seed=7, invitations=12000, messages=12000,
                    connections=1000)
motivo("import", "--quiet", export)


def by_cursor(server, query):
    """Every row of the list, read by cursor 997 at a time, following the Link headers."""
    rows, path = [], f"/api/invitations?{query}&limit=997" if query else "/api/invitations?limit=997"
    while path:
        status, headers, body = server.request(path)
        assert status == 200, (status, body[:200])
        rows += json.loads(body)
        link = headers.get("Link", "")
        path = link[1:link.index(">")] if link else None
    return rows


def leave_mid_stream(server, read):
    """A client that asks for the whole list, reads `read` bytes of the answer and closes its socket."""
    s = socket.create_connection((server.host, server.port), timeout=20)
    s.sendall(f"GET /api/invitations HTTP/1.1\r\nHost: {server.host}:{server.port}\r\n\r\n".encode())
    got = b""
    while len(got) < read:
        part = s.recv(65536)
        if not part:
            break
        got += part
    s.close()
    return got


with motivo.serve() as server:
    status, headers, plain = server.request("/api/invitations")
    rows = json.loads(plain)
    check(status == 200 and headers.get("Transfer-Encoding") == "chunked" and "Content-Length" not in headers,
          f"the whole list is sent in chunks ({headers.get('Transfer-Encoding')})")
    check(len(rows) == 12000, f"every invitation in it ({len(rows)})")
    check(rows == by_cursor(server, ""), "the same rows, in the same order, as the pages read by cursor")
    status, headers, zipped = server.request("/api/invitations", headers={"Accept-Encoding": "gzip"})
    check(headers.get("Content-Encoding") == "gzip" and gzip.decompress(zipped) == plain,
          "gzipped as it goes, the same bytes")
    for query in ("direction=incoming&undecided=1", "label=spam", "offset=11990", "offset=300&limit=2500"):
        _, _, body = server.request(f"/api/invitations?{query}")
        listed = json.loads(body)
        if query.startswith("offset"):
            offset, _, limit = query.partition("&limit=")
            start = int(offset.split("=")[1])
            expected = rows[start:start + int(limit)] if limit else rows[start:]
        else:
            expected = by_cursor(server, query)
        check(listed == expected, f"{query}: {len(listed)} rows, as expected")
    status, headers, body = server.request("/api/invitations?offset=12000")
    check(status == 200 and body == b"[]" and headers.get("Content-Length") == "2",
          "a list that ends within its first kilobyte is sent whole, with its length")
    got = [len(leave_mid_stream(server, n)) for n in (1, 200000, 2000000)]
    check(all(0 < n < len(plain) for n in got), f"clients read part of the list and left ({got})")
    status, _, again = server.request("/api/invitations")
    check(status == 200 and again == plain, "the server answers the whole list again, unchanged")
    check(server.request("/api/report")[0] == 200 and server.process.poll() is None, "and everything else")

check.exit()
