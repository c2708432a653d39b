"""Which films give the review's target sheet inductance 0.5–2.5 nH/□?  (issue 2 example)

L_k,□ = ħR_sq/(π α k_B T_c) (Mattis & Bardeen, Phys. Rev. 111, 412 (1958), T → 0), so a target window is a wedge
R_sq/T_c ∈ [π α k_B L_min/ħ, π α k_B L_max/ħ] in the (R_sq, T_c) plane. For each material of the database the
wedge is intersected with its sourced R_sq and T_c ranges; the figure shows the wedge, the materials' films, and an
illustrative Finkel'stein T_c(R_sq) curve (T_c0 = 4.7 K, γ = 6.5: user inputs, not TiN data) with its critical
resistance and R_Q/2 marked, in the style of the review's Fig. 1b. Mattis–Bardeen is a lower bound for strongly
disordered films: the TiN film of Li et al. (arXiv:2509.14133: 475 Ω/□, T_c = 3.8 K, measured 394 pH/□ against
172 pH/□ from Mattis–Bardeen) is shown with both values, and a pair-broken curve (Γ/Δ00 = 0.2, as in Driessen
et al., PRL 109, 107003 (2012)) shows how disorder raises L_k at a given R_sq/T_c. See docs/theory/film.md.

Usage: python examples/film_window.py [OUTPUT_DIR]   (default build/examples)
"""
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

from superind import all_materials, finkelstein_critical_resistance, finkelstein_tc, make_film
from superind.constants import R_Q, hbar, k_B

L_MIN, L_MAX = 0.5e-9, 2.5e-9  # the review's target sheet inductance [H/□]
TC0, GAMMA = 4.7, 6.5  # illustrative Finkel'stein parameters (user inputs, not TiN data)
PAIR_BREAKING = 0.2  # illustrative Γ/Δ00


def ratio_window(alpha: float) -> tuple[float, float]:
    """R_sq/T_c [Ω/K] bounds of the target window for gap ratio α."""
    return np.pi * alpha * k_B * L_MIN / hbar, np.pi * alpha * k_B * L_MAX / hbar


def main(out_dir: Path) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    R = np.linspace(1, 6000, 600)
    fig, (ax, ax2) = plt.subplots(1, 2, figsize=(11, 4.5), constrained_layout=True)
    print(f"target L_k,□ = {L_MIN * 1e9:.1f}–{L_MAX * 1e9:.1f} nH/□")
    for m in all_materials():
        lo, hi = ratio_window(m.gap_ratio_default)
        rr, tt = m.R_sq_ohm, m.Tc_K
        print(f"  {m.name:6s} (α = {m.gap_ratio_default:.3g}): R_sq/T_c = {lo:.0f}–{hi:.0f} Ω/K; "
              f"sourced R_sq {rr.min or '?'}–{rr.max or '?'} Ω, T_c {tt.min if tt.min is not None else '?'}–"
              f"{tt.max or '?'} K")
        for f in m.films:
            if f.R_sq_ohm and f.Tc_K:
                Lk = hbar * f.R_sq_ohm / (np.pi * m.gap_ratio_default * k_B * f.Tc_K)
                ax.plot(f.R_sq_ohm, f.Tc_K, "o", label=f"{m.name} {f.id} ({Lk * 1e9:.2g} nH/□)")
    lo, hi = ratio_window(1.763877)
    ax.fill_between(R, R / hi, np.minimum(R / lo, 6), color="tab:green", alpha=0.2,
                    label="0.5–2.5 nH/□ (BCS α)")
    tc = finkelstein_tc(R, TC0, GAMMA)
    Rc = finkelstein_critical_resistance(GAMMA)
    ax.plot(R, tc, "k-", label=f"Finkel'stein T_c0 = {TC0} K, γ = {GAMMA}")
    ax.axvline(Rc, color="k", ls="--", label=f"critical R_c = {Rc:.0f} Ω")
    ax.axvline(R_Q / 2, color="tab:red", ls=":", label="R_Q/2 = h/8e²")
    ax.set(xlabel="R_sq [Ω]", ylabel="T_c [K]", ylim=(0, 5), title="T_c vs R_sq and the target window")
    ax.legend(fontsize=7)
    ok = tc > 0
    Lk = hbar * R[ok] / (np.pi * 1.763877 * k_B * tc[ok])
    ax2.semilogy(R[ok], Lk * 1e9, "k-", label="Mattis–Bardeen")
    sel = np.linspace(200, 4200, 21)
    Lpb = [make_film("TiN", r, Tc=t, pair_breaking=PAIR_BREAKING).sheet_kinetic_inductance() for r, t in
           zip(sel, finkelstein_tc(sel, TC0, GAMMA))]
    ax2.semilogy(sel, np.array(Lpb) * 1e9, "b--", label=f"pair-broken, Γ/Δ00 = {PAIR_BREAKING}")
    li = make_film("TiN", "475 ohm", Tc="3.8 K", thickness="27 nm", L_k_sq="394 pH/sq")
    ax2.semilogy([475, 475], [li.mattis_bardeen_sheet_inductance() * 1e9, li.sheet_kinetic_inductance() * 1e9], "rs-",
                 label="Li et al. TiN: MB → measured")
    print(f"Li et al. TiN: Mattis–Bardeen {li.mattis_bardeen_sheet_inductance() * 1e12:.0f} pH/□, measured 394 pH/□ "
          f"→ implied R_sq {li.implied_R_sq_ohm:.0f} Ω or Δ0/k_BT_c {li.implied_gap_ratio:.2f}")
    ax2.set_ylim(1e-2, 1e3)
    ax2.legend(fontsize=7)
    ax2.axhspan(L_MIN * 1e9, L_MAX * 1e9, color="tab:green", alpha=0.2)
    ax2.axvline(Rc, color="k", ls="--")
    ax2.set(xlabel="R_sq [Ω]", ylabel="L_k,□ [nH/□]", title="L_k,□ along the Finkel'stein curve")
    path = out_dir / "film_window.png"
    fig.savefig(path, dpi=120)
    inside = R[ok][(Lk >= L_MIN) & (Lk <= L_MAX)]
    print(f"on the illustrative Finkel'stein curve the window is R_sq = {inside.min():.0f}–{inside.max():.0f} Ω")
    print(f"figure: {path}")
    return path


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("build/examples"))
