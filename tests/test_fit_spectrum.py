"""Flux-spectroscopy fits. Synthetic QPS lines come from the fluxoid Hamiltonian written out here with numpy
(Mooij & Harmans, NJP 7, 219 (2005)); fluxonium lines from scqubits.Fluxonium. Noise 1 MHz; energies must come
back within 0.5 %."""
import numpy as np
import pytest

from superind.fit.levels import FluxoniumLevels, qps_levels
from superind.fit.spectrum import KINDS, fit_spectrum

NOISE_GHZ = 1e-3


def qps_lines(E_S, E_L, flux, half_width=12):
    """E_i − E_0 of H = E_L Σ(n − f)²|n⟩⟨n| − (E_S/2)Σ(|n⟩⟨n+1| + h.c.), dense numpy eigensolve."""
    out = []
    for f in flux:
        n = np.floor(f + 0.5) + np.arange(-half_width, half_width + 1)
        H = np.diag(E_L * (n - f) ** 2) - E_S / 2 * (np.eye(n.size, k=1) + np.eye(n.size, k=-1))
        e = np.linalg.eigvalsh(H)
        out.append(e[:4] - e[0])
    return np.array(out)


def fluxonium_lines(E_J, E_C, E_L, flux):
    import scqubits
    from threadpoolctl import threadpool_limits

    scqubits.settings.PROGRESSBAR_DISABLED = True
    q = scqubits.Fluxonium(EJ=E_J, EC=E_C, EL=E_L, flux=0.0, cutoff=110)
    with threadpool_limits(1):  # 110×110 matrices: BLAS threads only slow scqubits down on 2 cores
        return q.get_spectrum_vs_paramvals("flux", flux, evals_count=4, subtract_ground=True).energy_table


def measured(lines, flux, pairs, seed, f_max=np.inf):
    """Stack the chosen (i, j) lines (E_j − E_i) with 1 MHz noise; drop lines above f_max."""
    x, f, lab = [], [], []
    for i, j in pairs:
        x.append(flux)
        f.append(lines[:, j] - lines[:, i])
        lab += [(i, j)] * flux.size
    x, f, lab = np.concatenate(x), np.concatenate(f), np.array(lab)
    keep = f < f_max
    rng = np.random.default_rng(seed)
    return x[keep], f[keep] + NOISE_GHZ * rng.standard_normal(keep.sum()), lab[keep]


def test_qps_energies_and_transition_assignment_from_unlabelled_lines():
    E_S, E_L = 4.0, 30.0
    flux = np.linspace(0.05, 0.95, 31)
    x, f, lab = measured(qps_lines(E_S, E_L, flux), flux, [(0, 1), (0, 2)], seed=11, f_max=40)
    fit = fit_spectrum(x, f, "qps")
    assert fit.energies_GHz["E_S_GHz"] == pytest.approx(E_S, rel=5e-3)
    assert fit.energies_GHz["E_L_fluxoid_GHz"] == pytest.approx(E_L, rel=5e-3)
    assert fit.assigned == "automatic" and np.array_equal(fit.transitions, lab)
    assert abs(fit.energies_GHz["E_S_GHz"] - E_S) < 4 * fit.std["E_S_GHz"]


def test_qps_flux_period_and_offset_from_a_current_axis():
    E_S, E_L, period, offset = 2.5, 45.0, 2.5e-3, 0.3e-3
    flux = np.linspace(-0.3, 1.2, 61)
    x, f, _ = measured(qps_lines(E_S, E_L, flux), flux, [(0, 1), (0, 2)], seed=12, f_max=50)
    fit = fit_spectrum(x * period + offset, f, "qps", x_is_current=True)
    assert fit.energies_GHz["E_S_GHz"] == pytest.approx(E_S, rel=5e-3)
    assert fit.energies_GHz["E_L_fluxoid_GHz"] == pytest.approx(E_L, rel=5e-3)
    assert fit.period_A == pytest.approx(period, rel=5e-3)
    assert fit.offset_A == pytest.approx(offset, abs=5e-3 * period)


def test_fluxonium_energies_from_unlabelled_lines_match_scqubits():
    E = {"E_J_GHz": 4.5, "E_C_GHz": 1.1, "E_L_GHz": 0.8}
    flux = np.linspace(0.0, 1.0, 26)
    x, f, lab = measured(fluxonium_lines(*E.values(), flux), flux, [(0, 1), (0, 2), (1, 2)], seed=13)
    fit = fit_spectrum(x, f, "rfsquid")
    for k, v in E.items():
        assert fit.energies_GHz[k] == pytest.approx(v, rel=5e-3), k
    assert np.array_equal(fit.transitions, lab)
    assert fit.convergence_GHz < 1e-4  # the fixed cut-off 60 is converged for these energies


def test_fluxonium_with_labelled_lines_on_a_current_axis():
    E = {"E_J_GHz": 6.0, "E_C_GHz": 0.9, "E_L_GHz": 0.5}
    period, offset = 1.7e-3, -0.2e-3
    flux = np.linspace(-0.2, 0.8, 31)
    x, f, lab = measured(fluxonium_lines(*E.values(), flux), flux, [(0, 1), (0, 2)], seed=14)
    fit = fit_spectrum(x * period + offset, f, "rfsquid", transitions=lab, x_is_current=True)
    for k, v in E.items():
        assert fit.energies_GHz[k] == pytest.approx(v, rel=5e-3), k
    assert fit.period_A == pytest.approx(period, rel=5e-3)
    assert fit.assigned == "given"


@pytest.mark.parametrize("kind", ["qps", "rfsquid"])
def test_hellmann_feynman_derivatives_equal_finite_differences(kind):
    E = np.array([3.0, 40.0]) if kind == "qps" else np.array([5.0, 1.0, 0.7])
    flux = np.array([0.1, 0.37, 0.5, 0.8])
    model = (lambda e, fl, jac=True: qps_levels(e, fl, 3, jac=jac)) if kind == "qps" else (
        lambda e, fl, jac=True, m=FluxoniumLevels(): m(e, fl, 3, jac))
    _, d_e, d_f = model(E, flux)
    for p in range(len(KINDS[kind])):
        step = np.zeros_like(E)
        step[p] = 1e-5 * E[p]
        numeric = (model(E + step, flux, jac=False) - model(E - step, flux, jac=False)) / (2 * step[p])
        assert d_e[:, :, p] == pytest.approx(numeric, rel=1e-5, abs=1e-7)
    numeric = (model(E, flux + 1e-6, jac=False) - model(E, flux - 1e-6, jac=False)) / 2e-6
    assert d_f == pytest.approx(numeric, rel=1e-5, abs=1e-5)


def test_a_flat_line_is_not_a_phase_slip_qubit():
    # a constant 5 GHz line has no flux dependence: no E_S, E_L describe it better than its own scatter
    from superind.fit import FitFailed
    from superind.fit.spectrum import fit_spectrum

    flux = np.linspace(0.3, 0.7, 30)
    flat = 5.0 + 1e-3 * np.random.default_rng(0).standard_normal(flux.size)
    with pytest.raises(FitFailed, match="does not describe the lines"):
        fit_spectrum(flux, flat, "qps")
