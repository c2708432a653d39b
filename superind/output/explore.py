"""The explorer: one design, live — controls for its main fields, the verdict and the cards, the key numbers, the
charts and the layout, recomputed by a warm process as a field changes; "Save" writes the edited design, "Build"
the output set.

One implementation for the browser (``superind explore DESIGN.toml``) and Jupyter (``superind.explore(spec)``
shows the same page in an iframe): a local HTTP server from the standard library, bound to 127.0.0.1 on a free port,
every request carrying a random token (as Jupyter's), requests naming another Host refused. The page is built
from the same pieces as the report (``superind.cards``, ``superind.output.charts``; the charting library shipped in
the package, nothing fetched), each control marked with the design field it edits (``data-field``) and each number
with its dotted path in the build JSON and its value in the JSON's units (``data-key``, ``data-value``).

An update comes in two stages: "fast" (the qubit single-mode, no Monte-Carlo, no layout — the cards and the
spectrum within ~0.1 s) and "full" (exactly ``superind build``'s evaluation: wire modes in the qubit, Monte-Carlo,
layout), the page saying "updating" until the second arrives. A value that does not parse or is unphysical leaves
the last good result on the page and shows the one-line error beside its control.
"""
from __future__ import annotations

import hmac
import json
import secrets
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Optional
from urllib.parse import parse_qs, urlsplit

from ..cards import esc, summary_html
from ..errors import InputError

#: the fields the explorer offers, in order, when the design has them (a target field only if it is the one set)
CONTROLS = ("film.R_sq", "film.L_k_sq", "film.Tc", "film.thickness", "superinductor.width", "superinductor.pitch",
            "superinductor.E_L", "superinductor.inductance", "superinductor.length", "superinductor.squares",
            "junction.E_J", "junction.E_C", "qubit.E_C", "qubit.E_S", "qubit.modes", "noise.Q_ind", "noise.T2_target")
#: the numbers shown beside the cards: dotted path in the build JSON → label
NUMBERS = {"film.L_k_sq_H": "L_k,□", "superinductor.L_H": "L", "superinductor.E_L_GHz": "E_L",
           "superinductor.f_self_Hz": "first self-resonance", "superinductor.E_S_GHz": "E_S (central)",
           "qubit.f01_operating_GHz": "f01 at the operating flux", "qubit.T1_s": "T1", "qubit.T2_s": "T2"}
#: the charts of each stage (the full stage draws them all)
FAST_CHARTS = ("spectrum", "phase_slip")
#: the largest request body accepted [bytes]: a few dozen edited fields
MAX_BODY = 64_000


def _dig(d: dict, path: str):
    for part in path.split("."):
        if not isinstance(d, dict) or part not in d:
            return None
        d = d[part]
    return d


@dataclass
class Explorer:
    """The state of one exploration: the design as opened, where it came from, where "Build" writes."""

    spec: object
    design_path: Optional[Path] = None
    out_dir: Path = Path(".")
    token: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    # ------------------------------------------------------------------ the design
    def controls(self) -> list[tuple[str, str]]:
        """(field, value with its unit) of every control this design has."""
        from ..design.fields import sweepable_fields
        from ..format import quantity_text

        units, data, out = sweepable_fields(), self.spec.model_dump(), []
        for path in CONTROLS:
            value = _dig(data, path)
            if value is None:
                continue
            unit = units.get(path, "")
            out.append((path, str(int(value)) if path == "qubit.modes" else
                        f"{value:.6g} GHz" if unit == "GHz" else quantity_text(value, unit) if unit else f"{value:g}"))
        return out

    def edited(self, edits: dict):
        """The design with ``edits`` (field → text with its unit), or InputError naming the first bad field."""
        if not isinstance(edits, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in edits.items()):
            raise InputError("edits: expected {field: value text}")
        unknown = [k for k in edits if k not in CONTROLS]
        if unknown:
            raise InputError(f"{unknown[0]}: not a field of the explorer")
        spec = self.spec
        for path, text in edits.items():  # one at a time, so an error names its control
            try:
                spec = spec.edited({path: int(text) if path == "qubit.modes" and text.strip().isdigit() else text},
                                   "explorer")
            except InputError as exc:
                exc.field = path
                raise
        return spec

    # ------------------------------------------------------------------ evaluation
    def update(self, edits: dict, stage: str = "full") -> dict:
        """What the page shows of the edited design: verdict, cards, numbers, charts (and the layout when full)."""
        from ..design import evaluate, resolve
        from .report import charts_of, verdicts_html

        spec = self.edited(edits)
        fast = stage == "fast"
        if fast:
            if spec.qubit is not None and spec.qubit.modes:
                spec = spec.edited({"qubit.modes": 0})
            results = evaluate(resolve(spec), layout=False,
                               only=[s for s in ("film", "superinductor", "jjchain", "qubit") if _has(spec, s)])
        else:
            results = evaluate(resolve(spec))
        d = results.to_dict()
        charts = charts_of(results, d)
        out = {"stage": stage, "summary": summary_html(d), "verdicts": verdicts_html(d), "numbers": numbers_html(d),
               "charts": {k: v for k, v in charts.items() if not fast or k in FAST_CHARTS}}
        if not fast and results.device.layout is not None:
            from .. import layout
            from .report import layout_html

            out["layout"] = layout_html(results, layout.svg_text(results.device.layout.cell, results.device.process))
        return out

    def save(self, edits: dict) -> str:
        """Write the edited design as TOML over the design file this explorer opened (atomically)."""
        from ..design.fields import sweepable_fields
        from ..files import write_file_atomic
        from ..format import design_toml

        if self.design_path is None:
            raise InputError("save: this explorer was opened from a spec, not a file; save with spec.to_toml()")
        spec = self.edited(edits)
        text = design_toml(spec.model_dump(mode="json"), sweepable_fields())
        write_file_atomic(self.design_path, lambda tmp: Path(tmp).write_text(text, encoding="utf-8"))
        return str(self.design_path)

    def build(self, edits: dict) -> list[str]:
        """``superind build`` of the edited design into the output folder, from this warm process."""
        from .build import build_results, write_build

        paths = write_build(build_results(self.edited(edits)), self.out_dir)
        return [str(p) for p in paths.values()]

    # ------------------------------------------------------------------ the page
    def page(self) -> str:
        """The whole page, its first state drawn (the full evaluation of the design as opened)."""
        from importlib import resources

        from .charts import chart_html, charts_head
        from .report import CSS

        first = self.update({}, "full")
        controls = "".join(
            f"<label><span>{esc(path)}</span><input data-field='{esc(path)}' value='{esc(value)}'>"
            f"<small class='err' data-error-for='{esc(path)}'></small></label>" for path, value in self.controls())
        charts = "".join(chart_html(spec, key) for key, spec in first["charts"].items())
        script = (resources.files(__package__) / "static" / "superind-explore.js").read_text(encoding="utf-8")
        config = json.dumps({"token": self.token, "saveable": self.design_path is not None})
        return (f"<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'><title>superind explore: "
                f"{esc(self.spec.name)}</title><style>{CSS}{EXPLORE_CSS}</style>{charts_head()}</head><body>"
                f"<h1>{esc(self.spec.name)} <small>explorer</small></h1><div class='explore'>"
                f"<form class='controls' onsubmit='return false'>{controls}<div class='buttons'>"
                f"<button type='button' data-action='save'>Save</button>"
                f"<button type='button' data-action='build'>Build</button></div>"
                f"<div class='status' data-status></div></form><main>"
                f"<div data-part='summary'>{first['summary']}</div><div data-part='numbers'>{first['numbers']}</div>"
                f"<div class='grid' data-part='charts'>{charts}</div>"
                f"<h2>Verdicts</h2><div data-part='verdicts'>{first['verdicts']}</div>"
                f"<h2>Layout</h2><div data-part='layout'>{first.get('layout', '')}</div></main></div>"
                f"<script type='application/json' id='explore-config'>{config}</script><script>{script}</script>"
                f"</body></html>\n")


EXPLORE_CSS = """.explore{display:flex;gap:1.2em;align-items:flex-start} .controls{flex:0 0 290px;position:sticky;top:0}
.controls label{display:block;margin:.35em 0;font-size:.85em} .controls span{display:block;color:#555}
.controls input{width:100%;box-sizing:border-box;padding:3px 5px;font-size:1em} .controls .err{color:#8b1a1a}
.controls input.bad{border:2px solid #c62828} .explore main{flex:1 1 auto;min-width:0}
.status{font-size:.85em;color:#555;margin-top:.6em;min-height:1.2em} .updating{opacity:.55}
.buttons button{margin:.6em .4em 0 0;padding:4px 12px}"""


def _has(spec, section: str) -> bool:
    return getattr(spec, section, None) is not None


def numbers_html(d: dict) -> str:
    """The key numbers of a build JSON, each with its dotted path and value (``data-key``, ``data-value``)."""
    from ..cards import number
    from ..format import by_key

    rows = []
    for path, label in NUMBERS.items():
        value = _dig(d, path)
        if isinstance(value, (int, float)):
            rows.append(f"<tr><th>{esc(label)}</th><td class='v'>{number(path, value, by_key(path, value))}</td></tr>")
    return f"<table class='q numbers'>{''.join(rows)}</table>"


# ---------------------------------------------------------------------------------------------- the server
class _Handler(BaseHTTPRequestHandler):
    explorer: Explorer
    server_version = "superind-explore"

    def log_message(self, *args):  # quiet: the terminal shows the URL and errors, not every request
        pass

    def _allowed(self) -> bool:
        host = (self.headers.get("Host") or "").rsplit(":", 1)[0].strip("[]")
        token = parse_qs(urlsplit(self.path).query).get("token", [""])[0]
        return host in ("127.0.0.1", "localhost", "::1") and hmac.compare_digest(token, self.explorer.token)

    def _send(self, code: int, body: bytes, kind: str) -> None:
        self.send_response(code)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        self.wfile.write(body)

    def _json(self, code: int, data: dict) -> None:
        self._send(code, json.dumps(data, allow_nan=False, default=str).encode("utf-8"), "application/json")

    def do_GET(self):  # noqa: N802 (http.server's name)
        if urlsplit(self.path).path == "/favicon.ico":  # asked by every browser, without the token
            return self._send(204, b"", "image/x-icon")
        if not self._allowed():
            return self._send(403, b"forbidden: open the URL superind explore printed", "text/plain")
        if urlsplit(self.path).path != "/":
            return self._send(404, b"not found", "text/plain")
        with self.explorer.lock:
            try:
                page = self.explorer.page()
            except InputError as exc:
                return self._send(400, str(exc).encode("utf-8"), "text/plain; charset=utf-8")
        self._send(200, page.encode("utf-8"), "text/html; charset=utf-8")

    def do_POST(self):  # noqa: N802
        if not self._allowed():
            return self._json(403, {"error": "forbidden"})
        action = urlsplit(self.path).path.strip("/")
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            return self._json(413, {"error": "request too large"})
        try:
            body = json.loads(self.rfile.read(length) or b"{}")
            edits = body.get("edits", {}) if isinstance(body, dict) else None
            with self.explorer.lock:
                if action == "api/update":
                    out = self.explorer.update(edits, "fast" if body.get("stage") == "fast" else "full")
                elif action == "api/save":
                    out = {"saved": self.explorer.save(edits)}
                elif action == "api/build":
                    out = {"written": self.explorer.build(edits)}
                else:
                    return self._json(404, {"error": f"no action {action!r}"})
        except InputError as exc:
            return self._json(200, {"error": str(exc), "field": getattr(exc, "field", None)})
        except (ValueError, AttributeError) as exc:
            return self._json(400, {"error": f"bad request: {exc}"})
        self._json(200, out)


@dataclass
class Running:
    """A running explorer: its URL (with the token), and ``close()``."""

    explorer: Explorer
    server: ThreadingHTTPServer
    thread: threading.Thread

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/?token={self.explorer.token}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def _repr_html_(self) -> str:  # Jupyter: the same page, in a frame
        return (f"<iframe src='{esc(self.url)}' style='width:100%;height:900px;border:1px solid #ccc'></iframe>"
                f"<p style='font-size:.85em'>superind explorer at <a href='{esc(self.url)}' target='_blank'>"
                f"{esc(self.url.split('?')[0])}</a></p>")


def start(explorer: Explorer, port: int = 0) -> Running:
    """Serve ``explorer`` on 127.0.0.1 (a free port unless ``port``) from a background thread."""
    handler = type("Handler", (_Handler,), {"explorer": explorer})
    try:
        server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    except OSError as exc:
        raise InputError(f"explore: cannot listen on 127.0.0.1:{port} ({exc.strerror}); choose another --port") \
            from None
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="superind-explore", daemon=True)
    thread.start()
    return Running(explorer, server, thread)


def explore(design, out_dir=".", port: int = 0) -> Running:
    """The explorer of a design (a spec, or the path of a TOML design file) — in Jupyter, the returned object
    shows it. ``out_dir``: where "Build" writes. Call ``.close()`` to stop it."""
    from ..design import DesignSpec, load_design, resolve

    path = None
    if not isinstance(design, DesignSpec):
        path = Path(design)
        design = load_design(path)
    resolve(design)  # a design that does not resolve is refused here, not in the page
    return start(Explorer(design, path, Path(out_dir)), port)
