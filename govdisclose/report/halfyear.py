"""`govdisclose report half-year 2026H1`: the half-year comprehensive disclosure (半年综合公开).

Source 002, 第五篇 三: "每半年要…系统全面地公开一次,7月15日前要公布上半年的内容,元月15日前要公布
上[半年]应公开的内容". The report lists, per catalog item, what was published in that half year.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from pathlib import Path

from ..model import TIMING_ZH, Site
from ..rules.requests import concern_state, request_clock
from . import GeneratedNotice, front_matter, markdown_table, notice_link, owner_item

HALF = re.compile(r"^(\d{4})H([12])$")


def parse_half(text: str) -> tuple[date, date] | None:
    """'2026H1' → (2026-01-01, 2026-06-30); None if malformed."""
    match = HALF.match(text.strip().upper())
    if not match:
        return None
    year, half = int(match[1]), int(match[2])
    return (date(year, 1, 1), date(year, 6, 30)) if half == 1 else (date(year, 7, 1), date(year, 12, 31))


def half_year_report(site: Site, half: str, department: str | None, today: date) -> GeneratedNotice:
    start, end = parse_half(half)  # type: ignore[misc]
    key = half.strip().upper()
    label = f"{start.year}年{'上' if start.month == 1 else '下'}半年"
    owner = site.config.owner_name(department)
    in_half = [
        n
        for n in site.notices
        if n.department == department and start <= n.published <= end and n.published <= today and not n.report
    ]
    items = site.items_of(department)
    rows = []
    sections = []
    for item in items:
        own = sorted((n for n in in_half if n.item == item.id), key=lambda n: (n.published, n.path))
        latest = max((n.published for n in own), default=None)
        if not item.applicable:
            rows.append([item.title, TIMING_ZH[item.timing], "—", f"不适用:{item.reason}"])
            continue
        rows.append([item.title, item.timing_zh, len(own), latest or "本半年无新增"])
        if own:
            entries = "\n".join(
                f"- {n.published} {notice_link(n)}" + (f"({n.doc_number})" if n.doc_number else "") for n in own
            )
            sections.append(f"### {item.title}\n\n{entries}")
    requests = [r for r in site.requests if r.department == department and start <= r.received <= end]
    replied = [r for r in site.requests if r.department == department and r.replied and start <= r.replied <= end]
    concerns = [c for c in site.concerns if c.department == department and start <= c.received <= end]
    cal = site.config.calendar()
    concern_states = Counter(concern_state(c, site, today, cal).state(today) for c in concerns)
    request_states = Counter(request_clock(r, cal).state(today) for r in replied)
    total = len(in_half)
    body = [
        f"根据政务公开有关规定,现将{owner}{label}({start}至{end})政务公开情况系统公开如下。"
        f"本半年共主动公开政府信息 {total} 条,涉及公开目录 {sum(1 for r in rows if r[2] not in (0, '—'))} 个事项。",
        "## 一、各事项公开情况",
        markdown_table(["公开事项", "公开时限", "本半年公开条数", "最近公开日期"], rows),
        "## 二、公开信息目录",
        "\n\n".join(sections) if sections else "本半年未公开信息。",
        "## 三、依申请公开和群众关切回应情况",
        f"本半年新收政府信息公开申请 {len(requests)} 件,答复 {len(replied)} 件"
        f"(按时答复 {request_states['answered-on-time']} 件,超期答复 {request_states['answered-late']} 件);"
        f"收到群众关切 {len(concerns)} 件,按时公开回应 {concern_states['answered-on-time']} 件,"
        f"超期回应 {concern_states['answered-late']} 件,"
        f"尚未回应 {concern_states['pending'] + concern_states['overdue']} 件"
        f"(其中已超过回应时限 {concern_states['overdue']} 件)。"
        if concerns or requests or replied
        else "本半年未收到政府信息公开申请和群众关切事项。",
    ]
    title = f"{owner}{label}政务公开综合情况"
    head = front_matter(
        site,
        title=title,
        department=department,
        today=today,
        report=f"half-year-{key}",
        summary=f"{label}共主动公开政府信息 {total} 条。",
    )
    folder = Path("content") / (department or "gov") / owner_item(site, department)
    return GeneratedNotice(folder / f"half-year-{key}.md", head + "\n" + "\n\n".join(body) + "\n")
