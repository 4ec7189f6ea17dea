"""What templates see: the model plus what a reader needs (URLs, validity, sizes), computed once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import PurePosixPath

from ..model import STATUS_ZH, CatalogItem, Concern, Notice, Site
from ..rules.freshness import STATE_ZH, Schedule
from . import urls
from .markdown import RenderedBody

_FILE_TYPES = {
    ".pdf": "PDF",
    ".doc": "Word",
    ".docx": "Word",
    ".xls": "Excel",
    ".xlsx": "Excel",
    ".csv": "CSV",
    ".txt": "文本",
    ".ofd": "OFD",
    ".wps": "WPS",
    ".zip": "压缩包",
    ".jpg": "图片",
    ".jpeg": "图片",
    ".png": "图片",
}


def human_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


@dataclass(frozen=True, slots=True)
class AttachmentView:
    name: str
    url: str
    kind: str
    size: str


@dataclass(frozen=True, slots=True)
class Relation:
    """A link between two notices, worded from the side of the page it appears on."""

    verb: str  # 废止 or 修订
    title: str
    url: str


@dataclass(frozen=True)
class Relations:
    """Who replaces or amends whom, among the notices published on the build date; and which
    public concern each answering notice responds to."""

    superseded_by: dict[str, list[tuple[str, Notice]]]  # index_no → [(verb, newer notice)]
    concerns: dict[str, list[Concern]]  # index_no of the answering notice → the concerns it answers

    @classmethod
    def of(cls, site: Site, today: date) -> Relations:
        superseded: dict[str, list[tuple[str, Notice]]] = {}
        for notice in reversed(site.published_notices(today)):  # oldest first
            for verb, targets in (("废止", notice.replace), ("修订", notice.amend)):
                for target in targets:
                    superseded.setdefault(target, []).append((verb, notice))
        concerns: dict[str, list[Concern]] = {}
        for concern in site.concerns:
            if concern.answer:
                concerns.setdefault(concern.answer, []).append(concern)
        return cls(superseded, concerns)


@dataclass(frozen=True, slots=True)
class NoticeView:
    notice: Notice
    item: CatalogItem
    url: str
    owner: str  # the government or department the notice belongs to
    publisher: str  # 发布机构
    status: str  # effective status on the build date: a notice past `expires` is expired
    validity: str  # 有效 / 已修改 / 已废止 / 已失效
    banner: str | None  # why a withdrawn, amended or expired notice is no longer fully in force
    attachments: tuple[AttachmentView, ...]
    body: RenderedBody | None = None
    superseded_by: tuple[Relation, ...] = ()  # newer notices that repeal or amend this one
    supersedes: tuple[Relation, ...] = ()  # older notices this one repeals or amends
    concerns: tuple[Concern, ...] = ()  # the public concerns this notice answers

    @property
    def year(self) -> str:
        return str(self.notice.published.year)


def notice_view(
    notice: Notice, site: Site, today: date, body: RenderedBody | None = None, relations: Relations | None = None
) -> NoticeView:
    item = site.items_by_key[notice.item_key]
    owner = site.config.owner_name(notice.department)
    later = relations.superseded_by.get(notice.index_no or "", []) if relations else []
    superseded_by = tuple(Relation(verb, n.title, urls.notice_url(n)) for verb, n in later)
    supersedes = tuple(
        Relation(verb, target.title, urls.notice_url(target))
        for verb, numbers in (("废止", notice.replace), ("修订", notice.amend))
        for number in numbers
        if (target := site.notices_by_index.get(number)) is not None
    )
    status = notice.status
    # A notice repealed or amended by a newer published one, or past its expiry date, says so
    # automatically on the build date (变更、撤销须公布并作出说明).
    if any(r.verb == "废止" for r in superseded_by) and status != "expired":
        status = "withdrawn"
    elif status == "active" and superseded_by:
        status = "amended"
    if status in ("active", "amended") and notice.expires is not None and notice.expires < today:
        status = "expired"
    last_note = notice.changes[-1].note if notice.changes else None
    banner = None
    if status == "withdrawn":
        banner = f"本文件已废止。{last_note or ''}"
    elif status == "amended":
        banner = f"本文件已修改。{last_note or ''}"
    elif status == "expired":
        expired_on = f"已于 {notice.expires} 失效" if notice.expires else "已失效"
        note = (last_note or "") if notice.status == "expired" else ""
        banner = f"本文件{expired_on},仅供查阅。{note}"
    attachments = tuple(
        AttachmentView(
            name=PurePosixPath(a.path).name,
            url=urls.attachment_url(a.path),
            kind=_FILE_TYPES.get(
                PurePosixPath(a.path).suffix.lower(), PurePosixPath(a.path).suffix.lstrip(".").upper()
            ),
            size=human_size(a.size),
        )
        for a in notice.attachments
    )
    return NoticeView(
        notice=notice,
        item=item,
        url=urls.notice_url(notice),
        owner=owner,
        publisher=notice.publisher or owner,
        status=status,
        validity=STATUS_ZH[status],
        banner=banner.strip() if banner else None,
        attachments=attachments,
        body=body,
        superseded_by=superseded_by,
        supersedes=supersedes,
        concerns=tuple(relations.concerns.get(notice.index_no or "", ())) if relations else (),
    )


@dataclass(frozen=True, slots=True)
class ScheduleView:
    """A row of 公开目录 and 更新情况."""

    schedule: Schedule
    url: str | None
    title: str
    timing: str
    state: str
    state_zh: str
    last: str
    due: str
    reason: str | None


def schedule_view(schedule: Schedule, site: Site) -> ScheduleView:
    item = schedule.item
    if item is not None:
        url, title, timing, reason = urls.item_url(item), item.title, item.timing_zh, item.reason
    else:
        url = urls.home_url(schedule.department)
        title = f"{site.config.owner_name(schedule.department)}网站更新"
        timing = f"每{schedule.window.zh()}至少更新一次" if schedule.window else ""
        reason = None
    return ScheduleView(
        schedule=schedule,
        url=url,
        title=title,
        timing=timing,
        state=schedule.state,
        state_zh=STATE_ZH[schedule.state],
        last=str(schedule.last_published or "—"),
        due=str(schedule.due or "—"),
        reason=reason,
    )
