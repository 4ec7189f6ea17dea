"""Time `govdisclose build` and the `serve` reload on generated sites.

    .venv/bin/python bench/bench_build.py --notices 1000 10000

For each size it measures, each in a fresh process:
  - a full build without the search index (--no-search);
  - a full build with the Chinese search index;
  - the same build again with nothing changed (a rebuild);
  - in `serve`, the time from saving an edited notice to its page showing the edit.
It prints wall-clock seconds and the peak resident memory of the process tree (the pagefind
indexer included). Targets on a 2-core machine at 10,000 notices (issue 3): ≤ 6 s without search,
≤ 22 s with search, edited page reloaded within 1 s.
"""

from __future__ import annotations

import argparse
import json
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate_site import REPO, generate

# Runs a command and prints its wall time and the peak RSS of all its descendants (KB on Linux).
_MEASURE = (
    "import resource, subprocess, sys, time, json; t = time.perf_counter(); "
    "rc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode; "
    "print(json.dumps([time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, rc]))"
)


def measure(args: list[str]) -> tuple[float, float, int]:
    """(seconds, peak MB, exit status) of one run in a fresh process tree."""
    out = subprocess.run([sys.executable, "-c", _MEASURE, *args], capture_output=True, text=True, check=True).stdout
    seconds, peak_kb, status = json.loads(out)
    return seconds, peak_kb / 1024, status


def govdisclose(*args: str) -> list[str]:
    return [sys.executable, "-m", "govdisclose", *args]


def serve_reload(site: Path) -> float:
    """Seconds from saving an edited notice to the served page containing the edit."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    process = subprocess.Popen(
        govdisclose("serve", "--site", str(site), "--port", str(port), "--today", "2026-11-25"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(base, timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)
        notice = sorted((site / "content" / "gov").rglob("*.md"))[0]
        original = notice.read_text("utf-8")
        index_no = next(line.split(": ", 1)[1] for line in original.splitlines() if line.startswith("index_no: "))
        url = base + "notices/" + index_no.replace("/", "-") + "/"
        time.sleep(1)
        marker = f"编辑标记{time.time_ns()}"
        started = time.perf_counter()
        notice.write_text(original.replace("\n---\n", f"\n---\n{marker}\n", 1), encoding="utf-8")
        while time.perf_counter() - started < 300:
            try:
                if marker in urllib.request.urlopen(url, timeout=5).read().decode("utf-8"):
                    return time.perf_counter() - started
            except OSError:
                pass
            time.sleep(0.02)
        return float("nan")
    finally:
        notice.write_text(original, encoding="utf-8")
        process.terminate()
        process.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--notices", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--no-serve", action="store_true", help="skip the serve reload measurement")
    args = parser.parse_args()
    for n in args.notices:
        site = generate(n, REPO / "bench" / "out" / f"site-{n}")
        with tempfile.TemporaryDirectory() as tmp:
            out = str(Path(tmp) / "public")
            common = ["--site", str(site), "--out", out, "--today", "2026-11-25"]
            rows = [
                ("full build, no search index", measure(govdisclose("build", *common, "--no-search"))),
                ("full build with search index", measure(govdisclose("build", *common))),
                ("rebuild, nothing changed", measure(govdisclose("build", *common))),
            ]
        for label, (seconds, peak, status) in rows:
            print(f"{n:>6} notices  {label:<30} {seconds:6.2f} s  peak {peak:6.0f} MB  (exit {status})")
        if not args.no_serve:
            print(f"{n:>6} notices  {'serve: edited page reloaded':<30} {serve_reload(site):6.2f} s")


if __name__ == "__main__":
    main()
