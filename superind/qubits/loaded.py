"""The qubit loaded by its superinductor's capacitance: the single-mode (K = 0) limit of the multimode model.

With the wire's own modes in the Hamiltonian (``qubit.modes`` > 0) the headline levels are the multimode model's;
the quantities computed on single-mode eigenstates — coherence channels, matrix elements, the spread's f01 — use
this qubit, whose charging energies include the wire's charge (``MultimodeSpectrum.energies_quasistatic_GHz``), so
they differ from the dressed qubit only by the modes' dispersive shifts (``MultimodeSpectrum.chi_GHz``).
"""
from __future__ import annotations

from dataclasses import replace


def loaded_qubit(qubit, mm):
    """The single-mode qubit loaded by its wire's capacitance: the K = 0 limit of the multimode model
    (``MultimodeSpectrum.energies_quasistatic_GHz``: the wire's charge folded into E_C). Its eigenstates are those
    of the dressed qubit up to the modes' dispersive shifts (``chi_GHz``), so coherence and matrix elements with
    ``modes`` > 0 are computed on it."""
    from .rfsquid import RFSquid
    from .zeropi import ZeroPi

    e = mm.energies_quasistatic_GHz
    if isinstance(qubit, RFSquid):
        return replace(qubit, E_C_GHz=float(e["E_C_GHz"]), E_L_GHz=float(e["E_L_GHz"]))
    if isinstance(qubit, ZeroPi):
        E_CJ, E_CS = float(e["E_CJ_GHz"]), float(e["E_CS_GHz"])
        return replace(qubit, E_CJ_GHz=E_CJ, E_C_GHz=1 / (1 / E_CS - 1 / E_CJ), E_L_GHz=float(e["E_L_GHz"]))
    return qubit
