"""One feed's work off the database: fetch (conditionally), parse, complete summaries, sign.

Runs in a worker thread with no database connection open. The result, a ``Collected``, is
merged into the store by ``merge.merge_feed`` on the main thread.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone

from ..records import Article, FeedConfig, FeedResult
from .feeds import parse_items, read_local
from .fetch import Fetcher
from .fulltext import fetch_page_text, is_summary_only
from .syndication import signature
from .urls import is_http

LOGGER = logging.getLogger(__name__)

__all__ = ["FeedState", "Item", "Collected", "collect_feed"]


@dataclass(frozen=True)
class FeedState:
    """What the store knows about a feed before fetching it."""

    url: str  # the address to fetch (after recorded permanent redirects)
    etag: str | None = None
    last_modified: str | None = None
    allow_private: bool = True  # False for dashboard feeds unless allow_private_feeds
    page_summaries: dict[str, str] = field(default_factory=dict)  # url -> summary, full-text articles


@dataclass(frozen=True)
class Item:
    """An article ready to merge, with where its text came from and its MinHash signature."""

    article: Article
    source: str = "feed"  # feed | page
    minhash: bytes | None = None
    page_etag: str | None = None
    page_last_modified: str | None = None


@dataclass(frozen=True)
class Collected:
    feed: FeedConfig
    result: FeedResult  # ok/error/not_modified, validators, permanent redirect
    items: tuple[Item, ...] = ()
    skipped: int = 0  # entries with nothing usable
    notice: str = ""
    disposition: str = ""  # for a feed without items: skip:not_modified | error:fetch | error:parse
    seen_at: datetime = field(default_factory=lambda: datetime.now(timezone.utc))


def _complete(fetcher: Fetcher, article: Article, state: FeedState) -> Item:
    """Full text for a summary-only entry of a ``fulltext`` feed; the summary stays when extraction fails."""
    if not is_http(article.url) or not is_summary_only(article.text):
        return Item(article)
    known = state.page_summaries.get(article.url)
    if known is not None and known == article.summary:
        return Item(article)  # stored with its page text and the summary did not change: nothing to do
    page = fetch_page_text(fetcher, article.url, allow_private=state.allow_private)
    if page.error or len(page.text) <= len(article.text):
        if page.error:
            LOGGER.info("full text of %s not used: %s", article.url, page.error)
        return Item(article)
    return Item(replace(article, text=page.text), source="page", page_etag=page.etag,
                page_last_modified=page.last_modified)


def collect_feed(feed: FeedConfig, state: FeedState, fetcher: Fetcher) -> Collected:
    """Fetch and prepare one feed; every problem comes back as data."""
    url = state.url or feed.url
    if is_http(url):
        got = fetcher.get(url, etag=state.etag, last_modified=state.last_modified, allow_private=state.allow_private)
    else:
        got = read_local(url, state.etag, fetcher.policy.max_bytes)
    if got.error:
        LOGGER.warning("feed %s failed: %s", feed.name, got.error)
        return Collected(feed, FeedResult(feed=feed.name, ok=False, error=f"feed {feed.name}: {got.error}",
                                          status=got.status, final_url=got.moved_to), disposition="error:fetch")
    if got.not_modified:
        return Collected(feed, FeedResult(feed=feed.name, ok=True, not_modified=True, status=got.status,
                                          etag=got.etag, last_modified=got.last_modified, final_url=got.moved_to),
                         disposition="skip:not_modified")
    seen_at = datetime.now(timezone.utc)
    parsed = parse_items(feed, got.body, content_type=got.content_type, seen_at=seen_at)
    if parsed.error:
        LOGGER.warning("feed %s unreadable: %s", feed.name, parsed.error)
        return Collected(feed, FeedResult(feed=feed.name, ok=False, error=parsed.error, status=got.status,
                                          final_url=got.moved_to), disposition="error:parse")
    items = []
    for article in parsed.articles:
        item = _complete(fetcher, article, state) if feed.fulltext else Item(article)
        items.append(replace(item, minhash=signature(item.article.text or item.article.title)))
    result = FeedResult(feed=feed.name, ok=True, articles=parsed.articles, status=got.status, etag=got.etag,
                        last_modified=got.last_modified, final_url=got.moved_to)
    return Collected(feed, result, tuple(items), skipped=parsed.skipped, notice=parsed.notice, seen_at=seen_at)
