"""What templates see: the model plus what a reader needs (URLs, validity, sizes), computed once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import PurePosixPath

from ..model import STATUS_ZH, CatalogItem, Notice, Site
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

    @property
    def year(self) -> str:
        return str(self.notice.published.year)


def notice_view(notice: Notice, site: Site, today: date, body: RenderedBody | None = None) -> NoticeView:
    item = site.items_by_key[notice.item_key]
    owner = site.config.owner_name(notice.department)
    status = notice.status
    if status == "active" and notice.expires is not None and notice.expires < today:
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
