"""Command line: parse arguments, call one command function, return its exit status."""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from . import __version__
from .config import load_config
from .sources import parse_date

EXIT_USAGE = 2


def _date_arg(text: str) -> date:
    parsed = parse_date(text)
    if parsed is None:
        raise argparse.ArgumentTypeError(f"'{text}' 不是有效日期(格式 YYYY-MM-DD)")
    return parsed


def default_today(site_dir: Path) -> date:
    """Today's date in the site's timezone (Asia/Shanghai unless site.yaml says otherwise)."""
    config = load_config(site_dir, [])
    return datetime.now(ZoneInfo(config.timezone if config else "Asia/Shanghai")).date()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="govdisclose",
        description="政府信息公开网站生成与时效检查 / static site generator and validator for disclosure portals",
    )
    parser.add_argument("--version", action="version", version=f"govdisclose {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser("check", help="检查公开目录与公告的时效和输入错误")
    check.add_argument("--site", type=Path, default=Path("."), help="站点目录(含 site.yaml),默认当前目录")
    check.add_argument("--today", type=_date_arg, help="检查日期 YYYY-MM-DD,默认为站点时区的今天")
    check.add_argument("--format", choices=("text", "json", "junit", "github"), default="text", dest="output_format")
    check.add_argument("--output", type=Path, help="把结果写入文件而不是标准输出")

    build = commands.add_parser("build", help="生成公开网站")
    build.add_argument("--site", type=Path, default=Path("."), help="站点目录(含 site.yaml),默认当前目录")
    build.add_argument("--out", type=Path, help="输出目录,默认 <站点目录>/public")
    build.add_argument("--today", type=_date_arg, help="统计日期 YYYY-MM-DD,默认为站点时区的今天")
    build.add_argument("--no-search", action="store_true", help="不生成搜索索引(更快,用于预览)")

    serve = commands.add_parser("serve", help="本地预览:生成、提供服务,文件改动后自动重新生成并刷新页面")
    serve.add_argument("--site", type=Path, default=Path("."), help="站点目录(含 site.yaml),默认当前目录")
    serve.add_argument("--port", type=int, default=8000, help="端口,默认 8000(只监听 127.0.0.1)")
    serve.add_argument("--today", type=_date_arg, help="统计日期 YYYY-MM-DD,默认为站点时区的今天")

    new = commands.add_parser("new", help="新建文件")
    kinds = new.add_subparsers(dest="kind", required=True, metavar="KIND")
    notice = kinds.add_parser("notice", help="新建一篇公告,写好完整的 front matter 并输出文件路径")
    notice.add_argument("--site", type=Path, default=Path("."), help="站点目录(含 site.yaml),默认当前目录")
    notice.add_argument("--item", required=True, help="目录事项 id,例如 gov-03、dept-05")
    notice.add_argument("--department", help="部门 id(部门事项必填)")
    notice.add_argument("--title", required=True, help="公告标题")
    notice.add_argument("--today", type=_date_arg, help="发布日期 YYYY-MM-DD,默认为站点时区的今天")

    report = commands.add_parser("report", help="生成半年综合公开报告或政府信息公开工作年度报告")
    report_kinds = report.add_subparsers(dest="report_kind", required=True, metavar="KIND")
    half = report_kinds.add_parser("half-year", help="半年综合公开:列出该半年各事项公开的信息")
    half.add_argument("half", help="半年,例如 2026H1")
    annual = report_kinds.add_parser("annual", help="政府信息公开工作年度报告(2021 年格式)")
    annual.add_argument("--year", required=True, help="报告年度,例如 2025")
    for sub in (half, annual):
        sub.add_argument("--site", type=Path, default=Path("."), help="站点目录(含 site.yaml),默认当前目录")
        sub.add_argument("--department", help="部门 id(不写则为政府本级)")
        sub.add_argument("--today", type=_date_arg, help="检查输入所用的日期 YYYY-MM-DD,默认为站点时区的今天")
        sub.add_argument("--published", type=_date_arg, help="报告的发布日期,默认与 --today 相同")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `govdisclose` console script."""
    args = build_parser().parse_args(argv)
    site_dir: Path = args.site
    if not site_dir.is_dir():
        print(f"govdisclose: 站点目录不存在:{site_dir}", file=sys.stderr)
        return EXIT_USAGE
    today = args.today or default_today(site_dir)
    if args.command == "check":
        from .commands.check import run_check

        return run_check(site_dir, today, args.output_format, args.output)
    if args.command == "build":
        from .commands.build import run_build

        return run_build(site_dir, args.out or site_dir / "public", today, search=not args.no_search)
    if args.command == "new":
        from .commands.new import run_new_notice

        return run_new_notice(site_dir, today, args.item, args.department, args.title)
    if args.command == "report":
        from .commands.report import run_report

        period = args.half if args.report_kind == "half-year" else args.year
        return run_report(site_dir, today, args.report_kind, period, args.department, args.published or today)
    if args.command == "serve":
        from .serve import serve

        return serve(site_dir, today, args.port)
    return EXIT_USAGE
