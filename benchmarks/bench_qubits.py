"""Qubit sweep speed against the peers, BLAS pinned to one thread on both sides (issue 4, item 3).

1. RF-SQUID / fluxonium (E_J, E_C, E_L = 8.9, 2.5, 0.5 GHz, cut-off 110), 201 flux points:
   superind ``RFSquid.spectrum`` (incl. its cut-off check) vs scqubits ``get_spectrum_vs_paramvals``;
   levels must agree to ≤ 1e-9 GHz, target ≥ 10×.
2. QPS qubit (L = 50 nH, E_S = 5 GHz), 201 flux points: superind tridiagonal path vs building a QuTiP
   ``Qobj`` and calling ``eigenenergies`` per point (same fluxoid window); target ≥ 20×.
Times are the best of several repeats. Run: python benchmarks/bench_qubits.py
"""
import sys

import numpy as np
import scqubits
from threadpoolctl import threadpool_limits

from superind.qubits import QPSQubit, RFSquid

from _timing import best_time

scqubits.settings.PROGRESSBAR_DISABLED = True


def main() -> int:
    flux = np.linspace(0.0, 1.0, 201)
    with threadpool_limits(1):
        q = RFSquid(8.9, 2.5, 0.5)
        t_ours, ours = best_time(lambda: q.spectrum(flux, levels=4, cutoff=110), 5)
        fl = scqubits.Fluxonium(EJ=8.9, EC=2.5, EL=0.5, flux=0.0, cutoff=110)
        t_scq, ref = best_time(lambda: fl.get_spectrum_vs_paramvals("flux", flux, evals_count=4,
                                                                     subtract_ground=False), 3)
        diff = float(np.max(np.abs(ours.levels_GHz - ref.energy_table)))

        qps = QPSQubit.from_inductance(50e-9, 5.0)
        t_qps, spec = best_time(lambda: qps.spectrum(flux, levels=4), 5)
        width = spec.cutoff["fluxoid_half_width"]
        t_qt, qt_levels = best_time(lambda: np.array([qps.qobj(f, width).eigenenergies()[:4] for f in flux]), 3)
        diff_qps = float(np.max(np.abs(spec.levels_GHz - qt_levels)))

    r1, r2 = t_scq / t_ours, t_qt / t_qps
    print(f"fluxonium 201 points, cut-off 110: superind {t_ours * 1e3:.1f} ms, scqubits {t_scq * 1e3:.1f} ms "
          f"→ {r1:.1f}× (target ≥ 10×); max |ΔE| = {diff:.2e} GHz (≤ 1e-9)")
    print(f"QPS 201 points: superind {t_qps * 1e3:.2f} ms, QuTiP Qobj.eigenenergies {t_qt * 1e3:.1f} ms "
          f"→ {r2:.1f}× (target ≥ 20×); max |ΔE| = {diff_qps:.2e} GHz")
    ok = r1 >= 10 and r2 >= 20 and diff <= 1e-9 and diff_qps <= 1e-9
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
