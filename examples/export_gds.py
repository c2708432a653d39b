"""A TiN superinductor for a 300 nH target, drawn with each turn style, electrical squares compared (issue 5).

Film: TiN-like, R_sq = 1.5 kΩ, T_c = 2 K → L_k,□ = 1.0338 nH/□ (Mattis–Bardeen, docs/theory/film.md). Wire 100 nm wide, 100 nm gaps,
in a 20 µm × 20 µm footprint. For each turn style the meander is sized on its *electrical* squares, so all three
reach 300 nH; the table shows how far a geometric square count (area/width, the usual layout bookkeeping) would
have missed. Writes superinductor.gds (the three cells side by side on a labelled chip), superinductor.lyp
(KLayout layer names) and one SVG preview per style. Runs in about a second.

Usage: python examples/export_gds.py [OUTPUT_DIR]   (default build/examples)
"""
import sys
from pathlib import Path

from superind import make_film
from superind.layout import chip, drc, meander, write_gds, write_lyp, write_svg

TARGET_H = 300e-9


def main(out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    film = make_film("TiN", 1500.0, Tc=2.0)
    sheet = film.sheet_kinetic_inductance()
    print(f"TiN film: L_k,sq = {sheet * 1e9:.4f} nH/sq; target {TARGET_H * 1e9:.0f} nH, w = g = 100 nm")
    print(f"{'turn':8} {'rows':>4} {'length µm':>10} {'geometric □':>12} {'electrical □':>13} {'L_k nH':>8} "
          f"{'L_k from geometric □':>21} {'DRC':>5}")
    results = []
    for turn in ("square", "round", "optimal"):
        res = meander(100e-9, 100e-9, inductance_H=TARGET_H, sheet_inductance_H=film, turn=turn,
                      footprint_m=(20e-6, 20e-6), name=f"tin_300nH_{turn}")
        naive = sheet * res.squares_geometric
        print(f"{turn:8} {res.info['rows']:4d} {res.length_m * 1e6:10.3f} {res.squares_geometric:12.2f} "
              f"{res.squares_electrical:13.2f} {res.L_k_H * 1e9:8.3f} "
              f"{naive * 1e9:9.3f} ({100 * (naive / TARGET_H - 1):+.2f} %) {'clean' if not drc(res) else 'FAIL':>5}")
        results.append(res)
    layout = chip(results, columns=3, name="tin_300nH_chip")
    written = [write_gds(out_dir / "superinductor.gds", layout), write_lyp(out_dir / "superinductor.lyp")]
    written += [write_svg(out_dir / f"{r.cell.name}.svg", r) for r in results]
    for path in written:
        print(f"wrote {path}")
    return written


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("build/examples"))
