"""Whole-process times of the commands a physicist runs most: ``superind film …`` and ``superind build`` of the
shipped designs, each in a fresh interpreter (bytecode cached), interleaved, medians.

Targets (issues 15, 24): film ≤ 0.35 s, build tin_rfsquid ≤ 1.2 s, build nbn_zeropi ≤ 2.5 s — with the shipped
content (wire modes, Monte-Carlo, every chart) and nothing drawn on the server (the report's charts are drawn by
the browser). A few warm-up runs fill the bytecode cache. Run: python benchmarks/bench_startup.py [repeats, default 7]
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: the driver: run the CLI in this fresh process
DRIVER = """
import sys
from superind.cli import run
sys.argv = ["superind", *sys.argv[1:]]
sys.exit(run())
"""


def commands() -> dict:
    film = ["film", "TiN", "--rsq", "1.5 kOhm", "--tc", "2 K"]
    out = {"film TiN": film}
    for design in ("tin_rfsquid", "nbn_zeropi", "tin_cos2phi"):
        out[f"build {design}"] = ["build", str(ROOT / "layouts" / f"{design}.toml"), "-o",
                                  str(Path(tempfile.gettempdir()) / design)]
    return out


def wall(args: list) -> float:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    t = time.perf_counter()
    subprocess.run([sys.executable, "-c", DRIVER, *args], check=True, env=env, cwd=ROOT,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t


def main() -> int:
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    cmds = commands()
    for args in cmds.values():  # warm-up: bytecode cache, OS file cache
        wall(args)
    times = {name: [] for name in cmds}
    for _ in range(repeats):
        for name, args in cmds.items():
            times[name].append(wall(args))
    targets = {"film TiN": 0.35, "build tin_rfsquid": 1.2, "build nbn_zeropi": 2.5}
    for name, t in times.items():
        aim = f" (target ≤ {targets[name]:g} s: {'met' if statistics.median(t) <= targets[name] else 'missed'})" \
            if name in targets else ""
        print(f"{name}: median {statistics.median(t):.2f} s, range {min(t):.2f}–{max(t):.2f} s{aim}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
