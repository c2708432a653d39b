"""superind.layout — fabrication layouts with gdstk: meanders with electrical squares, loops, constrictions, 0-π
devices, chips, design-rule checks and file output.

Coordinates inside gdstk are µm (library unit 1e-6, precision = process grid); the public API takes and returns
SI metres. Layout knows no physics beyond counting squares: give a sheet inductance (H/□) or a Film-like object
with ``sheet_kinetic_inductance()`` to get L_k = L_k,□ · N_□ (docs/theory/layout.md).
"""
from .chip import chip
from .constriction import constriction
from .drc import Violation, drc
from .io import GdsSummary, gds_bytes, library, lyp_text, svg_text, verify_gds, write_gds, write_lyp, write_svg
from .loop import loop
from .meander import WireCell, meander
from .process import Layer, Process, available_processes, load_process
from .squares import corner_correction, turn_correction
from .zeropi import zeropi

__all__ = ["load_process", "available_processes", "Process", "Layer", "meander", "loop", "constriction", "zeropi",
           "chip", "drc", "Violation", "write_gds", "write_lyp", "write_svg", "gds_bytes", "svg_text", "lyp_text", "library",
           "verify_gds", "GdsSummary", "WireCell", "turn_correction",
           "corner_correction"]
