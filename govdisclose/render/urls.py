"""The URL scheme of a built site (docs/urls.md). URLs derive from what a thing is, never from
its position in a list, so they do not change when other content changes:

    /                                   home
    /catalog/                           公开目录 (government and every department)
    /items/<item-id>/[page/<n>/]        a government catalog item
    /notices/<index-no>/                a government notice, by 索引号 ('/' → '-')
    /notices/p/<path>/                  a notice without 索引号, by its file path under content/
    /dept/<dept-id>/                    a department sub-site (home, catalog/, items/, notices/ below)
    /status/  /search/  /pages/<slug>/  更新情况, 搜索, standalone pages
    /concerns/                          群众关切回应 (anchors #concern-<id>)
    <notice URL>print/                  the printable page of an annual report
    /files/<path under content/>        attachments, copied as they are
    feed.xml under the site, each department and each item; /sitemap.xml, /robots.txt, /404.html
"""

from __future__ import annotations

from pathlib import PurePosixPath

from ..model import CatalogItem, Notice, Page

ITEMS_PER_PAGE = 20


def owner_prefix(department: str | None) -> str:
    return f"/dept/{department}/" if department else "/"


def home_url(department: str | None = None) -> str:
    return owner_prefix(department)


def catalog_url(department: str | None = None) -> str:
    return owner_prefix(department) + "catalog/"


def item_url(item: CatalogItem, page: int = 1) -> str:
    base = f"{owner_prefix(item.department)}items/{item.id}/"
    return base if page == 1 else f"{base}page/{page}/"


def notice_slug(notice: Notice) -> str:
    if notice.index_no:
        return notice.index_no.replace("/", "-")
    return "p/" + str(PurePosixPath(notice.path).relative_to("content").with_suffix(""))


def notice_url(notice: Notice) -> str:
    return f"{owner_prefix(notice.department)}notices/{notice_slug(notice)}/"


def print_url(notice: Notice) -> str:
    """The printable version of a report (annual reports have one)."""
    return notice_url(notice) + "print/"


def page_url(page: Page) -> str:
    return f"/pages/{page.slug}/"


def attachment_url(site_path: str) -> str:
    """Attachments keep their path under content/ (or the site root, for files kept elsewhere)."""
    path = PurePosixPath(site_path)
    return "/files/" + str(path.relative_to("content") if path.parts[0] == "content" else path)


def feed_url(owner_url: str) -> str:
    return owner_url + "feed.xml"


STATUS_URL = "/status/"
CONCERNS_URL = "/concerns/"
SEARCH_URL = "/search/"
NOT_FOUND_URL = "/404.html"


def output_path(url: str) -> str:
    """The file a URL is written to, relative to the output folder."""
    return url.lstrip("/") + "index.html" if url.endswith("/") else url.lstrip("/")


def relative(target: str, from_url: str) -> str:
    """A link from the page at `from_url` to the site path `target`, relative so the site works
    under any path (an intranet often serves it below /zwgk/) and from the file system.

    It climbs to the site root and descends again (../../items/gov-03/): the same string for every
    page at one depth, which keeps rendering cheap and output easy to compare."""
    if not target.startswith("/"):
        return target
    depth = from_url.count("/") - 1
    return ("../" * depth + target[1:]) or "./"
