"""The disclosure model: site configuration, catalog items, notices and pages, all immutable."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path

from .calendar import PERIOD_ZH, PERIODS, Window, WorkCalendar

TIMINGS = ("fixed", "periodic", "ad-hoc", "hot-issue")
TIMING_ZH = {"fixed": "固定公开", "periodic": "定期公开", "ad-hoc": "随时公开", "hot-issue": "热点难点问题"}
STATUSES = ("active", "amended", "withdrawn", "expired")
STATUS_ZH = {"active": "有效", "amended": "已修改", "withdrawn": "已废止", "expired": "已失效"}


@dataclass(frozen=True, slots=True)
class Location:
    path: str
    line: int


@dataclass(frozen=True, slots=True)
class Rules:
    """Time limits the validator applies (`rules:` in site.yaml)."""

    preset: str
    fixed: Window
    ad_hoc: Window
    hot_issue: Window
    site_refresh: Window
    due_soon: Window
    halfyear: bool = True  # halfyear-missing: the source rules' half-year comprehensive disclosure


# 《示例》source rules: DOMAIN.md "Timing classes" (公开的时间和要求, source 000, 第四篇 三(四)):
# 固定公开 一年更换一次; 随时公开 形成决定后3天内; 热点难点 接到诉求后一周内; 网上公开 最少每半月更新一次.
# national: 《政府信息公开条例》(2019) art. 26 (20 working days) and 国办秘函〔2019〕19号 (home page, 2 weeks).
RULE_PRESETS: dict[str, dict[str, Window]] = {
    "source": {
        "fixed": Window(1, "years"),
        "ad_hoc": Window(3, "days"),
        "hot_issue": Window(7, "days"),
        "site_refresh": Window(15, "days"),
        "due_soon": Window(7, "days"),
    },
    "national": {
        "fixed": Window(1, "years"),
        "ad_hoc": Window(20, "workdays"),
        "hot_issue": Window(7, "days"),
        "site_refresh": Window(14, "days"),
        "due_soon": Window(7, "days"),
    },
}


@dataclass(frozen=True, slots=True)
class Department:
    id: str
    name: str
    org_code: str | None
    location: Location


@dataclass(frozen=True, slots=True)
class Footer:
    sponsor: str | None = None  # 主办单位
    organizer: str | None = None  # 承办单位
    icp: str | None = None  # ICP备案号
    police_record: str | None = None  # 公安机关备案号
    address: str | None = None
    postcode: str | None = None
    phone: str | None = None
    email: str | None = None


@dataclass(frozen=True, slots=True)
class ReportItems:
    """Which catalog items the generated reports are filed under (`reports:` in site.yaml)."""

    government: str = "gov-19"  # 法律、法规规定应当公开的其他事项 (the 条例 requires the annual report)
    department: str = "dept-11"  # 政府信息公开指南、目录和工作报告
    normative: str = "gov-18"  # 规范性文件: counted in table 二 of the annual report


@dataclass(frozen=True, slots=True)
class SiteConfig:
    title: str
    base_url: str
    language: str
    timezone: str
    site_code: str | None  # 网站标识码
    government_name: str
    government_org_code: str | None
    departments: tuple[Department, ...]
    rules: Rules
    holidays: frozenset[date]
    workdays: frozenset[date]
    footer: Footer
    reports: ReportItems = field(default_factory=ReportItems)

    def department(self, dept_id: str | None) -> Department | None:
        return next((d for d in self.departments if d.id == dept_id), None)

    def owner_name(self, dept_id: str | None) -> str:
        """The publishing body's name: the government's, or a department's."""
        dept = self.department(dept_id)
        return dept.name if dept else self.government_name

    def calendar(self) -> WorkCalendar:
        return WorkCalendar(self.holidays, self.workdays)


@dataclass(frozen=True, slots=True)
class CatalogItem:
    """One entry of a 公开目录: the government's own, or one department's."""

    id: str
    title: str
    timing: str
    department: str | None  # None: the government's catalog
    location: Location
    period: str | None = None
    reviewed: date | None = None
    applicable: bool = True
    reason: str | None = None
    summary: str | None = None
    extra: bool = False  # a department's own item, beyond the 12 shared ones

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.department, self.id)

    @property
    def period_window(self) -> Window | None:
        return PERIODS[self.period or "monthly"] if self.timing == "periodic" else None

    @property
    def timing_zh(self) -> str:
        """E.g. 定期公开(每月)."""
        if self.timing == "periodic":
            return f"{TIMING_ZH[self.timing]}({PERIOD_ZH[self.period or 'monthly']})"
        return TIMING_ZH[self.timing]


@dataclass(frozen=True, slots=True)
class Change:
    date: date
    note: str
    line: int


@dataclass(frozen=True, slots=True)
class Attachment:
    href: str  # as written in the notice, relative to the notice file
    path: str  # relative to the site root
    size: int


@dataclass(frozen=True, slots=True)
class AllowedNumber:
    """A number a notice may publish although it looks like personal data, with the reason."""

    value: str
    reason: str


@dataclass(frozen=True, slots=True)
class Notice:
    """One piece of disclosed information (a Markdown file under content/)."""

    path: str  # relative to the site root
    title: str
    item: str
    department: str | None
    published: date
    body: str
    body_line: int
    key_lines: dict[str, int] = field(hash=False, compare=False)
    decided: date | None = None
    received: date | None = None
    publisher: str | None = None
    doc_number: str | None = None
    index_no: str | None = None
    effective: date | None = None
    expires: date | None = None
    status: str = "active"
    changes: tuple[Change, ...] = ()
    attachments: tuple[Attachment, ...] = ()
    summary: str | None = None
    pii_allow: tuple[AllowedNumber, ...] = ()
    replace: tuple[str, ...] = ()  # index numbers of notices this one repeals and replaces (废止)
    amend: tuple[str, ...] = ()  # index numbers of notices this one amends (修订)
    report: str | None = None  # "half-year-2026H1" or "annual-2025" for the reports of DOMAIN.md
    source_text: str = field(default="", repr=False, hash=False, compare=False)

    @property
    def item_key(self) -> tuple[str | None, str]:
        return (self.department, self.item)

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, 1)

    def is_published(self, today: date) -> bool:
        """False for a scheduled notice (published after today): it does not count yet."""
        return self.published <= today


@dataclass(frozen=True, slots=True)
class Page:
    """A standalone page from content/pages/ (公开指南, 依申请公开, …)."""

    path: str
    title: str
    slug: str
    order: int
    updated: date | None
    body: str
    body_line: int
    source_text: str = field(default="", repr=False, hash=False, compare=False)
    pii_allow: tuple[AllowedNumber, ...] = ()


CHANNELS = ("网上", "信函", "当面", "传真", "其他")
# 《政府信息公开工作年度报告格式》(国办公开办函〔2021〕30号): applicant columns.
APPLICANT_TYPES = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")
# Outcomes and, where the format splits them, their grounds (the rows of table 三).
OUTCOME_GROUNDS: dict[str, tuple[str, ...]] = {
    "予以公开": (),
    "部分公开": (),
    "不予公开": (
        "属于国家秘密",
        "其他法律行政法规禁止公开",
        "危及“三安全一稳定”",
        "保护第三方合法权益",
        "属于三类内部事务信息",
        "属于四类过程性信息",
        "属于行政执法案卷",
        "属于行政查询事项",
    ),
    "无法提供": ("本机关不掌握相关政府信息", "没有现成信息需要另行制作", "补正后申请内容仍不明确"),
    "不予处理": (
        "信访举报投诉类申请",
        "重复申请",
        "要求提供公开出版物",
        "无正当理由大量反复申请",
        "要求行政机关确认或重新出具已获取信息",
    ),
    "其他处理": (
        "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "其他",
    ),
}
# 条例 art. 14–16: 国家秘密 …; art. 15 商业秘密、个人隐私; art. 16 内部事务信息、过程性信息、行政执法案卷
WITHHELD_GROUNDS = ("国家秘密", "商业秘密", "个人隐私", "内部事务信息", "过程性信息", "行政执法案卷", "其他")


@dataclass(frozen=True, slots=True)
class Correction:
    """A 补正 request: the reply clock stops from `asked` until `completed` (条例 art. 30)."""

    asked: date
    completed: date | None


@dataclass(frozen=True, slots=True)
class Extension:
    date: date
    reason: str


@dataclass(frozen=True, slots=True)
class InfoRequest:
    """One request for disclosure (依申请公开). Applicant details stay in the register only."""

    id: str
    department: str | None
    received: date
    channel: str
    applicant_type: str
    subject: str
    location: Location
    corrections: tuple[Correction, ...] = ()
    extension: Extension | None = None
    replied: date | None = None
    outcome: str | None = None
    ground: str | None = None


@dataclass(frozen=True, slots=True)
class Concern:
    """A public concern (热点难点问题) and the notice that answered it."""

    id: str
    department: str | None
    item: str
    received: date
    topic: str
    source: str | None
    answer: str | None  # index number of the answering notice
    location: Location


@dataclass(frozen=True, slots=True)
class Withheld:
    """A matter not disclosed, with its ground and the approving office (不予公开备案)."""

    id: str
    department: str | None
    matter: str
    ground: str
    approved_by: str
    approved: date
    location: Location


@dataclass(frozen=True)
class Site:
    """A whole validated site: what every later stage (rules, render, search) reads."""

    root: Path
    config: SiteConfig
    items: tuple[CatalogItem, ...]
    notices: tuple[Notice, ...]
    pages: tuple[Page, ...]
    requests: tuple[InfoRequest, ...] = ()
    concerns: tuple[Concern, ...] = ()
    withheld: tuple[Withheld, ...] = ()

    @cached_property
    def notices_by_index(self) -> dict[str, Notice]:
        return {n.index_no: n for n in self.notices if n.index_no}

    @cached_property
    def items_by_key(self) -> dict[tuple[str | None, str], CatalogItem]:
        return {item.key: item for item in self.items}

    def items_of(self, department: str | None) -> list[CatalogItem]:
        return [item for item in self.items if item.department == department]

    @cached_property
    def _published_by_date(self) -> dict[date, tuple[Notice, ...]]:
        return {}

    def published_notices(self, today: date) -> tuple[Notice, ...]:
        """Notices that count on `today`, newest first (sorted once per date: rules, plan and
        relations all ask for the same list)."""
        cache = self._published_by_date
        if today not in cache:
            cache[today] = tuple(
                sorted(
                    (n for n in self.notices if n.is_published(today)),
                    key=lambda n: (n.published, n.path),
                    reverse=True,
                )
            )
        return cache[today]
