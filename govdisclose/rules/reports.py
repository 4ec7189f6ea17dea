"""Periodic reports: halfyear-missing and annual-report-missing.

- halfyear-missing (`source` preset): source 002, 第五篇 三 — "每半年要…系统全面地公开一次,
  7月15日前要公布上半年的内容,元月15日前要公布上[半年]应公开的内容".
- annual-report-missing: 《政府信息公开条例》art. 49–50 — each department publishes its annual
  report (政府信息公开工作年度报告) for the previous year by 31 January, the government its own
  by 31 March.
A report is a notice whose front matter says `report: half-year-2026H1` or `report: annual-2025`
(what `govdisclose report` writes). Only the latest period whose deadline has come is checked,
and only for an owner that was already publishing in that period.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..calendar import WorkCalendar
from ..diagnostics import Finding, Severity
from ..model import Notice, Site


@dataclass(frozen=True, slots=True)
class ReportDue:
    department: str | None
    key: str  # the `report:` value that satisfies it
    title: str  # e.g. 2026年上半年政府信息公开情况
    period_start: date
    due: date


def half_year_due(today: date) -> list[ReportDue]:
    """The half-year reports whose deadline is the latest one not after today + the next one."""
    candidates = []
    for year in (today.year - 1, today.year):
        candidates.append(
            ReportDue(None, f"half-year-{year}H1", f"{year}年上半年", date(year, 1, 1), date(year, 7, 15))
        )
        candidates.append(
            ReportDue(None, f"half-year-{year}H2", f"{year}年下半年", date(year, 7, 1), date(year + 1, 1, 15))
        )
    passed = [c for c in candidates if c.due < today]
    upcoming = [c for c in candidates if c.due >= today]
    return ([max(passed, key=lambda c: c.due)] if passed else []) + (
        [min(upcoming, key=lambda c: c.due)] if upcoming else []
    )


def annual_due(today: date, department: str | None) -> ReportDue:
    """The annual report for last year: departments by 31 January, the government by 31 March."""
    year = today.year - 1
    due = date(year + 1, 1, 31) if department else date(year + 1, 3, 31)
    return ReportDue(department, f"annual-{year}", f"{year}年", date(year, 1, 1), due)


def _report_finding(
    rule: str, what: str, due: ReportDue, reports: list[Notice], site: Site, today: date, cal: WorkCalendar
) -> list[Finding]:
    first_publication = min((n.published for n in site.notices if n.department == due.department), default=None)
    if first_publication is None or first_publication > due.due:
        return []  # the owner was not publishing yet
    dept = site.config.department(due.department)
    path, line = (dept.location.path, dept.location.line) if dept else ("site.yaml", 1)
    base = {"department": due.department, "path": path, "line": line, "due": due.due}
    owner = site.config.owner_name(due.department)
    published = [n for n in reports if n.report == due.key and n.department == due.department and n.is_published(today)]
    on_time = [n for n in published if n.published <= due.due]
    if on_time:
        return []
    if published:
        first = min(published, key=lambda n: n.published)
        days = (first.published - due.due).days
        message = f"{owner}{due.title}{what}迟于 {due.due} 发布(实际 {first.published},迟延 {days} 天)"
        return [Finding(rule, Severity.ERROR, message=message, days_overdue=days, notice=first.path, **base)]
    if today > due.due:
        days = (today - due.due).days
        message = f"{owner}{due.title}{what}应于 {due.due} 前公布,已逾期 {days} 天(report: {due.key})"
        return [Finding(rule, Severity.ERROR, message=message, days_overdue=days, **base)]
    if due.due <= site.config.rules.due_soon.add(today, cal):
        message = f"{owner}{due.title}{what}须于 {due.due} 前公布(report: {due.key})"
        return [Finding("due-soon", Severity.WARNING, message=message, **base)]
    return []


def report_findings(site: Site, today: date, cal: WorkCalendar) -> list[Finding]:
    reports = [n for n in site.notices if n.report]
    findings = []
    if site.config.rules.halfyear:
        for due in half_year_due(today):
            findings += _report_finding("halfyear-missing", "政务公开综合情况", due, reports, site, today, cal)
    for owner in [None, *(d.id for d in site.config.departments)]:
        due = annual_due(today, owner)
        findings += _report_finding("annual-report-missing", "政府信息公开工作年度报告", due, reports, site, today, cal)
    return findings
