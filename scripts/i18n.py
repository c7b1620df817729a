#!/usr/bin/env python3
"""motivo's message catalog, po/es.po, against the message ids the code uses.

One mechanism on each side: the C++ code marks its ids for xgettext (tr() and the CLI's gettext, the
i18n::Catalog members gettext/ngettext/pgettext, N_() for an id written where it is not yet translated, as the
errors' ids); the web page calls _(), ngettext() and pgettext() in web/*.js and names ids in data-i18n and
data-i18n-placeholder attributes of web/index.html. All of them are looked up in po/LANG.po.

    scripts/i18n.py check [SOURCE_DIR]   every id used has a translation in each po/*.po (not fuzzy, the same {}
                                         placeholders, every plural form); exit 1 and the missing entries, ready
                                         to paste, otherwise. Run by CTest (i18n.catalog).
    scripts/i18n.py pot [SOURCE_DIR]     the template of every id used (messages.pot) on standard output, for
                                         msgmerge or a translator.
"""
import os
import re
import subprocess
import sys
import tempfile

# The command line's option and command descriptions are translated where the command line is built
# (cli/help_language.cpp): CLI11's add_option/add_flag take the description last, after the name and the variable.
CPP_KEYWORDS = ["tr", "N_", "gettext", "ngettext:1,2", "pgettext:1c,2", "npgettext:1c,2,3", "trn:1,2", "trp:1c,2",
                "add_option:2,2t", "add_option:3,3t", "add_flag:2,2t", "add_flag:3,3t", "add_subcommand:2,2t"]
JS_KEYWORDS = ["_", "ngettext:1,2", "pgettext:1c,2"]


def unescape(s):
    return re.sub(r'\\(.)', lambda m: {"n": "\n", "t": "\t", "r": "\r"}.get(m.group(1), m.group(1)), s)


def parse_po(text):
    """(context, id) -> {"plural": str or None, "forms": [str], "fuzzy": bool}, without the header."""
    entries, entry, last = {}, None, None

    def finish():
        if entry and "id" in entry and not (entry["id"] == "" and entry.get("context") is None):
            entries[(entry.get("context"), entry["id"])] = {
                "plural": entry.get("plural"), "fuzzy": entry.get("fuzzy", False),
                "forms": [entry["forms"][i] for i in sorted(entry.get("forms", {}))]}

    for line in text.splitlines():
        line = line.rstrip()
        if not line or line.startswith("#~"):
            continue
        if line.startswith("#,"):
            if entry and entry.get("forms"):
                finish()
                entry = {}
            entry = entry if entry is not None else {}
            entry["fuzzy"] = entry.get("fuzzy") or "fuzzy" in line
            continue
        if line.startswith("#"):
            continue
        m = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+"(.*)"$', line)
        if m:
            keyword = m.group(1)
            if keyword in ("msgctxt", "msgid") and entry and entry.get("forms"):
                finish()
                entry = {}
            entry = entry if entry is not None else {}
            value = unescape(m.group(3))
            if keyword == "msgctxt":
                entry["context"], last = value, ("context", None)
            elif keyword == "msgid":
                entry["id"], last = value, ("id", None)
            elif keyword == "msgid_plural":
                entry["plural"], last = value, ("plural", None)
            else:
                index = int(m.group(2) or 0)
                entry.setdefault("forms", {})[index] = value
                last = ("forms", index)
            continue
        m = re.match(r'^"(.*)"$', line)
        if m and entry is not None and last:
            value = unescape(m.group(1))
            if last[0] == "forms":
                entry["forms"][last[1]] += value
            else:
                entry[last[0]] += value
    finish()
    return entries


def header_field(text, name):
    m = re.search(r'"%s:\s*([^"\\]*)' % re.escape(name), text)
    return m.group(1).strip() if m else ""


def xgettext(language, keywords, files):
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "out.pot")
        args = ["xgettext", "--language=" + language, "--from-code=UTF-8", "--no-location", "--force-po",
                "--no-wrap", "-k", "-o", out] + ["--keyword=" + k for k in keywords] + files
        # Its warnings (ids with non-ASCII characters: "…", "⟦") are noise here; its errors are not.
        done = subprocess.run(args, env=dict(os.environ, LC_ALL="C.UTF-8"), capture_output=True, text=True)
        if done.returncode != 0:
            sys.exit("xgettext failed:\n" + done.stderr)
        with open(out, encoding="utf-8") as f:
            return parse_po(f.read())


def used_ids(source):
    """(context, id) -> (plural or None, where) for every id the code uses."""
    cpp = []
    for root, _, names in os.walk(os.path.join(source, "src")):
        cpp += [os.path.join(root, n) for n in names if n.endswith((".cpp", ".hpp"))]
    ids = {}
    for key, e in xgettext("C++", CPP_KEYWORDS, sorted(cpp)).items():
        ids[key] = (e["plural"], "src")
    scripts = sorted(os.path.join(source, "web", f) for f in os.listdir(os.path.join(source, "web")) if f.endswith(".js"))
    for key, e in xgettext("JavaScript", JS_KEYWORDS, scripts).items():
        ids.setdefault(key, (e["plural"], "web/*.js"))
    with open(os.path.join(source, "web", "index.html"), encoding="utf-8") as f:
        html = f.read()
    for m in re.finditer(r'data-i18n(?:-placeholder)?="([^"]*)"', html):
        ids.setdefault((None, m.group(1).replace("&amp;", "&")), (None, "web/index.html"))
    return ids


def placeholders(text):
    return sorted(re.findall(r"\{[^{}]*\}", text.replace("{{", "").replace("}}", "")))


def quote(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t") + '"'


def stub(key, plural, nplurals):
    context, msgid = key
    out = ("msgctxt %s\n" % quote(context) if context is not None else "") + "msgid %s\n" % quote(msgid)
    if plural is None:
        return out + 'msgstr ""\n'
    return out + "msgid_plural %s\n" % quote(plural) + "".join('msgstr[%d] ""\n' % i for i in range(nplurals))


def check(source):
    ids = used_ids(source)
    failed = False
    po_dir = os.path.join(source, "po")
    for name in sorted(os.listdir(po_dir)):
        if not name.endswith(".po"):
            continue
        with open(os.path.join(po_dir, name), encoding="utf-8") as f:
            text = f.read()
        catalog = parse_po(text)
        m = re.search(r"nplurals\s*=\s*(\d+)", header_field(text, "Plural-Forms"))
        nplurals = int(m.group(1)) if m else 2
        missing, wrong = [], []
        for key, (plural, where) in sorted(ids.items(), key=lambda kv: (kv[1][1], kv[0][1], kv[0][0] or "")):
            e = catalog.get(key)
            if e is None or e["fuzzy"] or not e["forms"] or any(not f for f in e["forms"]):
                missing.append((key, plural, where))
                continue
            if plural is not None and len(e["forms"]) != nplurals:
                wrong.append("%s: %r has %d plural forms, Plural-Forms says %d" % (name, key[1], len(e["forms"]), nplurals))
            if plural is None and e["plural"] is not None:
                wrong.append("%s: %r is a plural entry but the code uses it as a single text" % (name, key[1]))
            for form in e["forms"]:
                if placeholders(form) != placeholders(key[1]):
                    wrong.append("%s: %r: the translation %r has other placeholders" % (name, key[1], form))
        for line in wrong:
            print(line)
        if missing:
            print("%s: %d message ids used in the code have no translation; add them:\n" % (name, len(missing)))
            for key, plural, where in missing:
                print("# %s\n%s" % (where, stub(key, plural, nplurals)))
        failed = failed or bool(missing or wrong)
        if not missing and not wrong:
            print("%s: every one of the %d message ids used in the code is translated" % (name, len(ids)))
    return 1 if failed else 0


def pot(source):
    for key, (plural, where) in sorted(used_ids(source).items(), key=lambda kv: (kv[1][1], kv[0][1])):
        print("#: %s\n%s" % (where, stub(key, plural, 2)))
    return 0


def main(argv):
    if len(argv) < 2 or argv[1] not in ("check", "pot"):
        print(__doc__)
        return 2
    source = argv[2] if len(argv) > 2 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    return check(source) if argv[1] == "check" else pot(source)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
