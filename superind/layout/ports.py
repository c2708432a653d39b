"""Ports of a layout cell: where other structures connect, as a cell-record entry (``info["ports"]``).

A port is a wire end seen from outside: its centre (m), the wire width there (m), the direction a connecting
structure leaves in (``orientation_deg``: 0 = +x, 90 = +y, 180 = −x, 270 = −y, the gdsfactory/KLayout convention)
and its layer (process role and GDS layer/datatype). Ports sit on the reference planes where the electrical squares
are counted (pad edges or the junction site), so L_k = L_k,□ · N_□ is the inductance between them.
"""
from __future__ import annotations

from .process import Process

#: the outward direction of a port leaving towards each side of a cell
ORIENTATION_DEG = {"east": 0.0, "north": 90.0, "west": 180.0, "south": 270.0}


def port(name: str, center_m, width_m: float, side: str, process: Process, role: str = "film") -> dict:
    """One port record: ``center_m`` = (x, y) [m], ``width_m`` [m], facing ``side`` (east/north/west/south)."""
    layer = process.layer(role)
    return {"name": name, "center_m": [float(center_m[0]), float(center_m[1])], "width_m": float(width_m),
            "orientation_deg": ORIENTATION_DEG[side], "layer": role, "gds_layer": [layer.layer, layer.datatype]}


def gap_ports(prefix: str, center_m, gap_m: float, width_m: float, axis: str, process: Process) -> list[dict]:
    """The two wire ends facing each other across a gap (a junction site) centred at ``center_m``: along ``axis``
    "x" the ends are at x ∓ gap/2 facing east/west, along "y" at y ∓ gap/2 facing north/south."""
    x, y = center_m
    if axis == "x":
        return [port(f"{prefix}_a", (x - gap_m / 2, y), width_m, "east", process),
                port(f"{prefix}_b", (x + gap_m / 2, y), width_m, "west", process)]
    return [port(f"{prefix}_a", (x, y - gap_m / 2), width_m, "north", process),
            port(f"{prefix}_b", (x, y + gap_m / 2), width_m, "south", process)]
