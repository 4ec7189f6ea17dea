"""Findings: what the loader and the rules report, each with a location in the site."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


# Rule ids are a public contract: CI configurations and supervisors filter on them.
INVALID_INPUT = "invalid-input"


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found in a site: a rule id, where it is, and what to do about it."""

    rule: str
    severity: Severity
    path: str
    line: int | None
    message: str
    department: str | None = None
    item: str | None = None
    notice: str | None = None
    due: date | None = None
    days_overdue: int | None = None

    @property
    def location(self) -> str:
        """`path:line`, or just the path when there is no line."""
        return f"{self.path}:{self.line}" if self.line is not None else self.path

    def sort_key(self) -> tuple[str, str, str, int, str, str]:
        return (
            self.department or "",
            self.item or "",
            self.path,
            self.line or 0,
            self.rule,
            self.message,
        )


def input_error(path: str, line: int | None, message: str, *, notice: str | None = None) -> Finding:
    """An `invalid-input` finding: something a user committed cannot be read as written."""
    return Finding(INVALID_INPUT, Severity.ERROR, path, line if line is not None else 1, message, notice=notice)


def has_input_errors(findings: list[Finding]) -> bool:
    return any(f.rule == INVALID_INPUT for f in findings)


def exit_status(findings: list[Finding]) -> int:
    """0: clean or warnings only; 1: an error finding; 2: invalid input."""
    if has_input_errors(findings):
        return 2
    if any(f.severity is Severity.ERROR for f in findings):
        return 1
    return 0
