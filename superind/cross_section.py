"""Is a wire's 2D cross-section valid? Its capacitance to ground in 3D against the 2D line model.

The line models (``superind.lines``, ``superind.meander_line``) treat the wire — or the block of a meander's rows — as
an infinitely long cross-section: capacitance to the coplanar ground C'·ℓ. That holds when the rows are much longer
than the distance to ground, ℓ ≫ g. When they are not, the block's ends couple to ground as well and its charge
spreads in 3D; the capacitance to ground is larger and the self-resonances lower than the 2D model says.

The estimate here: the block as one solid plate of the meander's span W × row length ℓ, centred in a rectangular
opening of an in-plane ground plane with gap g on all four sides (the rows' mutual coupling is the same in both
models and leaves the ratio alone). For conductors in the surface of a thick substrate the capacitance is
ε_eff = (ε_r + 1)/2 times its vacuum value (exact for a half-space), so a vacuum 3D method of moments suffices
(Harrington, *Field Computation by Moment Methods*, 1968): rectangular panels of uniform charge, graded towards the
edges; the potential at each panel's centre from the exact integral of 1/r over every panel. The ground plane is
truncated far out (``GROUND_EXTENT``). Against the 2D model's C'(W, g)·ℓ (the coplanar line's conformal-mapping
C'; Simons, *Coplanar Waveguide Circuits*, 2001) it gives k = C_3D/C_2D, and a mode carried by that capacitance
moves by 1/√k − 1. Checks (tests/test_cross_section.py): the isolated square plate, C = 0.3667874·4πε0·a
(Read, J. Comput. Phys. 133, 1 (1997)); the long-block limit dC/dℓ → C'; convergence with the panel count.
"""
from __future__ import annotations

import math
from dataclasses import replace
from functools import lru_cache

import numpy as np

from .constants import epsilon_0
from .threads import one_blas_thread

PLATE_PANELS = 12  #: panels across the plate, per axis (cosine-graded; even: no panel straddles an axis)
GAP_PANELS = 5  #: panels across the gap, per side and axis
OUTER_PANELS = 10  #: geometrically growing panels from the opening to the ground plane's edge, per side and axis
GROUND_EXTENT = 30.0  #: the ground plane reaches this many block sizes from the centre
#   (k within 2 % of a 28/10/16-panel, 60-size solution on blocks from 0.1 × 30 µm to 10 × 5 µm, gaps 1–10 µm — the
#   f_self estimate within 1 %; 0.03 s a wire)
#: panels farther apart than this many panel sizes interact through their centroids (the 1/r of the whole charge):
#: the panel's quadrupole term, ≤ (size/r)²/24 relative, stays below 1e-3 there
FAR = 5.0
#: blocks with (W + 2g)/ℓ below this are not solved: the end effect k − 1 stays below it (k − 1 ≈ ½(W + 2g)/ℓ in
#: the 3D solutions), so f_self moves by less than half of it — well inside ``WARN_SHIFT``
SHORT_BLOCK = 0.1
#: relative f_self shift beyond which the 2D cross-section is flagged (a warning record)
WARN_SHIFT = 0.10


def _rect_integral(u1, u2, v1, v2):
    """∫∫ du dv / √(u² + v²) over [u1, u2] × [v1, v2] (exact): Σ ± F(u, v) over the corners with F = u ln(v + r) +
    v ln(u + r), written as u asinh(v/|u|) + v asinh(u/|v|) (the dropped u ln|u|, v ln|v| cancel in the sum; F → 0
    on the axes)."""
    def F(u, v):
        au, av = np.abs(u), np.abs(v)
        with np.errstate(divide="ignore", invalid="ignore"):
            a = np.where(au > 0, u * np.arcsinh(v / np.where(au > 0, au, 1.0)), 0.0)
            b = np.where(av > 0, v * np.arcsinh(u / np.where(av > 0, av, 1.0)), 0.0)
        return a + b
    return F(u2, v2) - F(u1, v2) - F(u2, v1) + F(u1, v1)


def _cosine(a: float, b: float, n: int) -> np.ndarray:
    """n panels on [a, b], finer towards both ends (edge charge)."""
    return a + (b - a) * (1 - np.cos(np.linspace(0, math.pi, n + 1))) / 2


def _axis(half_plate: float, gap: float, outer: float) -> np.ndarray:
    """Panel edges along one axis: plate, gaps, and the ground out to ``outer`` (0 gap: the plate alone)."""
    plate = _cosine(-half_plate, half_plate, PLATE_PANELS)
    if gap <= 0:
        return plate
    first = gap * (1 - math.cos(math.pi / GAP_PANELS)) / 2 * 4
    ratio = (max(outer - half_plate - gap, 2 * first) / first) ** (1 / OUTER_PANELS)  # geometric growth to ``outer``
    steps = first * np.cumsum(ratio ** np.arange(OUTER_PANELS))
    steps *= (outer - half_plate - gap) / steps[-1]
    side = np.concatenate([_cosine(half_plate, half_plate + gap, GAP_PANELS)[1:], half_plate + gap + steps])
    return np.concatenate([-side[::-1], plate, side])


def capacitance_vacuum_F(width_m: float, length_m: float, gap_m: float | None) -> float:
    """Vacuum capacitance [F] of a W × ℓ plate: to a coplanar ground plane with a rectangular opening of gap g on
    all sides (``gap_m``), or to infinity (``gap_m`` None)."""
    scale = max(width_m, length_m)  # solved in units of the larger side
    w, ell = width_m / scale, length_m / scale
    g = (gap_m or 0.0) / scale
    outer = GROUND_EXTENT * max(w, ell) / 2 + g if gap_m else 0.0
    xs = _axis(w / 2, g, outer + w / 2 - max(w, ell) / 2)
    ys = _axis(ell / 2, g, outer + ell / 2 - max(w, ell) / 2)
    x0, y0 = np.meshgrid(xs[:-1], ys[:-1], indexing="ij")
    x1, y1 = np.meshgrid(xs[1:], ys[1:], indexing="ij")
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    plate = (np.abs(cx) < w / 2) & (np.abs(cy) < ell / 2)
    ground = (np.abs(cx) > w / 2 + g) | (np.abs(cy) > ell / 2 + g) if gap_m else np.zeros_like(plate)
    keep = (plate | ground) & (cx > 0) & (cy > 0)  # one quadrant: the charge is symmetric in x and y
    px, py = cx[keep], cy[keep]
    a0, a1, b0, b1 = x0[keep], x1[keep], y0[keep], y1[keep]
    area = (a1 - a0) * (b1 - b0)
    size = np.maximum(a1 - a0, b1 - b0)
    P = np.zeros((px.size, px.size))
    for sx, u0, u1 in ((1, a0, a1), (-1, a1, a0)):
        for sy, v0, v1 in ((1, b0, b1), (-1, b1, b0)):
            dx, dy = sx * (u0 + u1)[None, :] / 2 - px[:, None], sy * (v0 + v1)[None, :] / 2 - py[:, None]
            r = np.hypot(dx, dy)
            near = r < FAR * size[None, :]  # the exact panel integral; farther, the centroid's 1/r (error < 1e-3)
            P += np.where(near, 0.0, area[None, :] / np.where(near, 1.0, r))
            i, j = np.nonzero(near)
            P[i, j] += _rect_integral(sx * u0[j] - px[i], sx * u1[j] - px[i], sy * v0[j] - py[i], sy * v1[j] - py[i])
    P /= 4 * math.pi * epsilon_0
    on_plate = plate[keep]
    sigma = np.linalg.solve(P, on_plate.astype(float))
    return 4 * float(np.sum((sigma * area)[on_plate])) * scale  # C scales with length


@lru_cache(maxsize=64)
def ratio_3d_to_2d(width_m: float, length_m: float, gap_m: float) -> float:
    """k = C_3D / C_2D of a W × ℓ block in a coplanar ground opening of gap g (substrate-independent: both scale by
    ε_eff). C_2D = C'(W, g)·ℓ, C' = 4ε0 K(k)/K(k′) in vacuum with k = W/(W + 2g)."""
    from .lines import CoplanarLine

    c2d = CoplanarLine(gap_m, epsilon_r=1.0).per_length(width_m)[1] * length_m
    return capacitance_vacuum_F(width_m, length_m, gap_m) / c2d


def cross_section_check(wire):
    """The 2D cross-section's validity for a wire in a coplanar line (None for other lines): (numbers, record).

    The block of rows (span W, row length ℓ) against the ground gap g: k = C_3D/C_2D, and the first mode of the
    meander re-solved with every row's capacitance to ground × k (``MeanderLine.ground_scale``; the rows' mutual
    capacitances as in 2D) — the estimate of the drawn wire's f_self in 3D; a warning when it moves by more than
    ``WARN_SHIFT``. An estimate, not a field solution of the meander: it puts the extra end capacitance on the rows
    in proportion to their 2D ground capacitance."""
    from .format import eng
    from .lines import CoplanarLine
    from .verdicts import Verdict

    if not isinstance(wire.line, CoplanarLine):
        return None
    row = wire.length_m / wire.rows
    span = wire.meander.geometry.span_m if wire.rows > 1 else wire.width_m
    g = wire.line.ground_gap_m
    if (span + 2 * g) / row < SHORT_BLOCK:
        numbers = {"row_length_m": row, "span_m": span, "ground_gap_m": g}
        return numbers, Verdict("superinductor.cross_section", "info",
                                f"rows of {eng(row, 'm')} are over {1 / SHORT_BLOCK:g}× the block's width plus its "
                                f"ground gaps ({eng(span + 2 * g, 'm')}): the 2D line model holds", "", numbers)
    with one_blas_thread():
        k = ratio_3d_to_2d(span, row, g)
    f_3d = replace(wire.meander, ground_scale=k).f_self_Hz
    shift = f_3d / wire.f_self_Hz - 1
    numbers = {"C3D_over_C2D": k, "f_self_3d_estimate_Hz": f_3d, "f_self_shift_estimate": shift,
               "row_length_m": row, "span_m": span, "ground_gap_m": g}
    where = (f"rows of {eng(row, 'm')} (block {eng(span, 'm')} wide) beside a {eng(g, 'm')} ground gap: the 3D "
             f"capacitance to ground is {k:.2f}× the 2D cross-section's")
    if abs(shift) <= WARN_SHIFT:
        return numbers, Verdict("superinductor.cross_section", "info",
                                f"{where}; the line model holds (f_self within {abs(shift):.0%})", "", numbers)
    return numbers, Verdict("superinductor.cross_section", "warning",
                            f"{where}: the 2D line model overstates the self-resonances — f_self ≈ "
                            f"{eng(f_3d, 'Hz')} ({shift:+.0%}) by a 3D estimate", "make the rows longer than the ground gap (fewer, longer rows) or "
                            "narrow the ground gap", numbers)
