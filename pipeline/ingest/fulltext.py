"""Full text of an article page, for feeds that carry only a summary (``fulltext = true``).

The page is fetched with the same ``Fetcher`` as the feeds (same timeouts, size cap, per-host
limit, retries, conditional GET) and its main text extracted by trafilatura (boilerplate,
navigation, comments, scripts and markup removed). When anything fails, the caller keeps the
feed's summary: a missing full text is never an error of the feed.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import trafilatura

from .articles import _tidy
from .fetch import Fetcher

LOGGER = logging.getLogger(__name__)

__all__ = ["PageText", "fetch_page_text", "extract_main_text", "is_summary_only", "SHORT_TEXT"]

SHORT_TEXT = 800  # characters: a feed text this short is treated as a summary


@dataclass(frozen=True)
class PageText:
    url: str
    text: str = ""  # extracted main text; empty when not modified or failed
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False
    error: str = ""


def is_summary_only(text: str) -> bool:
    """A feed entry worth completing from its page: short or empty text."""
    return len(text) < SHORT_TEXT


def extract_main_text(html: bytes | str, url: str = "") -> str:
    """Main text of an HTML page as plain text, '' when trafilatura finds none."""
    try:
        text = trafilatura.extract(html, url=url or None, include_comments=False, include_tables=False,
                                   include_images=False, include_links=False, favor_precision=True)
    except Exception as exc:  # trafilatura/lxml can raise on hostile markup; a failure is just "no full text"
        LOGGER.info("extraction failed for %s: %s", url, exc)
        return ""
    return _tidy((text or "").replace("\n", "\n\n"))


def fetch_page_text(fetcher: Fetcher, url: str, *, etag: str | None = None, last_modified: str | None = None,
                    allow_private: bool = True) -> PageText:
    """Fetch an article page (conditionally) and extract its main text; problems come back in ``error``."""
    got = fetcher.get(url, etag=etag, last_modified=last_modified, allow_private=allow_private)
    if got.error:
        return PageText(url, error=got.error)
    if got.not_modified:
        return PageText(url, not_modified=True, etag=got.etag, last_modified=got.last_modified)
    ctype = got.content_type.split(";")[0].strip().lower()
    if ctype and "html" not in ctype and "xml" not in ctype:
        return PageText(url, error=f"{url}: not an HTML page ({ctype})")
    text = extract_main_text(got.body, url)
    if not text:
        return PageText(url, error=f"{url}: no main text found", etag=got.etag, last_modified=got.last_modified)
    return PageText(url, text=text, etag=got.etag, last_modified=got.last_modified)
