"""The page plan: every page of the site with its template and context, decided before anything
is written, so that every page sees the same, whole site. One function per page kind."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..model import CatalogItem, Site
from ..rules import Evaluation
from . import urls
from .markdown import RenderedBody
from .views import NoticeView, ScheduleView, notice_view, schedule_view

HOME_NOTICES = 12
# Standalone pages the home page links to by slug, with the Chinese label of the entry.
HOME_ENTRIES = (("guide", "政府信息公开指南"), ("apply", "依申请公开"), ("reports", "政府信息公开年度报告"))


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


def plan_site(
    site: Site, evaluation: Evaluation, bodies: dict[str, RenderedBody], page_bodies: dict[str, RenderedBody]
) -> SitePlan:
    """Every page of the site for the build date in `evaluation`."""
    today = evaluation.today
    views = [notice_view(n, site, today, bodies.get(n.path)) for n in site.published_notices(today)]
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
    for page in site.pages:
        context = {"title": page.title, "page": page, "body": page_bodies[page.path]}
        pages.append(OutputPage(urls.page_url(page), "page.html", context, page.title, "栏目页"))
    pages.append(OutputPage(urls.NOT_FOUND_URL, "404.html", {"title": "页面未找到"}))
    return SitePlan(pages, views, owners)


def _home(site: Site, views: list[NoticeView], department: str | None, today: date) -> OutputPage:
    own = [v for v in views if department is None or v.notice.department == department]
    entries = [(page, label) for slug, label in HOME_ENTRIES for page in site.pages if page.slug == slug]
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
