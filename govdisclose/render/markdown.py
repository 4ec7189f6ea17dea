"""Notice bodies: Python-Markdown (tables, footnotes, heading ids, a table of contents for long
documents), then nh3 sanitising. Bodies are pasted from word processors: treat them as untrusted,
so no script, event handler or javascript: URL reaches a page."""

from __future__ import annotations

import re
from dataclasses import dataclass

import markdown
import nh3
from markdown.extensions.toc import slugify_unicode

# A table of contents is shown for documents with at least this many headings.
TOC_MIN_HEADINGS = 4

_ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd", "del", "details", "div",
    "dl", "dt", "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "li", "ol",
    "p", "pre", "s", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th",
    "thead", "tr", "u", "ul",
}  # fmt: skip
_ALLOWED_ATTRIBUTES = {
    "*": {"id", "class", "title", "lang"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan", "style"},
    "th": {"colspan", "rowspan", "scope", "style"},
    "ol": {"start"},
}
# Only text-align survives in style attributes (Markdown tables use it for column alignment).
_STYLE_PROPERTIES = {"text-align"}
_HEADING = re.compile(r"<h([2-4]) id=")


@dataclass(frozen=True, slots=True)
class RenderedBody:
    html: str
    toc_html: str  # empty unless the document is long enough to need one


class MarkdownRenderer:
    """One Markdown instance per renderer, reset between documents (creating one is costly)."""

    def __init__(self) -> None:
        self._md = markdown.Markdown(
            extensions=["tables", "footnotes", "toc", "sane_lists", "fenced_code", "def_list"],
            extension_configs={
                # Chinese headings get readable ids (#一总体情况) instead of _1, _2, …
                "toc": {"toc_depth": "2-4", "permalink": False, "slugify": slugify_unicode},
                "footnotes": {"BACKLINK_TITLE": "返回正文第 %d 处"},
            },
            output_format="html",
        )

    def render(self, text: str) -> RenderedBody:
        """Markdown → sanitised HTML, with a table of contents for long documents."""
        self._md.reset()
        # Headings in a notice start at level 2: the page title is the only h1.
        html = self._md.convert(_demote_h1(text))
        toc_html = ""
        if len(_HEADING.findall(html)) >= TOC_MIN_HEADINGS:
            toc_html = sanitize(getattr(self._md, "toc", ""))
        return RenderedBody(sanitize(html), toc_html)


def _demote_h1(text: str) -> str:
    return re.sub(r"(?m)^# ", "## ", text)


def sanitize(html: str) -> str:
    """Remove scripts, event handlers, javascript: URLs and anything else not on the allow-list."""
    return nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        # notice:<索引号> links are resolved per page when the site is rendered (theme.resolve_links)
        url_schemes={"http", "https", "mailto", "tel", "notice"},
        link_rel="noopener noreferrer",
        filter_style_properties=_STYLE_PROPERTIES,
        strip_comments=True,
    )


def render_bodies(texts: list[str]) -> list[RenderedBody]:
    """Render many bodies with one renderer (the unit of work handed to a worker process)."""
    renderer = MarkdownRenderer()
    return [renderer.render(text) for text in texts]
