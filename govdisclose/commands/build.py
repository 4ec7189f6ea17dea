"""`govdisclose build`: the public site, written atomically into the output folder."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from ..build import build_site, print_progress
from ..findings_output import CheckReport, format_text


def run_build(site_dir: Path, out_dir: Path, today: date, *, search: bool = True) -> int:
    """Build and print a summary; input errors are reported exactly as `check` reports them."""
    progress = print_progress if sys.stderr.isatty() else None
    result = build_site(site_dir, out_dir, today, search=search, progress=progress, background_cleanup=True)
    if result.status == 2:
        report = CheckReport(today, result.findings, None, 0, 0)
        sys.stdout.write(format_text(report))
        print(f"构建失败:输入有误,原有输出 {out_dir} 未改动。", file=sys.stderr)
        return 2
    if result.status == 1:
        for f in result.blocking:
            print(f"{f.location}: {f.message} [{f.rule}]")
        print(
            f"构建已停止:{len(result.blocking)} 处疑似个人信息,公开前必须处理;原有输出 {out_dir} 未改动。",
            file=sys.stderr,
        )
        return 1
    errors = sum(1 for f in result.findings if f.severity == "error")
    print(
        f"已生成 {out_dir}:页面 {result.pages} 个,公告 {result.notices} 篇,文件 {result.files} 个,"
        f"{result.bytes / 1024 / 1024:.1f} MB,用时 {result.seconds:.2f} 秒(统计日期 {today})。"
    )
    if errors:
        print(f"提示:有 {errors} 项时效问题(不影响发布),运行 govdisclose check 查看。")
    return 0
