"""Freshness of catalog items and of the site: fixed-overdue, periodic-overdue, item-empty,
site-refresh-overdue and due-soon.

Rules (DOMAIN.md, "Timing classes"; source 000, 第四篇 三(四) 公开的时间和要求):
- 固定公开 "一年更换一次": a fixed item is updated or re-reviewed within `rules.fixed`;
- 定期公开 "一般每月更换一次": a periodic item has a new notice within its period;
- 网上公开 "最少每半月更新一次网页": the site and each department sub-site publish within
  `rules.site_refresh`;
- 空白栏目 (国办秘函〔2019〕19号): an applicable item with no published notice.
A deadline that falls on the due date itself is on time: overdue means today > due.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..calendar import Window, WorkCalendar
from ..diagnostics import Finding, Severity
from ..model import CatalogItem, Notice, Site

ON_TIME, DUE_SOON, OVERDUE, EMPTY, NOT_APPLICABLE, ON_DEMAND = (
    "on-time",
    "due-soon",
    "overdue",
    "empty",
    "not-applicable",
    "on-demand",
)
STATE_ZH = {
    ON_TIME: "按时",
    DUE_SOON: "即将到期",
    OVERDUE: "已逾期",
    EMPTY: "空白栏目",
    NOT_APPLICABLE: "不适用",
    ON_DEMAND: "按需公开",
}


@dataclass(frozen=True, slots=True)
class Schedule:
    """When an item (or a whole site/sub-site) last published and when it is next due."""

    department: str | None
    item: CatalogItem | None  # None: the whole site (department None) or a department sub-site
    notice_count: int
    last_published: date | None
    basis: date | None  # the date the window runs from
    basis_label: str  # 最近发布 / 最近复核
    window: Window | None
    due: date | None
    state: str

    @property
    def computation(self) -> str:
        """How the due date was computed, e.g. 最近发布 2026-10-20 + 1个月 = 2026-11-20."""
        if self.basis is None or self.window is None or self.due is None:
            return ""
        return f"{self.basis_label} {self.basis} + {self.window.zh()} = {self.due}"

    def days_overdue(self, today: date) -> int | None:
        return (today - self.due).days if self.due is not None and today > self.due else None


def _state(due: date, today: date, soon: Window, cal: WorkCalendar) -> str:
    if today > due:
        return OVERDUE
    if due <= soon.add(today, cal):
        return DUE_SOON
    return ON_TIME


def item_schedule(item: CatalogItem, notices: list[Notice], site: Site, today: date, cal: WorkCalendar) -> Schedule:
    """The schedule of one catalog item on `today` (`notices` are its published ones)."""
    rules = site.config.rules
    last = max((n.published for n in notices), default=None)
    common = {"department": item.department, "item": item, "notice_count": len(notices), "last_published": last}
    if not item.applicable:
        return Schedule(**common, basis=None, basis_label="", window=None, due=None, state=NOT_APPLICABLE)
    if not notices:
        return Schedule(**common, basis=None, basis_label="", window=None, due=None, state=EMPTY)
    if item.timing == "fixed":
        window = rules.fixed
        basis, label = last, "最近发布"
        if item.reviewed is not None and (last is None or item.reviewed > last):
            basis, label = item.reviewed, "最近复核"
    elif item.timing == "periodic":
        window = item.period_window
        basis, label = last, "最近发布"
    else:
        return Schedule(**common, basis=None, basis_label="", window=None, due=None, state=ON_DEMAND)
    assert window is not None and basis is not None
    due = window.add(basis, cal)
    return Schedule(
        **common, basis=basis, basis_label=label, window=window, due=due, state=_state(due, today, rules.due_soon, cal)
    )


def site_schedule(
    department: str | None, notices: list[Notice], site: Site, today: date, cal: WorkCalendar
) -> Schedule:
    """The refresh schedule of the whole site (department None) or of one department sub-site."""
    rules = site.config.rules
    last = max((n.published for n in notices), default=None)
    if last is None:
        return Schedule(department, None, 0, None, None, "", rules.site_refresh, None, EMPTY)
    due = rules.site_refresh.add(last, cal)
    return Schedule(
        department,
        None,
        len(notices),
        last,
        last,
        "最近发布",
        rules.site_refresh,
        due,
        _state(due, today, rules.due_soon, cal),
    )


def schedule_findings(schedule: Schedule, site: Site, today: date) -> list[Finding]:
    """The findings a schedule gives rise to: overdue or empty (errors), due soon (warning)."""
    item = schedule.item
    if item is not None:
        path, line = item.location.path, item.location.line
        subject = f"「{item.title}」({item.timing_zh})"
        rule = {"fixed": "fixed-overdue", "periodic": "periodic-overdue"}.get(item.timing, "")
    else:
        dept = site.config.department(schedule.department)
        path, line = (dept.location.path, dept.location.line) if dept else ("site.yaml", 1)
        subject = f"{site.config.owner_name(schedule.department)}{'子站' if dept else '网站'}"
        rule = "site-refresh-overdue"
    base = {"department": schedule.department, "item": item.id if item else None, "path": path, "line": line}

    if schedule.state == EMPTY:
        if item is not None:
            return [Finding("item-empty", Severity.ERROR, message=f"{subject}是空白栏目:尚未发布任何信息", **base)]
        return [
            Finding(
                rule,
                Severity.ERROR,
                message=f"{subject}尚未发布任何信息(应至少每{schedule.window.zh() if schedule.window else ''}更新一次)",
                **base,
            )
        ]
    if schedule.state == OVERDUE:
        days = schedule.days_overdue(today)
        return [
            Finding(
                rule,
                Severity.ERROR,
                message=f"{subject}已逾期 {days} 天未更新:{schedule.computation}",
                due=schedule.due,
                days_overdue=days,
                **base,
            )
        ]
    if schedule.state == DUE_SOON and schedule.due is not None:
        left = (schedule.due - today).days
        when = "今天到期" if left == 0 else f"将于 {left} 天后到期"
        return [
            Finding(
                "due-soon",
                Severity.WARNING,
                message=f"{subject}{when}:{schedule.computation}",
                due=schedule.due,
                **base,
            )
        ]
    return []
