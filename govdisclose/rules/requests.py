"""Requests for disclosure (依申请公开) and public concerns (热点难点问题).

- request-overdue / request-late: 《政府信息公开条例》art. 33 — a request is answered within 20
  working days of receipt, extendable once by up to 20 working days; art. 30 — while the
  applicant is correcting an unclear request (补正) the clock stops; art. 31 — the receipt date
  is the date recorded in the register.
- request-correction-late: art. 30 — the correction notice is sent within 7 working days.
- concern-overdue: source 000, 第四篇 三(四) — "热点难点问题…接到群众诉求后一周内公开".
Answering on the due date itself is on time. Messages name requests by register id only: the
applicant and the subject stay out of CI logs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from ..calendar import WorkCalendar
from ..diagnostics import Finding, Severity
from ..model import Concern, InfoRequest, Site

REPLY_WORKDAYS = 20
EXTENSION_WORKDAYS = 20
CORRECTION_WORKDAYS = 7


@dataclass(frozen=True, slots=True)
class RequestClock:
    """When a request had to be answered, and how it went."""

    request: InfoRequest
    due: date | None  # None while the applicant has not completed a correction
    paused_days: int  # calendar days the clock stood still for corrections
    late_extension: date | None = None  # original due date, when the extension came after it

    def state(self, today: date) -> str:
        """answered-on-time, answered-late, pending, overdue or paused."""
        r = self.request
        if r.replied is not None:
            return "answered-late" if self.due is not None and r.replied > self.due else "answered-on-time"
        if self.due is None:
            return "paused"
        return "overdue" if today > self.due else "pending"


def _paused(day: date, request: InfoRequest) -> bool:
    return any(c.asked < day and (c.completed is None or day <= c.completed) for c in request.corrections)


def request_clock(request: InfoRequest, cal: WorkCalendar) -> RequestClock:
    """Count working days after receipt, skipping the days a correction was outstanding."""
    original = _count(request, REPLY_WORKDAYS, cal)
    # an extension decided after the original deadline cannot extend it (条例 art. 33)
    late_extension = original if request.extension and original and request.extension.date > original else None
    needed = REPLY_WORKDAYS + (EXTENSION_WORKDAYS if request.extension and not late_extension else 0)
    open_correction = any(c.completed is None for c in request.corrections)
    paused = sum(
        ((c.completed - c.asked).days if c.completed else 0) for c in request.corrections
    )  # fmt: skip
    if open_correction:
        return RequestClock(request, None, paused)
    return RequestClock(request, _count(request, needed, cal), paused, late_extension)


def _count(request: InfoRequest, workdays: int, cal: WorkCalendar) -> date | None:
    """The `workdays`-th working day after receipt, skipping correction pauses (None: paused)."""
    if any(c.completed is None for c in request.corrections):
        return None
    day, counted = request.received, 0
    while counted < workdays:
        day += timedelta(days=1)
        if not _paused(day, request) and cal.is_workday(day):
            counted += 1
    return day


def request_findings(clock: RequestClock, site: Site, today: date, cal: WorkCalendar) -> list[Finding]:
    r = clock.request
    base = {"department": r.department, "path": r.location.path, "line": r.location.line}
    label = f"依申请公开 {r.id}(收到 {r.received})"
    extra = []
    if clock.paused_days:
        extra.append(f"补正暂停 {clock.paused_days} 天")
    if r.extension and not clock.late_extension:
        extra.append(f"延期 {EXTENSION_WORKDAYS} 个工作日")
    how = f"收到 {r.received} + {REPLY_WORKDAYS}个工作日" + (f"({','.join(extra)})" if extra else "")
    findings: list[Finding] = []
    for correction in r.corrections[:1]:
        limit = cal.add_workdays(r.received, CORRECTION_WORKDAYS)
        if correction.asked > limit:
            findings.append(
                Finding(
                    "request-correction-late",
                    Severity.ERROR,
                    message=(
                        f"{label}的补正通知应在 {CORRECTION_WORKDAYS} 个工作日内(至 {limit})发出,"
                        f"实际 {correction.asked}"
                    ),
                    due=limit,
                    days_overdue=(correction.asked - limit).days,
                    **base,
                )
            )
    if clock.late_extension is not None and r.extension is not None:
        days = (r.extension.date - clock.late_extension).days
        findings.append(
            Finding(
                "request-late",
                Severity.ERROR,
                message=f"{label}的延期决定({r.extension.date})晚于原答复期限 {clock.late_extension},延期无效",
                due=clock.late_extension,
                days_overdue=days,
                **base,
            )
        )
    if clock.due is None:
        return findings
    state = clock.state(today)
    if state == "answered-late":
        assert r.replied is not None
        days = (r.replied - clock.due).days
        findings.append(
            Finding(
                "request-late",
                Severity.ERROR,
                message=f"{label}答复迟延 {days} 天:{how} = {clock.due},实际答复 {r.replied}",
                due=clock.due,
                days_overdue=days,
                **base,
            )
        )
    elif state == "overdue":
        days = (today - clock.due).days
        findings.append(
            Finding(
                "request-overdue",
                Severity.ERROR,
                message=f"{label}已逾期 {days} 天未答复:{how} = {clock.due}",
                due=clock.due,
                days_overdue=days,
                **base,
            )
        )
    elif state == "pending" and clock.due <= site.config.rules.due_soon.add(today, cal):
        findings.append(
            Finding(
                "due-soon",
                Severity.WARNING,
                message=f"{label}将于 {clock.due} 到期,尚未答复:{how} = {clock.due}",
                due=clock.due,
                **base,
            )
        )
    return findings


@dataclass(frozen=True, slots=True)
class ConcernState:
    concern: Concern
    due: date
    answered: date | None  # publication date of the answering notice, if published
    answer_url_key: str | None  # index number of the answering notice

    def state(self, today: date) -> str:
        if self.answered is not None:
            return "answered-late" if self.answered > self.due else "answered-on-time"
        return "overdue" if today > self.due else "pending"


def concern_state(concern: Concern, site: Site, today: date, cal: WorkCalendar) -> ConcernState:
    due = site.config.rules.hot_issue.add(concern.received, cal)
    notice = site.notices_by_index.get(concern.answer) if concern.answer else None
    answered = notice.published if notice is not None and notice.is_published(today) else None
    return ConcernState(concern, due, answered, concern.answer)


def concern_findings(state: ConcernState, site: Site, today: date, cal: WorkCalendar) -> list[Finding]:
    c = state.concern
    base = {"department": c.department, "item": c.item, "path": c.location.path, "line": c.location.line}
    how = f"收到 {c.received} + {site.config.rules.hot_issue.zh()} = {state.due}"
    label = f"群众关切 {c.id}「{c.topic}」"
    current = state.state(today)
    if current == "answered-late":
        assert state.answered is not None
        days = (state.answered - state.due).days
        message = f"{label}回应迟延 {days} 天:{how},回应公告发布于 {state.answered}"
        return [Finding("concern-overdue", Severity.ERROR, message=message, due=state.due, days_overdue=days, **base)]
    if current == "overdue":
        days = (today - state.due).days
        message = f"{label}已逾期 {days} 天未公开回应:{how}"
        return [Finding("concern-overdue", Severity.ERROR, message=message, due=state.due, days_overdue=days, **base)]
    if current == "pending" and state.due <= site.config.rules.due_soon.add(today, cal):
        message = f"{label}须在 {state.due} 前公开回应:{how}"
        return [Finding("due-soon", Severity.WARNING, message=message, due=state.due, **base)]
    return []
