#!/usr/bin/env python3
"""The Debian package (issue 25), built from the build tree by CPack as `make package` builds it, then checked:
  - its name (motivo_VERSION_amd64.deb) and control fields: Depends computed from the binary's libraries (runtime
    packages such as libsqlite3-0, never a -dev package);
  - `dpkg-deb --contents` lists the binary, the catalogs, the manual pages (en, es), the bash, zsh and fish
    completions in their standard folders, README, changelog and copyright under /usr/share/doc/motivo;
  - no path of the build machine (the source and build folders) in any file of it;
  - lintian reports no error (skipped, with the reason, when lintian is not installed; required under CI);
  - unpacked into a throwaway root (dpkg -x), the binary runs: --version, --help, Spanish help from the packaged
    catalog, its bash completion loads, and `man -l` renders both installed manual pages;
  - installed with `dpkg --root` into an empty root and removed: nothing of it is left.
Skipped in a sanitizer build (the asan preset): a package is made from the default build.
Usage: package.py BUILD_DIR SOURCE_DIR [SANITIZERS]"""
import glob
import os
import re
import shutil
import subprocess
import sys

from checks import Checks, environment, skip, workdir

build, source = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
if len(sys.argv) > 3 and sys.argv[3]:
    skip(f"a build with sanitizers ({sys.argv[3]}) is not packaged: make package uses the default build")
for tool in ("cpack", "dpkg-deb", "dpkg-shlibdeps"):
    if not shutil.which(tool):
        skip(f"{tool} is not installed (scripts/install-deps.sh --package installs it)")
check = Checks()
work = workdir("package")
ci = bool(os.environ.get("CI"))


def run(*command, **kwargs):
    return subprocess.run(command, capture_output=True, text=True, **kwargs)


p = run("cpack", "-G", "DEB", "--config", os.path.join(build, "CPackConfig.cmake"), "-B", work)
with open(os.path.join(source, "CMakeLists.txt"), encoding="utf-8") as f:
    version = re.search(r"project\(motivo VERSION (\S+)", f.read()).group(1)
deb = os.path.join(work, f"motivo_{version}_amd64.deb")
if not check(p.returncode == 0 and os.path.exists(deb), f"cpack writes {os.path.basename(deb)} {p.stderr[-500:]}"):
    check.exit()
check("Warning" not in p.stdout + p.stderr, f"cpack: no CMake warning {p.stderr[:300]}")

fields = {f: run("dpkg-deb", "-f", deb, f).stdout.strip() for f in ("Package", "Version", "Architecture", "Depends")}
check(fields["Package"] == "motivo" and fields["Version"] == version and fields["Architecture"] == "amd64",
      f"control: {fields['Package']} {fields['Version']} {fields['Architecture']}")
depends = [d.strip().split(" ")[0] for d in re.split(r"[,|]", fields["Depends"])]
check({"libc6", "libsqlite3-0", "libzip4", "libpqxx-6.4", "libcurl4"} <= set(depends),
      f"control: Depends lists the runtime libraries ({fields['Depends'][:200]})")
check(not [d for d in depends if d.endswith("-dev")], "control: no -dev package in Depends")

contents = run("dpkg-deb", "--contents", deb).stdout
files = {line.split()[-1].lstrip(".") for line in contents.splitlines()}
for path in ("/usr/bin/motivo", "/usr/share/locale/es/LC_MESSAGES/motivo.mo", "/usr/share/man/man1/motivo.1.gz",
             "/usr/share/man/es/man1/motivo.1.gz", "/usr/share/bash-completion/completions/motivo",
             "/usr/share/zsh/vendor-completions/_motivo", "/usr/share/fish/vendor_completions.d/motivo.fish",
             "/usr/share/doc/motivo/README.md", "/usr/share/doc/motivo/changelog.gz",
             "/usr/share/doc/motivo/copyright"):
    check(path in files, f"contents: {path}")

root = os.path.join(work, "root")
run("dpkg-deb", "-x", deb, root)
local = [os.fsencode(source), os.fsencode(build)]
leaking = []
for folder, _, names in os.walk(root):
    for name in names:
        with open(os.path.join(folder, name), "rb") as f:
            data = f.read()
        if any(path in data for path in local):
            leaking.append(os.path.relpath(os.path.join(folder, name), root))
check(not leaking, f"no path of the build machine in the package ({leaking})")

if shutil.which("lintian"):
    p = run("lintian", "--no-tag-display-limit", deb)
    errors = [line for line in p.stdout.splitlines() if line.startswith("E:")]
    check(not errors, "lintian: no error" + "".join("\n     " + e for e in errors))
    print("lintian says:\n" + p.stdout if p.stdout else "lintian says nothing")
elif ci:
    check(False, "lintian: not installed, and CI must run it (scripts/install-deps.sh --package)")
else:
    print("skipped: lintian is not installed (scripts/install-deps.sh --package installs it)")

binary = os.path.join(root, "usr", "bin", "motivo")
env = environment(work)
p = run(binary, "--version", env=env)
check(p.returncode == 0 and p.stdout.startswith(f"motivo {version} (revision "), f"unpacked: {p.stdout.strip()}")
p = run(binary, "--help", env=env)
check(p.returncode == 0 and "import" in p.stdout and "completion" in p.stdout, "unpacked: --help lists the commands")
p = run(binary, "--help", env={**env, "LANGUAGE": "es"})
check("muestra lo que guarda la base de datos" in p.stdout, "unpacked: Spanish help from the packaged catalog")
# Mail needs the mail and network module (lib/<triplet>/motivo/mail-net.so), which the binary opens from its own
# path: an .eml imported into a new database shows it found the packaged module and its libraries.
eml = os.path.join(source, "tests/data/mail/en-default-text.eml")
p = run(binary, "--db", os.path.join(work, "module.db"), "import", eml, env=env)
check(p.returncode == 0 and "invitations: 1 (1 new" in p.stdout,
      f"unpacked: imports mail through the mail and network module {p.stderr.strip()[-300:]}")
completion = os.path.join(root, "usr/share/bash-completion/completions/motivo")
p = run("bash", "--norc", "-c", f"source '{completion}' && complete -p motivo")
check("-F _motivo" in p.stdout, "unpacked: the bash completion loads")

if shutil.which("man"):
    man_env = {**env, "MANPAGER": "cat", "PAGER": "cat", "MANWIDTH": "100", "MAN_KEEP_FORMATTING": ""}
    for page, words in (("man/man1/motivo.1.gz", ("EXIT STATUS", "motivo decide")),
                        ("man/es/man1/motivo.1.gz", ("ESTADO DE SALIDA", "motivo decide"))):
        p = run("man", "-l", os.path.join(root, "usr/share", page), env=man_env)
        check(p.returncode == 0 and all(w in p.stdout for w in words), f"man -l {page} renders it")
elif ci:
    check(False, "man: not installed, and CI must run it (scripts/install-deps.sh --package)")
else:
    print("skipped: man is not installed (scripts/install-deps.sh --package installs it)")

# Installed and removed with dpkg in a root of its own (needs root's rights for dpkg's ownership changes).
if os.geteuid() == 0:
    target = os.path.join(work, "target")
    for folder in ("var/lib/dpkg/info", "var/lib/dpkg/updates", "var/log"):
        os.makedirs(os.path.join(target, folder))
    open(os.path.join(target, "var/lib/dpkg/status"), "w").close()
    dpkg = ["dpkg", f"--root={target}", "--log=/dev/null", "--force-depends", "--force-script-chrootless"]
    p = run(*dpkg, "--install", deb)
    if not check(p.returncode == 0 and os.path.exists(os.path.join(target, "usr/bin/motivo")),
                 "dpkg --root --install (its dependencies aside: the root is empty)"):
        print(p.stderr[-1000:])
    p = run(*dpkg, "--purge", "motivo")
    left = [os.path.relpath(f, target) for f in glob.glob(os.path.join(target, "usr", "**"), recursive=True)
            if os.path.isfile(f)]
    check(p.returncode == 0 and not left, f"dpkg --purge leaves nothing behind ({left[:5]})")
else:
    print("skipped: dpkg --root needs root's rights: the install and removal are not tried")
check.exit()
