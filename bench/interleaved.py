#!/usr/bin/env python3
"""Times commands interleaved, each round in a rotated order, so that a load that changes during the run falls on
each of them alike (hyperfine runs one command's runs, then the next's). Wall time includes Python starting each
process (about 4 ms here): compare the commands with each other, not with hyperfine's figures.

usage: bench/interleaved.py RUNS WARMUP 'COMMAND' 'COMMAND' ...
prints the median, mean and 90th percentile of each command's wall time in milliseconds."""
import os
import shlex
import statistics
import subprocess
import sys
import time


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    runs, warmup = int(sys.argv[1]), int(sys.argv[2])
    commands = [shlex.split(c) for c in sys.argv[3:]]
    times = [[] for _ in commands]
    with open(os.devnull, "w") as null:
        for r in range(warmup + runs):
            k = r % len(commands)
            for i in list(range(k, len(commands))) + list(range(k)):
                start = time.perf_counter()
                subprocess.run(commands[i], stdout=null, stderr=null, check=True)
                if r >= warmup:
                    times[i].append((time.perf_counter() - start) * 1000)
    for command, t in zip(sys.argv[3:], times):
        t.sort()
        print(f"median {statistics.median(t):6.1f}  mean {statistics.mean(t):6.1f}  "
              f"p90 {t[int(len(t) * 0.9)]:6.1f} ms  {command}")


if __name__ == "__main__":
    main()
