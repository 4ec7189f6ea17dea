"""Working days and time windows.

Working days follow the official PRC calendar: weekends and statutory holidays are off and the
adjusted working weekends (调休) are on. The `holidays` package supplies the published calendar;
`site.yaml` may add holidays or working days for years the State Council has not published yet.
Everything here is pure: `today` is always passed in.
"""

from __future__ import annotations

import calendar as _stdcalendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import holidays

UNITS = ("days", "workdays", "months", "years")
_UNIT_ALIASES = {
    "day": "days",
    "days": "days",
    "workday": "workdays",
    "workdays": "workdays",
    "working day": "workdays",
    "working days": "workdays",
    "month": "months",
    "months": "months",
    "year": "years",
    "years": "years",
}
_UNIT_ZH = {"days": "天", "workdays": "个工作日", "months": "个月", "years": "年"}
_WINDOW = re.compile(r"^\s*(\d+)\s*([a-z ]+?)\s*$")


class WorkCalendar:
    """The PRC working-day calendar with a site's own overrides."""

    def __init__(self, extra_holidays: frozenset[date] = frozenset(), extra_workdays: frozenset[date] = frozenset()):
        self._extra_holidays = extra_holidays
        self._extra_workdays = extra_workdays
        self.is_workday = lru_cache(maxsize=8192)(self._is_workday)

    @cached_property
    def _official(self) -> holidays.HolidayBase:
        # imported on first use: the package is large, and most checks never count working days
        import holidays

        return holidays.China()

    def _is_workday(self, day: date) -> bool:
        if day in self._extra_workdays:
            return True
        if day in self._extra_holidays:
            return False
        return bool(self._official.is_working_day(day))

    def add_workdays(self, start: date, count: int) -> date:
        """The `count`-th working day after `start` (start itself is not counted)."""
        day = start
        remaining = count
        while remaining > 0:
            day += timedelta(days=1)
            if self.is_workday(day):
                remaining -= 1
        return day


def add_months(start: date, months: int) -> date:
    """`start` plus whole months, clamped to the end of a shorter month (01-31 + 1 month = 02-28)."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return date(year, month, min(start.day, _stdcalendar.monthrange(year, month)[1]))


@dataclass(frozen=True, slots=True)
class Window:
    """A time limit such as `3 days`, `20 workdays`, `1 months` or `1 years`."""

    count: int
    unit: str

    @classmethod
    def parse(cls, text: str) -> Window | None:
        """Parse `<n> days|workdays|months|years`; None if malformed."""
        match = _WINDOW.match(str(text).lower())
        if not match or match[2] not in _UNIT_ALIASES:
            return None
        return cls(int(match[1]), _UNIT_ALIASES[match[2]])

    def add(self, start: date, cal: WorkCalendar) -> date:
        """The last day that is still within the window after `start` (the due date)."""
        if self.unit == "days":
            return start + timedelta(days=self.count)
        if self.unit == "workdays":
            return cal.add_workdays(start, self.count)
        if self.unit == "months":
            return add_months(start, self.count)
        return add_months(start, 12 * self.count)

    def zh(self) -> str:
        """Chinese rendering, e.g. 3天, 20个工作日, 1个月, 1年."""
        return f"{self.count}{_UNIT_ZH[self.unit]}"

    def __str__(self) -> str:
        return f"{self.count} {self.unit}"


# The period of a periodic (定期公开) item.
PERIODS: dict[str, Window] = {
    "monthly": Window(1, "months"),
    "quarterly": Window(3, "months"),
    "half-yearly": Window(6, "months"),
    "yearly": Window(1, "years"),
}
PERIOD_ZH = {"monthly": "每月", "quarterly": "每季度", "half-yearly": "每半年", "yearly": "每年"}
