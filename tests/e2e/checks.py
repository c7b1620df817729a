"""What the end-to-end scripts share: counted checks that print ok/FAIL lines, and running motivo."""
import json
import subprocess
import sys


class Checks:
    def __init__(self):
        self.failures = 0
        self.count = 0

    def __call__(self, condition, what):
        self.count += 1
        if condition:
            print(f"ok   {what}")
        else:
            self.failures += 1
            print(f"FAIL {what}")
        return condition

    def exit(self):
        print(f"{self.count - self.failures}/{self.count} checks passed")
        sys.exit(1 if self.failures else 0)


def run(motivo, *args, env=None, check=True, input=None):
    """Runs motivo; returns the CompletedProcess (text). With check, a non-zero exit raises with its stderr."""
    r = subprocess.run([motivo, *args], capture_output=True, text=True, env=env, input=input)
    if check and r.returncode != 0:
        raise RuntimeError(f"motivo {' '.join(args)} exited {r.returncode}: {r.stderr.strip()}")
    return r


def run_json(motivo, *args, env=None):
    return json.loads(run(motivo, *args, env=env).stdout)
