"""The theme: one Jinja environment per build (autoescape, StrictUndefined). A site overrides any
template or static asset by putting a file at the same relative path in its own templates/ or
static/ folder."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2

from ..model import SiteConfig
from . import urls
from .plan import OutputPage

THEMES_DIR = Path(__file__).resolve().parent.parent.parent / "themes"
DEFAULT_THEME = THEMES_DIR / "default"


@jinja2.pass_context
def _rel(context: jinja2.runtime.Context, target: str) -> str:
    if context.get("absolute_links") and target.startswith("/"):
        # the 404 page is shown at any missing path: its links start from the site's own path
        return context["base_path"] + target[1:]
    return urls.relative(target, context["page_url"])


_NOTICE_LINK = re.compile(r'href="notice:([^"]+)"')


@jinja2.pass_context
def _resolve_links(context: jinja2.runtime.Context, html: str, page_url: str) -> str:
    return resolve_links(html, page_url, context["notice_urls"])


def resolve_links(html: str, page_url: str, notice_urls: dict[str, str]) -> str:
    """Turn `notice:<索引号>` links into relative links to the notices (site-wide stable URLs)."""
    if "notice:" not in html:
        return html

    def replace(match: re.Match[str]) -> str:
        target = notice_urls.get(match[1])
        return f'href="{urls.relative(target, page_url)}"' if target else 'href="#"'

    return _NOTICE_LINK.sub(replace, html)


class Theme:
    """Templates and static assets, the site's own taking precedence over the theme's."""

    def __init__(self, site_root: Path, theme_dir: Path = DEFAULT_THEME) -> None:
        self.search_path = [site_root, theme_dir]
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader([str(d / "templates") for d in self.search_path]),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            auto_reload=False,  # one environment per build: no need to stat templates per page
        )
        self.env.filters["rel"] = _rel
        self.env.filters["resolve_links"] = _resolve_links
        self.env.globals["urls"] = urls

    def static_files(self) -> dict[str, Path]:
        """Relative path → file, the site's static/ overriding the theme's."""
        files: dict[str, Path] = {}
        for base in reversed(self.search_path):
            static = base / "static"
            if static.is_dir():
                for path in sorted(static.rglob("*")):
                    if path.is_file() and not path.name.startswith("."):
                        files[path.relative_to(static).as_posix()] = path
        return dict(sorted(files.items()))

    def render(self, page: OutputPage, common: dict[str, Any]) -> str:
        context = {
            **common,
            **page.context,
            "page_url": page.url,
            "column": page.column,
            "column_type": page.column_type,
        }
        return self.env.get_template(page.template).render(context)


def common_context(
    config: SiteConfig,
    owners: list[tuple[str | None, str]],
    today: Any,
    nav_pages: list[Any],
    notice_urls: dict[str, str],
) -> dict[str, Any]:
    """What every template sees."""
    return {
        "site": config,
        "site_domain": urlsplit(config.base_url).netloc,
        "base_path": urlsplit(config.base_url).path or "/",
        "owners": owners,
        "today": today,
        "nav_pages": nav_pages,
        "notice_urls": notice_urls,  # 索引号 → URL, for notice: links in bodies
    }
