"""Tutorial: design a TiN fluxonium from a notebook, step by step (docs/tutorial.md walks through it).

1. a film from what the physicist knows (unit strings, pint quantities or SI floats all work);
2. the superinductor wire for a target E_L, and what limits it (line impedance, self-resonance, phase slips);
3. the whole device from a design spec — the same path ``superind build`` takes — and its spectrum;
4. a spectrum as an xarray DataArray and a figure; 5. a quick sweep of the wire width.
Usage: python examples/tutorial_fluxonium.py [OUTPUT_DIR]   (default build/examples)
"""
import sys
from pathlib import Path

import numpy as np
from matplotlib.figure import Figure

import superind as si


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)

    # 1. The film: 1.5 kΩ/□ TiN with T_c = 2 K. L_k,□ = ħR_sq/(πΔ0) ≈ 1.03 nH/□ (Mattis–Bardeen, T → 0).
    film = si.make_film("TiN", R_sq="1.5 kOhm", Tc="2 K", thickness="10 nm")
    print(f"L_k,□ = {film.sheet_kinetic_inductance(0.02) * 1e12:.1f} pH/□ at 20 mK")

    # 2. The superinductor: E_L = 0.5 GHz (scqubits convention, L = 327 nH) from a 100 nm wire in a CPW gap.
    spec = si.DesignSpec(
        name="tutorial_fluxonium",
        film={"material": "TiN", "R_sq": "1.5 kOhm", "Tc": "2 K", "thickness": "10 nm", "temperature": "20 mK"},
        superinductor={"E_L": "0.5 GHz", "width": "100 nm", "pitch": "300 nm",
                       "line": {"kind": "cpw", "ground_gap": "10 um"}},
        junction={"E_J": "8.9 GHz", "E_C": "2.5 GHz"},
        qubit={"kind": "rfsquid", "flux": {"start": 0.0, "stop": 1.0, "points": 101}, "levels": 4},
    )
    device = si.resolve(spec)
    wire = device.wire
    print(f"wire: {wire.length_m * 1e6:.1f} µm × {wire.width_m * 1e9:.0f} nm, Z = {wire.Z_ohm / 1e3:.1f} kΩ, "
          f"first self-resonance {wire.f_self_Hz / 1e9:.2f} GHz")

    # 3. Everything about the device: the same Results (and JSON) as `superind build`.
    results = si.evaluate(device, layout=False)
    q = results["qubit"]
    print(f"f01 = {q['f01_min_GHz']:.4f} … {q['f01_max_GHz']:.3f} GHz; T1 ≈ {q['T1_s'] * 1e6:.0f} µs at Φ0/2")
    for w in results.warnings:
        print("warning:", w)

    # 4. The spectrum as xarray (dims flux, level) and as a figure.
    spectrum = device.qubit.spectrum(np.linspace(0, 1, 101), 4)
    levels = spectrum.to_xarray()
    print(f"levels: {dict(levels.sizes)} in {levels.attrs['units']}")
    fig = Figure(figsize=(6, 4), layout="constrained")
    spectrum.plot(ax=fig.add_subplot())
    fig.savefig(out / "tutorial_fluxonium_spectrum.png", dpi=110)

    # 5. A sweep of the wire width: a narrower wire needs fewer squares for the same L.
    ds = si.Sweep(si.spec_with(spec, {"qubit.flux.points": 21}),
                  {"superinductor.width": np.linspace(80e-9, 160e-9, 3)}).run(workers=1, progress=False)
    for w, n in zip(ds.superinductor_width.values, ds["squares"].values):  # the axis in nm (its units attribute)
        print(f"width {w:.0f} {ds.superinductor_width.attrs['units']} → {n:.0f} squares")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("build/examples"))
