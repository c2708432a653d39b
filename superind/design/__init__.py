"""The device model: spec (pydantic, units) → ``resolve(spec)`` → Device → ``evaluate(device)`` → Results.

``load_design(path)`` reads a TOML design file; ``parse_design(mapping)`` validates a mapping (CLI options, Python);
``spec_with(spec, {field: value})`` is one sweep point; ``Results.to_dict()`` is the one JSON shape;
``superind.design.spread.monte_carlo`` is the device-spread Monte-Carlo (imported on use: it needs scipy).
"""
from .evaluate import evaluate
from .resolve import Device, resolve
from .results import Results, json_ready
from .fields import field_unit, spec_with, sweepable_fields
from .schema import DesignSpec, load_design, parse_design

#: the sweep machinery (concurrent.futures, multiprocessing, rich progress) loads on first use (PEP 562)
_SWEEP = ("Sweep", "scalar_results", "write_netcdf")

__all__ = ["DesignSpec", "load_design", "parse_design", "spec_with", "field_unit", "sweepable_fields", "Device",
           "resolve", "evaluate", "Results", "json_ready", *_SWEEP]


def __getattr__(name: str):
    if name in _SWEEP:
        from . import sweep

        return getattr(sweep, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
