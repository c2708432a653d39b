"""Verdict records: every judgement superind makes, as data.

A judgement is made once, where the numbers it needs are computed (the film's distance to the breakdown in
``film``, the line impedance in ``wire``, the self-resonance against the qubit band and the coherence against its
target in ``design.evaluate``, …), and kept as a :class:`Verdict`: a stable ``code`` (``"film.breakdown"``), a
``severity`` (``info`` < ``warning`` < ``critical``), a one-line ``message`` with numbers and units, the ``action``
that would change it, and the ``numbers`` it rests on (SI-suffixed keys). ``Results.to_dict()["verdicts"]`` lists
them; the CLI, the report, ``compare`` and sweeps render them and hold no threshold of their own.

``overall`` derives the design's one verdict: *fails* when a record is critical, *marginal* when one is a warning,
else *works*; the deciding records are those of the highest severity present.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Mapping

#: severities, mildest first
SEVERITIES = ("info", "warning", "critical")
#: the overall verdict for the highest severity present
OVERALL = {"info": "works", "warning": "marginal", "critical": "fails"}


@dataclass(frozen=True)
class Verdict:
    """One judgement: ``code`` (stable, dotted: section.what), ``severity`` (info | warning | critical), ``message``
    (one line, numbers with units), ``action`` (what to do about it; '' when nothing is needed) and ``numbers``
    (the values it rests on, SI with unit-suffixed keys)."""

    code: str
    severity: str
    message: str
    action: str = ""
    numbers: Mapping = field(default_factory=dict, compare=False)

    def __post_init__(self):
        if self.severity not in SEVERITIES:
            raise ValueError(f"verdict {self.code}: severity '{self.severity}' is not one of {', '.join(SEVERITIES)}")

    def __str__(self) -> str:
        return self.message

    @property
    def rank(self) -> int:
        """0 info, 1 warning, 2 critical."""
        return SEVERITIES.index(self.severity)

    def to_dict(self) -> dict:
        """The JSON record {code, severity, message, action, numbers}."""
        return {"code": self.code, "severity": self.severity, "message": self.message, "action": self.action,
                "numbers": dict(self.numbers)}


def ordered(verdicts: Iterable[Verdict]) -> tuple[Verdict, ...]:
    """Records once each (same code and message), most severe first, stable within a severity."""
    unique = list({(v.code, v.message): v for v in verdicts}.values())
    return tuple(sorted(unique, key=lambda v: -v.rank))


def messages(verdicts: Iterable[Verdict]) -> list[str]:
    """The messages of the warning and critical records, most severe first (the ``warnings`` lists of the JSON)."""
    return [v.message for v in ordered(verdicts) if v.rank > 0]


def overall(verdicts: Iterable[Verdict]) -> tuple[str, tuple[str, ...]]:
    """(works | marginal | fails, the codes of the deciding records: those of the highest severity present)."""
    records = ordered(verdicts)
    if not records:
        return OVERALL["info"], ()
    top = records[0].severity
    return OVERALL[top], tuple(dict.fromkeys(v.code for v in records if v.severity == top))
