"""Generated reports: the half-year comprehensive disclosure and the annual report.

Each is written as an ordinary notice (Markdown with front matter, ready to review and commit),
filed under the catalog item `reports:` in site.yaml names, and carries `report: <key>` so the
validator knows it was published. Links to notices use `notice:<索引号>`, resolved when the site is
built.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..model import Notice, Site
from ..scaffold import next_index_no, yaml_scalar


@dataclass(frozen=True)
class GeneratedNotice:
    path: Path  # relative to the site root
    text: str


def owner_item(site: Site, department: str | None) -> str:
    return site.config.reports.department if department else site.config.reports.government


def front_matter(site: Site, *, title: str, department: str | None, today: date, report: str, summary: str) -> str:
    dept = site.config.department(department)
    org = dept.org_code if dept else site.config.government_org_code
    item = owner_item(site, department)
    catalog_item = site.items_by_key.get((department, item))
    decided = catalog_item is not None and catalog_item.timing == "ad-hoc"
    lines = [
        "---",
        f"title: {yaml_scalar(title)}",
        f"item: {item}",
        *([f"department: {department}"] if department else []),
        f"published: {today}",
        *([f"decided: {today}"] if decided else []),
        f"publisher: {yaml_scalar(site.config.owner_name(department))}",
    ]
    if org:
        lines.append(f"index_no: {next_index_no([n.index_no for n in site.notices if n.index_no], org, today.year)}")
    lines += [f"report: {report}", f"summary: {yaml_scalar(summary)}", "---", ""]
    return "\n".join(lines)


def notice_link(notice: Notice) -> str:
    """A Markdown link to a notice, by 索引号 when it has one."""
    title = notice.title.replace("[", "〔").replace("]", "〕")
    return f"[{title}](notice:{notice.index_no})" if notice.index_no else title


def markdown_table(header: list[str], rows: list[list[object]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join("---" for _ in header) + " |"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)
