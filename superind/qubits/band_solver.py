"""Lowest eigenpairs of a Hermitian band matrix H(Φ_ext) along a flux sweep: one banded Cholesky factorisation of
H − σ per point (LAPACK ``pbtrf``; it fails exactly when σ is not below the spectrum, which makes the shift safe)
and shift-invert Lanczos (ARPACK) with σ just below the ground state, trailing it along the sweep. Used by the
0-π (:mod:`superind.qubits.zeropi_engine`) and cos2φ (:mod:`superind.qubits.cos2phi_engine`) engines.
"""
from __future__ import annotations

from abc import ABC, abstractmethod

import numpy as np
import scipy.sparse.linalg as spla
from scipy.linalg.lapack import get_lapack_funcs

MAX_SHIFT_TRIES = 30


class BandedHamiltonian(ABC):
    """Subclasses set ``dim``, ``u`` (band half-width), ``dtype`` and give ``band(flux)`` (upper band storage), and
    ``blocks(flux)`` where a symmetry splits H."""

    dim: int
    u: int
    dtype: type

    @abstractmethod
    def band(self, flux: float) -> np.ndarray:
        """Upper band storage of H(Φ_ext/Φ0 = ``flux``) [GHz], shape (u + 1, dim)."""

    def blocks(self, flux: float):
        """Index sets of the basis that H(``flux``) does not couple (the eigenspaces of a symmetry diagonal in the
        basis), each solved on its own from ``band(flux, index)``; None: no such symmetry here."""
        return None

    def _factor(self, ab: np.ndarray, sigma: float, spread: float):
        """Cholesky of H − σ, lowering σ by ``spread`` (doubling) until H − σ is positive definite."""
        pbtrf = get_lapack_funcs("pbtrf", (ab,))
        for _ in range(MAX_SHIFT_TRIES):
            shifted = ab.copy()
            shifted[-1] -= sigma
            c, info = pbtrf(shifted, lower=0, overwrite_ab=1)
            if info == 0:
                return c, sigma
            sigma, spread = sigma - spread, 2 * spread
        raise RuntimeError(f"{type(self).__name__}: no shift below the spectrum found")

    def _lowest(self, ab: np.ndarray, levels: int, sigma: float, spread: float, v0: np.ndarray, tol: float):
        """Lowest ``levels`` eigenpairs of the band ``ab`` (ascending) and the shift used."""
        dim = ab.shape[1]
        c, sigma = self._factor(ab, sigma, spread)
        pbtrs = get_lapack_funcs("pbtrs", (c,))
        inv = spla.LinearOperator((dim, dim), matvec=lambda x: pbtrs(c, x)[0], dtype=self.dtype)
        no_matvec = spla.LinearOperator((dim, dim), matvec=_never, dtype=self.dtype)
        w, v = spla.eigsh(no_matvec, k=levels, sigma=sigma, OPinv=inv, which="LM", v0=v0, tol=tol,
                          ncv=min(dim, max(2 * levels + 1, 20)))
        order = np.argsort(w.real)
        return w.real[order], v[:, order], sigma

    def eigensystem(self, flux, levels: int, sigma: float, tol: float = 0.0, start=None):
        """Lowest ``levels`` eigenvalues [GHz] per flux point (and eigenvectors of the last point).

        ``sigma`` is a first guess of a shift below the ground state; ``tol`` ARPACK's relative tolerance on the
        shift-inverted eigenvalues 1/(E − σ) (0: machine precision; E then errs by ≲ tol·(E − σ), in practice by its
        square); ``start``: approximate eigenvectors (columns) of the first point, e.g. of another cut-off, from
        which the Lanczos vector starts. Where ``blocks`` splits H, each block's lowest ``levels`` are solved and
        the lowest of all kept (their eigenvectors vanish outside their block). Returns (levels, vectors, next σ)."""
        flux = np.atleast_1d(np.asarray(flux, dtype=float))
        # a fixed start (not ARPACK's random one): the same input gives the same levels to the bit
        noise = np.random.default_rng(0).standard_normal(self.dim).astype(self.dtype)
        v0 = noise if start is None else start[:, 0] + start[:, 1:].sum(axis=1) * 0.5
        out, vecs, spread = np.empty((flux.size, levels)), None, 1.0
        for k, f in enumerate(flux):
            parts = self.blocks(f)
            if parts is None:
                out[k], vecs, sigma = self._lowest(self.band(f), levels, sigma, spread, v0, tol)
            else:
                found, vectors = [], []
                for index in parts:  # the start restricted to the block, with a little of the fixed one
                    start_block = v0[index] + 1e-3 * np.linalg.norm(v0) / np.sqrt(self.dim) * noise[index]
                    w, v, _ = self._lowest(self.band(f, index), min(levels, len(index) - 1), sigma, spread,
                                           start_block, tol)
                    full = np.zeros((self.dim, len(w)), dtype=v.dtype)
                    full[index] = v
                    found.append(w)
                    vectors.append(full)
                order = np.argsort(np.concatenate(found))[:levels]
                out[k], vecs = np.concatenate(found)[order], np.hstack(vectors)[:, order]
            v0 = vecs[:, 0] + vecs[:, 1:].sum(axis=1) * 0.5
            spread = max(out[k, -1] - out[k, 0], 1e-3)
            sigma = out[k, 0] - 0.1 * spread - 1e-6 * abs(out[k, 0])
        return out, vecs, sigma


def _never(x):
    raise RuntimeError("shift-invert mode does not multiply by H")
