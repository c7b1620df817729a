#!/usr/bin/env python3
"""Keeps docs/ARCHITECTURE.md true to the tree (Python 3 stdlib only).

Usage: architecture.py SOURCE_DIR [DOC]   (DOC defaults to SOURCE_DIR/docs/ARCHITECTURE.md)

Fails (exit 1, naming each problem) when
  - a file or folder the document names does not exist: paths from the repository's root (src/..., data/...,
    docs/..., scripts/..., web/..., tests/..., bench/...), paths the document writes from src/motivo/
    (core/people.cpp, store/sqlite/, ...) or from data/ (templates/*.mustache), and bare source or data file
    names (`commands.cpp`, `stock_texts.tsv`, `cmd_*.cpp`), which must exist somewhere in the tree; a * matches
    as in a shell glob;
  - a CTest name it writes in backquotes (`e2e.layers`) is not registered in tests/CMakeLists.txt;
  - its table of commands (the section "## Commands": command names in the first column, the cmd_*.cpp file in the
    second) names a command that src/motivo/cli/commands.cpp does not register, leaves out one it does, or puts a
    command in a file that does not define its setup function.
Only what the document names is checked, so new files need no change here.
"""
import os
import re
import sys
from pathlib import Path

ROOT_DIRS = ("src", "data", "docs", "scripts", "web", "tests", "bench", "cmake", "po", "fuzz")
FILE_SUFFIXES = (".cpp", ".hpp", ".tsv", ".mustache", ".sh", ".py", ".md", ".cmake", ".js", ".css",
                 ".html", ".svg", ".po", ".txt")
SKIP_DIRS = {".git", "build", "node_modules"}


def file_names(root):
    """The names of every file under root, outside build folders and .git."""
    names = set()
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d not in SKIP_DIRS and not (folder == str(root) and d.startswith("build"))]
        names.update(files)
    return names


def exists(base, pattern):
    """Whether base/pattern names a file or folder; * and ? glob within one component."""
    pattern = pattern.rstrip("/")
    if not pattern:
        return base.is_dir()
    if any(c in pattern for c in "*?["):
        return any(True for _ in base.glob(pattern))
    return (base / pattern).exists()


def named_paths(text, folders):
    """(path, line number) for each path-like name in the document: anything in backquotes that has a / or a source
    file's suffix, and unquoted paths that start with one of `folders`."""
    found = []
    root_re = re.compile(r"(?<![A-Za-z0-9_./$~:-])((?:%s)/[A-Za-z0-9_.*/-]*)" % "|".join(map(re.escape, folders)))
    quoted_re = re.compile(r"`([^`\s]+)`")
    for number, line in enumerate(text.splitlines(), 1):
        for m in root_re.finditer(line):
            found.append((m.group(1).rstrip("."), number))
        for m in quoted_re.finditer(line):
            token = m.group(1)
            if token.startswith(("/", "~", "$", ".", "-")) or ":" in token or "(" in token:
                continue
            if not re.fullmatch(r"[A-Za-z0-9_.*/-]+", token):
                continue
            if "/" in token or token.endswith(FILE_SUFFIXES):
                found.append((token, number))
    return found


def check_paths(src, text):
    problems = []
    motivo, data = src / "src" / "motivo", src / "data"
    bases = (src, motivo, data)  # the document writes paths from the root, from src/motivo/ and from data/
    subfolders = {p.name for base in bases for p in base.iterdir() if p.is_dir()} - SKIP_DIRS
    names = file_names(src)
    seen = set()
    for path, line in named_paths(text, sorted(set(ROOT_DIRS) | {p.name for p in motivo.iterdir() if p.is_dir()})):
        if (path, line) in seen:
            continue
        seen.add((path, line))
        if "/" not in path:  # a bare file name: somewhere in the tree
            if not any(Path(name).match(path) for name in names):
                problems.append(f"line {line}: no file named {path} in the tree")
        elif path.split("/", 1)[0] not in subfolders | set(ROOT_DIRS):
            continue  # not a path of this repository (locale/, share/locale, ...)
        elif not any(exists(base, path) for base in bases):
            problems.append(f"line {line}: {path} does not exist (from the root, src/motivo/ or data/)")
    return problems


def check_tests(src, text):
    cmake = (src / "tests" / "CMakeLists.txt").read_text(encoding="utf-8")
    registered = set(re.findall(r"add_test\(NAME\s+([A-Za-z0-9_.]+)", cmake))
    problems = []
    for number, line in enumerate(text.splitlines(), 1):
        for name in re.findall(r"`((?:e2e|classify|postgres)\.[A-Za-z0-9_.]+)`", line):
            if name not in registered:
                problems.append(f"line {number}: test {name} is not registered in tests/CMakeLists.txt")
    return problems


def registered_commands(src):
    """name -> setup function, from the table of src/motivo/cli/commands.cpp."""
    code = (src / "src" / "motivo" / "cli" / "commands.cpp").read_text(encoding="utf-8")
    string = r'"(?:[^"\\]|\\.)*"'
    # {"name", N_("help" "more help"), setup_name}: the help marked for xgettext (or, unmarked, bare strings).
    help_text = r'(?:N_\(\s*%s(?:\s*%s)*\s*\)|%s(?:\s*%s)*)' % (string, string, string, string)
    entry = re.compile(r'\{\s*"([A-Za-z0-9_-]+)",\s*%s\s*,\s*(setup_\w+)\s*\}' % help_text)
    return {m.group(1): m.group(2) for m in entry.finditer(code)}


def documented_commands(text):
    """[(command, file, line)] from the first table under '## Commands'."""
    lines = text.splitlines()
    try:
        start = next(i for i, l in enumerate(lines) if re.fullmatch(r"##\s+Commands\s*", l))
    except StopIteration:
        return None
    rows, in_table = [], False
    for i in range(start + 1, len(lines)):
        line = lines[i]
        if line.startswith("## "):
            break
        if line.startswith("|"):
            in_table = True
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if len(cells) < 2 or set(cells[0]) <= set("-: ") or cells[0] == "command":
                continue
            files = re.findall(r"`([^`]+)`", cells[1])
            for command in re.findall(r"`([^`]+)`", cells[0]):
                rows.append((command, files[0] if files else "", i + 1))
        elif in_table:
            break
    return rows


def check_commands(src, text):
    problems = []
    registered = registered_commands(src)
    if not registered:
        return ["no command found in src/motivo/cli/commands.cpp (has its table changed shape?)"]
    rows = documented_commands(text)
    if rows is None:
        return ["no '## Commands' section: the document must list every command and its file"]
    documented = {}
    for command, file, line in rows:
        if command in documented:
            problems.append(f"line {line}: command {command} listed twice")
        documented[command] = (file, line)
    for command in sorted(set(registered) - set(documented)):
        problems.append(f"command {command} is registered in src/motivo/cli/commands.cpp but not in the Commands table")
    for command, (file, line) in sorted(documented.items()):
        if command not in registered:
            problems.append(f"line {line}: command {command} is not registered in src/motivo/cli/commands.cpp")
            continue
        path = src / "src" / "motivo" / "cli" / file
        if not file or not path.is_file():
            problems.append(f"line {line}: {command}'s file src/motivo/cli/{file} does not exist")
            continue
        setup = registered[command]
        if not re.search(r"\b%s\s*\(\s*CLI::App" % re.escape(setup), path.read_text(encoding="utf-8")):
            problems.append(f"line {line}: {setup} (command {command}) is not defined in src/motivo/cli/{file}")
    return problems


def main():
    if len(sys.argv) < 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    src = Path(sys.argv[1]).resolve()
    doc = Path(sys.argv[2]) if len(sys.argv) > 2 else src / "docs" / "ARCHITECTURE.md"
    text = doc.read_text(encoding="utf-8")
    problems = check_paths(src, text) + check_tests(src, text) + check_commands(src, text)
    for p in problems:
        print(f"{doc.name}: {p}")
    if problems:
        print(f"{doc.name}: {len(problems)} problem(s); correct the document (or the tree)")
        return 1
    print(f"{doc.name}: every named path and test exists; its {len(registered_commands(src))} commands match "
          "src/motivo/cli/commands.cpp")
    return 0


if __name__ == "__main__":
    sys.exit(main())
