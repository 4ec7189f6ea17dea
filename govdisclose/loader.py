"""Load and validate a whole site: site.yaml, the catalogs, notices and pages → Site + findings.

Nothing is raised for bad input: every problem is an `invalid-input` finding at `path:line`,
all of them in one run. A Site is returned only when there is no input error.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path, PurePosixPath

from .calendar import PERIODS
from .config import SLUG, load_config
from .diagnostics import Finding, Severity, has_input_errors, input_error
from .model import (
    STATUSES,
    TIMINGS,
    AllowedNumber,
    Attachment,
    CatalogItem,
    Change,
    Concern,
    InfoRequest,
    Location,
    Notice,
    Page,
    Site,
    SiteConfig,
    Withheld,
)
from .registers import check_concern_answers, load_concerns, load_requests, load_withheld
from .schema import Fields, as_mapping, suggest
from .sources import LineDict, parse_yaml, read_text, split_front_matter

GOVERNMENT_CATALOG = "catalog/government.yaml"
DEPARTMENT_CATALOG = "catalog/department.yaml"
DEPARTMENT_DIR = "catalog/departments"
CONTENT_DIR = "content"
PAGES_DIR = "content/pages"

STANDARD_GOVERNMENT_ITEMS = tuple(f"gov-{n:02d}" for n in range(1, 20))
STANDARD_DEPARTMENT_ITEMS = tuple(f"dept-{n:02d}" for n in range(1, 13))

_ITEM_KEYS = ("id", "title", "timing", "period", "reviewed", "applicable", "reason", "summary")
_OVERRIDE_KEYS = ("id", "period", "reviewed", "applicable", "reason", "summary")
NOTICE_KEYS = (
    "title",
    "item",
    "department",
    "published",
    "decided",
    "received",
    "publisher",
    "doc_number",
    "index_no",
    "effective",
    "expires",
    "status",
    "changes",
    "attachments",
    "summary",
    "pii_allow",
    "replace",
    "amend",
    "report",
)
# report: half-year-2026H1 (半年综合公开) or annual-2025 (政府信息公开工作年度报告)
# [标题](notice:<索引号>): a link to another notice by its index number, resolved at build time
NOTICE_LINK = re.compile(r"\]\(notice:([^)\s]+)\)")
REPORT_KEY = re.compile(r"^(?:half-year-\d{4}H[12]|annual-\d{4})$")
_PAGE_KEYS = ("title", "slug", "order", "updated", "pii_allow")
# 索引号: <organisation code>/<YYYY>-<5-digit serial>; the prefix is a 9-digit organisation code
# or an 18-character unified social credit code.
INDEX_NO = re.compile(r"^([0-9A-Z]{9}|[0-9A-Z]{18})/(\d{4})-(\d{5})$")


@dataclass(frozen=True)
class LoadResult:
    site: Site | None  # None when there is any input error
    findings: list[Finding]
    item_count: int
    notice_count: int


def load_site(root: Path, today: date) -> LoadResult:
    """Read and validate everything under `root`; `today` decides what counts as a future date."""
    findings: list[Finding] = []
    config = load_config(root, findings)
    items = _load_catalogs(root, config, today, findings) if config else ()
    notices = _load_notices(root, config, items, findings) if config else ()
    pages = _load_pages(root, findings)
    requests: tuple[InfoRequest, ...] = ()
    concerns: tuple[Concern, ...] = ()
    withheld: tuple[Withheld, ...] = ()
    if config is not None:
        dept_ids = [d.id for d in config.departments]
        requests = load_requests(root, dept_ids, today, findings)
        concerns = load_concerns(root, {i.key: i for i in items}, dept_ids, today, findings)
        withheld = load_withheld(root, dept_ids, today, findings)
        index_numbers = {n.index_no: n.path for n in notices if n.index_no}
        check_concern_answers(concerns, set(index_numbers), findings)
        for page in pages:
            _check_links(page.path, page.body, page.body_line, index_numbers, findings, notice=None)
    counts = {"item_count": len(items), "notice_count": len(notices)}
    if config is None or has_input_errors(findings):
        return LoadResult(None, findings, **counts)
    site = Site(
        root=root,
        config=config,
        items=items,
        notices=notices,
        pages=pages,
        requests=requests,
        concerns=concerns,
        withheld=withheld,
    )
    return LoadResult(site, findings, **counts)


# --- catalogs -------------------------------------------------------------------------------


def _read_yaml_mapping(root: Path, rel: str, findings: list[Finding], what: str) -> LineDict | None:
    file = read_text(root, rel, findings)
    if file is None:
        return None
    data, ok = parse_yaml(file.text, rel, findings)
    return as_mapping(data, rel, findings, what) if ok else None


def _catalog_items(
    root: Path, rel: str, findings: list[Finding], *, department: str | None, today: date
) -> list[CatalogItem]:
    if not (root / rel).is_file():
        findings.append(input_error(rel, 1, f"找不到公开目录文件 {rel}"))
        return []
    data = _read_yaml_mapping(root, rel, findings, "公开目录")
    if data is None:
        return []
    top = Fields(data, rel, findings, what="公开目录", allowed=("items",), required=("items",))
    return [
        item
        for entry in top.mappings("items")
        if (item := _catalog_item(entry, rel, findings, department=department, today=today, extra=False))
    ]


def _catalog_item(
    entry: LineDict, rel: str, findings: list[Finding], *, department: str | None, today: date, extra: bool
) -> CatalogItem | None:
    f = Fields(entry, rel, findings, what="目录事项", allowed=_ITEM_KEYS, required=("id", "title", "timing"))
    item_id, title = f.text("id"), f.text("title")
    timing = f.choice("timing", TIMINGS, None)
    if item_id is not None and not SLUG.match(item_id):
        f.error("id", f"事项 id '{item_id}' 只能使用小写字母、数字、'-' 和 '_'")
    period, reviewed, applicable, reason = _item_settings(f, timing, today)
    if not f.ok or item_id is None or title is None or timing is None:
        return None
    return CatalogItem(
        id=item_id,
        title=title,
        timing=timing,
        department=department,
        location=Location(rel, entry.line),
        period=period,
        reviewed=reviewed,
        applicable=applicable,
        reason=reason,
        summary=f.text("summary"),
        extra=extra,
    )


def _item_settings(f: Fields, timing: str | None, today: date) -> tuple[str | None, date | None, bool, str | None]:
    """period, reviewed, applicable and reason of an item (or of a department's override)."""
    period = f.choice("period", PERIODS, None)
    if period is not None and timing not in (None, "periodic"):
        f.error("period", f"只有定期公开(periodic)事项可以设置 'period',本事项为 '{timing}'")
    reviewed = f.date("reviewed")
    if reviewed is not None and timing not in (None, "fixed"):
        f.error("reviewed", f"只有固定公开(fixed)事项可以设置 'reviewed',本事项为 '{timing}'")
    if reviewed is not None and reviewed > today:
        f.error("reviewed", f"复核日期 {reviewed} 晚于今天 {today}:不能预填复核日期")
    applicable = f.boolean("applicable", True)
    reason = f.text("reason")
    if not applicable and not reason:
        f.error("applicable", "标记为不适用(applicable: false)的事项必须写明原因 'reason',例如:本部门无行政许可事项")
    return period, reviewed, applicable, reason


def _check_duplicate_ids(items: list[CatalogItem], findings: list[Finding]) -> list[CatalogItem]:
    seen: dict[tuple[str | None, str], CatalogItem] = {}
    unique = []
    for item in items:
        if item.key in seen:
            first = seen[item.key].location
            findings.append(
                input_error(
                    item.location.path,
                    item.location.line,
                    f"事项 id '{item.id}' 重复({first.path}:{first.line} 已定义)",
                )
            )
            continue
        seen[item.key] = item
        unique.append(item)
    return unique


def _missing_standard(items: list[CatalogItem], standard: tuple[str, ...], rel: str, findings: list[Finding]) -> None:
    """Warn when the catalog lacks one of the items every government/department must disclose."""
    present = {item.id for item in items}
    missing = [item_id for item_id in standard if item_id not in present]
    if missing:
        findings.append(
            Finding(
                "catalog-incomplete",
                Severity.WARNING,
                rel,
                1,
                f"公开目录缺少必须公开的事项 {', '.join(missing)};不适用的事项请保留并标记 applicable: false 和原因",
            )
        )


def _load_catalogs(root: Path, config: SiteConfig, today: date, findings: list[Finding]) -> tuple[CatalogItem, ...]:
    gov_items = _check_duplicate_ids(
        _catalog_items(root, GOVERNMENT_CATALOG, findings, department=None, today=today), findings
    )
    _missing_standard(gov_items, STANDARD_GOVERNMENT_ITEMS, GOVERNMENT_CATALOG, findings)
    shared: list[CatalogItem] = []
    if config.departments or (root / DEPARTMENT_CATALOG).is_file():
        shared = _check_duplicate_ids(
            _catalog_items(root, DEPARTMENT_CATALOG, findings, department=None, today=today), findings
        )
        _missing_standard(shared, STANDARD_DEPARTMENT_ITEMS, DEPARTMENT_CATALOG, findings)
    result = list(gov_items)
    dept_ids = [d.id for d in config.departments]
    for dept in config.departments:
        result.extend(_department_items(root, dept.id, shared, today, findings))
    dept_dir = root / DEPARTMENT_DIR
    if dept_dir.is_dir():
        for path in sorted(dept_dir.glob("*.yaml")):
            if path.stem not in dept_ids:
                rel = f"{DEPARTMENT_DIR}/{path.name}"
                findings.append(
                    input_error(rel, 1, f"site.yaml 中没有 id 为 '{path.stem}' 的部门{suggest(path.stem, dept_ids)}")
                )
    return tuple(result)


def _department_items(
    root: Path, dept_id: str, shared: list[CatalogItem], today: date, findings: list[Finding]
) -> list[CatalogItem]:
    rel = f"{DEPARTMENT_DIR}/{dept_id}.yaml"
    items = {item.id: replace(item, department=dept_id) for item in shared}
    extras: list[CatalogItem] = []
    if (root / rel).is_file():
        data = _read_yaml_mapping(root, rel, findings, "部门目录")
        if data is not None:
            top = Fields(data, rel, findings, what="部门目录", allowed=("items", "extra_items"))
            for entry in top.mappings("items"):
                _apply_override(entry, rel, items, today, findings)
            for entry in top.mappings("extra_items"):
                item = _catalog_item(entry, rel, findings, department=dept_id, today=today, extra=True)
                if item is None:
                    continue
                if item.id in items:
                    findings.append(
                        input_error(
                            rel, entry.line, f"自有事项 id '{item.id}' 与部门通用事项重复;修改通用事项请写在 'items' 下"
                        )
                    )
                    continue
                extras.append(item)
    return _check_duplicate_ids([*items.values(), *extras], findings)


def _apply_override(
    entry: LineDict, rel: str, items: dict[str, CatalogItem], today: date, findings: list[Finding]
) -> None:
    f = Fields(entry, rel, findings, what="部门事项设置", allowed=_OVERRIDE_KEYS, required=("id",))
    item_id = f.text("id")
    base = items.get(item_id or "")
    if item_id is not None and base is None:
        f.error(
            "id", f"部门通用目录中没有事项 '{item_id}'{suggest(item_id, items)};部门自有事项请写在 'extra_items' 下"
        )
    period, reviewed, applicable, reason = _item_settings(f, base.timing if base else None, today)
    if not f.ok or base is None:
        return
    items[base.id] = replace(
        base,
        location=Location(rel, entry.line),
        applicable=applicable if f.has("applicable") else base.applicable,
        reason=reason if f.has("reason") or f.has("applicable") else base.reason,
        period=period or base.period,
        reviewed=reviewed or base.reviewed,
        summary=f.text("summary") or base.summary,
    )


# --- notices --------------------------------------------------------------------------------


def _markdown_files(root: Path, top: str, *, skip: str | None = None) -> list[str]:
    """Markdown files under `top`, sorted, as site-relative POSIX paths; dot-files are ignored."""
    base = root / top
    if not base.is_dir():
        return []
    found = []
    for dirpath, dirnames, filenames in os.walk(base):
        rel_dir = PurePosixPath(Path(dirpath).relative_to(root).as_posix())
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and str(rel_dir / d) != skip)
        found.extend(str(rel_dir / name) for name in filenames if name.endswith(".md") and not name.startswith("."))
    return sorted(found)


def _load_notices(
    root: Path, config: SiteConfig, items: tuple[CatalogItem, ...], findings: list[Finding]
) -> tuple[Notice, ...]:
    by_key = {item.key: item for item in items}
    dept_ids = [d.id for d in config.departments]
    notices = []
    for rel in _markdown_files(root, CONTENT_DIR, skip=PAGES_DIR):
        notice = _load_notice(root, rel, by_key, dept_ids, findings)
        if notice is not None:
            notices.append(notice)
    check_notices(notices, findings)
    return tuple(notices)


def is_notice_file(rel: str) -> bool:
    """Whether a site-relative path is where a notice lives (a .md file under content/, not pages)."""
    path = PurePosixPath(rel)
    return (
        path.suffix == ".md"
        and path.parts[0] == CONTENT_DIR
        and not rel.startswith(PAGES_DIR + "/")
        and not any(part.startswith(".") for part in path.parts)
    )


def reload_notices(site: Site, changed: set[str], findings: list[Finding]) -> tuple[Notice, ...]:
    """The site's notices with the files in `changed` read again (or dropped, if deleted),
    checked against each other as a full load would; the order is a full load's (by path)."""
    by_path = {n.path: n for n in site.notices}
    dept_ids = [d.id for d in site.config.departments]
    for rel in sorted(changed):
        by_path.pop(rel, None)
        if (site.root / rel).is_file():
            notice = _load_notice(site.root, rel, site.items_by_key, dept_ids, findings)
            if notice is not None:
                by_path[rel] = notice
    notices = [by_path[path] for path in sorted(by_path)]
    check_notices(notices, findings)
    index_numbers = {n.index_no: n.path for n in notices if n.index_no}
    check_concern_answers(site.concerns, set(index_numbers), findings)
    for page in site.pages:
        _check_links(page.path, page.body, page.body_line, index_numbers, findings, notice=None)
    return tuple(notices)


def check_notices(notices: list[Notice], findings: list[Finding]) -> None:
    """What no single file shows: duplicate 索引号, and relations and links to missing notices."""
    index_numbers: dict[str, str] = {}
    for notice in notices:
        if notice.index_no:
            first = index_numbers.setdefault(notice.index_no, notice.path)
            if first != notice.path:
                message = f"索引号 {notice.index_no} 重复(已用于 {first});索引号一经分配不得重复"
                findings.append(input_error(notice.path, notice.line_of("index_no"), message, notice=notice.path))
    _check_relations(notices, index_numbers, findings)


def _check_relations(notices: list[Notice], index_numbers: dict[str, str], findings: list[Finding]) -> None:
    """`replace:` and `amend:` must name existing notices by 索引号 (and not the notice itself)."""
    for notice in notices:
        for key, targets in (("replace", notice.replace), ("amend", notice.amend)):
            for target in targets:
                if target not in index_numbers:
                    message = f"'{key}' 指向的索引号 {target} 不存在{suggest(target, index_numbers)}"
                elif target == notice.index_no:
                    message = f"'{key}' 不能指向自身"
                else:
                    continue
                findings.append(input_error(notice.path, notice.line_of(key), message, notice=notice.path))
        _check_links(notice.path, notice.body, notice.body_line, index_numbers, findings, notice=notice.path)


def _check_links(
    path: str, body: str, body_line: int, index_numbers: dict[str, str], findings: list[Finding], notice: str | None
) -> None:
    """Every `notice:<索引号>` link in a body must name an existing notice."""
    for match in NOTICE_LINK.finditer(body):
        if match[1] not in index_numbers:
            line = body_line + body.count("\n", 0, match.start())
            message = f"链接 notice:{match[1]} 指向的索引号不存在{suggest(match[1], index_numbers)}"
            findings.append(input_error(path, line, message, notice=notice))


def _load_notice(
    root: Path,
    rel: str,
    items: dict[tuple[str | None, str], CatalogItem],
    dept_ids: list[str],
    findings: list[Finding],
) -> Notice | None:
    """One notice file, or None; its problems are added to `findings`, all naming the notice."""
    own: list[Finding] = []
    notice = _read_notice(root, rel, items, dept_ids, own)
    findings.extend(f if f.notice else replace(f, notice=rel) for f in own)
    return notice


def _read_notice(
    root: Path,
    rel: str,
    items: dict[tuple[str | None, str], CatalogItem],
    dept_ids: list[str],
    findings: list[Finding],
) -> Notice | None:
    file = read_text(root, rel, findings)
    if file is None:
        return None
    doc = split_front_matter(file, findings)
    if doc is None:
        return None
    data, ok = parse_yaml(doc.front_matter, rel, findings, line_offset=doc.front_matter_line - 1)
    data = as_mapping(data, rel, findings, "front matter", line=doc.front_matter_line) if ok else None
    if data is None:
        return None
    f = Fields(
        data, rel, findings, what="公告", allowed=NOTICE_KEYS, required=("title", "item", "published"), notice=rel
    )
    title, item_id, department = f.text("title"), f.text("item"), f.text("department")
    published, decided, received = f.date("published"), f.date("decided"), f.date("received")
    effective, expires = f.date("effective"), f.date("expires")
    status = f.choice("status", STATUSES, "active") or "active"

    item = _resolve_item(f, item_id, department, items, dept_ids)
    if item is not None:
        if not item.applicable:
            f.error(
                "item", f"事项 '{item.id}' 已标记为不适用({item.reason}),不应再有公告;如已适用请删除 applicable: false"
            )
        if item.timing == "ad-hoc" and decided is None and "decided" not in data:
            f.error(None, f"随时公开事项 '{item.id}' 的公告必须写明成文/决定日期 'decided'")
        if item.timing == "hot-issue" and received is None and "received" not in data:
            f.error(None, f"热点难点事项 '{item.id}' 的公告必须写明收到群众诉求的日期 'received'")
    if published and decided and published < decided:
        f.error("published", f"发布日期 {published} 早于成文/决定日期 {decided}")
    if published and received and published < received:
        f.error("published", f"发布日期 {published} 早于收到诉求日期 {received}")
    if effective and expires and expires < effective:
        f.error("expires", f"失效日期 {expires} 早于生效日期 {effective}")

    index_no = f.text("index_no")
    if index_no is not None and not INDEX_NO.match(index_no):
        f.error(
            "index_no", f"索引号 '{index_no}' 格式不正确:应为 <机构代码>/<年份>-<5位流水号>,例如 000014349/2026-00012"
        )

    changes = _changes(f)
    if status in ("withdrawn", "amended") and not changes:
        f.error("status", f"状态为 '{status}' 的公告必须在 'changes' 中写明日期和说明(变更、撤销须公布并作出说明)")
    attachments = _attachments(f, root, rel)
    pii_allow = _pii_allow(f)
    replace, amend = _index_list(f, "replace"), _index_list(f, "amend")
    report = f.text("report")
    if report is not None and not REPORT_KEY.match(report):
        f.error("report", f"'report' 的值 '{report}' 无效:应为 half-year-2026H1 或 annual-2025 这样的形式")

    if not f.ok or title is None or item is None or published is None:
        return None
    return Notice(
        path=rel,
        title=title,
        item=item.id,
        department=item.department,
        published=published,
        body=doc.body,
        body_line=doc.body_line,
        key_lines=dict(data.key_lines),
        decided=decided,
        received=received,
        publisher=f.text("publisher"),
        doc_number=f.text("doc_number"),
        index_no=index_no,
        effective=effective,
        expires=expires,
        status=status,
        changes=tuple(changes),
        attachments=tuple(attachments),
        summary=f.text("summary"),
        pii_allow=tuple(pii_allow),
        replace=replace,
        amend=amend,
        report=report,
        source_text=file.text,
    )


def _resolve_item(
    f: Fields,
    item_id: str | None,
    department: str | None,
    items: dict[tuple[str | None, str], CatalogItem],
    dept_ids: list[str],
) -> CatalogItem | None:
    if department is not None and department not in dept_ids:
        f.error("department", f"site.yaml 中没有 id 为 '{department}' 的部门{suggest(department, dept_ids)}")
        return None
    if item_id is None:
        return None
    item = items.get((department, item_id))
    if item is not None:
        return item
    if department is None and any(key[1] == item_id for key in items if key[0] is not None):
        f.error("item", f"'{item_id}' 是部门目录事项,公告须写明所属部门 'department'(可选:{', '.join(dept_ids)})")
        return None
    choices = [key[1] for key in items if key[0] == department]
    owner = f"部门 '{department}' 的" if department else "政府"
    f.error("item", f"{owner}公开目录中没有事项 '{item_id}'{suggest(item_id, choices)}")
    return None


def _index_list(f: Fields, key: str) -> tuple[str, ...]:
    """One 索引号 or a list of them."""
    value = f.data.get(key)
    if value is None:
        return ()
    numbers = [value] if isinstance(value, str) else [v for v, _ in f.texts(key)]
    for number in numbers:
        if not INDEX_NO.match(number):
            f.error(key, f"'{key}' 应写被修订/废止公告的索引号,'{number}' 不是索引号")
    return tuple(numbers)


def _changes(f: Fields) -> list[Change]:
    changes = []
    for entry in f.mappings("changes"):
        c = Fields(
            entry,
            f.path,
            f.findings,
            what="变更记录",
            allowed=("date", "note"),
            required=("date", "note"),
            notice=f.notice,
        )
        day, note = c.date("date"), c.text("note")
        if c.ok and day is not None and note is not None:
            changes.append(Change(day, note, entry.line))
        f.ok = f.ok and c.ok
    return sorted(changes, key=lambda c: c.date)


def _attachments(f: Fields, root: Path, rel: str) -> list[Attachment]:
    result: list[Attachment] = []
    hrefs = f.texts("attachments")
    if not hrefs:
        return result
    site_root = root.resolve()
    content_root = site_root / CONTENT_DIR
    notice_dir = PurePosixPath(rel).parent
    for href, line in hrefs:
        candidate = root / CONTENT_DIR / href.lstrip("/") if href.startswith("/") else root / notice_dir / href
        target = candidate.resolve()
        if not target.is_relative_to(site_root):
            f.error("attachments", f"附件 '{href}' 指向站点目录之外", line=line)
            continue
        if not target.is_relative_to(content_root):
            f.error("attachments", f"附件 '{href}' 应放在 content/ 目录下(站点其他文件不会被发布)", line=line)
            continue
        if not target.is_file():
            f.error("attachments", f"附件 '{href}' 不存在", line=line)
            continue
        result.append(Attachment(href=href, path=target.relative_to(site_root).as_posix(), size=target.stat().st_size))
    return result


def _pii_allow(f: Fields) -> list[AllowedNumber]:
    result = []
    for entry in f.mappings("pii_allow"):
        a = Fields(
            entry,
            f.path,
            f.findings,
            what="pii_allow 登记项",
            allowed=("value", "reason"),
            required=("value", "reason"),
            notice=f.notice,
        )
        value, reason = a.text("value"), a.text("reason")
        if a.ok and value and reason:
            result.append(AllowedNumber(re.sub(r"[\s-]", "", value), reason))
        f.ok = f.ok and a.ok
    return result


# --- pages ----------------------------------------------------------------------------------


def _load_pages(root: Path, findings: list[Finding]) -> tuple[Page, ...]:
    pages = []
    slugs: dict[str, str] = {}
    for rel in _markdown_files(root, PAGES_DIR):
        file = read_text(root, rel, findings)
        doc = split_front_matter(file, findings) if file else None
        if file is None or doc is None:
            continue
        data, ok = parse_yaml(doc.front_matter, rel, findings, line_offset=doc.front_matter_line - 1)
        data = as_mapping(data, rel, findings, "front matter", line=doc.front_matter_line) if ok else None
        if data is None:
            continue
        f = Fields(data, rel, findings, what="页面", allowed=_PAGE_KEYS, required=("title",))
        slug = f.text("slug", PurePosixPath(rel).stem) or PurePosixPath(rel).stem
        if not SLUG.match(slug):
            f.error("slug", f"页面 slug '{slug}' 只能使用小写字母、数字、'-' 和 '_'(它会成为网址)")
        elif slug in slugs:
            f.error("slug", f"页面 slug '{slug}' 重复(已用于 {slugs[slug]})")
        slugs.setdefault(slug, rel)
        title, order, updated = f.text("title"), f.integer("order", 100), f.date("updated")
        allowed = tuple(_pii_allow(f))
        if f.ok and title:
            pages.append(Page(rel, title, slug, order, updated, doc.body, doc.body_line, file.text, allowed))
    return tuple(sorted(pages, key=lambda p: (p.order, p.slug)))
