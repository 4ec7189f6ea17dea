"""Time `govdisclose check` on generated sites (target: 10,000 notices in under 3 s on 2 cores).

    .venv/bin/python bench/bench_check.py --notices 1000 10000 --repeat 3

Runs the real console script in a fresh process each time (start-up included) and prints the
best and median wall-clock seconds and the peak resident memory of the child.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate_site import REPO, generate


def time_command(args: list[str]) -> tuple[float, int]:
    """(seconds, exit status) of one run."""
    started = time.perf_counter()
    status = subprocess.run(args, stdout=subprocess.DEVNULL, check=False).returncode
    return time.perf_counter() - started, status


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--notices", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    for n in args.notices:
        site = generate(n, REPO / "bench" / "out" / f"site-{n}")
        command = [
            sys.executable,
            "-m",
            "govdisclose",
            "check",
            "--site",
            str(site),
            "--today",
            "2026-11-25",
            "--format",
            "json",
        ]
        runs = [time_command(command) for _ in range(args.repeat)]
        times = [t for t, _ in runs]
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(
            f"check {n:>6} notices: best {min(times):.2f} s, median {statistics.median(times):.2f} s "
            f"(exit {runs[0][1]}), peak RSS {peak_mb:.0f} MB"
        )


if __name__ == "__main__":
    main()
