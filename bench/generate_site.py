"""Generate a synthetic disclosure site of N notices for benchmarks.

    python bench/generate_site.py --notices 10000 --out bench/out/site-10000

The catalogs are the demo site's (19 government items, 12 items for each of 8 departments); notices
are Chinese prose assembled from phrases in the register of the source documents, spread over
2024–2026 so that the rules have real work to do. The output is deterministic for a given N.
"""

from __future__ import annotations

import argparse
import random
import shutil
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

DEPARTMENTS = [
    ("czj", "示例市财政局"),
    ("jyj", "示例市教育局"),
    ("sthjj", "示例市生态环境局"),
    ("zjj", "示例市住房和城乡建设局"),
    ("wjw", "示例市卫生健康委员会"),
    ("gaj", "示例市公安局"),
    ("mzj", "示例市民政局"),
    ("rsj", "示例市人力资源和社会保障局"),
]

SUBJECTS = [
    "城乡居民基本医疗保险",
    "高标准农田建设",
    "老旧小区改造",
    "义务教育阶段学校招生",
    "大气污染防治",
    "政府集中采购",
    "重点项目建设",
    "最低生活保障",
    "就业创业补贴",
    "安全生产专项整治",
    "食品安全抽检",
    "城市道路维修",
    "防汛抗旱",
    "行政许可事项清单",
    "财政预算执行",
    "社会救助",
    "农村人居环境整治",
]
PHRASES = [
    "为深入贯彻落实党中央、国务院和省委、省政府决策部署,进一步提高政府工作透明度,",
    "根据《中华人民共和国政府信息公开条例》和有关法律法规规定,结合我市实际,",
    "各县(市、区)人民政府,市人民政府各部门要高度重视,切实加强组织领导,明确责任分工,",
    "确保各项工作任务按时保质完成。对工作推进不力、造成不良影响的,依规依纪严肃追究责任。",
    "本年度全市一般公共预算收入完成情况良好,民生支出占比保持在百分之七十以上,",
    "坚持以人民为中心的发展思想,着力解决群众急难愁盼问题,不断增强人民群众获得感、幸福感、安全感。",
    "市政府办公室将对落实情况进行跟踪督办,并适时通报。",
    "申请人可通过网上申请、信函申请、当面申请等方式向本机关提出政府信息公开申请。",
    "经研究,现将有关事项通知如下:",
    "各有关单位要严格按照时间节点推进工作,及时报送进展情况。",
]


def _body(rng: random.Random, subject: str) -> str:
    parts = [f"## 一、{subject}工作总体情况", "".join(rng.choices(PHRASES, k=4))]
    parts += ["## 二、主要措施", "".join(rng.choices(PHRASES, k=5))]
    parts += ["| 项目 | 数量 | 金额(万元) |", "| --- | --- | --- |"]
    parts += [f"| {s} | {rng.randint(1, 90)} | {rng.randint(10, 99999)} |" for s in rng.sample(SUBJECTS, 3)]
    parts += ["## 三、下一步工作安排", "".join(rng.choices(PHRASES, k=3))]
    return "\n\n".join(parts)


def generate(n: int, out: Path) -> Path:
    """Write a site with `n` notices to `out` (replacing it) and return `out`."""
    rng = random.Random(n)
    if out.exists():
        shutil.rmtree(out)
    (out / "catalog/departments").mkdir(parents=True)
    shutil.copy(REPO / "catalog/government.yaml", out / "catalog/government.yaml")
    shutil.copy(REPO / "catalog/department.yaml", out / "catalog/department.yaml")
    depts = "\n".join(
        f'  - {{id: {d}, name: {name}, org_code: "0066301{i:02d}"}}' for i, (d, name) in enumerate(DEPARTMENTS)
    )
    (out / "site.yaml").write_text(
        'title: 示例市人民政府信息公开(基准测试)\nbase_url: https://bench.example.gov.cn/\nsite_code: "4103000001"\n'
        'government:\n  name: 示例市人民政府\n  org_code: "006630001"\n'
        f"departments:\n{depts}\n",
        encoding="utf-8",
    )
    import yaml

    gov_items = yaml.safe_load((REPO / "catalog/government.yaml").read_text("utf-8"))["items"]
    dept_items = yaml.safe_load((REPO / "catalog/department.yaml").read_text("utf-8"))["items"]
    owners = [(None, "006630001", gov_items)] + [
        (d, f"0066301{i:02d}", dept_items) for i, (d, _) in enumerate(DEPARTMENTS)
    ]
    serials: dict[tuple[str, int], int] = {}
    start = date(2024, 1, 1)
    for index in range(n):
        dept, org, items = owners[index % len(owners)]
        item = items[(index // len(owners)) % len(items)]
        published = start + timedelta(days=int(1059 * (index / max(1, n - 1))))
        subject = rng.choice(SUBJECTS)
        serial = serials[(org, published.year)] = serials.get((org, published.year), 0) + 1
        fm = [
            "---",
            f"title: 关于{subject}有关事项的通知({index})",
            f"item: {item['id']}",
            *([f"department: {dept}"] if dept else []),
            f"published: {published}",
            f"index_no: {org}/{published.year}-{serial:05d}",
            f"doc_number: 示政办〔{published.year}〕{serial}号",
        ]
        if item["timing"] in ("ad-hoc", "hot-issue"):
            key = "decided" if item["timing"] == "ad-hoc" else "received"
            fm.append(f"{key}: {published - timedelta(days=rng.randint(0, 5))}")
        fm.append("---")
        folder = out / "content" / (dept or "gov") / item["id"]
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"n{index:06d}.md").write_text("\n".join(fm) + "\n\n" + _body(rng, subject) + "\n", encoding="utf-8")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--notices", type=int, default=1000)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    out = args.out or REPO / "bench" / "out" / f"site-{args.notices}"
    print(generate(args.notices, out))


if __name__ == "__main__":
    main()
