#!/usr/bin/env python3
"""The mail benchmark's baseline: Python's standard library reading the same mbox (mailbox + email with the
default policy: headers decoded, bodies to text), keeping LinkedIn's mail that names an invitation id.
It does less than motivo (no note extraction, no storage): it bounds what parsing alone costs in Python."""
import mailbox
import email.policy
import re
import sys

box = mailbox.mbox(sys.argv[1], factory=lambda f: email.message_from_binary_file(f, policy=email.policy.default))
ids = re.compile(r"invitationId[=/](\d+)")
found = 0
for message in box:
    if "linkedin.com" not in str(message.get("From", "")):
        continue
    body = message.get_body(preferencelist=("plain", "html"))
    if body is not None and ids.search(body.get_content()):
        found += 1
print(found)
