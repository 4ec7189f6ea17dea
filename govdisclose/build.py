"""The build pipeline: load and validate → evaluate rules → render bodies → plan pages →
render pages → index → write. Output goes to a temporary folder that replaces the previous
output only when everything succeeded, so a failed build leaves the published site untouched."""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import shutil
import sys
import threading
import time
import traceback
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import jinja2

from .diagnostics import Finding, Severity, has_input_errors, input_error
from .loader import load_site, reload_notices
from .model import Site
from .render import feeds, urls
from .render.markdown import RenderedBody, render_bodies
from .render.plan import OutputPage, SitePlan, plan_site
from .render.theme import Theme, common_context
from .rules import Evaluation, evaluate
from .search import write_search_index
from .write import replace_directory

PRIVACY_RULES = ("pii-id-number", "pii-mobile", "pii-bank-card")
# Bodies are rendered in a second process above this many notices (Markdown dominates builds).
PARALLEL_BODIES = 1500
# Pages are rendered by two processes above this many pages.
PARALLEL_PAGES = 2000

Progress = Callable[[str, int, int], None]


@dataclass
class BuildResult:
    status: int  # 0 built; 1 stopped by a privacy finding; 2 invalid input
    findings: list[Finding]
    site: Site | None = None
    evaluation: Evaluation | None = None
    pages: int = 0
    notices: int = 0
    files: int = 0
    bytes: int = 0
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)
    plan: SitePlan | None = None
    page_bodies: dict[str, RenderedBody] = field(default_factory=dict)

    @property
    def blocking(self) -> list[Finding]:
        """The findings that stopped the build."""
        if self.status == 2:
            return [f for f in self.findings if f.severity is Severity.ERROR and f.rule == "invalid-input"]
        return [f for f in self.findings if f.rule in PRIVACY_RULES]


class Stopwatch:
    """Wall-clock seconds per build stage (BuildResult.timings, printed by the benchmarks)."""

    def __init__(self) -> None:
        self.started = self._mark = time.perf_counter()
        self.timings: dict[str, float] = {}

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.timings[stage] = now - self._mark
        self._mark = now

    @property
    def total(self) -> float:
        return time.perf_counter() - self.started


class BodyCache:
    """Rendered bodies by source text, kept between rebuilds by `serve`; also the compiled theme
    for in-place updates (a full build starts a new one, so edited templates are picked up)."""

    def __init__(self) -> None:
        self._rendered: dict[str, RenderedBody] = {}
        self.theme: Theme | None = None

    def render_all(self, texts: list[str]) -> list[RenderedBody]:
        missing = sorted({t for t in texts if t not in self._rendered})
        for text, body in zip(missing, _render_many(missing), strict=True):
            self._rendered[text] = body
        self._rendered = {t: self._rendered[t] for t in texts}  # forget bodies no longer used
        return [self._rendered[t] for t in texts]


def _render_many(texts: list[str]) -> list[RenderedBody]:
    if len(texts) < PARALLEL_BODIES or (os.cpu_count() or 1) < 2:
        return render_bodies(texts)
    half = len(texts) // 2
    # fork starts at once; but `serve` runs watcher threads, and forking a threaded process is
    # unsafe, so there the worker is spawned (it then pays for importing Python-Markdown).
    method = "fork" if threading.active_count() == 1 else "spawn"
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context(method)) as pool:
        second = pool.submit(render_bodies, texts[half:])
        first = render_bodies(texts[:half])
        return first + second.result()


def build_site(
    site_dir: Path,
    out_dir: Path,
    today: date,
    *,
    search: bool = True,
    cache: BodyCache | None = None,
    progress: Progress | None = None,
    background_cleanup: bool = False,
) -> BuildResult:
    """Build the site at `site_dir` for `today` into `out_dir` (replaced only on success)."""
    clock = Stopwatch()

    unsafe = unsafe_output(site_dir, out_dir)
    if unsafe is not None:
        return BuildResult(2, [unsafe], timings=clock.timings)
    loaded = load_site(site_dir, today)
    clock.lap("load")
    if loaded.site is None or has_input_errors(loaded.findings):
        return BuildResult(2, loaded.findings, timings=clock.timings)
    site = loaded.site
    cache = cache or BodyCache()
    cache.theme = None
    planned = _evaluate_and_plan(site, today, cache, loaded.findings, clock)
    if isinstance(planned, BuildResult):
        planned.timings = clock.timings
        return planned
    evaluation, findings, plan, page_bodies = planned
    published = plan.notices

    out_dir = out_dir.resolve()
    staging = out_dir.parent / f".{out_dir.name}.building-{os.getpid()}"
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    try:
        try:
            written = _write_site(site, plan, today, staging, progress)
        except jinja2.TemplateError as exc:
            shutil.rmtree(staging, ignore_errors=True)
            return BuildResult(2, [template_error(exc, site.root)], site, evaluation, timings=clock.timings)
        clock.lap("render")
        # Indexing runs after rendering, not beside it: measured with 10,000 notices, running
        # both at once was slower (the pagefind indexer already uses every core).
        if search:
            index_site(staging, site, plan, page_bodies)
            clock.lap("search")
        size = sum(f.stat().st_size for f in staging.rglob("*") if f.is_file())
        files = sum(1 for f in staging.rglob("*") if f.is_file())
        replace_directory(staging, out_dir, background_cleanup=background_cleanup)
        clock.lap("swap")
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return BuildResult(
        0, findings, site, evaluation, pages=written, notices=len(published), files=files, bytes=size,
        seconds=clock.total, timings=clock.timings, plan=plan, page_bodies=page_bodies,
    )  # fmt: skip


def _evaluate_and_plan(
    site: Site,
    today: date,
    cache: BodyCache,
    load_findings: list[Finding],
    clock: Stopwatch,
) -> BuildResult | tuple[Evaluation, list[Finding], SitePlan, dict[str, RenderedBody]]:
    """Rules, bodies and the page plan; a BuildResult instead when personal data stops the build."""
    evaluation = evaluate(site, today)
    clock.lap("rules")
    findings = load_findings + evaluation.findings
    if any(f.rule in PRIVACY_RULES for f in findings):
        return BuildResult(1, findings, site, evaluation)
    published = site.published_notices(today)
    texts = [n.body for n in published] + [p.body for p in site.pages]
    rendered = cache.render_all(texts)
    bodies = {n.path: rendered[i] for i, n in enumerate(published)}
    page_bodies = {p.path: rendered[len(published) + i] for i, p in enumerate(site.pages)}
    clock.lap("markdown")
    plan = plan_site(site, evaluation, bodies, page_bodies)
    clock.lap("plan")
    return evaluation, findings, plan, page_bodies


def rebuild_changed_notices(
    previous: BuildResult, changed: set[str], out_dir: Path, today: date, cache: BodyCache
) -> BuildResult:
    """Update a built site in place after notice files changed (what `serve` does on each save).

    Only the changed notices are read again; rules and the page plan are worked out for the
    whole site as usual, but only the pages that can differ are rendered: the changed notices,
    notices related to them, their item pages, and the pages that summarise the site.
    """
    clock = Stopwatch()

    assert previous.site is not None and previous.plan is not None
    findings: list[Finding] = []
    notices = reload_notices(previous.site, changed, findings)
    if has_input_errors(findings):
        return BuildResult(2, findings, timings=clock.timings)
    site = dataclasses.replace(previous.site, notices=notices)
    clock.lap("load")
    planned = _evaluate_and_plan(site, today, cache, findings, clock)
    if isinstance(planned, BuildResult):
        planned.timings = clock.timings
        return planned
    evaluation, findings, plan, page_bodies = planned

    affected = set(changed)
    by_index = {n.index_no: n.path for n in [*previous.site.notices, *notices] if n.index_no}
    for notice in [*previous.site.notices, *notices]:
        targets = {by_index.get(i) for i in (*notice.replace, *notice.amend)}
        if notice.path in changed:
            affected |= {t for t in targets if t}  # the notices it repeals or amends
        elif targets & changed:
            affected.add(notice.path)  # a notice that repeals or amends a changed one
    before = {p.url: p.depends_on for p in previous.plan.pages}
    now = {p.url for p in plan.pages}
    pages = [
        p
        for p in plan.pages
        if p.depends_on is None
        or p.depends_on & affected
        or p.url not in before
        or (before[p.url] is not None and before[p.url] & affected)
    ]
    for url in sorted(set(before) - now):
        (out_dir / urls.output_path(url)).unlink(missing_ok=True)
    notice_urls = {v.notice.index_no: v.url for v in plan.notices if v.notice.index_no}
    common = common_context(site.config, plan.owners, today, list(site.pages), notice_urls)
    try:
        cache.theme = cache.theme or Theme(site.root)
        _render_pages(site.root, pages, common, out_dir, None, theme=cache.theme)
    except jinja2.TemplateError as exc:
        return BuildResult(2, [template_error(exc, site.root)], site, evaluation, timings=clock.timings)
    changed_items = {n.item_key for n in [*previous.site.notices, *notices] if n.path in affected}
    # the sitemap lists every page: rewrite it only when a page came or went, or a date moved
    same_sitemap = before.keys() == now and sitemap_dates(previous.plan, today) == sitemap_dates(plan, today)
    _write_files(site, plan, today, out_dir, changed_items, sitemap=not same_sitemap)
    clock.lap("render")
    return BuildResult(
        0, findings, site, evaluation, pages=len(pages), notices=len(plan.notices),
        seconds=clock.total, timings=clock.timings, plan=plan, page_bodies=page_bodies,
    )  # fmt: skip


# Written into every built site: a folder without it is never replaced by a build.
BUILD_MARKER = ".govdisclose-build"
_SOURCE_DIRS = ("catalog", "content", "requests", "concerns", "withheld", "reports", "templates", "static")


def unsafe_output(site_dir: Path, out_dir: Path) -> Finding | None:
    """Why `out_dir` must not be replaced by a build, or None. A build swaps the whole output
    folder, so it must never be the site itself, hold it, sit in its sources, or be a folder
    govdisclose did not build."""
    site, out = site_dir.resolve(), out_dir.resolve()
    reason = None
    if site == out or site.is_relative_to(out):
        reason = "输出目录不能是站点目录或其上级目录(构建会整体替换输出目录)"
    elif any(out.is_relative_to(site / name) for name in _SOURCE_DIRS):
        reason = "输出目录不能放在站点的源文件目录中"
    elif out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / BUILD_MARKER).exists())):
        reason = "输出目录已存在且不是 govdisclose 生成的网站,为免误删,拒绝覆盖;请指定新的或空的目录"
    if reason is None:
        return None
    return input_error(str(out_dir), 1, f"{reason}:{out}")


def template_error(exc: jinja2.TemplateError, site_root: Path) -> Finding:
    """A template problem as `path:line: message`: a site's own templates are its input too."""
    path, line = getattr(exc, "filename", None), getattr(exc, "lineno", None)
    if path is None:
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith((".html", ".xml", ".txt"))]
        if frames:
            path, line = frames[-1].filename, frames[-1].lineno
    shown = str(path or "templates")
    resolved = Path(shown).resolve()
    if resolved.is_relative_to(site_root.resolve()):
        shown = resolved.relative_to(site_root.resolve()).as_posix()
    return input_error(shown, line or 1, f"模板错误:{exc.message or exc}")


def index_site(out_dir: Path, site: Site, plan: SitePlan, page_bodies: dict[str, RenderedBody]) -> int:
    """Write the search index for a planned site into `out_dir`; returns the number of records."""
    pages = [(p, urls.page_url(p), page_bodies[p.path].html) for p in site.pages]
    return write_search_index(out_dir, plan.notices, pages, site.config.government_name, site.config.language)


def _write_site(site: Site, plan: SitePlan, today: date, out: Path, progress: Progress | None) -> int:
    """Render every planned page and write the site's other files; returns the number of pages."""
    seen: dict[str, str] = {}
    for page in plan.pages:
        target = urls.output_path(page.url)
        if target in seen:  # two pages at one URL would silently hide one of them
            raise RuntimeError(f"two pages at {page.url}: {seen[target]} and {page.template}")
        seen[target] = page.template
    notice_urls = {v.notice.index_no: v.url for v in plan.notices if v.notice.index_no}
    common = common_context(site.config, plan.owners, today, list(site.pages), notice_urls)
    total = len(plan.pages)
    pages = plan.pages
    worker = None
    if total >= PARALLEL_PAGES and (os.cpu_count() or 1) > 1 and threading.active_count() == 1:
        # A forked child renders the second half: it inherits the plan without copying it.
        half = total // 2
        worker = multiprocessing.get_context("fork").Process(
            target=_render_pages, args=(site.root, pages[half:], common, out, None)
        )
        worker.start()
        pages = pages[:half]
    _render_pages(site.root, pages, common, out, progress, total)
    if worker is not None:
        worker.join()
        if worker.exitcode != 0:
            # render the worker's half here to raise its error with a proper traceback
            _render_pages(site.root, plan.pages[total // 2 :], common, out, None)
            raise RuntimeError(f"page rendering worker failed with exit code {worker.exitcode}")
    if progress is not None:
        progress("页面", total, total)
    _write_files(site, plan, today, out)
    return total


def sitemap_dates(plan: SitePlan, today: date) -> dict[str, date]:
    """lastmod of each notice page: its publication or latest recorded change."""
    return {
        v.url: max([v.notice.published, *(c.date for c in v.notice.changes if c.date <= today)]) for v in plan.notices
    }


def _write_files(
    site: Site,
    plan: SitePlan,
    today: date,
    out: Path,
    changed: set[tuple[str | None, str]] | None = None,
    sitemap: bool = True,
) -> None:
    """Everything but the pages: static assets, attachments, feeds, sitemap, robots.txt.

    With `changed` (the item keys whose notices changed, when `serve` updates a site in place),
    only the feeds that can differ are written again, and the static assets are left alone."""
    if changed is None:
        for rel, path in Theme(site.root).static_files().items():
            _write(out / "static" / rel, path.read_bytes())
    departments = None if changed is None else {None} | {dept for dept, _ in changed}
    for view in plan.notices:
        for attachment in view.notice.attachments:
            target = out / urls.output_path(urls.attachment_url(attachment.path))
            if not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(site.root / attachment.path, target)

    config = site.config
    for owner, name in plan.owners:
        if departments is not None and owner not in departments:
            continue
        own = [v for v in plan.notices if owner is None or v.notice.department == owner]
        title = config.title if owner is None else f"{name} - {config.title}"
        _write(
            out / urls.output_path(urls.feed_url(urls.home_url(owner))),
            feeds.atom_feed(config, title, urls.home_url(owner), own, today),
        )
    for item in site.items:
        if changed is not None and item.key not in changed:
            continue
        item_url = urls.item_url(item)
        title = f"{item.title} - {config.owner_name(item.department)}"
        _write(
            out / urls.output_path(urls.feed_url(item_url)),
            feeds.atom_feed(config, title, item_url, plan.by_item.get(item.key, []), today),
        )
    if sitemap:
        _write(out / "sitemap.xml", feeds.sitemap(config, plan.pages, sitemap_dates(plan, today)))
    _write(out / "robots.txt", feeds.robots(config))
    _write(out / BUILD_MARKER, b"Built by govdisclose. This folder is replaced as a whole by the next build.\n")


def _render_pages(
    root: Path,
    pages: list[OutputPage],
    common: dict[str, Any],
    out: Path,
    progress: Progress | None,
    total: int = 0,
    theme: Theme | None = None,
) -> None:
    theme = theme or Theme(root)
    for index, page in enumerate(pages, 1):
        _write(out / urls.output_path(page.url), theme.render(page, common).encode("utf-8"))
        if progress is not None and index % 250 == 0:
            progress("页面", index, total)


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def print_progress(label: str, done: int, total: int) -> None:
    """A one-line progress bar on stderr (only drawn on a terminal)."""
    width = 30
    filled = width * done // max(1, total)
    sys.stderr.write(f"\r{label} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
    if done == total:
        sys.stderr.write("\n")
    sys.stderr.flush()
