"""Atom feeds (the site, each department, each item), sitemap.xml and robots.txt."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date, datetime, time
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from ..model import SiteConfig
from . import urls
from .plan import OutputPage
from .views import NoticeView

FEED_ENTRIES = 50
ATOM = "http://www.w3.org/2005/Atom"


def absolute(config: SiteConfig, url: str) -> str:
    return config.base_url + url.lstrip("/")


def _timestamp(config: SiteConfig, day: date) -> str:
    return datetime.combine(day, time(0, 0), ZoneInfo(config.timezone)).isoformat()


def atom_feed(config: SiteConfig, title: str, page_url: str, views: list[NoticeView], today: date) -> bytes:
    """An Atom 1.0 feed of the newest notices; `updated` is the newest publication (or today)."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": config.language})
    ET.SubElement(feed, f"{{{ATOM}}}title").text = title
    ET.SubElement(feed, f"{{{ATOM}}}id").text = absolute(config, urls.feed_url(page_url))
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=absolute(config, urls.feed_url(page_url)))
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=absolute(config, page_url))
    newest = max((v.notice.published for v in views), default=today)
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = _timestamp(config, newest)
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = config.government_name
    for view in views[:FEED_ENTRIES]:
        n = view.notice
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(entry, f"{{{ATOM}}}title").text = n.title
        ET.SubElement(entry, f"{{{ATOM}}}id").text = absolute(config, view.url)
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=absolute(config, view.url))
        ET.SubElement(entry, f"{{{ATOM}}}published").text = _timestamp(config, n.published)
        changed = max([n.published, *(c.date for c in n.changes if c.date <= today)])
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = _timestamp(config, changed)
        entry_author = ET.SubElement(entry, f"{{{ATOM}}}author")
        ET.SubElement(entry_author, f"{{{ATOM}}}name").text = view.publisher
        ET.SubElement(entry, f"{{{ATOM}}}category", term=view.item.id, label=view.item.title)
        summary = n.summary or " · ".join(p for p in (n.doc_number, view.item.title, view.validity) if p)
        ET.SubElement(entry, f"{{{ATOM}}}summary").text = summary
    ET.indent(feed)
    return (
        b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="utf-8", xml_declaration=False) + b"\n"
    )


def sitemap(config: SiteConfig, pages: list[OutputPage], lastmod: dict[str, date]) -> bytes:
    """sitemap.xml of every HTML page except 404, with lastmod for notice pages."""
    ns = "http://www.sitemaps.org/schemas/sitemap/0.9"
    ET.register_namespace("", ns)
    root = ET.Element(f"{{{ns}}}urlset")
    for page in sorted(pages, key=lambda p: p.url):
        if page.url == urls.NOT_FOUND_URL or page.url.endswith("/print/"):
            continue
        entry = ET.SubElement(root, f"{{{ns}}}url")
        ET.SubElement(entry, f"{{{ns}}}loc").text = absolute(config, page.url)
        if page.url in lastmod:
            ET.SubElement(entry, f"{{{ns}}}lastmod").text = lastmod[page.url].isoformat()
    ET.indent(root)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"


def robots(config: SiteConfig) -> bytes:
    path = urlsplit(config.base_url).path or "/"
    sitemap_url = absolute(config, "/sitemap.xml")
    lines = ["User-agent: *", f"Allow: {path}", f"Disallow: {path}search/exact/", "", f"Sitemap: {sitemap_url}"]
    return ("\n".join(lines) + "\n").encode()
