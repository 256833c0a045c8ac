"""Feed entries -> clean ``Article`` records.

HTML from feeds never survives this module: text is extracted with lxml, scripts and styles
dropped, entities decoded. URLs are canonicalised with courlan (tracking parameters such as
``utm_*``, ``xtor``, ``fbclid`` removed, scheme and host normalised) and the fragment dropped.
"""

from __future__ import annotations

import calendar
import logging
import re
from datetime import datetime, timezone
from typing import Any
from urllib.parse import urldefrag, urlsplit

import courlan
import lxml.html
from lxml import etree

from ..records import Article, FeedConfig

LOGGER = logging.getLogger(__name__)

__all__ = ["html_to_text", "canonical_url", "entry_to_article", "safe_link"]

_BLOCK_TAGS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
               "section", "article", "tr", "table", "figure", "figcaption", "header", "footer", "pre"}
_DROP_TAGS = ("script", "style", "noscript", "iframe", "object", "embed", "template", "svg", "form")
_SPACES = re.compile(r"[ \t\r\f\v]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")


def html_to_text(html: str) -> str:
    """Plain text of an HTML fragment: paragraphs become blank-line separated, markup disappears.

    ``<p>Un <b>piratage</b> &eacute;voqu&eacute;</p><script>x()</script>`` -> ``Un piratage évoqué``
    """
    if not html or not html.strip():
        return ""
    if "<" not in html and "&" not in html:
        return _tidy(html)
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return _tidy(re.sub(r"<[^>]*>", " ", html))
    for bad in root.iter(*_DROP_TAGS):
        bad.drop_tree()
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.lower() in _BLOCK_TAGS:
            el.tail = "\n\n" + (el.tail or "")
    return _tidy(root.text_content())


def _tidy(text: str) -> str:
    text = text.replace("\u00ad", "")  # soft hyphens
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def canonical_url(url: str) -> str:
    """Canonical form used for deduplication; non-http(s) strings are returned stripped."""
    url = (url or "").strip()
    if not url.lower().startswith(("http://", "https://")):
        return url
    try:
        url = courlan.normalize_url(url, strict=False)
    except Exception:  # courlan raises ValueError and friends on odd URLs; keep the raw one
        LOGGER.debug("could not normalise URL %r", url)
    return urldefrag(url)[0]


def safe_link(url: str) -> str:
    """The URL if it is http(s), else the empty string (no javascript:, data:, file: links)."""
    url = (url or "").strip()
    return url if urlsplit(url).scheme.lower() in ("http", "https") else ""


def _entry_datetime(entry: Any, seen_at: datetime) -> datetime:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            return datetime.fromtimestamp(calendar.timegm(parsed), tz=timezone.utc)
    return seen_at


def _entry_html(entry: Any) -> tuple[str, str]:
    """(content, summary) HTML of an entry; content may be empty when the feed gives only a summary."""
    summary = entry.get("summary", "") or ""
    content = ""
    for part in entry.get("content", []) or []:
        value = part.get("value", "")
        if len(value) > len(content):
            content = value
    return content, summary


def entry_to_article(entry: Any, feed: FeedConfig, seen_at: datetime | None = None) -> Article | None:
    """One feedparser entry -> Article; None when the entry has neither link, guid nor text."""
    seen_at = seen_at or datetime.now(timezone.utc)
    link = safe_link(entry.get("link", ""))
    guid = (entry.get("id") or entry.get("guid") or "").strip()
    title = html_to_text(entry.get("title", "") or "")
    content_html, summary_html = _entry_html(entry)
    summary = html_to_text(summary_html)
    text = html_to_text(content_html) or summary
    if not (link or guid) or not (text or title):
        return None
    url = canonical_url(link) if link else f"{feed.name}#{guid}"
    return Article(url=url, guid=guid or url, title=title, text=text, summary=summary,
                   published=_entry_datetime(entry, seen_at), feed=feed.name, feed_kind=feed.kind)
