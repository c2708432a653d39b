"""One dialect for every command: each option is declared once — its flag, help text and the design field it sets —
and a command takes whole groups of them (``@with_options("film", "superinductor")``).

A command's options and an optional ``--design FILE`` become one design mapping: the file's sections, then every
option given on the command line set over them (``superind.design.schema.set_fields``: a given target replaces the
file's other targets), validated once by the schema — so the defaults are the schema's, written nowhere else, and
an error names the option the user typed (or the file's field). Old option names that meant two things in two
commands are kept as hidden, deprecated aliases that say what to use instead.
"""

import functools
import inspect
import sys
from dataclasses import dataclass
from typing import Annotated, Optional

import typer


@dataclass(frozen=True)
class Opt:
    """One option: the Python parameter ``name``, its ``flags``, ``help``, the dotted design ``field`` it sets, its
    typer ``kind`` (str, bool or a (str, str) pair) and, for an old alias, what to use instead (``deprecated``)."""

    name: str
    flags: tuple
    help: str
    field: Optional[str] = None
    kind: object = str
    deprecated: str = ""


def _o(name, flag, help, field=None, kind=str, deprecated=""):
    return Opt(name, (flag,), help, field, kind, deprecated)


GROUPS = {
    "design": [_o("design", "--design", "design file whose sections this command starts from; the options below "
                  "override single fields, e.g. layouts/tin_rfsquid.toml")],
    "film": [
        _o("material", "--material", "film material, e.g. TiN", "film.material"),
        _o("rsq", "--rsq", "normal-state sheet resistance just above T_c, e.g. '1.5 kOhm'", "film.R_sq"),
        _o("rsq_300k", "--rsq-300k", "room-temperature sheet resistance instead of --rsq (converted with the "
           "material's sourced R(T_c⁺)/R(300 K))", "film.R_sq_300K"),
        _o("tc", "--tc", "critical temperature, e.g. '2 K'", "film.Tc"),
        _o("delta0", "--delta0", "zero-temperature gap Δ0 of the film, e.g. '180 ueV' or '43.5 GHz'", "film.gap"),
        _o("gap_deprecated", "--gap", "deprecated: the film's gap Δ0 (use --delta0)", "film.gap",
           deprecated="--delta0 (the film's Δ0; --gap is the row gap in superind gds)"),
        _o("gap_ratio", "--gap-ratio", "α = Δ0/k_BT_c (default: the material's, BCS 1.764)", "film.gap_ratio"),
        _o("thickness", "--thickness", "film thickness, e.g. '10 nm'", "film.thickness"),
        _o("temperature", "--temperature", "operating temperature, e.g. '20 mK' (default 0 K)", "film.temperature"),
        _o("tc0", "--tc0", "clean-film T_c0 for Finkel'stein's T_c(R_sq), e.g. '4.7 K'", "film.Tc0"),
        _o("gamma", "--gamma", "Finkel'stein γ = ln(ħ/k_BT_c0τ), e.g. 6.5", "film.gamma"),
        _o("diffusion", "--diffusion", "diffusion constant, e.g. '0.5 cm**2/s'", "film.diffusion"),
        _o("lk_sq", "--lk-sq", "measured sheet kinetic inductance, e.g. '394 pH' (overrides Mattis–Bardeen)",
           "film.L_k_sq"),
        _o("pair_breaking", "--pair-breaking", "Dynes/Abrikosov–Gor'kov broadening Γ/Δ0 (default 0: plain "
           "Mattis–Bardeen)", "film.pair_breaking"),
    ],
    "superinductor": [
        _o("inductance", "--inductance", "target total inductance, e.g. '300 nH'", "superinductor.inductance"),
        _o("el", "--EL", "target E_L = (Φ0/2π)²/L as E/h, e.g. '0.5 GHz'", "superinductor.E_L"),
        _o("length", "--length", "target drawn centreline length, e.g. '30 um'", "superinductor.length"),
        _o("squares", "--squares", "target electrical squares (corner-corrected), e.g. 316", "superinductor.squares"),
        _o("width", "--width", "wire width, e.g. '100 nm' (superind wire: also a range '40 nm:200 nm:9')",
           "superinductor.width"),
        _o("pitch", "--pitch", "meander row pitch = width + row gap, e.g. '300 nm' (default twice the width)",
           "superinductor.pitch"),
        _o("row_gap", "--row-gap", "gap between meander rows (sets the pitch to width + gap), e.g. '200 nm'"),
        _o("turn", "--turn", "meander turn style: square, round or optimal", "superinductor.turn"),
        _o("cell", "--cell", "the cell the wire is drawn as: meander, loop, closed_loop, zeropi, ring (sets the "
           "self-resonances; default by qubit kind)", "superinductor.cell"),
        _o("min_f_self", "--min-f-self", "minimum first self-resonance, e.g. '8 GHz'", "superinductor.min_f_self"),
        _o("line", "--line", "electromagnetic environment: cpw | microstrip | isolated", "superinductor.line.kind"),
        _o("ground_gap", "--ground-gap", "cpw: gap to the ground planes, e.g. '10 um'",
           "superinductor.line.ground_gap"),
        _o("substrate", "--substrate", "dielectric: Si, sapphire, SiO2, vacuum", "superinductor.line.substrate"),
        _o("epsilon_r", "--epsilon-r", "dielectric constant (overrides --substrate)", "superinductor.line.epsilon_r"),
        _o("height", "--height", "microstrip: height above ground, e.g. '1 um'", "superinductor.line.height"),
    ],
    "junction": [
        _o("ej", "--EJ", "junction E_J as E/h, e.g. '8.9 GHz'", "junction.E_J"),
        _o("ic", "--Ic", "junction critical current, e.g. '17.9 nA'", "junction.I_c"),
        _o("rn", "--Rn", "junction normal resistance (Ambegaokar–Baratoff), e.g. '10 kOhm'", "junction.R_n"),
        _o("junction_delta", "--junction-delta", "gap Δ of the junction's electrodes for --Rn, e.g. '182.4 ueV'",
           "junction.gap"),
        _o("junction_gap_deprecated", "--junction-gap", "deprecated: the junction's Δ (use --junction-delta)",
           "junction.gap", deprecated="--junction-delta (--junction-gap is the loop's junction site in superind gds)"),
        _o("ec", "--EC", "junction charging energy E_C = e²/2C as E/h, e.g. '2.5 GHz' (0-π, cos2φ: each junction's "
           "E_CJ)", "junction.E_C"),
        _o("c", "--C", "junction capacitance, e.g. '7.75 fF'", "junction.C"),
    ],
    "qubit": [
        _o("flux", "--flux", "flux points START:STOP:N in Φ0, or one value (default by kind)", "qubit.flux"),
        _o("levels", "--levels", "number of levels (default 4)", "qubit.levels"),
        _o("at", "--at", "flux (Φ0) of the coherence and matrix-element estimate (default ½ when in range)",
           "qubit.at"),
        _o("modes", "--modes", "the superinductor's own modes in the Hamiltonian (0 = single-mode model; "
           "fluxonium/RF-SQUID and 0-π)", "qubit.modes"),
        _o("es", "--ES", "phase-slip energy E_S as E/h (qps; default: estimated from the wire)", "qubit.E_S"),
        _o("ec_shunt", "--EC-shunt", "shunt-capacitor E_C = e²/2C as E/h, e.g. '0.04 GHz'", "qubit.E_C"),
        _o("c_shunt", "--C-shunt", "shunt capacitance, e.g. '484 fF'", "qubit.C_shunt"),
        _o("ng", "--ng", "offset charge n_g of θ (0-π, cos2φ)", "qubit.ng"),
        _o("dl", "--dL", "relative inductance disorder dL (cos2φ)", "qubit.dL"),
    ],
    "noise": [
        _o("q_ind", "--Q-ind", "film superinductor's total Q at 1 GHz, quasiparticles included (default 1e5 within "
           "2e4…1e6; a resonator-calibrated film's own Q_i when not given)", "noise.Q_ind"),
        _o("x_qp", "--x-qp", "quasiparticle density of the junction (default 3e-6 within 1e-8…1e-5)", "noise.x_qp"),
        _o("noise_temperature", "--noise-temperature", "noise temperature (default: --temperature, else 15 mK), "
           "e.g. '30 mK'", "noise.temperature"),
        _o("t2_target", "--T2-target", "T2 a coherent superinductor must allow (default 100 us)",
           "noise.T2_target"),
    ],
    "layout": [
        _o("process", "--process", "fabrication process: name or .toml path (default 'default')", "layout.process"),
        _o("footprint", "--footprint", "bound of the meander body: X Y, e.g. '20 um' '20 um'", "layout.footprint",
           kind=(str, str)),
        _o("pads", "--pads/--no-pads", "contact pads at both ends of a plain meander (default: pads)", "layout.pads",
           kind=bool),
        _o("junction_gap", "--junction-gap", "wire gap at an RF-SQUID loop's junction site, e.g. '200 nm'",
           "layout.junction_gap"),
        _o("name", "--name", "cell and design name", "name"),
    ],
}


def _annotation(o: Opt):
    """The typer annotation of an option (every value goes to the schema as text, so one validator judges it)."""
    kind = o.kind
    py = Optional[tuple[str, str]] if kind == (str, str) else Optional[bool] if kind is bool else Optional[str]
    return Annotated[py, typer.Option(*o.flags, help=o.help, hidden=bool(o.deprecated), show_default=False)]


#: design field → the option that sets it
FLAGS = {o.field: o.flags[0].split("/")[0] for g in GROUPS.values() for o in g if o.field and not o.deprecated}


def require(given: "Given", field: str, what: str) -> None:
    """InputError unless ``field`` is given as an option or by the design file (``what``: how to give it)."""
    if field in given.fields:
        return
    if given.design_file is not None:
        from ..textfiles import read_toml

        node = read_toml(given.design_file, "design file")
        for part in field.split("."):
            node = node.get(part) if isinstance(node, dict) else None
        if node is not None:
            return
    from ..errors import InputError

    raise InputError(f"give {what}")


def annotated(name: str):
    """The typer annotation of the registered option ``name`` (for commands that take it as their own parameter)."""
    return _annotation(next(o for g in GROUPS.values() for o in g if o.name == name))


@dataclass
class Given:
    """What the user gave: the design file (or None), the design fields set by options (dotted path → text) and the
    option each field came from; ``extra`` holds the command's own options that set no field."""

    design_file: Optional[str]
    fields: dict
    names: dict
    extra: dict

    def spec(self, base: Optional[dict] = None, name: str = "command line"):
        """The design spec: ``base`` (a mapping the command starts from), the design file's sections over it, then
        every given field; validated once (errors name the option or the file's field)."""
        from ..design import parse_design
        from ..design.schema import EXCLUSIVE_GROUPS, set_fields
        from ..errors import InputError
        from ..textfiles import read_toml

        for group in EXCLUSIVE_GROUPS:  # on one command line, two of a group contradict each other
            given = [FLAGS.get(f, f) for f in group if f in self.fields]
            if len(given) > 1:
                what = "exactly one target" if group[0].startswith("superinductor") else "one of them"
                raise InputError(f"{' and '.join(given)}: give {what}, not both")

        data = dict(base or {})
        where = "command line"
        if self.design_file is not None:
            data = {**data, **read_toml(self.design_file, "design file")}
            where = f"{self.design_file} (with the command-line options)" if self.fields else self.design_file
        fields = {k: ("0 K" if k.endswith("temperature") and str(v).strip() in ("0", "0.0") else v)
                  for k, v in self.fields.items()}  # a bare zero temperature is unambiguous
        if self.design_file is None:  # an error names the option that sets the field, given or missing
            self.names = {**FLAGS, **self.names}
        spec = parse_design(set_fields(data, fields), where, names=self.names)
        if "row_gap" in self.extra:  # the pitch is the drawn width plus the given row gap
            from ..units import parse_quantity

            gap = parse_quantity(self.extra["row_gap"], "length", "--row-gap")
            fields["superinductor.pitch"] = f"{spec.superinductor.width + gap!r} m"
            self.names["superinductor.pitch"] = "--row-gap"
            spec = parse_design(set_fields(data, fields), where, names=self.names)
        if self.design_file is not None:
            spec._source = str(self.design_file)
        return spec


#: the layout commands' own old names: --gap was the row gap there, --delta the film's Δ0, --film the material
LAYOUT_ALIASES = [
    _o("gap_rows_deprecated", "--gap", "deprecated: the gap between meander rows (use --row-gap)",
       deprecated="--row-gap (the row gap; --gap is ambiguous with the film's gap Δ0)"),
    _o("delta_deprecated", "--delta", "deprecated: the film's gap Δ0 (use --delta0)", "film.gap",
       deprecated="--delta0"),
    _o("film_deprecated", "--film", "deprecated: the film material (use --material)", "film.material",
       deprecated="--material"),
]


def with_options(*groups: str, exclude: tuple = (), extra: tuple = ()):
    """Decorate a command ``fn(given: Given, **own_options)``: add the options of ``groups`` (less the names in
    ``exclude``, plus the ``extra`` ones) to its signature (typer reads ``__signature__``) and collect what the user
    gave into a :class:`Given`."""
    opts = [o for g in groups for o in GROUPS[g] if o.name not in exclude] + list(extra)

    def decorate(fn):
        sig = inspect.signature(fn)
        own = [p for p in sig.parameters.values() if p.name != "given"]
        if "material_arg" in sig.parameters:  # the wrapper consumes it; fn does not take it
            own = [p for p in own if p.name != "material_arg"]
            own.insert(0, sig.parameters["material_arg"])
        taken = {p.name for p in own}
        added = [inspect.Parameter(o.name, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=_annotation(o))
                 for o in opts if o.name not in taken]

        @functools.wraps(fn)
        def command(**kwargs):
            fields, names, extra, notes = {}, {}, {}, []
            for o in opts:
                if o.name in taken:
                    continue
                value = kwargs.pop(o.name, None)
                if value is None:
                    continue
                if o.deprecated:
                    notes.append(f"superind: warning: {o.flags[0]} is deprecated; use {o.deprecated}")
                if o.name == "gap_rows_deprecated":
                    extra["row_gap"] = value
                elif o.field is None:
                    extra[o.name] = value
                else:
                    fields[o.field] = list(value) if isinstance(value, tuple) else value
                    names[o.field] = o.flags[0].split("/")[0]
            if kwargs.get("material_arg") is not None:  # the positional MATERIAL of film and wire
                fields.setdefault("film.material", kwargs["material_arg"])
                names.setdefault("film.material", "MATERIAL")
            kwargs.pop("material_arg", None)
            design = extra.pop("design", None)
            result = fn(Given(design, fields, names, extra), **kwargs)
            for note in notes:  # after the work: an error stays one line
                print(note, file=sys.stderr)
            return result

        command.__signature__ = sig.replace(parameters=[*own, *added])
        return command

    return decorate
