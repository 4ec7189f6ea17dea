"""The page plan: every page of the site with its template and context, decided before anything
is written, so that every page sees the same, whole site. One function per page kind."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..model import APPLICANT_TYPES, CHANNELS, OUTCOME_GROUNDS, CatalogItem, Site
from ..rules import Evaluation
from . import urls
from .markdown import RenderedBody
from .views import NoticeView, Relations, ScheduleView, notice_view, schedule_view

HOME_NOTICES = 12
# Standalone pages the home page links to by slug, with the Chinese label of the entry.
HOME_ENTRIES = (
    ("guide", "政府信息公开指南", "公开范围、方式和程序"),
    ("apply", "依申请公开", "申请方式、办理时限和办理情况"),
    ("reports", "政府信息公开年度报告", "历年工作年度报告"),
)


@dataclass(frozen=True)
class OutputPage:
    url: str
    template: str
    context: dict[str, Any]
    column: str | None = None  # ColumnName meta tag; None on article pages
    column_type: str | None = None  # ColumnType meta tag
    # The notices (by path) whose change requires this page to be rendered again;
    # None means "any change" (home, catalogs, status, …).
    depends_on: frozenset[str] | None = field(default=None)


@dataclass(frozen=True)
class SitePlan:
    pages: list[OutputPage]
    notices: list[NoticeView]  # published notices, newest first
    owners: list[tuple[str | None, str]]  # (department id or None, name)
    by_item: dict[tuple[str | None, str], list[NoticeView]]  # published notices of each item, newest first


def plan_site(
    site: Site, evaluation: Evaluation, bodies: dict[str, RenderedBody], page_bodies: dict[str, RenderedBody]
) -> SitePlan:
    """Every page of the site for the build date in `evaluation`."""
    today = evaluation.today
    relations = Relations.of(site, today)
    views = [notice_view(n, site, today, bodies.get(n.path), relations) for n in site.published_notices(today)]
    owners = [(None, site.config.government_name)] + [(d.id, d.name) for d in site.config.departments]
    schedules = {s.item.key: schedule_view(s, site) for s in evaluation.item_schedules if s.item}
    site_schedules = {s.department: schedule_view(s, site) for s in evaluation.site_schedules}
    by_item: dict[tuple[str | None, str], list[NoticeView]] = {}
    for view in views:
        by_item.setdefault(view.notice.item_key, []).append(view)

    pages: list[OutputPage] = []
    pages.append(_home(site, views, None, today))
    for dept in site.config.departments:
        pages.append(_home(site, views, dept.id, today))
    pages.append(_catalog(site, owners, schedules, None))
    for dept in site.config.departments:
        pages.append(_catalog(site, [(dept.id, dept.name)], schedules, dept.id))
    for item in site.items:
        pages.extend(_item_pages(item, by_item.get(item.key, []), schedules[item.key]))
    pages.extend(_notice_page(view) for view in views)
    pages.append(_status(site, owners, schedules, site_schedules, evaluation))
    pages.append(OutputPage(urls.SEARCH_URL, "search.html", {"title": "站内搜索"}, "搜索", "搜索"))
    reports = [v for v in views if v.notice.report]
    for page in site.pages:
        context = {
            "title": page.title,
            "page": page,
            "body": page_bodies[page.path],
            # 依申请公开 shows live statistics, 年度报告 the list of reports (by slug)
            "request_stats": request_statistics(evaluation) if page.slug == "apply" else None,
            "reports": reports if page.slug == "reports" else None,
        }
        pages.append(OutputPage(urls.page_url(page), "page.html", context, page.title, "栏目页"))
    for view in reports:
        if view.notice.report and view.notice.report.startswith("annual-"):
            context = {"title": view.notice.title, "view": view, "department": view.notice.department}
            pages.append(OutputPage(urls.print_url(view.notice), "print.html", context, None, None))
    pages.append(_concerns(site, evaluation))
    pages.append(OutputPage(urls.NOT_FOUND_URL, "404.html", {"title": "页面未找到", "absolute_links": True}))
    return SitePlan(pages, views, owners, by_item)


@dataclass(frozen=True)
class YearStatistics:
    """依申请公开 in one year, as the public sees it: counts only, never who asked."""

    year: int
    received: int
    answered: int
    on_time: int
    late: int
    open_now: int  # received that year and not yet answered on the build date
    by_channel: list[tuple[str, int]]
    by_applicant: list[tuple[str, int]]
    by_outcome: list[tuple[str, int]]


def request_statistics(evaluation: Evaluation) -> list[YearStatistics]:
    """Per year, newest first, computed from the request register on the build date."""
    clocks = evaluation.request_clocks
    years = sorted(
        {c.request.received.year for c in clocks} | {c.request.replied.year for c in clocks if c.request.replied},
        reverse=True,
    )
    result = []
    for year in years:
        received = [c for c in clocks if c.request.received.year == year]
        answered = [c for c in clocks if c.request.replied and c.request.replied.year == year]
        states = [c.state(evaluation.today) for c in answered]
        result.append(
            YearStatistics(
                year=year,
                received=len(received),
                answered=len(answered),
                on_time=states.count("answered-on-time"),
                late=states.count("answered-late"),
                open_now=sum(1 for c in received if c.request.replied is None),
                by_channel=[(k, sum(1 for c in received if c.request.channel == k)) for k in CHANNELS],
                by_applicant=[(k, sum(1 for c in received if c.request.applicant_type == k)) for k in APPLICANT_TYPES],
                by_outcome=[(k, sum(1 for c in answered if c.request.outcome == k)) for k in OUTCOME_GROUNDS],
            )
        )
    return result


def _concerns(site: Site, evaluation: Evaluation) -> OutputPage:
    rows = []
    for state in sorted(evaluation.concern_states, key=lambda s: (s.concern.received, s.concern.id), reverse=True):
        answer = site.notices_by_index.get(state.answer_url_key or "")
        url = urls.notice_url(answer) if answer is not None and state.answered else None
        rows.append({"state": state, "status": state.state(evaluation.today), "answer": answer, "url": url,
                     "owner": site.config.owner_name(state.concern.department)})  # fmt: skip
    context = {"title": "群众关切回应", "rows": rows, "today": evaluation.today, "window": site.config.rules.hot_issue}
    return OutputPage(urls.CONCERNS_URL, "concerns.html", context, "群众关切回应", "栏目页")


def _home(site: Site, views: list[NoticeView], department: str | None, today: date) -> OutputPage:
    own = [v for v in views if department is None or v.notice.department == department]
    entries = [(page, label, hint) for slug, label, hint in HOME_ENTRIES for page in site.pages if page.slug == slug]
    context = {
        "title": site.config.owner_name(department) if department else "首页",
        "department": department,
        "latest": own[:HOME_NOTICES],
        "items": site.items_of(department),
        "entries": entries,
        "today": today,
    }
    column = "首页" if department is None else site.config.owner_name(department)
    return OutputPage(urls.home_url(department), "home.html", context, column, "首页")


def _catalog(
    site: Site, owners: list[tuple[str | None, str]], schedules: dict[Any, ScheduleView], department: str | None
) -> OutputPage:
    groups = [(owner, name, [schedules[item.key] for item in site.items_of(owner)]) for owner, name in owners]
    context = {
        "title": "政府信息公开目录" if department is None else "公开目录",
        "department": department,
        "groups": groups,
    }
    return OutputPage(urls.catalog_url(department), "catalog.html", context, "公开目录", "信息公开目录")


def _item_pages(item: CatalogItem, views: list[NoticeView], schedule: ScheduleView) -> Iterator[OutputPage]:
    size = urls.ITEMS_PER_PAGE
    count = max(1, -(-len(views) // size))
    depends = frozenset(v.notice.path for v in views)
    for number in range(1, count + 1):
        context = {
            "title": item.title,
            "department": item.department,
            "item": item,
            "schedule": schedule,
            "notices": views[(number - 1) * size : number * size],
            "page_number": number,
            "page_count": count,
            "page_urls": [urls.item_url(item, n) for n in range(1, count + 1)],
            "feed": urls.feed_url(urls.item_url(item)),
        }
        yield OutputPage(urls.item_url(item, number), "item.html", context, item.title, "信息公开", depends)


def _notice_page(view: NoticeView) -> OutputPage:
    context = {"title": view.notice.title, "department": view.notice.department, "view": view}
    return OutputPage(view.url, "notice.html", context, None, None, frozenset({view.notice.path}))


def _status(
    site: Site,
    owners: list[tuple[str | None, str]],
    schedules: dict[Any, ScheduleView],
    site_schedules: dict[str | None, ScheduleView],
    evaluation: Evaluation,
) -> OutputPage:
    groups = [
        (owner, name, site_schedules[owner], [schedules[item.key] for item in site.items_of(owner)])
        for owner, name in owners
    ]
    late = [d for d in evaluation.deadlines if d.days_late > 0]
    counts: dict[str, int] = {}
    for view in schedules.values():
        counts[view.state] = counts.get(view.state, 0) + 1
    context = {
        "title": "更新情况",
        "groups": groups,
        "late": sorted(late, key=lambda d: (d.notice.published, d.notice.path), reverse=True),
        "counts": counts,
        "rules": site.config.rules,
        "today": evaluation.today,
    }
    return OutputPage(urls.STATUS_URL, "status.html", context, "更新情况", "栏目页")
