"""Resonator traces as they come from the lab: Touchstone (.s1p/.s2p/.sNp) and CSV files → one sorted S(f) trace.

Every file is read as text through ``superind.textfiles`` (UTF-8 with or without BOM; binary, Latin-1 or empty
files are one-line errors). Touchstone data rows are checked here before scikit-rf parses them: a sweep whose
frequency steps back (several sweeps in one file) is split into its monotonic runs, each run is parsed by
scikit-rf (any format, RI/MA/DB, any frequency unit), and the runs are merged — sorted, points at the same frequency
averaged in the complex plane. scikit-rf alone would take the first backward step for the start of a noise block
and silently drop the rest. CSV headers: ``f_Hz`` or ``f_GHz``, then ``S21_dB,S21_deg`` | ``S21_dB,S21_rad``
(any port ij) | ``re,im`` | ``mag,phase_rad``.
"""
from __future__ import annotations

import io
import re
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..errors import InputError

#: CSV value columns (after the frequency column): pairs → S = f(a, b)
CSV_FORMS = {("re", "im"): lambda a, b: a + 1j * b,
             ("mag", "phase_rad"): lambda a, b: a * np.exp(1j * b),
             ("S{p}_dB", "S{p}_deg"): lambda a, b: 10 ** (a / 20) * np.exp(1j * np.deg2rad(b)),
             ("S{p}_dB", "S{p}_rad"): lambda a, b: 10 ** (a / 20) * np.exp(1j * b)}
TOUCHSTONE = re.compile(r"\.s(\d+)p$", re.IGNORECASE)


@dataclass(frozen=True)
class ResonatorData:
    """Measured complex S-parameter ``s`` at ``f_Hz`` (strictly ascending), S_``port`` of ``source``.

    ``n_read`` points were read in ``n_sweeps`` monotonic runs; ``n_merged`` of them shared a frequency with
    another and were averaged, so ``f_Hz.size = n_read − n_merged`` points are used."""

    f_Hz: np.ndarray
    s: np.ndarray
    port: str = "21"
    source: str = "array"
    n_read: int = 0
    n_sweeps: int = 1
    n_merged: int = 0

    def describe(self) -> str:
        """One line: how many points were read and used."""
        text = f"{self.f_Hz.size} points used"
        if self.n_sweeps > 1 or self.n_merged:
            text += (f" ({self.n_read} read in {self.n_sweeps} sweeps, sorted; {self.n_merged} at repeated "
                     "frequencies averaged)")
        return text


def check_port(port) -> str:
    port = str(port)
    if len(port) != 2 or not port.isdigit() or "0" in port:
        raise InputError(f"--port '{port}': give two 1-based port digits, e.g. 21 (S21) or 11 (S11)")
    return port


def load_trace(path, port: str = "21") -> ResonatorData:
    """S_``port`` of a Touchstone (``.sNp``) or CSV file (any other name) as one merged, ascending trace."""
    port = check_port(port)
    m = TOUCHSTONE.search(str(path))
    return load_touchstone(path, port) if m else load_csv(path, port)


def merge_sweeps(f_Hz, s, where: str, port: str = "21", n_sweeps: int = 1) -> ResonatorData:
    """Sort by frequency and average points at the same frequency (complex mean); NaN/inf and non-positive
    frequencies are InputErrors naming the first bad point."""
    f, s = np.asarray(f_Hz, float), np.asarray(s, complex)
    bad = np.flatnonzero(~np.isfinite(f) | ~np.isfinite(s))
    if bad.size:
        raise InputError(f"{where}: {bad.size} NaN/infinite value(s) (first at point {bad[0] + 1}); "
                         "remove or re-measure those points")
    if f.size == 0:
        raise InputError(f"{where}: no data points")
    if f.min() <= 0:
        raise InputError(f"{where}: frequencies must be positive (point {int(np.argmin(f)) + 1} is {f.min():g} Hz)")
    order = np.argsort(f, kind="stable")
    uniq, inverse, counts = np.unique(f[order], return_inverse=True, return_counts=True)
    merged = np.bincount(inverse, s[order].real) / counts + 1j * np.bincount(inverse, s[order].imag) / counts
    return ResonatorData(uniq, merged, port, where, int(f.size), n_sweeps, int(f.size - uniq.size))


def _runs(f: np.ndarray) -> list[slice]:
    """Monotonic (strictly ascending) runs of a frequency column."""
    cuts = np.flatnonzero(np.diff(f) <= 0) + 1
    edges = [0, *cuts.tolist(), f.size]
    return [slice(a, b) for a, b in zip(edges[:-1], edges[1:])]


def load_touchstone(path, port: str = "21") -> ResonatorData:
    """S_``port`` of a Touchstone file: rows checked and split into sweeps here, each parsed by scikit-rf."""
    from ..textfiles import read_text

    p, port = Path(path), check_port(port)
    n = int(TOUCHSTONE.search(p.name).group(1)) if TOUCHSTONE.search(p.name) else 0
    if n < 1:
        raise InputError(f"{p}: a Touchstone file name ends in .s<N>p (e.g. .s2p); rename it or give a CSV")
    header, rows, freqs, pending = [], [], [], []
    state = "head"  # head → data → tail (v2 keywords after [Network Data], or a v1 2-port noise block)
    for k, raw in enumerate(read_text(p, "Touchstone file").split("\n"), 1):
        line = raw.split("!", 1)[0].strip()
        if not line or state == "tail":
            continue
        if line.startswith("["):
            if state == "data":
                state = "tail"
            else:
                header.append(raw)
                state = "data" if line.lower().startswith("[network data]") else state
            continue
        if line.startswith("#"):
            header.append(raw)
            continue
        try:
            values = [float(t) for t in line.split()]
        except ValueError:
            raise InputError(f"{p} line {k}: '{raw.strip()[:40]}' is not a row of numbers; check the file") from None
        pending.append((raw, values))
        count = sum(len(v) for _, v in pending)
        if n == 2 and rows and count == 5 and values[0] <= freqs[-1]:
            state = "tail"  # the 2-port noise-parameter block that may follow the S data (Touchstone 1.1)
            continue
        if count >= 1 + 2 * n * n:
            if count > 1 + 2 * n * n:
                raise InputError(f"{p} line {k}: {count} numbers where a {n}-port row has {1 + 2 * n * n}")
            rows.append("\n".join(r for r, _ in pending))
            freqs.append(pending[0][1][0])
            pending = []
            state = "data"
    if pending:
        raise InputError(f"{p}: the last data row is incomplete ({sum(len(v) for _, v in pending)} numbers)")
    if not rows:
        raise InputError(f"{p}: no data rows; is it an empty or truncated Touchstone file?")
    i, j = int(port[0]), int(port[1])
    if max(i, j) > n:
        raise InputError(f"{p}: S{port} needs {max(i, j)} ports but the file has {n} "
                         f"(choose --port {'11' if n == 1 else '21'})")
    f_parts, s_parts = [], []
    runs = _runs(np.array(freqs))
    for run in runs:
        head = [re.sub(r"(?i)^(\s*\[number of frequencies\]).*", rf"\g<1> {run.stop - run.start}", h) for h in header]
        f_run, s_run = _skrf_parse(p, "\n".join(head + rows[run]) + "\n", n)
        f_parts.append(f_run)
        s_parts.append(s_run[:, i - 1, j - 1])
    return merge_sweeps(np.concatenate(f_parts), np.concatenate(s_parts), f"{p} S{port}", port, len(runs))


def _skrf_parse(p: Path, text: str, n: int):
    """(f [Hz], S (points, n, n)) of one monotonic run, parsed by scikit-rf; its messages and warnings stay
    inside (InputError naming the file)."""
    import skrf

    buffer = io.StringIO(text)
    buffer.name = f"run.s{n}p"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            net = skrf.Network(buffer)
        except Exception as exc:  # scikit-rf raises assorted errors on malformed files  # noqa: BLE001
            kind = type(exc).__name__
            raise InputError(f"{p}: not a readable Touchstone file (the parser stopped with {kind}); check the "
                             "option line '# Hz S RI R 50' and the number of columns") from None
    return np.asarray(net.f, float), np.asarray(net.s, complex)


def load_csv(path, port: str = "21") -> ResonatorData:
    """S_``port`` from a CSV with ``f_Hz`` or ``f_GHz`` and one of the value-column pairs of CSV_FORMS."""
    from . import read_table
    from ..textfiles import read_rows

    p, port = Path(path), check_port(port)
    header, _ = read_rows(p, "data file")
    fcol = next((c for c in ("f_Hz", "f_GHz") if c in header), None)
    pair = next(((a.format(p=port), b.format(p=port)) for a, b in CSV_FORMS
                 if a.format(p=port) in header and b.format(p=port) in header), None)
    if fcol is None or pair is None:
        other = sorted({m.group(1) for c in header if (m := re.fullmatch(r"S(\d\d)_dB", c))} - {port})
        hint = f"; the file has S{other[0]}: give --port {other[0]}" if other and pair is None else ""
        raise InputError(f"{p}: need a header with f_Hz or f_GHz and one of re,im | mag,phase_rad | "
                         f"S{port}_dB,S{port}_deg | S{port}_dB,S{port}_rad (found: {', '.join(header)}){hint}")
    cols = read_table(p, (fcol,) + pair)
    f = cols[fcol] * (1e9 if fcol == "f_GHz" else 1.0)
    top = float(np.max(np.abs(cols[fcol])))
    if fcol == "f_GHz" and top > 1e4:
        raise InputError(f"{p}: column f_GHz holds values up to {top:.4g}: that looks like Hz; name it f_Hz")
    if fcol == "f_Hz" and 0 < top < 1e4:
        raise InputError(f"{p}: column f_Hz holds values up to {top:.4g}: that looks like GHz; name it f_GHz")
    if pair[0] == "mag" and np.any(cols["mag"] < 0):
        raise InputError(f"{p}: column mag has negative values; a magnitude is ≥ 0 (re,im columns for signed parts)")
    form = next(fn for (a, b), fn in CSV_FORMS.items() if (a.format(p=port), b.format(p=port)) == pair)
    with np.errstate(over="ignore", invalid="ignore"):
        values = form(cols[pair[0]], cols[pair[1]])
    return merge_sweeps(f, values, f"{p} S{port}", port, len(_runs(f)))
