"""What lint returns: findings (severity, stable code, JSON path, guarantee, message) and the
report that holds them, as data a notebook can show and a command line can print."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Final

from ..model.printable import printable

__all__ = ["CODES", "Finding", "LintReport", "Severity", "finding"]


class Severity(StrEnum):
    ERROR = "error"
    """The policy is valid but cannot be what its author meant: a part never applies, or pays
    more than was paid. `aftersales lint` exits 1."""
    WARNING = "warning"
    """Probably unintended: worth an author's look."""


_WIDTH: Final = 96
_INDENT: Final = " " * 10

CODES: Final[dict[str, tuple[Severity, str]]] = {
    "scope_empty": (Severity.ERROR, "the guarantee covers no category"),
    "unreachable": (Severity.ERROR, "no case can reach the guarantee"),
    "never_holds": (Severity.ERROR, "the guarantee's conditions contradict each other"),
    "window_empty": (Severity.ERROR, "no filing time meets the guarantee's claim windows"),
    "window_inverted": (Severity.ERROR, "a negated window pays claims filed too late"),
    "shadowed": (Severity.ERROR, "an exclusive, higher-ranked guarantee always wins"),
    "tier_decrease": (Severity.ERROR, "a higher tier pays less than a lower one"),
    "refund_exceeds_order": (Severity.ERROR, "a refund can exceed the order total, uncapped"),
    "amount_zero": (Severity.ERROR, "a money remedy always amounts to zero"),
    "likely_shadowed": (Severity.WARNING, "excluded on every boundary case lint tried"),
    "tier_gap": (Severity.WARNING, "bases below the first tier get nothing"),
    "tier_unreachable": (Severity.WARNING, "no order the guarantee admits falls in the tier"),
    "refund_exceeds_claimed": (Severity.WARNING, "a refund can exceed the goods claimed"),
    "exceeds_base": (Severity.WARNING, "a fixed coupon or compensation above the base"),
    "uncapped_amount": (Severity.WARNING, "an amount that grows with the order, no cap"),
    "out_of_bounds": (Severity.WARNING, "a parameter outside sensible bounds"),
    "evidence_duplicate": (Severity.WARNING, "an evidence kind asked for twice"),
    "unranked": (Severity.WARNING, "a guarantee left out of a stacking priority"),
}
"""Every finding code: its severity (fixed per code) and a one-line summary."""


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing lint found: how bad (`severity`), what (`code`, stable), where (`path`, a
    JSON path in the policy document, as in `InvalidPolicyError` problems), in which
    guarantee (None for the policy as a whole), and what to do (`message`)."""

    severity: Severity
    code: str
    path: str
    guarantee: str | None
    message: str

    def __str__(self) -> str:
        where = self.path or "(root)"
        about = f" ({self.guarantee})" if self.guarantee else ""
        return printable(f"{self.severity.value:<7} {self.code} at {where}{about}: "
                         f"{self.message}")

    def to_dict(self) -> dict[str, str | None]:
        return {"severity": self.severity.value, "code": self.code, "path": self.path,
                "guarantee": self.guarantee, "message": self.message}


def finding(code: str, path: str, guarantee: str | None, message: str) -> Finding:
    """A finding of `code`, with the severity that code always has."""
    return Finding(CODES[code][0], code, path, guarantee, message)


@dataclass(frozen=True, slots=True)
class LintReport:
    """Every finding for one policy (or for every version of one), in document order."""

    policy: str
    """The policy's id and version, e.g. `standard 2026.11` (or `id (3 versions)`)."""
    findings: tuple[Finding, ...] = ()

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.WARNING)

    @property
    def codes(self) -> tuple[str, ...]:
        """The findings' codes, in order."""
        return tuple(f.code for f in self.findings)

    @property
    def ok(self) -> bool:
        """No error (warnings allowed): what `aftersales lint` exits 0 on."""
        return not self.errors

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data."""
        return {"policy": self.policy, "errors": len(self.errors),
                "warnings": len(self.warnings),
                "findings": [f.to_dict() for f in self.findings]}

    def __str__(self) -> str:
        errors, warnings = len(self.errors), len(self.warnings)
        if not self.findings:
            return f"lint {self.policy}: no findings"
        head = (f"lint {self.policy}: {errors} error{'s' if errors != 1 else ''}, "
                f"{warnings} warning{'s' if warnings != 1 else ''}")
        lines = [head]
        for f in self.findings:
            about = f" ({f.guarantee})" if f.guarantee else ""
            lines.append(f"  {f.severity.value:<7} {f.code} at {f.path or '(root)'}{about}")
            lines += textwrap.wrap(f.message, width=_WIDTH, initial_indent=_INDENT,
                                   subsequent_indent=_INDENT)
        return "\n".join(printable(line) for line in lines)
