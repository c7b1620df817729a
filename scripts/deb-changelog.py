#!/usr/bin/env python3
"""CHANGELOG.md (Keep a Changelog) in Debian's changelog format, for the package's /usr/share/doc/motivo/changelog.gz.

Usage: deb-changelog.py CHANGELOG.md "Name <address>"

Each released section "## [VERSION] - YYYY-MM-DD" becomes an entry "motivo (VERSION) unstable; urgency=medium" with
its bullets (sub-headings such as "### Added" name the bullets under them) and a signature dated that day at noon
UTC; "## [Unreleased]" is left out. Written with the Python standard library only (the build runs it)."""
import datetime
import email.utils
import re
import sys
import textwrap


def entries(text):
    """(version, date, [lines]) for each released section, newest first as the file has them."""
    found = []
    for block in re.split(r"^## ", text, flags=re.M)[1:]:
        head, _, body = block.partition("\n")
        m = re.match(r"\[(\d[^\]]*)\] - (\d{4}-\d{2}-\d{2})", head)
        if not m:
            continue
        lines, kind = [], ""
        for line in body.splitlines():
            if line.startswith("### "):
                kind = line[4:].strip()
            elif line.startswith("- "):
                lines.append((kind, line[2:].strip()))
            elif line.startswith("  ") and lines:
                lines[-1] = (lines[-1][0], lines[-1][1] + " " + line.strip())
        found.append((m.group(1), m.group(2), lines))
    return found


def debian(version, date, lines, maintainer):
    out = [f"motivo ({version}) unstable; urgency=medium", ""]
    for kind, text in lines:
        text = re.sub(r"[`*]", "", text)
        wrapped = textwrap.wrap(f"{kind}: {text}" if kind else text, 74)
        out.append("  * " + wrapped[0])
        out.extend("    " + w for w in wrapped[1:])
    day = datetime.datetime.strptime(date, "%Y-%m-%d").replace(hour=12, tzinfo=datetime.timezone.utc)
    out += ["", f" -- {maintainer}  {email.utils.format_datetime(day)}", ""]
    return "\n".join(out)


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    with open(sys.argv[1], encoding="utf-8") as f:
        found = entries(f.read())
    if not found:
        sys.exit(f"deb-changelog: no released version in {sys.argv[1]}")
    sys.stdout.write("\n".join(debian(v, d, lines, sys.argv[2]) for v, d, lines in found))


main()
