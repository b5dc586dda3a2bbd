"""Start-up benchmark: tco against importing its libraries, same machine, one run.

Times (median of several alternating runs, wall clock, fresh processes):
  baseline  python -c "import typer, rich, pint; pint.UnitRegistry()"
  compare   tco compare --format json          (the default preset)
  help      tco --help
and prints the ratios compare/baseline (target <= 1.0) and help/baseline
(target <= 0.5). Not a test: timings on shared machines are noisy.

Usage: python benchmarks/startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def tco_command() -> list[str]:
    script = Path(sys.executable).with_name("tco")
    if script.exists():
        return [str(script)]
    found = shutil.which("tco")
    return [found] if found else [sys.executable, "-m", "tco"]


def timed(cmd: list[str], cwd: str) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    tco = tco_command()
    commands = {
        "baseline": [sys.executable, "-c", "import typer, rich, pint; pint.UnitRegistry()"],
        "compare": [*tco, "compare", "--format", "json"],
        "help": [*tco, "--help"],
    }
    samples: dict[str, list[float]] = {name: [] for name in commands}
    with tempfile.TemporaryDirectory() as cwd:
        for cmd in commands.values():  # warm the file cache once
            timed(cmd, cwd)
        for _ in range(args.runs):
            for name, cmd in commands.items():
                samples[name].append(timed(cmd, cwd))
    medians = {name: statistics.median(s) for name, s in samples.items()}
    for name, median in medians.items():
        print(f"{name:9s} median {median * 1000:7.1f} ms  ({' '.join(commands[name][-3:])})")
    base = medians["baseline"]
    print(f"compare / baseline = {medians['compare'] / base:.2f}  (target <= 1.0)")
    print(f"help / baseline    = {medians['help'] / base:.2f}  (target <= 0.5)")


if __name__ == "__main__":
    main()
