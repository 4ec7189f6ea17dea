"""`govdisclose new notice`: write a notice file with complete front matter and print its path."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from ..model import TIMING_ZH
from ..scaffold import next_index_no, yaml_scalar
from ..schema import suggest
from .common import load_valid_site


def run_new_notice(site_dir: Path, today: date, item_id: str, department: str | None, title: str) -> int:
    site = load_valid_site(site_dir, today, "新建公告", department)
    if site is None:
        return 2
    item = site.items_by_key.get((department, item_id))
    if item is None and department is None and any(key[1] == item_id for key in site.items_by_key if key[0]):
        depts = ", ".join(d.id for d in site.config.departments)
        print(f"govdisclose: '{item_id}' 是部门目录事项,请用 --department 指定部门(可选:{depts})", file=sys.stderr)
        return 2
    if item is None:
        choices = [key[1] for key in site.items_by_key if key[0] == department]
        owner = f"部门 '{department}' 的" if department else "政府"
        print(f"govdisclose: {owner}公开目录中没有事项 '{item_id}'{suggest(item_id, choices)}", file=sys.stderr)
        return 2
    if not item.applicable:
        print(f"govdisclose: 事项 '{item_id}' 已标记为不适用({item.reason})", file=sys.stderr)
        return 2

    dept = site.config.department(department)
    org_code = dept.org_code if dept else site.config.government_org_code
    index_no = ""
    if org_code:
        index_no = next_index_no([n.index_no for n in site.notices if n.index_no], org_code, today.year)
    serial = index_no.rsplit("-", 1)[-1] if index_no else "new"
    folder = site_dir / "content" / (department or "gov") / item_id
    target = folder / f"{today.isoformat()}-{serial}.md"
    counter = 2
    while target.exists():
        target = folder / f"{today.isoformat()}-{serial}-{counter}.md"
        counter += 1

    lines = [
        "---",
        f"title: {yaml_scalar(title)}",
        f"item: {item_id}",
        *([f"department: {department}"] if department else []),
        f"published: {today}",
    ]
    if item.timing == "ad-hoc":
        lines.append(f"decided: {today}              # 成文/决定日期:须在此后 {site.config.rules.ad_hoc.zh()}内公开")
    if item.timing == "hot-issue":
        lines.append(
            f"received: {today}             # 收到群众诉求的日期:须在此后 {site.config.rules.hot_issue.zh()}内回应"
        )
    lines += [
        f"publisher: {yaml_scalar(site.config.owner_name(department))}",
        "doc_number:                     # 文号,例如 示政办〔2026〕20号",
        f"index_no: {yaml_scalar(index_no)}" if index_no else "index_no:                       # 索引号",
        "effective:                      # 生效日期",
        "expires:                        # 失效日期",
        "status: active",
        "summary:                        # 摘要(一句话)",
        "attachments: []",
        "changes: []",
        "---",
        "",
        f"<!-- {TIMING_ZH[item.timing]}事项「{item.title}」。在此撰写正文(Markdown)。 -->",
        "",
    ]
    folder.mkdir(parents=True, exist_ok=True)
    # exclusive creation: never overwrite a file someone else just wrote
    with target.open("x", encoding="utf-8") as handle:
        handle.write("\n".join(lines))
    print(target.relative_to(site_dir) if target.is_relative_to(site_dir) else target)
    return 0
