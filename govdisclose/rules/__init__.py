"""Evaluate every rule on a loaded site for a given day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..diagnostics import Finding
from ..model import Site
from .freshness import Schedule, item_schedule, schedule_findings, site_schedule
from .privacy import privacy_findings
from .reports import report_findings
from .requests import ConcernState, RequestClock, concern_findings, concern_state, request_clock, request_findings
from .timeliness import Deadline, deadline_findings, notice_deadline

__all__ = ["Evaluation", "evaluate"]


@dataclass(frozen=True)
class Evaluation:
    """Everything the rules concluded: findings for CI, schedules and deadlines for the 更新情况 page."""

    today: date
    findings: list[Finding]
    item_schedules: list[Schedule]
    site_schedules: list[Schedule]  # the whole site first, then each department
    deadlines: list[Deadline]
    request_clocks: list[RequestClock]
    concern_states: list[ConcernState]

    def schedule_of(self, department: str | None, item_id: str) -> Schedule:
        return next(s for s in self.item_schedules if s.department == department and s.item and s.item.id == item_id)


def evaluate(site: Site, today: date) -> Evaluation:
    """Apply the freshness, timeliness and privacy rules as of `today`."""
    cal = site.config.calendar()
    findings: list[Finding] = []
    published = site.published_notices(today)

    item_schedules = []
    by_item: dict[tuple[str | None, str], list] = {}
    for notice in published:
        by_item.setdefault(notice.item_key, []).append(notice)
    for item in site.items:
        schedule = item_schedule(item, by_item.get(item.key, []), site, today, cal)
        item_schedules.append(schedule)
        findings.extend(schedule_findings(schedule, site, today))

    site_schedules = [site_schedule(None, published, site, today, cal)]
    for dept in site.config.departments:
        own = [n for n in published if n.department == dept.id]
        site_schedules.append(site_schedule(dept.id, own, site, today, cal))
    for schedule in site_schedules:
        findings.extend(schedule_findings(schedule, site, today))

    deadlines = []
    for notice in published:
        item = site.items_by_key[notice.item_key]
        deadline = notice_deadline(notice, item, site, cal)
        if deadline is not None:
            deadlines.append(deadline)
            findings.extend(deadline_findings(deadline, item))

    request_clocks = [request_clock(r, cal) for r in site.requests]
    for clock in request_clocks:
        findings.extend(request_findings(clock, site, today, cal))
    concern_states = [concern_state(c, site, today, cal) for c in site.concerns]
    for state in concern_states:
        findings.extend(concern_findings(state, site, today, cal))
    findings.extend(report_findings(site, today, cal))

    # Scheduled notices are scanned too: they are committed and will go out on their date.
    for notice in site.notices:
        allowed = frozenset(a.value for a in notice.pii_allow)
        findings.extend(
            privacy_findings(
                notice.path,
                notice.source_text,
                allowed,
                department=notice.department,
                item=notice.item,
                notice=notice.path,
            )
        )
    for page in site.pages:
        allowed = frozenset(a.value for a in page.pii_allow)
        findings.extend(privacy_findings(page.path, page.source_text, allowed))

    findings.sort(key=Finding.sort_key)
    return Evaluation(today, findings, item_schedules, site_schedules, deadlines, request_clocks, concern_states)
