"""Per-notice deadlines: adhoc-late and hot-issue-late.

- 随时公开 "形成决定、决议后3天内公开" (source 000, 第四篇 三(四)); with `preset: national`,
  《政府信息公开条例》art. 26: within 20 working days of being formed.
- 热点难点问题 "接到群众诉求后一周内公开" (source 000, 第四篇 三(四)).
Publishing on the due date itself is on time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..calendar import Window, WorkCalendar
from ..diagnostics import Finding, Severity
from ..model import CatalogItem, Notice, Site


@dataclass(frozen=True, slots=True)
class Deadline:
    """The publication deadline of one notice and whether it was met."""

    notice: Notice
    start: date
    start_label: str
    window: Window
    due: date

    @property
    def days_late(self) -> int:
        return max(0, (self.notice.published - self.due).days)

    @property
    def computation(self) -> str:
        return f"{self.start_label} {self.start} + {self.window.zh()} = {self.due}"


def notice_deadline(notice: Notice, item: CatalogItem, site: Site, cal: WorkCalendar) -> Deadline | None:
    """The deadline a notice had to meet, for notices in ad-hoc and hot-issue items."""
    rules = site.config.rules
    if item.timing == "ad-hoc" and notice.decided is not None:
        return Deadline(notice, notice.decided, "成文日期", rules.ad_hoc, rules.ad_hoc.add(notice.decided, cal))
    if item.timing == "hot-issue" and notice.received is not None:
        return Deadline(notice, notice.received, "收到诉求", rules.hot_issue, rules.hot_issue.add(notice.received, cal))
    return None


def deadline_findings(deadline: Deadline, item: CatalogItem) -> list[Finding]:
    if deadline.days_late == 0:
        return []
    notice = deadline.notice
    rule, what = ("adhoc-late", "随时公开") if item.timing == "ad-hoc" else ("hot-issue-late", "热点难点问题回应")
    return [
        Finding(
            rule,
            Severity.ERROR,
            notice.path,
            notice.line_of("published"),
            f"《{notice.title}》{what}迟延 {deadline.days_late} 天:{deadline.computation},实际发布 {notice.published}",
            department=notice.department,
            item=notice.item,
            notice=notice.path,
            due=deadline.due,
            days_overdue=deadline.days_late,
        )
    ]
