"""Layout speed (issue 5): build + write a 1 mm, 100 nm meander (target < 5 ms), a chip of 100 meander variants
(target < 1 s), and, when gdsfactory is importable, the ratio against its ``snspd`` for the same wire.

Times are the best of several repeats, after one warm-up call (imports, turn-table load). Writes into a temporary
folder. Run: python benchmarks/bench_layout.py
"""
import sys
import tempfile
from pathlib import Path

from superind.layout import chip, meander, write_gds

from _timing import best_time


def main() -> int:
    out = Path(tempfile.mkdtemp(prefix="superind_bench_"))
    ok = True
    for turn in ("square", "round", "optimal"):
        def one(turn=turn):
            res = meander(100e-9, 100e-9, length_m=1e-3, turn=turn, pads=False)
            write_gds(out / f"m_{turn}.gds", res)
            return res
        one()
        t, res = best_time(one, 30)
        ok &= t < 5e-3
        print(f"1 mm × 100 nm meander, {turn:7} turns: build + write {t * 1e3:6.2f} ms "
              f"({res.info['rows']} rows, {res.to_dict()['vertices']} vertices)  target < 5 ms")

    def sweep():
        variants = [meander((20 + 2 * k) * 1e-9, 100e-9, squares=5000, turn="round", name=f"v{k}")
                    for k in range(100)]
        return write_gds(out / "chip.gds", chip(variants, columns=10))
    sweep()
    t, _ = best_time(sweep, 3)
    ok &= t < 1.0
    print(f"chip of 100 meander variants (w = 20…218 nm, 5000 squares each): build + write {t * 1e3:.0f} ms  "
          "target < 1 s")

    try:
        import gdsfactory as gf
    except ImportError:
        print("gdsfactory is not installed: no ratio against its snspd")
        return 0 if ok else 1
    if hasattr(gf, "gpdk"):
        gf.gpdk.PDK.activate()

    calls = iter(range(10**6))

    def gf_snspd():          # a new turn_ratio each call defeats gdsfactory's cell cache (no effect on shape)
        c = gf.components.snspd(wire_width=0.1, wire_pitch=0.2, size=(None, None), num_squares=10000,
                                turn_ratio=4 + 1e-9 * next(calls))
        c.write_gds(out / "gf_snspd.gds")
        return c
    gf_snspd()
    t_gf, _ = best_time(gf_snspd, 5)
    t_si, _ = best_time(lambda: write_gds(out / "si.gds", meander(100e-9, 100e-9, squares=10000, turn="optimal",
                                                                  pads=False, name="si")), 30)
    print(f"same wire (w = 100 nm, pitch 200 nm, 10000 squares, optimal turns): gdsfactory snspd "
          f"{t_gf * 1e3:.1f} ms, superind {t_si * 1e3:.2f} ms → {t_gf / t_si:.0f}× faster")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
