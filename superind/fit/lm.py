"""Batched complex least squares: Levenberg–Marquardt on many independent problems at once, and profile-likelihood
intervals from it.

A problem b minimises Σ_k |r_bk(θ_b)|² over the free entries of θ_b (complex residuals, real parameters; the real
Jacobian is Re/Im of the complex one, so JᵀJ = Re(DᴴD), Jᵀr = Re(Dᴴr)). Steps solve (JᵀJ + λ diag JᵀJ) δ = −Jᵀr
in column-scaled form (Marquardt, SIAM J. Appl. Math. 11, 431 (1963)); λ falls ×10 on an accepted step and rises
×10 on a rejected one. Many starts, traces or constrained profile points run as one batch of numpy operations.

A profile-likelihood interval of a linear combination q = cᵀθ is where the minimum of χ² with q held fixed rises
by Δχ² above the best fit, χ² in units of the residual variance s² = χ²_min/(N − p) (Venzon & Moolgavkar, Appl.
Statist. 37, 87 (1988); Δχ² = 1 for 68 %, 2.706 for a one-sided 95 % bound, 3.841 for two-sided 95 %).
"""
from __future__ import annotations

import numpy as np

#: problems × residuals × parameters processed at once (memory ≈ 16 bytes each, times a few temporaries)
CHUNK_ELEMENTS = 4_000_000


def levenberg_marquardt(fun, theta0, free, max_iter: int = 100, rtol: float = 1e-10):
    """Minimise each problem's Σ|r|² from ``theta0`` (B, p) over ``free`` (p,) or (B, p) parameters.

    ``fun(theta, rows)`` returns (r (b, m) complex, D (b, m, p) complex) for the problems ``rows`` of the batch.
    Returns (theta (B, p), cost (B,), converged (B,) bool)."""
    theta = np.array(theta0, float)
    B, p = theta.shape
    free = np.broadcast_to(np.asarray(free, bool), (B, p))
    rows = np.arange(B)
    r, D = fun(theta, rows)
    cost = np.sum(np.abs(r) ** 2, axis=1)
    lam = np.full(B, 1e-3)
    done = ~np.isfinite(cost)
    converged = np.zeros(B, bool)
    eye = np.eye(p)
    for _ in range(max_iter):
        act = np.flatnonzero(~done)
        if act.size == 0:
            break
        Dk = D[act] * free[act][:, None, :]
        Dh = Dk.conj().transpose(0, 2, 1)
        H = (Dh @ Dk).real
        g = (Dh @ r[act][..., None])[..., 0].real
        d = np.sqrt(np.einsum("bii->bi", H))
        d = np.where(d > 0, d, 1.0)
        A = H / (d[:, :, None] * d[:, None, :]) + lam[act, None, None] * eye
        A += np.where(free[act], 0.0, 1.0)[:, :, None] * eye  # fixed parameters: an identity row, zero step
        with np.errstate(all="ignore"):
            step = -np.linalg.solve(A, (g / d)[..., None])[..., 0] / d
        trial = theta[act] + np.where(free[act], step, 0.0)
        rt, Dt = fun(trial, act)
        ct = np.sum(np.abs(rt) ** 2, axis=1)
        better = np.isfinite(ct) & (ct <= cost[act])
        acc = act[better]
        small = (cost[acc] - ct[better]) <= rtol * cost[acc] + 1e-300
        theta[acc], r[acc], D[acc], cost[acc] = trial[better], rt[better], Dt[better], ct[better]
        lam[acc] = np.maximum(lam[acc] / 10, 1e-12)
        lam[act[~better]] *= 10
        converged[acc[small]] = True
        done[acc[small]] = True
        done[act[~better][lam[act[~better]] > 1e12]] = True  # no step lowers the cost: a minimum to working precision
        converged[act[~better][lam[act[~better]] > 1e12]] = True
    return theta, cost, converged


def covariance(D, free, s2):
    """s²(JᵀJ)⁻¹ over the free parameters (zero rows/columns for fixed ones), for each problem: D (B, m, p)."""
    Dk = D * free[None, None, :]
    H = (Dk.conj().transpose(0, 2, 1) @ Dk).real + np.diag((~free).astype(float))[None]
    d = np.sqrt(np.einsum("bii->bi", H))
    with np.errstate(all="ignore"):
        inv = np.linalg.pinv(H / (d[:, :, None] * d[:, None, :]), rcond=1e-13) / (d[:, :, None] * d[:, None, :])
    return inv * free[None, :, None] * free[None, None, :] * s2[:, None, None]


def profile_offsets(fun, theta_hat, cost_hat, s2, free, quantities, sigma, levels, rounds: int = 4):
    """Signed distances from the best fit along each quantity to where its profile Δχ²/s² reaches a level.

    ``quantities`` is a list of (T, k): θ = Tφ reparametrises the model so that the quantity is φ_k; ``sigma``
    (B, Q) its Wald σ; ``levels`` a list of (quantity index, side ±1, Δχ²). Returns (B, len(levels)) offsets
    (±inf when the profile stays below the level within 1000 σ). Secant steps on √Δχ² (exact for a linear
    model), each warm-started from the previous constrained optimum."""
    B, p = theta_hat.shape
    qi = np.array([lv[0] for lv in levels])
    side = np.array([lv[1] for lv in levels], float)
    target = np.array([lv[2] for lv in levels], float)
    L = qi.size
    T = np.stack([quantities[q][0] for q in qi])
    k = np.array([quantities[q][1] for q in qi])
    phi = np.einsum("lij,bj->bli", np.linalg.inv(T), theta_hat)  # (B, L, p)
    q_hat = phi[:, np.arange(L), k]
    free_phi = np.tile(np.asarray(free, bool), (L, 1))
    free_phi[np.arange(L), k] = False
    Tb = np.broadcast_to(T, (B, L, p, p)).reshape(B * L, p, p)
    prob = np.repeat(np.arange(B), L)
    cap = 1e3 * sigma[:, qi]
    dist = np.minimum(np.sqrt(target) * sigma[:, qi], cap)

    def fun_phi(ph, rows):
        r, D = fun(np.einsum("bij,bj->bi", Tb[rows], ph), prob[rows])
        return r, D @ Tb[rows]

    m = fun(theta_hat[:1], np.array([0]))[0].shape[1]
    for _ in range(rounds):
        phi[:, np.arange(L), k] = q_hat + side * dist
        sol, cost, _ = _chunked(fun_phi, phi.reshape(B * L, p), np.repeat(free_phi[None], B, 0).reshape(B * L, p),
                                m * p)
        phi = sol.reshape(B, L, p)
        rise = np.maximum((cost.reshape(B, L) - cost_hat[:, None]) / s2[:, None], 1e-12)
        estimate = dist * np.sqrt(target / rise)
        if np.all(np.abs(rise / target - 1) < 0.01):
            break
        dist = np.minimum(np.clip(estimate, dist / 5, dist * 5), cap)
    unbounded = (dist >= cap) & (rise < target)
    return side * np.where(unbounded, np.inf, estimate)


def _chunked(fun, theta0, free, per_problem):
    """levenberg_marquardt on row chunks whose Jacobians stay within CHUNK_ELEMENTS."""
    n, size = theta0.shape[0], max(1, CHUNK_ELEMENTS // max(per_problem, 1))
    out = [levenberg_marquardt(lambda th, rows, a=a: fun(th, rows + a), theta0[a:a + size], free[a:a + size])
           for a in range(0, n, size)]
    return tuple(np.concatenate([o[j] for o in out]) for j in range(3))
