"""Explorer latency: after a control changes, how long until the page has the fast stage (cards and spectrum,
single-mode) and the full stage (the build's evaluation), through the local server as the page calls it; and
"Build" from the warm process. Medians of interleaved widths (each a new wire), BLAS at its default.

Targets (issue 25): fast ≤ 150 ms for tin_rfsquid, gral_fluxonium, inox_qps; 0-π headline ≤ 1 s; Build of
tin_rfsquid ≤ 1 s. Run: python benchmarks/bench_explore.py [repeats, default 5]
"""
import json
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from superind.output.explore import explore

ROOT = Path(__file__).resolve().parents[1]


def post(server, action: str, body: dict) -> float:
    base = server.url.split("?")[0].rstrip("/")
    request = urllib.request.Request(f"{base}/{action}?token={server.explorer.token}", data=json.dumps(body).encode(),
                                     method="POST", headers={"Content-Type": "application/json"})
    t0 = time.perf_counter()
    with urllib.request.urlopen(request, timeout=120) as reply:
        data = json.loads(reply.read())
    assert "error" not in data, data
    return time.perf_counter() - t0


def main() -> int:
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    out = Path(tempfile.mkdtemp())
    for name in ("tin_rfsquid", "gral_fluxonium", "inox_qps", "nbn_zeropi"):
        server = explore(ROOT / "layouts" / f"{name}.toml", out / name)
        width = server.explorer.spec.superinductor.width * 1e9
        fast, full = [], []
        for k in range(repeats):
            edits = {"superinductor.width": f"{width + (k % 3 - 1) * 2:.0f} nm"}
            fast.append(post(server, "api/update", {"edits": edits, "stage": "fast"}))
            full.append(post(server, "api/update", {"edits": edits, "stage": "full"}))
        line = f"{name}: fast {statistics.median(fast) * 1e3:.0f} ms, full {statistics.median(full) * 1e3:.0f} ms"
        if name == "tin_rfsquid":
            builds = [post(server, "api/build", {"edits": {}}) for _ in range(3)]
            line += f", Build {statistics.median(builds) * 1e3:.0f} ms"
        print(line, flush=True)
        server.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
