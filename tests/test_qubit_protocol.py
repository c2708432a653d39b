"""The protocol shared by the four qubits, and the fast engines checked against scqubits itself."""
import subprocess
import sys

import matplotlib
import numpy as np
import pytest

from superind.constants import GHz, phi0_reduced
from superind.film import make_film
from superind.qubits import Cos2Phi, FluxoniumBasis, QPSQubit, RFSquid, ZeroPi
from superind.qubits.rfsquid import LADDER
from superind.wire import CoplanarLine, wire_for_inductance

matplotlib.use("Agg")  # the test's choice; the library never selects a backend


def film_wire(E_L_GHz):
    """TiN-like film (1.5 kΩ, T_c = 2 K), 100 nm wire in a CPW with 10 µm gaps, total L = (Φ0/2π)²/E_L."""
    return wire_for_inductance(make_film("TiN", 1500.0, Tc=2.0), phi0_reduced**2 / (E_L_GHz * GHz), 100e-9,
                               CoplanarLine(10e-6))


def qubits():
    """One qubit of each kind, each with a film wire (small, quickly converged parameters)."""
    return {
        "rfsquid": lambda: RFSquid(8.9, 2.5, 0.5, wire=film_wire(0.5)),
        "qps": lambda: QPSQubit.from_wire(film_wire(1.0), E_S_GHz=5.0),
        "zeropi": lambda: ZeroPi(10.0, 0.04, 20.0, 0.04, n_g=0.1, wire=film_wire(0.04)),
        "cos2phi": lambda: Cos2Phi(4.0, 2.0, 1.0, 0.5, wire=film_wire(1.0)),
    }


@pytest.mark.parametrize("kind", ["rfsquid", "qps", "zeropi", "cos2phi"])
def test_protocol(kind):
    make = qubits()[kind]
    a, b = make(), make()
    s3 = a.spectrum([0.0, 0.2, 0.5], levels=3)
    da = s3.to_xarray()
    assert da.dims == ("flux", "level")
    assert list(da.coords["level"].values) == [0, 1, 2]
    assert da.coords["flux"].attrs["units"] == "Phi0" and da.attrs["units"] == "GHz" and da.attrs["kind"] == kind
    assert np.array_equal(da.values, s3.levels_GHz)
    ax = s3.plot()
    assert ax.get_xlabel() == "Φ_ext/Φ0" and ax.get_ylabel() == "frequency (GHz)"
    matplotlib.pyplot.close(ax.figure)
    fig, given = matplotlib.pyplot.subplots()
    assert s3.plot(ax=given, transitions=False) is given
    matplotlib.pyplot.close(fig)
    # warnings do not depend on the levels asked before: same tuple after a 3-level and a 6-level spectrum
    b.spectrum([0.0, 0.2, 0.5], levels=6)
    assert isinstance(a.warnings, tuple) and a.warnings == b.warnings
    assert all(isinstance(w, str) for w in a.warnings)
    # frozen, comparable, hashable, short repr without the wire record
    assert a == b and hash(a) == hash(b) and len({a, b}) == 1
    assert len(repr(a)) < 400 and "film" not in repr(a)
    for method in ("spectrum", "matrix_elements", "coherence"):
        assert "cutoff" in getattr(type(a), method).__code__.co_varnames


def test_self_resonance_verdict_has_both_numbers():
    # The record names f_self of the wire and the number it must clear: the highest of the qubit's first three
    # transitions over one flux period (computed here independently of the class) and the readout band's top.
    from superind.format import eng
    from superind.qubits.base import max_transition_GHz

    q = RFSquid(8.9, 2.5, 0.5, wire=film_wire(0.5))
    f_self = q.wire.f_self_Hz
    top = float(np.max(q.spectrum(np.arange(8) / 8, 4).transitions_GHz))
    assert max_transition_GHz(q) == pytest.approx(top, rel=1e-12)
    v = q.wire.self_resonance_verdict(top, q.readout_band_GHz)
    assert eng(f_self, "Hz") in v.message and eng(top * 1e9, "Hz") in v.message
    assert v.severity == ("critical" if f_self <= top * 1e9 else "warning" if f_self < 2 * top * 1e9 else "info")
    assert v.numbers["margin"] == pytest.approx(f_self / (top * 1e9), rel=1e-12)
    wide = q.wire.self_resonance_verdict(0.1, (9.0, 12.0))  # a band above f_self: the band decides
    assert ("9–12 GHz" in wide.message and wide.severity == "warning") == (f_self <= 12e9)
    modelled = q.wire.self_resonance_verdict(0.1, (9.0, 12.0), modes_in_model=2)  # the mode is in the Hamiltonian
    assert modelled.severity == ("info" if f_self <= 12e9 else wide.severity)


def test_importing_qubits_loads_no_heavy_library():
    code = ("import sys, superind.qubits; heavy = [m for m in ('scqubits', 'qutip', 'matplotlib') "
            "if m in sys.modules]; print(','.join(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


# ------------------------------------------------------------------------------ engines against scqubits
def test_fluxonium_minimal_cutoff_and_scqubits_agreement():
    import scqubits

    q = RFSquid(8.9, 2.5, 0.5)
    flux = np.array([0.0, 0.13, 0.5, 0.77])
    s = q.spectrum(flux, levels=5, tol_GHz=1e-10)
    for k, f in enumerate(flux):
        ref = scqubits.Fluxonium(EJ=8.9, EC=2.5, EL=0.5, flux=f, cutoff=110).eigenvals(evals_count=5)
        assert np.max(np.abs(s.levels_GHz[k] - ref)) < 1e-9
    # smallest converged rung: the rung below moves by more than the tolerance, the chosen one does not
    n = s.cutoff["cutoff"]
    below, above = LADDER[LADDER.index(n) - 1], LADDER[LADDER.index(n) + 1]
    lv = {c: FluxoniumBasis(2.5, 0.5, c, q.phi_osc).levels(8.9, [0.0, 0.25, 0.5], 5) for c in (below, n, above)}
    assert np.max(np.abs(lv[n] - lv[above])) <= 1e-10 < np.max(np.abs(lv[below] - lv[n]))
    # scqubits' own oscillator length reproduces its matrix exactly at the same cut-off
    own = q.basis(40).levels(8.9, [0.3], 4)[0]
    assert own == pytest.approx(scqubits.Fluxonium(EJ=8.9, EC=2.5, EL=0.5, flux=0.3, cutoff=40).eigenvals(4),
                                abs=1e-10)


@pytest.mark.parametrize("dE_J, dC_J, n_g", [(0.0, 0.0, 0.1), (0.05, 0.08, 0.2)])
def test_zeropi_engine_is_scqubits_matrix(dE_J, dC_J, n_g):
    import scqubits

    q = ZeroPi(10.0, 0.04, 20.0, 0.04, n_g=n_g, dE_J=dE_J, dC_J=dC_J)
    cut, flux = (12.0, 80, 8), np.array([0.0, 0.23, 0.5])
    ours = q.spectrum(flux, levels=5, cutoff=cut, tol_GHz=1.0).levels_GHz
    ref = scqubits.ZeroPi(EJ=10.0, EL=0.04, ECJ=20.0, EC=0.04, ng=n_g, dEJ=dE_J, dCJ=dC_J, flux=0.0,
                          grid=scqubits.Grid1d(-12.0, 12.0, 80), ncut=8)
    table = np.array([ref.set_and_return("flux", f).eigenvals(evals_count=5) for f in flux])
    assert np.max(np.abs((ours - ours[:, :1]) - (table - table[:, :1]))) < 1e-9
    m = q.matrix_elements(0.23, levels=3, cutoff=cut, tol_GHz=1.0)
    ref.flux = 0.23
    assert m["n_theta"] == pytest.approx(np.abs(ref.matrixelement_table("n_theta_operator", evals_count=3)),
                                         abs=1e-7)


def test_zeropi_flux_symmetries_used_by_the_sweep():
    # E(1 − f) = E(f): φ → −φ and the gauge (−1)^n; solved independently here on the same grid
    q = ZeroPi(10.0, 0.04, 20.0, 0.04, n_g=0.1)
    grid = q.grid((12.0, 80, 8))
    a, _, _ = grid.eigensystem([0.3], 4, 0.0)
    b, _, _ = grid.eigensystem([0.7], 4, 0.0)
    c, _, _ = grid.eigensystem([1.3], 4, 0.0)
    assert np.max(np.abs(a - b)) < 1e-9 and np.max(np.abs(a - c)) < 1e-9


def test_cutoff_search_for_more_levels_reuses_and_stays_converged():
    # a search for fewer levels seeds the one for more; its answer must pass the independent check of a given cut-off
    # and answer any request for fewer levels (the same cut-off comes back)
    q = ZeroPi(10.0, 0.04, 20.0, 0.04, n_g=0.1)
    q.converged_cutoff(2)
    cut4, change4 = q.converged_cutoff(4)
    fresh = ZeroPi(10.0, 0.04, 20.0, 0.04, n_g=0.1)
    _, checked = fresh.converged_cutoff(4, cutoff=cut4)  # raises if not converged
    assert checked <= 1e-5 and change4 <= 1e-5
    assert q.converged_cutoff(3)[0] == cut4


@pytest.mark.parametrize("n_g", [0.2, 0.0])  # complex charge basis; real θ basis (time reversal) at n_g = 0
def test_cos2phi_engine_is_scqubits_matrix(n_g):
    import scqubits

    q = Cos2Phi(15.0, 2.0, 1.0, 0.04, dE_J=0.05, dC_J=0.1, dL=0.3, n_g=n_g)
    cut = (4, 10, 7)
    ours = q.spectrum([0.3, 0.5], levels=4, cutoff=cut, tol_GHz=10.0).levels_GHz
    ref = scqubits.Cos2PhiQubit(EJ=15.0, ECJ=2.0, EL=1.0, EC=0.04, dL=0.3, dCJ=0.1, dEJ=0.05, flux=0.3, ng=n_g,
                                ncut=4, zeta_cut=10, phi_cut=7)
    table = np.array([np.sort(ref.set_and_return("flux", f).eigenvals(evals_count=4)) for f in (0.3, 0.5)])
    assert np.max(np.abs(ours - table)) < 1e-9
    # eigenvectors mapped back to scqubits' basis give its matrix elements
    _, v = q._solve([0.3], 4, cut, vectors=True)
    v = q.basis(cut).to_charge_basis(v)
    n_ours = np.abs(v.conj().T @ (ref.set_and_return("flux", 0.3).n_theta_operator() @ v))
    n_ref = np.abs(ref.matrixelement_table("n_theta_operator", evals_count=4))
    assert np.max(np.abs(n_ours - n_ref)) < 1e-7


def test_qps_tridiagonal_path_equals_dense():
    q = QPSQubit(64.5, 5.0)
    flux = np.linspace(0, 1, 7)
    bisection = q._levels(flux, 4, 100)  # 201 states: LAPACK bisection on the tridiagonal matrix
    dense = np.array([np.linalg.eigvalsh(q.qobj(f, 100).full().real)[:4] for f in flux])
    assert np.max(np.abs(bisection - dense)) < 1e-9


def test_the_solver_cache_cannot_go_stale():
    # The per-instance cache (converged cut-offs, levels) belongs to one frozen qubit: a changed parameter is a new
    # qubit with an empty cache, and the frozen fields cannot be assigned.
    import dataclasses

    q = RFSquid(8.9, 2.5, 0.5)
    first = q.spectrum([0.5], 3).f01_GHz[0]
    changed = dataclasses.replace(q, E_J_GHz=9.5)
    assert changed.spectrum([0.5], 3).f01_GHz[0] == pytest.approx(RFSquid(9.5, 2.5, 0.5).spectrum([0.5], 3).f01_GHz[0],
                                                                  abs=1e-12)
    assert changed.spectrum([0.5], 3).f01_GHz[0] != pytest.approx(first, rel=1e-3)
    with pytest.raises(dataclasses.FrozenInstanceError):
        q.E_J_GHz = 9.5
    assert q.spectrum([0.5], 3).f01_GHz[0] == first
