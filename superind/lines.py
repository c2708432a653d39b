"""Line media of a thin superconducting strip: per-length geometric inductance L'_g and capacitance C'.

In the style of scikit-rf's ``skrf.media``: one small base class (:class:`LineMedium`) and one subclass per
environment — :class:`CoplanarLine` (in-plane ground planes, Ghione & Naldi 1984), :class:`MicrostripLine`
(ground plane below, Hammerstad & Jensen 1980) and :class:`IsolatedLine` (no ground, Grover 1946). All strips are
of zero thickness and carry a uniform (kinetic-dominated) current; values SI. The kinetic inductance L_k,□/w is
not part of a medium: :class:`superind.wire.Wire` and :mod:`superind.meander_line` add it. Theory and worked
numbers: docs/theory/lines.md.
"""
from __future__ import annotations

import math
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import ClassVar


from .constants import c as c_light
from .constants import epsilon_0, mu_0
from .errors import InputError
from .units import check_value, si_fields

#: dielectric constants of common substrates (low-temperature values)
SUBSTRATES = {"Si": 11.7, "sapphire": 10.0, "Al2O3": 10.0, "SiO2": 3.9, "vacuum": 1.0}
#: free-space wave impedance √(μ0/ε0) [Ω]
ETA_0 = math.sqrt(mu_0 / epsilon_0)


def _k_ratio(k: float) -> float:
    """K(k)/K(k') for the modulus k, k' = √(1 − k²): K(k) = π / (2 AGM(1, k')) (Gauss's arithmetic–geometric mean,
    quadratically convergent; Abramowitz & Stegun 17.6), so the ratio is AGM(1, k) / AGM(1, k')."""
    return _agm(1.0, k) / _agm(1.0, math.sqrt(max(1.0 - k * k, 0.0)))


def _agm(a: float, b: float) -> float:
    """Arithmetic–geometric mean of a, b ≥ 0 (to machine precision)."""
    while abs(a - b) > 1e-15 * a:
        a, b = 0.5 * (a + b), math.sqrt(a * b)
    return a


def grover_inductance(length_m: float, width_m: float) -> float:
    """Partial self-inductance of a thin straight strip [H] (Grover, *Inductance Calculations*, 1946):

    L = (μ0ℓ/2π)[ln(2ℓ/w) + 1/2 + 0.2235 w/ℓ]   (ℓ ≫ w, uniform current, no return conductor).
    """
    return mu_0 * length_m / (2 * math.pi) * (math.log(2 * length_m / width_m) + 0.5 + 0.2235 * width_m / length_m)


def hammerstad_jensen(u: float, epsilon_r: float) -> tuple[float, float]:
    """(Z0 in air [Ω], ε_eff) of a zero-thickness microstrip of normalised width u = w/h.

    Z0_air = (η0/2π) ln[f(u)/u + √(1 + 4/u²)],  f(u) = 6 + (2π − 6) exp[−(30.666/u)^0.7528];
    ε_eff = (ε_r+1)/2 + (ε_r−1)/2 (1 + 10/u)^(−ab) with a(u), b(ε_r) of Hammerstad & Jensen, IEEE MTT-S Int.
    Microwave Symp. Digest (1980) pp. 407–409 (as in scikit-rf's ``MLine``); quoted accuracy 0.2 % for 0.01 ≤ u ≤ 100.
    """
    f_u = 6 + (2 * math.pi - 6) * math.exp(-((30.666 / u) ** 0.7528))
    z0_air = ETA_0 / (2 * math.pi) * math.log(f_u / u + math.sqrt(1 + (2 / u) ** 2))
    a = 1 + math.log((u**4 + (u / 52) ** 2) / (u**4 + 0.432)) / 49 + math.log(1 + (u / 18.1) ** 3) / 18.7
    b = 0.564 * ((epsilon_r - 0.9) / (epsilon_r + 3)) ** 0.053
    eps_eff = (epsilon_r + 1) / 2 + (epsilon_r - 1) / 2 * (1 + 10 / u) ** (-a * b)
    return z0_air, eps_eff


@dataclass(frozen=True)
class LineMedium(ABC):
    """Environment of a strip: ``kind``, ``grounded``, ``per_length(w)`` and ``geometric_inductance(ℓ, w)``.

    Subclasses are frozen (hashable) dataclasses; like a scikit-rf ``Media`` they hold the geometry only, so build a
    new object rather than changing one.
    """

    kind: ClassVar[str] = ""

    @property
    def grounded(self) -> bool:
        """True when a ground conductor defines C', the line impedance and the self-resonances."""
        return True

    @abstractmethod
    def per_length(self, width_m: float) -> tuple[float, float]:
        """(L'_g [H/m], C' [F/m]) of a strip of ``width_m`` (geometric inductance only, no L_k)."""

    def geometric_inductance(self, length_m: float, width_m: float) -> float:
        """Geometric inductance [H]: L'_g ℓ for a grounded line (Grover's partial inductance for an isolated one)."""
        return self.per_length(width_m)[0] * length_m


@dataclass(frozen=True)
class CoplanarLine(LineMedium):
    """Centre strip with in-plane ground planes at gap ``ground_gap_m`` each side on a thick substrate (CPW).

    L'_g = (μ0/4) K(k')/K(k),  C' = 2ε0(ε_r+1) K(k)/K(k'),  k = w/(w+2s)   (conformal mapping; Ghione & Naldi,
    Electron. Lett. 20, 179 (1984)). ε_eff = (ε_r+1)/2 exactly for zero-thickness conductors in the interface.
    """

    ground_gap_m: float
    epsilon_r: float = SUBSTRATES["Si"]
    kind: ClassVar[str] = "cpw"

    def __repr__(self) -> str:
        from .format import eng

        return f"CoplanarLine(ground_gap={eng(self.ground_gap_m, 'm')}, epsilon_r={self.epsilon_r:g})"

    def __post_init__(self):
        si_fields(self, ground_gap_m="length")
        check_value(self.ground_gap_m, "ground gap")
        check_value(self.epsilon_r, "epsilon_r")

    def per_length(self, width_m: float) -> tuple[float, float]:
        check_value(width_m, "width")
        k = width_m / (width_m + 2 * self.ground_gap_m)
        return mu_0 / 4 / _k_ratio(k), 2 * epsilon_0 * (self.epsilon_r + 1) * _k_ratio(k)


@dataclass(frozen=True)
class MicrostripLine(LineMedium):
    """Strip on a substrate of thickness ``height_m`` and permittivity ε_r over a ground plane, air above.

    Hammerstad & Jensen (1980), zero thickness, quasi-static: C' = √ε_eff/(c Z0) = ε_eff/(c Z0_air) and
    L'_g = Z0_air/c, where Z0_air is Z0 with ε_r = 1 (the magnetic field does not see the dielectric). For w ≪ h
    Z0_air → (η0/2π) ln(8h/w), the image-method narrow-strip limit. Raises for w/h > 100 (outside the fit).
    """

    height_m: float
    epsilon_r: float = 1.0
    kind: ClassVar[str] = "microstrip"

    def __repr__(self) -> str:
        from .format import eng

        return f"MicrostripLine(height={eng(self.height_m, 'm')}, epsilon_r={self.epsilon_r:g})"

    def __post_init__(self):
        si_fields(self, height_m="length")
        check_value(self.height_m, "height")
        check_value(self.epsilon_r, "epsilon_r")
        if self.epsilon_r < 1:
            raise InputError(f"epsilon_r {self.epsilon_r:g} < 1: give the substrate's relative permittivity (≥ 1)")

    def per_length(self, width_m: float) -> tuple[float, float]:
        check_value(width_m, "width")
        u = width_m / self.height_m
        if u > 100:
            raise InputError(f"width {width_m * 1e6:.3g} µm exceeds 100× the height {self.height_m * 1e6:.3g} µm above "
                             "ground: outside the Hammerstad–Jensen fit; raise --height or use an EM solver")
        z0_air, eps_eff = hammerstad_jensen(u, self.epsilon_r)
        return z0_air / c_light, eps_eff / (c_light * z0_air)


@dataclass(frozen=True)
class IsolatedLine(LineMedium):
    """A strip with no nearby ground: only the partial self-inductance is defined (Grover 1946).

    L_geo = (μ0ℓ/2π)[ln(2ℓ/w) + 1/2 + 0.2235 w/ℓ]. No C' is defined, so neither are Z, v and the modes.
    """

    kind: ClassVar[str] = "isolated"

    @property
    def grounded(self) -> bool:
        return False

    def per_length(self, width_m: float) -> tuple[float, float]:
        raise InputError("an isolated strip has no ground, hence no per-length L' or C': "
                         "choose a cpw or microstrip line")

    def geometric_inductance(self, length_m: float, width_m: float) -> float:
        return grover_inductance(length_m, width_m)
